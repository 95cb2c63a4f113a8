# FinOps Lead: portfolio-wide rate, PENDING_TAG exposure in dollars (day
# and month), credits claimed vs projected (the as-of month), the
# scoreboard, the 30-day trend
C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv D=testdata/score
mapstate -c $C -w $W -l "$TMP/led" testdata/state/month.tsv > /dev/null
mapscore -l "$TMP/led" -C $D/claims.tsv --role lead > "$TMP/lead"; echo "exit $?"
head -1 "$TMP/lead"
cut -f 2 "$TMP/lead" | uniq -c
for s in rate exposure credits scoreboard; do
	echo "--- $s"
	awk -F '\t' -v s=$s 'NR == 1 || $2 == s' "$TMP/lead" | case $s in
	rate) tests/cols window,by,group,eligible_cost,accruing_cost,rate,ai_rate,ownership,entities,PENDING_TAG ;;
	exposure) tests/cols by,group,PENDING_TAG,pending_daily,pending_cost,STALE_TAG,stale_daily,stale_cost ;;
	credits) tests/cols month,contract,projected,earned,received,gap,gap_pending,gap_stale ;;
	scoreboard) tests/cols team,map_compliance,ownership,score,grade ;;
	esac
done
echo "--- trend (last days)"
awk -F '\t' 'NR == 1 || $2 == "trend"' "$TMP/lead" | tests/cols date,eligible_cost,accruing_cost,rate | tail -7
echo "--- text"
mapscore -l "$TMP/led" -C $D/claims.tsv --role lead -f text
echo "--- no scope for the lead"
mapscore -l "$TMP/led" --role lead --scope Commerce; echo "exit $?"
