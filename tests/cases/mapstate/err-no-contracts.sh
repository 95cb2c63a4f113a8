mapstate testdata/state/month.tsv
