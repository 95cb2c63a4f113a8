# --ai-route principal needs an eligible Bedrock service: a standard
# contract, or a map-ai contract with only AmazonSageMaker, is refused
# (exit 2, the contract named, nothing written); so is the column in a
# contracts file (mapcontract check: exit 3, FILE:LINE each)
f=$TMP/contracts.tsv
set -- --payer 111122223333 --mpe 12345 --start 2026-07-01 \
    --end 2027-06-30 --credit-rate 0.3 --ai-route principal --yes
mapcontract new -f "$f" --id STD --program map "$@"; echo "exit $?"
mapcontract new -f "$f" --id STD-2 --program map --services AmazonEC2,AmazonS3 "$@"
echo "exit $?"
mapcontract new -f "$f" --id SM --program map-ai --services AmazonSageMaker "$@"
echo "exit $?"
ls "$TMP"
mapcontract check -f testdata/contracts/ai-route-bad.tsv; echo "exit $?"
