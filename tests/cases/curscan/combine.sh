# --combine: one line for the lines of an entity that differ only in their
# time and cost on a day: the day's latest start, the costs summed
# (exactly). A different tag, day or an empty cost is another line; a
# line with no entity (credit, tax) is kept as it is, in its place; lines
# come in the order of their first line.
H='bill_payer_account_id,line_item_usage_account_id,line_item_usage_account_name,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_unblended_cost,line_item_line_item_description,line_item_iam_principal,product_region_code,product,resource_tags,tags'
r() {	# type, start, product, usage type, resource, cost, map-migrated
	printf '111122223333,444455556666,payments-prod,%s,%s,%s,%s,%s,%s,%s,d,,us-east-1,{},{},"{""resourceTags/user:map-migrated"":""%s""}"\n' \
	    "$1" "$2" "$2" "$3" "$4" "$5" "$6" "$7"
}
{ echo "$H"
  r Usage 2026-04-01T00:00:00Z AmazonEC2 BoxUsage:m5.large i-1 0.1 mig12345
  r Usage 2026-04-01T00:00:00Z AmazonEC2 EBS:VolumeUsage.gp3 vol-1 0.3 mig12345
  r Usage 2026-04-01T03:00:00Z AmazonEC2 BoxUsage:m5.large i-1 0.0000000001 mig12345
  r Credit 2026-04-01T00:00:00Z AmazonEC2 BoxUsage:m5.large '' -0.05 ''
  r Usage 2026-04-01T01:00:00Z AmazonEC2 BoxUsage:m5.large i-1 0.2 mig12345
  r Usage 2026-04-01T02:00:00Z AmazonEC2 BoxUsage:m5.large i-1 0.2 ''
  r Usage 2026-04-01T04:00:00Z AmazonEC2 BoxUsage:m5.large i-1 '' mig12345
  r Usage 2026-04-02T00:00:00Z AmazonEC2 BoxUsage:m5.large i-1 0.1 mig12345
  r Usage 2026-04-01T05:00:00Z AmazonEC2 BoxUsage:m5.large i-1 1e2 mig12345
  r Usage 2026-04-01T06:00:00Z AmazonEC2 EBS:VolumeUsage.gp3 vol-1 0.7 mig12345
  r Tax 2026-04-01T00:00:00Z AmazonEC2 '' '' 0.02 ''
} > "$TMP/hourly.csv"
show() {	# the columns that tell, and the exit status
	curscan "$@" > "$TMP/out" 2>&1; rc=$?
	cut -f 1,8-10,13,14 "$TMP/out"; echo "exit $rc"
}
show --combine "$TMP/hourly.csv"
echo "--- the summary and the rejects are those of the lines themselves"
curscan -s "$TMP/s0" --rejects "$TMP/r0" -e 9 "$TMP/hourly.csv" > /dev/null
curscan -c -s "$TMP/s1" --rejects "$TMP/r1" -e 9 "$TMP/hourly.csv" > /dev/null
cmp "$TMP/s0" "$TMP/s1" && cmp "$TMP/r0" "$TMP/r1" && echo "identical"
echo "--- a bad row stops the output there: the lines before it, combined"
{ cat "$TMP/hourly.csv"; r Usage 2026-04-01T07:00:00Z AmazonEC2 BoxUsage:m5.large i-1 x mig12345
  r Usage 2026-04-01T08:00:00Z AmazonEC2 BoxUsage:m5.large i-1 1 mig12345; } > "$TMP/bad.csv"
