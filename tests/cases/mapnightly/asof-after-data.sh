# A night whose day is after the export's last usage day (cron runs for
# yesterday, AWS has not delivered it yet): every stage, the report and
# mapask take the night's day from the state, not from the ledger's last
# day, and the night publishes.
python3 demo/gen_demo.py --out "$TMP/demo" --days 3 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
e=$TMP/demo/exports/2026-04-03
mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
    -i demo/inventory.tsv -r "$e" -m "$e/$M" -a 2026-04-05
echo "exit $?"
cut -f 1 "$TMP/s/current/state.tsv" "$TMP/s/current/score.tsv" | sort -u
ls "$TMP/s/current/report" | head -n 3
mapask -d "$TMP/s" rate | head -n 1
echo "--- a night's files of two days: mapask names the file"
mkdir -p "$TMP/m"
cp -RL "$TMP/s/current" "$TMP/m/current"
sed -i '2,$s/^2026-04-05/2026-04-04/' "$TMP/m/current/tasks.tsv"
mapask -d "$TMP/m" rate
