curscan --tag team testdata/cur/athena-basic.csv
