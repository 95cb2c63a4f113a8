# misuse: exit 2 with a "Try --help" line
# (each command shown before its output, so a failure names it)
run() { echo "\$ $*"; "$@"; echo "exit $?"; }
run mapcontract
run mapcontract frobnicate
run mapcontract --file x.tsv list
run mapcontract list
run mapcontract list -f testdata/contracts/good.tsv --bogus
run mapcontract list -f testdata/contracts/good.tsv --id x
run mapcontract check -f testdata/contracts/good.tsv --format tsv
run mapcontract list -f testdata/contracts/good.tsv --format csv
run mapcontract check -f testdata/contracts/good.tsv extra
run mapcontract check-workloads
run mapcontract check-workloads -f testdata/contracts/good.tsv
run mapcontract new -f - --yes
run mapcontract new -f "$TMP/c.tsv" --auto-enroll new-accounts,name:x --yes
