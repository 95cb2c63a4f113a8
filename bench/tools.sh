# shellcheck shell=sh disable=SC2154,SC2034 # work, src in; bin, binsum out
# bench/tools.sh, sourced by night.sh and nights.sh: the tools, copied from
# $src to $work/bin at the start (a rebuild during the run changes nothing;
# bin and binsum say which were timed), and timing wrappers for them in
# $work/wrap (given as mapnightly --bin: each tool's start and end, to the
# millisecond, one line a run in $work/wrap.log).
mkdir -p "$work/bin" "$work/wrap"
for t in curscan mapstate maptasks mapcredit mapscore mapshard mapreport mapnightly; do
	[ -x "$src/$t" ] || continue
	cp "$src/$t" "$work/bin/$t.tmp" && mv "$work/bin/$t.tmp" "$work/bin/$t"
done
bin=$work/bin
binsum=$(cat "$bin"/* | cksum | cut -d' ' -f1)
for t in curscan mapstate maptasks mapcredit mapscore mapshard mapreport; do
	[ -x "$bin/$t" ] || continue
	cat >"$work/wrap/$t" <<EOF
#!/bin/sh
_s=\$(date +%s.%N)
"$bin/$t" "\$@"
_rc=\$?
printf '%s\t%s\t%s\n' $t "\$_s" "\$(date +%s.%N)" >>"$work/wrap.log"
exit \$_rc
EOF
	chmod +x "$work/wrap/$t"
done
