# TSV input as it turns up: a NUL byte is a data error naming the line (it
# would cut a key short); a UTF-8 byte-order mark before the header is
# stripped; a column named twice is an error naming both; a value holding
# an escaped newline is shown escaped in the message, never as a new line
C=testdata/state/contracts.tsv
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tcost\tmap_tag\n'
row() { printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tp\tAmazonEC2\tus-east-1\tresource\t%s\tBoxUsage\t%s\tmig12345\n' "$@"; }
{ printf "$H"; row i-0abc 1; printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tp\tAmazonEC2\tus-east-1\tresource\ti-0abc\000evil\tBoxUsage\t1\tmig12345\n'; } > "$TMP/nul"
mapstate -c $C "$TMP/nul" > /dev/null; echo "NUL: exit $?"
{ printf '\357\273\277'; cat $C; } > "$TMP/bom-contracts"
{ printf "$H"; row i-1 1; } > "$TMP/in"
mapstate -c "$TMP/bom-contracts" "$TMP/in" | tests/cols entity,state; echo "BOM: exit $?"
{ printf 'usage_start\tpayer\taccount\tentity\tentity_kind\tservice\tcost\tmap_tag\tcost\n'; } > "$TMP/twice"
mapstate -c $C "$TMP/twice" > /dev/null; echo "twice: exit $?"
{ printf "$H"; row 'i-2' '1\n2026-04-01: forged line'; } > "$TMP/forge"
mapstate -c $C "$TMP/forge" > /dev/null 2> "$TMP/err"; echo "forged: exit $?, $(wc -l < "$TMP/err") line"
cat "$TMP/err"
