# tests/cur_delivery.sh: CUR 2.0 deliveries for the mapnightly cases, in
# the columns of issue 11. Sourced by a case (TMP set).
#   contract FILE          the contract C1 (mapcontract new --yes)
#   row DAY COST [RESOURCE [TAGGED]]
#                          one Usage line of DAY at 12:00 (TAGGED: 1 for
#                          the map-migrated tag), on standard output
#   deliver ROOT PERIOD EXECID < ROWS
#                          a delivery of PERIOD (YYYY-MM) under ROOT:
#                          the data file and the manifest that lists it,
#                          replacing the period's earlier delivery
CUR_HDR=bill_payer_account_id,line_item_usage_account_id,line_item_usage_account_name,line_item_resource_id,line_item_product_code,line_item_line_item_type,line_item_unblended_cost,line_item_usage_start_date,line_item_usage_type,line_item_line_item_description,line_item_iam_principal,product_region_code,tags
contract() {
	mapcontract new -f "$1" --yes --id C1 --program map --payer 111122223333 \
	    --mpe 12345 --start 2026-01-15 --end 2028-12-31 --credit-rate 25% \
	    --accounts all >/dev/null || echo "mapcontract failed"
}
row() {
	_t='{}'
	[ "${4:-0}" = 1 ] && _t='{""resourceTags/user:map-migrated"":""mig12345""}'
	printf '111122223333,444455556666,prod,%s,AmazonEC2,Usage,%s,%sT12:00:00Z,USE1-BoxUsage:m5.large,m5.large hours,,us-east-1,"%s"\n' \
	    "${3:-i-a}" "$2" "$1" "$_t"
}
deliver() {	# ROOT PERIOD EXECID
	_d=$1/cur/exp/data/BILLING_PERIOD=$2
	_m=$1/cur/exp/metadata/BILLING_PERIOD=$2
	rm -rf "$_d" "$_m"
	mkdir -p "$_d/$3" "$_m"
	{ echo "$CUR_HDR"; cat; } >"$_d/$3/exp-00001.csv"
	printf '{"executionId":"%s","dataFiles":["s3://bucket/cur/exp/data/BILLING_PERIOD=%s/%s/exp-00001.csv"],"bucket":"bucket"}\n' \
	    "$3" "$2" "$3" >"$_m/exp-Manifest.json"
}
