# The demo's previous month restated (issue 11): every export of April
# also holds March's delivery, and from the export of April 4 on a
# restated one (a new execution id; March 29 first billed 20% low). Given
# the export root alone, each night finds both periods; the night of the
# restatement derives March again from it and names the day revised; a
# night equals one run over the same exports, and March closes (15 days
# after it ends) into periods/2026-03/ with the restated figures.
python3 demo/gen_demo.py --out "$TMP/demo" --days 16 2>/dev/null || echo "gen_demo.py failed"
night() {	# STATEDIR DAY
	mapnightly -d "$1" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -r "$TMP/demo/exports/$2" -a "$2" --no-report 2>&1 | sed "s|$TMP|\$TMP|g"
}
same() {	# A B: every TSV file of A's current night equals B's
	for f in "$1"/*.tsv; do
		cmp -s "$f" "$2/${f##*/}" || echo "  ${f##*/} differs"
	done
	echo "  compared $(ls "$1"/*.tsv | wc -l) files"
}
for d in 03 04; do night "$TMP/s" 2026-04-$d; done
echo "--- the night of 2026-04-04: March's deliveries and the day revised"
grep -E '^(open|delivery	2026-03	execution)' "$TMP/s/history/2026-04-03/night.log" | sed 's/^/  04-03: /'
grep -E '^(open|delivery	2026-03	execution|revised	2026-03)' "$TMP/s/current/night.log" | sed 's/^/  04-04: /'
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["entity"] == "i-0b2e4d6f8a1c35688" { print "  ledger " $c["date"], $c["eligible_cost"], $c["state"] }' "$TMP/s/current/ledger.tsv"
echo "--- one run over the exports of 2026-04-04"
night "$TMP/one" 2026-04-04
same "$TMP/s/current" "$TMP/one/current"
echo "--- the nights of 04-05 to 04-15 missed; the night of 2026-04-16 closes March"
night "$TMP/s" 2026-04-16
grep -E '^(checkpoint|closed|open)' "$TMP/s/current/night.log" | sed 's/^/  /'
ls "$TMP/s/periods"
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	$c["entity"] == "i-0b2e4d6f8a1c35688" { print "  periods/2026-03 ledger " $c["date"], $c["eligible_cost"] }' "$TMP/s/periods/2026-03/ledger.tsv"
echo "--- one run over the exports of 2026-04-16"
night "$TMP/one16" 2026-04-16
same "$TMP/s/current" "$TMP/one16/current"
for f in "$TMP/s/periods/2026-03"/*; do
	cmp -s "$f" "$TMP/one16/periods/2026-03/${f##*/}" || echo "  periods/2026-03/${f##*/} differs"
done
echo "  compared periods/2026-03: $(ls "$TMP/s/periods/2026-03" | wc -l) files"
