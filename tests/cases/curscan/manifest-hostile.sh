# manifest entries must stay in the mirror (-r ROOT): a '..' component, a
# symlink that leaves it, a device, a directory and a \u0000 in a key are
# each refused naming the manifest (exit 3), before any output
mkdir -p "$TMP/root/data" "$TMP/outside"
cp testdata/cur/cur2-basic.csv "$TMP/root/data/ok.csv"
cp testdata/cur/cur2-basic.csv "$TMP/outside/secret.csv"
ln -s "$TMP/outside/secret.csv" "$TMP/root/data/link.csv"
ln -s /dev/zero "$TMP/root/data/zero.csv"
man() { printf '{"dataFiles": ["s3://b/%s"]}\n' "$1" > "$TMP/m.json"; }
for k in data/ok.csv ../outside/secret.csv data/../../outside/secret.csv data/link.csv data/zero.csv data 'data/ok.csv\u0000.gz'; do
	man "$k"
	curscan -r "$TMP/root" -m "$TMP/m.json" > "$TMP/out" 2> "$TMP/err"
	echo "$k: exit $?, $(wc -l < "$TMP/out") lines out"
	grep -v "unknown line item type" "$TMP/err" | sed "s|$(cd "$TMP" && pwd -P)|\$TMP|g; s|$TMP|\$TMP|g"
done
