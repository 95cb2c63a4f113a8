# mapscore honours the roles file beside the data (STATEDIR/roles.tsv,
# found from STATEDIR/current/ledger.tsv): a Portfolio Manager of Digital
# Commerce sees that portfolio's view, not another's and not the
# organisation-wide rates (exit 2 naming what is granted); the FinOps
# Lead and root see everything; without a roles file nothing changes.
# As root the case runs mapscore as nobody (setpriv).
. tests/mcp_night.sh
if [ "$(id -u)" = 0 ]; then
	U=nobody G=$(id -gn nobody)
	D=$(mktemp -d /tmp/mapscore-roles.XXXXXX) && chmod 755 "$D"
	run() { setpriv --reuid=nobody --regid="$G" --clear-groups "$BIN/mapscore" "$@"; }
else
	U=$(id -un) G=$(id -gn)
	D=$TMP/r && mkdir "$D"
	run() { "$BIN/mapscore" "$@"; }
fi
cp -R "$N" "$D/n"
C=$D/n/current
show() { sed "s|$D|\$D|g; s|'$U'|'USER'|g"; }
score() {
	echo "\$ mapscore $*"
	run -l "$C/ledger.tsv" -s "$C/state.tsv" -t "$C/tasks.tsv" -a "$C/attribution.tsv" "$@" > "$D/out" 2> "$D/err"
	echo "exit $?, $(wc -l < "$D/out") lines"
	show < "$D/err"
}
echo "--- no roles file"
score -r portfolio --scope 'Platform'
printf 'who\trole\tscope\nuser:finops-lead\tlead\t\nuser:%s\tportfolio\tDigital Commerce\n' "$U" > "$D/n/roles.tsv"
chmod -R a+rX "$D"
echo "--- a Portfolio Manager of Digital Commerce"
score -r portfolio --scope 'Digital Commerce'
score -r portfolio --scope 'Platform'
score
score -b team
score -r lead
echo "--- the FinOps Lead"
printf 'who\trole\tscope\nuser:%s\tlead\t\n' "$U" > "$D/n/roles.tsv"
score -b team
rm -rf "$D"
