# a write error is never silent
curscan testdata/cur/cur2-basic.csv > /dev/full 2>"$TMP/err"
rc=$?
grep -v unknown "$TMP/err"
exit $rc
