# a corrupt deflate stream: exit 3 naming the line, with either inflater
# (ISA-L by default, zlib with ZIN_INFLATE=zlib: each says why in its words)
python3 -c "
import gzip,sys
z=bytearray(gzip.compress(open(\"testdata/cur/cur2-basic.csv\",\"rb\").read()*50,mtime=0))
for i in range(40,60): z[i]^=0x55
open(sys.argv[1],\"wb\").write(z)
" "$TMP/c.csv.gz"
ZIN_INFLATE=zlib curscan "$TMP/c.csv.gz" > /dev/null
echo "zlib: exit $?"
curscan "$TMP/c.csv.gz" > /dev/null
