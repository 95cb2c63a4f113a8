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
# And one input that once took memory out of proportion (issue 17 item 9):
#
#   field  a night whose one entity id is 200 MB, through maptasks with
#          its events, ledger, -n and -s: the peak RSS over the same night
#          with a short id, per byte of the field (it was 7, 1.4 GB; each
#          copy of the field is 1 of it: the state's, the action's and the
#          command's, so about 3 is the floor of what maptasks keeps)
#
# Environment: BENCH_QROWS (default 80000), BENCH_RUNS (default 5),
# BENCH_FIELD_MB (default 200), BUILD (default build). Needs hyperfine and
# python3 (bench/run.sh says how).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
work=$here/work/quadratic
rows=${BENCH_QROWS:-80000}
field_mb=${BENCH_FIELD_MB:-200}
runs=${BENCH_RUNS:-5}
bin=$root/${BUILD:-build}/bin
mkdir -p "$work"
for t in curscan mapcontract mapstate maptasks ../tests/peakrss; do
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

# ---- field: one 200 MB value (the inputs gzipped: a few hundred KB) ----
C=$root/testdata/state/contracts.tsv
"$bin/mapstate" -c "$C" -e "$work/field.ev" -l "$work/field.led" \
    "$root/testdata/state/month.tsv" > "$work/field.state"
python3 - "$work" "$field_mb" <<'PY'
import gzip, sys
d, mb = sys.argv[1], int(sys.argv[2])
for name, v in (("short", "i-malformed-x"),
                ("long", "i-malformed-" + "x" * (mb << 20))):
    for f in ("state", "ev", "led"):
        s = open(f"{d}/field.{f}").read()
        with gzip.open(f"{d}/field-{name}.{f}.gz", "wt", compresslevel=1) as o:
            o.write(s.replace("\ti-malformed\t", "\t" + v + "\t"))
PY
peak() {	# NAME: peak RSS in KB of maptasks on that night
	"$bin/../tests/peakrss" /dev/null "$bin/maptasks" -c "$C" \
	    -e "$work/field-$1.ev.gz" -l "$work/field-$1.led.gz" -n /dev/null \
	    -s /dev/null "$work/field-$1.state.gz" ||
	    { echo "quadratic.sh: maptasks failed on the $1 id" >&2; exit 4; }
}
t0=$(date +%s.%N)
s=$(peak short)
t1=$(date +%s.%N)
l=$(peak long)
t2=$(date +%s.%N)
awk -v s="$s" -v l="$l" -v mb="$field_mb" -v t0="$t0" -v t1="$t1" \
    -v t2="$t2" 'BEGIN {
	printf "a %d MB entity id through maptasks (one run each)\n", mb
	printf "  short id  %8.0f MB peak RSS %8.3f s\n", s / 1024, t1 - t0
	printf "  long id   %8.0f MB peak RSS %8.3f s\n", l / 1024, t2 - t1
	printf "  (long - short) / field  %6.2f\n", (l - s) / (mb * 1024)
}'
