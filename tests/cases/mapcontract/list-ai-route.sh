# the ai_route column: principal, empty (the default, profile), profile
# written out; it lists as - where no Bedrock code is eligible
mapcontract check -f testdata/contracts/ai-route.tsv; echo "exit $?"
mapcontract list -f testdata/contracts/ai-route.tsv
mapcontract list -f testdata/contracts/ai-route.tsv --format tsv
