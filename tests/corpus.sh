#!/bin/sh
# corpus.sh BINDIR: curscan on every public export in ../shared/corpus,
# checked against an independent computation (tests/sumcheck.py); and each
# gzip-compressed, read with ISA-L and with zlib.
# Prints "N passed, N failed"; when the folder is absent, says so and
# counts nothing.
set -u
BIN=$1
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$root/../shared/corpus}
if [ ! -d "$corpus" ]; then
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
