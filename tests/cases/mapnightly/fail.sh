# a night that fails at any stage leaves yesterday's files untouched, names
# the stage and exits with its status, and leaves no temporary files or
# lock behind: a corrupt contracts file (mapstate, 3), a delivery whose data
# files are missing (curscan, 4), a late stage that fails (a mapscore that
# exits 3, after every other stage succeeded)
python3 demo/gen_demo.py --out "$TMP/demo" --days 4 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY [OPTION]...
	e=$TMP/demo/exports/2026-04-$1
	shift
	mapnightly -d "$TMP/s" -c demo/contracts.tsv -w demo/workloads.tsv -g demo/grants.tsv \
	    -r "$e" -m "$e/$M" "$@"
	echo "exit $?"
}
snap() { (cd "$TMP/s" && find . -type f ! -name .lock -exec cksum {} + | sort -k 3); }
night 01
night 02
snap >"$TMP/before"
echo "--- a corrupt contracts file"
sed 's/2028-12-31/2028-13-31/' demo/contracts.tsv >"$TMP/bad-contracts.tsv"
night 03 -c "$TMP/bad-contracts.tsv"
snap | cmp - "$TMP/before" && echo "unchanged"
echo "--- the delivery's data files are missing"
mkdir "$TMP/empty"
night 03 -r "$TMP/empty"
snap | cmp - "$TMP/before" && echo "unchanged"
echo "--- the last stage fails"
mkdir "$TMP/bin"
for t in curscan mapstate maptasks mapcredit mapnightly; do ln -s "$BIN/$t" "$TMP/bin/$t"; done
printf '#!/bin/sh\necho "mapscore: something is wrong" >&2\nexit 3\n' >"$TMP/bin/mapscore"
chmod +x "$TMP/bin/mapscore"
night 03 --bin "$TMP/bin"
snap | cmp - "$TMP/before" && echo "unchanged"
echo "--- nothing left behind"
for d in "$TMP/s" "$TMP/s/history"; do echo "${d#"$TMP"/}: $(ls -A "$d" | tr '\n' ' ')"; done
echo "--- the night once put right"
night 03
ls "$TMP/s/history" | tr '\n' ' '; echo
