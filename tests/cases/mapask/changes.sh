# changes: what the last nights changed: state changes with their effect
# on the month-to-date rate, tasks opened and closed, the rate before and
# after (mapscore's for the day before and for the night).
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" changes; echo "exit $?"
mapask -d "$TMP/n" changes --since 2026-04-14; echo "exit $?"
echo "--- the rate before: mapscore --as-of 2026-04-13"
cp "$TMP/n/current/score-history.tsv" "$TMP/h"
mapscore -l "$TMP/n/current/ledger.tsv" -H "$TMP/h" --as-of 2026-04-13 | tests/cols window,eligible_cost,accruing_cost,rate | sed -n 2p
mapask -d "$TMP/n" -f tsv changes --since 2026-04-14 | tests/cols section,eligible_cost,accruing_cost,rate | awk -F '\t' '$1 == "rates"' | sed -n 1p
mapask -d "$TMP/n" changes --since yesterday; echo "exit $?"
