# a reason that is not one of map-formats(5)'s in the previous state: exit 3
# with the state file's line, before any charge line is read
mapstate -c testdata/state/contracts.tsv testdata/state/month.tsv | sed "0,/\tservice-not-eligible\t/s//\tbored\t/" > "$TMP/prev"
mapstate -c testdata/state/contracts.tsv -s "$TMP/prev" testdata/state/month.tsv
