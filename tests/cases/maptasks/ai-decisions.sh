# the MAP AI decision table: direct without a profile -> CREATE_PROFILE;
# direct with a profile for the model in the account/region (seen in CUR or
# in an inventory) -> ADD_TO_PROFILE; profile untagged or drifted ->
# TAG_PROFILE; caller fell back from a tagged profile -> ADD_TO_PROFILE;
# contract allowing the principal route -> TAG_PRINCIPAL
C=testdata/state/contracts.tsv
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tmodel\tprincipal\tcost\tmap_tag\tprincipal_map_tag\tresource_id\n'
A=777788889999 P=111122223333
r() { printf "2026-04-%s\t$P\t$A\tml\tAmazonBedrock\t%s\t%s\t%s\tX-%s-tokens\t%s\t%s\t%s\t%s\t%s\t%s\n" "$@"; }
{ printf "$H"
  r 03T00:00:00Z us-east-1 ai-direct arn:aws:iam::$A:role/no-profile NovaPro NovaPro arn:aws:iam::$A:role/no-profile 2 "" "" arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0
  r 03T00:00:00Z us-east-1 ai-direct arn:aws:iam::$A:role/has-profile Claude Claude arn:aws:iam::$A:role/has-profile 3 "" "" ""
  r 03T00:00:00Z us-east-1 profile arn:aws:bedrock:us-east-1:$A:application-inference-profile/claude1 Claude Claude arn:aws:iam::$A:role/other 5 mig12345 "" arn:aws:bedrock:us-east-1:$A:application-inference-profile/claude1
  r 03T00:00:00Z us-west-2 ai-direct arn:aws:iam::$A:role/inventoried Llama Llama arn:aws:iam::$A:role/inventoried 1 "" "" ""
  r 03T00:00:00Z us-east-1 profile arn:aws:bedrock:us-east-1:$A:application-inference-profile/bare Titan Titan "" 1 "" "" ""
  r 03T00:00:00Z us-east-1 profile arn:aws:bedrock:us-east-1:$A:application-inference-profile/drifts Titan Titan "" 1 mig12345 "" ""
  r 04T00:00:00Z us-east-1 profile arn:aws:bedrock:us-east-1:$A:application-inference-profile/drifts Titan Titan "" 1 "" "" ""
  # the caller's own tag (principal route) drifts: re-tag the role
  r 03T00:00:00Z us-east-1 ai-direct arn:aws:iam::$A:role/tagged-role Nova Nova arn:aws:iam::$A:role/tagged-role 1 "" mig12345 ""
  r 04T00:00:00Z us-east-1 ai-direct arn:aws:iam::$A:role/tagged-role Nova Nova arn:aws:iam::$A:role/tagged-role 1 "" "" ""
} > "$TMP/in"
printf 'profile_arn\taccount\tregion\tmodel\ttags\narn:aws:bedrock:us-west-2:%s:application-inference-profile/llama1\t%s\tus-west-2\tLlama\tmap-migrated=mig12345\n' $A $A > "$TMP/inv"
mapstate -c $C -e "$TMP/ev" "$TMP/in" > "$TMP/state"
echo "--- profile route"
maptasks -c $C -e "$TMP/ev" -i "$TMP/inv" "$TMP/state" | tests/cols type,entity,profile,command
echo "--- without the inventory"
maptasks -c $C -e "$TMP/ev" "$TMP/state" | tests/cols type,entity | grep inventoried
echo "--- principal route"
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\tai_route\n' > "$TMP/c"
printf 'AI\tmap-ai\t%s\t12345\t2026-04-01\t2027-03-31\t0.3\t%s\tAmazonBedrock\tprincipal\n' $P $A >> "$TMP/c"
mapstate -c "$TMP/c" -e "$TMP/ev2" "$TMP/in" > "$TMP/state2" && maptasks -c "$TMP/c" -e "$TMP/ev2" "$TMP/state2" | tests/cols type,entity,command
