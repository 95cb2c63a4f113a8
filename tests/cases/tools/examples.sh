# Man page examples: the "$ " command lines of every man page's EXAMPLES
# (and the lines shown after one, its output as the page shows it) are run
# in bash against the demo's last night (tests/mcp_night.sh, shared) and
# its export, in a directory laid out with the names the examples use.
# Each example prints its output (the first 12 lines, 150 columns) and its
# exit status when not 0, and whether it is the output shown; an
# example that cannot run here is listed below with why. A name of the
# examples that the demo spells otherwise is replaced (sub) in the
# examples that are run, which are printed as run.
. tests/mcp_night.sh
python3 demo/gen_demo.py --out "$TMP/demo" >/dev/null 2>&1 || echo "gen_demo.py failed"
E=$TMP/demo/exports/2026-04-30

# examples that are not run, and why
skip() {	# TOOL N
	case "$1 $2" in
	"curscan 2") echo "needs AWS (aws s3 sync)" ;;
	"curscan 6") echo "needs a legacy export that the demo does not have" ;;
	"curscan 7") echo "needs duckdb(1) and a Parquet export (neither is here)" ;;
	"mapcontract 3") echo "needs a terminal (the wizard)" ;;
	"mapcontract 4") echo "needs answers.txt, the wizard's answers to a run by hand" ;;
	"mapstate 3" | "mapstate 4" | "mapstate 5")
		echo "needs state/2026-03-31.tsv, a state per day as the script above keeps (the demo starts on April 1)" ;;
	"maptasks 1" | "maptasks 2")
		echo "needs tasks/2026-03-31.tsv, a task list per day as the script above keeps" ;;
	"maptasks 5") echo "needs a terminal (less)" ;;
	"maptasks 6" | "maptasks 7") echo "needs AWS (runs the aws commands of the tasks)" ;;
	"mapcredit 1") echo "needs May's ledger and lines (the demo is April)" ;;
	"mapcredit 2" | "mapcredit 3") echo "needs a ledger per night in ledger/ as the script above keeps" ;;
	"mapreport 2") echo "needs a desktop (xdg-open)" ;;
	"mapnightly 4") echo "needs AWS (the script runs aws s3 sync)" ;;
	"mapnightly 5") echo "runs the whole demo (the mapnightly/demo-month case runs its nights)" ;;
	*) return 1 ;;
	esac
}

# the examples' names for the demo's
sub() {	# TOOL
	case $1 in
	curscan) sed 's|ha-project-CUR-daily-1-00001\.csv\.gz|2026-04/aurora-map-cur-00001.csv.gz|
		s|/srv/cur/CUR-daily-1\.0/ha-project-CUR-daily-1|mirror/cur2/aurora-map-cur|
		s|ha-project-CUR-daily-1-Manifest|aurora-map-cur-Manifest|; s|/srv/cur|mirror|' ;;
	maptasks) sed 's|tasks/2026-04-30\.tsv|state/current/tasks.tsv|
		s|state/2026-04-30\.tsv|state/current/state.tsv|' ;;
	mapcredit) sed 's|attribution-2026-04\.tsv|state/current/attribution.tsv|
		s|credit/pools\.tsv|state/current/pools.tsv|' ;;
	mapscore) sed 's|kim@example\.com|ana.costa@aurora-retail.example|' ;;
	mapreport) sed 's|2026-04-17|2026-04-30|; s|/srv/www/map|www|
		s|kim@example\.com|ana.costa@aurora-retail.example|' ;;
	mapask) sed 's|/var/lib/map|state|
		s|kim@example\.com|ana.costa@aurora-retail.example|' ;;
	mapnightly) sed 's|-a 2026-04-16|-a 2026-04-30|' ;;
	*) cat ;;
	esac
}

