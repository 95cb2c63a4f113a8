# curscan | mapstate | mapcredit on the hand-written CUR 2.0 export
curscan testdata/cur/cur2-basic.csv 2>/dev/null > "$TMP/lines"
mapstate -c testdata/state/contracts.tsv -l "$TMP/led" "$TMP/lines" > /dev/null
mapcredit -c testdata/state/contracts.tsv -l "$TMP/led" -o "$TMP/o" -C "$TMP/c" "$TMP/lines"
cat "$TMP/o" "$TMP/c"
