# CUR 2.0 names, a custom subset in a custom order, no line item type
curscan testdata/cur/subset-reordered.csv
