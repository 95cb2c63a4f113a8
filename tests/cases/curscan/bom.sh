curscan testdata/cur/bom.csv
# a byte-order mark before a quoted first header field
curscan testdata/cur/bom-quoted.csv | tail -n 1
