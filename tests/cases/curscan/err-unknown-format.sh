curscan testdata/cur/unknown-format.csv
