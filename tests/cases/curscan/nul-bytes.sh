# a NUL byte would cut a value short (i-0abc\0evil and i-0abc\0other would
# be one resource): the row is bad, named with its line, and the error
# budget applies as to any other bad row; in the header it stops the file
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
src = open("testdata/cur/cur2-basic.csv", "rb").read().split(b"\n")
rows = [r for r in src[1:] if r]
a = rows[0].replace(b"i-0", b"i-0abc\0evil", 1) if b"i-0" in rows[0] else rows[0] + b"\0"
b = rows[1] + b"\0"
open(d + "/nul.csv", "wb").write(b"\n".join([src[0], a, rows[2], b] + rows[3:]) + b"\n")
open(d + "/hdr.csv", "wb").write(src[0].replace(b",", b"\0,", 1) + b"\n" + b"\n".join(rows) + b"\n")
PY
curscan "$TMP/nul.csv" > "$TMP/out"; echo "exit $?"
wc -l < "$TMP/out"
curscan --max-errors 5 "$TMP/nul.csv" > "$TMP/out"; echo "--max-errors 5: exit $?"
wc -l < "$TMP/out"
CSVIN_PARSER=libcsv curscan --max-errors 5 "$TMP/nul.csv" | cmp - "$TMP/out" && echo "libcsv: same"
curscan "$TMP/hdr.csv" > /dev/null; echo "header: exit $?"
