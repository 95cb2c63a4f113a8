curscan testdata/cur/cur2-basic.csv
