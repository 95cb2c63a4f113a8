curscan < testdata/cur/athena-basic.csv && curscan - < testdata/cur/athena-basic.csv | tail -n 1
