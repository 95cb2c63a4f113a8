# new-accounts means joined the organisation after the contract start.
# Without an accounts file, the data's first day shows what already
# existed: legacy-erp-since-2019 (there on the first day, 2026-04-01, well
# after the 2026-01-15 start) is not new; an account first seen on 04-03
# is. With an accounts file (mapcontract accounts, from aws organizations
# list-accounts), the day each account joined decides.
hdr='id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\tauto_enroll\n'
printf "$hdr"'C1\tmap\t111122223333\t12345\t2026-01-15\t2028-12-31\t0.25\t444455556666\tAmazonEC2\tnew-accounts\n' > "$TMP/c"
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tcost\tmap_tag\n'
row() { printf '2026-04-%sT00:00:00Z\t111122223333\t%s\t%s\tAmazonEC2\tus-east-1\tresource\t%s\tBoxUsage\t1\tmig12345\n' "$@"; }
{ printf "$H"
  row 01 444455556666 core i-core
  row 01 202020202020 legacy-erp-since-2019 i-erp
  row 01 303030303030 analytics i-analytics	# joined 2026-02-10
  row 03 404040404040 new-team i-new		# first seen on day 3
  row 03 505050505050 old-dr i-dr		# first seen late, joined 2018
} > "$TMP/in"
echo "--- from the data"
mapstate -c "$TMP/c" "$TMP/in" | tests/cols entity,contract,state,reason
awk -F '\t' 'NR == 1 || substr($1, 1, 10) <= "2026-04-02"' "$TMP/in" > "$TMP/d2"
mapstate -c "$TMP/c" "$TMP/d2" > "$TMP/s2"
mapstate -c "$TMP/c" "$TMP/in" > "$TMP/s"
mapstate -c "$TMP/c" -s "$TMP/s2" "$TMP/in" | cmp - "$TMP/s" && echo "nightly: identical"
cat > "$TMP/org.json" <<'JSON'
{
    "Accounts": [
        { "Id": "202020202020", "Arn": "arn:aws:organizations::111122223333:account/o-x/202020202020",
          "Email": "erp@example.com", "Name": "legacy-erp-since-2019", "Status": "ACTIVE",
          "JoinedMethod": "INVITED", "JoinedTimestamp": "2019-05-02T09:30:00.123000+00:00" },
        { "Id": "303030303030", "Name": "analytics", "JoinedTimestamp": "2026-02-10T23:30:00-05:00" },
        { "Id": "404040404040", "Name": "new-team", "JoinedTimestamp": 1775001600.5 },
        { "Id": "505050505050", "Name": "old-dr", "JoinedTimestamp": "2018-01-01T00:00:00Z" },
        { "Id": "444455556666", "Name": "core", "JoinedTimestamp": "2025-11-30T12:00:00Z" }
    ]
}
JSON
echo "--- accounts from aws organizations list-accounts"
mapcontract accounts "$TMP/org.json" | tee "$TMP/acc"
echo "--- with the accounts file"
mapstate -c "$TMP/c" -A "$TMP/acc" "$TMP/in" | tests/cols entity,contract,state,reason
echo "--- bad JSON"
printf '{"Accounts": [{"Id": "12345", "Name": "x"}]}\n' | mapcontract accounts; echo "exit $?"
printf '{"Accounts": [{"Id": "123456789012", "JoinedTimestamp": "yesterday"}]}\n' | mapcontract accounts; echo "exit $?"
printf '{"Accounts": [\n  {"Id": "123456789012",}\n]}\n' > "$TMP/broken.json"; mapcontract accounts "$TMP/broken.json"; echo "exit $?"
printf 'account\tname\tjoined\n12345\tx\t2020-01-01\n' > "$TMP/badacc"; mapstate -c "$TMP/c" -A "$TMP/badacc" "$TMP/in" >/dev/null; echo "exit $?"
