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
echo "--- maptasks fails beside mapcredit, which has its say later"
# maptasks and mapcredit run side by side; the night says what it would
# running them one after the other: maptasks's failure, and nothing of
# mapcredit's, however the two end
mkdir "$TMP/bin2"
for t in curscan mapstate mapscore mapnightly; do ln -s "$BIN/$t" "$TMP/bin2/$t"; done
printf '#!/bin/sh\nsleep 1\necho "maptasks: cannot go on" >&2\nexit 3\n' >"$TMP/bin2/maptasks"
printf '#!/bin/sh\necho "mapcredit: said early" >&2\nexec "%s/mapcredit" "$@"\n' "$BIN" >"$TMP/bin2/mapcredit"
chmod +x "$TMP/bin2/maptasks" "$TMP/bin2/mapcredit"
night 03 --bin "$TMP/bin2" --no-report
snap | cmp - "$TMP/before" && echo "unchanged"
echo "--- mapcredit fails, what maptasks said comes first"
printf '#!/bin/sh\nsleep 1\necho "maptasks: said late" >&2\nexec "%s/maptasks" "$@"\n' "$BIN" >"$TMP/bin2/maptasks"
printf '#!/bin/sh\necho "mapcredit: cannot go on" >&2\nexit 4\n' >"$TMP/bin2/mapcredit"
night 03 --bin "$TMP/bin2" --no-report
snap | cmp - "$TMP/before" && echo "unchanged"
echo "--- nothing left behind"
for d in "$TMP/s" "$TMP/s/history"; do echo "${d#"$TMP"/}: $(ls -A "$d" | tr '\n' ' ')"; done
echo "--- the night once put right"
night 03
ls "$TMP/s/history" | tr '\n' ' '; echo
