# mapstate | mapscore every night on that day's ledger, with the history,
# ends where one run on the whole month's ledger does
C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv
prev=
for d in 1 2 3 4 5 6; do
	day=2026-04-0$d
	mapstate -c $C -w $W ${prev:+-s "$prev"} --as-of $day -l "$TMP/led$d" testdata/state/month.tsv > "$TMP/st$d"
	prev=$TMP/st$d
	mapscore -l "$TMP/led$d" -H "$TMP/nightly" -b portfolio > "$TMP/score$d" || echo "night $d failed"
done
mapstate -c $C -w $W -l "$TMP/led" testdata/state/month.tsv > /dev/null
mapscore -l "$TMP/led" -H "$TMP/oneshot" -b portfolio > "$TMP/score"
cmp "$TMP/nightly" "$TMP/oneshot" && echo "history: identical"
cmp "$TMP/score6" "$TMP/score" && echo "scores: identical"
tests/cols window,group,eligible_cost,accruing_cost,rate,ai_rate,ownership,entities,PENDING_TAG "$TMP/score"
