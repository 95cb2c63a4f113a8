# the wizard from a scripted standard input (--wizard): bad answers are
# re-asked at once, Enter takes the default in brackets, "s" picks the
# Standard defaults, accounts are offered from --accounts-from charge lines
# (this payer's only) and can be picked by number
f=$TMP/contracts.tsv
mapcontract new -f "$f" --wizard --accounts-from testdata/contracts/charges.tsv <<'ANSWERS'
W-1

1111222233
111122223333
12345x
12345
2026-04-31
2026-04-01

0.25
12,500
12500
Amazon EC2
s
9
1,3, 444455550000
bogus
new-accounts, name:sandbox-*
maybe
y
ANSWERS
rc=$?
cat "$f"
exit $rc
