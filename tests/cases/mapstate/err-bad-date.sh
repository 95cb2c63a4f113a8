{ head -n 2 testdata/state/month.tsv; head -n 3 testdata/state/month.tsv | tail -n 1 | sed "s/^2026-04-01T/2026-04-31T/"; } > "$TMP/in"
mapstate -c testdata/state/contracts.tsv "$TMP/in"
