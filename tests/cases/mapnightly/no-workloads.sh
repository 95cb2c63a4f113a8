# The shortest nightly command, without a workloads file: the night
# publishes every file but the report (whose pages are per team and
# owner), and says so once, on stderr.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
{ row 2026-04-01 10 i-a 1; row 2026-04-02 10 i-a 1; } | deliver "$TMP/root" 2026-04 exec-0402
mapnightly -d "$TMP/s" -c "$TMP/c.tsv" -r "$TMP/root" -a 2026-04-02
rc=$?
ls "$TMP/s/current"
exit $rc
