# the file is replaced, not rewritten in place: a symbolic link is followed
# and stays a link, the mode is kept, no temporary file is left, CRLF line
# ends are kept
set -- --program map --payer 111122223333 --mpe 12345 --start 2026-01-01 \
    --end 2026-12-31 --credit-rate 0.2 --yes
mkdir "$TMP/d" && cd "$TMP/d" || exit 4
mapcontract new -f real.tsv --id A "$@"; echo "exit $?"
chmod 640 real.tsv
ln -s real.tsv link.tsv
mapcontract new -f link.tsv --id B --accounts 444455556666 "$@" --program map-ai --services ai
echo "exit $?"
[ -L link.tsv ] && echo "link.tsv is still a link"
ls -l real.tsv | cut -c1-10
ls -A
cut -f1-3 real.tsv
printf 'id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\r\nA\tmap\t111122223333\t12345\t2026-01-01\t2026-12-31\t0.2\tall\tAmazonEC2\r\n' > crlf.tsv
mapcontract new -f crlf.tsv --id C "$@" --payer 999999999999; echo "exit $?"
od -c crlf.tsv | tail -n 3
mapcontract check -f crlf.tsv; echo "exit $?"
