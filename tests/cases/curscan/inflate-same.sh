# ISA-L (the default) and zlib (ZIN_INFLATE=zlib) give the same bytes:
# one member, several members (also split mid-file), stored blocks,
# level 1 and 9, a pipe, a bad CRC, trailing garbage and a truncation
# (output, messages and exit status)
python3 - "$TMP" <<'PY'
import gzip, sys, zlib
d = sys.argv[1]
src = open("testdata/cur/cur2-basic.csv", "rb").read()
body = src.split(b"\n", 1)[1]
big = src + body * 400
open(d + "/one.csv.gz", "wb").write(gzip.compress(big, 6, mtime=0))
half = len(big) // 2
open(d + "/multi.csv.gz", "wb").write(gzip.compress(big[:half], 1, mtime=0) + gzip.compress(big[half:], 9, mtime=0))
open(d + "/stored.csv.gz", "wb").write(gzip.compress(big, 0, mtime=0))
z = bytearray(gzip.compress(big, 6, mtime=0)); z[-8] ^= 1
open(d + "/crc.csv.gz", "wb").write(z)
open(d + "/garbage.csv.gz", "wb").write(gzip.compress(big, 6, mtime=0) + b"junk")
open(d + "/short.csv.gz", "wb").write(gzip.compress(big, 6, mtime=0)[:-100])
PY
for f in one multi stored crc garbage short; do
	ZIN_INFLATE=zlib curscan "$TMP/$f.csv.gz" > "$TMP/$f.zlib" 2> "$TMP/$f.zlib.err"
	a=$?
	curscan "$TMP/$f.csv.gz" > "$TMP/$f.isal" 2> "$TMP/$f.isal.err"
	b=$?
	cat "$TMP/$f.csv.gz" | curscan - > "$TMP/$f.pipe" 2>/dev/null
	c=$?
	if cmp -s "$TMP/$f.zlib" "$TMP/$f.isal" && cmp -s "$TMP/$f.isal" \
	    "$TMP/$f.pipe" && cmp -s "$TMP/$f.zlib.err" "$TMP/$f.isal.err" &&
	    [ $a = $b ] && [ $b = $c ]; then
		echo "$f: same ($(wc -l < "$TMP/$f.isal") lines, exit $b)"
	else
		echo "$f: DIFFERENT (exit zlib $a, isa-l $b, pipe $c)"
	fi
	sed "s|$TMP/||" "$TMP/$f.isal.err"
done
