#!/bin/sh
# tests/mcp-sdk.sh BINDIR: mapask --mcp against the official TypeScript
# SDK's client (@modelcontextprotocol/sdk from the npm registry, its stdio
# transport): the initialize handshake, tools/list, tools/call, resources,
# prompts, a tool error, and a paginated result, on the demo's last night.
#
# The SDK is installed with npm into a cache directory (MAPASK_SDK_CACHE,
# default ~/.cache/mapask-mcp-sdk), pinned to MAPASK_SDK_VERSION. The last
# line is "N passed, N failed", as tests/check.sh's steps count them. Where
# node or npm is missing or the registry cannot be reached, a line starting
# "SKIP" says so (check.sh counts it as skipped), then "0 passed, 0 failed",
# exit 0. Exit 0 when every check passed or it skipped, 1 when one failed.
set -u
LC_ALL=C
export LC_ALL
[ $# -eq 1 ] || { echo "usage: tests/mcp-sdk.sh BINDIR" >&2; exit 2; }
BIN=$(cd "$1" && pwd) || exit 2
root=$(cd "$(dirname "$0")/.." && pwd)
ver=${MAPASK_SDK_VERSION:-1.32.2}
cache=${MAPASK_SDK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mapask-mcp-sdk}

skip() { echo "SKIP mcp-sdk: $*"; echo "0 passed, 0 failed"; exit 0; }
command -v node >/dev/null 2>&1 || skip "node is not installed"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
[ -x "$BIN/mapask" ] || { echo "mcp-sdk: $BIN/mapask: not built" >&2; exit 2; }

mkdir -p "$cache" || skip "cannot make $cache"
if [ "$(cat "$cache/.version" 2>/dev/null)" != "$ver" ]; then
	( cd "$cache" && [ -f package.json ] || echo '{"private":true}' > package.json ) 2>/dev/null
	if ! (cd "$cache" && timeout 300 npm install --no-audit --no-fund --loglevel=error \
	    "@modelcontextprotocol/sdk@$ver" >npm.log 2>&1); then
		skip "npm install @modelcontextprotocol/sdk@$ver failed (registry unreachable?): $(tail -1 "$cache/npm.log")"
	fi
	echo "$ver" > "$cache/.version"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcpsdk.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
# the demo's last night, as the mapask cases make it
(cd "$root" && BIN=$BIN TMP=$tmp/case sh -c '. tests/mcp_night.sh')
N=$tmp/mapask-night
[ -f "$N/current/ledger.tsv" ] || { echo "mcp-sdk: the demo night failed" >&2; exit 1; }

cat > "$cache/mapask-sdk-check.mjs" <<'JS'
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [mapask, dir] = process.argv.slice(2);
let failed = 0, passed = 0;
const check = (name, ok, extra = "") => {
	if (!ok) failed++; else passed++;
	console.log(`${ok ? "ok  " : "FAIL"} ${name}${extra ? " " + extra : ""}`);
};
const transport = new StdioClientTransport({
	command: mapask, args: ["--mcp", "-d", dir, "--max-result", "20000"], stderr: "pipe" });
const client = new Client({ name: "mapask-sdk-check", version: "1.0.0" });
await client.connect(transport);
const sv = client.getServerVersion();
check("initialize", sv && sv.name === "mapask", JSON.stringify(sv));
check("instructions", (client.getInstructions() || "").includes("verbatim"));
const tools = (await client.listTools()).tools.map((t) => t.name);
check("tools/list", tools.join(" ") === "rate lost explain credits tasks changes", tools.join(" "));
const r = await client.callTool({ name: "rate", arguments: { team: "payments" } });
const rate = r.structuredContent.sections.find((s) => s.section === "rate").rows[0];
check("tools/call rate", !r.isError && rate.rate === "0.6485",
	`${rate.rate} = ${rate.accruing_cost} / ${rate.eligible_cost}`);
check("text content", r.content[0].type === "text" && r.content[0].text.includes("64.85%"));
const bad = await client.callTool({ name: "rate", arguments: { team: "nobody" } });
check("tool error", bad.isError === true);
let unknown = null;
try { await client.callTool({ name: "nosuch", arguments: {} }); } catch (e) { unknown = e; }
check("unknown tool rejected", unknown !== null, unknown ? String(unknown.code ?? unknown.message) : "");
let pages = 0, rows = 0, cursor, total;
do {
	const a = { since: "2026-04-01" };
	if (cursor) a.cursor = cursor;
	const p = await client.callTool({ name: "changes", arguments: a });
	pages++;
	rows += p.structuredContent.sections.filter((s) => !["sources", "reproduce"].includes(s.section))
		.reduce((n, s) => n + s.rows.length, 0);
	total = p.structuredContent.rows_total;
	cursor = p.structuredContent.next_cursor;
} while (cursor);
check("paginated result", pages > 1 && rows === total, `${pages} pages, ${rows} of ${total} rows`);
const res = (await client.listResources()).resources;
const led = res.find((x) => x.name === "current/ledger.tsv");
check("resources/list", !!led, `${res.length} files`);
const rd = await client.readResource({ uri: led.uri });
check("resources/read", rd.contents[0].text.startsWith("date\t"), rd.nextCursor ? "next " + rd.nextCursor : "");
let refused = null;
try { await client.readResource({ uri: "file:///etc/passwd" }); } catch (e) { refused = e; }
check("path outside refused", refused !== null);
const pr = (await client.listPrompts()).prompts.map((p) => p.name);
check("prompts/list", pr.join(" ") === "lead portfolio engineer owner", pr.join(" "));
const g = await client.getPrompt({ name: "portfolio", arguments: { portfolio: "Data & AI" } });
check("prompts/get", g.messages[0].content.text.includes("Data & AI"));
await client.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
JS
echo "mcp-sdk: @modelcontextprotocol/sdk $(cd "$cache" && node -p 'JSON.parse(require("fs").readFileSync("node_modules/@modelcontextprotocol/sdk/package.json")).version' 2>/dev/null || echo "$ver"), node $(node --version)"
timeout 120 node "$cache/mapask-sdk-check.mjs" "$BIN/mapask" "$N" || {
	rc=$?
	# a crash or timeout before the count: one failure
	[ $rc = 1 ] || echo "0 passed, 1 failed"
	exit 1
}
