# Usage errors (exit 2): every misuse of an option, one line each (split
# from the one errors.sh, so that a failure names its scenario).
D=testdata/score
# each command is shown before what it printed, so a failure names it
run() { echo "\$ mapscore $*"; mapscore "$@" 2>&1; echo "exit $?"; }
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
