#!/bin/sh
# bench/night.sh: what a whole night costs against the scan it cannot do
# without (issue 11), measured in the same run. On a gen_cur.py month
# (BENCH_ROWS line items, April 2026, plain and gzip -6):
#   (1) curscan FILE >/dev/null                       the scan alone
#   (2) mapnightly --bin BIN -d FRESH -c C --no-report -a 2026-04-30 FILE
#                                                     the whole night
#   (3) mapstate -c C -a 2026-04-30 -e E -l L LINES   the replay of the open
#       period alone, on curscan's charge lines, with the events and ledger
#       the nightly mapstate writes
#   (1c) curscan --combine FILE >/dev/null            the night's scan
#   (3c) mapstate as (3), on the lines of (1c)        the night's replay
# in rounds (each round runs every command once, starting one command
# further along than the round before), medians of BENCH_RUNS rounds, and
# the ratios night/curscan (target <= 1.15, issue 18; issue 11 asked 1.5)
# and mapstate/curscan (target <= 0.5), of the medians and paired (the
# median of the per-round ratios).
# Then, once each: the night with its HTML report, and a night with
# --times (per-stage seconds from DIR/current/night.log, and the same
# stages to the millisecond through timing wrappers given as --bin).
#   sh bench/night.sh [BINDIR]      (default build/bin)
# Environment: BENCH_ROWS (default 2000000), BENCH_RUNS (default 3),
# BENCH_GZIP (gzip level of the copy, default 6; 0: plain only),
# BENCH_SHARED (default ../shared beside the repo).
# Scratch data and results in bench/work/night/ (the export is kept).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
src=$(cd "${1:-$root/build/bin}" && pwd)
rows=${BENCH_ROWS:-2000000}
runs=${BENCH_RUNS:-3}
level=${BENCH_GZIP:-6}
shared=${BENCH_SHARED:-$root/../shared}
gen=$shared/bench/gen_cur.py
work=$here/work/night
asof=2026-04-30

say() { printf 'night: %s\n' "$*" >&2; }
fail() { printf 'night: %s\n' "$*" >&2; exit 4; }
case $rows in '' | *[!0-9]*) fail "BENCH_ROWS wants a count, not '$rows'" ;; esac
case $runs in '' | *[!0-9]* | 0) fail "BENCH_RUNS wants 1 or more, not '$runs'" ;; esac
case $level in [0-9]) ;; *) fail "BENCH_GZIP wants 0 to 9, not '$level'" ;; esac
[ -f "$gen" ] || fail "the CUR generator $gen is missing (set BENCH_SHARED)"
for t in curscan mapstate maptasks mapcredit mapscore mapreport mapnightly; do
	[ -x "$src/$t" ] || fail "$src/$t is missing: build first (make BUILD=... all)"
done
# shellcheck source=bench/tools.sh
. "$here/tools.sh"

