# aligned text, and canonical TSV (fixed column order, normalised values)
mapcontract list -f testdata/contracts/good.tsv
mapcontract list -f testdata/contracts/good.tsv --format tsv
mapcontract list --format=text -f testdata/contracts/minimal.tsv
