# Lines curscan rejects never block the night whole: within --max-rejects
# (default 100) the night publishes, says so on stderr and in night.log,
# and keeps each rejected line, with its period, file, line, reason and
# raw text, in quarantine.tsv; over the budget the night fails and the
# night before stays published. A Credit of +0.01 (a reversal) is data,
# not a bad line.
python3 demo/gen_demo.py --out "$TMP/demo" --days 2 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY [OPTION]...
	e=$TMP/demo/exports/2026-04-$1
	shift
	mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -r "$e" -m "$e/$M" --no-report "$@"
	echo "exit $?"
}
night 01 2>&1
# two bad rows and a positive credit in the delivery of 04-02
f=$(find "$TMP/demo/exports/2026-04-02" -path '*BILLING_PERIOD=2026-04*' -name '*.csv.gz' | head -n 1)
gzip -dc "$f" > "$TMP/x.csv"
python3 - "$TMP/x.csv" <<'PY'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline="")))
h = rows[0]
cost, start = h.index("line_item_unblended_cost"), h.index("line_item_usage_start_date")
ltype, desc = h.index("line_item_line_item_type"), h.index("line_item_line_item_description")
bad1 = list(rows[1]); bad1[cost] = "12.5x"
bad2 = list(rows[2]); bad2[start] = "yesterday"
rev = list(rows[1]); rev[ltype] = "Credit"; rev[cost] = "0.01"; rev[desc] = "AWS Free Tier adjustment"
rows[3:3] = [bad1, bad2, rev]
csv.writer(open(p, "w", newline=""), lineterminator="\n").writerows(rows)
PY
gzip -c "$TMP/x.csv" > "$f"
echo "--- over the budget (--max-rejects 1)"
night 02 --max-rejects 1 2>&1 | sed 's|/[^ ]*/aurora-map-cur-[0-9]*\.csv\.gz|DATAFILE|'
ls "$TMP/s/history"
echo "--- within it (the default)"
night 02 2>&1 | sed 's|/[^ ]*/aurora-map-cur-[0-9]*\.csv\.gz|DATAFILE|'
ls "$TMP/s/history"
cut -f 1,3,4,5 "$TMP/s/current/quarantine.tsv"
cut -f 6 "$TMP/s/current/quarantine.tsv" | cut -d , -f 1-3
grep -E '^(warning|rejected)' "$TMP/s/current/night.log" | sed 's|	[^	]*aurora-map-cur-[0-9]*\.csv\.gz|	DATAFILE|'
echo "--- the reversal: a credit line of +0.01, not rejected"
grep -c 'AWS Free Tier adjustment' "$TMP/s/current/other-credits.tsv"
