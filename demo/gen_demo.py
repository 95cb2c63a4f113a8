#!/usr/bin/env python3
"""gen_demo.py - the demo organisation's month of AWS CUR 2.0 exports.

Aurora Retail Group runs seven linked accounts under one payer, in three
portfolios (Digital Commerce, Data & AI, Platform), under two MAP contracts
for the same MPE ID 12345 (tag value mig12345): a standard MAP contract and
a MAP AI contract (demo/contracts.tsv).  This script writes April 2026 the
way AWS Data Exports delivers it: every morning a new month-to-date export
replaces the previous one.  For each day DD it writes

  OUT/exports/2026-04-DD/                       a local mirror of the bucket
    cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json
    cur2/aurora-map-cur/data/BILLING_PERIOD=2026-04/<delivery>-<execution id>/
        aurora-map-cur-00001.csv.gz  aurora-map-cur-00002.csv.gz

holding every line item from April 1 through DD (plus the month's estimated
tax so far), as AWS delivers them: about one in five of day DD's usage rows
arrives a delivery late (with DD+1's; the final delivery, of April 30, has
them all), and day 10's cost of one EC2 instance is delivered 25% high on
the 11th and restated on the 12th.  Each also holds the previous month's
delivery (March: one payments instance's last days), under

    cur2/aurora-map-cur/{metadata,data}/BILLING_PERIOD=2026-03/

first as delivered with April's first export, then, from the export of
April 4 on, restated (its March 29, first billed 20% low, corrected), so that

  curscan --root OUT/exports/2026-04-DD \\
      --manifest OUT/exports/2026-04-DD/cur2/aurora-map-cur/metadata/BILLING_PERIOD=2026-04/aurora-map-cur-Manifest.json

reads the export of that morning.  The data files are CUR 2.0 CSV: the real
column names (the 127 of a CUR 2.0 export with resource ids, split cost
allocation and the tags column, plus line_item_iam_principal), map columns
as compact JSON with "" quote escaping, costs as AWS prints them.

What the month holds, by design (the entities are listed in ENTITIES below,
each with the story it tells):
  * resources tagged map-migrated from day one, tagged late, never tagged,
    tagged then drifted (tag removed; overwritten with another MPE ID) and
    fixed, malformed (MIG12345), in an account outside every contract, on
    services no contract covers, and charges excluded everywhere (data
    transfer, AWS Marketplace, EKS on Fargate, S3 Glacier Deep Archive);
  * Bedrock: a tagged application inference profile, an untagged one that
    is tagged late, direct model calls with a caller principal (with and
    without a profile for the model: Create Profile / Add to Profile, one
    through a profile known only from demo/inventory.tsv), a direct call
    with no principal, and an application that falls back from its tagged
    profile to direct invocation for three days;
  * MAP credits as Credit line items carrying a mig promotion code, drawn
    expiry-first from the two grants of demo/grants.tsv; AWS Free Tier
    credits; a refund; Savings Plans and a Reserved Instance; tax;
  * several lines per entity and day (hourly usage starts), and spend that
    no workload in demo/workloads.tsv claims.

Usage:
  gen_demo.py [--out DIR] [--days N] [--seed S]

Same arguments => byte-identical files: every random choice comes from
random.Random seeded with (seed, day, entity), gzip headers carry no name
or time, and nothing depends on the clock, hash seeds or the locale.
"""

import argparse
import base64
import csv
import io
import gzip
import json
import os
import random
import sys
import zlib

YEAR, MONTH, NDAYS = 2026, 4, 30
PERIOD = "2026-04"
PERIOD_START = "2026-04-01T00:00:00.000Z"
PERIOD_END = "2026-05-01T00:00:00.000Z"
BUCKET = "aurora-cur-exports"
PREFIX = "cur2"
EXPORT = "aurora-map-cur"

COLUMNS = """
bill_bill_type bill_billing_entity bill_billing_period_end_date
bill_billing_period_start_date bill_invoice_id bill_invoicing_entity
bill_payer_account_id bill_payer_account_name cost_category discount
discount_bundled_discount discount_total_discount identity_line_item_id
identity_time_interval line_item_availability_zone line_item_blended_cost
line_item_blended_rate line_item_currency_code line_item_iam_principal
line_item_legal_entity line_item_line_item_description
line_item_line_item_type line_item_net_unblended_cost
line_item_net_unblended_rate line_item_normalization_factor
line_item_normalized_usage_amount line_item_operation line_item_product_code
line_item_resource_id line_item_tax_type line_item_unblended_cost
line_item_unblended_rate line_item_usage_account_id
line_item_usage_account_name line_item_usage_amount line_item_usage_end_date
line_item_usage_start_date line_item_usage_type line_item_user_identifier
pricing_currency pricing_lease_contract_length pricing_offering_class
pricing_public_on_demand_cost pricing_public_on_demand_rate
pricing_purchase_option pricing_rate_code pricing_rate_id pricing_term
pricing_unit product product_comment product_fee_code product_fee_description
product_from_location product_from_location_type product_from_region_code
product_instance_family product_instance_type product_instancesku
product_location product_location_type product_operation product_pricing_unit
product_product_family product_region_code product_servicecode product_sku
product_to_location product_to_location_type product_to_region_code
product_usagetype reservation_amortized_upfront_cost_for_usage
reservation_amortized_upfront_fee_for_billing_period
reservation_availability_zone reservation_effective_cost reservation_end_time
reservation_modification_status
reservation_net_amortized_upfront_cost_for_usage
reservation_net_amortized_upfront_fee_for_billing_period
reservation_net_effective_cost reservation_net_recurring_fee_for_usage
reservation_net_unused_amortized_upfront_fee_for_billing_period
reservation_net_unused_recurring_fee reservation_net_upfront_value
reservation_normalized_units_per_reservation
reservation_number_of_reservations reservation_recurring_fee_for_usage
reservation_reservation_a_r_n reservation_start_time
reservation_subscription_id reservation_total_reserved_normalized_units
reservation_total_reserved_units reservation_units_per_reservation
reservation_unused_amortized_upfront_fee_for_billing_period
reservation_unused_normalized_unit_quantity reservation_unused_quantity
reservation_unused_recurring_fee reservation_upfront_value resource_tags
savings_plan_amortized_upfront_commitment_for_billing_period
savings_plan_end_time savings_plan_instance_type_family
savings_plan_net_amortized_upfront_commitment_for_billing_period
savings_plan_net_recurring_commitment_for_billing_period
savings_plan_net_savings_plan_effective_cost savings_plan_offering_type
savings_plan_payment_option savings_plan_purchase_term
savings_plan_recurring_commitment_for_billing_period savings_plan_region
savings_plan_savings_plan_a_r_n savings_plan_savings_plan_effective_cost
savings_plan_savings_plan_rate savings_plan_start_time
savings_plan_total_commitment_to_date savings_plan_used_commitment
split_line_item_actual_usage split_line_item_net_split_cost
split_line_item_net_unused_cost split_line_item_parent_resource_id
split_line_item_public_on_demand_split_cost
split_line_item_public_on_demand_unused_cost split_line_item_reserved_usage
split_line_item_split_cost split_line_item_split_usage
split_line_item_split_usage_ratio split_line_item_unused_cost tags
""".split()
CI = {c: i for i, c in enumerate(COLUMNS)}
TIMESTAMP_COLS = {"bill_billing_period_end_date", "bill_billing_period_start_date",
                  "line_item_usage_end_date", "line_item_usage_start_date"}
