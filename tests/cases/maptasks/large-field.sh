# a 4 MB entity id with a quote and a backslash in it (issue 17: a 200 MB
# field cost 1.56 GB): the tasks, notifications and script are those of
# the same night with a short id, the long one in its place, quoted and
# escaped the same; re-running the night on its own list changes nothing;
# and the peak memory is a small multiple of the field (it was 7 times)
C=testdata/state/contracts.tsv
mapstate -c $C -w testdata/state/workloads.tsv -e "$TMP/ev" -l "$TMP/led" \
    testdata/state/month.tsv > "$TMP/state"
cat > "$TMP/ids.py" <<'EOF'
short = "i-malformed-'\\x"
long = ("i-malformed-" + "a" * (2 << 20) + "'" + "b" * (1 << 20) + "\\" +
        "c" * (1 << 20))
esc = lambda s: s.replace("\\", "\\\\")		# as TSV writes it
q = lambda s: "'" + s.replace("'", "'\"'\"'") + "'"	# as sh quotes it
EOF
python3 - "$TMP" <<'EOF'
import sys
d = sys.argv[1]
sys.path.insert(0, d)
from ids import short, long, esc
for name, v in (("short", short), ("long", long)):
    for f in ("state", "ev", "led"):
        s = open(f"{d}/{f}").read()
        s = s.replace("\ti-malformed\t", "\t" + esc(v) + "\t")
        open(f"{d}/{name}.{f}", "w").write(s)
EOF
run() {	# NAME: the night with that entity id, its tasks, notify and script
	maptasks -c $C -e "$TMP/$1.ev" -l "$TMP/$1.led" -n "$TMP/$1.notify" \
	    -s "$TMP/$1.script" "$TMP/$1.state" > "$TMP/$1.tasks" ||
	    echo "$1: exit $?"
}
run short
run long
grep -F "i-malformed-" "$TMP/short.tasks" | cut -f3-5,26,27
python3 - "$TMP" <<'EOF'
import sys
d = sys.argv[1]
sys.path.insert(0, d)
from ids import short, long, esc, q
def task_id(name):
    for line in open(f"{d}/{name}.tasks"):
        f = line.split("\t")
        if f[4] in (esc(short), esc(long)):
            return f[1]
ids = (task_id("long"), task_id("short"))
for f in ("tasks", "notify", "script"):
    a = open(f"{d}/long.{f}").read()
    b = open(f"{d}/short.{f}").read()
    n = len(a.encode())
    e = (lambda s: s) if f == "script" else esc	# sh, or TSV
    a = a.replace(e(q(long)), e(q(short))).replace(e(long), e(short))
    a = a.replace(ids[0], ids[1])
    print(f"{f}: {n} bytes,", "as with the short id" if a == b else "DIFFERS")
EOF
maptasks -c $C -p "$TMP/long.tasks" -e "$TMP/long.ev" -l "$TMP/long.led" \
    "$TMP/long.state" | cmp - "$TMP/long.tasks" && echo "again with -p: identical"
# peak RSS of the long night over the short one, per byte of the field:
# about 3 (the state's copy of the id, the action, the command), 7 before.
# ASan's quarantine keeps freed memory resident on purpose: not counted.
peak() {	# NAME
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0 \
	    "$BIN/../tests/peakrss" /dev/null maptasks -c $C -e "$TMP/$1.ev" \
	    -l "$TMP/$1.led" -n "$TMP/$1.n2" -s "$TMP/$1.s2" "$TMP/$1.state"
}
s=$(peak short) l=$(peak long) || echo "peakrss: exit $?"
awk -v s="$s" -v l="$l" 'BEGIN { r = (l - s) / 4096
	if (s + 0 <= 0 || l + 0 <= 0) print "peak memory: not measured"
	else if (r <= 5) print "peak memory: at most 5 times the field"
	else printf "peak memory: %.1f times the field\n", r }'
