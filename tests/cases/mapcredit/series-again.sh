# The claims series is idempotent (issue 12, item 4): a night run again
# with the same previous claims, or with its own claims as the previous
# ones (-P and -C one file), gives the same bytes; and mapnightly passes
# the claims of the newest dated copy before the night, so a month's first
# night keeps the month before and running it again changes nothing.
. testdata/credit/series.sh
curscan "$TMP/cur.csv" 2>/dev/null > "$TMP/lines"
mapstate -c "$TMP/c" -l "$TMP/led" "$TMP/lines" > /dev/null
awk -F '\t' 'NR == 1 || substr($1, 1, 7) == "2026-03"' "$TMP/led" > "$TMP/led-03"
awk -F '\t' 'NR == 1 || substr($1, 1, 7) == "2026-04"' "$TMP/led" > "$TMP/led-04"
run() {	# MONTH PREVIOUS CLAIMS
	mapcredit -c "$TMP/c" -l "$TMP/led-$1" -m 2026-$1 ${2:+-P "$2"} -C "$3" \
	    "$TMP/lines" > /dev/null || echo "mapcredit failed: exit $?"
}
echo "--- mapcredit: April's night twice, then over its own claims"
run 03 '' "$TMP/claims-03"
run 04 "$TMP/claims-03" "$TMP/a1"
run 04 "$TMP/claims-03" "$TMP/a2"
cmp "$TMP/a1" "$TMP/a2" && echo "again: same"
cp "$TMP/a1" "$TMP/a3"
run 04 "$TMP/a3" "$TMP/a3"
cmp "$TMP/a1" "$TMP/a3" && echo "over its own claims, in place: same"
run 04 "$TMP/a3" "$TMP/a3"
cmp "$TMP/a1" "$TMP/a3" && echo "and again: same"
echo "--- mapnightly: 2026-03-31, then 2026-04-30 (April's export only) twice"
head -n 1 "$TMP/cur.csv" > "$TMP/cur-03.csv"
cp "$TMP/cur-03.csv" "$TMP/cur-04.csv"
grep ',2026-03-' "$TMP/cur.csv" >> "$TMP/cur-03.csv"
grep ',2026-04-' "$TMP/cur.csv" >> "$TMP/cur-04.csv"
printf 'workload\tproduct\tportfolio\tteam\towner\tengineer\tclaim\n' > "$TMP/w"
printf 'wl-a\ta\tp\tteam-a\to\te\taccount:444455556666\n' >> "$TMP/w"
printf 'wl-c\tc\tp\tteam-c\to\te\taccount:555566667777\n' >> "$TMP/w"
night() {	# DAY EXPORT
	mapnightly --bin "$BIN" -d "$TMP/n" -c "$TMP/c" -w "$TMP/w" -a "$1" "$2" 2>/dev/null ||
		echo "night $1 failed: exit $?"
}
night 2026-03-31 "$TMP/cur-03.csv"
night 2026-04-30 "$TMP/cur-04.csv"
cat "$TMP/n/current/claims.tsv"
cp "$TMP/n/current/claims.tsv" "$TMP/first"
night 2026-04-30 "$TMP/cur-04.csv"
cmp "$TMP/first" "$TMP/n/current/claims.tsv" && echo "the night again: same"
cmp "$TMP/a1" "$TMP/n/current/claims.tsv" && echo "as mapcredit's own series"
