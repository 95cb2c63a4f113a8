# a credit line with a positive amount is a reversal, valid data (a Refund
# may have either sign): a MAP reversal reduces the credit received, its
# pool's use and its workloads' shares; an AWS Free Tier adjustment of
# +0.01 goes to the other credits. Nothing stops the night; MAP + other
# still equals every credit line to the last digit.
C=testdata/state/contracts.tsv D=testdata/credit
cp $D/lines.tsv "$TMP/l"
printf '2026-04-20T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tCredit\tnone\t\t\t\t\t5.00\t\t\tMAP 2.0 credit - promotion code mig12345 (reversal)\n' >> "$TMP/l"
printf '2026-04-21T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tCredit\tnone\t\t\t\t\t0.01\t\t\tAWS Free Tier adjustment\n' >> "$TMP/l"
printf '2026-04-22T00:00:00Z\t111122223333\t444455556666\tx\tAmazonEC2\tus-east-1\tRefund\tnone\t\t\t\t\t2.50\t\t\tRefund reversal\n' >> "$TMP/l"
for f in "$D/lines.tsv" "$TMP/l"; do
	echo "--- ${f##*/}"
	mapcredit -c $C -l $D/ledger.tsv -p "$TMP/p" -o "$TMP/o" -C "$TMP/c" "$f" > "$TMP/a"; echo "exit $?"
	tests/cols contract,workload,credit,method "$TMP/a"
	tests/cols code,granted,used,remaining "$TMP/p"
	tests/cols contract,received "$TMP/c"
	tail -n +2 "$TMP/o" | cut -f6,7
done
python3 - "$TMP/l" "$TMP/a" "$TMP/o" <<"PY"
import sys, csv
from decimal import Decimal
def rows(p):
    with open(p) as f:
        return list(csv.DictReader(f, delimiter="\t"))
allc = sum(Decimal(r["cost"]) for r in rows(sys.argv[1]) if r["line_type"] in ("Credit", "Refund"))
mapc = sum(Decimal(r["credit"]) for r in rows(sys.argv[2]))
oth = sum(Decimal(r["amount"]) for r in rows(sys.argv[3]))
print("all credit lines", allc, "= other", oth, "- MAP", mapc, ":", allc == oth - mapc)
PY
