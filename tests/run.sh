#!/bin/sh
# run.sh: the golden test runner.
#   sh tests/run.sh [-r] [-j N] [-k PATTERN] BINDIR
# Each case is tests/cases/TOOL/NAME.sh, run by sh from the repository root
# with PATH starting at BINDIR and these variables set:
#   BIN  the directory of the tools under test
#   TD   testdata/      TMP  an empty scratch directory for this case
# Its standard output, standard error and exit status are compared with
# NAME.sh.stdout, NAME.sh.stderr and NAME.sh.exit; a case without a .stderr
# file must write nothing to standard error, one without an .exit file must
# exit 0. -k runs the cases whose path holds PATTERN; -j runs N cases at a
# time (default: the number of cores), reported in order. A failing case
# shows a unified diff of what differs and keeps its scratch directory,
# which it names. With -r the golden files are rewritten from this run
# instead, and each one that changed is listed (review the diff before
# committing). A case that exits 77 (and has no .exit saying 77) cannot run
# here: it prints why on its first line, and is reported "SKIP CASE: why",
# neither passed nor failed (tests/check.sh counts the SKIP lines). The
# last line is "N passed, N failed".
set -u
regold=0
pattern=
jobs=$(nproc 2>/dev/null || echo 1)
while [ $# -gt 0 ]; do
	case $1 in
	-r) regold=1; shift ;;
	-k) pattern=$2; shift 2 ;;
	-j) jobs=$2; shift 2 ;;
	-j?*) jobs=${1#-j}; shift ;;
	*) break ;;
	esac
done
[ $# -eq 1 ] || { echo "usage: run.sh [-r] [-j N] [-k PATTERN] BINDIR" >&2; exit 2; }
case $jobs in '' | *[!0-9]* | 0) echo "run.sh: -j wants a count, not '$jobs'" >&2; exit 2 ;; esac
BIN=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
TD=$root/testdata
scratch=$(mktemp -d "${TMPDIR:-/tmp}/maptest.XXXXXX") || exit 4
keep=0
# the scratch directories of failed cases stay; the rest goes
cleanup() {
	if [ $keep = 1 ]; then
		find "$scratch" -mindepth 1 -maxdepth 1 ! -name '*.failed' \
		    -exec rm -rf {} +
	else
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
export BIN TD LC_ALL=C TZ=UTC

# one case: its verdict and messages into $scratch/N.res
run_case() {	# N CASE
	_t=$2
	TMP=$scratch/$(echo "$_t" | tr '/' '_')
	mkdir -p "$TMP"
	export TMP
	PATH=$BIN:$PATH sh "$_t" >"$TMP/.out" 2>"$TMP/.err"
	echo $? >"$TMP/.exit"
	# names in messages: the scratch path is not stable
	sed "s|$TMP|\$TMP|g; s|$TD|\$TD|g" "$TMP/.err" >"$TMP/.err2"
	sed "s|$TMP|\$TMP|g; s|$TD|\$TD|g" "$TMP/.out" >"$TMP/.out2"
	: >"$scratch/$1.regold"
	if [ "$(cat "$TMP/.exit")" = 77 ] && [ ! -f "$_t.exit" ]; then
		# the case cannot run here: it says why on its first line
		echo "SKIP $_t: $(head -n 1 "$TMP/.out")" >"$scratch/$1.res"
		rm -rf "$TMP"
		return 0
	fi
	if [ $regold = 1 ]; then
		regold_one "$_t.stdout" "$TMP/.out2" keep
		regold_one "$_t.stderr" "$TMP/.err2" empty
		regold_one "$_t.exit" "$TMP/.exit" zero
	fi >"$scratch/$1.regold"
	{
		_ok=1
		for _k in stdout:out2 stderr:err2 exit:exit; do
			_g=$_t.${_k%%:*} _o=$TMP/.${_k#*:}
			if [ -f "$_g" ]; then
				_want=$_g
			else
				# no golden: empty stderr, exit 0
				case $_k in
				stdout:*) echo "FAIL $_t: no golden $_g (make regold)"
					_ok=0; continue ;;
				stderr:*) _want=/dev/null ;;
				exit:*) _want=$scratch/.zero ;;
				esac
			fi
			if ! cmp -s "$_want" "$_o"; then
				echo "FAIL $_t: ${_k%%:*} differs"
				scenario "$_want" "$_o"
				diff -u "$_want" "$_o" | head -40
				_ok=0
			fi
		done
		if [ $_ok = 1 ]; then
			echo PASS
			rm -rf "$TMP"
		else
			mv "$TMP" "$TMP.failed"
			echo "  its scratch directory is kept: $TMP.failed"
		fi
		cat "$scratch/$1.regold"
	} >"$scratch/$1.res" 2>&1
}

# the scenario of a case's first difference: the last heading (a line
# "=== ...", "--- ..." or "$ command") of the golden at or before it
scenario() {	# GOLDEN NEW
	_ln=$(cmp "$1" "$2" 2>&1 | sed -n 's/.*line \([0-9][0-9]*\).*/\1/p')
	[ -n "$_ln" ] || return 0
	awk -v n="$_ln" 'NR > n { exit } /^(=== |--- |\$ )/ { s = $0 }
	    END { if (s != "") print "  the first difference (line " n ") is under: " s }' "$1"
}

# a golden from this run; an empty .stderr and an .exit of 0 are not
# written (they are the defaults), and removed if they were there
regold_one() {	# GOLDEN NEW keep|empty|zero
	if { [ "$3" = empty ] && [ ! -s "$2" ]; } ||
	    { [ "$3" = zero ] && [ "$(cat "$2")" = 0 ]; }; then
		[ -f "$1" ] && rm -f "$1" && echo "regold: removed $1 (the default)"
		return 0
	fi
	cmp -s "$1" "$2" && return 0
	cp "$2" "$1" && echo "regold: wrote $1"
}

echo 0 >"$scratch/.zero"
n=0
for t in tests/cases/*/*.sh; do
	[ -f "$t" ] || continue
	case $t in *"$pattern"*) ;; *) continue ;; esac
	n=$((n + 1))
	echo "$t" >"$scratch/$n.case"
done
# -j N: N workers, case k to worker k mod N, each in order
w=0
while [ $w -lt "$jobs" ]; do
	(
		k=$((w + 1))
		while [ $k -le $n ]; do
			run_case $k "$(cat "$scratch/$k.case")"
			k=$((k + jobs))
		done
	) &
	w=$((w + 1))
done
wait
pass=0 fail=0
k=1
while [ $k -le $n ]; do
	t=$(cat "$scratch/$k.case")
	if [ "$(head -n 1 "$scratch/$k.res")" = PASS ]; then
		pass=$((pass + 1))
		echo "PASS $t"
		sed 1d "$scratch/$k.res"
	elif head -n 1 "$scratch/$k.res" | grep -q '^SKIP '; then
		cat "$scratch/$k.res"	# counted by tests/check.sh
	else
		fail=$((fail + 1))
		keep=1
		cat "$scratch/$k.res"
	fi
	k=$((k + 1))
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
