# MAP + other = every credit line, to the last digit
C=testdata/state/contracts.tsv D=testdata/credit
mapcredit -c $C -l $D/ledger.tsv -o "$TMP/other" $D/lines.tsv > "$TMP/a" 2>/dev/null
python3 - "$D/lines.tsv" "$TMP/a" "$TMP/other" <<"PY"
import sys, csv
from decimal import Decimal
def rows(p):
    with open(p) as f:
        return list(csv.DictReader(f, delimiter="\t"))
allc = sum(Decimal(r["cost"]) for r in rows(sys.argv[1]) if r["line_type"] in ("Credit", "Refund"))
mapc = sum(Decimal(r["credit"]) for r in rows(sys.argv[2]))
oth = sum(Decimal(r["amount"]) for r in rows(sys.argv[3]))
print("all credit lines", allc)
print("MAP attributed", -mapc, "(rounded to cents per contract and month)")
print("other", oth)
print("difference", allc - (oth - mapc))
PY
