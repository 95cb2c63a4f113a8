# the rows before the damage come out, then one clear line and exit 3
python3 -c "
import gzip,sys
lines=open('testdata/cur/athena-basic.csv','rb').read().splitlines(True)
d=lines[0]+b''.join(lines[1:])*2000
z=gzip.compress(d,mtime=0)
open(sys.argv[1],'wb').write(z[:len(z)*2//3])
" "$TMP/t.csv.gz"
curscan "$TMP/t.csv.gz" > "$TMP/out"; rc=$?
echo "exit $rc"; test "$(wc -l < "$TMP/out")" -gt 1000 && echo "rows before the damage kept"