# typed double in a real CUR 2.0 manifest; every other column is string
DOUBLE_COLS = set("""
discount_bundled_discount discount_total_discount line_item_blended_cost
line_item_net_unblended_cost line_item_normalization_factor
line_item_normalized_usage_amount line_item_unblended_cost line_item_usage_amount
pricing_public_on_demand_cost reservation_amortized_upfront_cost_for_usage
reservation_amortized_upfront_fee_for_billing_period reservation_effective_cost
reservation_net_amortized_upfront_cost_for_usage
reservation_net_amortized_upfront_fee_for_billing_period reservation_net_effective_cost
reservation_net_recurring_fee_for_usage
reservation_net_unused_amortized_upfront_fee_for_billing_period
reservation_net_unused_recurring_fee reservation_net_upfront_value
reservation_recurring_fee_for_usage
reservation_unused_amortized_upfront_fee_for_billing_period
reservation_unused_normalized_unit_quantity reservation_unused_quantity
reservation_unused_recurring_fee reservation_upfront_value
savings_plan_amortized_upfront_commitment_for_billing_period
savings_plan_net_amortized_upfront_commitment_for_billing_period
savings_plan_net_recurring_commitment_for_billing_period
savings_plan_net_savings_plan_effective_cost
savings_plan_recurring_commitment_for_billing_period
savings_plan_savings_plan_effective_cost savings_plan_savings_plan_rate
savings_plan_total_commitment_to_date savings_plan_used_commitment
split_line_item_actual_usage split_line_item_net_split_cost
split_line_item_net_unused_cost split_line_item_public_on_demand_split_cost
split_line_item_public_on_demand_unused_cost split_line_item_reserved_usage
split_line_item_split_cost split_line_item_split_usage
split_line_item_split_usage_ratio split_line_item_unused_cost
""".split())
# Columns a real CUR 2.0 CSV export fills with 0.0 on every row.
ZERO_COLS = [
    "reservation_amortized_upfront_cost_for_usage",
    "reservation_amortized_upfront_fee_for_billing_period", "reservation_effective_cost",
    "reservation_recurring_fee_for_usage",
    "reservation_unused_amortized_upfront_fee_for_billing_period",
    "reservation_unused_normalized_unit_quantity", "reservation_unused_quantity",
    "reservation_unused_recurring_fee", "reservation_upfront_value",
    "savings_plan_amortized_upfront_commitment_for_billing_period",
    "savings_plan_recurring_commitment_for_billing_period",
    "savings_plan_savings_plan_effective_cost", "savings_plan_savings_plan_rate",
    "savings_plan_total_commitment_to_date", "savings_plan_used_commitment",
]


def coltype(name):
    if name in TIMESTAMP_COLS:
        return "timestamp"
    return "double" if name in DOUBLE_COLS else "string"


# ---------------------------------------------------------------- the company
PAYER = ("480512736604", "Aurora Retail Group")
ACCT = {  # key: (id, name)
    "store": ("480512736611", "storefront-prod"),
    "pay": ("480512736622", "payments-prod"),
    "data": ("480512736633", "data-lake-prod"),
    "genai": ("480512736644", "genai-prod"),
    "plat": ("480512736655", "platform-shared"),
    "sbx": ("480512736666", "sandbox-dev"),
    "erp": ("480512736677", "legacy-erp"),
}
LEGAL = "Amazon Web Services, Inc."
REGION = {  # code: (location, usage type prefix)
    "us-east-1": ("US East (N. Virginia)", "USE1"),
    "us-west-2": ("US West (Oregon)", "USW2"),
    "eu-west-1": ("EU (Ireland)", "EU"),
}
GOOD, OTHER, BAD = "mig12345", "mig54321", "MIG12345"
SP_ARN = "arn:aws:savingsplans::480512736604:savingsplan/5f0c1d2e-8a3b-4c7d-9e1f-2a3b4c5d6e7f"
RI_ARN = "arn:aws:rds:us-east-1:480512736622:ri:payments-ledger-ri-2025"
# contract per account for the generator's own credit estimate (the tools
# derive eligibility from demo/contracts.tsv; this only shapes the credits)
STD_ACCTS = {"store", "pay", "data", "plat", "sbx"}
AI_ACCTS = {"genai"}
STD_SERVICES = {"AmazonEC2", "AWSLambda", "AmazonEKS", "AmazonRDS", "AmazonDynamoDB", "AmazonS3"}
AI_SERVICES = STD_SERVICES | {"AmazonBedrock", "AmazonSageMaker"}
RATE = {"STD": 0.25, "AI": 0.30}
# How AWS words the credit line of each grant of demo/grants.tsv (the file
# gives code, amount, start, end and the contract, as its reference). AWS
# applies a contract's credit from its active grant that expires first.
GRANT_DESC = {
    "migK7Q2P9XW4T": "MAP 2.0 credit - promotion code migK7Q2P9XW4T",
    "migR3M8D5LH2N": "AWS Migration Acceleration Program (MAP) credit - promotion code migR3M8D5LH2N",
    "migAI29X7K3PL5": "MAP AI Modernization credit migAI29X7K3PL5",
}
CONTRACT_KEY = {"MAP-AUR-STD": "STD", "MAP-AUR-AI": "AI"}
MAP_PAYBACK = 0.96    # share of earned credit AWS actually applies in the month


def mig_schedule(*steps):
    """[(day, hour, value)] -> function (day, hour) -> value (None: absent)."""
    def at(d, h):
        v = None
        for sd, sh, sv in steps:
            if (d, h) >= (sd, sh):
                v = sv
        return v
    return at


ALWAYS = mig_schedule((1, 0, GOOD))
NEVER = mig_schedule()


def ec2(itype, rate, region="us-east-1"):
    loc, pfx = REGION[region]
    ut = "BoxUsage:" + itype if region == "us-east-1" else "%s-BoxUsage:%s" % (pfx, itype)
    fam = {"m": "General purpose", "c": "Compute optimized", "r": "Memory optimized",
           "t": "General purpose", "g": "GPU instance"}[itype[0]]
    return dict(svc="AmazonEC2", ut=ut, op="RunInstances", unit="Hrs", rate=rate,
                desc="$%s per On Demand Linux %s Instance Hour" % (fmt_rate(rate), itype),
                family="Compute Instance", itype=itype, ifam=fam,
                product={"product_name": "Amazon Elastic Compute Cloud", "region": region,
                         "servicename": "Amazon Elastic Compute Cloud",
                         "instance_family": fam, "operating_system": "Linux",
                         "tenancy": "Shared", "capacitystatus": "Used"})


def line(svc, ut, op, unit, rate, desc, family, product_name, **extra):
    pm = {"product_name": product_name, "region": extra.pop("region", "us-east-1"),
          "servicename": product_name}
    pm.update(extra.pop("attrs", {}))
    d = dict(svc=svc, ut=ut, op=op, unit=unit, rate=rate, desc=desc, family=family,
             product=pm)
    d.update(extra)
    return d


def bedrock(model_stem, model_name, io, per_1k, region="us-east-1"):
    pfx = REGION[region][1]
    return line("AmazonBedrock", "%s-%s-%s-tokens" % (pfx, model_stem, io), "InvokeModelInference",
                "Units", per_1k / 1000.0,
                "$%s per 1K %s tokens for %s in %s" % (fmt_rate(per_1k), io, model_name,
                                                        REGION[region][0]),
                "Amazon Bedrock", "Amazon Bedrock", region=region,
                attrs={"model": model_name, "feature": "On-demand Inference",
                       "inference_type": "%s tokens" % io.title()})


def fmt_rate(x):
    return ("%.6f" % x).rstrip("0").rstrip(".") if x < 1 else ("%.3f" % x).rstrip("0").rstrip(".")


def s3_storage(gb_month, cls="standard"):
    if cls == "deep-archive":
        return line("AmazonS3", "TimedStorage-GDA-ByteHrs", "DeepArchiveStorage", "GB-Mo",
                    0.00099, "$0.00099 per GB-Month of storage used in Glacier Deep Archive",
                    "Storage", "Amazon Simple Storage Service",
                    attrs={"storage_class": "Archive", "volume_type": "Glacier Deep Archive"},
                    qty=gb_month / NDAYS)
    return line("AmazonS3", "TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 0.023,
                "$0.023 per GB - first 50 TB / month of storage used", "Storage",
                "Amazon Simple Storage Service",
                attrs={"storage_class": "General Purpose", "volume_type": "Standard"},
                qty=gb_month / NDAYS)