# ---- the month, generated once ----
plain=$work/cur-$rows.csv
gz=$work/cur-$rows-gz$level.csv.gz
stamp=$work/cur-$rows.stamp
sum=$(cksum <"$gen")
if [ ! -f "$plain" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
	rm -f "$work"/cur-"$rows"-gz*.csv.gz "$work/lines-$rows.tsv"
	say "generating $rows rows with $gen (2026-04)"
	python3 "$gen" --rows "$rows" --month 2026-04 -o "$plain.tmp" ||
	    fail "the generator failed"
	mv "$plain.tmp" "$plain"
	printf '%s\n' "$sum" >"$stamp"
fi
if [ "$level" != 0 ] && [ ! -f "$gz" ]; then
	if command -v pigz >/dev/null 2>&1; then z="pigz -$level"; else z="gzip -$level"; fi
	say "compressing with $z"
	$z -c "$plain" >"$gz.tmp" || fail "$z failed"
	mv "$gz.tmp" "$gz"
fi

c=$work/contracts.tsv
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' >"$c"
printf 'G\tmap\t723347347957\t86735\t2026-01-01\t2028-12-31\t0.25\tall\tAmazonEC2,AmazonS3,AmazonRDS,AmazonDynamoDB,AWSLambda,AmazonEKS,AmazonBedrock\n' >>"$c"

# ---- checks, and the charge lines mapstate replays (warms the cache) ----
lines=$work/lines-$rows.tsv
say "curscan once: the charge lines for mapstate"
"$bin/curscan" --no-progress "$plain" >"$lines.tmp" || fail "curscan failed on $plain"
mv "$lines.tmp" "$lines"
n=$(wc -l <"$lines")
[ "$n" = $((rows + 1)) ] || fail "curscan wrote $n lines for $rows rows"
# the lines as the night's curscan writes them (--combine)
clines=$work/lines-$rows-combined.tsv
"$bin/curscan" --no-progress --combine "$plain" >"$clines.tmp" ||
    fail "curscan --combine failed on $plain"
mv "$clines.tmp" "$clines"
if [ "$level" != 0 ]; then
	n=$("$bin/curscan" --no-progress "$gz" | wc -l)
	[ "$n" = $((rows + 1)) ] || fail "curscan wrote $n lines for $rows rows of $gz"
fi
# workloads, for the report night (mapreport needs the ownership columns):
# one workload per team, claiming its accounts (the team from the name)
w=$work/workloads.tsv
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
    !seen[$col["account"]]++ { print $col["account"] "\t" $col["account_name"] }' "$lines" |
    awk -F '\t' 'BEGIN { OFS = "\t"; print "workload", "product", "portfolio", "team", "owner", "engineer", "claim" }
    { t = tolower($2); sub(/^acme, inc\. - /, "", t); split(t, a, /[- ]/); t = a[1]
      print t, t, "Acme", t, t "-owner@example.com", t "-eng@example.com", "account:" $1 }' >"$w"
rm -rf "$work/check"
"$bin/mapnightly" --bin "$bin" -d "$work/check" -c "$c" --no-report -a "$asof" "$plain" ||
    fail "the check night failed"
ents=$(($(wc -l <"$work/check/current/state.tsv") - 1))
rm -rf "$work/check"

python3 - "$bin" "$work" "$c" "$asof" "$runs" "$plain" "$gz" "$level" "$lines" \
    "$rows" "$ents" "$binsum" "$w" "$clines" "$here" <<'PY'
import os, resource, shutil, statistics, subprocess, sys, time
bin, work, c, asof, runs, plain, gz, level, lines, rows, ents, binsum, w, clines, here = sys.argv[1:]
sys.path.insert(0, here)
import others  # bench/others.py
import resident  # bench/resident.py
runs, rows, ents = int(runs), int(rows), int(ents)
gzip_on = level != "0"

def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])

rlog = work + "/resident.log"
if os.path.exists(rlog):
    os.remove(rlog)

def run(cmd, before=None, reads=None):
    if before:
        before()
    if reads:
        resident.record(rlog, [reads])  # untimed: warmed, then measured
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, check=True)
    t = time.monotonic() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return t, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)

def fresh(d):
    return lambda: shutil.rmtree(d, ignore_errors=True)

def night(d, f, *opts):
    return [bin + "/mapnightly", "--bin", bin, "-d", d, "-c", c, "--no-report",
            "-a", asof] + list(opts) + [f]

sd = work + "/state"
ev, led = work + "/events.tsv", work + "/ledger.tsv"
cmds = [  # name, command, before it, the input it reads
    ("curscan-plain", [bin + "/curscan", "--no-progress", plain], None, plain),
    ("night-plain", night(sd, plain), fresh(sd), plain),
    ("mapstate", [bin + "/mapstate", "-c", c, "-a", asof, "-e", ev, "-l", led, lines], None, lines),
    ("curscan-comb", [bin + "/curscan", "--no-progress", "--combine", plain], None, plain),
    ("mapstate-comb", [bin + "/mapstate", "-c", c, "-a", asof, "-e", ev, "-l", led, clines], None, clines),
]
if gzip_on:
    cmds += [
        ("curscan-gz", [bin + "/curscan", "--no-progress", gz], None, gz),
        ("night-gz", night(sd, gz), fresh(sd), gz),
    ]
