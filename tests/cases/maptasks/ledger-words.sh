# a state or entity kind that is not a name of map-formats(5) in a ledger
# is exit 3 with file:line, on any row
C=testdata/state/contracts.tsv
mapstate -c $C -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > "$TMP/state"
# try TITLE SED: maptasks with the ledger edited by SED
try() { echo "--- $1"; sed "$2" "$TMP/led" > "$TMP/bad"; maptasks -c $C -e "$TMP/ev" -l "$TMP/bad" "$TMP/state"; echo "exit $?"; }
try "unknown state" 's/\tPENDING_TAG\t/\tWAITING\t/'
try "unknown state on a row of no task" '3s/\tINELIGIBLE\t/\tIGNORED\t/'
try "unknown entity kind" 's/\tresource\t/\tinstance\t/'
echo "--- the second of two ledgers"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" -l "$TMP/bad" "$TMP/state"; echo "exit $?"