def s3_requests(per_hour):
    return line("AmazonS3", "Requests-Tier1", "PutObject", "Requests", 0.000005,
                "$0.005 per 1,000 PUT, COPY, POST, or LIST requests", "API Request",
                "Amazon Simple Storage Service", qty=per_hour, hours=(12,))


def transfer_out(svc, gb, region="us-east-1"):
    pfx = REGION[region][1]
    return line(svc, "%s-DataTransfer-Out-Bytes" % pfx, "PublicIP-Out", "GB", 0.09,
                "$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier",
                "Data Transfer", "AWS Data Transfer" if svc == "AWSDataTransfer"
                else ("Amazon Simple Storage Service" if svc == "AmazonS3"
                      else "Amazon Elastic Compute Cloud"),
                attrs={"transfer_type": "AWS Outbound"}, qty=gb, transfer=region)


def lam(fn_gb_s, requests, hours):
    return [line("AWSLambda", "Lambda-GB-Second", "Invoke", "Lambda-GB-Second", 0.0000166667,
                 "AWS Lambda - Total Compute - US East (Northern Virginia)", "Serverless",
                 "AWS Lambda", attrs={"group": "AWS-Lambda-Duration"}, qty=fn_gb_s, hours=hours),
            line("AWSLambda", "Request", "Invoke", "Requests", 0.0000002,
                 "AWS Lambda - Total Requests - US East (Northern Virginia)", "Serverless",
                 "AWS Lambda", attrs={"group": "AWS-Lambda-Requests"}, qty=requests, hours=hours)]


def ddb(reads, writes, gb, h):
    return [line("AmazonDynamoDB", "ReadRequestUnits", "GetItem", "ReadRequestUnits", 0.000000125,
                 "$0.125 per million read request units (N. Virginia)",
                 "Amazon DynamoDB PayPerRequest Throughput", "Amazon DynamoDB",
                 attrs={"group": "DDB-ReadUnits"}, qty=reads, hours=h),
            line("AmazonDynamoDB", "WriteRequestUnits", "PutItem", "WriteRequestUnits",
                 0.000000625, "$0.625 per million write request units (N. Virginia)",
                 "Amazon DynamoDB PayPerRequest Throughput", "Amazon DynamoDB",
                 attrs={"group": "DDB-WriteUnits"}, qty=writes, hours=h),
            line("AmazonDynamoDB", "TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 0.25,
                 "$0.25 per GB-Month of storage used beyond first 25 free GB-Months",
                 "Database Storage", "Amazon DynamoDB", qty=gb / NDAYS)]


def rds(itype, rate, engine="PostgreSQL", multi_az=True):
    dep = "Multi-AZ" if multi_az else "Single-AZ"
    ut = ("Multi-AZUsage:" if multi_az else "InstanceUsage:") + itype
    return line("AmazonRDS", ut, "CreateDBInstance:0014", "Hrs", rate,
                "$%s per RDS %s %s instance hour (or partial hour) running %s"
                % (fmt_rate(rate), itype, dep, engine),
                "Database Instance", "Amazon Relational Database Service",
                attrs={"database_engine": engine, "deployment_option": dep},
                itype=itype, qty=24)


def ebs(gb, vt="gp3"):
    rate = {"gp3": 0.08, "io2": 0.125}[vt]
    return line("AmazonEC2", "EBS:VolumeUsage." + vt, "CreateVolume-Gp3", "GB-Mo", rate,
                "$%s per GB-month of General Purpose (%s) provisioned storage - US East (N. Virginia)"
                % (fmt_rate(rate), vt), "Storage", "Amazon Elastic Compute Cloud",
                attrs={"volume_api_name": vt}, qty=gb / NDAYS)


class Entity:
    """One billing entity (or a source of lines with no entity) and its story."""

    def __init__(self, key, acct, rid, lines, tags=None, mig=ALWAYS, days=(1, NDAYS),
                 principal="", az="", qty=None, jitter=0.08, line_type="Usage", skip=(),
                 story=""):
        self.key, self.acct, self.rid, self.lines = key, acct, rid, lines
        self.tags = tags or {}
        self.mig, self.days, self.principal, self.az = mig, days, principal, az
        self.qty, self.jitter, self.line_type, self.skip = qty, jitter, line_type, set(skip)
        self.story = story

    def active(self, d):
        return self.days[0] <= d <= self.days[1] and d not in self.skip


def E(*a, **k):
    ENTITIES.append(Entity(*a, **k))


ENTITIES = []
A = {k: v[0] for k, v in ACCT.items()}
USE1 = "us-east-1"

# ---- storefront-prod: Digital Commerce / Storefront (web) and Checkout (checkout)
web = {"team": "web", "environment": "prod", "application": "storefront"}
chk = {"team": "checkout", "environment": "prod", "application": "checkout"}
E("web-1", "store", "i-0a1f3c5e7b9d24601", [dict(ec2("m6i.8xlarge", 1.536), qty=24),
                                             dict(transfer_out("AmazonEC2", 60.0))],
  tags=web, az="us-east-1a", story="tagged from day one; its data transfer is excluded")
E("web-2", "store", "i-0a1f3c5e7b9d24602", [dict(ec2("m6i.8xlarge", 1.536), qty=24)],
  tags=web, az="us-east-1b", story="tagged from day one")
E("web-3", "store", "i-0a1f3c5e7b9d24603", [dict(ec2("m6i.8xlarge", 1.536), qty=24)],
  tags=web, az="us-east-1c", mig=mig_schedule((9, 14, GOOD)),
  story="launched untagged, tagged on day 9 at 14:00")
E("web-1-root", "store", "vol-0e5d4c3b2a1f06971", [ebs(2000)], tags=web, az="us-east-1a",
  story="tagged from day one")
E("web-mp", "store", "i-0a1f3c5e7b9d24601",
  [line("3f8tq0cgjkvh6w9nz2r4b7ye5", "SoftwareUsage:m6i.8xlarge", "RunInstances", "Hrs", 0.40,
        "$0.40 per hour for NGINX Plus Premium on m6i.8xlarge", "Software",
        "NGINX Plus - Premium (AWS Marketplace)", attrs={"marketoption": "OnDemand"}, qty=24)],
  tags=web, az="us-east-1a", story="AWS Marketplace software on web-1: excluded")
E("assets", "store", "aurora-storefront-assets",
  [s3_storage(90000), s3_requests(480000), dict(transfer_out("AmazonS3", 180.0))], tags=web,
  story="S3 bucket tagged from day one; its transfer out is excluded")
E("alb", "store",
  "arn:aws:elasticloadbalancing:us-east-1:480512736611:loadbalancer/app/storefront-alb/4f2a9c1e7d3b5a68",
  [line("AWSELB", "LoadBalancerUsage", "LoadBalancing:Application", "Hrs", 0.0225,
        "$0.0225 per Application LoadBalancer-hour (or partial hour)", "Load Balancer-Application",
        "Elastic Load Balancing", qty=24),
   line("AWSELB", "LCUUsage", "LoadBalancing:Application", "LCU-Hrs", 0.008,
        "$0.008 per used Application load balancer capacity unit-hour (or partial hour)",
        "Load Balancer-Application", "Elastic Load Balancing", qty=9.0, hours=(12,))],
  tags=web, story="Elastic Load Balancing: a service no contract lists")
E("checkout-db", "store", "arn:aws:rds:us-east-1:480512736611:db:checkout-orders",
  [rds("db.r6g.4xlarge", 2.08)], tags=chk, az="us-east-1a",
  mig=mig_schedule((1, 0, GOOD), (12, 10, None), (15, 9, GOOD)),
  story="tag removed on day 12 (a Terraform apply), put back on day 15")
E("checkout-fn", "store", "arn:aws:lambda:us-east-1:480512736611:function:checkout-api",
  lam(1200000, 9000000, (11, 19)), tags=chk, mig=mig_schedule((6, 0, GOOD)),
  story="tagged late, on day 6")
