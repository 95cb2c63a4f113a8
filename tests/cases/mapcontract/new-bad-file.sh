# new refuses to append to a contracts file that fails its checks (exit 3,
# file unchanged), and to a file whose header cannot hold the contract
f=$TMP/bad.tsv
cp testdata/contracts/bad.tsv "$f"
mapcontract new -f "$f" --id NEW-1 --program map --payer 999999999999 \
    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 --yes
echo "exit $?"
cmp "$f" testdata/contracts/bad.tsv && echo unchanged
# a header without auto_enroll: rules would be lost
m=$TMP/minimal.tsv
cp testdata/contracts/minimal.tsv "$m"
mapcontract new -f "$m" --id M2 --program map --payer 999999999999 \
    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 \
    --accounts 999999999991 --auto-enroll new-accounts --yes
echo "exit $?"
cmp "$m" testdata/contracts/minimal.tsv && echo unchanged
# without them it appends in the file's own column order, extra columns empty
mapcontract new -f "$m" --id M2 --program map --payer 999999999999 \
    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 --yes
echo "exit $?"
cat "$m"
