# --previous-claims (issue 12, item 4): an older claims file, without the
# to-date columns or gap_untrackable, is carried over (gap_untrackable as
# it would have said: credit_rate x untrackable_cost) and gets its figures
# to date; a contract in no contracts file keeps its rows, summed; a month
# and contract twice, an empty contract, a bad month are exit 3 with the
# line; no -C is a usage error.
C=testdata/state/contracts.tsv D=testdata/credit
run() {
	mapcredit -c $C -l $D/ledger.tsv "$@" $D/lines.tsv > /dev/null 2> "$TMP/err"
	echo "exit $?"
	sed "s|$TMP|\$TMP|g" "$TMP/err"
}
h='month\tcontract\tcredit_rate\teligible_cost\taccruing_cost\tpending_cost\tstale_cost\tuntrackable_cost\tprojected\tearned\treceived\tgap\tgap_pending\tgap_stale\n'
{
printf "$h"
printf '2026-02\tMAP-STD-1\t0.25\t100.00\t60.00\t20.00\t0.00\t20.00\t25.00\t15.00\t12.00\t10.00\t5.00\t0.00\n'
printf '2026-03\tMAP-STD-1\t0.25\t100.00\t80.00\t0.00\t0.00\t20.00\t25.00\t20.00\t18.00\t5.00\t0.00\t0.00\n'
printf '2026-03\tMAP-OLD\t0.20\t50.00\t50.00\t0.00\t0.00\t0.00\t10.00\t10.00\t9.00\t0.00\t0.00\t0.00\n'
printf '2026-04\tMAP-STD-1\t0.25\t1.00\t1.00\t0.00\t0.00\t0.00\t0.25\t0.25\t0.00\t0.00\t0.00\t0.00\n'
} > "$TMP/old"
echo "--- an older file: February and March kept, April recomputed"
run -P "$TMP/old" -C "$TMP/claims"
cat "$TMP/claims"
echo "--- a month and contract twice"
{ cat "$TMP/old"; sed -n 3p "$TMP/old"; } > "$TMP/dup"
run -P "$TMP/dup" -C "$TMP/claims"
echo "--- an empty contract"
sed '2s/MAP-STD-1//' "$TMP/old" > "$TMP/bad"
run -P "$TMP/bad" -C "$TMP/claims"
echo "--- a bad month"
sed '3s/^2026-03/2026-13/' "$TMP/old" > "$TMP/bad"
run -P "$TMP/bad" -C "$TMP/claims"
echo "--- a missing column"
cut -f 1-3,5- "$TMP/old" > "$TMP/bad"
run -P "$TMP/bad" -C "$TMP/claims"
echo "--- no such file"
run -P "$TMP/none" -C "$TMP/claims"
echo "--- no -C"
run -P "$TMP/old"
