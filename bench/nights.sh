#!/bin/sh
# bench/nights.sh: a month of nights, the way cron runs them (issue 18).
# A gen_cur.py month (BENCH_ROWS line items, April 2026) is cut by usage
# day; night k gets the month to date, days 1..k, as one export file (AWS
# delivers the month to date again every night) and runs
#   mapnightly --bin WRAP -d STATE -c C --no-report -a 2026-04-k FILE
# on the same state directory, night after night. Then the whole month once
# more in a fresh state directory: one run over the month, for scale.
# WRAP holds timing wrappers around the tools, so each night splits into the
# tools' time (the union of their intervals) and mapnightly's own (the rest:
# its shell work, merges, checksums, the run log, publishing).
# It reports per night: rows, wall time, the tools' time, mapnightly's own
# time; the least-squares slope of mapnightly's own time per night (flat:
# no pass over the growing month of its own); and the thirty nights' cost
# against one run over the month, next to the rows they read.
#   sh bench/nights.sh [BINDIR]      (default build/bin)
# Environment: BENCH_ROWS (default 600000), BENCH_NIGHTS (default 30, the
# nights run: days 1..N), BENCH_SHARED (default ../shared beside the repo).
# Scratch data and results in bench/work/nights/ (the day files are kept).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
src=$(cd "${1:-$root/build/bin}" && pwd)
rows=${BENCH_ROWS:-600000}
nights=${BENCH_NIGHTS:-30}
shared=${BENCH_SHARED:-$root/../shared}
gen=$shared/bench/gen_cur.py
work=$here/work/nights

say() { printf 'nights: %s\n' "$*" >&2; }
fail() { printf 'nights: %s\n' "$*" >&2; exit 4; }
case $rows in '' | *[!0-9]*) fail "BENCH_ROWS wants a count, not '$rows'" ;; esac
case $nights in [1-9] | [12][0-9] | 30) ;; *) fail "BENCH_NIGHTS wants 1 to 30, not '$nights'" ;; esac
[ -f "$gen" ] || fail "the CUR generator $gen is missing (set BENCH_SHARED)"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed"
for t in curscan mapstate maptasks mapcredit mapscore mapnightly; do
	[ -x "$src/$t" ] || fail "$src/$t is missing: build first (make)"
done
mkdir -p "$work/days"
# shellcheck source=bench/tools.sh
. "$here/tools.sh"

