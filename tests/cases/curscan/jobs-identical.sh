# byte-identical output whatever -j is, errors and summaries included
set -- testdata/cur/cur2-basic.csv testdata/cur/legacy-basic.csv testdata/cur/focus-basic.csv testdata/cur/athena-basic.csv testdata/cur/subset-reordered.csv
for j in 1 2 3 8; do curscan -j $j -s "$TMP/s$j" "$@" > "$TMP/o$j" 2> "$TMP/e$j"; echo "j=$j exit $?"; done
for j in 2 3 8; do cmp "$TMP/o1" "$TMP/o$j" && cmp "$TMP/e1" "$TMP/e$j" && cmp "$TMP/s1" "$TMP/s$j" && echo "j=$j identical"; done
# a run that stops part way: the files after the stop are not read into
# the output or the summary, whatever -j is
set -- testdata/cur/athena-basic.csv testdata/cur/bad-number.csv testdata/cur/bad-json.csv testdata/cur/focus-basic.csv
for m in 0 1 2 3; do
	for j in 1 2 4; do curscan -j $j -e $m -s "$TMP/t$j" "$@" > "$TMP/p$j" 2> "$TMP/q$j"; echo "-e $m -j $j exit $?"; done
	for j in 2 4; do cmp "$TMP/p1" "$TMP/p$j" && cmp "$TMP/q1" "$TMP/q$j" && cmp "$TMP/t1" "$TMP/t$j" && echo "-e $m -j $j identical"; done
	cat "$TMP/q1" "$TMP/t1"; wc -l < "$TMP/p1"
done
