# Claims as a series (issue 12, item 4): each night's ledger holds its
# month only; --previous-claims keeps the months before it as they were,
# and every row gets its contract's figures to date (C-TOT has a projected
# total: projected_to_date is that total, gap_to_date the total less what
# was earned to date).
. testdata/credit/series.sh
curscan "$TMP/cur.csv" 2>/dev/null > "$TMP/lines"
mapstate -c "$TMP/c" -l "$TMP/led" "$TMP/lines" > /dev/null
# the nights' ledgers: one month each, as mapnightly keeps them
for m in 03 04; do
	awk -F '\t' -v m=2026-$m 'NR == 1 || substr($1, 1, 7) == m' "$TMP/led" > "$TMP/led-$m"
done
echo "--- March's night"
mapcredit -c "$TMP/c" -l "$TMP/led-03" -m 2026-03 -C "$TMP/claims-03" "$TMP/lines" > /dev/null
cat "$TMP/claims-03"
echo "--- April's night, with March's claims: March kept, April to date"
mapcredit -c "$TMP/c" -l "$TMP/led-04" -m 2026-04 -P "$TMP/claims-03" -C "$TMP/claims-04" "$TMP/lines" > /dev/null
cat "$TMP/claims-04"
echo "--- April's night without them: April alone"
mapcredit -c "$TMP/c" -l "$TMP/led-04" -m 2026-04 -C "$TMP/alone" "$TMP/lines" > /dev/null
cat "$TMP/alone"
echo "--- one run over both months gives the same series"
mapcredit -c "$TMP/c" -l "$TMP/led" -C "$TMP/both" "$TMP/lines" > /dev/null
cmp "$TMP/claims-04" "$TMP/both" && echo same
