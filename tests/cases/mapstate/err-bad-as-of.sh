mapstate -c testdata/state/contracts.tsv --as-of 2026-13-01 testdata/state/month.tsv
