# explain: an entity's story in sentences: eligibility, state changes
# with dates and causes, tags, tasks, credit earned and lost.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" explain i-0b2e4d6f8a1c35703; echo "exit $?"
echo "--- drifted and fixed twice"
mapask -d "$TMP/n" explain arn:aws:dynamodb:us-east-1:480512736611:table/checkout-carts; echo "exit $?"
echo "--- not eligible; a unique part of the key"
mapask -d "$TMP/n" explain pod/payments-prod/settlement-batch; echo "exit $?"
echo "--- unknown"
mapask -d "$TMP/n" explain payments; echo "exit $?"
mapask -d "$TMP/n" explain i-nothing; echo "exit $?"
mapask -d "$TMP/n" explain; echo "exit $?"
