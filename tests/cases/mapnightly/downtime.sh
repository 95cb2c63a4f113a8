# a week of downtime across a month end: nights up to 03-27, then none
# until 04-05. March closed on 04-03 (--close-after 3) while nothing ran:
# the night of 04-05 closes it from its final delivery and derives April
# from it, and ends where one run on the same deliveries ends, byte for
# byte; the night after starts from March's checkpoint.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
night() {	# STATEDIR DAY
	mapnightly -d "$1" -c "$TMP/c.tsv" --no-report -r "$TMP/root" --close-after 3 -a "$2"
	echo "night $2: exit $?"
}
days() {	# FIRST LAST: a row of i-a (tagged) and i-b (untagged) a day
	_d=$1
	while :; do
		row "$_d" 10 i-a 1
		row "$_d" 4 i-b
		[ "$_d" = "$2" ] && break
		_d=$(date -u -d "$_d + 1 day" +%F)
	done
}
days 2026-03-25 2026-03-27 | deliver "$TMP/root" 2026-03 m1
night "$TMP/s" 2026-03-26
night "$TMP/s" 2026-03-27
days 2026-03-25 2026-03-31 | deliver "$TMP/root" 2026-03 m2
days 2026-04-01 2026-04-05 | deliver "$TMP/root" 2026-04 a1
night "$TMP/s" 2026-04-05
grep -E '^(checkpoint|closed|open)' "$TMP/s/current/night.log"
echo "  March: $(sed 1d "$TMP/s/periods/2026-03/ledger.tsv" | cut -f 1 | sort -u | wc -l) days; April: $(sed 1d "$TMP/s/current/ledger.tsv" | cut -f 1 | sort -u | tr '\n' ' ')"
sed 1d "$TMP/s/current/state.tsv" | cut -f 2,13,15,16 | sed 's/^/  /'
night "$TMP/one" 2026-04-05
for f in state events ledger tasks notify attribution claims pools other-credits credit-lines score score-history; do
	cmp -s "$TMP/s/current/$f.tsv" "$TMP/one/current/$f.tsv" || echo "  $f.tsv differs from one run"
done
for f in "$TMP/s/periods/2026-03"/*; do
	cmp -s "$f" "$TMP/one/periods/2026-03/${f##*/}" || echo "  periods/2026-03/${f##*/} differs from one run"
done
echo "  compared with one run"
days 2026-04-01 2026-04-06 | deliver "$TMP/root" 2026-04 a2
night "$TMP/s" 2026-04-06
grep -E '^(checkpoint|closed|open)' "$TMP/s/current/night.log"
echo "  score history days: $(sed 1d "$TMP/s/current/score-history.tsv" | cut -f 1 | sort -u | wc -l), rows $(sed 1d "$TMP/s/current/score-history.tsv" | wc -l)"
