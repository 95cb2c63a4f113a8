# every problem, one line each as FILE:LINE, exit 3
mapcontract check -f testdata/contracts/bad.tsv
