#!/usr/bin/env python3
"""A scripted MCP client for mapask --mcp: newline-delimited JSON-RPC 2.0
over stdio. Usage: mcp_client.py MAPASK STATEDIR [OUTSIDE_FILE]

Sends a fixed conversation and prints one line per check, so the golden
output shows what the server did. Numbers in the answers are printed as
the server gave them."""
import json
import os
import subprocess
import sys

mapask, statedir = sys.argv[1], sys.argv[2]
outside = sys.argv[3] if len(sys.argv) > 3 else "/etc/passwd"
proc = subprocess.Popen([mapask, "--mcp", "-d", statedir, "--max-result", "20000"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE, text=True)


def send_raw(line):
    proc.stdin.write(line + "\n")
    proc.stdin.flush()
    out = proc.stdout.readline()
    if not out:
        print("no reply to", line[:60])
        sys.exit(1)
    if not out.endswith("\n"):
        print("reply not newline-terminated")
    return out


def call(method, params=None, id_=1, raw_id=None, meta=None):
    msg = {"jsonrpc": "2.0", "id": id_, "method": method}
    if params is not None or meta is not None:
        msg["params"] = dict(params or {})
        if meta is not None:
            msg["params"]["_meta"] = meta
    line = json.dumps(msg, sort_keys=True)
    if raw_id is not None:
        line = line.replace('"id": %s' % json.dumps(id_), '"id": ' + raw_id)
    out = send_raw(line)
    return out, json.loads(out)


def check(name, ok, extra=""):
    print("%-44s %s%s" % (name, "ok" if ok else "FAIL", (" " + extra) if extra else ""))


MODERN = {"io.modelcontextprotocol/protocolVersion": "2026-07-28",
          "io.modelcontextprotocol/clientCapabilities": {}}

# the legacy handshake
_, r = call("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                           "clientInfo": {"name": "t", "version": "1"}})
res = r["result"]
check("initialize 2025-06-18", res["protocolVersion"] == "2025-06-18",
      res["serverInfo"]["name"])
check("instructions: quote verbatim, cite", "verbatim" in res["instructions"]
      and "sources" in res["instructions"])
_, r = call("initialize", {"protocolVersion": "2025-11-25"}, id_=2)
check("initialize 2025-11-25", r["result"]["protocolVersion"] == "2025-11-25")
_, r = call("initialize", {"protocolVersion": "1999-01-01"}, id_=3)
check("initialize unknown version: our newest", r["result"]["protocolVersion"] == "2025-11-25")
proc.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")

# the stateless era
_, r = call("server/discover", {}, id_="discover-1", meta=MODERN)
res = r["result"]
check("server/discover", "2026-07-28" in res["supportedVersions"] and
      res.get("resultType") == "complete" and "tools" in res["capabilities"],
      ",".join(res["supportedVersions"]))
_, r = call("tools/list", {}, id_=4, meta={"io.modelcontextprotocol/protocolVersion": "2031-01-01",
                                            "io.modelcontextprotocol/clientCapabilities": {}})
check("unsupported _meta version: -32022", r["error"]["code"] == -32022 and
      r["error"]["data"]["requested"] == "2031-01-01")

# ids echoed exactly
out, r = call("ping", {}, id_=9007199254740993, raw_id="9007199254740993")
check("id 9007199254740993 echoed", '"id":9007199254740993' in out, out.strip())
out, r = call("ping", {}, id_="abc")
check('id "abc" echoed', '"id":"abc"' in out, out.strip())

# tools
_, r = call("tools/list", {}, id_=5, meta=MODERN)
tools = r["result"]["tools"]
check("tools/list", [t["name"] for t in tools] == ["rate", "lost", "explain", "credits", "tasks", "changes"],
      " ".join(t["name"] for t in tools))
check("tools have JSON Schemas", all(t["inputSchema"]["type"] == "object" for t in tools))
_, r = call("tools/call", {"name": "rate", "arguments": {"team": "payments"}}, id_=6)
res = r["result"]
sc = res["structuredContent"]
rate = [s for s in sc["sections"] if s["section"] == "rate"][0]["rows"][0]
check("tools/call rate team payments", not res["isError"],
      "rate %s = %s / %s" % (rate["rate"], rate["accruing_cost"], rate["eligible_cost"]))
check("money as decimal strings", isinstance(rate["eligible_cost"], str))
check("text content beside", res["content"][0]["type"] == "text" and "64.85%" in res["content"][0]["text"])
check("sources with sha256", any(s["section"] == "sources" and len(s["rows"][0]["sha256"]) == 64
                                  for s in sc["sections"]))
_, r = call("tools/call", {"name": "rate", "arguments": {"team": "nobody"}}, id_=7)
check("tool error: isError", r["result"]["isError"], r["result"]["content"][0]["text"])
_, r = call("tools/call", {"name": "rate", "arguments": {"colour": "red"}}, id_=8)
check("bad argument: isError", r["result"]["isError"], r["result"]["content"][0]["text"])
_, r = call("tools/call", {"name": "nosuch", "arguments": {}}, id_=9)
check("unknown tool: -32602", r["error"]["code"] == -32602, r["error"]["message"])
for name, args in [("lost", {"days": 7}), ("explain", {"entity": "i-0b2e4d6f8a1c35703"}),
                   ("credits", {}), ("tasks", {}), ("changes", {"since": "2026-04-14"})]:
    _, r = call("tools/call", {"name": name, "arguments": args}, id_=10)
    sc = r["result"]["structuredContent"]
    check("tools/call " + name, not r["result"]["isError"],
          "%d rows%s" % (sc["rows_total"], ", next " + sc["next_cursor"] if "next_cursor" in sc else ""))

# an oversized result: paginated with a cursor, never cut
rows, cursor, pages = 0, None, 0
while True:
    args = {"since": "2026-04-01"}
    if cursor:
        args["cursor"] = cursor
    out, r = call("tools/call", {"name": "changes", "arguments": args}, id_=11)
    sc = r["result"]["structuredContent"]
    pages += 1
    rows += sum(len(s["rows"]) for s in sc["sections"] if s["section"] not in ("sources", "reproduce"))
    if len(out) > 100000:
        print("page over 100000 bytes:", len(out))
    cursor = sc.get("next_cursor")
    if not cursor:
        break
check("oversized result paginated", pages > 1 and rows == sc["rows_total"],
      "%d pages, %d of %d rows" % (pages, rows, sc["rows_total"]))

# resources
_, r = call("resources/list", {}, id_=12)
res = r["result"]["resources"]
names = [x["name"] for x in res]
check("resources/list", "current/ledger.tsv" in names, "%d files, first %s" % (len(res), names[0]))
uri = [x["uri"] for x in res if x["name"] == "current/ledger.tsv"][0]
text, cursor, pages = "", None, 0
while True:
    p = {"uri": uri}
    if cursor:
        p["cursor"] = cursor
    _, r = call("resources/read", p, id_=13)
    t = r["result"]["contents"][0]["text"]
    text += t if pages == 0 else t.split("\n", 1)[1]
    pages += 1
    cursor = r["result"].get("nextCursor")
    if not cursor:
        break
with open(os.path.join(statedir, "current", "ledger.tsv")) as f:
    whole = f.read()
check("resources/read ledger, paginated", text == whole and pages > 1, "%d pages" % pages)
root = uri[len("file://"):].rsplit("/current/", 1)[0]
for bad in ["file://" + root + "/current/../../x", "file://" + outside,
            "file://" + root + "/current/link-out", "file://" + root + "/../" + os.path.basename(root),
            "http://example.com/x"]:
    _, r = call("resources/read", {"uri": bad}, id_=14)
    check("refused " + bad.replace(root, "STATEDIR"), "error" in r,
          r["error"]["message"].replace(root, "STATEDIR") if "error" in r else "READ")

# prompts
_, r = call("prompts/list", {}, id_=15)
check("prompts/list", [p["name"] for p in r["result"]["prompts"]] == ["lead", "portfolio", "engineer", "owner"])
_, r = call("prompts/get", {"name": "portfolio", "arguments": {"portfolio": "Data & AI"}}, id_=16)
check("prompts/get portfolio", "Data & AI" in r["result"]["messages"][0]["content"]["text"])
_, r = call("prompts/get", {"name": "engineer"}, id_=17)
check("prompts/get without its argument: -32602", r["error"]["code"] == -32602)

# bad requests
for line, want in [("{not json", -32700), ('{"jsonrpc":"2.0","id":1,"id":2,"method":"ping"}', -32700),
                   ('{"jsonrpc":"1.0","id":18,"method":"ping"}', -32600),
                   ('[{"jsonrpc":"2.0","id":19,"method":"ping"}]', -32600),
                   ('{"jsonrpc":"2.0","id":20,"method":"no/such"}', -32601),
                   ('{"jsonrpc":"2.0","id":21,"method":"tools/call","params":[1]}', -32602)]:
    r = json.loads(send_raw(line))
    check("bad request %s" % line[:40], r["error"]["code"] == want,
          "%d id=%s" % (r["error"]["code"], json.dumps(r["id"])))

# a cursor of another night is refused; a new night is read again
_, r = call("tools/call", {"name": "changes", "arguments": {"cursor": "5.000000000000"}}, id_=22)
check("cursor of another night: isError", r["result"]["isError"], r["result"]["content"][0]["text"])
_, r = call("tools/call", {"name": "changes", "arguments": {"cursor": "abc"}}, id_=23)
check("malformed cursor: isError", r["result"]["isError"], r["result"]["content"][0]["text"])
_, r = call("tools/call", {"name": "changes", "arguments": {"since": "2026-04-01"}}, id_=24)
old_cursor = r["result"]["structuredContent"]["next_cursor"]
cur = os.path.join(statedir, "current")
with open(os.path.join(cur, "ledger.tsv")) as f:
    lines = [x for x in f if not x.startswith("2026-04-30\t")]
with open(os.path.join(cur, "ledger.tsv.new"), "w") as f:
    f.writelines(lines)
os.rename(os.path.join(cur, "ledger.tsv.new"), os.path.join(cur, "ledger.tsv"))
for name in ("state.tsv", "tasks.tsv"):
    os.remove(os.path.join(cur, name))
_, r = call("tools/call", {"name": "rate", "arguments": {}}, id_=25)
sc = r["result"]["structuredContent"]
rate = [x for x in sc["sections"] if x["section"] == "rate"][0]["rows"][0]
check("a new night is read again", sc["as_of"] == "2026-04-29",
      "as of %s: rate %s = %s / %s" % (sc["as_of"], rate["rate"], rate["accruing_cost"], rate["eligible_cost"]))
_, r = call("tools/call", {"name": "changes", "arguments": {"since": "2026-04-01", "cursor": old_cursor}}, id_=26)
check("the old night's cursor: isError", r["result"]["isError"], r["result"]["content"][0]["text"])

proc.stdin.close()
err = proc.stderr.read()
rc = proc.wait()
check("clean exit, nothing on stderr", rc == 0 and err == "", "rc=%d %s" % (rc, err.strip()))
