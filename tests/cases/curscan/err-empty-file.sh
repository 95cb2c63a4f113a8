: > "$TMP/empty.csv"; curscan "$TMP/empty.csv"
