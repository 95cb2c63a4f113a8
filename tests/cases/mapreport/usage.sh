# Options and their errors; --role and --scope write only that page;
# the night's files must be there and right
mapreport --help | head -3; echo "exit $?"
mapreport; echo "exit $?"
mapreport -d "$TMP" --role boss; echo "exit $?"
mapreport -d "$TMP" --scope Commerce; echo "exit $?"
mapreport -d "$TMP" --role lead --scope Commerce; echo "exit $?"
mapreport -d "$TMP" --target 1.5; echo "exit $?"
mapreport -d "$TMP" --as-of 2026-4-1; echo "exit $?"
mapreport -d "$TMP" extra; echo "exit $?"
echo "--- no ledger: exit 4"
mapreport -d "$TMP/none"; echo "exit $?"
echo "--- a night of mapstate and maptasks alone"
S=testdata/state R=$TMP/n/current
mkdir -p "$R"
mapstate -c $S/contracts.tsv -w $S/workloads.tsv -e "$R/events.tsv" -l "$R/ledger.tsv" $S/month.tsv > "$R/state.tsv"
maptasks -c $S/contracts.tsv -a 2026-04-06 -e "$R/events.tsv" -l "$R/ledger.tsv" -n "$R/notify.tsv" "$R/state.tsv" > "$R/tasks.tsv"
mapreport -d "$TMP/n" --role engineer --scope kim@example.com -o "$TMP/one"; echo "exit $?"
ls "$TMP/one"
mapreport -d "$TMP/n" --role portfolio -o "$TMP/pf"; echo "exit $?"
ls "$TMP/pf"
mapreport -d "$TMP/n" --role owner --scope nobody@example.com; echo "exit $?"
mapreport -d "$TMP/n" -w $S/workloads.tsv --role portfolio --scope Nowhere; echo "exit $?"
echo "--- --as-of another day than the state's: exit 3"
mapreport -d "$TMP/n" --as-of 2026-04-05 -o "$TMP/early"; echo "exit $?"
echo "--- curscan's summary: rejected rows and near-miss keys summed over the files"
printf '%s\n' 'kind	file	format	key	rows	cost' \
    'lines	a.csv	cur2	Usage	10	12.50' 'rejected	a.csv	cur2	bad timestamp	2	' \
    'near-miss-tag	a.csv	cur2	Map-Migrated	3	4.25' 'near-miss-tag	b.csv	cur2	Map-Migrated	1	0.75' \
    'rejected	b.csv	cur2	bad timestamp	1	' > "$R/scan-summary.tsv"
mapreport -d "$TMP/n" --role lead -o "$TMP/scan"; echo "exit $?"
sed -n '/<section id="export">/,/<\/section>/p' "$TMP/scan/lead.html" | grep '<tr><td'
rm "$R/scan-summary.tsv"
echo "--- without -w: the names of the data; all of them"
mapreport -d "$TMP/n"; echo "exit $?"
ls "$TMP/n/report"
python3 tests/htmlcheck.py "$TMP"/n/report/*.html | grep -v ': ok$'
echo "--- a workload of the workloads file with no data this night: its pages say so"
{ cat $S/workloads.tsv; printf 'ghost\tGhost\tGhostland\tghosts\tghost@example.com\tcasper@example.com\taccount:999999999999\n'; } > "$TMP/w.tsv"
mapreport -d "$TMP/n" -w "$TMP/w.tsv" -o "$TMP/g"; echo "exit $?"
python3 tests/htmlcheck.py --text "$TMP/g/index.html" | grep -A1 -e Ghostland -e casper -e ghost@
python3 tests/htmlcheck.py --text "$TMP/g/portfolio-ghostland.html" "$TMP/g/engineer-casper-example-com.html" | grep 'no data'
echo "--- with --target: only the figure's mark changes"
mapreport -d "$TMP/n" --role lead --target 0.5 -o "$TMP/t"; echo "exit $?"
diff "$TMP/n/report/lead.html" "$TMP/t/lead.html" | grep -c '^[<>]'
grep -o 'target [0-9.]*%' "$TMP/t/lead.html" | sort | uniq -c
echo "--- an output directory that cannot be made"
mapreport -d "$TMP/n" -o "$TMP/no/such/dir"; echo "exit $?"
echo "--- a bad row: the file and line, nothing written"
awk -F '\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "state") c = i } NR == 3 { $c = "WAITING" } 1' \
    "$R/state.tsv" > "$TMP/s" && cp "$TMP/s" "$R/state.tsv"
mapreport -d "$TMP/n" -o "$TMP/bad"; echo "exit $?"
[ -e "$TMP/bad" ] || echo "nothing written"
