# mapstate reads the night's month as curscan writes it (a pipe; the lines
# are never written to a file), so that it runs on the core curscan leaves
# free. Its
# failures stay what the stages' were: the stage that failed is named, with
# its status, nothing is published, and nobody waits for ever.
#   - curscan fails half way (killed): curscan's status is the night's, and
#     what mapstate says of the lines it did not get is left out;
#   - mapstate fails at once, without reading: its status; curscan, whose
#     pipe is gone, ends (no process left behind);
#   - --times: both stages' times;
#   - the previous month while it is open (the demo's March, 2026-03, read
#     from its own scan file) and the month of the night (piped): the same
#     files as a night with both read from files (curscan alone first).
python3 demo/gen_demo.py --out "$TMP/demo" --days 2 2>/dev/null || echo "gen_demo.py failed"
night() {	# BIN STATEDIR DAY [OPTION]...
	b=$1 s=$2 e=$TMP/demo/exports/2026-04-$3
	shift 3
	mapnightly --bin "$b" -d "$s" -c demo/contracts.tsv -w demo/workloads.tsv -r "$e" \
	    -a "2026-04-$(basename "$e" | cut -c 9-10)" --no-report "$@" 2>&1 | sed "s|$TMP|\$TMP|g"
}
stubs() {	# DIR: the real tools, but for the stand-ins written after
	mkdir "$1"
	for t in "$BIN"/*; do ln -s "$t" "$1/${t##*/}"; done
}
night "$BIN" "$TMP/s" 01; echo "exit $(cat "$TMP/s/current/state.tsv" >/dev/null && echo published)"
before=$(readlink "$TMP/s/current")
echo "--- curscan killed half way"
stubs "$TMP/kill"
rm "$TMP/kill/curscan"
cat > "$TMP/kill/curscan" <<EOS
#!/bin/sh
"$BIN/curscan" "\$@" | head -c 100000
kill -9 \$\$
EOS
chmod +x "$TMP/kill/curscan"
night "$TMP/kill" "$TMP/s" 02
[ "$(readlink "$TMP/s/current")" = "$before" ] && echo "the night before is still published"
echo "--- mapstate fails at once"
stubs "$TMP/fail"
rm "$TMP/fail/mapstate"
printf '#!/bin/sh\necho "mapstate: stand-in: failing" >&2\nexit 3\n' > "$TMP/fail/mapstate"
chmod +x "$TMP/fail/mapstate"
night "$TMP/fail" "$TMP/s" 02
[ "$(readlink "$TMP/s/current")" = "$before" ] && echo "the night before is still published"
sleep 1
pgrep -f "$TMP/demo/exports" >/dev/null && echo "a process of the night is left" || echo "no process left"
echo "--- --times"
night "$BIN" "$TMP/s" 02 --times
grep '^time' "$TMP/s/current/night.log" | cut -f 2 | tr '\n' ' '; echo
echo "--- March open, read from its scan file; April piped"
grep -E '^(open|checkpoint)' "$TMP/s/current/night.log"
# the same night with every period from a file: curscan, then mapstate
stubs "$TMP/files"
rm "$TMP/files/mapstate"
cat > "$TMP/files/mapstate" <<EOS
#!/bin/sh
for a; do [ "\$a" = - ] && { cat > "$TMP/stdin.tsv"; break; }; done
n=0; for a; do n=\$((n + 1)); [ "\$a" = - ] && set -- "\$@" "$TMP/stdin.tsv" || set -- "\$@" "\$a"; done
while [ \$n -gt 0 ]; do shift; n=\$((n - 1)); done
exec "$BIN/mapstate" "\$@"
EOS
chmod +x "$TMP/files/mapstate"
night "$BIN" "$TMP/a" 01 >/dev/null; night "$BIN" "$TMP/a" 02
night "$TMP/files" "$TMP/b" 01 >/dev/null; night "$TMP/files" "$TMP/b" 02
for f in "$TMP/a/current/"*.tsv; do
	cmp -s "$f" "$TMP/b/current/${f##*/}" || echo "${f##*/} differs"
done
echo "compared: $(ls "$TMP/a/current/"*.tsv | wc -l) files"
