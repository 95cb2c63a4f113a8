#!/bin/sh
# bench/shards.sh: what a sharded night costs and saves, measured in the
# same run (medians of 3):
#   1. memory: mapstate's peak RSS on BENCH_ENTITIES billing entities (one
#      usage line each, as bench/mapstate.sh makes them) against the
#      largest of its 4 shards (mapshard --shards 4);
#   2. time: one mapnightly night over a bench/gen_cur.py export
#      (BENCH_ROWS line items) unsharded, --shards 2 and --shards 4 (-j 2).
#   sh bench/shards.sh [BINDIR]
set -eu
bin=$(cd "${1:-build/bin}" && pwd)
n=${BENCH_ENTITIES:-1000000}
rows=${BENCH_ROWS:-400000}
work=bench/work/shards
mkdir -p "$work"
gen=$(cd "$(dirname "$0")" && pwd)/../../shared/bench/gen_cur.py
[ -f "$gen" ] || gen=../shared/bench/gen_cur.py
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' >"$work/c.tsv"
printf 'B\tmap\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.25\tall\tAmazonEC2,AmazonS3\n' >>"$work/c.tsv"
printf 'G\tmap\t723347347957\t86735\t2026-01-01\t2028-12-31\t0.25\tall\tAmazonEC2,AmazonS3,AmazonRDS,AmazonDynamoDB,AWSLambda,AmazonEKS,AmazonBedrock\n' >>"$work/c.tsv"
if [ ! -s "$work/lines.tsv" ]; then
	awk -v n="$n" -f bench/entities.awk >"$work/lines.tsv"
fi
rm -rf "$work/s4"
mkdir -p "$work/s4"
"$bin/mapshard" --shards 4 -o "$work/s4" "$work/lines.tsv"
[ -s "$work/cur.csv" ] || python3 "$gen" --rows "$rows" --month 2026-04 -o "$work/cur.csv"
python3 - "$bin" "$work" "$n" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
bin, work, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def run(cmd, stdin_path="/dev/null"):
    code = ("import resource,subprocess,sys,time;t=time.monotonic();"
            "subprocess.run(sys.argv[1:],stdin=open(%r),stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL,check=True);"
            "print(time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)") % stdin_path
    out = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) * 1024
ms = [bin + "/mapstate", "-c", work + "/c.tsv", "-a", "2026-04-01"]
whole = statistics.median(run(ms + [work + "/lines.tsv"])[1] for _ in range(3))
shards = []
for k in range(4):
    f = f"{work}/s4/{k}.tsv"
    ents = sum(1 for _ in open(f)) - 1
    shards.append((statistics.median(run(ms + [f])[1] for _ in range(3)), ents))
big = max(shards)
print(f"mapstate peak RSS, {n} entities: {whole/2**20:.1f} MiB; the largest of 4 shards "
      f"({big[1]} entities): {big[0]/2**20:.1f} MiB ({big[0]/whole:.2f} of one machine's)")
print(f"  per shard: " + ", ".join(f"{r/2**20:.1f} MiB ({e})" for r, e in shards))
def night(opts):
    d = f"{work}/night"
    shutil.rmtree(d, ignore_errors=True)
    cmd = [bin + "/mapnightly", "--bin", bin, "-d", d, "-c", work + "/c.tsv", "--no-report",
           "-a", "2026-04-30"] + opts + [work + "/cur.csv"]
    return run(cmd)[0]
t = {}
for name, opts in (("unsharded", []), ("--shards 2 -j 2", ["--shards", "2", "-j", "2"]),
                   ("--shards 4 -j 2", ["--shards", "4", "-j", "2"])):
    t[name] = statistics.median(night(opts) for _ in range(3))
size = os.path.getsize(work + "/cur.csv")
base = t["unsharded"]
print(f"mapnightly, one night over {size/1e6:.0f} MB of CUR (gen_cur.py), --no-report, medians of 3:")
for name, v in t.items():
    print(f"  {name:16s} {v:6.2f} s  ({v/base:.2f} of unsharded)")
PY
