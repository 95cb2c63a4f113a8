# the fast scanner against libcsv, the parser of record (CSVIN_PARSER=libcsv):
# the same output, messages and status on every fixture and public export
for f in testdata/cur/*.csv testdata/cur/bucket/*/*/*/*/*.gz ../shared/corpus/*.csv; do
	[ -f "$f" ] || continue
	curscan -e 3 -s "$TMP/s1" "$f" > "$TMP/o1" 2> "$TMP/e1"; r1=$?
	CSVIN_PARSER=libcsv curscan -e 3 -s "$TMP/s2" "$f" > "$TMP/o2" 2> "$TMP/e2"; r2=$?
	if [ $r1 = $r2 ] && cmp -s "$TMP/o1" "$TMP/o2" && cmp -s "$TMP/e1" "$TMP/e2" && cmp -s "$TMP/s1" "$TMP/s2"; then
		n=$((${n:-0} + 1))
	else
		echo "DIFFERS: $f"
	fi
done
[ "${n:-0}" -ge 18 ] && echo "fixtures and exports: identical"
