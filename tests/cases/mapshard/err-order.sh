# A shard that is not in its tool's order cannot be merged: the file and
# the line where the order breaks, exit 3, nothing on standard output.
printf 'date\tentity\tcost\n2026-04-02\ti-b\t1\n2026-04-01\ti-a\t2\n' > "$TMP/l0"
printf 'date\tentity\tcost\n2026-04-01\ti-c\t3\n' > "$TMP/l1"
mapshard --merge -o "$TMP/out" "$TMP/l1" "$TMP/l0"
rc=$?
[ -e "$TMP/out" ] && echo "$TMP/out written"
exit $rc
