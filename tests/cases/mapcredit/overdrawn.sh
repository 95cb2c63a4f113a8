# a pool drawn beyond its grant is a warning with the amount, not an error
printf "code\tamount\taccount\tstart\tend\nmig12345\t60.00\t111122223333\t2026-04-01\t2026-04-30\n" > "$TMP/g"
mapcredit -c testdata/state/contracts.tsv -l testdata/credit/ledger.tsv -g "$TMP/g" -p "$TMP/p" -m 2026-04 testdata/credit/lines.tsv > /dev/null
rc=$?
cat "$TMP/p"
exit $rc
