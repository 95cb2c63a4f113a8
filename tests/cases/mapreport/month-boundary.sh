# The Lead's trend crosses the month boundary: the night of 3 April has
# April's ledger and a history that holds March; the line chart has a
# dotted line and a label where April begins, the target line, a point a
# day with a rate, and the same 30 days in its table as mapscore's trend
D=testdata/score R=$TMP/n/current
mkdir -p "$R"
cp $D/april.tsv "$R/ledger.tsv"
mapscore -l $D/march.tsv -H "$R/score-history.tsv" > /dev/null; echo "exit $?"
cp "$R/score-history.tsv" "$TMP/h"
mapreport -d "$TMP/n" --role lead --target 75%; echo "exit $?"
cmp "$R/score-history.tsv" "$TMP/h" && echo "history: read, not written"
sed -n '/<section id="trend">/,/<\/section>/p' "$TMP/n/report/lead.html"
echo "--- mapscore's trend, as the table shows it"
mapscore -l "$R/ledger.tsv" -H "$TMP/h" -r lead | awk -F '\t' 'NR == 1 || $2 == "trend"' | tests/cols date,rate | sed -n '1,2p;29,31p'
