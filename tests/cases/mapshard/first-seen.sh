# The new-accounts rule over a sharded night: an account is new when it is
# first seen after the data's first day, over the whole organisation. In 4
# shards, i-new (account 404040404040, first seen 04-03) is alone in shard
# 0, whose own first day is 04-03: without the organisation's first days
# the shard takes its account for one that was always there. (Every shard
# is given the night's day, --as-of: its own last day may be earlier.) mapshard
# --first-seen (curscan --shards writes the same) carries them to every
# shard's mapstate (--first-seen), and the merged state is one machine's.
hdr='id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\tauto_enroll\n'
printf "$hdr"'C1\tmap\t111122223333\t12345\t2026-01-15\t2028-12-31\t0.25\t444455556666\tAmazonEC2\tnew-accounts\n' > "$TMP/c"
H='usage_start\tpayer\taccount\taccount_name\tservice\tregion\tentity_kind\tentity\tusage_type\tcost\tmap_tag\n'
row() { printf '2026-04-%sT00:00:00Z\t111122223333\t%s\t%s\tAmazonEC2\tus-east-1\tresource\t%s\tBoxUsage\t1\tmig12345\n' "$@"; }
{ printf "$H"
  row 01 444455556666 core i-core
  row 01 202020202020 legacy-erp i-erp
  row 03 404040404040 new-team i-new
  row 03 202020202020 legacy-erp i-erp2
} > "$TMP/in"
echo "--- one machine"
mapstate -c "$TMP/c" -a 2026-04-03 "$TMP/in" > "$TMP/one"
tests/cols entity,contract,state,reason < "$TMP/one"
mkdir "$TMP/s"
mapshard --shards 4 -o "$TMP/s" --first-seen "$TMP/fs" "$TMP/in"
for k in 0 1 2 3; do echo "shard $k: $(cut -f 8 "$TMP/s/$k.tsv" | tail -n +2 | tr '\n' ' ')"; done
echo "--- the first days"
cat "$TMP/fs"
# shards [OPTION]...: each shard's mapstate, merged
shards() {
	for k in 0 1 2 3; do mapstate -c "$TMP/c" -a 2026-04-03 "$@" "$TMP/s/$k.tsv" > "$TMP/s/state.$k"; done
	mapshard --merge "$TMP/s/state.0" "$TMP/s/state.1" "$TMP/s/state.2" "$TMP/s/state.3"
}
echo "--- 4 shards, each on its own"
shards > "$TMP/m1"
tests/cols entity,contract,state,reason < "$TMP/m1"
cmp -s "$TMP/m1" "$TMP/one" || echo "not one machine's state"
echo "--- 4 shards with --first-seen"
shards --first-seen "$TMP/fs" > "$TMP/m2"
cmp "$TMP/m2" "$TMP/one" && echo "one machine's state, byte for byte"
echo "--- mapstate --first-seen-out of a shard: the organisation's"
mapstate -c "$TMP/c" -a 2026-04-03 --first-seen "$TMP/fs" --first-seen-out "$TMP/fo" "$TMP/s/0.tsv" > /dev/null
cmp "$TMP/fo" "$TMP/fs" && echo "the same first days"
