# system errors: exit 4 and nothing left behind
set -- --id X --program map --payer 111122223333 --mpe 12345 \
    --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 --yes
mapcontract new -f /dev/full "$@"; echo "exit $?"
mapcontract new -f "$TMP/no/such/dir/c.tsv" "$@"; echo "exit $?"
# an unwritable directory (root may write anywhere but /sys)
if [ "$(id -u)" = 0 ]; then d=/sys; else d=$TMP/ro; mkdir "$d"; chmod 555 "$d"; fi
mapcontract new -f "$d/c.tsv" "$@" 2>&1 | sed "s|$d|DIR|g; s/: [^:]*\$//"
[ -e "$d/c.tsv" ] && echo "created?"
ls -a "$d" | grep -c '^\.\{0,1\}c\.tsv\.'	# a temporary, old (.c.tsv.X) or new (c.tsv.tmpX) name
# list to a full disk
mapcontract list -f testdata/contracts/good.tsv > /dev/full; echo "exit $?"
mapcontract list -f testdata/contracts/good.tsv --format tsv > /dev/full; echo "exit $?"
# the wizard refuses a target that is not a regular file before asking
echo | mapcontract new -f /dev/full --wizard; echo "exit $?"
