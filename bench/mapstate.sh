#!/bin/sh
# bench/mapstate.sh: mapstate's memory per billing entity and its speed
# against curscan's output rate, measured in the same run.
#   sh bench/mapstate.sh [BINDIR]     (BENCH_ENTITIES=1000000 by default)
# Memory: peak RSS at N entities minus peak RSS at N/100 entities, divided
# by the difference in entities (so fixed costs cancel out). Speed: mapstate
# on N charge lines against `cat` of the same lines (the pipe's floor).
set -eu
bin=${1:-build/bin}
n=${BENCH_ENTITIES:-1000000}
work=bench/work/mapstate
mkdir -p "$work"
gen() {
	awk -v n="$1" -f bench/entities.awk
}
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' > "$work/c.tsv"
printf 'B\tmap\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.25\tall\tAmazonEC2,AmazonS3\n' >> "$work/c.tsv"
[ -s "$work/lines-$n.tsv" ] || gen "$n" > "$work/lines-$n.tsv"
small=$((n / 100))
[ -s "$work/lines-$small.tsv" ] || gen "$small" > "$work/lines-$small.tsv"
python3 - "$bin" "$work" "$n" "$small" <<'PY'
import resource, statistics, subprocess, sys, time
bin, work, n, small = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def run(cmd, stdin_path):
    # peak RSS of one child: run it in a fresh python so RUSAGE_CHILDREN is its own
    code = ("import resource,subprocess,sys,time;t=time.monotonic();"
            "subprocess.run(sys.argv[1:],stdin=open(%r),stdout=subprocess.DEVNULL,check=True);"
            "print(time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)") % stdin_path
    out = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) * 1024
ms = [bin + "/mapstate", "-c", work + "/c.tsv"]
big = [run(ms, f"{work}/lines-{n}.tsv") for _ in range(3)]
sm = [run(ms, f"{work}/lines-{small}.tsv") for _ in range(3)]
cat = [run(["cat"], f"{work}/lines-{n}.tsv") for _ in range(3)]
rss_big = statistics.median(r for _, r in big)
rss_small = statistics.median(r for _, r in sm)
per = (rss_big - rss_small) / (n - small)
t_ms = statistics.median(t for t, _ in big)
t_cat = statistics.median(t for t, _ in cat)
size = __import__("os").path.getsize(f"{work}/lines-{n}.tsv")
print(f"mapstate, {n} entities (one usage line each, {size/1e6:.0f} MB of charge lines), medians of 3")
print(f"  peak RSS {rss_big/1e6:.1f} MB at {n}, {rss_small/1e6:.1f} MB at {small}")
print(f"  memory per entity: {per:.0f} bytes (entity string ~{len('arn:aws:ec2:us-east-1:444400000000:instance/i-00000000000000000')} bytes included)")
print(f"  time {t_ms:.2f} s = {n/t_ms/1e6:.2f} M lines/s, {size/t_ms/1e6:.0f} MB/s; cat alone {t_cat:.2f} s")
PY
# Keeping up with curscan: on a realistic export (gen_cur.py, many lines
# per entity), time curscan on the export and mapstate on curscan's output.
rows=${BENCH_PIPE_ROWS:-300000}
gen=${GEN_CUR:-../shared/bench/gen_cur.py}
if [ -f "$gen" ]; then
	[ -s "$work/pipe-$rows.csv.gz" ] || python3 "$gen" --rows "$rows" --seed 7 | gzip -1 > "$work/pipe-$rows.csv.gz"
	"$bin/curscan" -j 1 "$work/pipe-$rows.csv.gz" > "$work/pipe-$rows.tsv"
	python3 - "$bin" "$work" "$rows" <<'PY'
import statistics, subprocess, sys, time
bin, work, rows = sys.argv[1], sys.argv[2], sys.argv[3]
def t(cmd, stdin=None):
    s = time.monotonic()
    subprocess.run(cmd, stdin=open(stdin) if stdin else None, stdout=subprocess.DEVNULL, check=True)
    return time.monotonic() - s
cs = statistics.median(t([bin + "/curscan", "-j", "1", f"{work}/pipe-{rows}.csv.gz"]) for _ in range(3))
ms = statistics.median(t([bin + "/mapstate", "-c", work + "/c.tsv", f"{work}/pipe-{rows}.tsv"]) for _ in range(3))
n = sum(1 for _ in open(f"{work}/pipe-{rows}.tsv")) - 1
ents = subprocess.run([bin + "/mapstate", "-c", work + "/c.tsv", f"{work}/pipe-{rows}.tsv"], capture_output=True, text=True).stdout.count("\n") - 1
print(f"pipeline, gen_cur.py {rows} rows ({n} charge lines, {ents} entities), medians of 3")
print(f"  curscan (gzip in)       {cs:.2f} s  {n/cs/1e3:.0f} k lines/s")
print(f"  mapstate (TSV in)       {ms:.2f} s  {n/ms/1e3:.0f} k lines/s")
print(f"  mapstate / curscan time {ms/cs:.2f}  (below 1: mapstate keeps up with curscan's output)")
PY
else
	echo "pipeline: $gen is absent; skipped"
fi
