# Usage (2), bad input (3) and system (4) errors; nothing half-written
D=testdata/score
run() { mapscore "$@" 2>&1; echo "exit $?"; }
echo "=== usage"
run
run -l $D/april.tsv extra
run -l $D/april.tsv --by team,product
run -l $D/april.tsv --role admin
run -l $D/april.tsv --role engineer
run -l $D/april.tsv --role engineer --scope kim
run -l $D/april.tsv --scope Retail
run -l $D/april.tsv --role lead --by team
run -l $D/april.tsv --scoreboard --by team
run -l $D/april.tsv --format json
run -l $D/april.tsv --as-of 2026-04-31
run -l $D/april.tsv --weight efficiency
run -l $D/april.tsv --weight efficiency=-1
run -l $D/april.tsv --scoreboard --weight efficency=2
run -l $D/april.tsv --bands 'A=0.9,B'
run -l $D/april.tsv --bands 'A=0.9,B=0.9'
run -l $D/april.tsv --bands 'A=1.5'
run -l $D/april.tsv --frobnicate
echo "=== bad ledger"
cut -f 1-7,9- $D/april.tsv > "$TMP/nostate"; run -l "$TMP/nostate"
sed '3s/\t1\.50\t1\.50\t/\t1.5x\t1.50\t/' $D/april.tsv > "$TMP/badnum"; run -l "$TMP/badnum"
sed '3s/PENDING_TAG/WAITING/' $D/april.tsv > "$TMP/badstate"; run -l "$TMP/badstate"
sed '3s/^2026-04-01/2026-04-1/' $D/april.tsv > "$TMP/baddate"; run -l "$TMP/baddate"
awk 'NR == 2 { s = $0; next } NR == 3 { print; print s; next } 1' $D/april.tsv > "$TMP/order"; run -l "$TMP/order"
sed -n '1,3p;3,$p' $D/april.tsv > "$TMP/twice"; run -l "$TMP/twice"
cp $D/april.tsv "$TMP/again"; run -l $D/april.tsv -l "$TMP/again"
printf 'date\tentity\n' > "$TMP/thin"; run -l "$TMP/thin"
: > "$TMP/empty"; run -l "$TMP/empty"
printf 'date\tentity\tentity_kind\taccount\tstate\tcost\teligible_cost\taccruing_cost\n2026-04-01\tx\tresource\t1\tTAGGED\t1\t1\n' > "$TMP/short"; run -l "$TMP/short"
run -l "$TMP/bare-missing.tsv"
cut -f 1-11 $D/april.tsv > "$TMP/bare"; run -l "$TMP/bare" --scoreboard
echo "=== bad history"
printf 'date\tworkload\textra\n' > "$TMP/h1"; run -l $D/april.tsv -H "$TMP/h1"
mapscore -l $D/march.tsv -H "$TMP/h2" > /dev/null
sed '2s/\t0\t0\t1\t0\t0$/\t0\t0\tone\t0\t0/' "$TMP/h2" > "$TMP/h3"; run -l $D/april.tsv -H "$TMP/h3"
sed -n '1,2p;2p' "$TMP/h2" > "$TMP/h4"; run -l $D/april.tsv -H "$TMP/h4"
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
echo "=== system: write error, history into a missing directory, unreadable file"
mapscore -l $D/april.tsv > /dev/full; echo "exit $?"
run -l $D/april.tsv -H "$TMP/nope/h.tsv"
mkdir "$TMP/dir"; run -l "$TMP/dir"
echo "=== nothing half-written: the history is untouched by a failed run"
cp "$TMP/h2" "$TMP/h5"; mapscore -l "$TMP/badnum" -H "$TMP/h5" > /dev/null; echo "exit $?"
cmp "$TMP/h2" "$TMP/h5" && echo untouched
ls "$TMP" | grep tmp || echo "no temporary files"
