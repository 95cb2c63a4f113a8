# without the wizard every required option must be given: exit 2 naming it
mapcontract new -f "$TMP/c.tsv" --id X --program map --payer 111122223333 \
    --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 --yes
echo "exit $?"
mapcontract new -f "$TMP/c.tsv" --yes; echo "exit $?"
# all options, but neither --yes nor a terminal nor --wizard
mapcontract new -f "$TMP/c.tsv" --id X --program map --payer 111122223333 \
    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 \
    < /dev/null
echo "exit $?"
ls "$TMP"
