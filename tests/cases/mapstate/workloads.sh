# ownership (-w): every claim kind on month.tsv. The most specific claim
# wins (resource > prefix, the longest first > profile = principal > tag >
# account): i-tagged is claimed by its account and by its team tag and
# goes to the tag; db-drift-altered by its account and its exact id goes
# to the resource; bucket-gap matches two prefixes and goes to the longer.
# Spend no claim covers is unowned, and shown.
C=testdata/state/contracts.tsv M=testdata/state/month.tsv W=testdata/state/workloads.tsv
mapstate -c $C -w $W -l "$TMP/led" $M > "$TMP/state"
rc=$?
tests/cols entity,entity_kind,account,principal,tag_team,workload,team,product,portfolio,owner,engineer "$TMP/state"
echo "--- the ledger carries workload, team, product, portfolio (day 6)"
tests/cols date,entity,state,eligible_cost,accruing_cost,workload,team,product,portfolio "$TMP/led" |
    awk -F "\t" 'NR == 1 || $1 == "2026-04-06"'
echo "--- month to date per workload: eligible, accruing (from the ledger)"
tests/cols workload,eligible_cost,accruing_cost "$TMP/led" | awk -F "\t" '
NR > 1 { e[$1] += $2; a[$1] += $3 }
END { for (w in e) printf "%s\t%.2f\t%.2f\n", w, e[w], a[w] }' | sort
echo "--- -w only adds the six ownership columns"
mapstate -c $C $M > "$TMP/plain"
cols=$(head -n 1 "$TMP/plain" | tr '\t' ',')
tests/cols "$cols" "$TMP/state" | cmp - "$TMP/plain" && echo "state otherwise identical"
mapstate -c $C -l "$TMP/led.plain" $M > /dev/null
cols=$(head -n 1 "$TMP/led.plain" | tr '\t' ',')
tests/cols "$cols" "$TMP/led" | cmp - "$TMP/led.plain" && echo "ledger otherwise identical"
echo "--- nightly runs with -w end in the same state"
prev=
for d in 1 2 3 4 5 6; do
	awk -F "\t" -v d="2026-04-0$d" "NR == 1 || substr(\$1, 1, 10) <= d" $M > "$TMP/mtd$d"
	mapstate -c $C -w $W ${prev:+-s "$prev"} "$TMP/mtd$d" > "$TMP/state$d" || echo "night $d failed"
	prev=$TMP/state$d
done
cmp "$TMP/state6" "$TMP/state" && echo "state: identical"
exit $rc
