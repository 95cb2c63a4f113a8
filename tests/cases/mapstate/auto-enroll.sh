# auto-enrollment: accounts first seen after the contract start join
# (new-accounts); accounts whose name matches join on the day they match
# (name:GLOB, with the name on that day's usage); order never matters
hdr='id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\tauto_enroll\n'
printf "$hdr"'C1\tmap\t111122223333\t12345\t2026-04-01\t2027-03-31\t0.25\t444455556666\tAmazonEC2\tnew-accounts\n' > "$TMP/new"
printf "$hdr"'C2\tmap\t111122223333\t12345\t2026-03-01\t2027-03-31\t0.25\t444455556666\tAmazonEC2\tname:prod-*\n' > "$TMP/name"
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tcost\tmap_tag\n'
row() { printf '2026-04-%sT00:00:00Z\t111122223333\t%s\t%s\tAmazonEC2\tus-east-1\tresource\t%s\tBoxUsage\t1\tmig12345\n' "$@"; }
{ printf "$H"
  row 01 222200001111 old-dev i-old-1          # seen on the start day: not new
  row 02 222200001111 old-dev i-old-2
  row 02 333300001111 new-team i-new-a         # first seen after the start
  row 02 333300001111 new-team i-new-b
  row 03 444400001111 staging i-renamed        # renamed to prod-... on day 4
  row 04 444400001111 prod-payments i-renamed
} > "$TMP/in"
{ head -n 1 "$TMP/in"; tail -n +2 "$TMP/in" | sort -r; } > "$TMP/rev"
awk -F '\t' 'NR == 1 || substr($1, 1, 10) <= "2026-04-03"' "$TMP/in" > "$TMP/d3"
for c in new name; do
	echo "--- $c"
	mapstate -c "$TMP/$c" -e "$TMP/ev" "$TMP/in" > "$TMP/s1"
	tests/cols entity,account_name,state,reason,eligibility_date "$TMP/s1"
	tests/cols date,entity,from,to,reason "$TMP/ev"
	mapstate -c "$TMP/$c" "$TMP/rev" | cmp - "$TMP/s1" && echo "reversed: identical"
	mapstate -c "$TMP/$c" "$TMP/d3" > "$TMP/s3" && mapstate -c "$TMP/$c" -s "$TMP/s3" "$TMP/in" | cmp - "$TMP/s1" && echo "nightly: identical"
done
