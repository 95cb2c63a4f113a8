# The 30-day trend crosses the month boundary through the history: March
# is scored (and recorded), then April from April's ledger alone
D=testdata/score H=$TMP/history.tsv
mapscore -l $D/march.tsv -H "$H" > /dev/null
rc=$?
mapscore -l $D/april.tsv -H "$H" -b team | tests/cols window,from,to,days,group,eligible_cost,accruing_cost,rate
echo "--- the Lead's trend: 30 days back from 3 April"
mapscore -l $D/april.tsv -H "$H" -r lead | awk -F '\t' 'NR == 1 || $2 == "trend"' | tests/cols date,eligible_cost,accruing_cost,rate
mapscore -l $D/april.tsv -H "$H" -r lead -f text | sed -n '/^Trend/,$p'
echo "--- the same from both ledgers at once, without history"
mapscore -l $D/march.tsv -l $D/april.tsv -b team > "$TMP/both"
mapscore -l $D/april.tsv -H "$H" -b team | cmp - "$TMP/both" && echo same
exit $rc
