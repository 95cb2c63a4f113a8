#!/bin/sh
# bench/quadratic.sh: inputs a user can make that once took quadratic time
# (issue 17 item 8), each against an ordinary input of the same size, in
# the same run. A ratio near 1 (or the cost of the extra output) is the
# aim; the old code took 26-72 s where the ordinary input took 0.2 s.
#
#   types  80,000 distinct line item types (each also warned about once)
#   near   80,000 distinct near-miss spellings of map-migrated in tag keys
#   wide   a contracts header of 1,000,000 columns (the duplicate check)
#
# Environment: BENCH_QROWS (default 80000), BENCH_RUNS (default 5),
# BUILD (default build). Needs hyperfine and python3 (bench/run.sh says how).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/work/quadratic
rows=${BENCH_QROWS:-80000}
runs=${BENCH_RUNS:-5}
bin=$root/${BUILD:-build}/bin
mkdir -p "$work"
for t in curscan mapcontract; do
	[ -x "$bin/$t" ] || { echo "quadratic.sh: $bin/$t: build it first" >&2; exit 4; }
done
command -v hyperfine >/dev/null 2>&1 ||
	{ echo "quadratic.sh: hyperfine is missing (apt-get install hyperfine)" >&2; exit 4; }

python3 - "$work" "$rows" <<'PY'
import csv, sys
d, n = sys.argv[1], int(sys.argv[2])
hdr = ["bill_payer_account_id", "line_item_usage_account_id",
       "line_item_usage_account_name", "line_item_line_item_type",
       "line_item_usage_start_date", "line_item_product_code",
       "line_item_usage_type", "line_item_resource_id",
       "line_item_unblended_cost", "line_item_line_item_description",
       "product_region_code", "tags"]
def key(i):		# a distinct near miss: letter case and trailing dots
    b = i % 2048
    return "".join(c.upper() if b >> k & 1 else c
                   for k, c in enumerate("mapmigrated")) + "." * (i // 2048)
def write(name, lt, tag):
    with open(f"{d}/{name}.csv", "w", newline="") as o:
        w = csv.writer(o, lineterminator="\n")
        w.writerow(hdr)
        for i in range(n):
            w.writerow(["111122223333", "444455556666", "p", lt(i),
                        "2026-04-01T00:00:00Z", "AmazonEC2", "BoxUsage",
                        f"i-{i}", "1", "d", "us-east-1",
                        '{"user:%s":"mig12345"}' % tag(i)])
write("plain", lambda i: "Usage", lambda i: "map-migrated")
write("types", lambda i: f"Type{i}", lambda i: "map-migrated")
write("near", lambda i: "Usage", key)
base = ["id", "program", "payer", "mpe", "start", "end", "credit_rate",
        "accounts", "services"]
open(f"{d}/wide.tsv", "w").write(
    "\t".join(base + [f"x{i}" for i in range(1000000)]) + "\n")
open(f"{d}/narrow.tsv", "w").write("\t".join(base) + "\n")
PY

q() { printf "'%s'" "$1"; }
hyperfine -N --style basic --runs "$runs" --export-json "$work/times.json" \
    -n plain "$(q "$bin/curscan") -s /dev/null $(q "$work/plain.csv")" \
    -n types "$(q "$bin/curscan") -s /dev/null $(q "$work/types.csv")" \
    -n near "$(q "$bin/curscan") -s /dev/null $(q "$work/near.csv")" \
    -n narrow "$(q "$bin/mapcontract") check -f $(q "$work/narrow.tsv")" \
    -n wide "$(q "$bin/mapcontract") check -f $(q "$work/wide.tsv")" \
    >"$work/hyperfine.log" 2>&1 || { cat "$work/hyperfine.log" >&2; exit 4; }
python3 - "$work/times.json" "$rows" <<'PY'
import json, statistics, sys
res = {r["command"]: statistics.median(r["times"])
       for r in json.load(open(sys.argv[1]))["results"]}
print(f"quadratic inputs, {sys.argv[2]} rows (medians of the runs)")
for k in ["plain", "types", "near", "narrow", "wide"]:
    print(f"  {k:8s} {res[k]:8.3f} s")
print(f"  types / plain  {res['types'] / res['plain']:6.2f}"
      "  (each new type is also a warning line)")
print(f"  near / plain   {res['near'] / res['plain']:6.2f}")
print(f"  wide header    {res['wide']:6.3f} s for 1,000,000 columns")
PY
