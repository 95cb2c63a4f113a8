# with owners (mapstate -w): the nightly and the one-shot replay end with the same task list; a task
# that opened and closed between two runs is kept (events); re-running a
# night changes nothing; ids are stable across runs
C=testdata/state/contracts.tsv M=testdata/state/month.tsv
mapstate -c $C -w testdata/state/workloads.tsv -e "$TMP/ev" -l "$TMP/led" $M > "$TMP/state"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/state" > "$TMP/tasks.all"
prev= prevt=
for d in 1 2 3 4 5 6; do
	awk -F "\t" -v d="2026-04-0$d" "NR == 1 || substr(\$1, 1, 10) <= d" $M > "$TMP/mtd"
	mapstate -c $C -w testdata/state/workloads.tsv ${prev:+-s "$prev"} -e "$TMP/ev$d" -l "$TMP/led$d" "$TMP/mtd" > "$TMP/state$d"
	maptasks -c $C ${prevt:+-p "$prevt"} -e "$TMP/ev$d" -l "$TMP/led$d" "$TMP/state$d" > "$TMP/tasks$d" || echo "night $d failed"
	echo "night $d: $(tests/cols status "$TMP/tasks$d" | grep -c open) open, $(tests/cols status "$TMP/tasks$d" | grep -c closed) closed"
	prev=$TMP/state$d prevt=$TMP/tasks$d
done
cmp "$TMP/tasks6" "$TMP/tasks.all" && echo "nightly = one-shot: identical"
maptasks -c $C -p "$TMP/tasks5" -e "$TMP/ev6" -l "$TMP/led6" "$TMP/state6" | cmp - "$TMP/tasks6" && echo "night 6 again: identical"
# i-hourly drifted on day 2 and was fixed on day 3: between two nightly runs
grep -c i-hourly "$TMP/tasks6"
tests/cols type,status,entity,assignee,workload,owner "$TMP/tasks6"
maptasks -c $C -e "$TMP/ev" -n "$TMP/notify" "$TMP/state" > /dev/null && cat "$TMP/notify"
