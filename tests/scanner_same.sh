#!/bin/sh
# scanner_same.sh SCANNER: curscan with CSVIN_PARSER=SCANNER against libcsv,
# the parser of record, on every fixture and public export: the same
# output, messages, summary and status. Prints "SCANNER DIFFERS: FILE" for
# each that is not, then "SCANNER: fixtures and exports identical to
# libcsv's" when at least 18 were compared and none differed. Run from the
# repository root by the curscan/scanner-* cases, with TMP set.
k=$1 n=0 bad=0
for f in testdata/cur/*.csv testdata/cur/bucket/*/*/*/*/*.gz ../shared/corpus/*.csv; do
	[ -f "$f" ] || continue
	CSVIN_PARSER=$k curscan -e 3 -s "$TMP/s1" "$f" > "$TMP/o1" 2> "$TMP/e1"; r1=$?
	CSVIN_PARSER=libcsv curscan -e 3 -s "$TMP/s2" "$f" > "$TMP/o2" 2> "$TMP/e2"; r2=$?
	if [ $r1 = $r2 ] && cmp -s "$TMP/o1" "$TMP/o2" && cmp -s "$TMP/e1" "$TMP/e2" && cmp -s "$TMP/s1" "$TMP/s2"; then
		n=$((n + 1))
	else
		echo "$k DIFFERS: $f"
		bad=1
	fi
done
[ "$n" -ge 18 ] && [ $bad = 0 ] && echo "$k: fixtures and exports identical to libcsv's"
