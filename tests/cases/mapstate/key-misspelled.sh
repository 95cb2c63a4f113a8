# A map-migrated key in the wrong case or with '_' (Map-Migrated,
# map_migrated) is a near miss: AWS does not count it for MAP. The entity
# says so: PENDING_TAG tag-key-misspelled, or STALE_TAG tag-key-misspelled
# when the key was right before (drift), never just tag-missing. The key and
# its value are kept in a tag_KEY column of the state, night after night.
#   i-a: Map-Migrated=mig12345 on day 1, renamed to map-migrated on day 3
#   i-b: map-migrated on day 1, renamed to map_migrated on day 2 (drift)
#   i-c: no tag at all (tag-missing, as before)
#   bkt: legacy CUR column resourceTags/user:MAP_Migrated
C=testdata/state/contracts.tsv
A=444455556666 P=111122223333
H='bill_payer_account_id,line_item_usage_account_id,line_item_usage_account_name,line_item_resource_id,line_item_product_code,line_item_line_item_type,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_type,line_item_line_item_description,line_item_iam_principal,product_region_code,tags'
r() { printf '%s,%s,payments-prod,%s,%s,Usage,1.00,2026-04-%sT01:00:00.000Z,USE1-BoxUsage,usage,,us-east-1,"%s"\n' $P $A "$1" "$2" "$3" "$4"; }
t() { printf '{""resourceTags/user:%s"":""%s""}' "$1" "$2"; }
{ echo "$H"
  r i-a AmazonEC2 01 "$(t Map-Migrated mig12345)"
  r i-a AmazonEC2 02 "$(t Map-Migrated mig12345)"
  r i-a AmazonEC2 03 "$(t map-migrated mig12345)"
  r i-b AmazonEC2 01 "$(t map-migrated mig12345)"
  r i-b AmazonEC2 02 "$(t map_migrated mig12345)"
  r i-b AmazonEC2 03 "$(t map_migrated mig12345)"
  r i-c AmazonEC2 01 '{}'
  r i-c AmazonEC2 03 '{}'
} > "$TMP/cur.csv"
printf '%s\n' 'lineItem/UsageAccountId,bill/PayerAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UnblendedCost,product/region,resourceTags/user:MAP_Migrated' \
    "$A,$P,Usage,2026-04-03T00:00:00Z,AmazonS3,USE1-TimedStorage,bkt,0.50,us-east-1,mig12345" > "$TMP/legacy.csv"
curscan "$TMP/cur.csv" "$TMP/legacy.csv" > "$TMP/lines" || echo "curscan failed"
tests/cols entity,map_tag,misspelled_key,misspelled_value "$TMP/lines"
mapstate -c $C -e "$TMP/ev" "$TMP/lines" > "$TMP/s"
echo "--- state"
tests/cols entity,state,reason,map_tag,last_good_tag,drift_date,tag_Map-Migrated,tag_map_migrated,tag_MAP_Migrated "$TMP/s"
echo "--- events"
tests/cols date,entity,from,to,reason,map_tag,last_good_tag "$TMP/ev"
echo "--- night by night"
for d in 01 02; do
	awk -F '\t' -v d="2026-04-$d" 'NR == 1 || substr($1, 1, 10) <= d' "$TMP/lines" > "$TMP/l$d"
done
mapstate -c $C "$TMP/l01" > "$TMP/n1"
tests/cols entity,state,reason,tag_Map-Migrated "$TMP/n1"
mapstate -c $C -s "$TMP/n1" "$TMP/l02" > "$TMP/n2"
mapstate -c $C -s "$TMP/n2" "$TMP/lines" | cmp - "$TMP/s" && echo "nightly: identical"
echo "--- a key that is a principal on Bedrock lines and a resource elsewhere"
# The misspelled key is the latest line's that is not ai-direct (r, at
# 02:00): an ai-direct line's resource tags (g) are not the key's. The key is
# a resource, so it keeps no model_source. Every order of the lines gives
# the same state (the 03:00 line read first once hid r).
R=arn:aws:iam::$A:role/app
m() { printf '%s,%s,payments-prod,%s,%s,Usage,1.00,2026-04-01T%s:00:00.000Z,%s,usage,%s,us-east-1,"%s"\n' $P $A "$1" "$2" "$3" "$4" "$5" "$6"; }
FM=arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku
{ echo "$H"
  m $FM AmazonBedrock 01 USE1-Claude3Haiku-input-tokens $R "$(t Map-Migrated g)"
  m $R AmazonEC2 02 USE1-BoxUsage '' "$(t Map-Migrated r)"
  m $FM AmazonBedrock 03 USE1-Claude3Haiku-input-tokens $R "$(t Map-Migrated g)"
} > "$TMP/mixed.csv"
curscan "$TMP/mixed.csv" > "$TMP/ml" || echo "curscan failed"
tests/cols usage_start,entity,entity_kind,misspelled_value "$TMP/ml"
for o in 123 132 213 231 312 321; do
	{ head -n 1 "$TMP/ml"
	  for i in $(echo $o | sed 's/./& /g'); do sed -n "$((i + 1))p" "$TMP/ml"; done
	} > "$TMP/ml$o"
	mapstate -c $C "$TMP/ml$o" > "$TMP/ms$o"
done
tests/cols entity,entity_kind,reason,model_source,tag_Map-Migrated "$TMP/ms123"
for o in 132 213 231 312 321; do
	cmp -s "$TMP/ms$o" "$TMP/ms123" || echo "order $o: another state"
done
echo "six orders compared"
