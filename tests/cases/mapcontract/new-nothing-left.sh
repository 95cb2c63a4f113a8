# new refuses without touching the file or leaving a temporary beside it:
# a conflicting contract, a header with no column for a field the new
# contract sets, a file that does not load, a gzip-compressed file; and
# --accounts-from is read as charge lines (exit 3 with file:line)
set -- --program map --payer 111122223333 --mpe 12345 --start 2026-01-01 \
    --end 2026-12-31 --credit-rate 0.2 --yes
mkdir "$TMP/d" && cd "$TMP/d" || exit 4
mapcontract new -f c.tsv --id A "$@"; echo "exit $?"
cp c.tsv before
mapcontract new -f c.tsv --id A "$@" --payer 999999999999; echo "exit $?"
mapcontract new -f c.tsv --id B "$@"; echo "exit $?"
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\n' > narrow.tsv
cp narrow.tsv narrow.before
mapcontract new -f narrow.tsv --id C "$@" --projected 1000; echo "exit $?"
printf 'id\tprogram\n' > broken.tsv
mapcontract new -f broken.tsv --id D "$@"; echo "exit $?"
gzip -c c.tsv > z.tsv
mapcontract new -f z.tsv --id E "$@"; echo "exit $?"
cmp c.tsv before && cmp narrow.tsv narrow.before && echo "files unchanged"
ls -A
printf 'usage_start\tpayer\taccount\tservice\tcost\n2026-04-01T00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tten\n' > lines.tsv
echo | mapcontract new -f new.tsv --wizard --accounts-from lines.tsv; echo "exit $?"
printf 'payer\taccount\n111122223333\t444455556666\n' > lines.tsv
echo | mapcontract new -f new.tsv --wizard --accounts-from lines.tsv; echo "exit $?"
[ -e new.tsv ] || echo "new.tsv not created"
