# Bad state, tasks, attribution, claims and signals files (exit 3) (split
# from the one errors.sh, so that a failure names its scenario).
D=testdata/score
# each command is shown before what it printed, so a failure names it
run() { echo "\$ mapscore $*"; mapscore "$@" 2>&1; echo "exit $?"; }
echo "=== bad state, tasks, attribution, claims, signals"
C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv
mapstate -c $C -w $W -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > "$TMP/state"
mapstate -c $C -l "$TMP/led-bare" testdata/state/month.tsv > "$TMP/state-bare"
run -l "$TMP/led" -s "$TMP/state-bare" -r owner --scope ana@example.com
run -l "$TMP/led" -s "$TMP/state" --as-of 2026-04-05 -r owner --scope ana@example.com
sed '3s/^2026-04-06/2026-04-05/' "$TMP/state" > "$TMP/state2"; run -l "$TMP/led" -s "$TMP/state2" -r owner --scope ana@example.com
printf 'as_of\ttask_id\n' > "$TMP/tasks"; run -l "$TMP/led" -s "$TMP/state" -t "$TMP/tasks" -r owner --scope ana@example.com
sed '2s/^2026-03/2026-3/' $D/attribution.tsv > "$TMP/attr"; run -l "$TMP/led" -a "$TMP/attr" -r portfolio --scope Commerce
sed '3s/13\.32/13,32/' $D/claims.tsv > "$TMP/claims"; run -l "$TMP/led" -C "$TMP/claims" -r lead
printf 'team\tsignal\tvalue\nweb\tedp\t1.2\n' > "$TMP/sig"; run -l $D/april.tsv --scoreboard --signals "$TMP/sig"
printf 'team\tsignal\tvalue\nweb\townership\t0.5\n' > "$TMP/sig"; run -l $D/april.tsv --scoreboard --signals "$TMP/sig"
printf 'team\tsignal\tvalue\nweb\tedp\t0.5\nweb\tedp\t0.6\n' > "$TMP/sig"; run -l $D/april.tsv --scoreboard --signals "$TMP/sig"
