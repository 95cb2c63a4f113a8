# every generated command parses with sh -n and, run against a stub aws,
# hands over exactly the intended arguments, odd characters included; the
# column is a safe sh line also undecoded; a value holding a control
# character gets no command
C=testdata/state/contracts.tsv
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tmodel\tprincipal\tcost\tmap_tag\tresource_id\n'
{ printf "$H"
  printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tpay\tAmazonS3\tus-east-1\tresource\tit'"'"'s a bucket; rm -rf $HOME `id`\tTimedStorage\t\t\t1\t\tx\n'
  printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tpay\tAmazonEC2\tus-east-1\tresource\tarn:aws:ec2:us-east-1:444455556666:instance/i-0"quoted"\tBoxUsage\t\t\t1\t\tx\n'
  printf '2026-04-01T00:00:00Z\t111122223333\t777788889999\tml\tAmazonBedrock\tus-east-1\tai-direct\tarn:aws:iam::777788889999:role/app$(touch PWNED)\tUSE1-Nova-input\tNova\tarn:aws:iam::777788889999:role/app$(touch PWNED)\t1\t\tarn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0\n'
  printf '2026-04-01T00:00:00Z\t111122223333\t777788889999\tml\tAmazonBedrock\tus-east-1\tprofile\tarn:aws:bedrock:us-east-1:777788889999:application-inference-profile/p\\\\1\tUSE1-Nova-input\tNova\t\t1\t\t\n'
  # a value with a newline and a tab (TSV-escaped): no command is built
  printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tpay\tAmazonEC2\tus-east-1\tresource\ti-0new\\nline$(touch PWNED)\\tx\tBoxUsage\t\t\t1\t\tx\n'
} > "$TMP/in"
sed 's/\t2026-04-03\t/\t2026-03-01\t/' $C > "$TMP/c"
mapstate -c "$TMP/c" -e "$TMP/ev" "$TMP/in" > "$TMP/state"
maptasks -c "$TMP/c" -e "$TMP/ev" "$TMP/state" > "$TMP/tasks"
tests/runcmds "$TMP/tasks" "$TMP"
echo "--- maptasks --script"
maptasks -c "$TMP/c" -e "$TMP/ev" -s "$TMP/script.sh" "$TMP/state" > /dev/null
cat "$TMP/script.sh"
sh -n "$TMP/script.sh" && echo "sh -n: ok"
mkdir -p "$TMP/s" && (cd "$TMP/s" && PATH="$TMP/bin:$PATH" sh "$TMP/script.sh" > /dev/null) && echo "ran: exit 0"
test -e "$TMP/s/PWNED" && echo "script: INJECTION" || echo "script: no injection"
