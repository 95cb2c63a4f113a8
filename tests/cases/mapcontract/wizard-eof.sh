# standard input ending mid-way: exit 2, nothing written
printf 'W-3\nmap\n111122223333\n' |
    mapcontract new -f "$TMP/contracts.tsv" --wizard
rc=$?
ls "$TMP"
exit $rc
