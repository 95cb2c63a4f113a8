# System errors (exit 4), and nothing half-written: the history is
# untouched by a failed run, and no temporary file is left (split from the
# one errors.sh, so that a failure names its scenario).
D=testdata/score
# each command is shown before what it printed, so a failure names it
run() { echo "\$ mapscore $*"; mapscore "$@" 2>&1; echo "exit $?"; }
sed '3s/\t1\.50\t1\.50\t/\t1.5x\t1.50\t/' $D/april.tsv > "$TMP/badnum"
mapscore -l $D/march.tsv -H "$TMP/h2" > /dev/null
echo "=== system: write error, history into a missing directory, unreadable file"
mapscore -l $D/april.tsv > /dev/full; echo "exit $?"
run -l $D/april.tsv -H "$TMP/nope/h.tsv"
mkdir "$TMP/dir"; run -l "$TMP/dir"
echo "=== nothing half-written: the history is untouched by a failed run"
cp "$TMP/h2" "$TMP/h5"; mapscore -l "$TMP/badnum" -H "$TMP/h5" > /dev/null; echo "exit $?"
cmp "$TMP/h2" "$TMP/h5" && echo untouched
ls "$TMP" | grep tmp || echo "no temporary files"
