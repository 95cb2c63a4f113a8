# issue 12 item 7: a re-tag after drift asks for the last correct value
# when it is valid for the contract (sap12345, mig_ec2_12345 stay so), and
# mig<MPE> only without one: never tagged, or last tagged for another
# contract's MPE ID (i-moved: mig12345 under C-OLD, now under C-NEW: not
# drift, since it never had a tag valid for C-NEW, but PENDING_TAG
# tag-other-mpe and a first tagging)
{ printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\tprojected\taccounts\tservices\n'
  printf 'C-STD\tmap\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.25\t\t444455556666\tAmazonEC2\n'
  printf 'C-OLD\tmap\t111122223333\t12345\t2026-01-01\t2026-04-01\t0.25\t\t141414141414\tAmazonEC2\n'
  printf 'C-NEW\tmap\t111122223333\t54321\t2026-04-02\t2028-12-31\t0.25\t\t141414141414\tAmazonEC2\n'
} > "$TMP/c"
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tmodel\tprincipal\tcost\tmap_tag\tresource_id\n'
line() {	# day account entity tag
	printf '2026-04-0%sT00:00:00Z\t111122223333\t%s\tpay\tAmazonEC2\tus-east-1\tresource\t%s\tBoxUsage\t\t\t4\t%s\t%s\n' "$1" "$2" "$3" "$4" "$3"
}
{ printf "$H"
  line 1 444455556666 i-sap sap12345
  line 2 444455556666 i-sap ''
  line 1 444455556666 i-migec2 mig_ec2_12345
  line 2 444455556666 i-migec2 mig_ec2_1234
  line 1 444455556666 i-plain mig12345
  line 2 444455556666 i-plain ''
  line 1 444455556666 i-never ''
  line 2 444455556666 i-never ''
  line 1 141414141414 i-moved mig12345
  line 2 141414141414 i-moved mig12345
} > "$TMP/in"
mapstate -c "$TMP/c" -e "$TMP/ev" "$TMP/in" > "$TMP/state"; echo "mapstate $?"
tests/cols entity,contract,state,reason,last_good_tag "$TMP/state"
maptasks -c "$TMP/c" -e "$TMP/ev" "$TMP/state" > "$TMP/tasks"; echo "maptasks $?"
tests/cols type,entity,contract,expected_tag,last_good_tag,drift_date "$TMP/tasks"
tests/cols action,command "$TMP/tasks"
