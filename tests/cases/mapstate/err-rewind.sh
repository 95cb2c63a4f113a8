# a previous state later than the input would rewind history: refused
mapstate -c testdata/state/contracts.tsv testdata/state/month.tsv > "$TMP/prev"
awk -F "\t" "NR == 1 || substr(\$1, 1, 10) <= \"2026-04-03\"" testdata/state/month.tsv > "$TMP/early"
mapstate -c testdata/state/contracts.tsv -s "$TMP/prev" -e "$TMP/ev" "$TMP/early"; echo "exit $?"
mapstate -c testdata/state/contracts.tsv -s "$TMP/prev" --as-of 2026-04-02 testdata/state/month.tsv; echo "exit $?"
test -e "$TMP/ev" && echo "events file written" || echo "no events file"
