# A file without the key's columns (entity_kind, entity and account)
# cannot be split: missing column, line 1, exit 3, and no shard written.
printf 'date\tentity\tcost\n2026-04-01\ti-c\t3\n' > "$TMP/o.in"
mkdir "$TMP/o"
mapshard --shards 2 -o "$TMP/o" "$TMP/o.in"
rc=$?
ls -A "$TMP/o"
exit $rc
