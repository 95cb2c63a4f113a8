# An unknown word of the vocabulary (state, kind, reason, task type or
# status) in any input is bad data: exit 3 naming the file and line
D=testdata/score C=testdata/state/contracts.tsv W=testdata/state/workloads.tsv
run() { mapscore "$@" 2>&1; echo "exit $?"; }
# put() FILE LINE COLUMN VALUE: a copy of FILE with one field changed
put() { awk -F '\t' -v OFS='\t' -v n="$2" -v c="$3" -v v="$4" '
	NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
	NR == n { $k = v } 1' "$1"; }
mapstate -c $C -w $W -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > "$TMP/state"
maptasks -c $C -e "$TMP/ev" -l "$TMP/led" "$TMP/state" > "$TMP/tasks"
O="-l $TMP/led -r owner --scope ana@example.com"
echo "=== state"
put "$TMP/state" 3 state WAITING > "$TMP/s1"; run $O -s "$TMP/s1"
put "$TMP/state" 3 entity_kind lambda > "$TMP/s2"; run $O -s "$TMP/s2"
put "$TMP/state" 4 reason tag-lost > "$TMP/s3"; run $O -s "$TMP/s3"
echo "=== ledger"
put $D/april.tsv 3 state tagged > "$TMP/l1"; run -l "$TMP/l1"
put $D/april.tsv 4 entity_kind lambda > "$TMP/l2"; run -l "$TMP/l2"
echo "=== tasks"
put "$TMP/tasks" 2 type TAG_EVERYTHING > "$TMP/t1"; run $O -s "$TMP/state" -t "$TMP/t1"
put "$TMP/tasks" 3 status done > "$TMP/t2"; run $O -s "$TMP/state" -t "$TMP/t2"
echo "=== and the unchanged files are fine"
mapscore $O -s "$TMP/state" -t "$TMP/tasks" > /dev/null; echo "exit $?"
