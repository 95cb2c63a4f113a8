# the default exclusions hold whatever the service list says; a contract can
# switch them off
hdr='id\tprogram\tpayer\tmpe\tstart\tend\tcredit_rate\taccounts\tservices\texclusions\n'
printf "$hdr"'C1\tmap\t111122223333\t12345\t2026-01-01\t2027-12-31\t0.25\t444455556666\tAmazonEC2,AmazonEKS,AmazonS3,AWSDataTransfer\tdefault\n' > "$TMP/default"
printf "$hdr"'C1\tmap\t111122223333\t12345\t2026-01-01\t2027-12-31\t0.25\t444455556666\tAmazonEC2,AmazonEKS,AmazonS3,AWSDataTransfer,prod-mkt123\tnone\n' > "$TMP/none"
H='usage_start\tpayer\taccount\tservice\tentity_kind\tentity\tusage_type\tcost\tmap_tag\n'
r() { printf '2026-04-01T00:00:00Z\t111122223333\t444455556666\t%s\tresource\t%s\t%s\t1\tmig12345\n' "$@"; }
{ printf "$H"
  r AWSDataTransfer i-dt USE1-DataTransfer-Out-Bytes
  r AmazonEC2 i-xregion USE1-USW2-AWS-Out-Bytes
  r AmazonEKS eks-fargate-pod USE1-Fargate-vCPU-Hours:perCPU
  r AmazonEKS eks-cluster USE1-AmazonEKS-Hours:perCluster
  r AmazonS3 bucket-gda USE1-TimedStorage-GDA-ByteHrs
  r AmazonS3 bucket-std USE1-TimedStorage-ByteHrs
  r prod-mkt123 i-marketplace SoftwareUsage:m5.large
} > "$TMP/in"
for c in default none; do
	echo "--- exclusions $c"
	mapstate -c "$TMP/$c" "$TMP/in" | tests/cols entity,service,state,reason
done
