# credits: received vs earned vs projected with the contract-to-date
# columns of the claims, the gap by cause, the attribution by workload,
# the grants expiring soonest; the month's figures equal the Lead view's.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" credits; echo "exit $?"
mapask -d "$TMP/n" credits --contract MAP-AUR-AI --month 2026-04; echo "exit $?"
echo "--- the Lead view's credits section, the same night"
C=$TMP/n/current
cp "$C/score-history.tsv" "$TMP/h"
mapscore -l "$C/ledger.tsv" -H "$TMP/h" -C "$C/claims.tsv" -r lead | tests/cols section,contract,projected,earned,received,gap | awk -F '\t' '$1 == "credits"' | cut -f2- > "$TMP/want"
mapask -d "$TMP/n" -f tsv credits | tests/cols section,contract,projected,earned,received,gap | awk -F '\t' '$1 == "claims"' | cut -f2- > "$TMP/got"
cmp "$TMP/want" "$TMP/got" && echo "the same figures as mapscore --role lead"
mapask -d "$TMP/n" credits --month 2026-03; echo "exit $?"
mapask -d "$TMP/n" credits --contract NOPE; echo "exit $?"
mapask -d "$TMP/n" credits --month April; echo "exit $?"
