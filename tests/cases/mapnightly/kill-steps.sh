# kill -9 at every step of a night: mv, ln, rm, cp, mkdir, chmod
# and the tools are wrappers that count their calls and, at call N, once the
# call is done, kill the run with SIGKILL: its whole process group, or its
# shell alone (what it started then lives on). N goes up until a run
# completes. After each kill current/ is one whole night, the old or the
# new, and so is every dated copy; the next run (the same command, nothing
# done by hand) ends with the very files of an uninterrupted run.
# Nights: a new night (03 after 01 and 02); night 02 run again, with other
# outputs (no grants file), killing the group and then the shell alone;
# both again, killing the group, over a state directory of the earlier
# layout (current/ and history/D directories, current's files hard links),
# which the run turns into links. Fails on the layout of hard links updated
# file by file: current/ mixes two nights, history/D goes missing.
python3 demo/gen_demo.py --out "$TMP/demo" --days 3 2>/dev/null || echo "gen_demo.py failed"
M=cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
KS=$TMP/ks
W=$TMP/w
mkdir -p "$KS" "$W/sys" "$W/tools"
export KS
wrap() {	# WRAPPER REAL
	cat >"$1" <<EOF
#!/bin/sh
"$2" "\$@"
rc=\$?
n=\$((\$(cat "\$KS/count") + 1))
echo \$n >"\$KS/count"
if [ \$n = "\$(cat "\$KS/at")" ]; then
	echo "${1##*/} \$*" >"\$KS/what"
	case \$(cat "\$KS/mode") in
	group) kill -9 "-\$(cat "\$KS/pid")" ;;
	shell) kill -9 "\$(cat "\$KS/pid")" ;;
	esac
fi
exit \$rc
EOF
	chmod +x "$1"
}
for t in mv ln rm cp mkdir chmod; do wrap "$W/sys/$t" "$(command -v $t)"; done
for t in curscan mapstate maptasks mapcredit mapscore mapreport; do wrap "$W/tools/$t" "$BIN/$t"; done

