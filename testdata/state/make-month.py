#!/usr/bin/env python3
"""Writes month.tsv: hand-designed charge lines (curscan's output format)
for the mapstate scenario tests. Each entity exercises one lifecycle path;
the comment beside it says which. Run: python3 make-month.py > month.tsv"""
P, A, SB, LE, ML = "111122223333", "444455556666", "222200003333", "999900001111", "777788889999"
rows = []
def line(day, acct, name, svc, kind, ent, cost, tag="", utype="USE1-BoxUsage:m5.large",
         model="", principal="", ptag="", payer=P, region="us-east-1", hour=0, team="", resid=None):
    if resid is None:
        resid = "" if kind in ("unattributed", "ai-direct") else ent
    rows.append([f"2026-04-{day:02d}T{hour:02d}:00:00Z", payer, acct, name, svc, region, "Usage",
                 kind, ent, utype, model, principal, cost, tag, ptag, "", resid, team])
G = "mig12345"
for d in range(1, 7):
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-tagged", "10.00", G, team="payments")   # TAGGED from day 1
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-late", "4.00", G if d >= 3 else "")     # PENDING_TAG, tagged day 3
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-never", "2.50")                         # PENDING_TAG tag-missing
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-drift-removed", "3.00",
         "" if d in (3, 4) else G)                                                                   # drift:removed day 3, fixed day 5
    line(d, A, "payments-prod", "AmazonRDS", "resource", "db-drift-altered", "5.00",
         "mig99999" if d in (2, 3) else G, utype="USE1-InstanceUsage:db.r5.large")                  # drift:altered day 2, fixed day 4
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-malformed", "1.00", "MIG12345")         # PENDING_TAG tag-malformed
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-other-mpe", "1.00", "mig54321")         # PENDING_TAG tag-other-mpe
    line(d, SB, "sandbox-7", "AmazonEC2", "resource", "i-sandbox", "0.75", G)                       # auto-enrolled by name
    line(d, LE, "legacy-erp", "AmazonEC2", "resource", "i-legacy", "6.00", G)                       # INELIGIBLE account-out-of-scope
    line(d, A, "payments-prod", "AmazonCloudWatch", "resource", "alarm-1", "0.10", G,
         utype="USE1-CW:AlarmMonitorUsage")                                                          # INELIGIBLE service-not-eligible
    line(d, A, "payments-prod", "AWSDataTransfer", "resource", "i-transfer-only", "0.90", G,
         utype="USE1-DataTransfer-Out-Bytes")                                                        # INELIGIBLE excluded:data-transfer
    line(d, "555566667777", "other-payer", "AmazonEC2", "resource", "i-other-payer", "8.00", G,
         payer="555566667777")                                                                       # INELIGIBLE no-contract
    line(d, A, "payments-prod", "AmazonRDS", "unattributed", f"unattributed:{A}:AmazonRDS:us-east-1",
         "0.40", utype="USE1-RDS:ChargedBackupUsage")                                                # ELIGIBLE untrackable
    # two lines of one entity in a day: the latest usage of the day decides
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-hourly", "0.50", "" if d == 2 else G, hour=1)
    line(d, A, "payments-prod", "AmazonEC2", "resource", "i-hourly", "0.50", G, hour=23 if d != 2 else 0)
for d in (1, 4):
    line(d, A, "payments-prod", "AmazonS3", "resource", "bucket-gap", "0.20",
         G if d == 1 else "", utype="USE1-TimedStorage-ByteHrs")                                     # no usage days 2-3; drift seen day 4
BR = "AmazonBedrock"
PF1 = f"arn:aws:bedrock:us-east-1:{ML}:application-inference-profile/untagged1"
PF2 = f"arn:aws:bedrock:us-east-1:{ML}:application-inference-profile/chat"
RX = f"arn:aws:iam::{ML}:role/app-x"
RY = f"arn:aws:iam::{ML}:role/app-y"
for d in range(1, 7):
    # MAP AI contract starts on day 3: INELIGIBLE no-contract, then ELIGIBLE
    line(d, ML, "ml-platform", BR, "profile", PF1, "2.00", G if d >= 5 else "",
         utype="USE1-Claude4.6Sonnet-input-tokens", model="Claude4.6Sonnet", principal=RY)          # Tag Profile, tagged day 5
    if d != 4:
        line(d, ML, "ml-platform", BR, "profile", PF2, "7.00", G,
             utype="USE1-Claude4.6Sonnet-output-tokens", model="Claude4.6Sonnet", principal=RX)     # tagged profile used by app-x
    if d == 4:
        line(d, ML, "ml-platform", BR, "ai-direct", RX, "7.00", "",
             utype="USE1-Claude4.6Sonnet-output-tokens", model="Claude4.6Sonnet", principal=RX,
             resid="arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6")        # app-x falls back day 4; back day 5
    line(d, ML, "ml-platform", BR, "ai-direct", f"arn:aws:iam::{ML}:role/tagged-caller", "1.50", "",
         utype="USW2-NovaPro-input-tokens", model="NovaPro", principal=f"arn:aws:iam::{ML}:role/tagged-caller",
         ptag=G, region="us-west-2")                                                                 # principal tag: TAGGED
    line(d, ML, "ml-platform", BR, "ai-direct", f"ai-direct:{ML}:us-east-1:Llama4Maverick", "0.60", "",
         utype="USE1-Llama4Maverick-input-tokens", model="Llama4Maverick")                          # no caller: Create Profile
print("\t".join(["usage_start", "payer", "account", "account_name", "service", "region", "line_type",
                 "entity_kind", "entity", "usage_type", "model", "principal", "cost", "map_tag",
                 "principal_map_tag", "description", "resource_id", "tag_team"]))
for r in rows:
    print("\t".join(r))
