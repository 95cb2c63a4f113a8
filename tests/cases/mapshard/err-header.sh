# Shards of one file share one header: a state merged with a ledger is an
# error naming the second file.
printf 'as_of\tentity\tstate\n2026-04-30\ti-a\tTAGGED\n' > "$TMP/s0"
printf 'date\tentity\tcost\n2026-04-01\ti-c\t3\n' > "$TMP/l0"
mapshard --merge "$TMP/s0" "$TMP/l0"
