# --mail recipients are the workloads' engineers and owners that are mail
# addresses: a name that is not one (a person's name, an address with a
# newline and a Bcc: header after it, two addresses) gets no message and
# can add no header; everyone else gets theirs
python3 demo/gen_demo.py --out "$TMP/demo" --days 1 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
e=$TMP/demo/exports/2026-04-01
sed -e 's/tom\.berg@aurora-retail\.example/Tom Berg/' \
    -e 's/noah\.fischer@aurora-retail\.example/noah@aurora-retail.example\\nBcc: all@aurora-retail.example/' \
    -e 's/yusuf\.demir@aurora-retail\.example/yusuf@a.example, amara@b.example/' \
    demo/workloads.tsv >"$TMP/workloads.tsv"
printf '#!/bin/sh\ncat >>"$1"\n' >"$TMP/sendmail"
chmod +x "$TMP/sendmail"
mapnightly -d "$TMP/s" -c demo/contracts.tsv -w "$TMP/workloads.tsv" -g demo/grants.tsv \
    -r "$e" -m "$e/$M" --mail --sendmail "$TMP/sendmail $TMP/box"
rc=$?
grep -c '^To: ' "$TMP/box"
grep -i -e '^bcc' -e '^To: .*[ ,]' -e 'Tom Berg' "$TMP/box" || echo "no Bcc:, no other To:"
ls "$TMP/s/current/report" | grep -e tom -e noah -e yusuf
exit $rc
