# at the review, e goes through the steps again (Enter keeps each answer)
# and n quits: exit 1, nothing written
f=$TMP/contracts.tsv
mapcontract new -f "$f" --wizard <<'ANSWERS'
W-2
map
111122223333
54321
2026-01-01
2026-12-31
0.2


all
e







1000


n
ANSWERS
rc=$?
ls "$TMP"
exit $rc
