# several files, different formats and column orders, output in input order
curscan testdata/cur/subset-reordered.csv testdata/cur/athena-basic.csv testdata/cur/focus-basic.csv
