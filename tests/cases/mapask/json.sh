# --format json: the answer as one JSON object, money and rates as
# decimal strings, counts as integers, no value as null, keys sorted;
# the same figures as the TSV.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" -f json rate --team payments > "$TMP/a.json"
rc=$?
python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
print(sorted(j))
print(j["question"], j["command"], j["as_of"])
for s in j["sections"]:
    print(s["section"], len(s["rows"]))
r = [s for s in j["sections"] if s["section"] == "rate"][0]["rows"][0]
print(r["rate"], r["accruing_cost"], r["eligible_cost"], r["entities"], r["STALE_TAG"])
for a in j["answer"]:
    print(" ", a)
' "$TMP/a.json"
mapask -d "$TMP/n" -f json tasks | python3 -c 'import json,sys; j = json.load(sys.stdin); t = j["sections"][0]["rows"][0]; print(t["task_id"], t["daily_impact"], t["drift_date"])'
exit $rc
