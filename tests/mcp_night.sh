# tests/mcp_night.sh: the demo's last night (April 30, one mapnightly run
# over the month to date) as a state directory, for the mapask cases.
# Sourced by a case (BIN, TMP set); sets N to the state directory. It is
# made once per run of the suite, in the run's scratch directory, and
# shared by the cases that source this (they only read it). Cases run in
# parallel: the first makes it under a lock and moves it into place whole;
# the others wait for it.
N=$(dirname "$TMP")/mapask-night
if [ ! -f "$N/current/ledger.tsv" ]; then
	if mkdir "$N.lock" 2>/dev/null; then
		rm -rf "$N.build" "$N.demo"
		python3 demo/gen_demo.py --out "$N.demo" >/dev/null 2>&1 || echo "gen_demo.py failed"
		M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
		e=$N.demo/exports/2026-04-30
		"$BIN/mapnightly" --bin "$BIN" -d "$N.build" -c demo/contracts.tsv -w demo/workloads.tsv \
		    -g demo/grants.tsv -i demo/inventory.tsv -r "$e" -m "$e/$M" -a 2026-04-30 \
		    >/dev/null 2>&1 || echo "night failed: exit $?"
		rm -rf "$N.demo"
		mv "$N.build" "$N"
	else
		_w=0
		while [ ! -f "$N/current/ledger.tsv" ] && [ $_w -lt 600 ]; do
			sleep 1
			_w=$((_w + 1))
		done
	fi
fi
