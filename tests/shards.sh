#!/bin/sh
# tests/shards.sh BINDIR: sharded nights (mapnightly --shards) against the
# night of one machine, on the demo month (demo/gen_demo.py):
#   - the thirty nights with --shards 1, 2 and 7, and with 3 then, from
#     April 16, --reshard 5 and --shards 5: every night's published files
#     byte for byte those of the unsharded night (shards/ aside);
#   - a night with another N is refused (exit 2) and changes nothing;
#   - a failed shard (a mapstate that fails on shard 2) leaves the night
#     before published, names the shard, exits with the stage's status;
#   - a rerun of that night runs only that shard (and what follows it)
#     and publishes the night;
#   - a month end with a period closing between the nights, and export
#     files on the command line: sharded as unsharded.
# One PASS or FAIL line per check; the last line "N passed, N failed".
set -u
LC_ALL=C
export LC_ALL
[ $# -eq 1 ] || { echo "usage: tests/shards.sh BINDIR" >&2; exit 2; }
BIN=$(cd "$1" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
T=$(mktemp -d "${TMPDIR:-/tmp}/mapshards.XXXXXX") || exit 4
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
P=0 F=0
ok() { echo "PASS $*"; P=$((P + 1)); }
bad() { echo "FAIL $*"; F=$((F + 1)); }

python3 demo/gen_demo.py --out "$T/demo" >/dev/null 2>&1 || { bad "gen_demo.py"; echo "$P passed, $F failed"; exit 1; }
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
# night DIR DAY BINDIR [OPTION]...
night() {
	_d=$1 _day=$2 _b=$3
	shift 3
	_e=$T/demo/exports/$_day
	"$_b/mapnightly" --bin "$_b" -d "$_d" -c demo/contracts.tsv -w demo/workloads.tsv \
	    -g demo/grants.tsv -i demo/inventory.tsv -r "$_e" -m "$_e/$M" -a "$_day" -k 31 "$@"
}
days=$(i=1; while [ $i -le 30 ]; do printf '2026-04-%02d\n' $i; i=$((i + 1)); done)

# month NAME OPTION-OF-DAY: the thirty nights into $T/NAME (the options
# of each night from the function named), quiet; the failures to NAME.err
opts_u() { :; }
opts_1() { echo --shards 1 -j 2; }
opts_2() { echo --shards 2 -j 2; }
opts_7() { echo --shards 7 -j 2; }
opts_35() {
	case $1 in
	2026-04-0* | 2026-04-1[0-5]) echo --shards 3 ;;
	2026-04-16) echo --reshard 5 ;;
	*) echo --shards 5 ;;
	esac
}
month() {
	for _day in $days; do
		# shellcheck disable=SC2046
		night "$T/$1" "$_day" "$BIN" $(opts_$1 "$_day") >>"$T/$1.log" 2>&1 ||
			{ echo "$_day: exit $?" >>"$T/$1.err"; return; }
	done
}
month u &
month 1 &
wait
month 2 &
month 7 &
wait
month 35

for n in 1 2 7 35; do
	if [ -f "$T/$n.err" ]; then
		bad "--shards $n: $(cat "$T/$n.err") ($(tail -n 1 "$T/$n.log"))"
		continue
	fi
	diffs=0 nights=0
	for _day in $days; do
		nights=$((nights + 1))
		if ! diff -r -x shards "$T/u/history/$_day" "$T/$n/history/$_day" >"$T/diff" 2>&1; then
			[ $diffs = 0 ] && bad "--shards $n, night of $_day: $(head -n 3 "$T/diff")"
			diffs=$((diffs + 1))
		fi
	done
	case $n in
	35) what="--shards 3, then --reshard 5 and --shards 5 from April 16" ;;
	*) what="--shards $n" ;;
	esac
	[ $diffs = 0 ] && ok "$what: each of the $nights nights byte-identical to the unsharded night"
	[ -f "$T/$n/current/shards/count" ] || bad "$what: no shards/count in the last night"
done
if [ "$(cat "$T/35/history/2026-04-15/shards/count" "$T/35/current/shards/count" 2>/dev/null)" = "$(printf '3\n5')" ]; then
	ok "the reshard: 3 shards recorded before, 5 after"
else
	bad "the reshard: shards/count is not 3 then 5"
fi

# another N, refused
before=$(readlink "$T/7/current")
night "$T/7" 2026-04-30 "$BIN" --shards 4 >/dev/null 2>"$T/err"
rc=$?
if [ $rc = 2 ] && grep -q 'night of 7 shard(s), and this night has 4: --reshard 4' "$T/err" &&
    [ "$(readlink "$T/7/current")" = "$before" ]; then
	ok "a night with another N: refused (exit 2) with --reshard named, nothing changed"
else
	bad "a night with another N: exit $rc, $(head -n 1 "$T/err")"
fi

# a failed shard: mapstate fails once on derivation 1's shard 2 (while
# $T/fail-once is there), and notes each shard it runs for
W=$T/bin-fail
mkdir "$W"
for t in "$BIN"/*; do ln -s "$t" "$W/${t##*/}"; done
rm "$W/mapstate"
cat >"$W/mapstate" <<EOF
#!/bin/sh
for a; do case \$a in */d[0-9]*/[0-9]*/events.tsv) echo "\$a" >>"$T/calls" ;; esac; done
if [ -f "$T/fail-once" ]; then
	for a; do case \$a in */d1/2/events.tsv) rm -f "$T/fail-once"; echo "mapstate: injected failure" >&2; exit 3 ;; esac; done
