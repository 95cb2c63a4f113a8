{ head -n 3 testdata/state/month.tsv; head -n 4 testdata/state/month.tsv | tail -n 1 | awk -F "\t" -v OFS="\t" "{\$13 = \"12,50\"; print}"; } > "$TMP/in"
mapstate -c testdata/state/contracts.tsv "$TMP/in"
