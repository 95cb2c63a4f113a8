# Side files that are not regular files (here FIFOs; a device is the
# same) are written in place, never renamed over: the events into one
# FIFO, the ledger into another, each read by cat; both are FIFOs after.
C=testdata/state/contracts.tsv
mkfifo "$TMP/ev" "$TMP/led"
timeout 30 cat "$TMP/ev" > "$TMP/ev.out" &	# a regression fails, never hangs
timeout 30 cat "$TMP/led" > "$TMP/led.out" &
mapstate -c $C -e "$TMP/ev" -l "$TMP/led" testdata/state/month.tsv > /dev/null
rc=$?
wait
head -n 2 "$TMP/ev.out"; echo "events: $(wc -l < "$TMP/ev.out") lines"
head -n 1 "$TMP/led.out"; echo "ledger: $(wc -l < "$TMP/led.out") lines"
[ -p "$TMP/ev" ] && [ -p "$TMP/led" ] && echo "both still FIFOs"
ls "$TMP" | grep -c tmp
exit $rc
