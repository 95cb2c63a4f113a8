# bench/entities.awk: N billing entities, one usage line each a day for
# DAYS days from 2026-04-01 (default 1), as charge lines (curscan's
# format): awk -v n=N [-v days=DAYS] -f bench/entities.awk. For
# bench/mapstate.sh and bench/shards.sh; the contract that matches is
# payer 111122223333, MPE 12345, AmazonEC2 and AmazonS3. Three entities
# in four are tagged; over several days, one in 29 of those drops its tag
# each day (drift, then tagged again the next day: events).
function tag(i, d) {
	if (i % 4 == 0 || (days > 1 && (i + d) % 29 == 0))
		return ""
	return "mig12345"
}
BEGIN {
	OFS = "\t"
	if (days == "")
		days = 1
	print "usage_start", "payer", "account", "account_name", "service",
	    "region", "line_type", "entity_kind", "entity", "usage_type",
	    "model", "principal", "cost", "map_tag", "principal_map_tag",
	    "description", "resource_id"
	for (d = 1; d <= days; d++)
	for (i = 0; i < n; i++) {
		acct = sprintf("4444%08d", i % 50)
		ent = sprintf("arn:aws:ec2:us-east-1:%s:instance/i-%017x", acct, i)
		print sprintf("2026-04-%02dT00:00:00Z", d), "111122223333", acct,
		    "acct" (i % 50),
		    (i % 3 ? "AmazonEC2" : "AmazonS3"), "us-east-1", "Usage",
		    "resource", ent, "USE1-BoxUsage:m5.large", "", "",
		    sprintf("%d.%04d", i % 7, i % 10000), tag(i, d),
		    "", "", ent
	}
}
