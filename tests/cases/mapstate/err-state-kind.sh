# an entity_kind that is not a kind in the previous state: exit 3 with the
# state file's line
mapstate -c testdata/state/contracts.tsv testdata/state/month.tsv | sed "4s/\tprofile\t/\tgadget\t/" > "$TMP/prev"
mapstate -c testdata/state/contracts.tsv -s "$TMP/prev" testdata/state/month.tsv