load0 = load()
snap = others.snapshot()
t = {k: [] for k, _, _, _ in cmds}
cpu = {k: [] for k, _, _, _ in cmds}
for r in range(runs):
    print(f"night: round {r + 1} of {runs}", file=sys.stderr, flush=True)
    for k in range(len(cmds)):
        name, cmd, before, reads = cmds[(r + k) % len(cmds)]
        s, u = run(cmd, before, reads)
        t[name].append(s)
        cpu[name].append(u)
load1 = load()
window = others.measure(snap, os.getpid())

# once each, through the timing wrappers given as --bin: the night with
# its report (which needs -w: mapreport wants the ownership columns), and
# the timed night with --times (its stages in night.log; mapreport's time
# would not be there: it runs after the log is written)
wl = work + "/wrap.log"
def wrapped(*opts, report=False):
    cmd = night(sd, plain, *opts)
    cmd[2] = work + "/wrap"
    if report:
        cmd.remove("--no-report")
    if os.path.exists(wl):
        os.remove(wl)
    r = run(cmd, fresh(sd), plain)
    wr = [l.split("\t") for l in open(wl).read().splitlines()]
    return r, wr
print("night: the night with its report, and the night with --times", file=sys.stderr, flush=True)
rep, rep_wrap = wrapped("-w", w, report=True)
shutil.copy(sd + "/current/night.log", work + "/night-report.log")
tim, wrap = wrapped("--times")
log = [l.rstrip("\n").split("\t") for l in open(sd + "/current/night.log") if l.startswith("time\t")]
shutil.copy(sd + "/current/night.log", work + "/night.log")
shutil.rmtree(sd, ignore_errors=True)
for f in (ev, led):
    os.remove(f)

med = {k: statistics.median(v) for k, v in t.items()}
mcpu = {k: statistics.median(v) for k, v in cpu.items()}
def paired(a, b):
    return statistics.median(x / y for x, y in zip(t[a], t[b]))
mb = os.path.getsize(plain) / 1e6
out = []
p = out.append
p(f"night benchmark: {rows:,} rows of a CUR 2.0 month (gen_cur.py, 2026-04), "
  f"{ents:,} billing entities, contracts: one MAP agreement (payer 723347347957)")
p(f"date {time.strftime('%Y-%m-%d', time.gmtime())}; {os.cpu_count()} cores; {runs} round(s), "
  f"each command once a round, order rotated")
p(f"load average {load0} before timing, {load1} after")
for l in others.describe(window, sum(sum(v) for v in cpu.values())):
    p(l)
p(f"tools copied to bench/work/night/bin at the start (cksum of all {binsum})")
p(f"input: {mb:.1f} MB plain CSV" + (f", {os.path.getsize(gz)/1e6:.1f} MB gzip -{level}" if gzip_on else "")
  + f"; charge lines {os.path.getsize(lines)/1e6:.1f} MB, combined {os.path.getsize(clines)/1e6:.1f} MB "
  f"({sum(1 for _ in open(clines)) - 1:,} lines)")
for l in resident.summary(rlog):
    p(l)
p("")
p(f"{'command':44s} {'median s':>9s} {'min..max s':>16s} {'cpu s':>7s}")
label = {
    "curscan-plain": "(1) curscan export.csv",
    "night-plain": "(2) mapnightly --no-report, export.csv",
    "mapstate": "(3) mapstate -e -l, on the charge lines",
    "curscan-comb": "(1c) curscan --combine export.csv",
    "mapstate-comb": "(3c) mapstate -e -l, on the combined lines",
    "curscan-gz": "(1') curscan export.csv.gz",
    "night-gz": "(2') mapnightly --no-report, export.csv.gz",
}
for k, _, _, _ in cmds:
    p(f"{label[k]:44s} {med[k]:9.3f} {min(t[k]):7.3f}..{max(t[k]):<7.3f} {mcpu[k]:7.2f}")
