# issue 11, case 2: the nights of 03-30 to 04-01 are missed. The night of
# 04-02 is given the export root alone (-r ROOT, no manifest): it finds
# both billing periods, so March 30-31 reach the ledger and i-a's drift of
# 03-30 keeps its day; it ends where one run on the same deliveries ends.
# A period with no delivery between the checkpoint and the night is a
# warning.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
night() {	# STATEDIR DAY
	mapnightly -d "$1" -c "$TMP/c.tsv" --no-report -r "$TMP/root" -a "$2"
	echo "night $2: exit $?"
}
# March to date as of 03-29, then its final delivery and April's
{ row 2026-03-28 10 i-a 1; row 2026-03-29 10 i-a 1; } | deliver "$TMP/root" 2026-03 exec-0329
night "$TMP/s" 2026-03-29
{ row 2026-03-28 10 i-a 1; row 2026-03-29 10 i-a 1; row 2026-03-30 10 i-a
  row 2026-03-31 10 i-a; } | deliver "$TMP/root" 2026-03 exec-0331
{ row 2026-04-01 10 i-a; row 2026-04-02 10 i-a; } | deliver "$TMP/root" 2026-04 exec-0402
night "$TMP/s" 2026-04-02
sed 1d "$TMP/s/current/ledger.tsv" | cut -f 1 | sort | uniq -c | sed 's/^ */  /'
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { printf "  %s %s since %s drift %s eligible %s\n", $c["entity"], $c["state"], $c["state_since"], $c["drift_date"], $c["eligible_cost"] }' \
    "$TMP/s/current/state.tsv"
echo "--- the run log: the periods and deliveries read"
grep "^delivery" "$TMP/s/current/night.log"
echo "--- one run on the same deliveries"
night "$TMP/one" 2026-04-02
for f in state events ledger tasks notify attribution claims pools other-credits credit-lines score score-history; do
	cmp -s "$TMP/s/current/$f.tsv" "$TMP/one/current/$f.tsv" || echo "  $f.tsv differs"
done
echo "  compared"
echo "--- April's delivery gone: a warning, and March alone is read"
rm -rf "$TMP/root/cur/exp/metadata/BILLING_PERIOD=2026-04"
night "$TMP/s" 2026-04-02
sed 1d "$TMP/s/current/ledger.tsv" | cut -f 1 | sort -u | tr '\n' ' '; echo
