# End to end: the demo organisation's April, mapnightly night after night as
# cron runs it, every stage's final output checked; then the last night run
# again (no change) and the whole month in one run (the same final files).
# The ledger and the score history are shown as per-day sums and a checksum.
python3 demo/gen_demo.py --out "$TMP/demo" 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY STATEDIR
	e=$TMP/demo/exports/$1
	mapnightly --bin "$BIN" -d "$2" -c demo/contracts.tsv -w demo/workloads.tsv \
	    -g demo/grants.tsv -i demo/inventory.tsv -r "$e" -m "$e/$M" -a "$1" 2>>"$TMP/log" ||
		echo "night $1 failed: exit $?"
}
d=1
while [ $d -le 30 ]; do night 2026-04-$(printf %02d $d) "$TMP/n"; d=$((d + 1)); done
C=$TMP/n/current
for f in state events tasks notify attribution claims pools other-credits score scan-summary; do
	echo "=== $f.tsv"
	sed "s|$TMP|\$TMP|g" "$C/$f.tsv"
done
echo "=== ledger.tsv: $(wc -l < "$C/ledger.tsv") lines, cksum $(cksum < "$C/ledger.tsv")"
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
{ k = $c["date"]; n[k]++; s[k] += $c["cost"]; e[k] += $c["eligible_cost"]; a[k] += $c["accruing_cost"]
  st[k " " $c["state"]]++ }
END { for (k in n) printf "%s rows %d cost %.2f eligible %.2f accruing %.2f tagged %d pending %d stale %d\n",
      k, n[k], s[k], e[k], a[k], st[k " TAGGED"], st[k " PENDING_TAG"], st[k " STALE_TAG"] }' "$C/ledger.tsv" | sort
echo "=== score-history.tsv: $(wc -l < "$C/score-history.tsv") lines, cksum $(cksum < "$C/score-history.tsv")"
tests/cols date,eligible_cost,accruing_cost "$C/score-history.tsv" | awk -F '\t' 'NR > 1 { e[$1] += $2; a[$1] += $3 }
END { for (d in e) printf "%s eligible %.2f accruing %.2f\n", d, e[d], a[d] }' | sort | tail -n 5
echo "=== the last night again"
sums() { ( cd "$C" && find . -type f | LC_ALL=C sort | xargs cksum ); }
sums > "$TMP/before"
night 2026-04-30 "$TMP/n"
sums | cmp - "$TMP/before" && echo "identical"
echo "=== the whole month in one run"
night 2026-04-30 "$TMP/o"
for f in "$C"/*; do
	b=${f##*/}
	case $b in score.tsv | score-history.tsv) continue ;; esac	# the trend is the nights'
	if [ "$b" = night.log ]; then	# but for what changed since the night before
		grep -v '^revised	' "$f" | cmp -s - "$TMP/o/current/$b" && echo "$b: identical (but its revised lines)" ||
			echo "$b: DIFFERS"
		echo "  revised: $(grep -c '^revised	' "$f") entity-days of the night before (late rows)"
	elif [ -d "$f" ]; then	# report/: the pages
		diff -r "$f" "$TMP/o/current/$b" > /dev/null && echo "$b/: identical" || echo "$b/: DIFFERS"
	else
		cmp -s "$f" "$TMP/o/current/$b" && echo "$b: identical" || echo "$b: DIFFERS"
	fi
done
grep -v "warning: MAP credit" "$TMP/log" | sort -u
