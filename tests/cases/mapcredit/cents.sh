# 100.00 across three equal shares: the parts add up to the whole, to the cent
C=testdata/state/contracts.tsv D=testdata/credit
mapcredit -c $C -l $D/ledger.tsv --match "promotion code mig12345" --month 2026-04 $D/lines.tsv | tee "$TMP/a"
tests/cols credit "$TMP/a" | tail -n +2 | python3 -c "import sys, decimal; print(\"sum\", sum(decimal.Decimal(x) for x in sys.stdin))"
# 0.10 across three, 0.01 across two: the same rule, no cent lost or made
for amt in -0.10 -0.01 -1234567.89; do
	printf "usage_start\tpayer\taccount\tservice\tline_type\tcost\tdescription\n2026-04-05T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tCredit\t%s\tmig12345\n" $amt > "$TMP/l"
	mapcredit -c $C -l $D/ledger.tsv "$TMP/l" | tests/cols workload,method,credit | tr "\n" " "; echo
done
# a workload whose accruing spend nets below zero earned nothing; the whole
# still adds up to the cent
printf 'date\tentity\tentity_kind\tpayer\taccount\tservice\tcontract\tstate\tcost\teligible_cost\taccruing_cost\tworkload\n' > "$TMP/neg"
for w in a:10 b:-1 c:-1 d:0.0000000007; do printf '2026-04-01\ti-%s\tresource\t111122223333\t444455556666\tAmazonEC2\tMAP-STD-1\tTAGGED\t1\t%s\t%s\t%s\n' ${w%%:*} ${w#*:} ${w#*:} ${w%%:*}; done >> "$TMP/neg"
printf 'usage_start\tpayer\taccount\tservice\tline_type\tcost\tdescription\n2026-04-05T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tCredit\t-1.00\tmig12345\n' > "$TMP/l1"
mapcredit -c $C -l "$TMP/neg" "$TMP/l1" | tests/cols workload,accruing_cost,share,credit
