curscan --format parquet testdata/cur/cur2-basic.csv
