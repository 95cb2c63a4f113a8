#!/bin/sh
# build.sh: build the fuzz targets.
#   sh fuzz/build.sh [fuzz]        libFuzzer binaries into build-fuzz/ (clang,
#                                  -fsanitize=fuzzer,address,undefined)
#   sh fuzz/build.sh replay OUTDIR replay binaries (no libFuzzer) into OUTDIR,
#                                  with $CC (default cc) and $SANFLAGS
# Targets: fuzz/fuzz_TARGET.c; binaries build-fuzz/fuzz_TARGET and
# OUTDIR/replay_TARGET. Fuzz from the repository root into a scratch
# directory, then fold what adds coverage back into the corpus:
#   mkdir -p /tmp/fz && build-fuzz/fuzz_csvin -max_len=8192 -timeout=10 \
#       -entropic_scale_per_exec_time=1 -max_total_time=240 \
#       /tmp/fz fuzz/corpus/csvin
#   build-fuzz/fuzz_csvin -merge=1 -use_counters=0 fuzz/corpus/csvin /tmp/fz
# (-max_len: some corpus files are large regression inputs, e.g. a 100 KB
# number, and libFuzzer would otherwise mutate inputs that long.
# -entropic_scale_per_exec_time=1: libFuzzer gives a slow input less of
# its time. In csvin a few KB of gzip inflate to megabytes (the corpus's
# gzip-2mb-batches, about 1.4 s a run, and its mutants), and without the
# flag they take nearly all the time. csvin, 60 s from the same 36-file
# corpus, -seed=1, 2 shared cores (load 1-3), issue 17: before, 28-44
# exec/s, 291 with the flag; after, 30-33, and 1111-1398 with the flag.
# A small input now takes 1.5-2 ms, mostly the two threads per read, which
# are what the target is for.)
# Replay the corpora with sh fuzz/replay.sh OUTDIR. Quiet; V=1 shows the
# commands.
set -eu
TARGETS="csvin scanners jmap scalars manifest tsvr contracts workloads formats"
# the lib/ modules the targets use (the parsers and what they call)
LIBSRC="core/err core/money core/date intake/jmap core/zin intake/csvin intake/csvsimd core/tsv
        intake/manifest core/hash map/contract map/workload core/rec
        map/vocab map/formats"
STD="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib"
WARN="-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
      -Wformat=2 -Wno-format-nonliteral -Werror"
LDLIBS="-lcsv -lz -lisal -lxxhash -pthread"

mode=${1:-fuzz}
case $mode in
fuzz)
	[ $# -le 1 ] || { echo "usage: build.sh [fuzz | replay OUTDIR]" >&2; exit 2; }
	out=build-fuzz ;;
replay)
	[ $# -eq 2 ] || { echo "usage: build.sh [fuzz | replay OUTDIR]" >&2; exit 2; }
	case $2 in /*) out=$2 ;; *) out=$(pwd)/$2 ;; esac ;;
*)
	echo "usage: build.sh [fuzz | replay OUTDIR]" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
mkdir -p "$out/obj"	# relative (build-fuzz) from the repository root

# run CMD...: quiet unless V=1; a failing command is shown with its errors
run() {
	[ -z "${V:-}" ] || echo "$*"
	"$@" || { echo "build.sh: failed: $*" >&2; exit 1; }
}

if [ "$mode" = fuzz ]; then
	cc=${FUZZCC:-clang}
	san="-fsanitize=address,undefined -fno-sanitize-recover=all"
	# shellcheck disable=SC2086
	cflags="$STD $WARN -g -O1 -fno-omit-frame-pointer -pthread $san"
	for m in $LIBSRC; do
		# shellcheck disable=SC2086
		run $cc $cflags -fsanitize=fuzzer-no-link -c -o "$out/obj/${m#*/}.o" lib/$m.c
	done
	# shellcheck disable=SC2086
	run $cc $cflags -fsanitize=fuzzer-no-link -c -o "$out/obj/fuzzutil.o" fuzz/fuzzutil.c
	for t in $TARGETS; do
		objs=
		for m in $LIBSRC; do objs="$objs $out/obj/${m#*/}.o"; done
		# shellcheck disable=SC2086
		run $cc $cflags -fsanitize=fuzzer -o "$out/fuzz_$t" fuzz/fuzz_$t.c \
		    "$out/obj/fuzzutil.o" $objs $LDLIBS
	done
else
	cc=${CC:-cc}
	# shellcheck disable=SC2086
	cflags="$STD $WARN ${OPT:--O2} -g -pthread ${SANFLAGS:-}"
	objs=
	for m in $LIBSRC fuzzutil replay; do
		case $m in fuzzutil|replay) src=fuzz/$m.c ;; *) src=lib/$m.c ;; esac
		# shellcheck disable=SC2086
		run $cc $cflags -c -o "$out/obj/${m#*/}.o" $src
		[ $m = replay ] || objs="$objs $out/obj/${m#*/}.o"
	done
	for t in $TARGETS; do
		# shellcheck disable=SC2086
		run $cc $cflags -o "$out/replay_$t" fuzz/fuzz_$t.c \
		    "$out/obj/replay.o" $objs $LDLIBS
	done
fi
