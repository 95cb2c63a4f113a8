# Portfolio Manager: rate by product, PENDING_TAG entities per product team,
# the scoreboard of the portfolio's teams, credit attribution for the
# portfolio (months up to the as-of month), the trend; only its scope
C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv D=testdata/score
mapstate -c $C -w $W -l "$TMP/led" testdata/state/month.tsv > /dev/null
mapscore -l "$TMP/led" -a $D/attribution.tsv --role portfolio --scope Commerce > "$TMP/p"; echo "exit $?"
head -1 "$TMP/p"
cut -f 2 "$TMP/p" | uniq -c
echo "--- rate"
awk -F '\t' 'NR == 1 || $2 == "rate"' "$TMP/p" | tests/cols window,by,group,eligible_cost,accruing_cost,rate,ai_rate,entities,PENDING_TAG
echo "--- pending"
awk -F '\t' 'NR == 1 || $2 == "pending"' "$TMP/p" | tests/cols product,team,PENDING_TAG,pending_daily,pending_cost,STALE_TAG,stale_daily,stale_cost
echo "--- scoreboard"
awk -F '\t' 'NR == 1 || $2 == "scoreboard"' "$TMP/p" | tests/cols team,map_compliance,ownership,score,grade
echo "--- attribution"
awk -F '\t' 'NR == 1 || $2 == "attribution"' "$TMP/p" | tests/cols month,contract,workload,team,product,portfolio,accruing_cost,share,credit,method
echo "--- text, another portfolio"
mapscore -l "$TMP/led" -a $D/attribution.tsv -r portfolio --scope Finance -f text
echo "--- a portfolio that does not exist"
mapscore -l "$TMP/led" -r portfolio --scope Comerce; echo "exit $?"
echo "--- no scope"
mapscore -l "$TMP/led" -r portfolio; echo "exit $?"
