# the kind of a charge line of no entity is "none"; any other unknown word
# is exit 3 with the line, wherever it is in the file ("None" is not
# "none")
{ head -n 3 testdata/state/month.tsv; sed -n 2p testdata/state/month.tsv | sed "s/\tresource\t/\tnone\t/"
  sed -n 2p testdata/state/month.tsv | sed "s/\tresource\t/\tNone\t/"; } > "$TMP/in"
mapstate -c testdata/state/contracts.tsv "$TMP/in"
