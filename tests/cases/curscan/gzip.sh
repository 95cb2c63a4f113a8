# gzip is found by its magic bytes, on files and on stdin
gzip -c testdata/cur/cur2-basic.csv > "$TMP/x.csv.gz"
gzip -c testdata/cur/cur2-basic.csv > "$TMP/no-suffix"
curscan testdata/cur/cur2-basic.csv > "$TMP/plain.tsv" 2>/dev/null
curscan "$TMP/x.csv.gz" 2>/dev/null | cmp - "$TMP/plain.tsv" && echo gz-file same
curscan - < "$TMP/x.csv.gz" 2>/dev/null | cmp - "$TMP/plain.tsv" && echo gz-stdin same
curscan "$TMP/no-suffix" 2>/dev/null | cmp - "$TMP/plain.tsv" && echo gz-no-suffix same
# two gzip members concatenated read as one stream
head -3 testdata/cur/cur2-basic.csv | gzip -c > "$TMP/multi.gz"
tail -n +4 testdata/cur/cur2-basic.csv | gzip -c >> "$TMP/multi.gz"
curscan "$TMP/multi.gz" 2>/dev/null | cmp - "$TMP/plain.tsv" && echo gz-multi-member same
