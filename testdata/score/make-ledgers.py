#!/usr/bin/env python3
"""Writes march.tsv and april.tsv: hand-designed ledgers (mapstate --ledger
with -w) for the mapscore tests. A small organisation, the amounts chosen so
the rates can be checked by hand. Run: python3 make-ledgers.py

Accounts: 100000000001 shop (web and api teams, a data warehouse, a stray
bucket no workload claims), 100000000002 ml (Bedrock), 100000000003 legacy
(unowned). Per day, April:
  i-web1        storefront  TAGGED                      10.00
  i-web2        storefront  PENDING_TAG, TAGGED from 3rd  2.00
  unattributed  storefront  ELIGIBLE (untrackable)        0.50
  db-api        checkout    STALE_TAG 1st, then TAGGED    3.00
  profile/recs  recs        TAGGED (AI)                   6.50
  role/batch    recs        PENDING_TAG (AI, direct)      1.50
  i-wh          warehouse   INELIGIBLE (no eligible spend) 4.00
  bucket-stray  unowned     PENDING_TAG                   1.00
  i-old         unowned     INELIGIBLE                    6.00
So recs (team ml) is 19.50 / 24.00 = 0.8125 accruing month to date.
March has the 27th and 29th-31st (no 28th: a day without data); db-api
drifts on the 31st."""
P = "111100001111"
A1, A2, A3 = "100000000001", "100000000002", "100000000003"
PROFILE = f"arn:aws:bedrock:us-east-1:{A2}:application-inference-profile/recs"
ROLE = f"arn:aws:iam::{A2}:role/batch"
OWN = {
    "storefront": ("web", "Shop", "Retail"),
    "checkout": ("api", "Shop", "Retail"),
    "recs": ("ml", "Recs", "Retail"),
    "warehouse": ("data", "Analytics", "Ops"),
    "unowned": ("", "", ""),
}
HDR = ["date", "entity", "entity_kind", "payer", "account", "service",
       "contract", "state", "cost", "eligible_cost", "accruing_cost",
       "workload", "team", "product", "portfolio"]

def rows(day):
    d = int(day[-2:]); april = day.startswith("2026-04")
    def st(e):
        if e == "i-web2":
            return "TAGGED" if april and d >= 3 else "PENDING_TAG"
        if e == "db-api":
            return "STALE_TAG" if (not april and d == 31) or (april and d == 1) else "TAGGED"
        return None
    out = [
        ("i-web1", "resource", A1, "AmazonEC2", "MAP-STD-1", "TAGGED", "10.00", "storefront"),
        ("i-web2", "resource", A1, "AmazonEC2", "MAP-STD-1", st("i-web2"), "2.00", "storefront"),
        (f"unattributed:{A1}:AmazonRDS:us-east-1", "unattributed", A1, "AmazonRDS", "MAP-STD-1", "ELIGIBLE", "0.50", "storefront"),
        ("db-api", "resource", A1, "AmazonRDS", "MAP-STD-1", st("db-api"), "3.00", "checkout"),
        (PROFILE, "profile", A2, "AmazonBedrock", "MAP-AI-1", "TAGGED", "6.50", "recs"),
        (ROLE, "ai-direct", A2, "AmazonBedrock", "MAP-AI-1", "PENDING_TAG", "1.50", "recs"),
        ("i-wh", "resource", A1, "AmazonRedshift", "", "INELIGIBLE", "4.00", "warehouse"),
        ("bucket-stray", "resource", A1, "AmazonS3", "MAP-STD-1", "PENDING_TAG", "1.00", "unowned"),
        ("i-old", "resource", A3, "AmazonEC2", "", "INELIGIBLE", "6.00", "unowned"),
    ]
    res = []
    for ent, kind, acct, svc, con, state, cost, wl in sorted(out):
        elig = "0.00" if state == "INELIGIBLE" else cost
        accr = cost if state == "TAGGED" else "0.00"
        res.append([day, ent, kind, P, acct, svc, con, state, cost, elig, accr, wl, *OWN[wl]])
    return res

for name, days in (("march.tsv", ["2026-03-27", "2026-03-29", "2026-03-30", "2026-03-31"]),
                   ("april.tsv", ["2026-04-01", "2026-04-02", "2026-04-03"])):
    with open(name, "w") as f:
        f.write("\t".join(HDR) + "\n")
        for day in days:
            for r in rows(day):
                f.write("\t".join(r) + "\n")
