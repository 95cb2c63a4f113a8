#!/bin/sh
# corpus.sh BINDIR: curscan on every public export in ../shared/corpus,
# checked against an independent computation (tests/sumcheck.py); and each
# gzip-compressed, read with ISA-L and with zlib.
# Prints "N passed, N failed"; when the folder is absent, says so with a
# SKIP line (counted as skipped by tests/check.sh), or fails under CI=true.
set -u
BIN=$1
root=$(cd "$(dirname "$0")/.." && pwd)
# $CORPUS, else shared/corpus beside the repository or beside one of its
# parent directories (a clone may sit deeper than the workplace's main)
corpus=${CORPUS:-}
if [ -z "$corpus" ]; then
	d=$root
	while [ -n "$d" ] && [ "$d" != / ]; do
		d=$(dirname "$d")
		if [ -d "$d/shared/corpus" ]; then corpus=$d/shared/corpus; break; fi
	done
	corpus=${corpus:-$root/../shared/corpus}
fi
if [ ! -d "$corpus" ]; then
	# in CI the corpus must be there: a missing one is a failure
	if [ "${CI:-}" = true ]; then
		echo "FAIL corpus: $corpus is absent (CI=true)"
		echo "0 passed, 1 failed"
		exit 1
	fi
	echo "SKIP corpus: $corpus is absent"
	echo "0 passed, 0 failed"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mapcorpus.XXXXXX") || exit 4
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
for f in "$corpus"/*.csv "$corpus"/*.csv.gz; do
	[ -f "$f" ] || continue
	if "$BIN/curscan" -s "$tmp/sum" "$f" > "$tmp/out" 2> "$tmp/err" &&
	    python3 "$root/tests/sumcheck.py" "$f" "$tmp/out" "$tmp/sum" > "$tmp/check"; then
		echo "PASS corpus: $(cat "$tmp/check")"
		pass=$((pass + 1))
	else
		echo "FAIL corpus: $f"
		cat "$tmp/err" "$tmp/check" 2>/dev/null | head -5
		fail=$((fail + 1))
	fi
done
# the same exports gzip-compressed: ISA-L (the default) and zlib
# (ZIN_INFLATE=zlib) must give the bytes the plain file gives
for f in "$corpus"/*.csv; do
	[ -f "$f" ] || continue
	gzip -9 -c "$f" > "$tmp/in.csv.gz" &&
	    "$BIN/curscan" "$f" > "$tmp/plain" 2>/dev/null
	"$BIN/curscan" "$tmp/in.csv.gz" > "$tmp/isal" 2>/dev/null
	ZIN_INFLATE=zlib "$BIN/curscan" "$tmp/in.csv.gz" > "$tmp/zlib" 2>/dev/null
	if cmp -s "$tmp/plain" "$tmp/isal" && cmp -s "$tmp/plain" "$tmp/zlib"
	then
		echo "PASS corpus gzip, ISA-L = zlib = plain: ${f##*/}"
		pass=$((pass + 1))
	else
		echo "FAIL corpus gzip, ISA-L, zlib and plain differ: $f"
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
