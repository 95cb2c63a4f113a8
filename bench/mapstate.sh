#!/bin/sh
# bench/mapstate.sh: mapstate's memory per billing entity and its speed
# against curscan's output rate, measured in the same run.
#   sh bench/mapstate.sh [BINDIR]
# Environment: BENCH_ENTITIES (default 1000000), BENCH_DAYS (default 30),
# BENCH_PIPE_ROWS (default 300000).
# Memory (issue 18: at most 256 bytes per entity, whatever the number of
# days): mapstate in the nightly form (-a, -e and -l; the events and the
# ledger to /dev/null), a one-shot month on the contract that matches,
# for 1 day and for BENCH_DAYS days, the lines piped from
# bench/entities.awk. Peak RSS at N entities minus peak RSS at N/10
# entities, divided by the difference in entities (so fixed costs cancel
# out). Speed: mapstate on N charge lines against `cat` of the same lines
# (the pipe's floor).
set -eu
bin=${1:-build/bin}
n=${BENCH_ENTITIES:-1000000}
days=${BENCH_DAYS:-30}
work=bench/work/mapstate
mkdir -p "$work"
gen() {
	awk -v n="$1" -f bench/entities.awk
}
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' > "$work/c.tsv"
printf 'B\tmap\t111122223333\t12345\t2026-01-01\t2028-12-31\t0.25\tall\tAmazonEC2,AmazonS3\n' >> "$work/c.tsv"
[ -s "$work/lines-$n.tsv" ] || gen "$n" > "$work/lines-$n.tsv"
small=$((n / 10))
python3 - "$bin" "$work" "$n" "$small" "$days" <<'PY'
import os, resource, statistics, subprocess, sys, time
bin, work, n, small, days = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
# Peak RSS of mapstate alone: a fresh python runs awk | mapstate and reads
# RUSAGE_CHILDREN after waiting for mapstate only (awk is waited for after).
code = r"""
import resource, subprocess, sys, time
n, d = sys.argv[1], sys.argv[2]
t = time.monotonic()
g = subprocess.Popen(["awk", "-v", "n=" + n, "-v", "days=" + d, "-f", "bench/entities.awk"], stdout=subprocess.PIPE)
m = subprocess.run(sys.argv[3:], stdin=g.stdout, stdout=subprocess.DEVNULL)
el = time.monotonic() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
g.stdout.close()
g.wait()
assert m.returncode == 0 and g.returncode == 0, (m.returncode, g.returncode)
print(el, rss)
"""
ms = [bin + "/mapstate", "-c", work + "/c.tsv", "-a", "2026-04-30", "-e", "/dev/null", "-l", "/dev/null"]
def rss(k, d):
    out = subprocess.run([sys.executable, "-c", code, str(k), str(d)] + ms, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) * 1024
print(f"mapstate memory: a one-shot month on the matching contract, -a -e -l, lines piped from bench/entities.awk")
for d in sorted({1, days}):
    big = rss(n, d)
    sm = rss(small, d)
    per = (big[1] - sm[1]) / (n - small)
    target = "met" if per <= 256 else "MISSED"
    print(f"  {d:2d} day(s): peak RSS {big[1]/2**20:.1f} MiB at {n} entities ({n*d} lines, {big[0]:.1f} s), "
          f"{sm[1]/2**20:.1f} MiB at {small}: {per:.0f} bytes per entity (target <= 256: {target})")
def run(cmd, stdin_path):
    # peak RSS of one child: run it in a fresh python so RUSAGE_CHILDREN is its own
    c = ("import resource,subprocess,sys,time;t=time.monotonic();"
         "subprocess.run(sys.argv[1:],stdin=open(%r),stdout=subprocess.DEVNULL,check=True);"
         "print(time.monotonic()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)") % stdin_path
    out = subprocess.run([sys.executable, "-c", c] + cmd, capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) * 1024
big = [run(ms, f"{work}/lines-{n}.tsv") for _ in range(3)]
cat = [run(["cat"], f"{work}/lines-{n}.tsv") for _ in range(3)]
t_ms = statistics.median(t for t, _ in big)
t_cat = statistics.median(t for t, _ in cat)
size = os.path.getsize(f"{work}/lines-{n}.tsv")
print(f"mapstate speed, {n} entities, one day (one usage line each, {size/1e6:.0f} MB of charge lines), medians of 3")
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
