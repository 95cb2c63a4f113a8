curscan --tag team --tag cost-center testdata/cur/cur2-basic.csv | cut -f 1,9,14,15,17-20