fi
exec "$BIN/mapstate" "\$@"
EOF
chmod +x "$W/mapstate"
mkdir "$T/f"
for _day in 2026-04-28 2026-04-29; do night "$T/f" "$_day" "$W" --shards 3 >/dev/null 2>&1; done
before=$(readlink "$T/f/current")
hist=$(ls "$T/f/history" "$T/f/nights")
: >"$T/fail-once"
night "$T/f" 2026-04-30 "$W" --shards 3 -j 1 >/dev/null 2>"$T/err"
rc=$?
if [ $rc = 3 ] && grep -q 'shard 2 of derivation 1 failed (mapstate, exit status 3)' "$T/err" &&
    [ "$(readlink "$T/f/current")" = "$before" ] && [ "$hist" = "$(ls "$T/f/history" "$T/f/nights")" ]; then
	ok "a failed shard: exit 3, the shard named, the night before still published"
else
	bad "a failed shard: exit $rc, $(tail -n 1 "$T/err"), current $(readlink "$T/f/current")"
fi
rm -f "$T/calls"
night "$T/f" 2026-04-30 "$W" --shards 3 >/dev/null 2>"$T/err"
rc=$?
ran=$(sed 's|.*/d\([0-9]*\)/\([0-9]*\)/events.tsv|\1.\2|' "$T/calls" 2>/dev/null | tr '\n' ' ')
if [ $rc = 0 ] && [ "$ran" = "1.2 " ] && diff -r -x shards "$T/u/history/2026-04-30" "$T/f/current" >/dev/null; then
	ok "the failed night run again: only the shard that failed ran again; published, the unsharded night's files"
else
	bad "the failed night run again: exit $rc, mapstate ran for '$ran' $(tail -n 1 "$T/err")"
fi
# a month end: March closes (--close-after 2) between the nights, with a
# MAP credit in each month; and export files given on the command line
# (the period unnamed): sharded as unsharded, night by night
TMP=$T/close
mkdir "$TMP"
PATH=$BIN:$PATH
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
printf 'code\tamount\taccount\tstart\tend\treference\nmig12345\t200\t111122223333\t2026-03-01\t2026-06-30\tC1\n' >"$TMP/g.tsv"
credit() {
	printf '111122223333,444455556666,prod,,AmazonEC2,Credit,-%s,%sT00:00:00Z,,MAP 2.0 credit mig12345 MPE12345,,us-east-1,{}\n' "$2" "$1"
}
{ row 2026-03-30 100 i-a 1; row 2026-03-31 100 i-b; credit 2026-03-31 50; } | deliver "$TMP/root" 2026-03 e0331
cn() {	# DIR DAY [OPTION]...
	_d=$1 _day=$2
	shift 2
	mapnightly -d "$_d" -c "$TMP/c.tsv" -g "$TMP/g.tsv" --no-report -r "$TMP/root" \
	    --close-after 2 -k 31 -a "$_day" "$@" >/dev/null 2>&1 || echo "$_day $*: exit $?" >>"$TMP/err"
}
cn "$TMP/u" 2026-03-31
cn "$TMP/s" 2026-03-31 --shards 3
i=1
for day in 2026-04-01 2026-04-02 2026-04-03; do
	{ row 2026-04-01 100 i-a 1; [ $i -ge 2 ] && row 2026-04-02 100 i-c 1; [ $i -ge 3 ] && credit 2026-04-03 30; } |
	    deliver "$TMP/root" 2026-04 "e$i"
	cn "$TMP/u" $day
	cn "$TMP/s" $day --shards 3
	i=$((i + 1))
done
if [ ! -f "$TMP/err" ] && [ -d "$TMP/s/periods/2026-03/shards" ] &&
    diff -r -x shards "$TMP/u/history" "$TMP/s/history" >"$T/diff" 2>&1 &&
    diff -r -x shards "$TMP/u/periods" "$TMP/s/periods" >>"$T/diff" 2>&1; then
	ok "a month end, March closed between the nights: every night and the closed period byte-identical in 3 shards"
else
	bad "a month end: $(cat "$TMP/err" 2>/dev/null) $(head -n 3 "$T/diff")"
fi
f=$TMP/root/cur/exp/data/BILLING_PERIOD=2026-04/e3/exp-00001.csv
mapnightly -d "$TMP/fu" -c "$TMP/c.tsv" --no-report -a 2026-04-03 "$f" >/dev/null 2>&1
r1=$?
mapnightly -d "$TMP/fs" -c "$TMP/c.tsv" --no-report -a 2026-04-03 --shards 2 "$f" >/dev/null 2>&1
r2=$?
if [ $r1 = 0 ] && [ $r2 = 0 ] && diff -r -x shards "$TMP/fu/current" "$TMP/fs/current" >/dev/null; then
	ok "export files on the command line: the same night in 2 shards"
else
	bad "export files on the command line: exit $r1 and $r2"
fi
echo "$P passed, $F failed"
[ $F = 0 ]
