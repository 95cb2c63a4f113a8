# sourced by tests/cases/mapcredit/series*.sh: two contracts (C-TOT with a
# projected total) and a CUR export of March and April 2026 into $TMP/c and
# $TMP/cur.csv
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\tprojected\taccounts\tservices\n' > "$TMP/c"
printf 'C-STD\tmap\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.25\t\t444455556666\tAmazonEC2\n' >> "$TMP/c"
printf 'C-TOT\tmap\t111122223333\t54321\t2026-01-01\t2028-12-31\t0.30\t1000.00\t555566667777\tAmazonEC2\n' >> "$TMP/c"
A='"{""resourceTags/user:map-migrated"":""mig12345""}"'
B='"{""resourceTags/user:map-migrated"":""mig54321""}"'
cur() {	# account resource cost day tags [type description]
	echo "111122223333,$1,acct,${2:+arn:aws:ec2:us-east-1:$1:instance/$2},AmazonEC2,${6:-Usage},$3,2026-$4T00:00:00Z,USE1-BoxUsage:m5.large,${7:-m5.large},,us-east-1,$5"
}
{
echo bill_payer_account_id,line_item_usage_account_id,line_item_usage_account_name,line_item_resource_id,line_item_product_code,line_item_line_item_type,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_type,line_item_line_item_description,line_item_iam_principal,product_region_code,tags
cur 444455556666 i-a 100 03-31 "$A"
cur 444455556666 i-b 40 03-31 '{}'
cur 555566667777 i-c 200 03-31 "$B"
cur 444455556666 '' -25 03-20 '{}' Credit 'MAP credit promotion code mig12345'
cur 555566667777 '' -60 03-20 '{}' Credit 'MAP credit promotion code mig54321'
cur 444455556666 i-a 120 04-30 "$A"
cur 444455556666 i-b 40 04-30 '{}'
cur 555566667777 i-c 300 04-30 "$B"
cur 444455556666 '' -30 04-20 '{}' Credit 'MAP credit promotion code mig12345'
cur 555566667777 '' -90 04-20 '{}' Credit 'MAP credit promotion code mig54321'
} > "$TMP/cur.csv"
