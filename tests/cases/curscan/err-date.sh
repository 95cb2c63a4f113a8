curscan testdata/cur/bad-date.csv
