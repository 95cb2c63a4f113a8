# retention: the newest --keep dated copies stay (14 by default), and a
# night run again still finds the night before it; --keep must leave at
# least that one
python3 demo/gen_demo.py --out "$TMP/demo" --days 4 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY STATEDIR [OPTION]...
	e=$TMP/demo/exports/2026-04-$1 s=$2
	shift 2
	mapnightly -d "$s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -r "$e" -m "$e/$M" "$@"
}
for d in 01 02 03 04; do
	night $d "$TMP/s" --keep 2
	echo "night $d (--keep 2): exit $?: $(ls "$TMP/s/history" | tr '\n' ' ')"
done
cp "$TMP/s/current/state.tsv" "$TMP/state.04"
night 04 "$TMP/s" -k 2
echo "night 04 again: exit $?: $(ls "$TMP/s/history" | tr '\n' ' ')"
cmp "$TMP/s/current/state.tsv" "$TMP/state.04" && echo "  same state"
for d in 01 02 03 04; do night $d "$TMP/all"; done
echo "default: $(ls "$TMP/all/history" | tr '\n' ' ')"
night 04 "$TMP/all" --keep=3
echo "--keep=3: $(ls "$TMP/all/history" | tr '\n' ' ')"
night 04 "$TMP/all" -k1; echo "exit $?"
night 04 "$TMP/all" --keep two; echo "exit $?"
