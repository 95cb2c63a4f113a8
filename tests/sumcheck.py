#!/usr/bin/env python3
"""sumcheck.py CSV CHARGE_LINES SUMMARY

An independent check of curscan: reads the export with Python's csv module
and Decimal, computes rows and cost per line item type, and compares them
with curscan's charge lines (sum of `cost` per `line_type`) and with its
--summary. Prints one line per file and exits 1 on any difference."""
import csv
import gzip
import sys
from decimal import Decimal

COST = ["line_item_unblended_cost", "lineItem/UnblendedCost", "BilledCost"]
TYPE = ["line_item_line_item_type", "lineItem/LineItemType", "ChargeCategory"]


def opener(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def main():
    src, lines, summary = sys.argv[1:4]
    want_rows, want_cost = {}, {}
    with opener(src) as f:
        r = csv.reader(f)
        hdr = next(r)
        ci = next(hdr.index(c) for c in COST if c in hdr)
        ti = next((hdr.index(c) for c in TYPE if c in hdr), None)
        for row in r:
            if not row:
                continue
            t = row[ti] if ti is not None else "Usage"
            want_rows[t] = want_rows.get(t, 0) + 1
            if row[ci] != "":
                want_cost[t] = want_cost.get(t, Decimal(0)) + Decimal(row[ci])
    got_rows, got_cost = {}, {}
    with open(lines, encoding="utf-8", newline="") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        ci, ti = hdr.index("cost"), hdr.index("line_type")
        for line in f:
            row = line.rstrip("\n").split("\t")
            t = row[ti]
            got_rows[t] = got_rows.get(t, 0) + 1
            if row[ci] != "":
                got_cost[t] = got_cost.get(t, Decimal(0)) + Decimal(row[ci])
    sum_rows, sum_cost = {}, {}
    with open(summary, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for line in f:
            d = dict(zip(hdr, line.rstrip("\n").split("\t")))
            if d["kind"] != "lines":
                continue
            sum_rows[d["key"]] = sum_rows.get(d["key"], 0) + int(d["rows"])
            if d["cost"] != "":
                sum_cost[d["key"]] = sum_cost.get(d["key"], Decimal(0)) + Decimal(d["cost"])
    name = src.split("/")[-1]
    ok = True
    for label, rows, cost in (("charge lines", got_rows, got_cost),
                              ("summary", sum_rows, sum_cost)):
        if rows != want_rows:
            print(f"{name}: {label}: rows {rows} != {want_rows}")
            ok = False
        for t in set(cost) | set(want_cost):
            a, b = cost.get(t, Decimal(0)), want_cost.get(t, Decimal(0))
            if a != b:
                print(f"{name}: {label}: {t} cost {a} != {b}")
                ok = False
    total = sum(want_rows.values())
    if ok:
        types = ", ".join(f"{t} {want_rows[t]} rows {want_cost.get(t, Decimal(0)):.2f}"
                          for t in sorted(want_rows))
        print(f"{name}: {total} rows agree ({types})")
    sys.exit(0 if ok else 1)


main()
