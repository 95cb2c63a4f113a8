{ head -n 2 testdata/state/month.tsv | sed "2s/\tresource\t/\tgadget\t/"; } > "$TMP/in"
mapstate -c testdata/state/contracts.tsv "$TMP/in"
