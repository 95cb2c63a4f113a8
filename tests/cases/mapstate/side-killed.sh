# a tool killed (SIGTERM) after its side files are written but before they
# are renamed into place leaves no temporary behind; one killed with
# SIGKILL leaves one, which the next writer of the same file removes
C=testdata/state/contracts.tsv
mkdir -p "$TMP/d"
H='usage_start\tpayer\taccount\tservice\tregion\tentity_kind\tentity\tcost\tmap_tag\n'
{ printf "$H"; i=0; while [ $i -lt 3000 ]; do
	printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tus-east-1\tresource\ti-%06d\t1\tmig12345\n' $i
	i=$((i + 1)); done; } > "$TMP/in"
mkfifo "$TMP/out"
mapstate -c $C -e "$TMP/d/events.tsv" "$TMP/in" > "$TMP/out" 2>/dev/null &
pid=$!
exec 3< "$TMP/out"	# not read: the state blocks, its side file written
n=0
while [ $n -lt 100 ] && ! ls "$TMP/d" | grep -q tmp; do sleep 0.1; n=$((n + 1)); done
ls -A "$TMP/d" | sed 's/\.tmp\..*/.tmp.PID.XXXXXX/'
kill -TERM $pid; wait $pid; echo "SIGTERM: exit $?"
exec 3<&-
ls -A "$TMP/d"
echo "--- what a SIGKILL leaves: a temporary of a pid that is gone"
sleep 0 & gone=$!; wait $gone
: > "$TMP/d/events.tsv.tmp.$gone.AbC123"
: > "$TMP/d/events.tsv.tmp.$$.AbC123"	# this shell's: it is running
mapstate -c $C -e "$TMP/d/events.tsv" "$TMP/in" > /dev/null; echo "next run: exit $?"
ls -A "$TMP/d" | sed "s/\.$$\./.RUNNING./; s/\.$gone\./.GONE./"
