# mapnightly --mail when mail cannot go out: a mail command that fails for
# one recipient is reported with its status, the others are still sent, the
# night stays published (current/ is tonight's, with its report) and the
# exit status is 5; a mail command that is not there, the same for every
# message; and what is refused before anything runs (--mail without
# workloads, with --no-report, or without mapreport; a bad --mail-from)
python3 demo/gen_demo.py --out "$TMP/demo" --days 1 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
e=$TMP/demo/exports/2026-04-01
cat >"$TMP/sendmail" <<'STUB'
#!/bin/sh
# takes every message but li.wei's
m=$(cat)
case $m in *"To: li.wei@"*) echo "sendmail: connection refused" >&2; exit 75 ;; esac
echo "$m" | sed -n 's/^To: /sent to /p' >>"$MAILBOX"
STUB
chmod +x "$TMP/sendmail"
MAILBOX=$TMP/box
export MAILBOX
night() {	# STATEDIR [OPTION]...
	s=$1
	shift
	: >"$MAILBOX"
	mapnightly -d "$s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -r "$e" -m "$e/$M" "$@"
	echo "exit $?; $(wc -l <"$MAILBOX") sent; current/: $(sed -n '2s/\t.*//p' "$s/current/state.tsv"), $(ls "$s/current/report" | wc -l) pages"
}
echo "--- one recipient's mail fails"
night "$TMP/s" --mail --sendmail "$TMP/sendmail -t -oi"
echo "--- no such mail command"
night "$TMP/t" --mail --sendmail "$TMP/no-such-sendmail -t -oi" 2>"$TMP/err"
sed "s|: [0-9]*: |: |; s|: No such file or directory$|: not found|" "$TMP/err"
ls -A "$TMP/t" "$TMP/t/history"
echo "--- refused"
mapnightly -d "$TMP/s" -c demo/contracts.tsv --mail "$TMP/demo/x.csv"; echo "exit $?"
mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv --mail --no-report "$TMP/demo/x.csv"; echo "exit $?"
mapnightly -d "$TMP/s" -c demo/contracts.tsv --mail-from 'x@y
Bcc: z@w' "$TMP/demo/x.csv"; echo "exit $?"
mapnightly -d "$TMP/s" -c demo/contracts.tsv --mail=yes "$TMP/demo/x.csv"; echo "exit $?"
mkdir "$TMP/bin"
for t in curscan mapstate maptasks mapcredit mapscore; do ln -s "$BIN/$t" "$TMP/bin/$t"; done
mapnightly --bin "$TMP/bin" -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv --mail "$TMP/demo/x.csv"
echo "exit $?"
