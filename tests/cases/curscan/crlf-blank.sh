# CRLF line endings and a blank line; the line numbers stay physical
curscan -s - testdata/cur/crlf-blank.csv
