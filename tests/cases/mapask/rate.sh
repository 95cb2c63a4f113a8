# rate: "why is payments at 64%?" on the demo's last night: the rate with
# its numerator and denominator, the gap by state, the entities behind it
# and the changes of the last 30 days with their effect; the overall rate;
# and the figures equal to mapscore's for the same files.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" rate --team payments; echo "exit $?"
mapask -d "$TMP/n" rate; echo "exit $?"
echo "--- tsv"
mapask -d "$TMP/n" -f tsv rate --team payments > "$TMP/a.tsv"; echo "exit $?"
tests/cols section,window,group,eligible_cost,accruing_cost,rate,pending_cost,stale_cost,untrackable_cost "$TMP/a.tsv" | awk -F '\t' '$1 == "rate"'
echo "--- mapscore -b team, the same night"
cp "$TMP/n/current/score-history.tsv" "$TMP/h"
mapscore -l "$TMP/n/current/ledger.tsv" -H "$TMP/h" -b team > "$TMP/s.tsv"
tests/cols window,group,eligible_cost,accruing_cost,rate,pending_cost,stale_cost,untrackable_cost "$TMP/s.tsv" | awk -F '\t' '$2 == "payments"' > "$TMP/want"
tests/cols window,group,eligible_cost,accruing_cost,rate,pending_cost,stale_cost,untrackable_cost "$TMP/a.tsv" | awk -F '\t' '$2 == "payments"' > "$TMP/got"
cmp "$TMP/want" "$TMP/got" && echo "the same figures as mapscore"
echo "--- the sources' checksums are sha256sum's"
tests/cols section,file,sha256 "$TMP/a.tsv" | awk -F '\t' '$1 == "sources" { print $3 "  " $2 }' | sha256sum -c --quiet && echo "checksums agree"
echo "--- other groupings"
mapask -d "$TMP/n" -f tsv rate --portfolio 'Digital Commerce' | tests/cols section,window,group,rate | awk -F '\t' '$1 == "rate"'
mapask -d "$TMP/n" -f tsv rate --workload unowned | tests/cols section,window,group,rate | awk -F '\t' '$1 == "rate"'
mapask -d "$TMP/n" rate --team nobody; echo "exit $?"
mapask -d "$TMP/n" rate --team payments --product Payments; echo "exit $?"
