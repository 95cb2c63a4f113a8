curscan testdata/cur/bom.csv
