# a write error is never silent, and a failed --events file is not left half-written
mapstate -c testdata/state/contracts.tsv testdata/state/month.tsv > /dev/full; echo "exit $?"
mapstate -c testdata/state/contracts.tsv -e "$TMP/no/such/dir/ev" testdata/state/month.tsv > /dev/null; echo "exit $?"
ls "$TMP"
