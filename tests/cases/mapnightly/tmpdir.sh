# the night's temporary files are its own, in DIR/.work/tmp: a TMPDIR that
# cannot be written (here a regular file, standing for a full /tmp) does not
# stop the night, and nothing is left behind in DIR
python3 demo/gen_demo.py --out "$TMP/demo" --days 2 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
e=$TMP/demo/exports/2026-04-02
: >"$TMP/full"
TMPDIR=$TMP/full mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv \
    -r "$e" -m "$e/$M" -a 2026-04-02
rc=$?
ls -A "$TMP/s"
[ -s "$TMP/full" ] && echo "TMPDIR written to"
head -n 2 "$TMP/s/current/state.tsv" | tail -n 1 | cut -f 1
exit $rc
