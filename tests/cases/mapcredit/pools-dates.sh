# Pooling by date (issue 12, item 3): a grant is drawn from only between
# its start and end. A line whose code names a grant outside those dates,
# or a code no grant has, is drawn from the contract's active grants
# expiry first, with a warning naming the line; what they cannot cover is
# a pool of its own, left out of the forecast of what will expire unused.
C=testdata/state/contracts.tsv D=testdata/credit
printf 'code\tamount\taccount\tstart\tend\treference\n' > "$TMP/g"
printf 'migOLD0001\t100.00\t111122223333\t2026-01-01\t2026-03-31\tMAP-STD-1\n' >> "$TMP/g"
printf 'migLATE0001\t100.00\t111122223333\t2026-05-01\t2026-12-31\tMAP-STD-1\n' >> "$TMP/g"
printf 'migSOON0001\t50.00\t111122223333\t2026-04-01\t2026-05-31\tMAP-STD-1\n' >> "$TMP/g"
printf 'migLONG0001\t1000.00\t111122223333\t2026-04-01\t2027-03-31\tMAP-STD-1\n' >> "$TMP/g"
printf 'migAI00001\t500.00\t111122223333\t2026-04-01\t2026-04-30\tMAP-AI-1\n' >> "$TMP/g"
printf 'usage_start\tpayer\taccount\tservice\tline_type\tcost\tdescription\n' > "$TMP/l"
l() { printf '%sT00:00:00Z\t111122223333\t444455556666\tAmazonEC2\tCredit\t%s\tMAP credit promotion code %s\n' "$@" >> "$TMP/l"; }
l 2026-04-05 -30.00 migOLD0001	# expired: from migSOON0001 (expires first)
l 2026-04-06 -40.00 migLATE0001	# not yet active: 20 from migSOON0001, 20 from migLONG0001
l 2026-04-07 -10.00 migNEW0001	# in no grant: migLONG0001
l 2026-04-08 -5.00 migLONG0001	# its own grant, active
mapcredit -c $C -l $D/ledger.tsv -g "$TMP/g" -p "$TMP/p" --as-of 2026-04-30 "$TMP/l" 2>&1 >/dev/null | sed "s|$TMP|\$TMP|g"
cat "$TMP/p"
echo "--- more than the active grants hold"
l 2026-04-09 -2000.00 migNEW0001
mapcredit -c $C -l $D/ledger.tsv -g "$TMP/g" -p "$TMP/p" --as-of 2026-04-30 "$TMP/l" 2>&1 >/dev/null | sed "s|$TMP|\$TMP|g"
cat "$TMP/p"
