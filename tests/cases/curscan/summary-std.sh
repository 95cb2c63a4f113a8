# --summary /dev/stderr and /dev/stdout are the descriptors curscan was
# given (here files the runner opened): written in turn after what is
# already there, never replaced, whatever the links behind the names
curscan -s /dev/stderr $TD/cur/cur2-basic.csv > /dev/null; echo "exit $?" >&2
curscan -s /dev/stdout $TD/cur/cur2-basic.csv 2>/dev/null | tail -n 3; echo "exit $?"
echo "--- /dev/fd/3"
curscan -s /dev/fd/3 $TD/cur/cur2-basic.csv 3>"$TMP/s" > /dev/null 2>&1; echo "exit $?"
head -n 2 "$TMP/s"
