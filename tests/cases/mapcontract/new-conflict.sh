# a contract that overlaps one in the file, or reuses its id, is refused
# with exit 3 and the file is left byte for byte as it was
f=$TMP/contracts.tsv
cp testdata/contracts/good.tsv "$f"
cp "$f" "$TMP/before"
# same program, payer and account, terms overlap by one day
mapcontract new -f "$f" --id NEW-1 --program map --payer 111122223333 \
    --mpe 12345 --start 2028-12-31 --end 2029-06-30 --credit-rate 0.2 \
    --accounts 444455557777,111111111111 --yes
echo "exit $?"
cmp "$f" "$TMP/before" && echo unchanged
# "all" intersects every account list
mapcontract new -f "$f" --id NEW-2 --program map-ai --payer 111122223333 \
    --mpe 12345 --start 2026-01-01 --end 2026-06-30 --credit-rate 0.2 --yes
echo "exit $?"
cmp "$f" "$TMP/before" && echo unchanged
mapcontract new -f "$f" --id MAP-STD-2 --program map --payer 999999999999 \
    --mpe 12345 --start 2026-01-01 --end 2026-06-30 --credit-rate 0.2 --yes
echo "exit $?"
cmp "$f" "$TMP/before" && echo unchanged
# the same terms for another payer, or the other program, are fine
mapcontract new -f "$f" --id NEW-3 --program map --payer 999999999999 \
    --mpe 12345 --start 2028-12-31 --end 2029-06-30 --credit-rate 0.2 --yes
echo "exit $?"
tail -n 1 "$f"
