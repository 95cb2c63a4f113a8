# a status, task type or entity kind that is not a name of map-formats(5)
# in the previous task list is exit 3 with file:line
C=testdata/state/contracts.tsv
mapstate -c $C -e "$TMP/ev" testdata/state/month.tsv > "$TMP/state"
maptasks -c $C -e "$TMP/ev" "$TMP/state" > "$TMP/tasks"
# try TITLE SED: maptasks with the task list edited by SED as the previous
try() { echo "--- $1"; sed "$2" "$TMP/tasks" > "$TMP/bad"; maptasks -c $C -p "$TMP/bad" "$TMP/state"; echo "exit $?"; }
try "unknown status" 's/\topen\t/\tOPEN\t/'
try "empty status" '2s/\tclosed\t/\t\t/'
try "unknown task type" 's/\tCREATE_PROFILE\t/\tMAKE_PROFILE\t/'
try "unknown entity kind" 's/\tai-direct\t/\tai_direct\t/'
echo "--- the good list reads back unchanged"
maptasks -c $C -p "$TMP/tasks" -e "$TMP/ev" "$TMP/state" | cmp - "$TMP/tasks" && echo identical
