#!/bin/sh
# check.sh: the whole test suite; `make check` runs it and CI runs that.
#  1. install missing Debian packages (scripts/deps.sh test)
#  2. build with warnings as errors
#  3. the golden suite (tests/run.sh) and the public-corpus check; the
#     demo month as sharded nights (tests/shards.sh), and on a real Slurm
#     controller and two nodes on loopback (tests/slurm.sh); the
#     demo's report in headless chromium (tests/browser.sh); mapask's MCP
#     server with the official TypeScript SDK client (tests/mcp-sdk.sh)
#  4. the same again built with AddressSanitizer + UBSan; the mapstate and
#     mapnightly cases again with every entity-day spilled to disk
#  5. the fuzz corpus replayed, plain and sanitized
#  6. mandoc -Tlint on every man page
#  7. when CI=true, the README's set-up on a bare Debian 12 (tests/fresh.sh)
# The last line is "N passed, N failed, N skipped": a check that could not
# run (its step's "SKIP" line says why) is counted as skipped.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 4
scripts/deps.sh test || exit 4
log=$(mktemp "${TMPDIR:-/tmp}/mapcheck.XXXXXX") || exit 4
trap 'rm -f "$log"' EXIT INT TERM
P=0 F=0 S=0

# step NAME CMD...: run, show the log, add its "N passed, N failed"
step() {
	name=$1
	shift
	echo "== $name"
	"$@" >"$log" 2>&1
	rc=$?
	last=$(tail -n 1 "$log")
	case $last in
	*" passed, "*" failed")
		grep -v '^PASS ' "$log" | sed '$d'
		p=${last%% passed*}
		f=${last#*passed, }
		f=${f%% failed*}
		if [ "$rc" != 0 ] && [ "$f" = 0 ]; then f=1; fi
		;;
	*)
		cat "$log"
		if [ "$rc" = 0 ]; then p=1 f=0; else p=0 f=1; fi
		;;
	esac
	s=$(grep -c '^SKIP ' "$log")
	if [ "$s" != 0 ]; then
		echo "   $p passed, $f failed, $s skipped"
	else
		echo "   $p passed, $f failed"
	fi
	P=$((P + p))
	F=$((F + f))
	S=$((S + s))
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
SANFLAGS='-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all'

step "build (warnings are errors)" make -s all
step "golden tests" sh tests/run.sh build/bin
step "public corpus" sh tests/corpus.sh build/bin
step "sharded nights, byte-identical to one machine's (tests/shards.sh)" sh tests/shards.sh build/bin
step "sharded nights on a real Slurm, two nodes on loopback (tests/slurm.sh)" sh tests/slurm.sh build/bin
step "the demo's report in a browser" sh tests/browser.sh build/bin
step "mapask --mcp with the official TypeScript SDK client" sh tests/mcp-sdk.sh build/bin
step "build with ASan+UBSan" make -s san
step "golden tests, ASan+UBSan" sh tests/run.sh build-san/bin
step "public corpus, ASan+UBSan" sh tests/corpus.sh build-san/bin
# mapstate's spill path (sorted runs in a temporary file, merged by the
# replay) on every mapstate and night case: each entity-day its own run
step "mapstate cases, every entity-day spilled (MAPSTATE_SLOTS=1), ASan+UBSan" env MAPSTATE_SLOTS=1 sh tests/run.sh -k mapstate build-san/bin
step "mapnightly cases, every entity-day spilled (MAPSTATE_SLOTS=1)" env MAPSTATE_SLOTS=1 sh tests/run.sh -k mapnightly build/bin
if [ -f fuzz/build.sh ]; then
	step "fuzz replay build" sh fuzz/build.sh replay build/fuzz-replay
	step "fuzz corpus replay" sh fuzz/replay.sh build/fuzz-replay
	step "fuzz corpus replay, libcsv as the CSV scanner" env CSVIN_PARSER=libcsv sh fuzz/replay.sh build/fuzz-replay
	step "fuzz corpus replay, the scalar CSV scanner" env CSVIN_PARSER=scalar sh fuzz/replay.sh build/fuzz-replay
	step "fuzz replay build, ASan+UBSan" env SANFLAGS="$SANFLAGS" sh fuzz/build.sh replay build-san/fuzz-replay
	step "fuzz corpus replay, ASan+UBSan" sh fuzz/replay.sh build-san/fuzz-replay
fi
for m in man/*.[1-8]; do
	step "mandoc -Tlint $m" sh -c 'out=$(mandoc -Tlint -W warning "$1" 2>&1); [ -z "$out" ] || { echo "$out"; exit 1; }' sh "$m"
done
# the README's set-up on a bare Debian 12 (make check-fresh): slow, so in
# CI only; never again inside the root it builds (CI is unset there)
if [ "${CI:-}" = true ] && [ -z "${MAP_FRESH_INSIDE:-}" ]; then
	step "the README's set-up on a bare Debian 12 (tests/fresh.sh)" sh tests/fresh.sh
fi
[ "$S" = 0 ] || echo "the skipped checks are the SKIP lines above"
echo "$P passed, $F failed, $S skipped"
[ "$F" = 0 ]
