#!/bin/sh
# browser.sh BINDIR: the demo's report in a real browser (issue 13).
#   sh tests/browser.sh build/bin
#  1. the demo's April, mapnightly night after night into a scratch state
#     directory (as demo/run.sh runs it), which writes each night's report;
#     then mapreport again on the night of April 30 into a directory of its
#     own, which must give the same pages
#  2. every page rendered by headless chromium to PNG: no image, a small
#     one or an image of one colour only (a blank page) fails
#  3. every page's DOM dumped after its scripts ran: the overall MAP
#     Compliance Rate (on the Lead's page), each team's rate (mapscore
#     --by team for the same night) and each open task id (tasks.tsv) must
#     be in the rendered text; every page must be linked from the index
#     and load nothing from outside itself (no src or stylesheet link)
#  4. the Lead's page printed to PDF: a PDF of 1 to 8 pages
# Each check prints PASS, FAIL or SKIP and why. Without chromium (see
# scripts/deps.sh test, which installs it where it can) every browser
# check is a SKIP, counted (CHROMIUM=PATH names the browser; CHROMIUM=
# skips). The last line is "N passed, N failed"; a
# "N skipped" line comes before it.
set -u
LC_ALL=C TZ=UTC
export LC_ALL TZ
[ $# -eq 1 ] || { echo "usage: browser.sh BINDIR" >&2; exit 2; }
BIN=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mapbrowser.XXXXXX") || exit 4
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 skip=0

ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
skipped() { echo "SKIP $*"; skip=$((skip + 1)); }
finish() {
	echo "$skip skipped"
	echo "$pass passed, $fail failed"
	[ $fail = 0 ]
	exit
}

# ---------------------------------------------------------------- the report
for t in mapnightly mapreport mapscore; do
	[ -x "$BIN/$t" ] || { bad "setup: $BIN/$t: not built"; finish; }
done
python3 demo/gen_demo.py --out "$tmp/demo" >/dev/null 2>"$tmp/gen.log" ||
	{ bad "setup: demo/gen_demo.py failed: $(tail -n 1 "$tmp/gen.log")"; finish; }
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
d=1
while [ $d -le 30 ]; do
	day=2026-04-$(printf %02d $d)
	e=$tmp/demo/exports/$day
	"$BIN/mapnightly" --bin "$BIN" -d "$tmp/s" -c demo/contracts.tsv \
	    -w demo/workloads.tsv -g demo/grants.tsv -i demo/inventory.tsv \
	    -r "$e" -m "$e/$M" -a "$day" 2>"$tmp/night.log" ||
		{ bad "setup: mapnightly, the night of $day: $(tail -n 1 "$tmp/night.log")"; finish; }
	d=$((d + 1))
done
C=$tmp/s/current
R=$C/report
if [ -f "$R/index.html" ] && [ -f "$R/lead.html" ]; then
	ok "mapnightly wrote the report: $(ls "$R" | wc -l) pages"
else
	bad "mapnightly wrote no report (index.html and lead.html) into current/report"
	finish
fi
if "$BIN/mapreport" -d "$tmp/s" -w demo/workloads.tsv -o "$tmp/again" 2>"$tmp/again.log" &&
    diff -r "$R" "$tmp/again" >"$tmp/again.diff" 2>&1; then
	ok "mapreport on current/ again: the same pages"
else
	bad "mapreport on current/ again: $(cat "$tmp/again.log" "$tmp/again.diff" 2>/dev/null | head -n 5)"
fi

# what the pages must show: mapscore's rates for the same night (overall
# and by team, month to date, as its text views print them) and the open
# task ids
cp "$C/score-history.tsv" "$tmp/history.tsv"
"$BIN/mapscore" -l "$C/ledger.tsv" -s "$C/state.tsv" -t "$C/tasks.tsv" \
    -a "$C/attribution.tsv" --claims "$C/claims.tsv" -H "$tmp/history.tsv" \
    --as-of 2026-04-30 --by team >"$tmp/score.tsv" 2>"$tmp/score.log" ||
	bad "mapscore --by team: $(tail -n 1 "$tmp/score.log")"
awk -F '\t' '
function pct(r,   i, f) {	# 0.7139 -> 71.39%, as mapscore prints a rate
	if (r == "") return ""
	i = index(r, "."); f = (i ? substr(r, i + 1) : "") "0000"
	return (substr(r, 1, i ? i - 1 : length(r)) * 100 + substr(f, 1, 2)) "." substr(f, 3, 2) "%"
}
NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$c["window"] == "mtd" && $c["by"] == "all" { print "overall\tall\t" pct($c["rate"]) }
$c["window"] == "mtd" && $c["by"] == "team" && $c["rate"] != "" && $c["group"] != "unowned" { print "team\t" $c["group"] "\t" pct($c["rate"]) }
' "$tmp/score.tsv" >"$tmp/expect"
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
$c["status"] == "open" { print "open task\t" $c["task_id"] "\t" $c["task_id"] }' "$C/tasks.tsv" >>"$tmp/expect"
grep -q '^overall' "$tmp/expect" || bad "mapscore printed no overall rate"

# ---------------------------------------------------------------- the browser
browser=
if [ -n "${CHROMIUM+set}" ]; then	# the browser to use, or none
	[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] && browser=$CHROMIUM
else
	for b in chromium chromium-browser; do
		command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
	done
fi
pages=$(cd "$R" && ls *.html)
npages=$(echo "$pages" | wc -l)
if [ -z "$browser" ]; then
	why="chromium is not installed (scripts/deps.sh test installs Debian's chromium, as root)"
	for p in $pages; do
		skipped "render $p to PNG: $why"
		skipped "$p's DOM: $why"
	done
	skipped "the figures in the rendered text: $why"
	skipped "print lead.html to PDF: $why"
	echo "SKIPPED: the report was not checked in a browser: $why" >&2
	finish
fi
tmo=
command -v timeout >/dev/null 2>&1 && tmo="timeout 120"
# chromium ARG... URL: headless, no network of its own, a profile of its
# own; its chatter (D-Bus, the wrapper script) goes to a log
chrome() {
	_prof=$(mktemp -d "$tmp/profile.XXXXXX")
	$tmo "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --disable-extensions \
	    --user-data-dir="$_prof" "$@" 2>>"$tmp/chromium.log"
	_rc=$?
	rm -rf "$_prof"
	return $_rc
}

pycheck() {	# what: png FILE | text FILE... (see below)
	python3 - "$@" <<'PY'
import html.parser, struct, sys, zlib

def png(path):
    """None, or why the image is not a rendered page."""
    try:
        d = open(path, 'rb').read()
    except OSError as e:
        return 'no image: %s' % e.strerror
    if len(d) < 2000:
        return 'an image of %d bytes' % len(d)
    if d[:8] != b'\x89PNG\r\n\x1a\n':
        return 'not a PNG'
    pos, idat, ihdr = 8, [], None
    while pos + 8 <= len(d):
        n, t = struct.unpack('>I4s', d[pos:pos + 8])
        c = d[pos + 8:pos + 8 + n]
        if t == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', c)
        elif t == b'IDAT':
            idat.append(c)
        elif t == b'IEND':
            break
        pos += 12 + n
    if not ihdr or not idat:
        return 'a PNG with no image data'
    w, h, depth, ctype, _, _, il = ihdr
    if depth != 8 or il != 0 or ctype not in (2, 6):
        return 'a PNG of depth %d, colour type %d, interlace %d' % (depth, ctype, il)
    bpp = 3 if ctype == 2 else 4
    stride = w * bpp
    try:
        raw = zlib.decompress(b''.join(idat))
    except zlib.error as e:
        return 'broken image data: %s' % e
    if len(raw) != h * (stride + 1):
        return 'truncated image data'
    prev, first = bytes(stride), None
    # undo the scanline filters row by row until a pixel differs from the
    # first one
    for y in range(h):
        o = y * (stride + 1)
        f, r = raw[o], bytearray(raw[o + 1:o + 1 + stride])
        if f == 1:
            for i in range(bpp, stride):
                r[i] = (r[i] + r[i - bpp]) & 255
        elif f == 2:
            r = bytearray(map(lambda a, b: (a + b) & 255, r, prev))
        elif f == 3:
            for i in range(stride):
                a = r[i - bpp] if i >= bpp else 0
                r[i] = (r[i] + ((a + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = r[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                r[i] = (r[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        elif f != 0:
            return 'a bad scanline filter %d' % f
        r = bytes(r)
        if first is None:
            first = r[:bpp]
        if r != first * w:
            return None
        prev = r
    return 'a %dx%d image of one colour only (a blank page)' % (w, h)

class Text(html.parser.HTMLParser):
    """The text a reader gets: no script or style, entities decoded."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip, self.links, self.external = [], 0, set(), []
    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.skip += 1
        # what the page loads (not what it links to) must be in it
        for k, v in attrs:
            if v and (k == 'src' or (tag == 'link' and k == 'href')) and \
                    not v.startswith(('data:', '#')):
                self.external.append('<%s %s="%s">' % (tag, k, v))
        if tag == 'a':
            for k, v in attrs:
                if k == 'href' and v:
                    self.links.add(v.split('#')[0])
    def handle_endtag(self, tag):
        if tag in ('script', 'style') and self.skip:
            self.skip -= 1
    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)

if sys.argv[1] == 'png':
    why = png(sys.argv[2])
    print(why or 'ok')
    sys.exit(1 if why else 0)
# text EXPECT DOM...: which expected figures no page shows
expect = [l.rstrip('\n').split('\t') for l in open(sys.argv[2])]
texts, links, bad = {}, set(), 0
for path in sys.argv[3:]:
    p = Text()
    p.feed(open(path, encoding='utf-8', errors='replace').read())
    name = path.rsplit('/', 1)[-1][:-len('.dom')]
    texts[name] = ' '.join(' '.join(p.out).split())
    if p.external:
        print('FAIL %s loads %s: a page must be self-contained' % (name, ', '.join(p.external[:3])))
        bad += 1
    if name == 'index.html':
        links = p.links
everything = ' '.join(texts.values())
for what, name, value in expect:
    where = texts.get('lead.html', '') if what == 'overall' else everything
    page = 'the Lead page' if what == 'overall' else 'any page'
    label = '%s %s' % (what, name) + ('' if value == name else ' ' + value)
    if value in where:
        print('PASS %s: on %s' % (label, page))
    else:
        print('FAIL %s: not in the rendered text of %s' % (label, page))
        bad += 1
for name in sorted(texts):
    if name != 'index.html' and name not in links:
        print('FAIL %s: not linked from index.html' % name)
        bad += 1
sys.exit(1 if bad else 0)
PY
}

for p in $pages; do
	url=file://$R/$p
	if ! chrome --window-size=1280,1600 --hide-scrollbars \
	    --screenshot="$tmp/$p.png" "$url" >/dev/null; then
		bad "render $p to PNG: chromium failed ($(tail -n 1 "$tmp/chromium.log"))"
	elif why=$(pycheck png "$tmp/$p.png"); then
		ok "render $p to PNG: $(wc -c <"$tmp/$p.png") bytes, not blank"
	else
		bad "render $p to PNG: $why"
	fi
	if ! chrome --dump-dom "$url" >"$tmp/$p.dom"; then
		bad "$p's DOM: chromium failed ($(tail -n 1 "$tmp/chromium.log"))"
	elif [ ! -s "$tmp/$p.dom" ] || ! grep -q '</html>' "$tmp/$p.dom"; then
		bad "$p's DOM: empty or cut short"
	else
		ok "$p's DOM: $(wc -c <"$tmp/$p.dom") bytes"
	fi
done
# one result line per figure: counted one by one
# shellcheck disable=SC2046
pycheck text "$tmp/expect" $(for p in $pages; do echo "$tmp/$p.dom"; done) >"$tmp/figures"
while IFS= read -r l; do
	case $l in
	PASS\ *) ok "${l#PASS }" ;;
	*) bad "${l#FAIL }" ;;
	esac
done <"$tmp/figures"

if ! chrome --no-pdf-header-footer --print-to-pdf="$tmp/lead.pdf" "file://$R/lead.html" >/dev/null; then
	bad "print lead.html to PDF: chromium failed ($(tail -n 1 "$tmp/chromium.log"))"
elif [ "$(head -c 5 "$tmp/lead.pdf")" != "%PDF-" ]; then
	bad "print lead.html to PDF: not a PDF"
else
	# the page tree's /Count: the largest is the root's
	n=$(LC_ALL=C grep -a -o '/Type */Pages[^>]*/Count [0-9]*\|/Count [0-9]*' "$tmp/lead.pdf" |
	    sed 's/.*Count //' | sort -n | tail -n 1)
	if [ -n "$n" ] && [ "$n" -ge 1 ] && [ "$n" -le 8 ]; then
		ok "print lead.html to PDF: $n pages, $(wc -c <"$tmp/lead.pdf") bytes"
	else
		bad "print lead.html to PDF: ${n:-no} pages (want 1 to 8)"
	fi
fi
echo "($npages pages checked with $($browser --version 2>/dev/null | head -n 1))"
finish
