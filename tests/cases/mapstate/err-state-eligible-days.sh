# eligible_days counts a month's days: more than 31 in the previous state
# is exit 3 with the state file's line (31 is taken)
C=testdata/state/contracts.tsv M=testdata/state/month.tsv
mapstate -c $C $M > "$TMP/s"
col=$(head -n 1 "$TMP/s" | tr '\t' '\n' | grep -n '^eligible_days$' | cut -d: -f1)
for v in 31 32; do
	awk -F "\t" -v OFS="\t" -v c="$col" -v v="$v" 'NR == 3 { $c = v } 1' "$TMP/s" > "$TMP/prev$v"
done
mapstate -c $C -s "$TMP/prev31" $M > /dev/null && echo "31: taken"
mapstate -c $C -s "$TMP/prev32" $M
