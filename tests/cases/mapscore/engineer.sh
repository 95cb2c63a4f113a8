# Cloud Engineer: open tasks (PENDING_TAG), drift alerts (STALE_TAG), the
# MAP AI task queue, the lifecycle of their entities; each open task in one
# section, most credit lost per day first; only their own
C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv
mapstate -c $C -w $W -e "$TMP/ev" -l "$TMP/led" --as-of 2026-04-04 testdata/state/month.tsv > "$TMP/state"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/state" > "$TMP/tasks"
for who in raj@example.com kim@example.com sam@example.com; do
	echo "=== $who"
	mapscore -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -r engineer --scope $who > "$TMP/e"; echo "exit $?"
	cut -f 2 "$TMP/e" | uniq -c
	awk -F '\t' 'NR == 1 || $2 == "rate"' "$TMP/e" | tests/cols window,by,group,eligible_cost,accruing_cost,rate
	awk -F '\t' 'NR == 1 || ($2 != "rate" && $2 != "lifecycle")' "$TMP/e" | tests/cols section,task_id,type,entity,drift_date,last_good_tag,opened,daily_impact,impact_to_date
	awk -F '\t' 'NR == 1 || $2 == "lifecycle"' "$TMP/e" | tests/cols entity,workload,state,reason,eligibility_date,state_since,drift_date,at_risk_cost
done
echo "=== text"
mapscore -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -r engineer --scope kim@example.com -f text
echo "=== the unassigned queue"
mapscore -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -r engineer --scope unassigned | tests/cols section,task_id,type,entity,daily_impact
echo "=== an engineer who does not exist"
mapscore -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -r engineer --scope eve@example.com; echo "exit $?"
echo "=== without the state"
mapscore -l "$TMP/led" -t "$TMP/tasks" -r engineer --scope kim@example.com; echo "exit $?"
