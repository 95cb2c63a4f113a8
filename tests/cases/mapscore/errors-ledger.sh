# A bad ledger (exit 3): the file, the line and what is wrong (split from
# the one errors.sh, so that a failure names its scenario).
D=testdata/score
# each command is shown before what it printed, so a failure names it
run() { echo "\$ mapscore $*"; mapscore "$@" 2>&1; echo "exit $?"; }
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
