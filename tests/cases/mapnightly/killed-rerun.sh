# a night run again is killed (SIGKILL) after it moved the old dated copy
# aside and before it moved the new one in: the next run puts the old copy
# back, and running the night again ends with the same files as before
python3 demo/gen_demo.py --out "$TMP/demo" --days 2 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY
	e=$TMP/demo/exports/2026-04-$1
	mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -i demo/inventory.tsv -r "$e" -m "$e/$M" -a 2026-04-$1 2>&1 | sed "s|$TMP|\$TMP|g"
}
snap() { (cd "$TMP/s" && find -L history current -type f -exec cksum {} + | LC_ALL=C sort -k 3); }
night 01
night 02
snap > "$TMP/before"
# what the killed re-run of night 02 leaves: 02 moved aside, .new half made
mv "$TMP/s/history/2026-04-02" "$TMP/s/history/.2026-04-02.old"
mkdir "$TMP/s/history/.2026-04-02.new"
echo "--- after the kill: $(ls -A "$TMP/s/history" | tr '\n' ' ')"
night 01 > /dev/null	# any run recovers first; this one changes nothing
echo "--- the next run: $(ls -A "$TMP/s/history" | tr '\n' ' ')"
night 02
snap | cmp - "$TMP/before" && echo "night 02 again: the same files"
