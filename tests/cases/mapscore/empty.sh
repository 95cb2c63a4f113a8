# Groups and windows without eligible spend: the rate is empty (no rate),
# never 0 or 1; a day with no data is not counted
D=testdata/score
echo "--- only ineligible spend"
awk -F '\t' 'NR == 1 || $7 == ""' $D/april.tsv > "$TMP/inel"
mapscore -l "$TMP/inel" -b team | tests/cols window,group,cost,eligible_cost,rate,ai_rate,INELIGIBLE
echo "--- as of a day after the data: counts of the day unknown (empty)"
mapscore -l $D/april.tsv --as-of 2026-04-05 | tests/cols window,from,to,days,rate,entities,PENDING_TAG,pending_daily
echo "--- as of a day before any data: the overall row, with no rate"
mapscore -l $D/april.tsv --as-of 2026-03-02 | tests/cols window,days,group,cost,eligible_cost,rate,ownership,entities
echo "--- a header-only ledger with --as-of"
head -1 $D/april.tsv > "$TMP/none"
mapscore -l "$TMP/none" --as-of 2026-04-03 -f text
echo "--- and without: no day to score"
mapscore -l "$TMP/none"
