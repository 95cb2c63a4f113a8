# a key twice in one map column: the last value, in tags as in
# resource_tags (JSON leaves it open; one rule for both)
H='bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_product_code,line_item_resource_id,line_item_unblended_cost,product_region_code'
{ echo "$H,tags"
  echo '111122223333,444455556666,Usage,2026-04-01T00:00:00Z,AmazonEC2,i-1,1,us-east-1,"{""resourceTags/user:map-migrated"":""mig1"",""resourceTags/user:team"":""a"",""resourceTags/user:map-migrated"":""mig12345"",""resourceTags/user:team"":""b""}"'
} > "$TMP/tags.csv"
{ echo "$H,resource_tags"
  echo '111122223333,444455556666,Usage,2026-04-01T00:00:00Z,AmazonEC2,i-1,1,us-east-1,"{""user_map_migrated"":""mig1"",""user_team"":""a"",""user_map_migrated"":""mig12345"",""user_team"":""b""}"'
} > "$TMP/rtags.csv"
for f in tags rtags; do
	curscan --tag team "$TMP/$f.csv" | tests/cols entity,map_tag,tag_team
done
