# without grants, the pools are the codes seen, with no expiry
mapcredit -c testdata/state/contracts.tsv -l testdata/credit/ledger.tsv -p "$TMP/p" testdata/credit/lines.tsv > /dev/null 2>&1
cat "$TMP/p"
