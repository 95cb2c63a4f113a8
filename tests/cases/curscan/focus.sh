curscan --tag team testdata/cur/focus-basic.csv
