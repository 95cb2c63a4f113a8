# lost: the untagged or drifted entities that cost the most MAP credit in
# the window, with credit lost per day and to date and the open task.
. tests/mcp_night.sh
ln -s "$N" "$TMP/n"
mapask -d "$TMP/n" lost; echo "exit $?"
mapask -d "$TMP/n" lost --days 30 --team data; echo "exit $?"
mapask -d "$TMP/n" -f tsv lost --days=1 --team payments; echo "exit $?"
mapask -d "$TMP/n" lost --team nobody; echo "exit $?"
mapask -d "$TMP/n" lost --days 0; echo "exit $?"
