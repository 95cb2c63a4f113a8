# money_fmt, which every tool's money goes through, gives the bytes of a
# digit-at-a-time 128-bit reference on every width of amount, the edges of
# its 64-bit path (2^64 picodollars, about 18.4 million dollars) and of
# each power of ten: tests/lib/money-fmt compares them.
"$BIN/../tests/money-fmt"; echo "exit $?"
