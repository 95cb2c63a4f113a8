# four nights in turn on the demo organisation's deliveries (gen_demo.py
# --days 4): the state directory's layout; a night run again changes
# nothing; one run on the last delivery, a run after missed nights, and
# nights run again after going back to an earlier one all end with the same
# files
python3 demo/gen_demo.py --out "$TMP/demo" --days 4 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY STATEDIR [OPTION]...
	e=$TMP/demo/exports/2026-04-$1 s=$2
	shift 2
	mapnightly -d "$s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -i demo/inventory.tsv -r "$e" -m "$e/$M" "$@"
}
# (current and history/D are links into nights/, whose names count runs)
snap() { (cd "$1" && find -L . -path ./nights -prune -o -type f ! -name .lock -exec cksum {} + | sort -k 3); }
same() {	# DIR DIR: every file of the first is in the second, the same
	# (night.log but for its revised lines: what changed since the night
	# before, which a run with no night before has none of)
	_d=$( (cd "$1" && find . -type f ! -name .lock) | sort | while read -r f; do
		case $f in
		./night.log) grep -v '^revised	' "$2/$f" >"$TMP/nl" || :
			grep -v '^revised	' "$1/$f" | cmp -s - "$TMP/nl" || echo "  $f differs" ;;
		*) cmp -s "$1/$f" "$2/$f" || echo "  $f differs" ;;
		esac
	done)
	if [ -z "$_d" ]; then echo "  identical"; else echo "$_d"; fi
}
for d in 01 02 03 04; do
	night $d "$TMP/s" -a 2026-04-$d
	echo "night $d: exit $?"
	awk -F '\t' 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    FILENAME ~ /state/ { n++; if ($c["state"] == "PENDING_TAG") p++ }
	    FILENAME ~ /tasks/ { if ($c["status"] == "open") o++ }
	    FILENAME ~ /ledger/ { days[$c["date"]] = 1 }
	    END { for (d in days) nd++; printf "  as of %s: %d entities, %d pending, %d open tasks; ledger days: %d\n", as, n, p, o, nd }
	    FILENAME ~ /state/ { as = $c["as_of"] }' \
	    "$TMP/s/current/state.tsv" "$TMP/s/current/tasks.tsv" "$TMP/s/current/ledger.tsv"
done
echo "--- the state directory"
ls -A "$TMP/s"
ls -A "$TMP/s/history"
ls -A "$TMP/s/current"
echo "--- current is the newest dated copy, history/2026-04-04"
same "$TMP/s/current" "$TMP/s/history/2026-04-04"
echo "--- night 04 again, with --as-of and without it"
snap "$TMP/s" >"$TMP/before"
night 04 "$TMP/s" -a 2026-04-04; echo "exit $?"
snap "$TMP/s" | cmp - "$TMP/before" && echo "  identical"
night 04 "$TMP/s"; echo "exit $?"
snap "$TMP/s" | cmp - "$TMP/before" && echo "  identical"
echo "--- one run on the delivery of April 4"
night 04 "$TMP/one"; echo "exit $?"
same "$TMP/s/current" "$TMP/one/current"
echo "--- nights 02 and 03 missed"
night 01 "$TMP/gap" && night 04 "$TMP/gap"; echo "exit $?"
same "$TMP/s/current" "$TMP/gap/current"
echo "--- back to night 02, then 03 and 04 again"
night 02 "$TMP/s"; echo "exit $?"
cut -f 1 "$TMP/s/current/state.tsv" | sort -u
night 03 "$TMP/s" && night 04 "$TMP/s"; echo "exit $?"
snap "$TMP/s" | cmp - "$TMP/before" && echo "  identical"
