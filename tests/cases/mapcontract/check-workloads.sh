# check-workloads: a good file is silent; a bad one gets a line per problem
mapcontract check-workloads -w testdata/workloads/good.tsv; echo "exit $?"
mapcontract check-workloads -w testdata/workloads/bad.tsv; echo "exit $?"
mapcontract check-workloads --workloads testdata/workloads/missing-column.tsv
echo "exit $?"
