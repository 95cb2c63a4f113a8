#!/bin/sh
# tests/slurm.sh BINDIR: sharded nights on a real Slurm: a controller and
# two nodes on 127.0.0.1 (tests/slurm_env.sh), the demo's last three
# nights with --engine slurm --shards 4:
#   - every published file byte for byte that of the unsharded night;
#   - the steps ran on both nodes (shards/run.log);
#   - a shard that fails cancels the chain: the night exits with the
#     stage's status naming the shard, nothing stays pending, the night
#     before stays published.
# Without Slurm or root: one SKIP line (counted by tests/check.sh).
set -u
LC_ALL=C
export LC_ALL
[ $# -eq 1 ] || { echo "usage: tests/slurm.sh BINDIR" >&2; exit 2; }
BIN=$(cd "$1" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
P=0 F=0
ok() { echo "PASS $*"; P=$((P + 1)); }
bad() { echo "FAIL $*"; F=$((F + 1)); }
. tests/slurm_env.sh
if ! slurm_available; then
	echo "SKIP sharded nights on Slurm: slurm-wlm or munge not installed (scripts/deps.sh test installs them)"
	echo "0 passed, 0 failed"
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "SKIP sharded nights on Slurm: the test cluster runs as root"
	echo "0 passed, 0 failed"
	exit 0
fi
t0=$(date +%s)
T=$(mktemp -d /tmp/mapslurm.XXXXXX) || exit 4
trap 'slurm_down; rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir "$T/cluster" && if ! slurm_up "$T/cluster" 2>"$T/up.err"; then
	# what the daemons said, for the log
	grep -h -i 'error\|fatal' "$T"/cluster/log/*.log "$T"/cluster/log/*.out 2>/dev/null |
	    tail -n 8 | sed 's/^/    /'
	if [ "${MAP_FRESH_INSIDE:-}" = 1 ]; then
		# the bare-Debian root of tests/fresh.sh is a chroot, not a
		# machine (no init, no cgroup hierarchy of its own): there
		# slurmd cannot start; the check itself runs on the machine
		echo "SKIP sharded nights on Slurm: slurmd cannot start in the bare-Debian chroot ($(tail -n 1 "$T/up.err")); the machine's own run of this check counts"
		echo "$P passed, $F failed"
		exit 0
	fi
	bad "the test cluster did not start: $(tail -n 1 "$T/up.err")"
	echo "$P passed, $F failed"
	exit 1
fi

python3 demo/gen_demo.py --out "$T/demo" >/dev/null 2>&1 || bad "gen_demo.py"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DIR DAY BINDIR [OPTION]...
	_d=$1 _day=$2 _b=$3
	shift 3
	_e=$T/demo/exports/$_day
	"$_b/mapnightly" --bin "$_b" -d "$_d" -c demo/contracts.tsv -w demo/workloads.tsv \
	    -g demo/grants.tsv -i demo/inventory.tsv -r "$_e" -m "$_e/$M" -a "$_day" "$@"
}
# April 27 in one run (the month to date re-derived, as every night), then
# the last three nights: unsharded, and on Slurm in 4 shards
night "$T/u" 2026-04-27 "$BIN" >/dev/null 2>&1 || bad "the unsharded night of April 27"
night "$T/s" 2026-04-27 "$BIN" --shards 4 >/dev/null 2>&1 || bad "the night of April 27 in 4 local shards"
for day in 2026-04-28 2026-04-29 2026-04-30; do
	night "$T/u" $day "$BIN" >/dev/null 2>&1 || bad "the unsharded night of $day"
	night "$T/s" $day "$BIN" --engine slurm --shards 4 >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc != 0 ]; then
		bad "--engine slurm, the night of $day: exit $rc: $(tail -n 2 "$T/err")"
		continue
	fi
	if diff -r -x shards "$T/u/history/$day" "$T/s/history/$day" >"$T/diff" 2>&1; then
		ok "--engine slurm --shards 4, the night of $day: byte-identical to the unsharded night"
	else
		bad "--engine slurm, the night of $day: $(head -n 3 "$T/diff")"
	fi
	nodes=$(cut -f 2- "$T/s/history/$day/shards/run.log" | awk '{ print $NF }' | sort -u | tr '\n' ' ')
	case $nodes in
	"n1 n2 ") ok "the night of $day: its steps ran on both nodes ($(wc -l <"$T/s/history/$day/shards/run.log") steps)" ;;
	*) bad "the night of $day: steps ran on '$nodes', not on n1 and n2" ;;
	esac
done

# a night whose day comes from the export (no --as-of): the scan runs
# first, waited for, then the chain
e=$T/demo/exports/2026-04-30
"$BIN/mapnightly" --bin "$BIN" -d "$T/s" -c demo/contracts.tsv -w demo/workloads.tsv \
    -g demo/grants.tsv -i demo/inventory.tsv -r "$e" -m "$e/$M" --engine slurm --shards 4 \
    >/dev/null 2>"$T/err"
rc=$?
if [ $rc = 0 ] && diff -r -x shards "$T/u/history/2026-04-30" "$T/s/current" >/dev/null &&
    [ "$(readlink "$T/s/current")" = nights/2026-04-30.2 ]; then
	ok "--engine slurm without --as-of: the day from the export, the night of April 30 again, the same files"
else
	bad "--engine slurm without --as-of: exit $rc, $(tail -n 1 "$T/err"), current $(readlink "$T/s/current")"
fi

# a failing shard: mapstate fails on derivation 1's shard 2
W=$T/bin-fail
mkdir "$W"
for t in "$BIN"/*; do ln -s "$t" "$W/${t##*/}"; done
rm "$W/mapstate"
cat >"$W/mapstate" <<EOF
#!/bin/sh
for a; do case \$a in */d1/2/events.tsv) echo "mapstate: injected failure" >&2; exit 3 ;; esac; done
exec "$BIN/mapstate" "\$@"
EOF
chmod +x "$W/mapstate"
before=$(readlink "$T/s/current")
night "$T/s" 2026-04-30 "$W" --engine slurm --shards 4 >/dev/null 2>"$T/err"
rc=$?
left=$(squeue -h -o '%i %T %j' 2>/dev/null | grep mapnightly)
if [ $rc = 3 ] && grep -q 'shard 2 of derivation 1 failed (mapstate, exit status 3)' "$T/err" &&
    [ -z "$left" ] && [ "$(readlink "$T/s/current")" = "$before" ]; then
	ok "a failing shard on Slurm: exit 3, the shard named, no job left pending, the night before published"
else
	bad "a failing shard on Slurm: exit $rc, $(tail -n 1 "$T/err"); jobs left: ${left:-none}"
fi
echo "(the Slurm checks took $(($(date +%s) - t0)) s)"
echo "$P passed, $F failed"
[ $F = 0 ]
