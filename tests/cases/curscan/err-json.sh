curscan testdata/cur/bad-json.csv
