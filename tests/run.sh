#!/bin/sh
# run.sh: the golden test runner.
#   sh tests/run.sh [-r] [-k PATTERN] BINDIR
# Each case is tests/cases/TOOL/NAME.sh, run by sh from the repository root
# with PATH starting at BINDIR and these variables set:
#   BIN  the directory of the tools under test
#   TD   testdata/      TMP  an empty scratch directory for this case
# Its standard output, standard error and exit status are compared with
# NAME.sh.stdout, NAME.sh.stderr and NAME.sh.exit. With -r the golden files
# are rewritten from this run instead (review the diff before committing).
# The last line is "N passed, N failed".
set -u
regold=0
pattern=
while [ $# -gt 0 ]; do
	case $1 in
	-r) regold=1; shift ;;
	-k) pattern=$2; shift 2 ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: run.sh [-r] [-k PATTERN] BINDIR" >&2; exit 2; }
BIN=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
TD=$root/testdata
scratch=$(mktemp -d "${TMPDIR:-/tmp}/maptest.XXXXXX") || exit 4
trap 'rm -rf "$scratch"' EXIT INT TERM
pass=0 fail=0
export BIN TD LC_ALL=C TZ=UTC
for t in tests/cases/*/*.sh; do
	[ -f "$t" ] || continue
	case $t in *"$pattern"*) ;; *) continue ;; esac
	TMP=$scratch/$(echo "$t" | tr '/' '_')
	mkdir -p "$TMP"
	export TMP
	PATH=$BIN:$PATH sh "$t" >"$TMP/.out" 2>"$TMP/.err"
	echo $? >"$TMP/.exit"
	# names in messages: the scratch path is not stable
	sed "s|$TMP|\$TMP|g; s|$TD|\$TD|g" "$TMP/.err" >"$TMP/.err2"
	sed "s|$TMP|\$TMP|g; s|$TD|\$TD|g" "$TMP/.out" >"$TMP/.out2"
	if [ $regold = 1 ]; then
		cp "$TMP/.out2" "$t.stdout"
		cp "$TMP/.err2" "$t.stderr"
		cp "$TMP/.exit" "$t.exit"
	fi
	ok=1
	for k in stdout:out2 stderr:err2 exit:exit; do
		g=$t.${k%%:*} o=$TMP/.${k#*:}
		if [ ! -f "$g" ]; then
			echo "FAIL $t: no golden $g (make regold)"
			ok=0
		elif ! cmp -s "$g" "$o"; then
			echo "FAIL $t: ${k%%:*} differs"
			diff -u "$g" "$o" | head -20
			ok=0
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
