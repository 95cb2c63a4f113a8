# a profile shared by two callers (app1 and app4) for three days; on day 4
# app1 calls the model directly while app4 stays on the profile. app1 fell
# back from a tagged profile: STALE_TAG drift:direct-fallback, whichever
# caller was the profile's latest. Day 5: app1 routes through it again.
C=testdata/state/contracts.tsv
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tmodel\tprincipal\tcost\tmap_tag\tprincipal_map_tag\tresource_id\n'
A=777788889999 P=111122223333
PR=arn:aws:bedrock:us-east-1:$A:application-inference-profile/shared
r() { printf "2026-04-%s\t$P\t$A\tml\tAmazonBedrock\tus-east-1\t%s\t%s\tX-tokens\tClaude\t%s\t%s\t%s\t\t%s\n" "$@"; }
via() { r "$1" profile $PR "arn:aws:iam::$A:role/$2" 1 mig12345 $PR; }
{ printf "$H"
  for d in 03 04 05; do
	via ${d}T01:00:00Z app1
	via ${d}T02:00:00Z app4		# app4 is the profile's latest caller
  done
  via 06T02:00:00Z app4
  r 06T01:00:00Z ai-direct arn:aws:iam::$A:role/app1 arn:aws:iam::$A:role/app1 2 "" ""
  via 07T01:00:00Z app1
  via 07T02:00:00Z app4
} > "$TMP/in"
mapstate -c $C -e "$TMP/ev" "$TMP/in" > "$TMP/s"
tests/cols entity,state,reason,last_good_tag,drift_date "$TMP/s"
tests/cols entity,callers "$TMP/s"
tests/cols date,entity,from,to,reason "$TMP/ev"
echo "--- night by night"
awk -F '\t' 'NR == 1 || substr($1, 1, 10) <= "2026-04-05"' "$TMP/in" > "$TMP/d5"
awk -F '\t' 'NR == 1 || substr($1, 1, 10) <= "2026-04-06"' "$TMP/in" > "$TMP/d6"
mapstate -c $C "$TMP/d5" > "$TMP/n5"
mapstate -c $C -s "$TMP/n5" "$TMP/d6" > "$TMP/n6"
tests/cols entity,state,reason "$TMP/n6" | grep app1
mapstate -c $C -s "$TMP/n6" "$TMP/in" | cmp - "$TMP/s" && echo "nightly: identical"
