curscan testdata/cur/bad-fields.csv
