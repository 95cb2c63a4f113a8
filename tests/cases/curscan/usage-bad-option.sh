curscan --bogus testdata/cur/cur2-basic.csv
