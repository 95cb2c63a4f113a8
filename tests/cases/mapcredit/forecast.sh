# what will expire unused: the month's total burn is applied to the pools in
# expiry order, each taking over when the one before it runs dry
printf 'code\tamount\taccount\tstart\tend\treference\nmigSOON00001\t200.00\t\t2026-04-01\t2026-05-10\tMAP-STD-1\nmigLATER0001\t1000.00\t\t2026-04-01\t2026-05-20\tMAP-STD-1\nmigNEXT00001\t500.00\t\t2026-06-01\t2026-12-31\tMAP-STD-1\n' > "$TMP/g"
{ printf 'usage_start\tpayer\taccount\tservice\tline_type\tcost\tdescription\n'
  for d in 01 02 03; do printf '2026-05-%sT00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tCredit\t-30.00\tMAP credit _MPE\n' $d; done
} > "$TMP/l"
mapcredit -c testdata/state/contracts.tsv -l testdata/credit/ledger.tsv -g "$TMP/g" -p "$TMP/p" "$TMP/l"
cat "$TMP/p"