E("carts", "store", "arn:aws:dynamodb:us-east-1:480512736611:table/checkout-carts",
  ddb(160000000, 30000000, 900, (8, 12, 16, 20)), tags=chk,
  mig=mig_schedule((1, 0, GOOD), (18, 13, OTHER), (22, 11, GOOD)),
  story="overwritten with another MPE ID (mig54321) on day 18, fixed on day 22")
E("store-refund", "store", "", [line("AmazonEC2", "BoxUsage:m6i.8xlarge", "RunInstances", "Hrs",
                                     0.0, "Refund for EC2 instance retirement i-0a1f3c5e7b9d24602",
                                     "Compute Instance", "Amazon Elastic Compute Cloud",
                                     qty=0, fixed=-41.30)],
  days=(10, 10), line_type="Refund", story="a refund: not a credit of MAP")

# ---- payments-prod: Digital Commerce / Payments (one workload owns the account)
pay = {"team": "payments", "environment": "prod", "application": "payments"}
E("pay-eks", "pay", "arn:aws:eks:us-east-1:480512736622:cluster/payments-prod",
  [line("AmazonEKS", "USE1-AmazonEKS-Hours:perCluster", "CreateOperation", "Hours", 0.10,
        "Amazon EKS cluster usage in US East (N. Virginia)", "Compute",
        "Amazon Elastic Container Service for Kubernetes", qty=24)], tags=pay,
  story="tagged from day one")
E("pay-node-1", "pay", "i-0b2e4d6f8a1c35701", [dict(ec2("m6i.8xlarge", 1.536), qty=24)],
  tags=pay, az="us-east-1a", line_type="SavingsPlanCoveredUsage",
  story="tagged from day one; covered by a Compute Savings Plan")
E("pay-node-2", "pay", "i-0b2e4d6f8a1c35702", [dict(ec2("m6i.8xlarge", 1.536), qty=24)],
  tags=pay, az="us-east-1b", story="tagged from day one")
E("pay-node-3", "pay", "i-0b2e4d6f8a1c35703", [dict(ec2("m6i.8xlarge", 1.536), qty=24)],
  tags={"team": "payments", "environment": "prod",
        "eks:cluster-name": "payments-prod"}, mig=NEVER, az="us-east-1c",
  story="scaled out by the node group without tags: never tagged")
E("pay-fargate", "pay", "arn:aws:eks:us-east-1:480512736622:pod/payments-prod/settlement-batch",
  [line("AmazonEKS", "USE1-Fargate-vCPU-Hours:perCPU", "FargateTask", "vCPU-Hours", 0.04048,
        "AWS Fargate - vCPU - US East (N.Virginia)", "Compute",
        "Amazon Elastic Container Service for Kubernetes", qty=96.0, hours=(2,))],
  tags=pay, story="EKS on Fargate: excluded")
E("pay-ledger-db", "pay", "arn:aws:rds:us-east-1:480512736622:db:payments-ledger",
  [rds("db.r6g.2xlarge", 1.04)], tags=pay, az="us-east-1a", line_type="DiscountedUsage",
  story="covered by a Reserved Instance: its usage costs 0.00")
E("pay-backup", "pay", "", [line("AmazonRDS", "RDS:ChargedBackupUsage", "CreateDBInstance:0014",
                                 "GB-Mo", 0.095, "$0.095 per GB-month of provisioned storage",
                                 "Storage Snapshot", "Amazon Relational Database Service",
                                 qty=1400 / NDAYS)],
  story="RDS backup storage has no resource id: eligible, untrackable")

# ---- data-lake-prod: Data & AI / Analytics (data)
dat = {"team": "data", "environment": "prod", "application": "lake"}
E("lake-raw", "data", "aurora-lake-raw", [s3_storage(240000), s3_requests(3000000)], tags=dat,
  story="tagged from day one")
E("lake-archive", "data", "aurora-lake-archive", [s3_storage(900000, "deep-archive")], tags=dat,
  story="S3 Glacier Deep Archive: excluded")
E("ingest-orders", "data", "arn:aws:lambda:us-east-1:480512736633:function:ingest-orders",
  lam(900000, 4000000, (2, 14)), tags=dat, mig=mig_schedule((11, 0, GOOD)),
  story="tagged late, on day 11 (claimed by prefix)")
E("ingest-clicks", "data", "arn:aws:lambda:us-east-1:480512736633:function:ingest-clicks",
  lam(1400000, 22000000, (8, 20)), tags=dat, mig=mig_schedule((11, 0, GOOD)),
  story="tagged late, on day 11 (claimed by prefix)")
E("spark", "data", "i-0c3f5a7b9d2e46801", [dict(ec2("r6i.8xlarge", 2.016), qty=24)],
  tags=dat, mig=NEVER, az="us-east-1a", story="never tagged")
E("emr", "data", "arn:aws:elasticmapreduce:us-east-1:480512736633:cluster/j-2AXQ7RPL9GAPLF",
  [line("ElasticMapReduce", "BoxUsage:r6i.8xlarge", "RunInstances", "Hrs", 0.27,
        "$0.27 per hour for EMR r6i.8xlarge", "Elastic Map Reduce Instance",
        "Amazon Elastic MapReduce", qty=24)],
  tags=dat, story="Amazon EMR: a service no contract lists")
E("lake-catalog", "data", "arn:aws:dynamodb:us-east-1:480512736633:table/lake-catalog",
  ddb(40000000, 8000000, 300, (6, 18)), tags=dat, story="tagged from day one")

# ---- genai-prod: Data & AI, under the MAP AI contract
GA = A["genai"]
PF_ASST = "arn:aws:bedrock:us-east-1:%s:application-inference-profile/a7kq2m9xw4tz" % GA
PF_SUMM = "arn:aws:bedrock:us-east-1:%s:application-inference-profile/s3nv8lq0r2pd" % GA
SONNET_FM = "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0"
SONNET_XR = ("arn:aws:bedrock:us-east-1:%s:inference-profile/"
             "us.anthropic.claude-sonnet-4-5-20250929-v1:0" % GA)


ROLE_TAGS = {"assistant-app": {"team": "assistant"}, "catalog-writer": {"team": "assistant"},
             "search-reranker": {"team": "search"}, "review-summarizer": {"team": "assistant"},
             "insights-batch": {"team": "ml-platform"}}


def role(name, session):
    return "arn:aws:sts::%s:assumed-role/%s/%s" % (GA, name, session)


SONNET = [bedrock("Claude4.5Sonnet", "Claude Sonnet 4.5", "input", 0.003),
          bedrock("Claude4.5Sonnet", "Claude Sonnet 4.5", "output", 0.015)]
DAYTIME = (9, 15, 21)
FALLBACK = (14, 15, 16)
E("asst-profile", "genai", PF_ASST,
  [dict(SONNET[0], qty=30e6, hours=DAYTIME), dict(SONNET[1], qty=4e6, hours=DAYTIME)],
  tags={"team": "assistant", "application": "shopping-assistant"},
  principal=role("assistant-app", "ecs-task-7f3a9c"), skip=FALLBACK,
  story="tagged application inference profile used by the shopping assistant")
E("asst-fallback", "genai", SONNET_XR,
  [dict(SONNET[0], qty=30e6, hours=DAYTIME), dict(SONNET[1], qty=4e6, hours=DAYTIME)],
  principal=role("assistant-app", "ecs-task-7f3a9c"), days=(14, 16), mig=NEVER,
  story="a config rollback sends the assistant straight to the cross-region profile "
        "for days 14-16: drift (direct fallback), fixed by routing back on day 17")
E("catalog-direct", "genai", SONNET_FM,
  [dict(SONNET[0], qty=8e6, hours=(1, 3)), dict(SONNET[1], qty=2e6, hours=(1, 3))],
  principal=role("catalog-writer", "batch-0412"), mig=NEVER,
  story="direct calls for a model that has a profile here: Add to Profile")
