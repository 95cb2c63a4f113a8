# the AI route question: asked in step 2 only when Bedrock is selected,
# default profile; a bad answer is re-asked; principal shows on the review
# and is kept as the default when the steps are gone through again (e)
f=$TMP/contracts.tsv
mapcontract new -f "$f" --wizard <<'ANSWERS'
W-AI
map-ai
111122223333
ABCDE12345
2026-07-01

0.3

a
role
principal
777788889999
none
e












y
ANSWERS
echo "exit $?"
cat "$f"
# --ai-route principal given, but no Bedrock selected: the question is not
# asked and the route falls back to profile, with a word about it
echo "--- standard services"
mapcontract new -f "$TMP/std.tsv" --wizard --ai-route principal --yes <<'ANSWERS'
W-STD
map
111122223333
12345
2026-07-01
2027-06-30
0.25

s
all
ANSWERS
echo "exit $?"
tests/cols id,services,ai_route "$TMP/std.tsv"
