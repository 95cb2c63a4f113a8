# Readers of a state directory resolve current (and history/D) once, so
# that every file they read is of one night even when a night swaps the
# link meanwhile (issue 17, item 3): afile_pin_dir gives the directory a
# symlink names now, a relative target taken from the link's directory
# (history/D -> ../nights/D.N is STATEDIR/nights/D.N), anything else as it
# is, a link to a link to the end of the chain. Then: mapask names the
# night's own directory in its sources.
pin=$BIN/../tests/pin-dir
cd "$TMP" || exit 1
mkdir -p S/nights/D.1 S/nights/D.2 S/history h
ln -s nights/D.1 S/current
ln -s ../nights/D.1 S/history/D
ln -s ../../y S/history/E
ln -s /abs/x abs
ln -s S/current rel
"$pin" S/current S/history/D "$TMP/S/history/D" S/history/E abs S S/nights/D.1 rel | sed "s|$TMP|\$TMP|g"
(cd S/history && "$pin" D ../current)
cd - >/dev/null || exit 1
echo "--- mapask: the sources are the night's own files"
. tests/mcp_night.sh
cp -R "$N" "$TMP/n"
mapask -d "$TMP/n" -f tsv rate > "$TMP/a"
rc=$?
tests/cols section,file "$TMP/a" | awk -F '\t' '$1 == "sources" { sub(/.*\/n\//, "", $2); print "  " $2 }'
exit $rc
