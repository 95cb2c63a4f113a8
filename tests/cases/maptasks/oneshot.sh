# every task type and the open -> closed cycle, from one run over six days
C=testdata/state/contracts.tsv
mapstate -c $C -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > "$TMP/state"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/state" > "$TMP/tasks"
rc=$?
tests/cols task_id,type,status,entity,entity_kind,expected_tag,last_good_tag,drift_date,opened,closed,resolution,assignee,daily_impact,impact_to_date "$TMP/tasks"
echo "--- actions"
tests/cols type,action "$TMP/tasks"
exit $rc
