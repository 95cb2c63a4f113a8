# The demo's last night (April 30, one run over the month) as a report:
# the pages of every role, each well formed, the Lead's under 300 KB, the
# same bytes on a second run; every figure mapscore's text views print
# for the night is on the page of that role. Then the index, the Lead's
# page and a Cloud Engineer's (drift, the MAP AI queue, a closed task) in
# full.
python3 demo/gen_demo.py --out "$TMP/demo" 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
e=$TMP/demo/exports/2026-04-30
mapnightly --bin "$BIN" -d "$TMP/n" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
    -i demo/inventory.tsv -r "$e" -m "$e/$M" -a 2026-04-30 2>/dev/null || echo "night failed: exit $?"
mapreport -d "$TMP/n" -w demo/workloads.tsv -o "$TMP/r"; echo "exit $?"
mapreport -d "$TMP/n" -w demo/workloads.tsv -o "$TMP/r2"; echo "exit $?"
cd "$TMP/r" || exit 1
ls
python3 "$OLDPWD/tests/htmlcheck.py" *.html | grep -v ': ok$'
[ "$(wc -c < lead.html)" -lt 307200 ] && echo "lead.html: under 300 KB"
for f in *.html; do cmp -s "$f" "$TMP/r2/$f" || echo "$f: differs on a second run"; done
cd "$OLDPWD" || exit 1
# every amount and rate of mapscore's text view VIEW [SCOPE] on PAGE
C=$TMP/n/current
figures() {	# PAGE VIEW [SCOPE]
	p=$1; shift
	cp "$C/score-history.tsv" "$TMP/h"
	mapscore -l "$C/ledger.tsv" -s "$C/state.tsv" -t "$C/tasks.tsv" -a "$C/attribution.tsv" \
	    -C "$C/claims.tsv" -H "$TMP/h" -f text -r "$@" | grep -o -E '\$[0-9,]+\.[0-9]{2}|[0-9]+\.[0-9]{2}%' | sort -u > "$TMP/want"
	python3 tests/htmlcheck.py --text "$TMP/r/$p" > "$TMP/text"
	n=0 miss=0
	while read -r x; do
		n=$((n + 1))
		grep -q -F -e "$x" "$TMP/text" || { miss=$((miss + 1)); echo "  $x not on $p"; }
	done < "$TMP/want"
	echo "$p: $((n - miss)) of mapscore's $n figures"
}
figures lead.html lead
figures portfolio-data-ai.html portfolio --scope 'Data & AI'
figures engineer-kenji-tanaka-aurora-retail-example.html engineer --scope kenji.tanaka@aurora-retail.example
figures owner-amara-diallo-aurora-retail-example.html owner --scope amara.diallo@aurora-retail.example
echo "--- every open task of maptasks on its engineer's page (unassigned: the Lead's)"
tests/cols task_id,status,assignee "$C/tasks.tsv" | awk -F '\t' '$2 == "open"' | while IFS='	' read -r id st who; do
	f=engineer-$(echo "$who" | sed 's/[^a-z0-9][^a-z0-9]*/-/g; s/^-//; s/-$//').html
	[ "$who" = unassigned ] && f=lead.html
	grep -q "id=\"task-$id\"" "$TMP/r/$f" && echo "$id: $f" || echo "$id: NOT on $f"
done
echo "=== index.html"
cat "$TMP/r/index.html"
echo "=== lead.html"
cat "$TMP/r/lead.html"
echo "=== engineer-kenji-tanaka-aurora-retail-example.html"
cat "$TMP/r/engineer-kenji-tanaka-aurora-retail-example.html"
