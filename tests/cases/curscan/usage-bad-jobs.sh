curscan -j 0 testdata/cur/cur2-basic.csv
