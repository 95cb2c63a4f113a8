#!/bin/sh
# fresh.sh: the README's set-up on a bare Debian 12 machine (issue 16);
# `make check-fresh`, and `make check` when CI=true.
#  1. mmdebstrap --variant=minbase bookworm builds a root that has no make,
#     no compiler, no python3 and no git (checked), and, as a fresh machine,
#     no package lists
#  2. the repository is copied in: the files git knows and the untracked
#     ones it does not ignore (a clean clone: HEAD), or, without git, the
#     tree less its build outputs
#  3. not as root: ./setup demo must print the apt command and exit 4
#  4. as root, in /root/map with a clean environment (no CI): the README's
#     two set-up commands (read from its Set-up section: ./setup demo, then
#     ./setup check) must exit 0; then the first again (a later run); each
#     is timed. And .ci/run must run the second and nothing else.
# Everything runs in mmdebstrap's customize hook, which mounts /proc, /sys
# and /dev in the root and removes the root afterwards (FRESH_ROOT=DIR
# keeps it in DIR instead). Needs root and Debian's mirror; where
# mmdebstrap is missing (scripts/deps.sh fresh installs it) or cannot
# build the root here, one SKIP line says why (counted as skipped).
#   FRESH_BROWSER=no  chromium is not installed in the root, so the inner
#                     suite skips the browser tests (counted there): saves
#                     its download and about a minute
#   FRESH_AGAIN=1     ./setup check a second time too, timed
#   FRESH_TIMEOUT=S   the limit for each command in the root (1500 s)
# The last line is "N passed, N failed"; a failure names the log, kept.
# Inside the root MAP_FRESH_INSIDE=1: tests/check.sh does not run this
# again there, nor does this script.
set -u
LC_ALL=C
export LC_ALL
root=$(cd "$(dirname "$0")/.." && pwd)
self=$root/tests/fresh.sh
suite=bookworm
mirror="deb http://deb.debian.org/debian $suite main"
updates="deb http://deb.debian.org/debian $suite-updates main"
security="deb http://deb.debian.org/debian-security $suite-security main"
PATHIN=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# ------------------------------------------- the hook, on the host's side
if [ "${1:-}" = --hook ]; then
	r=$2 w=$FRESH_WORK tmo=${FRESH_TIMEOUT:-1500}
	res=$w/results
	echo started >"$w/hook"
	pass() { echo "PASS $*" >>"$res"; }
	fail() { echo "FAIL $*" >>"$res"; }
	note() { echo "$*" >>"$res"; }
	# inroot UID:GID HOME DIR LOG CMD...: CMD in the root's DIR as UID,
	# with what a login shell has in its environment (and the guard) and
	# nothing of ours (no CI), its output in LOG
	inroot() {
		_u=$1 _h=$2 _d=$3 _log=$4
		shift 4
		timeout -k 10 "$tmo" chroot --userspec="$_u" "$r" env -i \
		    HOME="$_h" PATH="$PATHIN" TERM=dumb MAP_FRESH_INSIDE=1 \
		    ${FRESH_CHROMIUM+CHROMIUM=} \
		    sh -c 'cd "$1" && shift && exec "$@"' sh "$_d" "$@" \
		    </dev/null >"$w/$_log" 2>&1 &
		pid=$!
		wait $pid
	}
	# timeout leads a process group of its own, which a signal to ours
	# does not reach (and the suite's scripts outlive a TERM): kill it
	pid=
	trap '[ -z "$pid" ] || kill -9 "-$pid" 2>/dev/null; exit 1' INT TERM HUP
	# run LOG NAME CMD...: as root in /root/map, timed, PASS or FAIL
	run() {
		_log=$1 _name=$2
		shift 2
		_t0=$(date +%s)
		inroot 0:0 /root /root/map "$_log" "$@"
		_rc=$?
		_s=$(($(date +%s) - _t0))
		_last=$(tail -n 1 "$w/$_log")
		if [ $_rc = 0 ]; then
			pass "$_name: $_s s"
			note "   $_name: $_s s; its last line: $_last"
		else
			fail "$_name: exit $_rc after $_s s (log $w/$_log):"
			tail -n 25 "$w/$_log" | sed 's/^/    /' >>"$res"
		fi
		return $_rc
	}
	# 1. bare: nothing the Makefile needs, and no package lists
	have=$(chroot "$r" sh -c 'for c in make cc gcc python3 git; do
	    command -v $c; done' 2>&1)
	if [ -z "$have" ]; then
		pass "minbase root: no make, cc, gcc, python3 or git"
	else
		fail "minbase root is not bare: $have"
	fi
	rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin
	# the host's resolver, as a machine on the network has one
	[ -s "$r/etc/resolv.conf" ] || cp /etc/resolv.conf "$r/etc/resolv.conf"
	# 2. the repository, twice: root's and, for 3., nobody's
	mkdir -p "$r/root/map" "$r/tmp/map" || { fail "mkdir in the root"; exit 0; }
	for d in "$r/root/map" "$r/tmp/map"; do
		tar -xf "$w/tree.tar" -C "$d" --no-same-owner ||
			{ fail "copying the repository into $d"; exit 0; }
	done
	chown -R 65534:65534 "$r/tmp/map"
	# 3. not root: the apt command, exit 4, nothing installed
	inroot 65534:65534 /tmp /tmp/map nonroot.log ./setup demo
	rc=$?
	if [ $rc = 4 ] && grep -q 'run as root: apt-get update && apt-get install' "$w/nonroot.log"; then
		pass "not root: ./setup demo prints the apt command and exits 4"
	else
		fail "not root: ./setup demo: exit $rc, not 4 with the apt command (log $w/nonroot.log)"
	fi
	# 4. the README's two commands, as root, then later runs
	d=$FRESH_DEMO c=$FRESH_CHECK
	if run demo1.log "$d, first run (installs the build and demo packages)" sh -c "$d"; then
		run check1.log "$c, first run (installs the test packages)" sh -c "$c"
		run demo2.log "$d, a later run" sh -c "$d"
		[ "${FRESH_AGAIN:-}" = 1 ] && run check2.log "$c, a later run" sh -c "$c"
	fi
	exit 0
fi

# ------------------------------------------------------- the host's side
skip() {
	echo "SKIP fresh: $*"
	echo "0 passed, 0 failed"
	exit 0
}
[ -z "${MAP_FRESH_INSIDE:-}" ] || skip "already inside a fresh root"
[ "$(id -u)" = 0 ] || skip "mmdebstrap --mode=root needs root"
if ! command -v mmdebstrap >/dev/null 2>&1; then
	sh "$root/scripts/deps.sh" fresh >/dev/null 2>&1
	command -v mmdebstrap >/dev/null 2>&1 ||
		skip "mmdebstrap is not installed and could not be (scripts/deps.sh fresh)"
fi
for c in chroot timeout tar; do
	command -v $c >/dev/null 2>&1 || skip "$c is not installed"
done
work=$(mktemp -d "${TMPDIR:-/tmp}/mapfresh.XXXXXX") || exit 4
FRESH_WORK=$work
export FRESH_WORK
[ "${FRESH_BROWSER:-}" = no ] && export FRESH_CHROMIUM=

# the tree to copy in
cd "$root" || exit 4
if command -v git >/dev/null 2>&1 && [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$root" ]; then
	git ls-files -z --cached --others --exclude-standard |
	    xargs -0 sh -c 'for f; do if [ -e "$f" ] || [ -L "$f" ]; then printf "%s\0" "$f"; fi; done' sh |
	    tar --null -T - -cf "$work/tree.tar"
else
	tar --exclude=./.git --exclude='./build*' --exclude=./demo/out \
	    --exclude=./bench/work -cf "$work/tree.tar" .
fi || { echo "FAIL fresh: cannot archive $root"; echo "0 passed, 1 failed"; exit 1; }

# the README's set-up commands, as the newcomer reads them: the first
# indented block of its Set-up section, less the comments; CI runs the
# second, and .ci/run must be that command alone
cmds=$(awk '/^Set-up/ { s = 1; next }
    s && /^    [^ ]/ { sub(/^    /, ""); sub(/[[:space:]]*#.*/, ""); print; f = 1; next }
    f { exit }' README)
FRESH_DEMO=$(echo "$cmds" | sed -n 1p)
FRESH_CHECK=$(echo "$cmds" | sed -n 2p)
export FRESH_DEMO FRESH_CHECK
if [ -z "$FRESH_DEMO" ] || [ -z "$FRESH_CHECK" ]; then
	echo "FAIL the README's Set-up section has no two commands"
	echo "0 passed, 1 failed"
	exit 1
fi
ci=$(grep -v '^#' .ci/run | sed '/^[[:space:]]*$/d' | tail -n 1)
if [ "$ci" = "$FRESH_CHECK" ]; then
	echo "PASS .ci/run runs the README's test command, $FRESH_CHECK" >"$work/results"
else
	echo "FAIL .ci/run runs '$ci', not the README's test command '$FRESH_CHECK'" >"$work/results"
fi

target=${FRESH_ROOT:-/dev/null}
t0=$(date +%s)
FRESH_SELF=$self mmdebstrap --mode=root --variant=minbase \
    --customize-hook='sh "$FRESH_SELF" --hook "$1"' \
    "$suite" "$target" "$mirror" "$updates" "$security" \
    </dev/null >"$work/mmdebstrap.log" 2>&1 &
mpid=$!
# mmdebstrap unmounts and removes the root when it is told to stop
trap 'kill "$mpid" 2>/dev/null; wait "$mpid"; exit 1' INT TERM HUP
wait $mpid
rc=$?
trap - INT TERM HUP
s=$(($(date +%s) - t0))
cat "$work/results"
p=$(grep -c '^PASS ' "$work/results")
f=$(grep -c '^FAIL ' "$work/results")
if [ ! -f "$work/hook" ]; then
	# no root to run in (no privileges, no mirror): loud, not a failure
	tail -n 5 "$work/mmdebstrap.log" | sed 's/^/    /'
	echo "    (kept: $work/mmdebstrap.log)"
	echo "SKIP fresh: mmdebstrap could not build a $suite root here (exit $rc)"
	keep=1
elif [ $rc != 0 ]; then
	echo "FAIL mmdebstrap exited $rc (log $work/mmdebstrap.log)"
	f=$((f + 1))
fi
echo "   all of it (mmdebstrap and the runs in its root): $s s"
if [ "$f" = 0 ] && [ -z "${keep:-}" ]; then
	rm -rf "$work"
else
	echo "   the logs are kept in $work"
fi
echo "$p passed, $f failed"
[ "$f" = 0 ]
