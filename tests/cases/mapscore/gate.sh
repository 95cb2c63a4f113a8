# --fail-below: 1 when the view's month-to-date rate is below (as printed,
# four decimals), 0 otherwise; errors keep 2, 3, 4. April's rate is 0.7823.
D=testdata/score
gate() { mapscore "$@" 2>&1 > /dev/null; echo "exit $?"; }
echo "--- overall"
gate -l $D/april.tsv --fail-below 0.7823
gate -l $D/april.tsv --fail-below 0.7824
gate -l $D/april.tsv --fail-below 78%
gate -l $D/april.tsv --fail-below 79%
gate -l $D/april.tsv --fail-below 0 -f text
gate -l $D/april.tsv --fail-below 1 --by team
echo "--- the scoped rate: portfolio Retail (0.8156), scoreboard (overall)"
gate -l $D/april.tsv -r portfolio --scope Retail --fail-below 0.8
gate -l $D/april.tsv -r portfolio --scope Retail --fail-below 0.82
gate -l $D/april.tsv --scoreboard --fail-below 0.8
echo "--- a view with no rate (no eligible spend) is not below"
gate -l $D/april.tsv -r portfolio --scope Ops --fail-below 0.5
echo "--- the output is complete even when the gate fails"
mapscore -l $D/april.tsv --fail-below 0.9 | tests/cols window,rate
echo "--- errors keep their codes"
gate -l $D/april.tsv --fail-below 1.5
gate -l $D/april.tsv --fail-below high
gate -l $D/april.tsv -r portfolio --scope Nowhere --fail-below 0.5
gate -l "$TMP/missing.tsv" --fail-below 0.5
