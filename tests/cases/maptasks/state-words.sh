# a state, reason or entity kind that is not a name of map-formats(5) in
# the state file is exit 3 with file:line, as in mapstate and mapscore (no
# task is dropped silently)
C=testdata/state/contracts.tsv
mapstate -c $C testdata/state/month.tsv > "$TMP/state"
# try TITLE SED: maptasks on the state edited by SED
try() { echo "--- $1"; sed "$2" "$TMP/state" > "$TMP/bad"; maptasks -c $C "$TMP/bad"; echo "exit $?"; }
try "unknown state" 's/\tPENDING_TAG\t/\tWAITING\t/'
try "NEW is an events word, not a state" '/^[^\t]*\ti-never\t/s/\tPENDING_TAG\t/\tNEW\t/'
echo "--- empty state, from standard input"
sed '/^[^\t]*\ti-never\t/s/\tPENDING_TAG\t/\t\t/' "$TMP/state" | maptasks -c $C; echo "exit $?"
try "unknown reason" '/^[^\t]*\ti-never\t/s/\ttag-missing\t/\ttag-absent\t/'
try "unknown entity kind" 's/\tunattributed\t/\tUNATTRIBUTED\t/'
try "the kind curscan writes for lines of no entity is not an entity's" 's/\tunattributed\t/\tnone\t/'
echo "--- the good state still gives every task"
maptasks -c $C "$TMP/state" | tests/cols type,status,entity
