# Files split together are of one format: a task list after a state is an
# error naming the task list (line 1), exit 3, and nothing is written.
printf 'as_of\tentity\tentity_kind\taccount\tstate\n2026-04-30\ti-a\tresource\t1\tTAGGED\n' > "$TMP/s0"
printf 'as_of\ttask_id\tentity\tentity_kind\taccount\n2026-04-30\tt1\ti-a\tresource\t1\n' > "$TMP/t0"
mkdir "$TMP/o"
mapshard --shards 2 -o "$TMP/o" "$TMP/s0" "$TMP/t0"
rc=$?
ls -A "$TMP/o"
exit $rc
