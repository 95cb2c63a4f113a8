# The contract of a credit line is the one whose scope covers its payer,
# usage account and service (issue 12, items 1 and 2): the Bedrock credit
# in the map-ai contract's account goes to C-AI and is split 10/30 by the
# profiles' accruing spend, not to C-STD's wl-core; a code that does not
# embed the MPE ID (migK7Q2P9XW4T) is attributed by scope; a credit in an
# account no contract covers is reported with its line, and shown.
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\tprojected\taccounts\tservices\n' > "$TMP/c"
printf 'C-STD\tmap\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.25\t\t444455556666\tAmazonEC2,AmazonS3\n' >> "$TMP/c"
printf 'C-AI\tmap-ai\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.30\t\t777788889999\tAmazonEC2,AmazonBedrock,AmazonSageMaker\n' >> "$TMP/c"
printf 'workload\tproduct\tportfolio\tteam\towner\tengineer\tclaim\n' > "$TMP/w"
printf 'wl-core\tcore\tp\tteam-core\to\te\taccount:444455556666\n' >> "$TMP/w"
printf 'wl-x\tx\tp\tteam-x\to\te\tprofile:arn:aws:bedrock:us-east-1:777788889999:application-inference-profile/p1\n' >> "$TMP/w"
printf 'wl-y\ty\tp\tteam-y\to\te\tprofile:arn:aws:bedrock:us-east-1:777788889999:application-inference-profile/p2\n' >> "$TMP/w"
T='"{""resourceTags/user:map-migrated"":""mig12345""}"'
P=arn:aws:bedrock:us-east-1:777788889999:application-inference-profile
{
echo bill_payer_account_id,line_item_usage_account_id,line_item_usage_account_name,line_item_resource_id,line_item_product_code,line_item_line_item_type,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_type,line_item_line_item_description,line_item_iam_principal,product_region_code,tags
echo "111122223333,444455556666,core,arn:aws:ec2:us-east-1:444455556666:instance/i-0core,AmazonEC2,Usage,100,2026-04-05T00:00:00Z,USE1-BoxUsage:m5.large,m5.large,,us-east-1,$T"
echo "111122223333,777788889999,ai,$P/p1,AmazonBedrock,Usage,100,2026-04-05T00:00:00Z,USE1-Claude4.6Sonnet-input-tokens,tokens,,us-east-1,$T"
echo "111122223333,777788889999,ai,$P/p2,AmazonBedrock,Usage,300,2026-04-05T00:00:00Z,USE1-Claude4.6Sonnet-input-tokens,tokens,,us-east-1,$T"
echo "111122223333,777788889999,ai,,AmazonBedrock,Credit,-40,2026-04-05T00:00:00Z,,MAP credit promotion code mig12345,,us-east-1,{}"
echo "111122223333,444455556666,core,,AmazonEC2,Credit,-20,2026-04-05T00:00:00Z,,AWS Migration Acceleration Program (MAP) credit - promotion code migK7Q2P9XW4T,,us-east-1,{}"
echo "111122223333,999900001111,other,,AmazonEC2,Credit,-5,2026-04-05T00:00:00Z,,MAP credit promotion code mig12345,,us-east-1,{}"
} > "$TMP/cur.csv"
curscan "$TMP/cur.csv" 2>/dev/null > "$TMP/lines"
mapstate -c "$TMP/c" -w "$TMP/w" -l "$TMP/led" "$TMP/lines" > /dev/null
mapcredit -c "$TMP/c" -l "$TMP/led" -C "$TMP/claims" "$TMP/lines" 2>&1 | sed "s|$TMP|\$TMP|g"
echo "--- claims"; cat "$TMP/claims"
