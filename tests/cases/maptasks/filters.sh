C=testdata/state/contracts.tsv
mapstate -c $C -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > "$TMP/state"
echo "--- open"; maptasks -c $C -e "$TMP/ev" --open "$TMP/state" | tests/cols type,status,entity
echo "--- type"; maptasks -c $C -e "$TMP/ev" --type RETAG_RESOURCE "$TMP/state" | tests/cols type,status,entity
echo "--- assignee"; maptasks -c $C -e "$TMP/ev" --assignee unassigned --type CREATE_PROFILE "$TMP/state" | tests/cols type,assignee,entity
