#!/bin/sh
# run.sh BINDIR: the demo (`make demo`). A month of MAP history for the
# demo organisation, Aurora Retail Group:
#   1. generate April 2026's exports, one month-to-date delivery per day,
#      into demo/out/exports/ (once; again when gen_demo.py or grants.tsv
#      change); each also holds March's delivery, restated once (from the
#      export of April 4);
#   2. run mapnightly for every day of April in turn, as cron would (given
#      the export root, it finds both periods), into demo/out/nightly/, one
#      line per night;
#   3. print the FinOps Lead's view of April 30 (mapscore --role lead);
#   4. run the night of April 30 again (nothing may change), and replay
#      the whole month in one run into demo/out/oneshot/, which must end
#      with the same files as the thirty nights (night.log but for its
#      revised lines: the late rows and the restated day each night took
#      in, which a run with no night before has none of);
#   5. name the FinOps Lead's page of April 30 (mapreport's, which
#      mapnightly writes every night into report/) for the user to open.
set -u
LC_ALL=C
export LC_ALL
[ $# -eq 1 ] || { echo "usage: demo/run.sh BINDIR" >&2; exit 2; }
BIN=$(cd "$1" && pwd) || exit 2
here=$(cd "$(dirname "$0")" && pwd)
out=$here/out
month=2026-04
ndays=30

for t in curscan mapstate maptasks mapnightly; do
	[ -x "$BIN/$t" ] || { echo "run.sh: $BIN/$t: not built (make)" >&2; exit 4; }
done
command -v python3 >/dev/null 2>&1 ||
	{ echo "run.sh: python3 is needed to generate the demo month (scripts/deps.sh demo)" >&2; exit 4; }

# 1. the exports
stamp=$(cat "$here/gen_demo.py" "$here/grants.tsv" | cksum)
if [ "$(cat "$out/exports/.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$out/exports"
	python3 "$here/gen_demo.py" --out "$out" || exit 4
	echo "$stamp" >"$out/exports/.stamp"
fi

# night DAY STATEDIR: mapnightly on the delivery of DAY, quiet unless it
# has something to say
night() {
	e=$out/exports/$1
	"$BIN/mapnightly" --bin "$BIN" -d "$2" -c "$here/contracts.tsv" \
	    -w "$here/workloads.tsv" -g "$here/grants.tsv" -i "$here/inventory.tsv" \
	    -r "$e" -a "$1" -k 31 2>"$out/night.log"
	rc=$?
	grep -v 'skipped: map[a-z]* not installed' "$out/night.log" | sed 's/^/    /'
	if [ $rc -ne 0 ]; then
		echo "run.sh: the night of $1 failed (exit status $rc)" >&2
		exit $rc
	fi
}

# the month-to-date MAP Compliance Rate: mapscore's, or else worked out
# from the ledger the same way (accruing / eligible spend)
mtd_rate() {
	if [ -f "$1/score.tsv" ]; then
		awk -F '\t' '
		NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
		$c["window"] == "mtd" && $c["by"] == "all" {
			r = $c["rate"]
			if (r == "") printf "-"; else printf "%.1f%%", 100 * r
			exit
		}' "$1/score.tsv"
		return
	fi
	awk -F '\t' '
	NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ e += $c["eligible_cost"]; a += $c["accruing_cost"] }
	END { if (e > 0) printf "%.1f%%", 100 * a / e; else printf "-" }' "$1/ledger.tsv"
}

# 2. the nights
rm -rf "$out/nightly" "$out/oneshot"
cur=$out/nightly/current
claims=/dev/null	# mapcredit's claimed vs projected, once there is one
echo "Aurora Retail Group, April 2026: mapnightly every night, as cron would run it"
[ -x "$BIN/mapcredit" ] || echo "(mapcredit is not built yet: no credit pools or attribution)"
[ -x "$BIN/mapscore" ] || echo "(mapscore is not built yet: the rates below are worked out from the ledger)"
echo
printf '%-10s  %8s  %7s  %5s  %10s  %11s  %8s\n' night entities pending stale "open tasks" "MAP credit" "MTD rate"
d=1
while [ $d -le $ndays ]; do
	day=$month-$(printf '%02d' $d)
	night "$day" "$out/nightly"
	[ -f "$cur/claims.tsv" ] && claims=$cur/claims.tsv
	awk -F '\t' -v day="$day" -v rate="$(mtd_rate "$cur")" '
	FILENAME ~ /state.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) s[$i] = i; next }
		n++
		if ($s["state"] == "PENDING_TAG") p++
		if ($s["state"] == "STALE_TAG") st++
		next
	}
	FILENAME ~ /tasks.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) t[$i] = i; next }
		if ($t["status"] == "open") o++
		next
	}
	FILENAME ~ /claims.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) k[$i] = i; next }
		r += $k["received"]; have = 1
	}
	END {
		printf "%-10s  %8d  %7d  %5d  %10d  %11s  %8s\n", day, n, p, st, o,
		    (have ? sprintf("$%.2f", r) : "-"), rate
	}' "$cur/state.tsv" "$cur/tasks.tsv" "$claims"
	d=$((d + 1))