E("search-direct", "genai", "",
  [dict(bedrock("NovaPro", "Amazon Nova Pro", "input", 0.0008), qty=40e6, hours=DAYTIME),
   dict(bedrock("NovaPro", "Amazon Nova Pro", "output", 0.0032), qty=5e6, hours=DAYTIME)],
  principal=role("search-reranker", "lambda-search"), mig=NEVER,
  story="direct calls; the profile for the model is known from the inventory: Add to Profile")
E("summ-profile", "genai", PF_SUMM,
  [dict(bedrock("NovaLite", "Amazon Nova Lite", "input", 0.00006), qty=300e6, hours=(0, 12)),
   dict(bedrock("NovaLite", "Amazon Nova Lite", "output", 0.00024), qty=40e6, hours=(0, 12))],
  tags={"team": "assistant", "application": "review-insights"},
  principal=role("review-summarizer", "fargate-1"), mig=mig_schedule((24, 10, GOOD)),
  story="an untagged profile (Tag Profile), tagged on day 24")
E("llama-direct", "genai", "",
  [dict(bedrock("Llama4Maverick", "Llama 4 Maverick 17B", "input", 0.00024, "us-west-2"),
        qty=30e6, hours=(2, 14)),
   dict(bedrock("Llama4Maverick", "Llama 4 Maverick 17B", "output", 0.00097, "us-west-2"),
        qty=6e6, hours=(2, 14))],
  mig=NEVER, story="direct calls with no caller principal in the export: Create Profile")
E("haiku-direct", "genai", "",
  [dict(bedrock("Claude4.5Haiku", "Claude Haiku 4.5", "input", 0.001), qty=20e6, hours=(4, 16)),
   dict(bedrock("Claude4.5Haiku", "Claude Haiku 4.5", "output", 0.005), qty=3e6, hours=(4, 16))],
  principal=role("insights-batch", "glue-job-22"), mig=NEVER,
  story="direct calls with a caller, no profile for the model: Create Profile")
E("reco-endpoint", "genai", "arn:aws:sagemaker:us-east-1:480512736644:endpoint/reco-ranker",
  [line("AmazonSageMaker", "USE1-Host:ml.g5.2xlarge", "RunInstance", "Hrs", 1.515,
        "$1.515 per Hosting ml.g5.2xlarge hour in US East (N. Virginia)", "ML Instance",
        "Amazon SageMaker", qty=24)],
  tags={"team": "search", "application": "product-search"}, story="tagged from day one")
E("finetune", "genai", "i-0d4a6c8e0f2b57901", [dict(ec2("g5.12xlarge", 5.672), qty=24)],
  tags={"team": "ml-platform", "application": "finetune"}, mig=mig_schedule((5, 9, GOOD)),
  az="us-east-1b", story="GPU box tagged on day 5")

# ---- platform-shared: Platform / Observability; part of it nobody claims
plt = {"team": "platform", "environment": "prod"}
E("monitoring", "plat", "i-0e5a7c9b1d3f68201", [dict(ec2("m6i.2xlarge", 0.384), qty=24)],
  tags=dict(plt, application="grafana"), az="us-east-1a", story="tagged from day one")
E("bastion", "plat", "i-0e5a7c9b1d3f68202", [dict(ec2("t3.medium", 0.0416), qty=24)],
  tags=plt, mig=NEVER, az="us-east-1a", story="never tagged")
E("tools-eks", "plat", "arn:aws:eks:us-east-1:480512736655:cluster/platform-tools",
  [line("AmazonEKS", "USE1-AmazonEKS-Hours:perCluster", "CreateOperation", "Hours", 0.10,
        "Amazon EKS cluster usage in US East (N. Virginia)", "Compute",
        "Amazon Elastic Container Service for Kubernetes", qty=24)], tags=plt,
  story="tagged from day one")
E("ci-1", "plat", "i-0e5a7c9b1d3f68211", [dict(ec2("c6i.4xlarge", 0.68), qty=24)],
  tags={"environment": "ci"}, mig=mig_schedule((1, 0, BAD)), az="us-east-1b",
  story="malformed tag value MIG12345; no team tag: unowned")
E("ci-2", "plat", "i-0e5a7c9b1d3f68212", [dict(ec2("c6i.4xlarge", 0.68), qty=24)],
  tags={"environment": "ci"}, mig=mig_schedule((1, 0, BAD)), az="us-east-1c",
  story="malformed tag value MIG12345; no team tag: unowned")
E("nat", "plat", "arn:aws:ec2:us-east-1:480512736655:natgateway/nat-0f1e2d3c4b5a69788",
  [line("AmazonEC2", "NatGateway-Hours", "NatGateway", "Hrs", 0.045,
        "$0.045 per NAT Gateway Hour", "NAT Gateway", "Amazon Elastic Compute Cloud", qty=24),
   line("AmazonEC2", "NatGateway-Bytes", "NatGateway", "GB", 0.045,
        "$0.045 per GB Data Processed by NAT Gateways", "NAT Gateway",
        "Amazon Elastic Compute Cloud", qty=140.0, hours=(0, 12))],
  tags=plt, story="tagged from day one")
E("logs", "plat", "arn:aws:logs:us-east-1:480512736655:log-group:/aws/eks/platform-tools/cluster",
  [line("AmazonCloudWatch", "USE1-DataProcessing-Bytes", "PutLogEvents", "GB", 0.50,
        "$0.50 per GB custom log data ingested", "Data Payload", "AmazonCloudWatch", qty=14.0)],
  tags=plt, story="CloudWatch: a service no contract lists")
E("interregion", "plat", "", [transfer_out("AWSDataTransfer", 220.0)],
  story="data transfer with no resource: excluded, unowned")

# ---- sandbox-dev: joins the standard contract by its name (sandbox-*); nobody claims it
sbx = {"environment": "sandbox"}
E("sbx-exp", "sbx", "i-0f6b8d0a2c4e79301", [dict(ec2("t3.large", 0.0832), qty=24)], tags=sbx,
  mig=mig_schedule((3, 15, GOOD)), az="us-east-1a", story="tagged on day 3; unowned")
E("sbx-fn", "sbx", "arn:aws:lambda:us-east-1:480512736666:function:hello-map",
  lam(12000, 30000, (15,)), tags=sbx, mig=NEVER, story="Free Tier covers it")
E("sbx-bucket", "sbx", "aurora-sandbox-scratch", [s3_storage(3)], tags=sbx, mig=NEVER,
  story="Free Tier covers it")

# ---- legacy-erp: outside both contracts' accounts
erp = {"team": "finance-it", "environment": "prod", "application": "erp"}
E("erp-app", "erp", "i-0a9b8c7d6e5f40321", [dict(ec2("r5.4xlarge", 1.008), qty=24)], tags=erp,
  az="us-east-1a", story="tagged, but the account is in no contract's scope")
E("erp-db", "erp", "arn:aws:rds:us-east-1:480512736677:db:erp-oracle",
  [rds("db.r5.2xlarge", 1.92, engine="Oracle", multi_az=False)], tags=erp, az="us-east-1a",
  story="tagged, but the account is in no contract's scope")

FREE_TIER = {"sbx-fn", "sbx-bucket"}
# the product name of a service's credit and tax lines
PRODUCT_NAME = {}
for _e in ENTITIES:
    for _t in _e.lines:
        PRODUCT_NAME.setdefault(_t["svc"], _t["product"]["product_name"])


# ---------------------------------------------------------------- formatting
def num(x):
    """A number the way CUR CSV prints it: plain decimals, Java-style
    exponent for tiny values (-7.0E-10)."""
    if x == 0:
        return "0.0"
    if abs(x) < 1e-4:
        m, e = ("%.6E" % x).split("E")
        m = m.rstrip("0")
        if m.endswith("."):
            m += "0"
        return "%sE%d" % (m, int(e))
    s = "%.10f" % x
    s = s.rstrip("0")
    return s + "0" if s.endswith(".") else s


def money(x):
    return round(x, 10)


