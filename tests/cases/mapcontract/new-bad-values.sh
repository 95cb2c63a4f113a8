# each malformed option value: exit 2, the option named, nothing written
f=$TMP/c.tsv
ok() {	# (each option shown before its output, so a failure names it)
	echo "\$ mapcontract new ... $*"
	mapcontract new -f "$f" --id X --program map --payer 111122223333 \
	    --mpe 12345 --start 2026-01-01 --end 2026-12-31 --credit-rate 0.2 \
	    "$@" --yes 2>&1
	echo "exit $?"
}
ok --start 2026-13-01
ok --start 2026-02-30
ok --end 26-12-31
ok --start 2026-06-01 --end 2026-05-31
ok --end 2029-01-02
ok --program MAP
ok --program map-ai --services standard
ok --mpe 1234
ok --mpe 123456
ok --mpe abcde12345
ok --mpe 1234567890
ok --mpe ABCDE1234
ok --mpe ' 12345'
ok --payer 1111-2222-3333
ok --credit-rate 25
ok --credit-rate 0
ok --credit-rate 12.5.0
ok --projected -1
ok --accounts 44445555666
ok --accounts 444455556666,444455556666
ok --accounts all,444455556666
ok --services ''
ok --services 'AmazonEC2,Amazon S3'
ok --auto-enroll everything
ok --auto-enroll new-accounts
ok --id 'bad id'
ok --exclusions glacier
ls "$TMP"
