#!/bin/sh
# bench/run.sh: time curscan against its baselines in one run; print the
# medians and the ratios the targets are about. See bench/README.
#
# Environment:
#   BENCH_ROWS    line items in the generated export (default 2000000)
#   BENCH_RUNS    timed rounds, each running every command once (default 5)
#   BENCH_WARMUP  untimed rounds first (default 1)
#   BENCH_GZIP    gzip level of the export (default 6, what AWS writes)
#   BENCH_IR      0: skip the callgrind instruction counts (default: on
#                 when valgrind is installed); BENCH_IR_ROWS rows for them
#                 (default 20000)
#   BENCH_SHARED  the shared/ folder (default: ../shared beside the repo)
#   BUILD         the project's build folder (default build)
#   CC, OPT       compiler and optimisation for csvparse (default cc, -O2)
# Scratch data, the csvparse binary, DuckDB and the results go in bench/work/.
# Exit status: 0 done, 4 something needed is missing or failed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/work
shared=${BENCH_SHARED:-$root/../shared}
gen=$shared/bench/gen_cur.py
rows=${BENCH_ROWS:-2000000}
runs=${BENCH_RUNS:-5}
warmup=${BENCH_WARMUP:-1}
level=${BENCH_GZIP:-6}
build=${BUILD:-build}
case $build in
/*) curscan=$build/bin/curscan ;;
*) curscan=$root/$build/bin/curscan ;;
esac
csvparse=$work/bin/csvparse
floor=$work/bin/floor
duckdb_pkg='@duckdb/node-api@1.5.6-r.1'
# the columns curscan reads from a CUR 2.0 export (those missing from the
# export's header are left out of DuckDB's projection, and listed)
want='line_item_usage_start_date bill_payer_account_id
line_item_usage_account_id line_item_usage_account_name line_item_product_code
product_region_code line_item_line_item_type line_item_resource_id
line_item_usage_type line_item_unblended_cost line_item_line_item_description
resource_tags tags'

say() { printf 'bench: %s\n' "$*" >&2; }
fail() { printf 'bench: %s\n' "$*" >&2; exit 4; }

case $rows in '' | *[!0-9]*) fail "BENCH_ROWS wants a count, not '$rows'" ;; esac
case $runs in '' | *[!0-9]* | 0) fail "BENCH_RUNS wants 1 or more, not '$runs'" ;; esac
case $warmup in '' | *[!0-9]*) fail "BENCH_WARMUP wants a count, not '$warmup'" ;; esac
case $level in [1-9]) ;; *) fail "BENCH_GZIP wants 1 to 9, not '$level'" ;; esac

# ---- what it needs ----
[ -x "$curscan" ] || fail "$curscan is missing: build it first (make, or make bench)"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to generate the export"
[ -f "$gen" ] || fail "the CUR generator $gen is missing (is shared/ beside the repo? set BENCH_SHARED)"

if ! command -v hyperfine >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		say "installing hyperfine (Debian package)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		    --no-install-recommends hyperfine >&2 || {
			apt-get update -qq >&2
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			    --no-install-recommends hyperfine >&2
		} || fail "cannot install hyperfine"
	else
		fail "hyperfine is missing: as root, apt-get install hyperfine"
	fi
fi

mkdir -p "$work/bin" "$work/npm"
# time a snapshot, so a rebuild during the run cannot change what is timed
cp "$curscan" "$work/bin/curscan.tmp" && mv "$work/bin/curscan.tmp" "$work/bin/curscan"
curscan=$work/bin/curscan
tree=$(cd "$root" && git describe --always --dirty 2>/dev/null || echo unknown)
binsum=$(cksum <"$curscan" | cut -d' ' -f1)

# DuckDB through its Node API, into bench/work/npm; optional
duckdb=no
duckdb_why=
export NODE_PATH="$work/npm/node_modules"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	duckdb_why="node or npm is not on this machine"
else
	if [ ! -d "$work/npm/node_modules/@duckdb/node-api" ]; then
		say "installing $duckdb_pkg with npm into bench/work/npm"
		npm install --prefix "$work/npm" --no-audit --no-fund \
		    --no-save --loglevel=error "$duckdb_pkg" >&2 ||
		    duckdb_why="npm install $duckdb_pkg failed"
	fi
	if [ -z "$duckdb_why" ]; then
		if node "$here/duckdb_proj.cjs" --startup; then
			duckdb=yes
		else
			duckdb_why="DuckDB does not load under node"
		fi
	fi
fi
[ "$duckdb" = yes ] || say "skipping the DuckDB comparison: $duckdb_why"

# csvparse, with the project's flags
if [ ! -x "$csvparse" ] ||
    [ -n "$(find "$here/csvparse.c" -newer "$csvparse")" ]; then
	say "building bench/work/bin/csvparse"
	# shellcheck disable=SC2086 # OPT may hold several flags
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	    -Werror ${OPT:--O2} -g -o "$csvparse" "$here/csvparse.c" -lcsv -lz ||
	    fail "cannot build csvparse (libcsv-dev and zlib1g-dev: scripts/deps.sh)"
fi

# floor, the inflate floors (zlib gzread, ISA-L), with the same flags
if [ ! -x "$floor" ] || [ -n "$(find "$here/floor.c" -newer "$floor")" ]; then
	say "building bench/work/bin/floor"
	# shellcheck disable=SC2086 # OPT may hold several flags
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -Wall -Wextra -Werror ${OPT:--O2} -g -o "$floor" "$here/floor.c" \
	    -lz -lisal ||
	    fail "cannot build floor (zlib1g-dev and libisal-dev: scripts/deps.sh)"
fi

# ---- the export, generated once per (rows, gzip level, generator) ----
plain=$work/cur-$rows.csv
gz=$work/cur-$rows-gz$level.csv.gz
stamp=$work/cur-$rows.stamp
sum=$(cksum <"$gen")
if [ ! -f "$plain" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
	rm -f "$work"/cur-"$rows"-gz*.csv.gz
	say "generating $rows rows with $gen (seed 1, 2026-10, hourly)"
	python3 "$gen" --rows "$rows" --seed 1 --month 2026-10 \
	    -o "$plain.tmp" || fail "the generator failed"
	mv "$plain.tmp" "$plain"
	printf '%s\n' "$sum" >"$stamp"
fi
if [ ! -f "$gz" ]; then
	say "compressing with gzip -$level"
	gzip -"$level" -c "$plain" >"$gz.tmp" || fail "gzip failed"
	mv "$gz.tmp" "$gz"
fi

# ---- the same rows as 4 gzip files, for -j2 against -j1 ----
# header + a quarter of the rows each (gen_cur.py writes no newline inside a
# field; the row counts are checked below)
parts=
k=1
while [ "$k" -le 4 ]; do
	parts="$parts $work/part-$rows-gz$level-$k.csv.gz"
	k=$((k + 1))
done
need=no
for p in $parts; do [ -f "$p" ] || need=yes; done
if [ "$need" = yes ]; then
	say "splitting the export into 4 files, gzip -$level"
	q4=$(( (rows + 3) / 4 ))
	k=1
	for p in $parts; do
		awk -v a=$(( (k - 1) * q4 + 2 )) -v b=$(( k * q4 + 1 )) \
		    'NR == 1 || (NR >= a && NR <= b) { print } NR > b { exit }' \
		    "$plain" | gzip -"$level" >"$p.tmp" || fail "cannot write $p"
		mv "$p.tmp" "$p"
		k=$((k + 1))
	done
fi

# ---- checks before timing: all readers agree on the row count ----
hdr=$(head -n 1 "$plain")
cols=
absent=
for c in $want; do
	case ",$hdr," in
	*",$c,"*) cols=${cols:+$cols,}$c ;;
	*) absent="${absent:+$absent }$c" ;;
	esac
done
say "checking row counts (also warms the page cache)"
rp=$("$csvparse" "$plain") || fail "csvparse failed on $plain"
rg=$("$csvparse" "$gz") || fail "csvparse failed on $gz"
[ "$rp" = "$rg" ] || fail "csvparse disagrees with itself: '$rp' vs '$rg'"
nrows=$(printf '%s\n' "$rp" | awk '{ print $2 - 1 }')
bytes=$(printf '%s\n' "$rp" | awk '{ print $6 }')
[ "$nrows" = "$rows" ] || fail "the export has $nrows rows, not $rows"
out=$("$curscan" --no-progress "$gz" | wc -l) || fail "curscan failed on $gz"
[ "$out" = $((rows + 1)) ] || fail "curscan wrote $out lines for $rows rows"
# shellcheck disable=SC2086 # $parts is four paths without blanks
out=$("$curscan" --no-progress -j 2 $parts | wc -l) || fail "curscan failed on the 4 files"
[ "$out" = $((rows + 1)) ] || fail "curscan wrote $out lines for $rows rows in 4 files"
if [ "$duckdb" = yes ]; then
	node "$here/duckdb_proj.cjs" "$gz" "$work/duckdb-check.tsv" "$cols" ||
	    fail "DuckDB failed on $gz"
	out=$(wc -l <"$work/duckdb-check.tsv")
	rm -f "$work/duckdb-check.tsv"
	[ "$out" = $((rows + 1)) ] || fail "DuckDB wrote $out lines for $rows rows"
fi

# ---- timing ----
# Rounds, not blocks: each round runs every command once (hyperfine --runs 1),
# starting one command further along than the round before. Load from other
# work on a shared machine then falls on all commands alike, and each round
# gives a paired ratio as well as a time.
q() { printf "'%s'" "$1"; }
tab=$(printf '\t')
{
	printf 'zcat\tzcat %s >/dev/null\n' "$(q "$gz")"
	printf 'floor-zlib\t%s zlib %s >/dev/null\n' "$(q "$floor")" "$(q "$gz")"
	printf 'floor-isal\t%s isal %s >/dev/null\n' "$(q "$floor")" "$(q "$gz")"
	printf 'curscan-gz-zlib\tenv ZIN_INFLATE=zlib %s --no-progress %s >/dev/null\n' "$(q "$curscan")" "$(q "$gz")"
	printf 'csvparse-plain\t%s %s >/dev/null\n' "$(q "$csvparse")" "$(q "$plain")"
	printf 'csvparse-gz\t%s %s >/dev/null\n' "$(q "$csvparse")" "$(q "$gz")"
	printf 'curscan-gz\t%s --no-progress %s >/dev/null\n' "$(q "$curscan")" "$(q "$gz")"
	printf 'curscan-plain\t%s --no-progress %s >/dev/null\n' "$(q "$curscan")" "$(q "$plain")"
	printf 'curscan-plain-scalar\tenv CSVIN_PARSER=scalar %s --no-progress %s >/dev/null\n' "$(q "$curscan")" "$(q "$plain")"
	qp=
	for p in $parts; do qp="$qp $(q "$p")"; done
	printf 'curscan-4gz-j1\t%s --no-progress -j 1%s >/dev/null\n' "$(q "$curscan")" "$qp"
	printf 'curscan-4gz-j2\t%s --no-progress -j 2%s >/dev/null\n' "$(q "$curscan")" "$qp"
	if [ "$duckdb" = yes ]; then
		printf 'duckdb-gz\tnode %s %s /dev/null %s\n' \
		    "$(q "$here/duckdb_proj.cjs")" "$(q "$gz")" "$cols"
		printf 'duckdb-startup\tnode %s --startup\n' \
		    "$(q "$here/duckdb_proj.cjs")"
	fi
} >"$work/commands.tsv"
ncmd=$(wc -l <"$work/commands.tsv")
rm -f "$work"/round-*.json "$work/resident.log"
# before every run (untimed): the inputs read back in where the kernel
# dropped them, then how much is resident, logged (bench/resident.py)
inputs="$(q "$plain") $(q "$gz")"
for p in $parts; do inputs="$inputs $(q "$p")"; done
printf '%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >"$work/load.txt"
say "timing: $warmup warm-up round(s), then $runs rounds of $ncmd commands"
r=0
while [ "$r" -lt $((warmup + runs)) ]; do
	set --
	k=0
	while [ "$k" -lt "$ncmd" ]; do
		line=$(sed -n "$(( (r + k) % ncmd + 1 ))p" "$work/commands.tsv")
		set -- "$@" -n "${line%%"$tab"*}" "${line#*"$tab"}"
		k=$((k + 1))
	done
	if [ "$r" -lt "$warmup" ]; then
		json=$work/warmup.json
		rlog=$work/warmup-resident.log
		say "round $((r + 1)): warm-up"
	else
		json=$work/round-$(printf '%03d' $((r - warmup + 1))).json
		rlog=$work/resident.log
		# what else runs from here to the end of the timed rounds
		[ "$r" = "$warmup" ] && { python3 "$here/others.py" start "$work/others.snap" ||
		    fail "others.py failed"; }
		say "round $((r + 1 - warmup)) of $runs"
	fi
	hyperfine --style basic --runs 1 \
	    --prepare "python3 $(q "$here/resident.py") $(q "$rlog") $inputs" \
	    --export-json "$json" "$@" \
	    >"$work/hyperfine.log" 2>&1 || {
		cat "$work/hyperfine.log" >&2
		fail "hyperfine failed"
	}
	r=$((r + 1))
done
rm -f "$work/warmup.json" "$work/warmup-resident.log"
python3 "$here/others.py" report "$work/others.snap" $$ "$work/others.json" ||
    fail "others.py failed"
printf '%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/load.txt"

# ---- peak RSS, one run each ----
rss() {
	if /usr/bin/time -f %M true >/dev/null 2>&1; then
		/usr/bin/time -o "$work/rss.tmp" -f %M "$@" >/dev/null ||
		    fail "RSS run failed: $*"
		tail -n 1 "$work/rss.tmp"
		rm -f "$work/rss.tmp"
	else	# no GNU time: the children's ru_maxrss (KiB on Linux)
		python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@" ||
		    fail "RSS run failed: $*"
	fi
}
say "peak RSS"
r1=$(rss "$curscan" --no-progress "$gz")
r2=$(rss "$curscan" --no-progress "$plain")
r3=$(rss "$csvparse" "$gz")
printf 'curscan-gz\t%s\ncurscan-plain\t%s\ncsvparse-gz\t%s\n' \
    "$r1" "$r2" "$r3" >"$work/rss.tsv"
if [ "$duckdb" = yes ]; then
	r4=$(rss node "$here/duckdb_proj.cjs" "$gz" /dev/null "$cols")
	printf 'duckdb-gz\t%s\n' "$r4" >>"$work/rss.tsv"
fi

# ---- instruction counts: the noise-free cross-check ----
# callgrind on the first BENCH_IR_ROWS rows: instructions in all, and in the
# busiest thread (what bounds the wall time when every thread has a core).
irrows=${BENCH_IR_ROWS:-20000}
: >"$work/ir.tsv"
if [ "${BENCH_IR:-1}" = 0 ]; then
	say "instruction counts skipped (BENCH_IR=0)"
elif ! command -v valgrind >/dev/null 2>&1; then
	say "instruction counts skipped: valgrind is not installed"
else
	say "instruction counts (callgrind, first $irrows rows)"
	head -n $((irrows + 1)) "$plain" >"$work/ir-sample.csv"
	gzip -"$level" -c "$work/ir-sample.csv" >"$work/ir-sample.csv.gz"
	ir() {
		name=$1
		shift
		rm -f "$work"/ir-"$name".out*
		valgrind --tool=callgrind --separate-threads=yes \
		    --callgrind-out-file="$work/ir-$name.out" "$@" \
		    >/dev/null 2>"$work/ir-$name.err" ||
		    fail "callgrind failed on $*: see bench/work/ir-$name.err"
		awk -v n="$name" -v r="$irrows" '$1 == "totals:" {
			t += $2; if ($2 > m) m = $2; k++ }
		    END { printf "%s\t%d\t%d\t%d\t%d\n", n, r, t, m, k }' \
		    "$work"/ir-"$name".out-* >>"$work/ir.tsv"
		rm -f "$work"/ir-"$name".out* "$work/ir-$name.err"
	}
	ir zcat gzip -dc "$work/ir-sample.csv.gz"
	ir csvparse-plain "$csvparse" "$work/ir-sample.csv"
	ir csvparse-gz "$csvparse" "$work/ir-sample.csv.gz"
	ir curscan-plain "$curscan" --no-progress "$work/ir-sample.csv"
	ir curscan-gz "$curscan" --no-progress "$work/ir-sample.csv.gz"
	rm -f "$work/ir-sample.csv" "$work/ir-sample.csv.gz"
fi

# ---- report ----
{
	printf 'date\t%s\n' "$(date -u +%Y-%m-%d)"
	# shellcheck disable=SC1091
	printf 'machine\t%s cores, %s\n' "$(nproc)" \
	    "$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-?}")"
	printf 'rows\t%s\n' "$rows"
	printf 'tree\t%s (binary cksum %s, copied at the start)\n' "$tree" "$binsum"
	printf 'columns\t%s\n' "$(printf '%s\n' "$hdr" | awk -F, '{ print NF }')"
	printf 'bytes_plain\t%s\n' "$bytes"
	printf 'bytes_gz\t%s\n' "$(wc -c <"$gz")"
	printf 'gzip_level\t%s\n' "$level"
	printf 'runs\t%s\n' "$runs"
	printf 'warmup\t%s\n' "$warmup"
	printf 'hyperfine\t%s\n' "$(hyperfine --version)"
	if [ "$duckdb" = yes ]; then
		printf 'duckdb\t@duckdb/node-api %s, node %s, default threads\n' \
		    "$(node -p \
		    "require('@duckdb/node-api/package.json').version")" \
		    "$(node --version)"
		printf 'duckdb_cols\t%s\n' "$cols"
		printf 'duckdb_absent\t%s\n' "${absent:-none}"
	else
		printf 'duckdb\tskipped: %s\n' "$duckdb_why"
	fi
	printf 'load\t%s\n' "$(paste -sd' ' "$work/load.txt" | awk '{
	    printf "%s %s %s before timing, %s %s %s after", $1, $2, $3, $4, $5, $6 }')"
	printf 'resident\t%s\n' "$work/resident.log"
	printf 'others\t%s\n' "$work/others.json"
} >"$work/meta.tsv"
python3 "$here/report.py" "$work/meta.tsv" "$work/rss.tsv" "$work/ir.tsv" \
    "$work"/round-*.json >"$work/results.txt" || fail "report failed"
cat "$work/results.txt"
say "table also in bench/work/results.txt"
