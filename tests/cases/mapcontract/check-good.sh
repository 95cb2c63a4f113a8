# a good file: no output, exit 0 (comments, blank lines, a leap-day start,
# columns in any order, optional columns left out)
mapcontract check -f testdata/contracts/good.tsv; echo "exit $?"
mapcontract check -f testdata/contracts/minimal.tsv; echo "exit $?"
mapcontract check -f - < testdata/contracts/good.tsv; echo "exit $?"
