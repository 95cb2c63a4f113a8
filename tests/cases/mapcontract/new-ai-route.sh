# --ai-route principal in the flag form: the row says principal, the file
# checks and lists; profile is the default and is written out where
# Bedrock is eligible; a file whose header has no ai_route column takes a
# profile contract but refuses a principal one (exit 3, file unchanged)
f=$TMP/contracts.tsv
set -- --payer 111122223333 --mpe 12345 --start 2026-07-01 \
    --end 2027-06-30 --credit-rate 0.3 --yes
mapcontract new -f "$f" --id AI-P --program map-ai --accounts 777788889999 \
    --ai-route principal "$@"
echo "exit $?"
mapcontract new -f "$f" --id AI-D --program map-ai --accounts 777788880000 "$@"
echo "exit $?"
mapcontract new -f "$f" --id STD-BR --program map --accounts 444455556666 \
    --services AmazonEC2,AmazonBedrock --ai-route=principal "$@"
echo "exit $?"
tests/cols id,program,services,ai_route "$f"
mapcontract check -f "$f"; echo "exit $?"
mapcontract list -f "$f" | awk '{ print $1, $NF }'
# a header without ai_route
m=$TMP/minimal.tsv
cp testdata/contracts/minimal.tsv "$m"
mapcontract new -f "$m" --id M-AI --program map-ai --payer 999999999999 \
    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 \
    --ai-route principal --yes
echo "exit $?"
cmp "$m" testdata/contracts/minimal.tsv && echo unchanged
mapcontract new -f "$m" --id M-AI --program map-ai --payer 999999999999 \
    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 \
    --ai-route profile --yes
echo "exit $?"
tail -n 1 "$m"
# a value that is neither route
mapcontract new -f "$f" --id AI-X --program map-ai --accounts 777788881111 \
    --ai-route role "$@"
echo "exit $?"
