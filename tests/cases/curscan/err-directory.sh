# a directory with no export files directly in it (its subdirectories are
# not read) is refused before anything is written
mkdir -p "$TMP/d/sub" "$TMP/d/x.csv"
cp testdata/cur/athena-basic.csv "$TMP/d/sub/part-1.csv"
: > "$TMP/d/notes.txt"
curscan testdata/cur/athena-basic.csv "$TMP/d"
