# A bad score history (exit 3) (split from the one errors.sh, so that a
# failure names its scenario).
D=testdata/score
# each command is shown before what it printed, so a failure names it
run() { echo "\$ mapscore $*"; mapscore "$@" 2>&1; echo "exit $?"; }
echo "=== bad history"
printf 'date\tworkload\textra\n' > "$TMP/h1"; run -l $D/april.tsv -H "$TMP/h1"
mapscore -l $D/march.tsv -H "$TMP/h2" > /dev/null
sed '2s/\t0\t0\t1\t0\t0$/\t0\t0\tone\t0\t0/' "$TMP/h2" > "$TMP/h3"; run -l $D/april.tsv -H "$TMP/h3"
sed -n '1,2p;2p' "$TMP/h2" > "$TMP/h4"; run -l $D/april.tsv -H "$TMP/h4"
