# every input is opened before anything is written: a missing file after
# a good one stops the run with nothing on standard output (exit 4), with
# or without parallel reading, and no summary is written
curscan -s "$TMP/sum" testdata/cur/athena-basic.csv testdata/cur/nope.csv.gz
echo "exit $?" >&2
curscan -j 1 testdata/cur/athena-basic.csv "$TMP/gone/"
echo "exit $?" >&2
test -e "$TMP/sum" && echo "a summary was written"
exit 0
