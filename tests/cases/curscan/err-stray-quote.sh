curscan testdata/cur/bad-stray-quote.csv
