# A grant drawn across a month end: March's MAP credit (50) is drawn from
# the grant while March is open, and still counts once March has closed
# (the night after it starts from the checkpoint's pools, not from zero),
# with April's (30) on top: the pools after the close are those of one
# run over both months. The attribution of a night after the close keeps
# March's rows. The grant: 200 of mig12345 from 2026-03-01 to 2026-06-30.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
printf 'code\tamount\taccount\tstart\tend\treference\nmig12345\t200\t111122223333\t2026-03-01\t2026-06-30\tC1\n' > "$TMP/g.tsv"
credit() {	# DAY AMOUNT
	printf '111122223333,444455556666,prod,,AmazonEC2,Credit,-%s,%sT00:00:00Z,,MAP 2.0 credit mig12345 MPE12345,,us-east-1,{}\n' "$2" "$1"
}
{ row 2026-03-30 100 i-a 1; row 2026-03-31 100 i-a 1; credit 2026-03-31 50; } |
    deliver "$TMP/root" 2026-03 exec-0331
{ row 2026-04-01 100 i-a 1; row 2026-04-02 100 i-a 1; row 2026-04-03 100 i-a 1; credit 2026-04-03 30; } |
    deliver "$TMP/root" 2026-04 exec-0403
night() {	# DIR DAY CLOSE-AFTER
	mapnightly -d "$1" -c "$TMP/c.tsv" -g "$TMP/g.tsv" --no-report -r "$TMP/root" \
	    --close-after "$3" -a "$2"
	echo "exit $?: periods closed: $(ls "$1/periods" 2>/dev/null | tr '\n' ' ')"
}
echo "--- March closed (--close-after 2)"
night "$TMP/s" 2026-04-03 2
cut -f 2,5-7,13 "$TMP/s/current/pools.tsv"
cut -f 1,2,7,9 "$TMP/s/current/attribution.tsv"
echo "--- March open (--close-after 15): one run over both months"
night "$TMP/o" 2026-04-03 15
cut -f 2,5-7,13 "$TMP/o/current/pools.tsv"
cmp "$TMP/s/current/pools.tsv" "$TMP/o/current/pools.tsv" && echo "the same pools"
cmp "$TMP/s/current/attribution.tsv" "$TMP/o/current/attribution.tsv" && echo "the same attribution"
echo "--- --times: a stage names what it ran for (the scan its period, a closing derivation its period)"
mapnightly -d "$TMP/t" -c "$TMP/c.tsv" -g "$TMP/g.tsv" --no-report -r "$TMP/root" \
    --close-after 2 -a 2026-04-03 --times
echo "exit $?"
grep '^time' "$TMP/t/current/night.log" | cut -f 2
for f in pools attribution; do cmp -s "$TMP/s/current/$f.tsv" "$TMP/t/current/$f.tsv" || echo "  $f.tsv differs"; done
