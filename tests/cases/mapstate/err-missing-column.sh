printf "usage_start\taccount\tentity\n2026-04-01T00:00:00Z\t1\tx\n" | mapstate -c testdata/state/contracts.tsv
