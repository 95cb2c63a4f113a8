# the report stage: mapreport writes the night's pages into report/ of the
# dated copy, and current/report/ holds links to them, each renamed over
# the old one; a page no longer made goes; --no-report and a missing
# mapreport leave no report (current/report/ goes too); a mapreport that
# fails fails the night, which changes nothing
python3 demo/gen_demo.py --out "$TMP/demo" --days 3 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY [OPTION]...
	e=$TMP/demo/exports/2026-04-$1
	shift
	mapnightly -d "$TMP/s" -c demo/contracts.tsv -g demo/grants.tsv -i demo/inventory.tsv \
	    -r "$e" -m "$e/$M" "$@"
	echo "exit $?"
}
linked() {	# DAY: is every page of current/report the dated copy's?
	n=0
	for f in "$TMP/s/current/report"/*; do
		[ "$f" -ef "$TMP/s/history/2026-04-$1/report/${f##*/}" ] || echo "  ${f##*/}: not linked"
		n=$((n + 1))
	done
	echo "  $n pages, linked to history/2026-04-$1/report"
}
snap() { (cd "$TMP/s" && find . -type f ! -name .lock -exec cksum {} + | sort -k 3); }
echo "--- night 01"
night 01 -w demo/workloads.tsv
ls "$TMP/s/current/report"
linked 01
mapreport -d "$TMP/s" -w demo/workloads.tsv -o "$TMP/again" && diff -r "$TMP/s/current/report" "$TMP/again" &&
	echo "  mapreport on current/: the same pages"
echo "--- night 02, erp-legacy no longer in the workloads: its owner's page goes"
grep -v erp-legacy demo/workloads.tsv >"$TMP/workloads.tsv"
night 02 -w "$TMP/workloads.tsv"
echo "$(ls "$TMP/s/history/2026-04-01/report" | wc -l) pages, then $(ls "$TMP/s/current/report" | wc -l); gone:"
ls "$TMP/s/history/2026-04-01/report" | grep -v -x -F "$(ls "$TMP/s/current/report")"
linked 02
echo "--- night 03 with --no-report"
night 03 -w demo/workloads.tsv --no-report
ls "$TMP/s/history/2026-04-03" | tr '\n' ' '; echo
ls "$TMP/s/current" | tr '\n' ' '; echo
echo "--- night 03 again, mapreport not installed"
mkdir "$TMP/bin" "$TMP/stub"
for t in curscan mapstate maptasks mapcredit mapscore; do
	ln -s "$BIN/$t" "$TMP/bin/$t"
	ln -s "$BIN/$t" "$TMP/stub/$t"
done
night 03 -w demo/workloads.tsv --bin "$TMP/bin" 2>&1 | sed "s|$TMP|\$TMP|g"
ls "$TMP/s/current" | tr '\n' ' '; echo
echo "--- night 03 again with the report"
night 03 -w demo/workloads.tsv
linked 03
echo "--- a mapreport that fails"
printf '#!/bin/sh\necho "mapreport: something is wrong" >&2\nexit 3\n' >"$TMP/stub/mapreport"
chmod +x "$TMP/stub/mapreport"
snap >"$TMP/before"
night 03 -w demo/workloads.tsv --bin "$TMP/stub" 2>&1 | sed "s|$TMP|\$TMP|g"
snap | cmp - "$TMP/before" && echo "unchanged"
echo "left behind: $(ls -A "$TMP/s" "$TMP/s/current" "$TMP/s/current/report" | grep '^\.' | tr '\n' ' ')"
