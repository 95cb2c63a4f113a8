# CFM Scoreboard: a grade per team from weighted signals (map_compliance
# weighs 2, every other 1; bands A 0.9, B 0.8, C 0.7, D 0.6, else F).
# ml scores exactly 0.8750: (2 x 0.8125 + 1.0000) / 3
D=testdata/score
echo "--- defaults"
mapscore -l $D/april.tsv --scoreboard
echo "--- more signals (a team only in the signals file is graded on them)"
mapscore -l $D/april.tsv --scoreboard --signals $D/signals.tsv
echo "--- weights: efficiency off, ownership halved"
mapscore -l $D/april.tsv --scoreboard --signals $D/signals.tsv --weight efficiency=0 --weight ownership=0.5
echo "--- a score on a band's threshold gets that grade"
mapscore -l $D/april.tsv --scoreboard --bands 'A=0.875,B=0.8' | tests/cols team,score,grade
echo "--- own band names; below every band: F"
mapscore -l $D/april.tsv --scoreboard --bands 'gold=0.95,silver=0.85' | tests/cols team,score,grade
echo "--- text"
mapscore -l $D/april.tsv --scoreboard --signals $D/signals.tsv -f text
