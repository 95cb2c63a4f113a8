# legacy CUR delivered as ZIP: a single CSV member, deflated or stored, is
# read (also from a pipe, and with a data descriptor); anything else is
# refused with what the file is and how to unpack it, never a CSV error
python3 - "$TMP" <<'PY'
import io, sys, zipfile
d = sys.argv[1]
src = open("testdata/cur/cur2-basic.csv", "rb").read()
def z(name, method, members=1):
    with zipfile.ZipFile(d + "/" + name, "w", method) as f:
        for i in range(members):
            f.writestr("report-%d.csv" % i, src)
z("deflate.zip", zipfile.ZIP_DEFLATED)
z("stored.zip", zipfile.ZIP_STORED)
z("two.zip", zipfile.ZIP_DEFLATED, 2)
z("bzip2.zip", zipfile.ZIP_BZIP2)
class Pipe(io.RawIOBase):		# unseekable: sizes go in a data descriptor
    def __init__(self): self.b = bytearray()
    def writable(self): return True
    def write(self, x): self.b += x; return len(x)
p = Pipe()
with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as f:
    f.writestr("report.csv", src)
open(d + "/descriptor.zip", "wb").write(bytes(p.b))
b = bytearray(open(d + "/deflate.zip", "rb").read())
b[60] ^= 0xff
open(d + "/corrupt.zip", "wb").write(b)
open(d + "/short.zip", "wb").write(open(d + "/deflate.zip", "rb").read()[:200])
PY
curscan testdata/cur/cur2-basic.csv > "$TMP/want" 2>/dev/null
for f in deflate stored descriptor; do
	curscan "$TMP/$f.zip" 2>/dev/null | cmp - "$TMP/want" && echo "$f: same as the CSV"
done
cat "$TMP/two.zip" | curscan - >/dev/null 2> "$TMP/err"; echo "two, from a pipe: exit $?"
grep -v "unknown line item type" "$TMP/err"
cat "$TMP/deflate.zip" | curscan - 2>/dev/null | cmp - "$TMP/want" && echo "deflate, from a pipe: same"
for f in two bzip2 corrupt short; do
	curscan "$TMP/$f.zip" > /dev/null 2> "$TMP/err"
	echo "$f: exit $?"
	grep -v "unknown line item type" "$TMP/err"
done
