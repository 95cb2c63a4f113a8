# --shards N -o DIR: the charge lines split into DIR/0.tsv .. N-1.tsv, in
# input order, each with the header (charge lines are never merged back:
# here they are put together and compared), and DIR/first-seen.tsv;
# --shard K/N writes shard K alone. A scan that fails writes no shard.
f=testdata/cur/sbroenne-sample-cur20.csv
curscan "$f" testdata/cur/cur2-principals.csv > "$TMP/all"
mkdir "$TMP/s"
curscan --shards 3 -o "$TMP/s" "$f" testdata/cur/cur2-principals.csv
ls "$TMP/s"
for k in 0 1 2; do echo "shard $k: $(($(wc -l < "$TMP/s/$k.tsv") - 1)) lines, kinds $(cut -f 8 "$TMP/s/$k.tsv" | tail -n +2 | sort -u | tr '\n' ' ')"; done
{ cat "$TMP/s/0.tsv"; tail -q -n +2 "$TMP/s/1.tsv" "$TMP/s/2.tsv"; } | sort > "$TMP/cat"
sort "$TMP/all" | cmp - "$TMP/cat" && echo "the three shards hold the scan's lines, each once"
curscan --shard 2/3 "$f" testdata/cur/cur2-principals.csv | cmp - "$TMP/s/2.tsv" && echo "--shard 2/3: shard 2"
echo "--- first-seen.tsv"
cat "$TMP/s/first-seen.tsv"
echo "--- a scan that fails"
mkdir "$TMP/bad"
curscan --shards 2 -o "$TMP/bad" testdata/cur/bad-number.csv
rc=$?
ls -A "$TMP/bad"
exit $rc
