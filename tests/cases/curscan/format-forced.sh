# --format overrides detection; a wrong one is a missing column
curscan --format athena testdata/cur/subset-reordered.csv | head -2
curscan --format legacy testdata/cur/subset-reordered.csv
