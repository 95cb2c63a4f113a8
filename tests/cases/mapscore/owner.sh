# Product Owner: coverage rate of owned workloads, their entities'
# eligibility (derived, read-only), monthly credit attribution, and
# notifications of what blocks credit (nothing for them to do)
C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv D=testdata/score
mapstate -c $C -w $W -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > "$TMP/state"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/state" > "$TMP/tasks"
mapscore -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -a $D/attribution.tsv -r owner --scope ana@example.com > "$TMP/o"; echo "exit $?"
head -1 "$TMP/o"
cut -f 2 "$TMP/o" | uniq -c
awk -F '\t' 'NR == 1 || $2 == "rate"' "$TMP/o" | tests/cols window,by,group,eligible_cost,accruing_cost,rate,entities,PENDING_TAG
awk -F '\t' 'NR == 1 || $2 == "lifecycle"' "$TMP/o" | tests/cols entity,workload,state,reason,eligible_cost,accruing_cost
awk -F '\t' 'NR == 1 || $2 == "attribution"' "$TMP/o" | tests/cols month,workload,accruing_cost,share,credit,method
awk -F '\t' 'NR == 1 || $2 == "notifications"' "$TMP/o" | tests/cols task_id,workload,entity,assignee,daily_impact,note
echo "--- text, an owner of Bedrock workloads"
mapscore -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -a $D/attribution.tsv -r owner --scope mo@example.com -f text
echo "--- an owner who does not exist"
mapscore -l "$TMP/led" -s "$TMP/state" -r owner --scope nobody@example.com; echo "exit $?"
