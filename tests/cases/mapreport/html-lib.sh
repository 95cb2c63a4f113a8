# lib/core/html.h alone: file-name slugs (lower-case ASCII letters and
# digits, one '-' per run of anything else, none at the ends, at most 48
# bytes, "x" for nothing), ids ([A-Za-z0-9-] and _XX: two names never
# share one) and escaped text (& < > " ')
"$BIN/../tests/htmltest"
