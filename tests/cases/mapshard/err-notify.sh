# Notifications carry no key of their own: they follow their tasks, so a
# merge of them without the merged task list (-T) is refused.
printf 'as_of\towner\tworkload\ttask_id\ttype\n2026-04-30\ta@x\tw\tt1\tTAG_RESOURCE\n' > "$TMP/n0"
mapshard --merge "$TMP/n0"
