# Who may ask what: a roles file (STATEDIR/roles.tsv, or --roles where it has none) grants
# Unix users and groups a role and a scope. A Portfolio Manager of Digital
# Commerce (by user) who is also Kenji's stand-in as Cloud Engineer (by
# group) may ask about the portfolio's groups and entities and Kenji's
# tasks and entities, nothing organisation-wide: refused with exit 2, and
# over MCP as tool errors, with no resources listed or read. As root the
# case runs mapask as nobody (setpriv), else as the calling user.
. tests/mcp_night.sh
if [ "$(id -u)" = 0 ]; then
	U=nobody G=$(id -gn nobody)
	D=$(mktemp -d /tmp/mapask-roles.XXXXXX) && chmod 755 "$D"
	run() { setpriv --reuid=nobody --regid="$G" --clear-groups "$BIN/mapask" "$@"; }
else
	U=$(id -un) G=$(id -gn)
	D=$TMP/r && mkdir "$D"
	run() { "$BIN/mapask" "$@"; }
fi
cp -R "$N" "$D/n"
printf 'who\trole\tscope\n# the FinOps Lead is someone else\nuser:finops-lead\tlead\t\nuser:%s\tportfolio\tDigital Commerce\ngroup:%s\tengineer\tkenji.tanaka@aurora-retail.example\n' "$U" "$G" > "$D/n/roles.tsv"
chmod -R a+rX "$D"
show() { sed "s|$D|\$D|g; s|'$U'|'USER'|g; s|'$G'|'GROUP'|g"; }
ask() {
	echo "\$ mapask $(printf "'%s' " "$@")"
	run -d "$D/n" "$@" 2>&1 | sed -n 1p | show
}
ask rate --portfolio 'Digital Commerce'
ask rate --team payments
ask lost --team payments
ask explain i-0b2e4d6f8a1c35703
ask explain arn:aws:iam::480512736644:role/catalog-writer
ask tasks --engineer kenji.tanaka@aurora-retail.example
ask "why is the payments team at 64%?"
echo "--- refused"
for q in "rate --team data" "rate --workload unowned" "rate" "lost" "credits" "tasks" "changes" \
    "explain i-0c3f5a7b9d2e46801" "tasks --engineer ana.costa@aurora-retail.example"; do
	echo "\$ mapask $q"
	# shellcheck disable=SC2086
	run -d "$D/n" $q 2>&1 >/dev/null | show
	run -d "$D/n" $q >/dev/null 2>&1; echo "exit $?"
done
echo "--- over MCP"
printf '%s\n' \
    '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"rate","arguments":{"team":"payments"}}}' \
    '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"credits","arguments":{}}}' \
    '{"jsonrpc":"2.0","id":3,"method":"resources/list","params":{}}' \
    "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/read\",\"params\":{\"uri\":\"file://$D/n/current/state.tsv\"}}" |
    run --mcp -d "$D/n" | python3 -c '
import json, sys
for line in sys.stdin:
    r = json.loads(line)
    res = r.get("result", {})
    if "content" in res:
        print(r["id"], "isError" if res["isError"] else "ok", res["content"][0]["text"].splitlines()[0])
    elif "resources" in res:
        print(r["id"], "resources", len(res["resources"]))
    else:
        print(r["id"], "error", r["error"]["code"], r["error"]["message"])
' | show
echo "--- --roles cannot widen the state directory's roles file"
printf 'who\trole\tscope\nuser:%s\tlead\t\n' "$U" > "$D/mine.tsv"
run -d "$D/n" --roles "$D/mine.tsv" rate >/dev/null 2>"$TMP/err"; echo "exit $?"
show < "$TMP/err"
echo "--- a roles file that is not one (where the state directory has none)"
mv "$D/n/roles.tsv" "$D/roles.kept"
printf 'who\trole\tscope\nuser:x\tboss\tall\n' > "$D/bad.tsv"
for f in bad none; do
	run -d "$D/n" --roles "$D/$f.tsv" rate >/dev/null 2>"$TMP/err"; echo "exit $?"
	show < "$TMP/err"
done
rm -rf "$D"
