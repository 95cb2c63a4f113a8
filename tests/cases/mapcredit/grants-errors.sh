# the grants file: each bad row is exit 3 with file:line
C=testdata/state/contracts.tsv D=testdata/credit
g() {
	printf "code\tamount\taccount\tstart\tend\n%s\n" "$1" > "$TMP/g"
	mapcredit -c $C -l $D/ledger.tsv -g "$TMP/g" $D/lines.tsv > /dev/null
	echo "exit $?"
}
echo "--- empty code"; g "	10	111122223333	2026-04-01	2026-04-30"
echo "--- not a number"; g "mig12345	ten	111122223333	2026-04-01	2026-04-30"
echo "--- not positive"; g "mig12345	0	111122223333	2026-04-01	2026-04-30"
echo "--- bad start"; g "mig12345	10	111122223333	2026-04-31	2026-04-30"
echo "--- empty end"; g "mig12345	10	111122223333	2026-04-01	"
echo "--- twice"; printf "code\tamount\taccount\tstart\tend\nmigA1111\t1\t\t2026-04-01\t2026-04-30\nmigA1111\t2\t\t2026-04-01\t2026-04-30\n" > "$TMP/g"
mapcredit -c $C -l $D/ledger.tsv -g "$TMP/g" $D/lines.tsv > /dev/null; echo "exit $?"
echo "--- missing column"; printf "code\tamount\taccount\tstart\n" > "$TMP/g"
mapcredit -c $C -l $D/ledger.tsv -g "$TMP/g" $D/lines.tsv > /dev/null; echo "exit $?"