done

# 3. the Lead's view
last=$month-$ndays
echo
if [ -x "$BIN/mapscore" ]; then
	cp "$cur/score-history.tsv" "$out/score-history.view.tsv" 2>/dev/null ||
		: >"$out/score-history.view.tsv"
	set -- -l "$cur/ledger.tsv" -s "$cur/state.tsv" -t "$cur/tasks.tsv"
	[ -f "$cur/attribution.tsv" ] && set -- "$@" -a "$cur/attribution.tsv"
	[ -f "$cur/claims.tsv" ] && set -- "$@" --claims "$cur/claims.tsv"
	"$BIN/mapscore" "$@" --history "$out/score-history.view.tsv" --as-of "$last" \
	    --role lead --format text || exit $?
else
	echo "FinOps Lead's view, $last (a summary of the state, ledger and tasks; mapscore gives the full view)"
	awk -F '\t' '
	FILENAME ~ /ledger.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) l[$i] = i; next }
		p = ("portfolio" in l) ? $l["portfolio"] : ""
		if (p == "") p = "(unowned)"
		E[p] += $l["eligible_cost"]; A[p] += $l["accruing_cost"]
		e += $l["eligible_cost"]; a += $l["accruing_cost"]
		if ($l["state"] == "PENDING_TAG") pend += $l["eligible_cost"]
		if ($l["state"] == "STALE_TAG") stale += $l["eligible_cost"]
		next
	}
	FILENAME ~ /state.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) s[$i] = i; next }
		if ($s["state"] == "PENDING_TAG" || $s["state"] == "STALE_TAG") {
			nrisk++; daily += $s["daily_cost"]
		}
		next
	}
	FILENAME ~ /tasks.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) t[$i] = i; next }
		if ($t["status"] == "open") { open++; T[$t["type"]]++ }
		next
	}
	FILENAME ~ /claims.tsv$/ {
		if (FNR == 1) { for (i = 1; i <= NF; i++) k[$i] = i; next }
		C[++nc] = sprintf("  %-12s received $%10.2f  earned $%10.2f  projected $%10.2f  gap $%9.2f",
		    $k["contract"], $k["received"], $k["earned"], $k["projected"], $k["gap"])
	}
	END {
		printf "  MAP Compliance Rate, month to date: %.1f%% (accruing $%.2f of eligible $%.2f)\n",
		    (e > 0 ? 100 * a / e : 0), a, e
		n = 0
		for (p in E) P[++n] = p
		for (i = 2; i <= n; i++)	# insertion sort: a defined order
			for (j = i; j > 1 && P[j - 1] > P[j]; j--) { x = P[j]; P[j] = P[j - 1]; P[j - 1] = x }
		for (i = 1; i <= n; i++)
			printf "    %-18s %6s  eligible $%10.2f\n", P[i],
			    (E[P[i]] > 0 ? sprintf("%.1f%%", 100 * A[P[i]] / E[P[i]]) : "-"), E[P[i]]
		printf "  Spend not accruing, month to date: $%.2f PENDING_TAG, $%.2f STALE_TAG\n", pend, stale
		printf "  Exposure now: %d entities PENDING_TAG or STALE_TAG, about $%.2f of eligible spend a day\n",
		    nrisk, daily
		printf "  Open Cloud Engineer tasks: %d", open
		sep = " ("
		split("TAG_RESOURCE RETAG_RESOURCE CREATE_PROFILE ADD_TO_PROFILE TAG_PROFILE TAG_PRINCIPAL", ty, " ")
		for (i = 1; i <= 6; i++)
			if (T[ty[i]]) { printf "%s%s %d", sep, ty[i], T[ty[i]]; sep = ", " }
		print (sep == ", " ? ")" : "")
		if (nc) {
			print "  MAP credits, claimed vs projected (mapcredit):"
			for (i = 1; i <= nc; i++) print C[i]
		}
	}' "$cur/ledger.tsv" "$cur/state.tsv" "$cur/tasks.tsv" "$claims"
