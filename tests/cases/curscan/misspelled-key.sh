# A near miss of map-migrated on the resource's own tags is written on its
# line (misspelled_key, misspelled_value) where the export keeps the key as
# tagged: the CUR 2.0 tags map, legacy resourceTags/user: columns, FOCUS
# Tags. Not from snake-cased keys (CUR 2.0 resource_tags, Athena columns),
# whose spelling is lost, nor from the caller's role (iamPrincipal/): those
# are counted in the summary only. The first near miss of a line is kept.
H='bill_payer_account_id,line_item_usage_account_id,line_item_resource_id,line_item_product_code,line_item_line_item_type,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_type,product_region_code'
r() { printf '111122223333,444455556666,%s,AmazonEC2,Usage,1.00,2026-04-01T00:00:00Z,BoxUsage,us-east-1,"%s"\n' "$1" "$2"; }
{ echo "$H,tags"
  r i-upper '{""resourceTags/user:Map-Migrated"":""mig12345""}'
  r i-both '{""resourceTags/user:map-migrated"":""mig12345"",""resourceTags/user:MAP_MIGRATED"":""x""}'
  r i-two '{""resourceTags/user:map_migrated"":""a"",""resourceTags/user:Map.Migrated"":""b""}'
  r i-role '{""iamPrincipal/Map-Migrated"":""mig12345""}'
  r i-empty '{""resourceTags/user:Map-Migrated"":""""}'
  r i-aws '{""resourceTags/aws:map-migrated"":""mig12345""}'
} > "$TMP/cur2.csv"
{ echo "$H,resource_tags"
  r i-snake '{""user_map_migrated"":""mig12345""}'
  r i-nosep '{""user_mapmigrated"":""mig12345""}'
} > "$TMP/rtags.csv"
printf '%s\n' 'line_item_usage_account_id,bill_payer_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_unblended_cost,product_region,resource_tags_user_mapmigrated' \
    '444455556666,111122223333,Usage,2026-04-01 00:00:00.000,AmazonEC2,BoxUsage,i-athena,1.00,us-east-1,mig12345' > "$TMP/athena.csv"
curscan -s "$TMP/sum" "$TMP/cur2.csv" "$TMP/rtags.csv" "$TMP/athena.csv" | tests/cols entity,map_tag,misspelled_key,misspelled_value
tests/cols kind,key,rows "$TMP/sum" | grep near-miss
