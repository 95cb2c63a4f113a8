curscan --max-errors -1 testdata/cur/cur2-basic.csv
