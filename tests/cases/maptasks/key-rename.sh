# A map-migrated key spelled wrong (Map-Migrated, map_migrated, MAP-MIGRATED)
# gets a RENAME_TAG_KEY task: set map-migrated, then remove the wrong key,
# in one command where the ARN is known (EC2 by id, an ARN, an ARN built
# from a bare id), else the command that looks the ARN up. A valid value
# under the wrong key is kept. Days:
#   i-a    Map-Migrated=mig12345 on days 1-3, renamed right on day 4
#   fn     map-migrated on day 1, map_migrated=sap12345 from day 2 (drift)
#   orders DynamoDB table by name, map_migrated=garbage: the value is wrong too
#   db-ABCDEFGHIJKLMN  RDS by resource id: the ARN is looked up
#   i-b    untagged on days 1-2, Map-Migrated from day 3: the open task
#          becomes RENAME_TAG_KEY, keeping its id
#   p1     an application inference profile tagged MAP-MIGRATED (days 3-4)
C=testdata/state/contracts.tsv
A=444455556666 P=111122223333 B=777788889999
FN=arn:aws:lambda:us-east-1:$A:function:ledger
PR=arn:aws:bedrock:us-east-1:$B:application-inference-profile/p1
H='bill_payer_account_id,line_item_usage_account_id,line_item_usage_account_name,line_item_resource_id,line_item_product_code,line_item_line_item_type,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_type,line_item_line_item_description,line_item_iam_principal,product_region_code,tags'
r() { printf '%s,%s,%s,%s,%s,Usage,%s,2026-04-%sT01:00:00.000Z,%s,usage,,us-east-1,"%s"\n' $P "$1" x "$2" "$3" "$4" "$5" "$6" "$7"; }
t() { printf '{""resourceTags/user:%s"":""%s""}' "$1" "$2"; }
{ echo "$H"
  for d in 01 02 03; do r $A i-a AmazonEC2 2.00 $d USE1-BoxUsage "$(t Map-Migrated mig12345)"; done
  r $A i-a AmazonEC2 2.00 04 USE1-BoxUsage "$(t map-migrated mig12345)"
  r $A $FN AWSLambda 1.00 01 USE1-Lambda "$(t map-migrated mig12345)"
  for d in 02 03 04; do r $A $FN AWSLambda 1.00 $d USE1-Lambda "$(t map_migrated sap12345)"; done
  for d in 01 02 03 04; do r $A orders AmazonDynamoDB 4.00 $d USE1-TimedStorage "$(t map_migrated garbage)"; done
  for d in 01 02 03 04; do r $A db-ABCDEFGHIJKLMN AmazonRDS 8.00 $d USE1-InstanceUsage "$(t Map-Migrated mig12345)"; done
  for d in 01 02; do r $A i-b AmazonEC2 1.00 $d USE1-BoxUsage '{}'; done
  for d in 03 04; do r $A i-b AmazonEC2 1.00 $d USE1-BoxUsage "$(t Map-Migrated mig12345)"; done
  for d in 03 04; do r $B $PR AmazonBedrock 3.00 $d USE1-Claude-input-tokens "$(t MAP-MIGRATED mig12345)"; done
} > "$TMP/cur.csv"
curscan "$TMP/cur.csv" > "$TMP/lines" || echo "curscan failed"
mapstate -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/lines" > "$TMP/state"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/state" > "$TMP/tasks"
tests/cols task_id,type,status,entity,expected_tag,last_good_tag,drift_date,opened,closed,resolution,daily_impact,impact_to_date "$TMP/tasks"
echo "--- actions"
tests/cols entity,action "$TMP/tasks"
echo "--- commands, run against a stub aws"
tests/runcmds "$TMP/tasks" "$TMP"
echo "--- night by night"
prev= prevt=
for d in 1 2 3 4; do
	awk -F '\t' -v d="2026-04-0$d" 'NR == 1 || substr($1, 1, 10) <= d' "$TMP/lines" > "$TMP/mtd"
	mapstate -c $C ${prev:+-s "$prev"} -e "$TMP/ev$d" -l "$TMP/led$d" "$TMP/mtd" > "$TMP/state$d"
	maptasks -c $C ${prevt:+-p "$prevt"} -e "$TMP/ev$d" -l "$TMP/led$d" "$TMP/state$d" > "$TMP/tasks$d" || echo "night $d failed"
	prev=$TMP/state$d prevt=$TMP/tasks$d
done
tests/cols task_id,type,status,entity "$TMP/tasks2" | grep i-b
cmp "$TMP/tasks4" "$TMP/tasks" && echo "nightly = one-shot: identical"
maptasks -c $C -t RENAME_TAG_KEY -o "$TMP/state" | tests/cols type,entity
