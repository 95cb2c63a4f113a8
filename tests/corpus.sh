#!/bin/sh
# corpus.sh BINDIR: curscan on every public export in ../shared/corpus,
# checked against an independent computation (tests/sumcheck.py); and each
# gzip-compressed, read with ISA-L and with zlib; and mapstate on each, the
# same from curscan --combine.
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
# curscan --combine: mapstate derives the same state, events, ledger and
# credit lines from the combined lines as from the lines themselves (a
# MAP contract for each payer of 12 digits, over all its accounts and services, for
# three years from the first year of the lines), with
# the default table and with the smallest
derive() {	# LINES DIR
	mkdir -p "$2" &&
	    "$BIN/mapstate" -c "$tmp/contracts" -e "$2/events" -l "$2/ledger" \
	    --credit-lines "$2/credits" "$1" > "$2/state" 2>"$2/err"
}
for f in "$corpus"/*.csv; do
	[ -f "$f" ] || continue
	rm -rf "$tmp/d"
	"$BIN/curscan" "$f" > "$tmp/lines" 2>/dev/null
	"$BIN/curscan" --combine "$f" > "$tmp/comb" 2>/dev/null
	CURSCAN_COMBINE_BYTES=4096 "$BIN/curscan" -c "$f" > "$tmp/tiny" 2>/dev/null
	awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    length($c["payer"]) == 12 && $c["payer"] !~ /[^0-9]/ && !seen[$c["payer"]]++ { p[++n] = $c["payer"] }
	    $c["service"] != "" && !sv[$c["service"]]++ { s = s (s == "" ? "" : ",") $c["service"] }
	    { y = substr($c["usage_start"], 1, 4) + 0; if (!lo || y < lo) lo = y }
	    END { print "id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices"
	      for (i = 1; i <= n; i++) print "C" i "\tmap\t" p[i] "\t12345\t" lo "-01-01\t" lo + 2 "-12-31\t0.25\tall\t" s }' \
	    "$tmp/lines" > "$tmp/contracts"
	ok=1
	for v in lines comb tiny; do derive "$tmp/$v" "$tmp/d/$v" || ok=0; done
	for v in comb tiny; do
		for o in state events ledger credits; do
			cmp -s "$tmp/d/lines/$o" "$tmp/d/$v/$o" || ok=0
		done
	done
	if [ $ok = 1 ]; then
		echo "PASS corpus --combine, the same state, events, ledger, credits ($(wc -l < "$tmp/lines") lines, $(wc -l < "$tmp/comb") combined): ${f##*/}"
		pass=$((pass + 1))
	else
		echo "FAIL corpus --combine: mapstate differs on $f"
		head -3 "$tmp/d"/*/err 2>/dev/null
		fail=$((fail + 1))
	fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
