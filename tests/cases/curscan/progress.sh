# -p: the progress line on standard error (issue 18): files read to their
# end of all, MB and rows read, rows a second and MB a second, rewritten
# twice a second and erased at the end; standard output is the same as
# without it. A FIFO holds the second file half-read for two seconds, so
# the line is seen mid-way: one of two files, the rows so far.
f=testdata/cur/athena-basic.csv
{ head -n 1 $f; for i in $(seq 3000); do tail -n +2 $f; done; } > "$TMP/big.csv"
rows=$(($(wc -l < "$TMP/big.csv") - 1))
mkfifo "$TMP/fifo"
{ head -n 5001 "$TMP/big.csv"; sleep 2; tail -n +5002 "$TMP/big.csv"; } > "$TMP/fifo" &
curscan -p -j 1 "$TMP/big.csv" "$TMP/fifo" > "$TMP/out" 2> "$TMP/err"
rc=$?
wait
# (lines before the FIFO's stall depend on the machine's speed: only the
# one of the stall and the last are checked; rows count in steps of 4,096)
tr '\r' '\n' < "$TMP/err" | grep 'files' | sed 's/, [0-9.]* rows\/s, [0-9.]* MB\/s *$//; s/[0-9.]* MB read/N MB read/' |
	grep -x -e 'curscan: 1 of 2 files, N MB read, 13096 rows' -e 'curscan: 2 of 2 files, N MB read, 18000 rows' | sort -u
tail -c 4 "$TMP/err" | od -An -c | tr -s ' '
echo "input rows: $rows in each file"
curscan "$TMP/big.csv" "$TMP/big.csv" | cmp - "$TMP/out" && echo "standard output: the same as without -p"
exit $rc
