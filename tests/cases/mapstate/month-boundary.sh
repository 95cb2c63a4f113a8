# month-to-date figures start again on the first day of a month; the
# eligibility date and the tag history carry over
C=testdata/state/contracts.tsv
awk -F "\t" "NR == 1 || substr(\$1, 1, 10) <= \"2026-04-02\"" testdata/state/month.tsv |
	sed "s/2026-04-01T/2026-04-29T/; s/2026-04-02T/2026-04-30T/" > "$TMP/april"
awk -F "\t" "NR == 1 || (substr(\$1, 1, 10) >= \"2026-04-03\" && substr(\$1, 1, 10) <= \"2026-04-04\")" testdata/state/month.tsv |
	sed "s/2026-04-03T/2026-05-01T/; s/2026-04-04T/2026-05-02T/" > "$TMP/may"
mapstate -c $C "$TMP/april" > "$TMP/s-apr"
mapstate -c $C -s "$TMP/s-apr" -e "$TMP/ev" "$TMP/may" > "$TMP/s-may"
for f in s-apr s-may; do tests/cols as_of,entity,state,eligibility_date,state_since,eligible_cost,accruing_cost,at_risk_cost,daily_cost,eligible_days,first_seen,last_seen "$TMP/$f" | grep -E "^as_of|i-tagged|i-late|i-never"; done
# and the same in one run over both months
cat "$TMP/april" > "$TMP/both"; tail -n +2 "$TMP/may" >> "$TMP/both"
mapstate -c $C "$TMP/both" | cmp - "$TMP/s-may" && echo "two months in one run: identical"
