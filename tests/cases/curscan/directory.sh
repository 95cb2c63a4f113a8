# a directory operand is the export files directly in it (*.csv, *.csv.gz,
# *.zip), in byte order of their names; hidden files, other names and
# subdirectories (even one named *.csv) are not read. The summary names
# the files read, in order; with or without a trailing slash alike.
d=$TMP/exp
mkdir -p "$d/sub" "$d/dir.csv"
cp testdata/cur/athena-basic.csv "$d/part-2.csv"
gzip -c testdata/cur/focus-basic.csv > "$d/part-10.csv.gz"
python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as f:
    f.write("testdata/cur/legacy-basic.csv", "report-1.csv")
' "$d/part-3.zip"
for f in .hidden.csv sub/part-0.csv dir.csv/part-0.csv notes.txt \
    part-9.csv.bz2 Manifest.json; do
	cp testdata/cur/bad-fields.csv "$d/$f"
done
curscan -s - "$d" > "$TMP/out" 2> "$TMP/sum" || echo "exit $?"
cat "$TMP/sum"
curscan -j 1 "$d/" | cmp - "$TMP/out" && echo "DIR/ gives the same lines"
echo "--- the files read, operands in order, a directory's in its place"
curscan -s - testdata/cur/athena-basic.csv "$d" testdata/cur/focus-basic.csv \
    2>&1 >/dev/null | awk -F '\t' 'NR > 1 && $2 != last { print $2; last = $2 }'