def q(s):
    if '"' in s:
        return '"' + s.replace('"', '""') + '"'
    if "," in s or "\n" in s:
        return '"' + s + '"'
    return s


def jmap(d):
    return json.dumps(d, separators=(",", ":"), ensure_ascii=False)


def snake(k):
    out = []
    for i, ch in enumerate(k):
        if ch.isupper() and i and (k[i - 1].islower() or k[i - 1].isdigit()):
            out.append("_")
        out.append(ch.lower() if ch.isalnum() else "_")
    return "".join(out)


def ts(day, hour=0):
    if day > NDAYS:
        return PERIOD_END
    return "%04d-%02d-%02dT%02d:00:00.000Z" % (YEAR, MONTH, day, hour)


def b32id(rng):
    return base64.b32encode(rng.randbytes(35)).decode().lower()[:52]


def sku(s):
    r = random.Random("sku:" + s)
    return "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(16))


# ---------------------------------------------------------------- rows
class Day:
    def __init__(self, seed, d):
        self.d = d
        self.seed = seed
        self.rows = []          # CSV lines
        self.accruing = {}      # (acct, svc, contract) -> cost, for the credit estimate
        self.cost = {}          # (acct, svc) -> cost, for the tax estimate

    def rng(self, what):
        return random.Random("%d:%d:%s" % (self.seed, self.d, what))

    def row(self, rng, acct, f):
        r = [""] * len(COLUMNS)
        for c in ZERO_COLS:
            r[CI[c]] = "0.0"
        aid, aname = ACCT[acct]
        g = {"bill_bill_type": "Anniversary", "bill_billing_entity": "AWS",
             "bill_billing_period_end_date": PERIOD_END,
             "bill_billing_period_start_date": PERIOD_START, "bill_invoicing_entity": LEGAL,
             "bill_payer_account_id": PAYER[0], "bill_payer_account_name": PAYER[1],
             "cost_category": "{}", "discount": "{}", "line_item_currency_code": "USD",
             "line_item_legal_entity": LEGAL, "line_item_usage_account_id": aid,
             "line_item_usage_account_name": aname, "pricing_currency": "USD",
             "resource_tags": "{}", "tags": "{}",
             "identity_line_item_id": b32id(rng),
             "identity_time_interval": "%s/%s" % (ts(self.d)[:19] + "Z", ts(self.d + 1)[:19] + "Z")}
        g.update(f)
        for k, v in g.items():
            r[CI[k]] = q(v)
        # AWS groups a delivery's line items by account and resource, not by
        # time; keeping them so also lets gzip find the repeats
        self.rows.append(((aid, g.get("line_item_resource_id", ""),
                           g.get("line_item_line_item_type", ""), g.get("line_item_usage_type", ""),
                           g.get("line_item_usage_start_date", "")), ",".join(r)))

    def usage(self, e, t, rng):
        """The lines of template t of entity e on this day."""
        base = t.get("qty", 1.0)
        factor = 1.0 + e.jitter * (2 * rng.random() - 1)
        hours = t.get("hours")
        if hours is None:
            slots = [(0, 24, base * factor)]
        else:
            w = [0.6 + rng.random() for _ in hours]
            tot = sum(w)
            slots = [(h, 1, base * factor * wi / tot) for h, wi in zip(hours, w)]
        region = t["product"].get("region", USE1)
        for h, span, qty in slots:
            if t["unit"] in ("Hrs", "Hours") and hours is None:
                qty = float(base)             # instances run all day
            cost = money(qty * t["rate"]) if "fixed" not in t else t["fixed"]
            lt = e.line_type
            mig = e.mig(self.d, h if span == 1 else 23)
            f = {"line_item_line_item_type": lt,
                 "line_item_usage_start_date": ts(self.d, h),
                 "line_item_usage_end_date": ts(self.d, h + span) if h + span < 24 else ts(self.d + 1),
                 "line_item_product_code": t["svc"], "product_servicecode": t["svc"],
                 "line_item_usage_type": t["ut"], "product_usagetype": t["ut"],
                 "line_item_operation": t["op"], "product_operation": t["op"],
                 "line_item_line_item_description": t["desc"],
                 "line_item_resource_id": e.rid, "line_item_usage_amount": num(qty),
                 "line_item_unblended_rate": num(t["rate"]), "line_item_blended_rate": num(t["rate"]),
                 "line_item_unblended_cost": num(cost), "line_item_blended_cost": num(cost),
                 "pricing_public_on_demand_cost": num(cost),
                 "pricing_public_on_demand_rate": num(t["rate"]),
                 "pricing_unit": t["unit"], "product_pricing_unit": t["unit"],
                 "pricing_term": "OnDemand", "product_product_family": t["family"],
                 "product_region_code": region, "product_location": REGION[region][0],
                 "product_location_type": "AWS Region",
                 "product_sku": sku(t["svc"] + t["ut"]), "pricing_rate_code":
                 sku(t["svc"] + t["ut"]) + ".JRTCKXETXF.6YS6EN2CT7",
                 "pricing_rate_id": str(random.Random(t["ut"]).randrange(10**11, 10**12)),
                 "line_item_availability_zone": e.az if t["svc"] in ("AmazonEC2", "AmazonRDS") else "",
                 "line_item_iam_principal": e.principal,
                 "product": jmap(t["product"])}
            if "itype" in t:
                f["product_instance_type"] = t["itype"]
                f["product_instance_family"] = t.get("ifam", "")
            if "transfer" in t:
                f.update({"product_from_location": REGION[region][0],
                          "product_from_location_type": "AWS Region",
                          "product_from_region_code": region, "product_to_location": "External",
                          "product_to_location_type": "Other"})
            if lt == "SavingsPlanCoveredUsage":
                sp_rate = t["rate"] * 0.72
                f.update({"savings_plan_savings_plan_a_r_n": SP_ARN,
                          "savings_plan_savings_plan_rate": num(sp_rate),
                          "savings_plan_savings_plan_effective_cost": num(qty * sp_rate),
                          "savings_plan_offering_type": "ComputeSavingsPlans",
                          "savings_plan_payment_option": "No Upfront",
                          "savings_plan_purchase_term": "1yr",
                          "savings_plan_start_time": "2026-01-01T00:00:00.000Z",
                          "savings_plan_end_time": "2027-01-01T00:00:00.000Z",
                          "pricing_term": "OnDemand"})
            elif lt == "DiscountedUsage":
                f.update({"reservation_reservation_a_r_n": RI_ARN,
                          "reservation_effective_cost": num(cost * 0.58),
                          "reservation_recurring_fee_for_usage": num(cost * 0.58),
                          "reservation_start_time": "2025-06-01T00:00:00.000Z",
                          "reservation_end_time": "2028-06-01T00:00:00.000Z",
                          "reservation_modification_status": "Original",
                          "pricing_term": "Reserved", "pricing_offering_class": "standard",
                          "pricing_lease_contract_length": "3yr",
                          "pricing_purchase_option": "No Upfront",
                          "line_item_unblended_cost": "0.0", "line_item_blended_cost": "0.0"})
                cost = 0.0
            elif lt == "Refund":
                f.update({"line_item_resource_id": "", "line_item_usage_amount": "0.0",
                          "pricing_public_on_demand_cost": "0.0"})
            tags = {}
            if e.rid and lt != "Refund":
                tags = dict(e.tags)
                if mig is not None:
                    tags["map-migrated"] = mig
            tagmap = {"resourceTags/user:" + k: v for k, v in sorted(tags.items())}
            if e.principal and lt != "Refund":
                # tags on the calling IAM role (none of them map-migrated)
                for k, v in sorted(ROLE_TAGS.get(e.principal.split("/")[1], {}).items()):
                    tagmap["iamPrincipal/" + k] = v
            if tags:
                f["resource_tags"] = jmap({"user_" + snake(k): v for k, v in sorted(tags.items())})
            if tagmap:
                f["tags"] = jmap(tagmap)
            self.row(rng, e.acct, f)
            if lt == "SavingsPlanCoveredUsage":
                g = dict(f)
                g.update({"line_item_line_item_type": "SavingsPlanNegation",
                          "line_item_line_item_description": "SavingsPlanCoveredUsage by " + SP_ARN,
                          "line_item_unblended_cost": num(-cost), "line_item_blended_cost": num(-cost),
                          "line_item_usage_amount": "0.0"})
                self.row(rng, e.acct, g)
            if lt == "Refund":
                continue
            self.cost[(e.acct, t["svc"])] = self.cost.get((e.acct, t["svc"]), 0.0) + cost
            if e.key in FREE_TIER:
                g = dict(f)
                g.update({"line_item_line_item_type": "Credit",
                          "line_item_line_item_description": "AWS Free Tier",
                          "line_item_resource_id": "", "resource_tags": "{}", "tags": "{}",
                          "line_item_unblended_cost": num(-cost), "line_item_blended_cost": num(-cost),
                          "line_item_unblended_rate": "", "line_item_blended_rate": "",
                          "line_item_iam_principal": ""})
                self.row(rng, e.acct, g)
            # the generator's own view of accruing spend, for the MAP credits
            contract = ("AI" if e.acct in AI_ACCTS else "STD" if e.acct in STD_ACCTS else None)
            services = AI_SERVICES if contract == "AI" else STD_SERVICES
            excluded = ("DataTransfer" in t["ut"] or "Fargate" in t["ut"] or "-GDA" in t["ut"]
                        or not e.rid)
            if contract and t["svc"] in services and not excluded and mig == GOOD:
                k = (e.acct, t["svc"], contract)
                self.accruing[k] = self.accruing.get(k, 0.0) + cost

    def fees(self):
        rng = self.rng("fees")
        commit = 30.0 * 24
        f = {"line_item_line_item_type": "SavingsPlanRecurringFee",
             "line_item_usage_start_date": ts(self.d), "line_item_usage_end_date": ts(self.d + 1),
             "line_item_product_code": "ComputeSavingsPlans",
             "line_item_usage_type": "ComputeSP:1yrNoUpfront", "line_item_operation": "",
             "line_item_resource_id": SP_ARN,
             "line_item_line_item_description": "1 year No Upfront Compute Savings Plan",
             "line_item_unblended_cost": num(commit), "line_item_blended_cost": num(commit),
             "line_item_usage_amount": "24.0", "savings_plan_savings_plan_a_r_n": SP_ARN,
             "savings_plan_recurring_commitment_for_billing_period": num(commit * NDAYS),
             "savings_plan_total_commitment_to_date": num(commit * self.d),
             "product": jmap({"product_name": "Savings Plans for AWS Compute usage"})}
        self.row(rng, "pay", f)
        ri = {"line_item_line_item_type": "RIFee", "line_item_usage_start_date": ts(self.d),
              "line_item_usage_end_date": ts(self.d + 1), "line_item_product_code": "AmazonRDS",
              "line_item_usage_type": "HeavyUsage:db.r6g.2xlarge", "line_item_operation": "",
              "line_item_resource_id": RI_ARN,
              "line_item_line_item_description":
                  "USD 0.6032 hourly fee per PostgreSQL, db.r6g.2xlarge instance",
              "line_item_unblended_cost": num(0.6032 * 24), "line_item_blended_cost": num(0.6032 * 24),
              "line_item_usage_amount": "24.0", "reservation_reservation_a_r_n": RI_ARN,
              "product": jmap({"product_name": "Amazon Relational Database Service"})}
        self.row(rng, "pay", ri)


