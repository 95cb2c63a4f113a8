curscan --tag team testdata/cur/legacy-basic.csv
