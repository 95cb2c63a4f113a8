# Usage errors (exit 2, nothing read), a night that is not there (exit 3),
# a directory that is not a state directory (exit 4), --as-of a dated
# night, --help and --version.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask rate; echo "exit $?"
mapask -d "$TMP/n"; echo "exit $?"
mapask -d "$TMP/n" -f xml rate; echo "exit $?"
mapask -d "$TMP/n" --as-of 30/04 rate; echo "exit $?"
mapask -d "$TMP/n" rate --colour red; echo "exit $?"
mapask -d "$TMP/n" lost --days; echo "exit $?"
mapask -d "$TMP/n" --mcp rate; echo "exit $?"
mapask -d "$TMP/n" --as-of 2026-04-29 rate; echo "exit $?"
mapask -d "$TMP/nowhere" rate; echo "exit $?"
mapask -d "$TMP/n" --as-of 2026-04-30 -f tsv rate | tests/cols section,file | awk -F '\t' '$1 == "sources"'
mapask -d "$TMP/n" --as-of 2026-04-30 rate | tail -3
mapask --help; echo "exit $?"
mapask -V; echo "exit $?"
