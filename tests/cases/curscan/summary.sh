curscan --tag team --summary "$TMP/sum" testdata/cur/cur2-basic.csv testdata/cur/legacy-basic.csv testdata/cur/focus-basic.csv testdata/cur/athena-basic.csv > /dev/null
cat "$TMP/sum"
