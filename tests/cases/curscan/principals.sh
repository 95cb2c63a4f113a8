curscan testdata/cur/cur2-principals.csv | cut -f 5,8,9,11,12,14
