# bench/entities.awk: N billing entities, one usage line each, as charge
# lines (curscan's format): awk -v n=N -f bench/entities.awk. For
# bench/mapstate.sh and bench/shards.sh; the contract that matches is
# payer 111122223333, MPE 12345, AmazonEC2 and AmazonS3.
BEGIN {
	OFS = "\t"
	print "usage_start", "payer", "account", "account_name", "service",
	    "region", "line_type", "entity_kind", "entity", "usage_type",
	    "model", "principal", "cost", "map_tag", "principal_map_tag",
	    "description", "resource_id"
	for (i = 0; i < n; i++) {
		acct = sprintf("4444%08d", i % 50)
		ent = sprintf("arn:aws:ec2:us-east-1:%s:instance/i-%017x", acct, i)
		print "2026-04-01T00:00:00Z", "111122223333", acct, "acct" (i % 50),
		    (i % 3 ? "AmazonEC2" : "AmazonS3"), "us-east-1", "Usage",
		    "resource", ent, "USE1-BoxUsage:m5.large", "", "",
		    sprintf("%d.%04d", i % 7, i % 10000), (i % 4 ? "mig12345" : ""),
		    "", "", ent
	}
}
