# FOCUS exports written by other tools hold NULL (or JSON null) in Tags:
# an empty map, not a rejected row
{ head -n 1 testdata/cur/focus-basic.csv
  for v in NULL null ' NULL ' '{}' ''; do
	sed -n 2p testdata/cur/focus-basic.csv |
	    sed "s/\"{\"\"user:map-migrated\"\":\"\"mig12345\"\",\"\"user:team\"\":\"\"payments\"\"}\"/$v/"
  done
} > "$TMP/f.csv"
curscan "$TMP/f.csv" | tests/cols entity_kind,entity,cost,map_tag
