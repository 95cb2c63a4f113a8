#!/usr/bin/env python3
"""report.py: the table bench/run.sh prints and keeps in bench/work/results.txt.

Usage: report.py META.tsv RSS.tsv IR.tsv ROUND.json...

Each ROUND.json is one hyperfine run of every command once (bench/run.sh
runs the commands in rounds so that load from elsewhere falls on all of
them alike). Times are medians over the rounds. Ratios are given two ways:
the ratio of the two medians, and the median of the per-round ratios
(paired, so a slow moment for the whole machine cancels out). IR.tsv
(may be empty) holds callgrind instruction counts: name, rows, total,
busiest thread, threads."""

import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import others  # noqa: E402  (bench/others.py)
import resident  # noqa: E402  (bench/resident.py)

LABELS = [
    ("floor-zlib", "(z) zlib gzread loop: the zlib floor"),
    ("floor-isal", "(i) ISA-L inflate loop: the ISA-L floor"),
    ("zcat", "(a) zcat export.csv.gz"),
    ("csvparse-plain", "(b) csvparse export.csv (libcsv alone)"),
    ("csvparse-gz", "(c) csvparse export.csv.gz (1 thread)"),
    ("curscan-gz", "(d) curscan export.csv.gz"),
    ("curscan-gz-zlib", "(d') curscan, ZIN_INFLATE=zlib"),
    ("curscan-plain", "(e) curscan export.csv"),
    ("curscan-plain-scalar", "(e') curscan, CSVIN_PARSER=scalar"),
    ("curscan-4gz-j1", "(g) curscan -j1, the rows in 4 gzip files"),
    ("curscan-4gz-j2", "(h) curscan -j2, the same 4 files"),
    ("duckdb-gz", "(f) DuckDB read_csv(gz) -> TSV"),
    ("duckdb-startup", "    node + DuckDB start-up, SELECT 1"),
]


