# The library as the next tools will use it: tests/lib/lead-rate loads the
# demo's last night (three nights of mapnightly, the last one 04-30) through
# lib/map/score.h alone and prints the FinOps Lead's MAP Compliance Rate;
# it must be the figure mapscore printed that night (score.tsv, first row)
# and the one mapscore --role lead prints now from the same files.
python3 demo/gen_demo.py --out "$TMP/demo" 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
for d in 28 29 30; do
	e=$TMP/demo/exports/2026-04-$d
	mapnightly --bin "$BIN" -d "$TMP/n" -c demo/contracts.tsv -w demo/workloads.tsv \
	    -g demo/grants.tsv -i demo/inventory.tsv -r "$e" -m "$e/$M" -a 2026-04-$d \
	    2>/dev/null || echo "night 04-$d failed: exit $?"
done
C=$TMP/n/current
lib=$("$BIN/../tests/lead-rate" "$TMP/n"); echo "exit $?"
echo "library:  $lib"
row() {	# FILE: the first row's as_of, accruing, eligible and rate
	tests/cols as_of,accruing_cost,eligible_cost,rate "$1" |
	    awk -F '\t' 'NR == 2 { printf "as_of %s accruing %s eligible %s rate %s\n", $1, $2, $3, $4 }'
}
night=$(row "$C/score.tsv")
echo "night:    $night"
cp "$C/score-history.tsv" "$TMP/h"
mapscore -l "$C/ledger.tsv" -H "$TMP/h" --role lead > "$TMP/lead"; echo "exit $?"
now=$(row "$TMP/lead")
echo "mapscore: $now"
if [ "$lib" = "$night" ] && [ "$lib" = "$now" ]; then echo agree; else echo DIFFER; fi
echo "--- bad input: one line, exit 3"
sed '2s/\tTAGGED\t/\tWAITING\t/; 2s/\tPENDING_TAG\t/\tWAITING\t/; 2s/\tELIGIBLE\t/\tWAITING\t/' "$C/ledger.tsv" > "$TMP/bad.tsv"
mkdir -p "$TMP/b/current"; cp "$TMP/bad.tsv" "$TMP/b/current/ledger.tsv"
"$BIN/../tests/lead-rate" "$TMP/b"; echo "exit $?"
