# --revised: the days tonight's ledger revised, on the days both ledgers
# hold. Changed eligible cost, accruing cost and state; an entity only one
# side has; several rows of one entity-day (the last one counts); a day only
# one side has (not compared); entities that prefix each other, in the order
# sort(1) puts the night log's lines; an escaped value kept as written.
# An entity-day of several rows is compared by its last (dup: the first
# row changed, the last did not: no revision), as the night log always did.
H='date\tentity\tentity_kind\tpayer\taccount\tservice\tcontract\tstate\tcost\teligible_cost\taccruing_cost\n'
r() { printf '%s\t%s\tresource\t1\t2\tAmazonEC2\tG\t%s\t%s\t%s\t%s\n' "$@"; }
{ printf "$H"
  r 2026-03-31 gone ELIGIBLE 1 1 0	# a day the after ledger has not
  r 2026-04-01 abc TAGGED 1 1 1
  r 2026-04-01 abc-x TAGGED 2 2 2
  r 2026-04-01 dup TAGGED 1 1 1
  r 2026-04-01 dup TAGGED 2 2 2
  r 2026-04-01 same TAGGED 3 3 3
  r 2026-04-01 'tab\tin' TAGGED 1 1 1
  r 2026-04-02 left ELIGIBLE 5 5 0
  r 2026-04-02 same TAGGED 3 3 3
  r 2026-04-02 state PENDING_TAG 4 4 0
} > "$TMP/before"
{ printf "$H"
  r 2026-04-01 abc TAGGED 1 1.5 1.5
  r 2026-04-01 abc-x TAGGED 2 2 2.5
  r 2026-04-01 dup TAGGED 9 9 9
  r 2026-04-01 dup TAGGED 2 2 2
  r 2026-04-01 same TAGGED 3 3 3
  r 2026-04-01 'tab\tin' TAGGED 1 1 7
  r 2026-04-02 new ELIGIBLE 6 6 0
  r 2026-04-02 same TAGGED 3 3 3
  r 2026-04-02 state TAGGED 4 4 4
  r 2026-04-03 later TAGGED 8 8 8	# a day the before ledger has not
} > "$TMP/after"
mapstate --revised "$TMP/before" "$TMP/after"; echo "exit $?"
echo "--- the same ledger twice: the header alone"
mapstate -R "$TMP/after" "$TMP/after"; echo "exit $?"
echo "--- a ledger out of order: its line"
{ printf "$H"; r 2026-04-02 b TAGGED 1 1 1; r 2026-04-01 a TAGGED 1 1 1; } > "$TMP/unsorted"
mapstate --revised "$TMP/before" "$TMP/unsorted" 2>&1; echo "exit $?"
{ printf "$H"; r 2026-04-01 b TAGGED 1 1 1; r 2026-04-01 a TAGGED 1 1 1; } > "$TMP/unsorted"
mapstate --revised "$TMP/unsorted" "$TMP/after" 2>&1; echo "exit $?"
echo "--- not a ledger, a bad date, a file missing"
printf 'date\tentity\tstate\n' > "$TMP/short"
mapstate --revised "$TMP/short" "$TMP/after" 2>&1; echo "exit $?"
{ printf "$H"; r 2026-4-01 a TAGGED 1 1 1; } > "$TMP/baddate"
mapstate --revised "$TMP/before" "$TMP/baddate" 2>&1; echo "exit $?"
mapstate --revised "$TMP/before" "$TMP/nonesuch" 2>&1; echo "exit $?"
echo "--- usage"
mapstate --revised "$TMP/before" 2>&1; echo "exit $?"
mapstate --revised -c testdata/state/contracts.tsv "$TMP/before" "$TMP/after" 2>&1; echo "exit $?"
echo "--- order is of the decoded bytes (a tab sorts before '-'), output as sort(1) orders the escaped lines"
printf 'date\tentity\teligible_cost\taccruing_cost\tstate\n2026-04-01\ta\\tb\t1\t1\tTAGGED\n2026-04-01\ta-c\t1\t1\tTAGGED\n' > "$TMP/t1"
printf 'date\tentity\teligible_cost\taccruing_cost\tstate\n2026-04-01\ta\\tb\t2\t1\tTAGGED\n2026-04-01\ta-c\t3\t1\tTAGGED\n' > "$TMP/t2"
mapstate --revised "$TMP/t1" "$TMP/t2"; echo "exit $?"
