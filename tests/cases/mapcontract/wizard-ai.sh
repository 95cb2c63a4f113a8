# the wizard with AI Modernization defaults ("a"): options fill in its
# defaults, an id already in the file is re-asked, map-ai refuses the
# Standard set, Bedrock turns AI workload evaluation on (Enter keeps the
# default AI route, profile), and with all accounts in scope step 4 has
# nothing to ask
f=$TMP/contracts.tsv
cp testdata/contracts/good.tsv "$f"
mapcontract new -f "$f" --wizard --program map-ai --credit-rate 20% <<'ANSWERS'
MAP-STD-1
AI-2

555566667777
ABCDE12345
2026-05-01



s
a

all
y
ANSWERS
rc=$?
tail -n 1 "$f"
exit $rc