# ---- the month, generated once and cut by usage day ----
stamp=$work/days/stamp
sum="$(cksum <"$gen") $rows"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
	rm -f "$work"/days/*
	say "generating $rows rows with $gen (2026-04) and cutting them by day"
	python3 "$gen" --rows "$rows" --month 2026-04 -o "$work/days/month.csv" ||
	    fail "the generator failed"
	python3 - "$work/days" <<'PY' || fail "cannot cut the month by day"
import csv, io, sys
d = sys.argv[1]
f = open(d + "/month.csv", newline="", encoding="utf-8")
head = f.readline()
col = next(csv.reader([head])).index("line_item_usage_start_date")
out = {}
for line in f:
    row = next(csv.reader([line]))
    day = int(row[col][8:10]) if row[col][:7] == "2026-04" else 1
    if day not in out:
        out[day] = open("%s/day-%02d.csv" % (d, day), "w", encoding="utf-8", newline="")
    out[day].write(line)
for g in out.values():
    g.close()
open(d + "/header.csv", "w", encoding="utf-8").write(head)
PY
	rm -f "$work/days/month.csv"
	printf '%s\n' "$sum" >"$stamp"
fi
for k in $(seq 1 30); do
	[ -f "$work/days/day-$(printf %02d "$k").csv" ] ||
	    : >"$work/days/day-$(printf %02d "$k").csv"
done

c=$work/contracts.tsv
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' >"$c"
printf 'G\tmap\t723347347957\t86735\t2026-01-01\t2028-12-31\t0.25\tall\tAmazonEC2,AmazonS3,AmazonRDS,AmazonDynamoDB,AWSLambda,AmazonEKS,AmazonBedrock\n' >>"$c"

python3 - "$bin" "$work" "$c" "$nights" "$rows" "$binsum" "$here" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
bin, work, c, nights, rows, binsum, here = sys.argv[1:]
sys.path.insert(0, here)
import others  # bench/others.py
nights, rows = int(nights), int(rows)
days = work + "/days"
export = work + "/export.csv"
wl = work + "/wrap.log"

def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])

def build_export(k):
    """The month to date on night k: the header, then days 1..k."""
    n = 0
    with open(export + ".tmp", "wb") as o:
        o.write(open(days + "/header.csv", "rb").read())
        for d in range(1, k + 1):
            b = open("%s/day-%02d.csv" % (days, d), "rb").read()
            n += b.count(b"\n")
            o.write(b)
    os.replace(export + ".tmp", export)
    return n

def union(iv):
    tot, cur = 0.0, None
    for a, b in sorted(iv):
        if cur is None or a > cur[1]:
            if cur is not None:
                tot += cur[1] - cur[0]
            cur = [a, b]
        else:
            cur[1] = max(cur[1], b)
    if cur is not None:
        tot += cur[1] - cur[0]
    return tot

def night(sd, k):
    """One night on state directory sd: wall s, cpu s, tools s, per tool."""
    if os.path.exists(wl):
        os.remove(wl)
    cmd = [bin + "/mapnightly", "--bin", work + "/wrap", "-d", sd, "-c", c,
           "--no-report", "-a", "2026-04-%02d" % k, export]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    t = time.monotonic() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wr = [l.split("\t") for l in open(wl).read().splitlines()]
    per = {}
    for name, s, e in wr:
        per[name] = per.get(name, 0.0) + float(e) - float(s)
    tools = union([(float(s), float(e)) for _, s, e in wr])
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t, cpu, tools, per

sd = work + "/state"
shutil.rmtree(sd, ignore_errors=True)
load0 = load()
snap = others.snapshot()
res = []
for k in range(1, nights + 1):
    n = build_export(k)
    t, cpu, tools, per = night(sd, k)
    res.append((k, n, t, cpu, tools, per))
    print("nights: night %d of %d: %d rows, %.3f s (own %.3f s)" % (k, nights, n, t, t - tools),
          file=sys.stderr, flush=True)
# the whole month once, fresh: one run over the month
full_sd = work + "/state-month"
shutil.rmtree(full_sd, ignore_errors=True)
n_full = build_export(nights)
t_full, cpu_full, tools_full, _ = night(full_sd, nights)
load1 = load()
window = others.measure(snap, os.getpid())
same = subprocess.run(["cmp", "-s", sd + "/current/state.tsv",
                       full_sd + "/current/state.tsv"]).returncode == 0
shutil.rmtree(sd, ignore_errors=True)
shutil.rmtree(full_sd, ignore_errors=True)
os.remove(export)

def slope(xs, ys):
    mx, my = statistics.mean(xs), statistics.mean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / den if den else 0.0

out = []
p = out.append
p(f"month-of-nights benchmark: {rows:,} rows of a CUR 2.0 month (gen_cur.py, 2026-04), "
  f"{nights} nights, night k reading days 1..k")
p(f"date {time.strftime('%Y-%m-%d', time.gmtime())}; {os.cpu_count()} cores; each night once, "
  f"in order, on one state directory; mapnightly --no-report -a 2026-04-k")
p(f"load average {load0} before, {load1} after")
for l in others.describe(window, sum(r[3] for r in res) + cpu_full):
    p(l)
p(f"tools copied to bench/work/nights/bin at the start (cksum of all {binsum})")
p("")
tools_names = sorted({n for r in res for n in r[5]})
p(f"{'night':>5s} {'rows':>9s} {'wall s':>8s} {'cpu s':>7s} {'tools s':>8s} {'own s':>7s} "
  f"{'us/row':>7s}  " + " ".join(f"{n:>9s}" for n in tools_names))
for k, n, t, cpu, tools, per in res:
    p(f"{k:5d} {n:9,d} {t:8.3f} {cpu:7.2f} {tools:8.3f} {t - tools:7.3f} "
      f"{1e6 * t / max(n, 1):7.2f}  " + " ".join(f"{per.get(x, 0.0):9.3f}" for x in tools_names))
p(f"{'month':>5s} {n_full:9,d} {t_full:8.3f} {cpu_full:7.2f} {tools_full:8.3f} "
  f"{t_full - tools_full:7.3f} {1e6 * t_full / max(n_full, 1):7.2f}   (fresh state directory, once)")
p("  tools s: the union of the tools' intervals (timing wrappers given as --bin);")
p("  own s: the rest of the night, mapnightly's own shell work")
p("")
ks = [r[0] for r in res]
own = [r[2] - r[4] for r in res]
walls = [r[2] for r in res]
nrows = [r[1] for r in res]
p(f"mapnightly's own time: first night {own[0]:.3f} s, median {statistics.median(own):.3f} s, "
  f"last night {own[-1]:.3f} s; slope {1e3 * slope(ks, own):+.1f} ms a night")
if nights > 1:
    # its own time against the rows: what a pass over the month would cost
    p(f"  against the rows read: {1e9 * slope(nrows, own):+.1f} ns a row "
      f"(the whole night: {1e9 * slope(nrows, walls):.0f} ns a row)")
cost = sum(walls) / t_full
rowr = sum(nrows) / n_full
p(f"the {nights} nights cost {sum(walls):.1f} s = {cost:.2f} month runs; they read "
  f"{sum(nrows):,} rows = {rowr:.2f} months of rows; cost / rows {cost / rowr:.3f}")
p(f"  the fixed cost of a night (the intercept over rows): "
  f"{statistics.mean(walls) - slope(nrows, walls) * statistics.mean(nrows):.3f} s")
p(f"the last night's state {'is' if same else 'IS NOT'} the same bytes as the month's in one run")
print("\n".join(out))
if not same:
    sys.exit(4)
PY
