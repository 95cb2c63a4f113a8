curscan testdata/cur/missing-col.csv
