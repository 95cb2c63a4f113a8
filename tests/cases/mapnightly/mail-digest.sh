# mapnightly --mail: once the night is published, each engineer and owner
# of the workloads with something new gets one digest through the mail
# command (here a stub that records what it is given); the first night
# everything is new, a quiet night sends nothing, and the night after that
# holds only what is new since the night before (a new task, its drift and
# its notification), with the recipient's page attached as published; a
# night run again sends the same bytes
python3 demo/gen_demo.py --out "$TMP/demo" --days 12 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
cat >"$TMP/sendmail" <<'STUB'
#!/bin/sh
# records each message with the arguments it was given
n=$(ls "$MAILBOX" | wc -l)
{ echo "X-Stub-Args: $*"; cat; } >"$MAILBOX/$(printf %03d "$n")"
STUB
chmod +x "$TMP/sendmail"
MAILBOX=$TMP/box
export MAILBOX
night() {	# DAY [OPTION]...
	e=$TMP/demo/exports/2026-04-$1
	shift
	rm -rf "$MAILBOX"
	mkdir "$MAILBOX"
	mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -i demo/inventory.tsv -r "$e" -m "$e/$M" "$@"
	echo "exit $?: $(ls "$MAILBOX" | wc -l) messages"
}
# the text part of a message, and each attachment checked against the page
# of current/report it names
show() {
	python3 - "$1" "$TMP/s/current/report" <<'PY'
import email, email.policy, os, re, sys
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
for h in ('X-Stub-Args', 'From', 'To', 'Subject', 'MIME-Version'):
    if m[h] is not None:
        print('%s: %s' % (h, m[h]))
# the boundary is a hash of the parts: its form, not its value
b = m.get_boundary() or ''
print('Content-Type: %s; boundary %s' % (m.get_content_type(),
      '=_map_HASH' if re.fullmatch('=_map_[0-9a-f]{16}', b) else repr(b)))
for p in m.iter_parts():
    if p.get_content_type() == 'text/plain':
        print(p.get_content(), end='')
    else:
        f = p.get_filename()
        page = open(os.path.join(sys.argv[2], f), 'rb').read()
        same = p.get_payload(decode=True) == page
        print('[%s, %s, %s: %s]' % (p.get_content_type(), p['Content-Transfer-Encoding'], f,
              'the published page' if same else 'NOT the published page'))
PY
}
echo "--- the first night: everything is new"
night 01 --mail --sendmail "$TMP/sendmail -t -oi" --mail-from map-bot@aurora-retail.example
for f in "$MAILBOX"/*; do sed -n 's/^\(To\|Subject\): //p' "$f" | paste - -; done
show "$MAILBOX/000"
echo "--- quiet nights send nothing"
for d in 02 03 04 05 06 07 08 09 10; do night $d; done >/dev/null
MAP_SENDMAIL="$TMP/sendmail -t" night 11 --mail
echo "--- the night of April 12: only what is new since April 11"
MAP_SENDMAIL="$TMP/sendmail -t" night 12 --mail
for f in "$MAILBOX"/*; do echo "=== ${f##*/}"; show "$f"; done
echo "--- April 12 again: the same bytes (MIME boundary from the content)"
cp -r "$MAILBOX" "$TMP/first"
MAP_SENDMAIL="$TMP/sendmail -t" night 12 --mail
diff -r "$TMP/first" "$MAILBOX" && echo "identical"
echo "--- mapreport --digest on its own: the message files"
mapreport -d "$TMP/s" -w demo/workloads.tsv --digest "$TMP/digest"; echo "exit $?"
ls "$TMP/digest"
sed '/^X-Stub-Args/d' "$MAILBOX/000" | cmp - "$TMP/digest/marco.rossi@aurora-retail.example.eml" &&
	echo "the message mapnightly sent"
echo "--- a task for an entity and type whose earlier task was closed: reopened"
h=$TMP/s/history/2026-04-11/tasks.tsv
awk -F '\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next } { print }
$c["task_id"] == "cd854e906d550f4b" { $c["task_id"] = "0123456789abcdef"; $c["status"] = "closed"
	$c["opened"] = "2026-04-03"; $c["closed"] = "2026-04-05"; $c["resolution"] = "tagged"; $c["as_of"] = "2026-04-11"; print }' \
    "$TMP/s/current/tasks.tsv" | awk -F '\t' 'NR == 1 || $2 == "0123456789abcdef"' >"$TMP/closed.tsv"
tail -n +2 "$TMP/closed.tsv" >>"$h"
mapreport -d "$TMP/s" -w demo/workloads.tsv --digest "$TMP/digest2"; echo "exit $?"
grep -h -e '^Subject' -e '^Reopened' -e '^New tasks' "$TMP/digest2"/*.eml
