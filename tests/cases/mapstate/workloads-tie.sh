# ties between claims of different workloads at the same specificity
# stop the run: exit 3, one line naming both claims (and the entity when
# the tie is found while resolving), no state on standard output, and no
# events or ledger file
C=testdata/state/contracts.tsv M=testdata/state/month.tsv
H='workload\tproduct\tportfolio\tteam\towner\tengineer\tclaim\n'
PF=arn:aws:bedrock:us-east-1:777788889999:application-inference-profile/chat
echo "--- a profile claim and a principal claim (equal rank) meet on the"
echo "--- chat profile, which app-x calls"
{ printf "$H"
  printf 'assistant\tHelpdesk AI\tSupport\tai-platform\tmo\tkim\tprofile:%s\n' $PF
  printf 'batch\tCatalog AI\tCommerce\tcatalog\tlu\tkim\tprincipal:arn:aws:iam::777788889999:role/app-x\n'
} > "$TMP/w1"
mapstate -c $C -w "$TMP/w1" -e "$TMP/ev" -l "$TMP/led" $M > "$TMP/out"; echo "exit $?"
wc -c < "$TMP/out"
echo "--- two tag claims on different keys meet on one resource"
{ printf "$H"
  printf 'payments\tPayments\tCommerce\tpayments\tana\traj\ttag:team=payments\n'
  printf 'prod-ops\tOperations\tPlatform\tops\tpat\tkim\ttag:env=prod\n'
} > "$TMP/w2"
{ printf 'usage_start\tpayer\taccount\tservice\tentity_kind\tentity\tcost\tmap_tag\ttag_team\ttag_env\n'
  printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tresource\ti-a\t1\tmig12345\tpayments\t\n'
  printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tresource\ti-b\t1\tmig12345\tpayments\tprod\n'
} > "$TMP/in2"
mapstate -c $C -w "$TMP/w2" -e "$TMP/ev" -l "$TMP/led" "$TMP/in2" > "$TMP/out"; echo "exit $?"
wc -c < "$TMP/out"
echo "--- two prefixes of the same length that match one resource are the"
echo "--- same prefix: the loader refuses them before reading any charge"
{ printf "$H"
  printf 'assets\tMedia\tCommerce\tmedia\tlu\tsam\tprefix:bucket-\n'
  printf 'archive\tMedia\tCommerce\tmedia\tlu\tsam\tprefix:bucket-\n'
} > "$TMP/w3"
mapstate -c $C -w "$TMP/w3" -e "$TMP/ev" -l "$TMP/led" $M > "$TMP/out"; echo "exit $?"
wc -c < "$TMP/out"
ls "$TMP"
