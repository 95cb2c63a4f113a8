#!/usr/bin/env python3
"""report.py: the table bench/run.sh prints and keeps in bench/work/results.txt.

Usage: report.py META.tsv HYPERFINE.json RSS.tsv

Medians are taken from hyperfine's per-run times; ratios are of medians
measured in the same hyperfine invocation."""

import json
import statistics
import sys


def main():
    meta = dict(
        line.rstrip("\n").split("\t", 1)
        for line in open(sys.argv[1], encoding="utf-8") if "\t" in line)
    with open(sys.argv[2], encoding="utf-8") as f:
        results = json.load(f)["results"]
    rss = dict(
        line.split("\t") for line in
        open(sys.argv[3], encoding="utf-8").read().split("\n") if line)

    med, rng, cpu = {}, {}, {}
    for r in results:
        name = r["command"]
        times = r["times"]
        med[name] = statistics.median(times)
        rng[name] = (min(times), max(times))
        cpu[name] = r.get("user", 0.0) + r.get("system", 0.0)

    rows = int(meta["rows"])
    plain = int(meta["bytes_plain"])
    gz = int(meta["bytes_gz"])
    mb = 1e6
    out = []
    w = out.append

    w("curscan benchmark: %s rows of a CUR 2.0 export, %s header fields"
      % (f"{rows:,}", meta["columns"]))
    w("date %s; %s; hyperfine %s runs after %s warm-up"
      % (meta["date"], meta["machine"], meta["runs"], meta["warmup"]))
    w("curscan from tree %s" % meta.get("tree", "unknown"))
    w("input: %.1f MB plain CSV, %.1f MB gzip -%s (ratio %.1f:1)"
      % (plain / mb, gz / mb, meta["gzip_level"], plain / gz))
    w("DuckDB: %s" % meta["duckdb"])
    if "duckdb_absent" in meta and meta["duckdb_absent"] != "none":
        w("  projected columns absent from this export: %s"
          % meta["duckdb_absent"])
    w("")
    labels = [
        ("zcat", "(a) zcat export.csv.gz"),
        ("csvparse-plain", "(b) csvparse export.csv (libcsv alone)"),
        ("csvparse-gz", "(c) csvparse export.csv.gz (1 thread)"),
        ("curscan-gz", "(d) curscan export.csv.gz"),
        ("curscan-plain", "(e) curscan export.csv"),
        ("duckdb-gz", "(f) DuckDB read_csv(gz) -> TSV"),
        ("duckdb-startup", "    node + DuckDB start, SELECT 1"),
    ]
    w("%-40s %8s %17s %8s %9s %10s" % ("command", "median s", "min..max s",
                                        "cpu s", "MB/s", "rows/s"))
    for key, label in labels:
        if key not in med:
            continue
        m = med[key]
        lo, hi = rng[key]
        if key == "duckdb-startup":
            w("%-40s %8.3f %17s %8.2f %9s %10s" % (
                label, m, "%.3f..%.3f" % (lo, hi), cpu[key], "", ""))
            continue
        w("%-40s %8.3f %17s %8.2f %9.1f %10s" % (
            label, m, "%.3f..%.3f" % (lo, hi), cpu[key], plain / mb / m,
            f"{rows / m:,.0f}"))
    w("  (MB/s: uncompressed CSV bytes per second; cpu s: mean user+sys)")
    w("")
    w("%-44s %7s %9s" % ("ratio of medians", "value", "target"))

    def ratio(a, b, label, target=None):
        if a not in med or b not in med:
            return
        v = med[a] / med[b]
        if target is None:
            w("%-44s %7.3f %9s" % (label, v, "-"))
        else:
            w("%-44s %7.3f %9s  %s" % (label, v, "<= %.2f" % target,
                                       "met" if v <= target else "MISSED"))

    ratio("curscan-gz", "duckdb-gz", "curscan(gz) / duckdb(gz)", 1.0)
    if "duckdb-gz" in med and "duckdb-startup" in med:
        adj = med["duckdb-gz"] - med["duckdb-startup"]
        if adj > 0:
            w("%-44s %7.3f %9s" % (
                "curscan(gz) / (duckdb(gz) - its start-up)",
                med["curscan-gz"] / adj, "-"))
    ratio("curscan-plain", "csvparse-plain", "curscan(plain) / csvparse(plain)",
          1.15)
    ratio("curscan-gz", "csvparse-gz", "curscan(gz) / csvparse(gz)")
    ratio("curscan-gz", "zcat", "curscan(gz) / zcat")
    w("")
    w("peak RSS (one run each)")
    for key, label in [("curscan-gz", "curscan export.csv.gz"),
                       ("curscan-plain", "curscan export.csv"),
                       ("csvparse-gz", "csvparse export.csv.gz"),
                       ("duckdb-gz", "DuckDB read_csv(gz) under node")]:
        if key in rss:
            w("  %-38s %8.1f MiB" % (label, int(rss[key]) / 1024))
    print("\n".join(out))


if __name__ == "__main__":
    main()
