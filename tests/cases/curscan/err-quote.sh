curscan testdata/cur/bad-quote.csv
