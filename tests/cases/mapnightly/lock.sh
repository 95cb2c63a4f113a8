# two runs never interleave: while another run holds the lock, a second
# one exits at once with a clear message and status 4, or waits with
# --lock-wait; the same with the mkdir(1) lock used where flock(1) is
# missing, which takes over the lock of a run that was killed; a run
# that failed does not keep the lock; a lock that is a symbolic link is
# refused; a stage that outlives its killed shell is named as such
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
sh -c 'exec 9>>"$1"; flock 9; echo $$ >"$1"; : >"$2"; exec sleep 30' sh "$TMP/s/.lock" "$TMP/held" &
holder=$!
while [ ! -f "$TMP/held" ]; do sleep 0.1; done
night 2>&1 | sed "s/pid $holder/pid HOLDER/"
night --lock-wait 1 2>&1 | sed "s/pid $holder/pid HOLDER/"
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
echo "--- the mkdir lock: held, then left by a killed run"
mkdir "$TMP/s/.lock.d"
sleep 30 &
alive=$!
echo $alive >"$TMP/s/.lock.d/pid"
MAPNIGHTLY_LOCK=mkdir night 2>&1 | sed "s/pid $alive/pid HOLDER/g"
kill $alive; wait $alive 2>/dev/null
MAPNIGHTLY_LOCK=mkdir night --lock-wait 1 2>&1 | sed "s/pid $alive/pid GONE/g"
ls -A "$TMP/s"
echo "--- a failed run lets go of the lock"
MAPNIGHTLY_LOCK=mkdir night -c /dev/null 2>/dev/null
night -c /dev/null 2>/dev/null
ls -A "$TMP/s"
night
MAPNIGHTLY_LOCK=mkdir night
MAPNIGHTLY_LOCK=fcntl night
echo "--- a stage outlives its killed shell"
sh -c 'exec 9>>"$1"; flock 9; : >"$2"; exec sleep 30' sh "$TMP/s/.lock" "$TMP/held2" &
stage=$!
while [ ! -f "$TMP/held2" ]; do sleep 0.1; done
sleep 0 & dead=$!; wait $dead
echo $dead > "$TMP/s/.lock"	# the pid of the shell, killed
night 2>&1 | sed "s/pid $dead/pid DEAD/"
kill $stage; wait $stage 2>/dev/null
echo "--- a lock that is a symbolic link"
rm -f "$TMP/s/.lock"
echo precious > "$TMP/target"
ln -s "$TMP/target" "$TMP/s/.lock"
night 2>&1 | sed "s|$TMP|\$TMP|g"
cat "$TMP/target"
rm -f "$TMP/s/.lock"
echo "--- --help and --version to a full disk"
mapnightly --help > /dev/full 2>/dev/null; echo "exit $?"
mapnightly --version > /dev/full 2>/dev/null; echo "exit $?"
