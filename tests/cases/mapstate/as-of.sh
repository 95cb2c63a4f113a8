# --as-of before the last day stops there; later days are left for the next run
mapstate -c testdata/state/contracts.tsv --as-of 2026-04-03 testdata/state/month.tsv | cut -f 1,2,12,13,19-25 | head -6
