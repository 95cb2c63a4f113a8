# Names, ids and descriptions that hold markup print as themselves: the
# workloads' portfolios, teams, owners and engineers, and the charge
# lines' resource ids, are made hostile (<script>, quotes, &, a comment,
# an attribute break-out, a CDATA end), the night is run through
# mapstate and maptasks, and every page must pass the strict check: no
# element or attribute that mapreport did not write, one script. Two
# portfolios share a slug: the second in byte order gets -2.
S=testdata/state R=$TMP/n/current
mkdir -p "$R"
awk -F '\t' -v OFS='\t' '
/^#/ || NR == 1 { print; next }
{
	sub(/^Commerce$/, "Commerce <script>alert(\"pf\")</script>", $3)
	sub(/^Finance$/, "SUPPORT", $3)
	sub(/^payments$/, "pay</td>ments", $4)
	sub(/^ana@example.com$/, "ana'\''<b>\\&amp;@example.com", $5)
	sub(/^kim@example.com$/, "kim\"><img src=x onerror=alert(1)>", $6)
	sub(/^raj@example.com$/, "raj\\&co@example.com", $6)
	sub(/^assets-archive$/, "assets<!--archive", $1)
	sub(/^ledger$/, "led]]>ger", $1)
	print
}' $S/workloads.tsv > "$TMP/w.tsv"
sed 's/i-drift-removed/i-<script>drift<\/script>/g; s/i-tagged/i-"tagged'\''\&<x>/g' $S/month.tsv > "$TMP/m.tsv"
mapstate -c $S/contracts.tsv -w "$TMP/w.tsv" -e "$R/events.tsv" -l "$R/ledger.tsv" "$TMP/m.tsv" > "$R/state.tsv" ||
	echo "mapstate: exit $?"
day=$(awk -F '\t' 'NR == 2 { print $1 }' "$R/state.tsv")
maptasks -c $S/contracts.tsv -a "$day" -e "$R/events.tsv" -l "$R/ledger.tsv" -n "$R/notify.tsv" "$R/state.tsv" > "$R/tasks.tsv" ||
	echo "maptasks: exit $?"
mapreport -d "$TMP/n" -w "$TMP/w.tsv"; echo "exit $?"
cd "$TMP/n/report" || exit 1
ls
python3 "$OLDPWD/tests/htmlcheck.py" *.html
echo "--- raw markup of the data anywhere: none"
grep -c -e '<script>alert' -e '<img src=x' -e '<b>&amp;' -e 'i-<script>' -e '</td>ments' -e '"tagged' *.html | grep -v ':0$'
echo "--- as text"
grep -h -o -e 'Commerce &lt;script&gt;alert(&quot;pf&quot;)&lt;/script&gt;' -e 'kim&quot;&gt;&lt;img src=x onerror=alert(1)&gt;' \
    -e 'ana&#39;&lt;b&gt;&amp;amp;@example.com' -e 'i-&lt;script&gt;drift&lt;/script&gt;' -e 'i-&quot;tagged&#39;&amp;&lt;x&gt;' \
    -e 'pay&lt;/td&gt;ments' -e 'assets&lt;!--archive' -e 'led]]&gt;ger' -e 'raj&amp;co@example.com' *.html | sort | uniq -c
