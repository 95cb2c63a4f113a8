# mapask --mcp: a scripted MCP client (tests/mcp_client.py) over stdio:
# initialize (2025-06-18, 2025-11-25), server/discover (2026-07-28), an
# unsupported _meta version, ids 9007199254740993 and "abc" echoed,
# tools/list and tools/call of every question, a tool error, a bad
# argument, an unknown tool, an oversized result paginated, resources/list
# and resources/read (paginated), path traversal and a symlink leaving the
# state directory refused, prompts/list and prompts/get, bad requests; a
# cursor of another night refused, and a new night read again.
. tests/mcp_night.sh
cp -R "$N" "$TMP/n"
echo secret > "$TMP/outside"
ln -s "$TMP/outside" "$TMP/n/current/link-out"
python3 tests/mcp_client.py "$BIN/mapask" "$TMP/n" "$TMP/outside"
