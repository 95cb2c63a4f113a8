# tasks: what to do today, most credit lost per day first, for everyone
# and for one Cloud Engineer (the order of mapscore's engineer view).
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" tasks; echo "exit $?"
mapask -d "$TMP/n" tasks --engineer kenji.tanaka@aurora-retail.example; echo "exit $?"
mapask -d "$TMP/n" -f tsv tasks --engineer unassigned | tests/cols section,task_id,daily_impact | awk -F '\t' '$1 == "tasks"'
mapask -d "$TMP/n" tasks --engineer nobody@example.com; echo "exit $?"
echo "--- the same tasks and figures as mapscore's engineer view"
C=$TMP/n/current
cp "$C/score-history.tsv" "$TMP/h"
mapscore -l "$C/ledger.tsv" -H "$TMP/h" -s "$C/state.tsv" -t "$C/tasks.tsv" -r engineer \
    --scope ana.costa@aurora-retail.example | tests/cols section,task_id,daily_impact |
    awk -F '\t' 'NR > 1 && $2 != ""' | cut -f2- | sort > "$TMP/want"
mapask -d "$TMP/n" -f tsv tasks --engineer ana.costa@aurora-retail.example |
    tests/cols section,task_id,daily_impact | awk -F '\t' '$1 == "tasks"' | cut -f2- | sort > "$TMP/got"
cmp "$TMP/want" "$TMP/got" && echo "$(wc -l < "$TMP/got") tasks, the same as mapscore"
