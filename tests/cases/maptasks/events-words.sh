# a state, reason or entity kind that is not a name of map-formats(5) in
# an events file is exit 3 with file:line, on any row (also one of a day
# the run does not replay)
C=testdata/state/contracts.tsv
mapstate -c $C -e "$TMP/ev" testdata/state/month.tsv > "$TMP/state"
maptasks -c $C -e "$TMP/ev" "$TMP/state" > "$TMP/tasks"
# try TITLE SED [OPTION]...: maptasks on the events edited by SED
try() { echo "--- $1"; sed "$2" "$TMP/ev" > "$TMP/bad"; shift 2; maptasks -c $C "$@" -e "$TMP/bad" "$TMP/state"; echo "exit $?"; }
try "unknown state in to" 's/\tELIGIBLE\tPENDING_TAG\t/\tELIGIBLE\tWAITING\t/'
try "NEW is only a from" 's/\tTAGGED\tSTALE_TAG\t/\tTAGGED\tNEW\t/'
try "unknown state in from" 's/\tSTALE_TAG\tTAGGED\t/\tSTALE\tTAGGED\t/'
try "unknown reason" 's/\tdrift:removed\t/\tdrift:gone\t/'
try "unknown entity kind" 's/\tprofile\t/\tinference-profile\t/'
try "a day before the previous list is read too" '2s/\tNEW\t/\tNOTHING\t/' -p "$TMP/tasks"
