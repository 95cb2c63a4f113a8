# every lifecycle path of testdata/state/make-month.py, run once on six days
mapstate -c testdata/state/contracts.tsv -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv
echo "--- events"; cat "$TMP/ev"; echo "--- ledger"; cat "$TMP/led"
