# what each stage is given: stand-ins for mapcredit and mapscore write the
# arguments they got; a missing tool stops the night before it starts; the
# tag keys curscan carries come from -t and the workloads file's
# tag: claims; the month's ledger keeps its columns by name when the
# workloads file comes in on a later night
python3 demo/gen_demo.py --out "$TMP/demo" --days 3 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
night() {	# DAY STATEDIR [OPTION]...
	e=$TMP/demo/exports/2026-04-$1 s=$2
	shift 2
	mapnightly -d "$s" -c demo/contracts.tsv -r "$e" -m "$e/$M" "$@"
	echo "exit $?"
}
mkdir "$TMP/bin" "$TMP/stub"
for t in curscan mapstate maptasks mapnightly; do
	ln -s "$BIN/$t" "$TMP/bin/$t"
	ln -s "$BIN/$t" "$TMP/stub/$t"
done
echo "--- without mapcredit: refused before anything is written"
night 01 "$TMP/none" --bin "$TMP/bin"
ls "$TMP/none" 2>&1 | sed "s|$TMP|\$TMP|"
for t in mapcredit mapscore; do ln -s "$BIN/$t" "$TMP/bin/$t"; done
echo "--- without workloads"
night 01 "$TMP/s" --bin "$TMP/bin"
ls "$TMP/s/current" | tr '\n' ' '; echo
echo "--- the workloads file from night 02 on: its tag claims add tag_team"
night 02 "$TMP/s" --bin "$TMP/bin" -w demo/workloads.tsv -t environment
head -n 1 "$TMP/s/current/state.tsv" | tr '\t' '\n' | grep -n -e '^tag_' -e '^workload$'
head -n 1 "$TMP/s/current/ledger.tsv"
awk -F '\t' 'NR > 1 { n[$1 " " ($12 == "" ? "no workload" : "workload")]++ }
    END { for (k in n) print k ": " n[k] }' "$TMP/s/current/ledger.tsv" | sort
echo "--- stand-ins for mapcredit and mapscore"
cat >"$TMP/stub/mapcredit" <<'STUB'
#!/bin/sh
[ "$1" = --help ] && exit 0
echo "mapcredit $*" >&2
while [ $# -gt 0 ]; do
	case $1 in --pools | --other | --claims) printf 'x\n' >"$2"; shift ;; esac
	shift
done
echo attribution
STUB
cat >"$TMP/stub/mapscore" <<'STUB'
#!/bin/sh
echo "mapscore $*" >&2
while [ $# -gt 0 ]; do
	case $1 in -H) echo "day" >>"$2"; cat "$2" >&2; shift ;; esac
	shift
done
echo score
STUB
chmod +x "$TMP/stub/mapcredit" "$TMP/stub/mapscore"
night 01 "$TMP/t" --bin "$TMP/stub" -w demo/workloads.tsv -g demo/grants.tsv -i demo/inventory.tsv -a 2026-04-01
night 02 "$TMP/t" --bin "$TMP/stub" -w demo/workloads.tsv -g demo/grants.tsv -i demo/inventory.tsv
ls "$TMP/t/current" | tr '\n' ' '; echo
