curscan testdata/cur
