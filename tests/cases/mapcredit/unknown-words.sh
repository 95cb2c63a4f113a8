# a word the MAP model does not have is bad input (exit 3, file:line),
# never a row left uncounted
C=testdata/state/contracts.tsv D=testdata/credit
echo "--- ledger: unknown state"
sed "5s/PENDING_TAG/WAITING/" $D/ledger.tsv > "$TMP/led"
mapcredit -c $C -l "$TMP/led" $D/lines.tsv; echo "exit $?"
echo "--- ledger: unknown entity_kind"
sed "3s/\tresource\t/\tinstance\t/" $D/ledger.tsv > "$TMP/led"
mapcredit -c $C -l "$TMP/led" $D/lines.tsv; echo "exit $?"
echo "--- charge lines: unknown entity_kind"
sed "3s/\tnone\t/\tcredit\t/" $D/lines.tsv > "$TMP/l"
mapcredit -c $C -l $D/ledger.tsv "$TMP/l"; echo "exit $?"
echo "--- charge lines on stdin: unknown entity_kind"
sed "2s/\tresource\t/\tRESOURCE\t/" $D/lines.tsv | mapcredit -c $C -l $D/ledger.tsv; echo "exit $?"