fi

# 4. the same night again, and the month in one run
snap() { (cd "$1" && find . -type f | LC_ALL=C sort | while read -r f; do cksum "$f"; done); }
echo
before=$(snap "$cur")
night "$last" "$out/nightly"
if [ "$(snap "$cur")" = "$before" ]; then
	echo "night of $last run again: identical"
else
	echo "night of $last run again: CHANGED" >&2
	exit 1
fi
night "$last" "$out/oneshot"
rc=0
for f in "$cur"/*; do
	b=${f##*/}
	case $b in score.tsv | score-history.tsv) continue ;; esac	# the trend needs the nights
	if [ "$b" = night.log ]; then	# but what changed since the night before,
		# and March's close (the one run closes it tonight; the nights did
		# on the 15th)
		grep -v '^closed	2026-03$' "$out/oneshot/current/night.log" >"$out/oneshot.log"
		grep -v '^revised	' "$f" | cmp -s - "$out/oneshot.log" ||
			{ echo "one-shot replay: night.log differs" >&2; rc=1; }
		continue
	fi
	if [ -d "$f" ]; then	# report/: every page
		diff -r "$f" "$out/oneshot/current/$b" >/dev/null 2>&1 ||
			{ echo "one-shot replay: $b/ differs" >&2; rc=1; }
		continue
	fi
	cmp -s "$f" "$out/oneshot/current/$b" || { echo "one-shot replay: $b differs" >&2; rc=1; }
done
[ $rc = 0 ] && echo "one-shot replay: identical"
# what the nights took in late: rows that came a delivery late, the day
# restated, and March restated after its end (night.log's "revised" lines,
# night by night); March closed into periods/ on the 15th
nrev=$(cat "$out"/nightly/history/*/night.log | grep -c '^revised	')
ndays=$(cat "$out"/nightly/history/*/night.log | awk -F '\t' '$1 == "revised" { print $2 }' | sort -u | wc -l)
nmar=$(cat "$out"/nightly/history/*/night.log | awk -F '\t' '$1 == "revised" && $2 ~ /^2026-03-/' | wc -l)
echo "late rows and restated days taken in: $nrev entity-days revised, of $ndays days, $nmar of them in March (the nights' night.log)"
[ -d "$out/nightly/periods/2026-03" ] && echo "March closed on the night of $(awk -F '\t' '$1 == "closed" { print FILENAME }' "$out"/nightly/history/*/night.log | sed 's|.*/history/\([^/]*\)/.*|\1|')"

# 5. the Lead's page
lead=$out/nightly/history/$last/report/lead.html
echo
if [ -f "$lead" ]; then
	echo "The FinOps Lead's page of $last, to open in a browser:"
	echo "  $lead"
	echo "(every page of the night: $out/nightly/history/$last/report/index.html)"
else
	echo "(mapreport is not built: no report pages)"
fi
exit $rc
