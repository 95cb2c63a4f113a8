mapstate -c testdata/state/contracts.tsv testdata/state/month.tsv | sed "0,/\tTAGGED\t/s//\tHAPPY\t/" > "$TMP/prev"
mapstate -c testdata/state/contracts.tsv -s "$TMP/prev" testdata/state/month.tsv
