# MAP credits recognised (mig code, _MPE), the rest kept apart; attribution
# by accruing spend with auto-claim for single-workload accounts; a month
# with credit but no accruing spend is shown as unattributed; a MAP credit
# no contract explains is shown, not dropped
C=testdata/state/contracts.tsv D=testdata/credit
mapcredit -c $C -l $D/ledger.tsv -g $D/grants.tsv -p "$TMP/pools" -o "$TMP/other" -C "$TMP/claims" $D/lines.tsv
echo "--- pools"; cat "$TMP/pools"; echo "--- other"; cat "$TMP/other"; echo "--- claims"; cat "$TMP/claims"
