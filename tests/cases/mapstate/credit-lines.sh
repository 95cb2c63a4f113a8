# mapstate --credit-lines (issue 18: mapcredit takes its credit lines from
# a small side file, not from the full charge lines): every Credit and
# Refund line read, in the order read and with the bytes read (an escaped
# tab and backslash come back as they went in), under the charge lines
# header; lines mapstate itself leaves out (after --as-of, or of days the
# previous state has) are kept, since mapcredit has its own as-of rule.
# mapcredit gives the same bytes on the side file as on the charge lines.
C=testdata/state/contracts.tsv D=testdata/credit
cp $D/lines.tsv "$TMP/a.tsv"
printf '2026-04-21T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tCredit\tnone\t\t\t\t\t0.01\t\t\tAWS Free Tier\\tadjustment \\\\ reversal\n' >> "$TMP/a.tsv"
{ head -n 1 $D/lines.tsv
  printf '2026-05-04T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tUsage\tresource\ti-2\tBoxUsage\t\t\t3.00\t\t\tusage\n'
  printf '2026-05-04T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tRefund\tnone\t\t\t\t\t-1.25\t\t\tRefund of May\n'
  printf '2026-05-04T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tCredits\tnone\t\t\t\t\t-9.00\t\t\tnot a line type of a credit\n'
} > "$TMP/b.tsv"
echo "--- two files, --as-of 2026-04-30"
mapstate -c $C -a 2026-04-30 -l "$TMP/led" --credit-lines "$TMP/cl" "$TMP/a.tsv" "$TMP/b.tsv" > "$TMP/st"; echo "exit $?"
cat "$TMP/cl"
echo "--- in the input: $(cat "$TMP/a.tsv" "$TMP/b.tsv" | awk -F '\t' '$7 == "Credit" || $7 == "Refund"' | wc -l) credit and refund lines; in the side file: $(($(wc -l < "$TMP/cl") - 1))"
echo "--- mapcredit on the charge lines and on the side file"
credit() {	# NAME FILE...
	n=$1; shift
	mapcredit -c $C -l $D/ledger.tsv -p "$TMP/p.$n" -o "$TMP/o.$n" -C "$TMP/c.$n" "$@" > "$TMP/at.$n"; echo "exit $?"
}
credit lines "$TMP/a.tsv" "$TMP/b.tsv"
credit side "$TMP/cl"
for x in at p o c; do
	cmp -s "$TMP/$x.lines" "$TMP/$x.side" && echo "$x: same bytes" || diff "$TMP/$x.lines" "$TMP/$x.side"
done
echo "attribution rows: $(($(wc -l < "$TMP/at.side") - 1)); other credits: $(($(wc -l < "$TMP/o.side") - 1))"
echo "--- no credit line: the header alone"
head -n 2 $D/lines.tsv | mapstate -c $C --credit-lines "$TMP/none" > /dev/null; echo "exit $?"
cat "$TMP/none"
echo "--- to standard output: refused"
mapstate -c $C --credit-lines - < $D/lines.tsv > /dev/null; echo "exit $?"
echo "--- a bad line after the credit lines: no side file, nothing left behind"
# the credit lines are written as read, never held (memory grows with the
# entities, not with the lines): a bad line later leaves no side file
mkdir "$TMP/bad"
{ cat "$TMP/a.tsv"
  printf '2026-04-22T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tUsage\tresource\ti-9\tBoxUsage\t\t\tlots\t\t\tusage\n'
} > "$TMP/bad.tsv"
TMPDIR="$TMP/bad" mapstate -c $C -l "$TMP/bad/led" --credit-lines "$TMP/bad/cl" "$TMP/bad.tsv" > /dev/null; echo "exit $?"
ls -A "$TMP/bad" | sed 's/^/left: /'; echo "in $TMP/bad: $(ls -A "$TMP/bad" | wc -l) files"
