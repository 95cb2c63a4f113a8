#!/bin/sh
# replay.sh: replay each fuzz target's corpus, fuzz/corpus/TARGET/, with the
# binaries from `sh fuzz/build.sh replay OUTDIR`.
#   sh fuzz/replay.sh OUTDIR
# One line per target, "PASS fuzz:TARGET (N inputs)" or "FAIL fuzz:TARGET
# ..." (then the first lines of its output), and last "N passed, N failed".
# Exit status 1 if any target failed, 2 on usage.
set -u
[ $# -eq 1 ] || { echo "usage: replay.sh OUTDIR" >&2; exit 2; }
out=$(cd "$1" && pwd) || exit 2
cd "$(dirname "$0")/.." || exit 2
TARGETS="csvin scanners jmap scalars manifest tsvr contracts workloads formats"
log=$(mktemp "${TMPDIR:-/tmp}/replay.XXXXXX") || exit 4
trap 'rm -f "$log"' EXIT INT TERM
pass=0 fail=0
for t in $TARGETS; do
	bin=$out/replay_$t dir=fuzz/corpus/$t
	n=$(find "$dir" -type f ! -name '.*' 2>/dev/null | wc -l | tr -d ' ')
	if [ ! -x "$bin" ]; then
		echo "FAIL fuzz:$t (no binary $bin: sh fuzz/build.sh replay $1)"
		fail=$((fail + 1))
	elif [ "$n" -eq 0 ]; then
		echo "FAIL fuzz:$t (empty corpus $dir)"
		fail=$((fail + 1))
	else
		"$bin" "$dir" >"$log" 2>&1
		rc=$?
		if [ $rc -eq 0 ] && [ ! -s "$log" ]; then
			echo "PASS fuzz:$t ($n inputs)"
			pass=$((pass + 1))
		else
			# name the first input that fails on its own
			bad=
			for f in "$dir"/*; do
				"$bin" "$f" >/dev/null 2>&1 || { bad=$f; break; }
			done
			echo "FAIL fuzz:$t (exit $rc, $n inputs${bad:+, first failing: $bad})"
			head -20 "$log" | sed 's/^/    /'
			fail=$((fail + 1))
		fi
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
