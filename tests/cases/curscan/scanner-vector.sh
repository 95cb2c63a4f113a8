# the mask scanner with its vector classifiers (AVX2, AVX-512BW) against
# libcsv: the same output, messages and status on every fixture and public
# export, and the default scanner is one of them. A CPU without AVX2 skips
# the case (exit 77, counted); one with AVX2 but not AVX-512BW checks avx2
# alone and says so.
if ! CSVIN_PARSER=avx2 curscan /dev/null 2>&1 | grep -q 'empty file'; then
	echo "this CPU has no AVX2: the vector scanners cannot run"
	exit 77
fi
for k in avx2 avx512; do
	if CSVIN_PARSER=$k curscan /dev/null 2>&1 | grep -q 'this CPU has no'; then
		echo "$k: fixtures and exports identical to libcsv's (this CPU has none: avx2 checked alone)"
		continue
	fi
	sh tests/scanner_same.sh $k
done | sed 's/ (this CPU has none: avx2 checked alone)//'
# the default is a vector scanner here, and it is the one checked above
CSVIN_PARSER=avx2 curscan testdata/cur/cur2-basic.csv > "$TMP/v" 2> /dev/null
curscan testdata/cur/cur2-basic.csv 2> /dev/null | cmp - "$TMP/v" && echo "default: the same bytes as avx2"
# a scanner that is none is a usage error before any output
CSVIN_PARSER=simd curscan testdata/cur/cur2-basic.csv