def map_credits(day, pools):
    """Credit lines for the day's accruing spend, drawn expiry-first."""
    rng = day.rng("map-credit")
    for (acct, svc, contract), acc in sorted(day.accruing.items()):
        want = round(acc * RATE[contract] * MAP_PAYBACK, 2)
        while want > 0.004:
            active = [p for p in pools if p["contract"] == contract and
                      p["start"] <= day.d <= p["end"] and p["left"] > 0.004]
            if not active:
                break
            p = min(active, key=lambda p: (p["end"], p["code"]))
            amt = round(min(want, p["left"]), 2)
            p["left"] = round(p["left"] - amt, 2)
            want = round(want - amt, 2)
            day.row(rng, acct, {
                "line_item_line_item_type": "Credit",
                "line_item_usage_start_date": ts(day.d), "line_item_usage_end_date": ts(day.d + 1),
                "line_item_product_code": svc, "product_servicecode": svc,
                "line_item_line_item_description": p["desc"],
                "line_item_unblended_cost": num(-amt), "line_item_blended_cost": num(-amt),
                "line_item_usage_amount": "0.0", "pricing_term": "OnDemand",
                "product": jmap({"product_name": PRODUCT_NAME.get(svc, svc)})})


def tax_rows(seed, upto, costs):
    """The month's tax so far, one line per account and service (AWS
    re-estimates it with every delivery; usage spans the whole month)."""
    day = Day(seed, upto)
    rng = day.rng("tax")
    for (acct, svc), c in sorted(costs.items()):
        if c <= 0:
            continue
        t = round(c * 0.0825, 2)
        day.row(rng, acct, {
            "line_item_line_item_type": "Tax", "line_item_tax_type": "Sales Tax",
            "line_item_usage_start_date": PERIOD_START, "line_item_usage_end_date": PERIOD_END,
            "identity_time_interval": "2026-04-01T00:00:00Z/2026-05-01T00:00:00Z",
            "line_item_product_code": svc, "line_item_line_item_description":
                "Tax for product code %s" % svc,
            "line_item_unblended_cost": num(t), "line_item_blended_cost": num(t),
            "line_item_usage_amount": "1.0", "bill_invoice_id": "",
            "product": jmap({"product_name": PRODUCT_NAME.get(svc, svc)})})
    return [r for _, r in day.rows]


def gen_day(seed, d, pools):
    day = Day(seed, d)
    for e in ENTITIES:
        if not e.active(d):
            continue
        rng = day.rng(e.key)
        for i, t in enumerate(e.lines):
            day.usage(e, t, rng)
    day.fees()
    map_credits(day, pools)
    return day


def execution_id(d):
    r = random.Random("exec:%d" % d)
    h = "%032x" % r.getrandbits(128)
    return "%s-%s-4%s-a%s-%s" % (h[:8], h[8:12], h[13:16], h[17:20], h[20:32])


def write_export(out, upto, lines, header):
    """One delivery: the month to date through day `upto`, in two parts."""
    root = os.path.join(out, "exports", "%s-%02d" % (PERIOD, upto))
    # delivered the next morning
    nd = upto + 1
    stamp = ("%s-%02dT06:%02d:%02d.%03dZ" % (PERIOD, nd, 10 + upto % 37, (upto * 7) % 60,
                                             (upto * 131) % 1000) if nd <= NDAYS
             else "2026-05-01T06:12:44.208Z")
    exe = execution_id(upto)
    key_dir = "%s/%s/data/BILLING_PERIOD=%s/%s-%s" % (PREFIX, EXPORT, PERIOD, stamp, exe)
    half = (len(lines) + 1) // 2
    parts = [lines[:half], lines[half:]]
    uris = []
    os.makedirs(os.path.join(root, key_dir), exist_ok=True)
    for i, part in enumerate(parts, 1):
        name = "%s-%05d.csv.gz" % (EXPORT, i)
        body = (header + "\n" + "\n".join(part) + ("\n" if part else "")).encode("utf-8")
        with open(os.path.join(root, key_dir, name), "wb") as f:
            f.write(gzip.compress(body, compresslevel=6, mtime=0))
        uris.append("s3://%s/%s/%s" % (BUCKET, key_dir, name))
    manifest = {
        "executionId": exe,
        "exportArn": "arn:aws:bcm-data-exports:us-east-1:%s:export/%s-6d1f0c2a-3b4e-4f5a-8c9d-0e1f2a3b4c5d"
                     % (PAYER[0], EXPORT),
        "columns": [{"name": c, "type": coltype(c)} for c in COLUMNS],
        "dataFiles": uris,
    }
    mdir = os.path.join(root, PREFIX, EXPORT, "metadata", "BILLING_PERIOD=%s" % PERIOD)
    os.makedirs(mdir, exist_ok=True)
    with open(os.path.join(mdir, "%s-Manifest.json" % EXPORT), "w", encoding="utf-8") as f:
        json.dump(manifest, f, separators=(",", ":"))
        f.write("\n")
    return sum(len(x) for x in parts)


