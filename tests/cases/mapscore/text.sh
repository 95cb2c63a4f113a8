# --format text: aligned columns, dollars, percents, the 30-day sparkline
# (a middle dot for a day without a rate; 28 March has no data)
D=testdata/score
mapscore -l $D/march.tsv -l $D/april.tsv -b team -f text
echo "--- by workload, as of the 1st"
mapscore -l $D/march.tsv -l $D/april.tsv -b workload --as-of 2026-04-01 --format=text
