# the sum of cost equals the sum of the input column, for every line type
for f in cur2-basic legacy-basic focus-basic athena-basic; do
curscan -s "$TMP/s" testdata/cur/$f.csv 2>/dev/null > "$TMP/o"
python3 tests/sumcheck.py testdata/cur/$f.csv "$TMP/o" "$TMP/s"
done
