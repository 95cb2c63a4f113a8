# 100.00 across three equal shares: the parts add up to the whole, to the cent
C=testdata/state/contracts.tsv D=testdata/credit
mapcredit -c $C -l $D/ledger.tsv --match "promotion code mig12345" --month 2026-04 $D/lines.tsv | tee "$TMP/a"
tests/cols credit "$TMP/a" | tail -n +2 | python3 -c "import sys, decimal; print(\"sum\", sum(decimal.Decimal(x) for x in sys.stdin))"
# 0.10 across three, 0.01 across two: the same rule, no cent lost or made
for amt in -0.10 -0.01 -1234567.89; do
	printf "usage_start\tpayer\taccount\tservice\tline_type\tcost\tdescription\n2026-04-05T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tCredit\t%s\tmig12345\n" $amt > "$TMP/l"
	mapcredit -c $C -l $D/ledger.tsv "$TMP/l" | tests/cols workload,method,credit | tr "\n" " "; echo
done
