# The history: one row per day and workload; a day run again replaces its
# rows; a ledger of several days records every day
D=testdata/score H=$TMP/h.tsv
mapscore -l $D/april.tsv -H "$H" > /dev/null
rc=$?
cat "$H"
echo "--- the same day again: the same bytes"
cp "$H" "$TMP/h1"
mapscore -l $D/april.tsv -H "$H" > /dev/null
cmp "$H" "$TMP/h1" && echo identical
echo "--- one day at a time gives the same history as all days at once"
for d in 01 02 03; do
	awk -F '\t' -v d=2026-04-$d 'NR == 1 || $1 == d' $D/april.tsv > "$TMP/day$d"
	mapscore -l "$TMP/day$d" -H "$TMP/nightly.tsv" > "$TMP/out$d"
done
cmp "$TMP/nightly.tsv" "$H" && echo identical
mapscore -l $D/april.tsv | cmp - "$TMP/out03" && echo "same scores"
echo "--- a restated day replaces its rows, never adds"
sed 's/^\(2026-04-02\ti-web1.*\)\t10\.00\t10\.00\t10\.00\t/\1\t12.00\t12.00\t12.00\t/' "$TMP/day02" > "$TMP/day02r"
grep -c . "$H"
mapscore -l "$TMP/day02r" -H "$H" > /dev/null
grep -c . "$H"
diff "$TMP/h1" "$H"
echo "--- --as-of before the ledger's last day: later days are not scored nor recorded"
mapscore -l $D/april.tsv --as-of 2026-04-02 -H "$TMP/h2" | tests/cols window,days,rate
cut -f 1 "$TMP/h2" | uniq -c
echo "--- a history without the ledger's days keeps them"
mapscore -l $D/march.tsv -H "$TMP/h2" > /dev/null
cut -f 1 "$TMP/h2" | uniq -c
echo "--- an empty file is an empty history"
: > "$TMP/e"
mapscore -l $D/april.tsv -H "$TMP/e" > /dev/null
cmp "$TMP/e" "$TMP/h1" && echo identical
exit $rc
