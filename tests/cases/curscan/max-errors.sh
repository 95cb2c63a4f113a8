# skip and report up to N bad rows; they are counted in the summary
curscan --max-errors 2 -s - testdata/cur/bad-number.csv; echo "exit $?"
curscan --max-errors 1 testdata/cur/bad-number.csv; echo "exit $?"
curscan --max-errors 5 testdata/cur/bad-json.csv testdata/cur/bad-date.csv; echo "exit $?"
