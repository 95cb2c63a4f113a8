# MAP Compliance Rate overall and per team, product, portfolio, workload:
# exact (0.8125 for team ml; 6/9 rounds up to 0.6667, 32/37.5 down to
# 0.8533), month to date and 30 days, entity counts of the as-of day, the
# AI share on its own; team data has spend but no eligible spend: its rate
# is empty, not 0; spend no workload claims is the group "unowned", last
D=testdata/score
R=window,days,by,group,eligible_cost,accruing_cost,rate,ai_eligible_cost,ai_accruing_cost,ai_rate,entities,ELIGIBLE,PENDING_TAG,TAGGED,STALE_TAG,INELIGIBLE
echo "--- overall (the whole default output)"
mapscore -l $D/april.tsv; echo "exit $?"
for by in team product portfolio workload; do
	echo "--- by $by, month to date"
	mapscore -l $D/april.tsv --by $by | awk -F '\t' 'NR == 1 || $2 == "mtd"' | tests/cols $R
done
echo "--- at-risk amounts and ownership by team (unowned spend shared out by account)"
mapscore -l $D/april.tsv -b team | tests/cols window,group,cost,unowned_cost,ownership,pending_cost,stale_cost,untrackable_cost,pending_daily,stale_daily
echo "--- two ledgers (March and April): the 30-day window reaches back into March"
mapscore -l $D/march.tsv -l $D/april.tsv -b team | tests/cols window,from,to,days,group,eligible_cost,accruing_cost,rate
echo "--- a ledger without the ownership columns: overall only, ownership unknown"
cut -f 1-11 $D/april.tsv > "$TMP/bare"
mapscore -l "$TMP/bare" | tests/cols window,group,cost,unowned_cost,ownership,rate
mapscore -l "$TMP/bare" -b team; echo "exit $?"
