# discovery of legacy CUR deliveries: the report prefix's
# YYYYMMDD-YYYYMMDD/ period folders, each with its manifest (the assembly
# folder's copy is not read again), found under the export root with -r
# alone; both periods are read, and the run log names each delivery.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
legacy() {	# PERIOD-FOLDER ASSEMBLY DAY...
	_f=$1 _a=$2
	_p=$TMP/root/legacy/report/$_f
	shift 2
	mkdir -p "$_p/$_a"
	{
		echo 'bill/PayerAccountId,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/ProductCode,lineItem/UsageType,lineItem/ResourceId,lineItem/UnblendedCost,lineItem/LineItemDescription,product/region,resourceTags/user:map-migrated'
		for _d in "$@"; do
			echo "111122223333,444455556666,Usage,${_d}T00:00:00Z,AmazonEC2,USE1-BoxUsage:m5.large,i-a,10,m5.large hours,us-east-1,mig12345"
		done
	} >"$_p/$_a/report-1.csv"
	printf '{"assemblyId":"%s","reportKeys":["legacy/report/%s/%s/report-1.csv"],"bucket":"b"}\n' "$_a" "$_f" "$_a" >"$_p/report-Manifest.json"
	cp "$_p/report-Manifest.json" "$_p/$_a/report-Manifest.json"
}
legacy 20260301-20260401 asm-03 2026-03-30 2026-03-31
legacy 20260401-20260501 asm-04 2026-04-01 2026-04-02
mapnightly -d "$TMP/s" -c "$TMP/c.tsv" --no-report -r "$TMP/root" -a 2026-04-02
rc=$?
grep -E '^(checkpoint|open|delivery|rows)' "$TMP/s/current/night.log"
sed 1d "$TMP/s/current/ledger.tsv" | cut -f 1,2,8,10 | sed 's/^/  /'
exit $rc