# the directory the examples run in, afresh for each page
base=$TMP/base
mkdir -p "$base/2026-04" "$base/mirror"
cp demo/contracts.tsv demo/workloads.tsv demo/grants.tsv demo/inventory.tsv "$base/"
cp -R "$E/." "$base/mirror/"
cp "$E"/cur2/aurora-map-cur/data/BILLING_PERIOD=2026-04/*/*.csv.gz "$base/2026-04/"
cp -R "$N" "$base/state"
for f in ledger state tasks claims events attribution pools; do
	cp "$N/current/$f.tsv" "$base/$f.tsv"
done
cp "$N/current/score-history.tsv" "$base/history.tsv"
curscan "$base"/2026-04/*.csv.gz > "$base/2026-04.tsv" 2>/dev/null
printf 'team\tsignal\tvalue\ncheckout\tefficiency\t0.90\npayments\tefficiency\t0.40\n' > "$base/signals.tsv"

for t in curscan mapcontract mapstate maptasks mapcredit mapscore mapreport mapask mapnightly; do
	echo "=== man/$t.1"
	awk '
	# "N<tab>line" for each line of example N; lines shown after the
	# command are "N<tab>> line"
	function unesc(s) {
		gsub(/\\e/, "\\", s); gsub(/\\\(aq/, "'\''", s); gsub(/\\&/, "", s)
		gsub(/\\\(dq/, "\"", s); gsub(/\\-/, "-", s)
		return s
	}
	/^\.Sh / { ex = ($2 == "EXAMPLES"); next }
	!ex { next }
	/^\.Bd -literal/ { bd = 1; cmd = 0; next }
	/^\.Ed/ { bd = 0; cmd = 0; next }
	/^\.Dl \$ / { print ++n "\t" unesc(substr($0, 7)); next }
	!bd { next }
	/^\$ / { cmd = 1; print ++n "\t" unesc(substr($0, 3)); next }
	cmd && /^    / { print n "\t" unesc($0); next }
	cmd { print n "\t> " unesc($0) }' "man/$t.1" > "$TMP/$t.ex"
	rm -rf "$TMP/w"
	cp -R "$base" "$TMP/w"
	: > "$TMP/$t.sh"
	n=$(cut -f 1 "$TMP/$t.ex" | sort -n | tail -n 1)
	k=1
	while [ "$k" -le "${n:-0}" ]; do
		awk -F '\t' -v k=$k '$1 == k && substr($2, 1, 2) != "> " {
			print substr($0, index($0, "\t") + 1) }' "$TMP/$t.ex" > "$TMP/raw"
		sub $t < "$TMP/raw" > "$TMP/cmd"
		awk -F '\t' -v k=$k '$1 == k && substr($2, 1, 2) == "> " {
			print substr($0, index($0, "\t") + 3) }' "$TMP/$t.ex" > "$TMP/$t.shown.$k"
		if why=$(skip $t $k); then
			{
				echo "cat <<'EX_END'"
				echo "--- $t $k, not run: $why"
				sed '1s/^/$ /' "$TMP/raw"
				echo "EX_END"
			} >> "$TMP/$t.sh"
		else
			{
				echo "cat <<'EX_END'"
				echo "--- $t $k"
				sed '1s/^/$ /' "$TMP/cmd"
				echo "EX_END"
				echo "(exit \$rc)"	# for an example that shows \$?
				echo "{"
				cat "$TMP/cmd"
				echo "} > \"\$o\" 2>&1"
				echo "rc=\$?; show \"\$o\" $k; (exit \$rc)"
			} >> "$TMP/$t.sh"
		fi
		k=$((k + 1))
	done
	# the script: each example's command as the page has it, then what it printed
	(
		cd "$TMP/w" || exit 4
		o=$TMP/$t.out S=$TMP/$t.shown
		export o S
		bash -c '
		# the output is as shown: line for line, where a shown line
		# "..." stands for any lines and one ending in " ..." for any
		# line that starts with what is before it
		shown() {	# SHOWN OUTPUT
			awk -v shown="$1" "
			function same(w, o, p) {
				if (w !~ / [.][.][.]\$/)
					return w == o
				p = w
				sub(/ *[.][.][.]\$/, \"\", p)
				return substr(o, 1, length(p)) == p
			}
			BEGIN { while ((getline l < shown) > 0) w[++n] = l }
			{ o[++m] = \$0 }
			END {
				for (i = j = 1; i <= n; i++) {
					if (w[i] == \"...\") {
						if (i == n)
							exit 0
						while (j <= m && !same(w[i + 1], o[j]))
							j++
					} else if (j > m || !same(w[i], o[j++]))
						exit 1
				}
				exit j <= m
			}" "$2"
		}
		show() {	# OUTPUT N
			l=$(wc -l < "$1")
			# a checksum of a file of the night stands for it: masked
			head -n 12 "$1" | cut -c 1-150 |
			    sed -E "s/[0-9a-f]{64}/SHA256/g; s/^/  /"
			[ "$l" -le 12 ] || echo "  ... ($l lines)"
			[ $rc = 0 ] || echo "  exit $rc"
			if [ -s "$S.$2" ]; then
				if shown "$S.$2" "$1"; then
					echo "  (as the page shows it)"
				else
					echo "  (the page shows other output)"
				fi
			fi
		}
		rc=0
		. "$1"' sh "$TMP/$t.sh" 2>&1 | sed "s|$TMP/w|\$W|g"
	)
done