p(f"{'(4) mapnightly -w W, with the report (once)':44s} {rep[0]:9.3f} {'':16s} {rep[1]:7.2f}")
rw = {}
for name, s_, e_ in rep_wrap:
    rw[name] = rw.get(name, 0.0) + float(e_) - float(s_)
p(f"{'      of which mapreport':44s} {rw.get('mapreport', float('nan')):9.3f}")
p("  cpu s: median user+sys of the command and its children")
p("  per round, s: " + "; ".join(f"{k} " + " ".join(f"{x:.2f}" for x in t[k]) for k, _, _, _ in cmds))
p("")
p(f"{'ratio':44s} {'of medians':>10s} {'paired':>8s} {'target':>9s}")
def ratio(a, b, target):
    m, q = med[a] / med[b], paired(a, b)
    verdict = "-" if target is None else ("MET" if max(m, q) <= target else "MISSED")
    tg = "-" if target is None else f"<= {target:.2f}"
    p(f"{a + ' / ' + b:44s} {m:10.3f} {q:8.3f} {tg:>9s}  {verdict}")
ratio("night-plain", "curscan-plain", 1.15)
ratio("mapstate", "curscan-plain", 0.5)
ratio("curscan-comb", "curscan-plain", None)
ratio("mapstate-comb", "curscan-plain", None)
if gzip_on:
    ratio("night-gz", "curscan-gz", 1.15)
    ratio("mapstate", "curscan-gz", 0.5)
p(f"{'night with report / curscan-plain (once)':44s} {rep[0] / med['curscan-plain']:10.3f}")
p("  a target counts as MET only when both the ratio of medians and the paired one are within it")
p("")
p(f"stages of one night (mapnightly --times --no-report, export.csv; {tim[0]:.3f} s wall):")
p(f"  {'stage':12s} {'night.log':>10s} {'wrapper s':>10s} {'of the night':>13s}")
wsum = {}
for name, s, e in wrap:
    wsum[name] = wsum.get(name, 0.0) + float(e) - float(s)
logd = {}
for _, name, sec in log:
    name = name.split(" (")[0]  # "curscan (period 2026-04)": the tool
    logd[name] = logd.get(name, 0) + int(sec.rstrip("s"))
for name in list(dict.fromkeys([n for n, _, _ in wrap] + list(logd))):
    ls = f"{logd[name]} s" if name in logd else "-"
    ws = wsum.get(name)
    p(f"  {name:12s} {ls:>10s} {ws if ws is not None else float('nan'):10.3f} "
      f"{(ws or 0) / tim[0]:12.1%}")
# mapstate reads the month as curscan writes it: the stages' intervals
# overlap, and the rest is the night outside all of them
iv = sorted((float(s), float(e)) for _, s, e in wrap)
union, cur = 0.0, None
for a, b in iv:
    if cur is None or a > cur[1]:
        if cur is not None:
            union += cur[1] - cur[0]
        cur = [a, b]
    else:
        cur[1] = max(cur[1], b)
if cur is not None:
    union += cur[1] - cur[0]
rest = tim[0] - union
p(f"  {'the rest':12s} {'-':>10s} {rest:10.3f} {rest / tim[0]:12.1%}   (mapnightly's own shell work: "
  f"checksums, run log, publish)")
p(f"  the stages overlap by {sum(wsum.values()) - union:.3f} s (mapstate reads the month as curscan "
  f"writes it), so their shares add up to more than the night")
p("  night.log: whole seconds (date +%s); wrapper s: the same tools timed to the ms by")
p("  wrappers given as --bin. With the report (4), the stages were: " +
  ", ".join(f"{k} {v:.3f} s" for k, v in rw.items()))
print("\n".join(out))
PY
