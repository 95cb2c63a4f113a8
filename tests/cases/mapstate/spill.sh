# Past MAPSTATE_SLOTS entity-days the replay's slots go to a temporary file
# in sorted runs, merged back by day; the state, events and ledger are the
# same bytes as with every slot in memory. The month in reverse order,
# one slot a run, puts the lines of one entity-day in several runs.
unset MAPSTATE_SLOTS	# check.sh runs the mapstate cases with it set
C=testdata/state/contracts.tsv M=testdata/state/month.tsv W=testdata/state/workloads.tsv
{ head -n 1 $M; tail -n +2 $M | awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }'; } > "$TMP/rev"
run() {	# NAME [env...] -- input
	name=$1; shift
	env "$@" mapstate -c $C -w $W -a 2026-04-30 -e "$TMP/$name.ev" -l "$TMP/$name.led" \
	    "$input" > "$TMP/$name.st"
	echo "$name: exit $?"
}
input=$M run mem
for input in $M "$TMP/rev"; do
	for n in 1 2 7 1000; do
		run spill MAPSTATE_SLOTS=$n
		for f in st ev led; do
			cmp -s "$TMP/mem.$f" "$TMP/spill.$f" ||
			    echo "MAPSTATE_SLOTS=$n $(basename "$input"): .$f differs"
		done
	done
done
wc -l < "$TMP/mem.st"; wc -l < "$TMP/mem.ev"; wc -l < "$TMP/mem.led"
echo "--- nightly, from yesterday's state, spilling: the same state"
awk -F "\t" 'NR == 1 || substr($1, 1, 10) <= "2026-04-03"' $M > "$TMP/mtd3"
mapstate -c $C -w $W "$TMP/mtd3" > "$TMP/s3"
mapstate -c $C -w $W -s "$TMP/s3" $M > "$TMP/s.mem"
MAPSTATE_SLOTS=1 mapstate -c $C -w $W -s "$TMP/s3" "$TMP/rev" > "$TMP/s.spill"
cmp "$TMP/s.mem" "$TMP/s.spill" && echo "same state"
echo "--- the temporary file cannot be made: exit 4, nothing written"
MAPSTATE_SLOTS=5 TMPDIR=$TMP/none mapstate -c $C -e "$TMP/x.ev" $M > "$TMP/x.st"
echo "exit $?"
ls "$TMP" | grep -c '^x\.ev'
wc -c < "$TMP/x.st"
echo "--- within the budget no temporary file is needed"
mapstate -c $C $M > "$TMP/plain"
TMPDIR=$TMP/none mapstate -c $C $M > "$TMP/plain.none"; echo "exit $?"
cmp "$TMP/plain" "$TMP/plain.none" && echo "same state"
echo "--- MAPSTATE_SLOTS wants a count"
for v in 0 -1 x 12k 99999999999; do
	MAPSTATE_SLOTS=$v mapstate -c $C $M > /dev/null 2>"$TMP/err"
	echo "'$v': exit $?"; head -n 1 "$TMP/err"
done
