# an account another contract of the program lists by id is never
# auto-enrolled: C1 (MPE 12345, new-accounts) must not take 141414141414,
# which C2 (MPE 54321) lists, even though it is first seen after C1 starts
hdr='id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\tauto_enroll\n'
{ printf "$hdr"
  printf 'C1\tmap\t111122223333\t12345\t2026-04-01\t2027-03-31\t0.25\t444455556666\tAmazonEC2\tnew-accounts\n'
  printf 'C2\tmap\t111122223333\t54321\t2026-04-01\t2027-03-31\t0.25\t141414141414\tAmazonEC2\t\n'
} > "$TMP/c"
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tcost\tmap_tag\n'
row() { printf '2026-04-%sT00:00:00Z\t111122223333\t%s\t%s\tAmazonEC2\tus-east-1\tresource\t%s\tBoxUsage\t1\t%s\n' "$@"; }
{ printf "$H"
  row 01 444455556666 core i-core mig12345
  row 02 141414141414 other-team i-c2 mig54321	# C2's, correctly tagged
  row 02 151515151515 new-team i-new mig12345	# new: auto-enrolled into C1
} > "$TMP/in"
mapstate -c "$TMP/c" "$TMP/in" | tests/cols entity,contract,state,reason
echo "--- check"
mapcontract check -f "$TMP/c"
