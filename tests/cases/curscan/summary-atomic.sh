# --summary appears whole through one atomic writer: a symbolic link is
# followed and stays a link, the mode of a file it replaces is kept, no
# temporary is left; a FIFO (like a device) is written in place, never
# replaced; a directory that does not exist is exit 4, the charge lines
# still written
mkdir "$TMP/d" && cd "$TMP/d" || exit 4
f=$TD/cur/cur2-basic.csv
echo old > real.tsv
chmod 640 real.tsv
ln -s real.tsv link.tsv
curscan -s link.tsv "$f" > out.tsv 2>/dev/null; echo "exit $?"
[ -L link.tsv ] && echo "link.tsv is still a link"
ls -l real.tsv | cut -c1-10
ls -A
head -n 2 real.tsv
mkfifo fifo
timeout 10 cat fifo > got &
curscan -s fifo "$f" > /dev/null 2>&1; echo "exit $?"
wait
[ -p fifo ] && echo "fifo is still a FIFO"
cmp got real.tsv && echo "same summary through the FIFO"
rm -f out.tsv got fifo
curscan -s "$TMP/no/such/dir/sum.tsv" "$f" > out.tsv; echo "exit $?"
wc -l < out.tsv
ls -A
echo "--- standard output fails (a full disk): no summary is committed"
rm -f "$TMP/full-sum"
curscan -s "$TMP/full-sum" "$f" > /dev/full 2> "$TMP/err"
echo "exit $?"
grep -v "unknown line item type" "$TMP/err" | sed "s|$TMP|\$TMP|g"
test -e "$TMP/full-sum" && echo "summary written" || echo "no summary"
