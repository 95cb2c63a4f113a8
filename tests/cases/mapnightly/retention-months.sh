# issue 11, case 4: retention never deletes a closed period's outputs.
# With -k 2, nights from 03-30 to 04-03: while March is open, a night's
# attribution covers March and April; with --close-after 2 March closes on
# the night of 04-02 and its final outputs stay in periods/2026-03/ for
# good, the checkpoint of the nights after it; the nights after it keep
# March's attribution rows (from the checkpoint) before their own months.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
march() {
	row 2026-03-30 100 i-a 1; row 2026-03-31 100 i-a 1
	printf '111122223333,444455556666,prod,,AmazonEC2,Credit,-%s,%sT00:00:00Z,,MAP 2.0 credit mig12345 MPE12345,,us-east-1,{}\n' 50 2026-03-31
}
night() {	# DAY
	mapnightly -d "$TMP/s" -c "$TMP/c.tsv" --no-report -r "$TMP/root" -k 2 \
	    --close-after 2 -a "$1"
	echo "night $1: exit $?: history $(ls "$TMP/s/history" | tr '\n' ' ')"
	echo "  attribution months: $(cut -f 1 "$TMP/s/current/attribution.tsv" | sed 1d | sort -u | tr '\n' ' ')"
	echo "  claims months: $(cut -f 1 "$TMP/s/current/claims.tsv" | sed 1d | sort -u | tr '\n' ' ')"
	echo "  ledger days: $(cut -f 1 "$TMP/s/current/ledger.tsv" | sed 1d | sort -u | tr '\n' ' ')"
	echo "  periods: $(ls "$TMP/s/periods" 2>/dev/null | tr '\n' ' ')"
}
march | deliver "$TMP/root" 2026-03 exec-0331
night 2026-03-31
{ row 2026-04-01 100 i-a 1; } | deliver "$TMP/root" 2026-04 exec-0401
night 2026-04-01
{ row 2026-04-01 100 i-a 1; row 2026-04-02 100 i-a 1; } | deliver "$TMP/root" 2026-04 exec-0402
night 2026-04-02
{ row 2026-04-01 100 i-a 1; row 2026-04-02 100 i-a 1; row 2026-04-03 100 i-a 1; } |
    deliver "$TMP/root" 2026-04 exec-0403
night 2026-04-03
echo "--- March's final outputs"
ls "$TMP/s/periods/2026-03"
sed 1d "$TMP/s/periods/2026-03/attribution.tsv" | cut -f 1,2,7,9
cut -f 1 "$TMP/s/periods/2026-03/state.tsv" | sed 1d | sort -u