show --combine "$TMP/bad.csv"
echo "--- skipped under -e 1: the lines on both sides of it, not combined across"
show --combine -e 1 "$TMP/bad.csv"
echo "--- a sum past 1e15, more than a reader parses: the line alone"
{ echo "$H"
  r Usage 2026-04-01T00:00:00Z AmazonEC2 BoxUsage:m5.large i-1 600000000000000 mig12345
  r Usage 2026-04-01T01:00:00Z AmazonEC2 BoxUsage:m5.large i-1 400000000000000 mig12345
  r Usage 2026-04-01T02:00:00Z AmazonEC2 BoxUsage:m5.large i-1 0.01 mig12345
  r Usage 2026-04-01T03:00:00Z AmazonEC2 BoxUsage:m5.large i-1 -0.02 mig12345
} > "$TMP/big.csv"
show -c "$TMP/big.csv"
# mapstate gets the same state, events, ledger and credit lines from
# combined lines as from the lines themselves: on the golden exports, with
# a table so small that lines are written in parts, and with -j 2
echo "--- mapstate on combined lines"
# two days of 24 hours of 40 resources: a tag removed from 06:00 to
# 12:00 (the day's latest line is tagged again: a combined line starts at
# its latest hour, not its first), a tag removed at noon, another MPE's tag
# on day 2, costs with 10 decimals
awk 'BEGIN {
	print "'"$H"'"
	for (d = 1; d <= 2; d++) for (h = 0; h < 24; h++) for (i = 1; i <= 40; i++) {
		t = "mig12345"
		if (i % 3 == 0 && h >= 6 && h < 12) t = ""
		if (i % 7 == 0 && h >= 12) t = ""
		if (i % 5 == 0 && d == 2) t = "mig99999"
		printf "111122223333,444455556666,payments-prod,Usage,2026-04-%02dT%02d:00:00Z,,AmazonEC2,BoxUsage:m5.large,i-%d,%d.%010d,d,,us-east-1,{},{},\"{\"\"resourceTags/user:map-migrated\"\":\"\"%s\"\"}\"\n", d, h, i, h, i * 7919, t
	}
}' > "$TMP/many.csv"
set -- testdata/cur/cur2-basic.csv testdata/cur/cur2-principals.csv \
    testdata/cur/legacy-basic.csv testdata/cur/focus-basic.csv \
    testdata/cur/athena-basic.csv testdata/cur/subset-reordered.csv \
    testdata/cur/bare-ids.csv testdata/cur/sbroenne-sample-cur20.csv \
    "$TMP/hourly.csv" "$TMP/many.csv" "$TMP/big.csv"
derive() {	# NAME: mapstate over TMP/NAME.tsv into TMP/NAME/
	mkdir "$TMP/$1"
	mapstate -c testdata/state/contracts.tsv -e "$TMP/$1/events" \
	    -l "$TMP/$1/ledger" --credit-lines "$TMP/$1/credits" \
	    "$TMP/$1.tsv" > "$TMP/$1/state" || echo "mapstate $1: exit $?"
}
curscan "$@" > "$TMP/lines.tsv" 2>/dev/null; derive lines
curscan --combine "$@" > "$TMP/comb.tsv" 2>/dev/null; derive comb
CURSCAN_COMBINE_BYTES=4096 curscan --combine -j 1 "$@" > "$TMP/tiny.tsv" 2>/dev/null; derive tiny
CURSCAN_COMBINE_BYTES=8192 curscan --combine -j 1 "$@" > "$TMP/small.tsv" 2>/dev/null; derive small
curscan --combine -j 2 "$@" > "$TMP/j2.tsv" 2>/dev/null; derive j2
n() { echo $(($(wc -l < "$TMP/$1.tsv") - 1)); }
echo "lines: $(n lines), combined: $(n comb), in a 4 KB table: $(n tiny), in 8 KB: $(n small)"
cmp "$TMP/comb.tsv" "$TMP/j2.tsv" && echo "-j 2: the same bytes"
same=yes
for d in comb tiny small j2; do
	for f in state events ledger credits; do
		cmp "$TMP/lines/$f" "$TMP/$d/$f" || { echo "$d: $f differs"; same=no; }
	done
done
echo "state, events, ledger, credit lines: $(wc -l < "$TMP/lines/state") $(wc -l < "$TMP/lines/events") $(wc -l < "$TMP/lines/ledger") $(wc -l < "$TMP/lines/credits") lines; the same bytes from each: $same"
echo "--- CURSCAN_COMBINE_BYTES: a count from 4096 (empty: the default)"
for v in 4095 x 1073741825 ''; do
	CURSCAN_COMBINE_BYTES=$v curscan --combine "$TMP/hourly.csv" 2>&1 >/dev/null; echo "'$v': exit $?"
done
