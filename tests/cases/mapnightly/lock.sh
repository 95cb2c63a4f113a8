# two runs never interleave: while another run holds the lock, a second
# one exits at once with a clear message and status 4, or waits with
# --lock-wait; the same with the mkdir(1) lock used where flock(1) is
# missing, which also says when its holder has gone; a run that failed
# does not keep the lock
python3 demo/gen_demo.py --out "$TMP/demo" --days 1 2>/dev/null || echo "gen_demo.py failed"
e=$TMP/demo/exports/2026-04-01
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {
	mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -r "$e" -m "$e/$M" "$@"
	echo "exit $?"
}
mkdir "$TMP/s"
# a run holding the lock: its pid written where mapnightly writes it
sh -c 'exec 9>>"$1"; flock 9; echo 4242 >"$1"; : >"$2"; exec sleep 30' sh "$TMP/s/.lock" "$TMP/held" &
holder=$!
while [ ! -f "$TMP/held" ]; do sleep 0.1; done
night
night --lock-wait 1
ls -A "$TMP/s"
kill $holder
wait $holder 2>/dev/null
echo "--- the holder is gone"
night
echo "--- a holder that lets go while the second run waits"
rm -f "$TMP/held"
sh -c 'exec 9>>"$1"; flock 9; : >"$2"; exec sleep 1' sh "$TMP/s/.lock" "$TMP/held" &
holder=$!
while [ ! -f "$TMP/held" ]; do sleep 0.1; done
night --lock-wait 20
wait $holder
echo "--- the mkdir lock"
mkdir "$TMP/s/.lock.d"
sleep 0 &
gone=$!
wait $gone
echo $gone >"$TMP/s/.lock.d/pid"
MAPNIGHTLY_LOCK=mkdir night 2>&1 | sed "s/pid $gone/pid GONE/g"
MAPNIGHTLY_LOCK=mkdir night --lock-wait 1 2>&1 | sed "s/pid $gone/pid GONE/g"
rmdir "$TMP/s/.lock.d" 2>/dev/null || rm -r "$TMP/s/.lock.d"
MAPNIGHTLY_LOCK=mkdir night
ls -A "$TMP/s"
echo "--- a failed run lets go of the lock"
MAPNIGHTLY_LOCK=mkdir night -c /dev/null 2>/dev/null
night -c /dev/null 2>/dev/null
ls -A "$TMP/s"
night
MAPNIGHTLY_LOCK=mkdir night
MAPNIGHTLY_LOCK=fcntl night
