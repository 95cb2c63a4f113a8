curscan testdata/cur/does-not-exist.csv
