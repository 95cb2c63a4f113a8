# a closed period restated: March closes on the night of 04-02
# (--close-after 2); then AWS delivers March again with one more row. The
# night names the newer delivery (a warning, in the run log too) and keeps
# March as it closed; --reopen 2026-03 re-derives March from the
# checkpoint before it and closes it again, and the night then equals one
# run on the same deliveries. With --reopen-restated a restatement
# reopens its period by itself. --reopen of a period not closed is a usage
# error.
. tests/cur_delivery.sh
contract "$TMP/c.tsv"
night() {	# STATEDIR DAY [OPTION]...
	_s=$1 _d=$2
	shift 2
	mapnightly -d "$_s" -c "$TMP/c.tsv" --no-report -r "$TMP/root" --close-after 2 -a "$_d" "$@"
	echo "night $_d: exit $?"
}
show() {
	echo "  March closed with $(sed 1d "$1/periods/2026-03/ledger.tsv" | cut -f 1,9 | tr '\t\n' ' ;')"
	echo "  state: $(sed 1d "$1/current/state.tsv" | cut -f 2,13,20 | tr '\t\n' ' ;')"
	grep -E '^(checkpoint|closed|reopened|warning)' "$1/current/night.log" | sed 's/^/  log: /'
	# a closed period is published as a night is: a link renamed in
	# (a reader finds the old period or the new, never none), the copy
	# it replaced gone
	echo "  periods/2026-03 -> $(readlink "$1/periods/2026-03"); copies: $(ls "$1/nights" | grep -c '^2026-03\.')"
}
{ row 2026-03-30 10 i-a 1; row 2026-03-31 10 i-a 1; } | deliver "$TMP/root" 2026-03 exec-0331
{ row 2026-04-01 10 i-a 1; } | deliver "$TMP/root" 2026-04 exec-0401
night "$TMP/s" 2026-04-01
{ row 2026-04-01 10 i-a 1; row 2026-04-02 10 i-a 1; } | deliver "$TMP/root" 2026-04 exec-0402
night "$TMP/s" 2026-04-02
show "$TMP/s"
echo "--- March restated"
{ row 2026-03-30 10 i-a 1; row 2026-03-31 10 i-a 1; row 2026-03-31 40 i-b; } |
    deliver "$TMP/root" 2026-03 exec-0415
{ row 2026-04-01 10 i-a 1; row 2026-04-02 10 i-a 1; row 2026-04-03 10 i-a 1; } |
    deliver "$TMP/root" 2026-04 exec-0403
cp -R "$TMP/s" "$TMP/auto"
night "$TMP/s" 2026-04-03
show "$TMP/s"
echo "--- --reopen 2026-03"
night "$TMP/s" 2026-04-03 --reopen 2026-03
show "$TMP/s"
night "$TMP/one" 2026-04-03
for f in state events ledger tasks notify attribution claims pools other-credits credit-lines score score-history; do
	cmp -s "$TMP/s/current/$f.tsv" "$TMP/one/current/$f.tsv" || echo "  $f.tsv differs from one run"; diff "$TMP/s/current/$f.tsv" "$TMP/one/current/$f.tsv"
done
for f in "$TMP/s/periods/2026-03"/*; do
	cmp -s "$f" "$TMP/one/periods/2026-03/${f##*/}" || echo "  periods/2026-03/${f##*/} differs from one run"; diff "$f" "$TMP/one/periods/2026-03/${f##*/}"
done
echo "  compared with one run"
echo "--- --reopen-restated"
night "$TMP/auto" 2026-04-03 --reopen-restated
show "$TMP/auto"
night "$TMP/auto" 2026-04-03 --reopen-restated
grep -c '^warning' "$TMP/auto/current/night.log"
echo "--- usage"
night "$TMP/s" 2026-04-03 --reopen 2026-02
night "$TMP/s" 2026-04-03 --reopen 2026-3
