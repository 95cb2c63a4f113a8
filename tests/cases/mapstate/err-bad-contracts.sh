printf "id\tprogram\n" > "$TMP/c"; mapstate -c "$TMP/c" testdata/state/month.tsv