def main():
    meta = dict(
        line.rstrip("\n").split("\t", 1)
        for line in open(sys.argv[1], encoding="utf-8") if "\t" in line)
    rss = dict(
        line.split("\t") for line in
        open(sys.argv[2], encoding="utf-8").read().split("\n") if line)
    ir = {}
    for line in open(sys.argv[3], encoding="utf-8"):
        f = line.split()
        if len(f) == 5:
            ir[f[0]] = (int(f[1]), int(f[2]), int(f[3]), int(f[4]))
    rounds = []             # per round: {command: seconds}
    cpu = {}                # command: [user+sys per round]
    for path in sys.argv[4:]:
        with open(path, encoding="utf-8") as f:
            res = json.load(f)["results"]
        rounds.append({r["command"]: r["times"][0] for r in res})
        for r in res:
            cpu.setdefault(r["command"], []).append(r["user"] + r["system"])
    if not rounds:
        sys.exit("report.py: no rounds")
    names = [k for k, _ in LABELS if all(k in r for r in rounds)]
    times = {k: [r[k] for r in rounds] for k in names}
    med = {k: statistics.median(v) for k, v in times.items()}

    rows = int(meta["rows"])
    plain = int(meta["bytes_plain"])
    gz = int(meta["bytes_gz"])
    mb = 1e6
    out = []
    w = out.append

    w("curscan benchmark: %s rows of a CUR 2.0 export, %s header fields"
      % (f"{rows:,}", meta["columns"]))
    w("date %s; %s; %d round(s) after %s warm-up (hyperfine %s)"
      % (meta["date"], meta["machine"], len(rounds), meta["warmup"],
         meta["hyperfine"].split()[-1]))
    w("load average %s" % meta.get("load", "?"))
    try:
        with open(meta.get("others", ""), encoding="utf-8") as f:
            om = json.load(f)
    except (OSError, ValueError):
        om = None
    for line in others.describe(om, sum(sum(v) for v in cpu.values())):
        w(line)
    w("curscan from tree %s" % meta.get("tree", "unknown"))
    w("input: %.1f MB plain CSV, %.1f MB gzip -%s (%.1f:1)"
      % (plain / mb, gz / mb, meta["gzip_level"], plain / gz))
    for line in resident.summary(meta.get("resident", "")):
        w(line)
    w("DuckDB: %s" % meta["duckdb"])
    if meta.get("duckdb_absent", "none") != "none":
        w("  projected columns absent from this export: %s"
          % meta["duckdb_absent"])
    w("")
    w("%-40s %8s %17s %7s %8s %10s" % ("command", "median s", "min..max s",
                                       "cpu s", "MB/s", "rows/s"))
    for key, label in LABELS:
        if key not in med:
            continue
        m = med[key]
        span = "%.3f..%.3f" % (min(times[key]), max(times[key]))
        c = statistics.median(cpu[key])
        if key == "duckdb-startup":
            w("%-40s %8.3f %17s %7.2f" % (label, m, span, c))
        else:
            w("%-40s %8.3f %17s %7.2f %8.1f %10s" % (
                label, m, span, c, plain / mb / m, f"{rows / m:,.0f}"))
    w("  MB/s: uncompressed CSV MB (10^6 bytes) per second of median time;")
    w("  cpu s: median user+sys (above the median time: more than one core)")
    w("")
    w("%-42s %9s %9s %9s" % ("ratio", "of medians", "paired", "target"))

    def ratio(a, b, label, target=None, sub=None):
        if a not in med or b not in med:
            return
        if sub is None:
            v = med[a] / med[b]
            per = [r[a] / r[b] for r in rounds]
        else:
            if med[b] - med[sub] <= 0:
                return
            v = med[a] / (med[b] - med[sub])
            per = [r[a] / (r[b] - r[sub]) for r in rounds
                   if r[b] > r[sub]]
        p = statistics.median(per)
        line = "%-42s %9.3f %9.3f" % (label, v, p)
        if target is not None:
            ok = v <= target and p <= target
            line += " %9s  %s" % ("<= %.2f" % target,
                                  "met" if ok else "MISSED")
        else:
            line += " %9s" % "-"
        w(line)

    ratio("curscan-gz", "floor-zlib", "curscan(gz) / zlib floor", 0.8)
    ratio("curscan-plain", "floor-zlib", "curscan(plain) / zlib floor", 0.5)
    ratio("curscan-gz", "floor-isal", "curscan(gz) / ISA-L floor")
    ratio("curscan-gz", "curscan-gz-zlib", "curscan(gz) / curscan(gz, zlib)")
    ratio("floor-isal", "floor-zlib", "ISA-L floor / zlib floor")
    ratio("curscan-gz", "duckdb-gz", "curscan(gz) / duckdb(gz)", 0.25)
    ratio("curscan-gz", "duckdb-gz",
          "curscan(gz) / (duckdb(gz) - start-up)", sub="duckdb-startup")
    ratio("curscan-4gz-j2", "curscan-4gz-j1",
          "curscan -j2 / -j1 (4 gzip files)", 0.6)
    if "curscan-4gz-j1" in med and "curscan-4gz-j2" in med:
        ncores = int(meta["machine"].split()[0])
        c1 = statistics.median(cpu["curscan-4gz-j1"])
        c2 = statistics.median(cpu["curscan-4gz-j2"])
        w("  -j1 keeps %.2f of %d cores busy, -j2 %.2f: -j2 cannot beat %.3f"
          " (-j1's cpu s over %d cores)" % (
              c1 / med["curscan-4gz-j1"], ncores, c2 / med["curscan-4gz-j2"],
              c1 / ncores / med["curscan-4gz-j1"], ncores))
    ratio("curscan-plain", "csvparse-plain",
          "curscan(plain) / csvparse(plain)", 1.15)
    ratio("curscan-gz", "csvparse-gz", "curscan(gz) / csvparse(gz)")
    ratio("curscan-gz", "zcat", "curscan(gz) / zcat")
    ratio("curscan-gz", "curscan-plain", "curscan(gz) / curscan(plain)")
    ratio("curscan-plain", "curscan-plain-scalar",
          "curscan(plain) / curscan(plain, scalar scanner)")
    w("")
    w("peak RSS (one run each)")
    for key, label in [("curscan-gz", "curscan export.csv.gz"),
                       ("curscan-plain", "curscan export.csv"),
                       ("csvparse-gz", "csvparse export.csv.gz"),
                       ("duckdb-gz", "DuckDB read_csv(gz) under node")]:
        if key in rss:
            w("  %-38s %8.1f MiB" % (label, int(rss[key]) / 1024))
    if ir:
        n = next(iter(ir.values()))[0]
        w("")
        w("instructions (callgrind, first %s rows; no noise, no I/O waits)"
          % f"{n:,}")
        w("  %-24s %9s %14s %8s" % ("command", "Ir/row", "busiest thread",
                                     "threads"))
        for key in ["zcat", "csvparse-plain", "csvparse-gz", "curscan-plain",
                    "curscan-gz"]:
            if key in ir:
                r, t, m, k = ir[key]
                w("  %-24s %9.0f %14.0f %8d" % (key, t / r, m / r, k))

        def irr(a, b, label):
            if a in ir and b in ir:
                w("  %-42s all %5.3f   busiest thread %5.3f" % (
                    label, ir[a][1] / ir[b][1], ir[a][2] / ir[b][2]))
        irr("curscan-plain", "csvparse-plain",
            "curscan(plain) / csvparse(plain)")
        irr("curscan-gz", "csvparse-gz", "curscan(gz) / csvparse(gz)")
    print("\n".join(out))


if __name__ == "__main__":
    main()