# As AWS delivers them: a share of each day's usage rows arrives a
# delivery late (all of them by the month's final delivery), and one day's
# cost is first estimated high and restated by the next delivery.
LATE_SHARE = 5          # about one usage row in LATE_SHARE of the day's
RESTATED_DAY = 10       # delivered high on day 11, restated on day 12


def late(key, row, d):
    """Is this row of day d left for the next delivery?"""
    return (d < NDAYS and key[2] == "Usage" and key[4][:10] == "%s-%02d" % (PERIOD, d)
            and zlib.crc32(row.encode("utf-8")) % LATE_SHARE == 0)


def estimate_high(rows):
    """The day RESTATED_DAY rows of its first EC2 instance, 25% high."""
    day = "%s-%02d" % (PERIOD, RESTATED_DAY)
    keys = sorted(k for k, _ in rows if k[2] == "Usage" and k[4][:10] == day
                  and (":instance/" in k[1] or k[1].startswith("i-")))
    if not keys:
        return [r for _, r in rows]
    target = keys[0][1]
    out = []
    for k, r in rows:
        if k[1] == target and k[2] == "Usage" and k[4][:10] == day:
            f = next(csv.reader([r]))
            c = CI["line_item_unblended_cost"]
            f[c] = num(round(float(f[c]) * 1.25, 10))
            b = io.StringIO()
            csv.writer(b, lineterminator="").writerow(f)
            r = b.getvalue()
        out.append(r)
    return out


# March, the previous month: one payments instance that ran in its last
# days and was retired before April (its work moved to the EKS nodes).
# March's final delivery came with April's first; a second delivery of
# March, restated (its last day was first billed 20% low), comes with
# April's exports from RESTATED_MARCH_EXPORT on, while March is still open
# (a period closes 15 days after it ends): the nights derive March again
# and the night of the restatement names the day revised.
MARCH = "2026-03"
MARCH_DAYS = (26, 27, 28, 29)          # generated as April's days, then moved to March
RESTATED_MARCH_EXPORT = 4              # exports/2026-04-04 on hold the restated March
MARCH_ENTITIES = [
    Entity("pay-legacy", "pay", "i-0b2e4d6f8a1c35688", [dict(ec2("m5.4xlarge", 0.768), qty=24)],
           tags={"team": "payments", "environment": "prod", "application": "payments-api"},
           az="us-east-1a",
           story="March only: tagged, retired before April; March 29 restated on April 5"),
]


def to_march(row):
    """An April row moved to March: its dates, and its billing period."""
    return row.replace("2026-04-", "2026-03-").replace("2026-05-01T", "2026-04-01T")


def march_rows(seed, restated):
    """March's line items as its delivery has them (the first delivery has
    the last day's cost 20% low)."""
    rows = []
    for d in MARCH_DAYS:
        day = Day(seed, d)
        for e in MARCH_ENTITIES:
            rng = day.rng("march:" + e.key)
            for t in e.lines:
                day.usage(e, t, rng)
        for k, r in day.rows:
            if d == MARCH_DAYS[-1] and not restated:
                f = next(csv.reader([r]))
                for c in ("line_item_unblended_cost", "line_item_blended_cost"):
                    f[CI[c]] = num(round(float(f[CI[c]]) * 0.8, 10))
                b = io.StringIO()
                csv.writer(b, lineterminator="").writerow(f)
                r = b.getvalue()
            rows.append(to_march(r))
    return sorted(rows)


def write_march(out, upto, seed):
    """The delivery of March the export of April `upto` holds: the final
    one, or from RESTATED_MARCH_EXPORT on the restated one."""
    restated = upto >= RESTATED_MARCH_EXPORT
    root = os.path.join(out, "exports", "%s-%02d" % (PERIOD, upto))
    stamp = "2026-04-05T05:48:31.517Z" if restated else "2026-04-01T05:41:09.113Z"
    exe = execution_id(100 + restated)
    key_dir = "%s/%s/data/BILLING_PERIOD=%s/%s-%s" % (PREFIX, EXPORT, MARCH, stamp, exe)
    os.makedirs(os.path.join(root, key_dir), exist_ok=True)
    rows = march_rows(seed, restated)
    name = "%s-%05d.csv.gz" % (EXPORT, 1)
    body = (",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n").encode("utf-8")
    with open(os.path.join(root, key_dir, name), "wb") as f:
        f.write(gzip.compress(body, compresslevel=6, mtime=0))
    manifest = {
        "executionId": exe,
        "exportArn": "arn:aws:bcm-data-exports:us-east-1:%s:export/%s-6d1f0c2a-3b4e-4f5a-8c9d-0e1f2a3b4c5d"
                     % (PAYER[0], EXPORT),
        "columns": [{"name": c, "type": coltype(c)} for c in COLUMNS],
        "dataFiles": ["s3://%s/%s/%s" % (BUCKET, key_dir, name)],
    }
    mdir = os.path.join(root, PREFIX, EXPORT, "metadata", "BILLING_PERIOD=%s" % MARCH)
    os.makedirs(mdir, exist_ok=True)
    with open(os.path.join(mdir, "%s-Manifest.json" % EXPORT), "w", encoding="utf-8") as f:
        json.dump(manifest, f, separators=(",", ":"))
        f.write("\n")
    return len(rows)


def load_grants(path):
    """demo/grants.tsv -> pools: code, amount left, first and last day of
    April on which the grant is active."""
    def day(iso):
        y, m, d = (int(x) for x in iso.split("-"))
        return d if (y, m) == (YEAR, MONTH) else (0 if (y, m) < (YEAR, MONTH) else NDAYS + 1)
    pools = []
    with open(path, encoding="utf-8") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        for ln in f:
            r = dict(zip(hdr, ln.rstrip("\n").split("\t")))
            pools.append(dict(code=r["code"], left=float(r["amount"]), start=day(r["start"]),
                              end=day(r["end"]), desc=GRANT_DESC[r["code"]],
                              contract=CONTRACT_KEY[r["reference"]]))
    return pools


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"),
                    help="output directory (default: demo/out beside this script)")
    ap.add_argument("--days", type=int, default=NDAYS, help="deliveries to write, 1-30 (default 30)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--stories", action="store_true",
                    help="print what each entity is there to show, and exit")
    a = ap.parse_args(argv)
    if a.stories:
        for e in ENTITIES + MARCH_ENTITIES:
            print("%-15s %-16s %s" % (e.key, ACCT[e.acct][1], e.story))
        return 0
    if not 1 <= a.days <= NDAYS:
        ap.error("--days wants 1 to %d" % NDAYS)
    header = ",".join(COLUMNS)
    pools = load_grants(os.path.join(os.path.dirname(os.path.abspath(__file__)), "grants.tsv"))
    lines, costs = [], {}
    nrows = 0
    for d in range(1, a.days + 1):
        day = gen_day(a.seed, d, pools)
        lines.extend(day.rows)
        lines.sort()
        for k, v in day.cost.items():
            costs[k] = costs.get(k, 0.0) + v
        if d == RESTATED_DAY + 1:
            rows = estimate_high([(k, r) for k, r in lines if not late(k, r, d)])
        else:
            rows = [r for k, r in lines if not late(k, r, d)]
        nrows += write_export(a.out, d, rows + tax_rows(a.seed, d, costs), header)
        nrows += write_march(a.out, d, a.seed)
    sys.stderr.write("gen_demo.py: %d deliveries, %d line items in all, under %s\n"
                     % (a.days, nrows, os.path.join(a.out, "exports")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
