# the flag form writes without a terminal: the file is created with its
# header, later contracts are appended; defaults: accounts all, services by
# program (standard for map, ai for map-ai), exclusions default
f=$TMP/contracts.tsv
mapcontract new -f "$f" --id STD-1 --program map --payer 111122223333 \
    --mpe 12345 --start 2026-01-01 --end 2028-12-31 --credit-rate 25% \
    --projected 250000 --accounts 444455556666,444455557777 \
    --auto-enroll new-accounts --auto-enroll 'name:sandbox-*' --yes
echo "exit $?"
mapcontract new -f "$f" --id AI-1 --program map-ai --payer 111122223333 \
    --mpe ABCDE12345 --start 2026-04-01 --end 2027-03-31 --credit-rate 0.3 \
    --exclusions data-transfer,eks-fargate --yes < /dev/null
echo "exit $?"
mapcontract new -f "$f" --id STD-2 --program map --payer 111122223333 \
    --mpe 12345 --start 2029-01-01 --end 2029-12-31 --credit-rate 0.125 \
    --services AmazonEC2,AmazonBedrock --exclusions none --accounts all --yes
echo "exit $?"
cat "$f"
mapcontract check -f "$f"; echo "exit $?"
