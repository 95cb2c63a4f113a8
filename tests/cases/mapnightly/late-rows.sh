# issue 11, case 1: rows for a day keep arriving after it. The 04-02
# delivery has i-a tagged, $10 on 04-01 and 04-02; the 04-03 delivery adds
# $90 of untagged i-a usage on 04-02, and 04-03. The night of 04-03
# re-derives April from its latest delivery: the late rows are taken in,
# 04-02 is a revised day in the run log, and the nights end where one run
# on the 04-03 delivery ends, byte for byte. i-b, never tagged, has its
# task from the first night: re-derived, it keeps its id and its opened
# day (the digest, what is new since the night before, names it once);
# the score history has each day once, and a night run again changes
# nothing.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
printf 'workload\tproduct\tportfolio\tteam\towner\tengineer\tclaim\nweb\tshop\tretail\tweb\tolga\teve\taccount:444455556666\n' >"$TMP/w.tsv"
M=cur/exp/metadata/BILLING_PERIOD=2026-04/exp-Manifest.json
night() {	# ROOT STATEDIR DAY
	mapnightly -d "$2" -c "$TMP/c.tsv" -w "$TMP/w.tsv" --no-report -r "$1" -m "$1/$M" -a "$3"
	echo "night $3: exit $?"
}
ledger() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { printf "  %s %s %s cost %s eligible %s accruing %s\n", $c["date"], $c["entity"], $c["state"], $c["cost"], $c["eligible_cost"], $c["accruing_cost"] }' "$1/current/ledger.tsv"
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { printf "  event %s %s %s -> %s (%s)\n", $c["date"], $c["entity"], $c["from"], $c["to"], $c["reason"] }' "$1/current/events.tsv"
}
tasks() {
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    { printf "  task %s %s %s %s opened %s\n", $c["task_id"], $c["type"], $c["status"], $c["entity"], $c["opened"] }' "$1/current/tasks.tsv"
	echo "  notifications: $(sed 1d "$1/current/notify.tsv" | cut -f 4,5,7 | tr '\t\n' ' ;')"
}
{ row 2026-04-01 10 i-a 1; row 2026-04-02 10 i-a 1; row 2026-04-01 5 i-b; row 2026-04-02 5 i-b; } |
    deliver "$TMP/d1" 2026-04 exec-0402
{ row 2026-04-01 10 i-a 1; row 2026-04-02 10 i-a 1; row 2026-04-02 90 i-a
  row 2026-04-03 10 i-a 1; row 2026-04-01 5 i-b; row 2026-04-02 5 i-b; row 2026-04-03 5 i-b; } |
    deliver "$TMP/d2" 2026-04 exec-0403
night "$TMP/d1" "$TMP/s" 2026-04-02
ledger "$TMP/s"
tasks "$TMP/s"
night "$TMP/d2" "$TMP/s" 2026-04-03
ledger "$TMP/s"
tasks "$TMP/s"
echo "  score history days: $(sed 1d "$TMP/s/current/score-history.tsv" | cut -f 1,2 | sort | uniq -c | awk '{ printf "%s ", $1 }')"
echo "--- the run log: days revised since the night before"
grep '^revised' "$TMP/s/current/night.log"
echo "--- one run on the 04-03 delivery"
night "$TMP/d2" "$TMP/one" 2026-04-03
for f in state events ledger tasks notify attribution claims pools other-credits credit-lines score score-history; do
	cmp -s "$TMP/s/current/$f.tsv" "$TMP/one/current/$f.tsv" || echo "  $f.tsv differs"
done
echo "  compared"
echo "--- night 04-03 again: the same bytes"
(cd "$TMP/s/current" && cksum *) >"$TMP/before"
night "$TMP/d2" "$TMP/s" 2026-04-03
(cd "$TMP/s/current" && cksum *) | cmp - "$TMP/before" && echo "  identical"
