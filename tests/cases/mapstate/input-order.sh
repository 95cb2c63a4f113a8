# input order does not matter: reversed, shuffled, split across files
C=testdata/state/contracts.tsv M=testdata/state/month.tsv
mapstate -c $C -e "$TMP/e0" $M > "$TMP/s0"
{ head -n 1 $M; tail -n +2 $M | sort -r; } > "$TMP/rev"
{ head -n 1 $M; tail -n +2 $M | awk "NR % 2 == 1"; } > "$TMP/odd"
{ head -n 1 $M; tail -n +2 $M | awk "NR % 2 == 0"; } > "$TMP/even"
mapstate -c $C -e "$TMP/e1" "$TMP/rev" | cmp - "$TMP/s0" && cmp "$TMP/e1" "$TMP/e0" && echo "reversed: identical"
mapstate -c $C -e "$TMP/e2" "$TMP/even" "$TMP/odd" | cmp - "$TMP/s0" && cmp "$TMP/e2" "$TMP/e0" && echo "split, even first: identical"
gzip -c "$TMP/odd" > "$TMP/odd.gz"
cat "$TMP/even" | mapstate -c $C -e "$TMP/e3" "$TMP/odd.gz" - | cmp - "$TMP/s0" && cmp "$TMP/e3" "$TMP/e0" && echo "gzip and stdin: identical"
