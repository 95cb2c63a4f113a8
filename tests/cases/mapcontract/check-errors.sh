# a missing column, a missing file, an empty file
mapcontract check -f testdata/contracts/missing-column.tsv; echo "exit $?"
mapcontract check -f "$TMP/nonexistent.tsv"; echo "exit $?"
: > "$TMP/empty.tsv"
mapcontract check -f "$TMP/empty.tsv"; echo "exit $?"
printf 'id\tprogram\tid\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' > "$TMP/dup.tsv"
mapcontract check -f "$TMP/dup.tsv"; echo "exit $?"
mapcontract list -f testdata/contracts/bad.tsv; echo "exit $?"
