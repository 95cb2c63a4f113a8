curscan testdata/cur/bad-number.csv
