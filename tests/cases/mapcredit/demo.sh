# The demo's MAP credits attributed both without and with its grants file
# (issue 12, item 2): its codes (migK7Q2P9XW4T, ...) do not embed the MPE
# ID, and each line's contract comes from the scope that covers its
# account and service. One one-shot night for 2026-04-30 each.
python3 demo/gen_demo.py --out "$TMP/demo" 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
e=$TMP/demo/exports/2026-04-30
for g in none demo/grants.tsv; do
	echo "=== grants: $g"
	set -- --bin "$BIN" -d "$TMP/$g" -c demo/contracts.tsv -w demo/workloads.tsv \
	    -i demo/inventory.tsv -r "$e" -m "$e/$M" -a 2026-04-30
	[ "$g" = none ] || set -- "$@" -g "$g"
	mapnightly "$@" 2> "$TMP/log" || echo "night failed: exit $?"
	sed "s|$TMP|\$TMP|g" "$TMP/log"
	for f in attribution claims pools; do
		echo "--- $f.tsv"
		cat "$TMP/$g/current/$f.tsv"
	done
done
