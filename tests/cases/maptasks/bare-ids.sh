# issue 12 item 9: a resource that CUR names by a bare id gets a command
# that is valid: the ARN built from service, region and account where it
# is sure (Lambda, DynamoDB, EKS, S3; the partition from the region), else
# the call that looks the ARN up, and the action says why. Never
# tag-resources on a bare id. Every command parses with sh -n and hands a
# stub aws exactly its arguments.
# testdata/cur/sbroenne-sample-cur20.csv is the public corpus file
# sbroenne__sample-cur20.csv, unchanged: sbroenne/aws-cur-anonymize
# tests/testdata/sample-cur20.csv at 533e0df922acdbbd15b6ce146c6b5a23871e5d07
# (MIT; synthetic), with the RDS resource id db-ABCDEFGHIJKLMN.
# testdata/cur/bare-ids.csv is hand-made in the same layout.
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\tprojected\taccounts\tservices\nC1\tmap\t123456789012\t12345\t2025-01-01\t2027-12-31\t0.25\t\t123456789012,987654321098\tAmazonEC2,AWSLambda,AmazonEKS,AmazonRDS,AmazonDynamoDB,AmazonS3\n' > "$TMP/c"
curscan $TD/cur/sbroenne-sample-cur20.csv $TD/cur/bare-ids.csv > "$TMP/lines"; echo "curscan $?"
mapstate -c "$TMP/c" -e "$TMP/ev" "$TMP/lines" > "$TMP/state"; echo "mapstate $?"
maptasks -c "$TMP/c" -e "$TMP/ev" "$TMP/state" > "$TMP/tasks"; echo "maptasks $?"
tests/cols entity,region,command "$TMP/tasks"
echo "--- actions"
tests/cols entity,action "$TMP/tasks"
echo "--- run"
tests/runcmds "$TMP/tasks" "$TMP"
grep -c 'resource-arn-list .db-' "$TMP/tasks"