# night DAY STATEDIR [OPTION]...: a run without wrappers
night() {
	e=$TMP/demo/exports/2026-04-$1 s=$2
	shift 2
	mapnightly -d "$s" -c demo/contracts.tsv -w demo/workloads.tsv -i demo/inventory.tsv \
	    -r "$e" -m "$e/$M" -a "2026-04-${e##*-}" --lock-wait 30 "$@" >/dev/null 2>&1 ||
		echo "night ${e##*-} on ${s#"$TMP"/}: exit $?"
}
# killed N DAY STATEDIR MODE [OPTION]...: the same, wrapped, killed at call N
killed() {
	echo 0 >"$KS/count"
	echo "$1" >"$KS/at"
	echo "$4" >"$KS/mode"
	: >"$KS/what"
	e=$TMP/demo/exports/2026-04-$2 s=$3 _n=$1
	shift 4
	PATH=$W/sys:$PATH setsid -w sh -c 'echo $$ >"$KS/pid"; exec "$@"' sh \
	    mapnightly --bin "$W/tools" -d "$s" -c demo/contracts.tsv -w demo/workloads.tsv \
	    -i demo/inventory.tsv -r "$e" -m "$e/$M" -a "2026-04-${e##*-}" --lock-wait 30 "$@" \
	    >/dev/null 2>"$KS/err"
	rc=$?
	if [ -s "$KS/what" ]; then
		[ $rc = 137 ] || echo "step $_n ($(cat "$KS/what")): not killed, exit $rc"
	elif [ $rc != 0 ]; then
		echo "step $_n: exit $rc without a kill"
		cat "$KS/err"
	fi
}
# tree DIR: every file under DIR a reader reads (through links, not the
# hidden ones of a run at work), with its checksum
tree() {
	[ -d "$1" ] && (cd "$1" && find -L . -name '.?*' -prune -o -type f -exec cksum {} + |
	    sort -k 3)
}
# snap STATEDIR: what a reader sees (current and every dated copy) and the
# names in the state directory (a copy's number counts the runs of a night)
snap() {
	(cd "$1" && ls -A . history && ls -A nights 2>/dev/null | sed 's/\.[0-9]*$/.N/' &&
	    find -L current history -type f ! -name .lock -exec cksum {} + | sort -k 3)
}
# whole WHAT DIR OLD NEW: DIR is the whole old night or the whole new one
whole() {
	tree "$2" >"$TMP/t"
	cmp -s "$TMP/t" "$3" || cmp -s "$TMP/t" "$4" ||
		echo "step $n ($(cat "$KS/what")), $5: $1 is not one whole night"
}
# campaign NAME BASE DAY MODE [OPTION]...
campaign() {
	name=$1 base=$2 day=$3 mode=$4
	shift 4
	rm -rf "$TMP/ref"
	cp -a "$base" "$TMP/ref"
	night "$day" "$TMP/ref" "$@"
	snap "$TMP/ref" >"$TMP/ref.snap"
	tree "$base/current" >"$TMP/old.current"
	tree "$TMP/ref/current" >"$TMP/new.current"
	tree "$base/history/2026-04-$day" >"$TMP/old.day"
	tree "$TMP/ref/history/2026-04-$day" >"$TMP/new.day"
	cmp -s "$TMP/old.current" "$TMP/new.current" && echo "$name: the new night is the old one"
	bad=0 n=0
	while :; do
		n=$((n + 1))
		rm -rf "$TMP/k"
		cp -a "$base" "$TMP/k"
		killed $n "$day" "$TMP/k" "$mode" "$@"
		[ -s "$KS/what" ] || break
		# (the change of layout: a directory is moved aside, then the link
		# renamed in; between the two, there is only the moved copy)
		cur=$TMP/k/current hd=$TMP/k/history/2026-04-$day
		case $name:$(cat "$KS/what") in
		*layout:"mv $cur $TMP/k/.current.old") cur=$TMP/k/.current.old ;;
		*layout:"mv $hd $TMP/k/history/.2026-04-$day.old") hd=$TMP/k/history/.2026-04-$day.old ;;
		esac
		whole current "$cur" "$TMP/old.current" "$TMP/new.current" "$mode"
		if [ -s "$TMP/old.day" ]; then
			whole "history/2026-04-$day" "$hd" "$TMP/old.day" "$TMP/new.day" "$mode"
		fi
		for h in "$base"/history/*; do
			[ "${h##*/}" = "2026-04-$day" ] && continue
			tree "$h" >"$TMP/old.h"
			whole "history/${h##*/}" "$TMP/k/history/${h##*/}" "$TMP/old.h" "$TMP/old.h" "$mode"
		done
		night "$day" "$TMP/k" "$@"
		snap "$TMP/k" | cmp -s - "$TMP/ref.snap" ||
			echo "step $n ($(cat "$KS/what")), $mode: the next run differs from an uninterrupted one"
	done >"$TMP/campaign.out"
	if [ -s "$TMP/campaign.out" ]; then
		head -n 5 "$TMP/campaign.out" | sed "s|$TMP|\$TMP|g"
	else
		echo "$name, killing the $mode: at every step one whole night; each next run as if uninterrupted"
	fi
	[ $n -gt 20 ] || echo "$name: only $n steps?"
}

night 01 "$TMP/base" -g demo/grants.tsv
night 02 "$TMP/base" -g demo/grants.tsv
campaign "night 03" "$TMP/base" 03 group -g demo/grants.tsv
# (the shell alone: what it started lives on, holding the lock a moment)
for mode in group shell; do campaign "night 02 again" "$TMP/base" 02 $mode; done
# the earlier layout: the dated copies as directories, current/ as hard links
cp -a "$TMP/base" "$TMP/old"
for h in "$TMP/old"/history/*; do
	rm -rf "$h"
	cp -rL "$TMP/base/history/${h##*/}" "$h"
done
rm -rf "$TMP/old/current" "$TMP/old/nights"
mkdir "$TMP/old/current"
cp -lr "$TMP/old/history/2026-04-02/." "$TMP/old/current/"
campaign "night 03 over the earlier layout" "$TMP/old" 03 group -g demo/grants.tsv
campaign "night 02 again over the earlier layout" "$TMP/old" 02 group
