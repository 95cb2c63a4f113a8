/* formats.h: the files of map-formats(5), one record type and one schema
 * each. A reader opens a file with recr_open(path, &SCHEMA_schema, e) and
 * gets one typed record per row from recr_next; every tool that reads a
 * format reads it through its schema, so an unknown state, reason, kind or
 * task type, a bad date or a bad amount is the same exit 3 with file:line
 * everywhere. The FMT_* enums index the fields (for recr_has/recr_need).
 * The HDR_* strings are the header lines the writers emit. */
#ifndef FORMATS_H
#define FORMATS_H
#include "core/rec.h"
#include "map/vocab.h"

/* "NEW" and the five states: the from column of the events file */
extern const struct vocab vocab_event_from;

/* ---- charge lines (curscan) ----
 * entity_kind is a kind, or KIND_NONE (written "none") for a line of no
 * billing entity. Only usage_start, payer, account, service and cost are
 * required; a tool recr_need()s the other columns it uses. tag_KEY columns
 * are read from r->t. */
#define KIND_NONE NKIND
extern const struct vocab vocab_line_kind;
struct line_rec {
	int64_t usage_start;
	struct span payer, account, account_name, service, region, line_type;
	int kind;
	struct span entity, usage_type, model, principal;
	money_t cost;		/* 0 when empty: recr_empty(r, FC_COST) */
	struct span map_tag, principal_map_tag, description, resource_id;
	struct span misspelled_key, misspelled_value;	/* optional */
};
enum { FC_START, FC_PAYER, FC_ACCOUNT, FC_ACCOUNT_NAME, FC_SERVICE,
	FC_REGION, FC_LINE_TYPE, FC_KIND, FC_ENTITY, FC_USAGE_TYPE, FC_MODEL,
	FC_PRINCIPAL, FC_COST, FC_MAP_TAG, FC_PRINCIPAL_MAP_TAG,
	FC_DESCRIPTION, FC_RESOURCE_ID, FC_MISS_KEY, FC_MISS_VALUE, NFC };
extern const struct rschema line_schema;
extern const char HDR_LINES[];

/* ---- state (mapstate) ----
 * tag_KEY columns are not in the schema: read them from r->t. */
struct state_rec {
	long as_of;
	struct span entity;
	int kind;
	struct span payer, account, account_name, service, region, model;
	struct span principal, model_source, contract;
	int state, reason;
	long eligibility_date, state_since;
	struct span map_tag, last_good_tag;
	long drift_date;
	money_t eligible, accruing, at_risk, daily;
	long eligible_days;
	long first_seen, last_seen;
	struct span workload, team, product, portfolio, owner, engineer;
	struct span callers;	/* profile rows: space-separated principals */
};
enum { FS_AS_OF, FS_ENTITY, FS_KIND, FS_PAYER, FS_ACCOUNT, FS_ACCOUNT_NAME,
	FS_SERVICE, FS_REGION, FS_MODEL, FS_PRINCIPAL, FS_MODEL_SOURCE,
	FS_CONTRACT, FS_STATE, FS_REASON, FS_ELIG_DATE, FS_STATE_SINCE,
	FS_MAP_TAG, FS_LAST_GOOD, FS_DRIFT, FS_ELIGIBLE, FS_ACCRUING,
	FS_AT_RISK, FS_DAILY, FS_ELIG_DAYS, FS_FIRST_SEEN, FS_LAST_SEEN,
	FS_WORKLOAD, FS_TEAM, FS_PRODUCT, FS_PORTFOLIO, FS_OWNER, FS_ENGINEER,
	FS_CALLERS, NFS };
extern const struct rschema state_schema;

/* ---- events (mapstate --events) ---- */
struct event_rec {
	long date;
	struct span entity;
	int kind;		/* -1 when the column is absent */
	struct span account;
	int from, to, reason;
	struct span map_tag, last_good_tag;
};
enum { FE_DATE, FE_ENTITY, FE_KIND, FE_ACCOUNT, FE_FROM, FE_TO, FE_REASON,
	FE_MAP_TAG, FE_LAST_GOOD, NFE };
extern const struct rschema event_schema;

/* ---- ledger (mapstate --ledger): one row per entity and day ---- */
struct ledger_rec {
	long date;
	struct span entity;
	int kind;
	struct span payer, account, service, contract;
	int state;
	money_t cost, eligible, accruing;
	struct span workload, team, product, portfolio;
};
enum { FL_DATE, FL_ENTITY, FL_KIND, FL_PAYER, FL_ACCOUNT, FL_SERVICE,
	FL_CONTRACT, FL_STATE, FL_COST, FL_ELIGIBLE, FL_ACCRUING, FL_WORKLOAD,
	FL_TEAM, FL_PRODUCT, FL_PORTFOLIO, NFL };
extern const struct rschema ledger_schema;

/* ---- tasks (maptasks) ---- */
struct task_rec {
	long as_of;
	struct span task_id;
	int type, status;
	struct span entity;
	int kind;
	struct span account, region, model, principal, contract;
	struct span expected_tag, last_good_tag;
	long drift_date, opened, closed;
	struct span resolution, assignee, workload, owner, profile;
	money_t daily_impact, impact_to_date, at_risk_spend;
	long at_risk_days;
	struct span action, command;
};
enum { FT_AS_OF, FT_TASK_ID, FT_TYPE, FT_STATUS, FT_ENTITY, FT_KIND,
	FT_ACCOUNT, FT_REGION, FT_MODEL, FT_PRINCIPAL, FT_CONTRACT,
	FT_EXPECTED, FT_LAST_GOOD, FT_DRIFT, FT_OPENED, FT_CLOSED,
	FT_RESOLUTION, FT_ASSIGNEE, FT_WORKLOAD, FT_OWNER, FT_PROFILE,
	FT_DAILY, FT_TO_DATE, FT_RISK_SPEND, FT_RISK_DAYS, FT_ACTION,
	FT_COMMAND, NFT };
extern const struct rschema task_schema;

/* ---- notifications (maptasks --notify) ---- */
struct notify_rec {
	long as_of;
	struct span owner, workload, task_id;
	int type;
	struct span assignee, action;
	money_t daily_impact;
	struct span note;
};
extern const struct rschema notify_schema;

/* ---- attribution (mapcredit) ---- */
struct attribution_rec {
	long month;
	struct span contract, workload, team, product, portfolio;
	money_t accruing, share, credit;
	struct span method;
};
extern const struct rschema attribution_schema;

/* ---- pools (mapcredit --pools; --previous-pools) ---- */
struct pools_rec {
	long as_of;
	struct span code, account, reference;
	money_t granted, used;
};
extern const struct rschema pools_schema;

/* ---- claims (mapcredit --claims) ---- */
enum { CL_ELIGIBLE, CL_ACCRUING, CL_PENDING, CL_STALE, CL_UNTRACKABLE,
	CL_PROJECTED, CL_EARNED, CL_RECEIVED, CL_GAP, CL_GAP_PENDING,
	CL_GAP_STALE, CL_GAP_UNTRACKABLE, NCLAIM };
/* the contract-to-date columns (optional: older files lack them) */
enum { CLT_PROJECTED, CLT_EARNED, CLT_RECEIVED, CLT_GAP, CLT_GAP_PENDING,
	CLT_GAP_STALE, CLT_GAP_UNTRACKABLE, NCLAIMTD };
struct claims_rec {
	long month;
	struct span contract;
	money_t credit_rate;
	money_t v[NCLAIM];
	money_t td[NCLAIMTD];
};
/* the schema's field index of v[CL_x] (for recr_has) */
#define FCL_V(x)	(3 + (x))
extern const struct rschema claims_schema;

/* ---- pools (mapcredit --pools) ---- */
struct pool_rec {
	long as_of;
	struct span code, account, reference;
	money_t granted, used, remaining;
	long start, end, days_left;
	money_t daily_burn, expiring_unused;
	struct span note;
};
extern const struct rschema pool_schema;

/* ---- other credits (mapcredit --other) ---- */
struct other_rec {
	long date;
	struct span payer, account, service, line_type;
	money_t amount;
	struct span description;
};
extern const struct rschema other_schema;

/* ---- score history (mapscore --history): one row per day and
 * ownership group ---- */
struct history_rec {
	long date;
	struct span workload, team, product, portfolio;
	money_t cost, unowned_share, eligible, accruing, pending, stale;
	money_t untrackable, ai_eligible, ai_accruing;
	long n[NSTATE];		/* entities per state; n[ST_NONE] unused */
};
extern const struct rschema history_schema;

/* ---- scan summary (curscan --summary) ---- */
struct summary_rec {
	struct span kind, file, format, key;
	long rows;
	money_t cost;
};
extern const struct rschema summary_schema;

/* ---- accounts (mapcontract accounts; mapstate --accounts): when each
 * linked account joined the organisation ---- */
struct account_rec {
	struct span account, name;
	long joined;
};
extern const struct rschema account_schema;

/* ---- first seen (mapstate --first-seen, curscan --shards): the data's
 * first day (scope data, no account) and each account's ---- */
struct seen_rec {
	struct span scope, account;
	long first_seen;
};
extern const struct rschema seen_schema;

extern const char HDR_SEEN[];
extern const char HDR_EVENTS[], HDR_LEDGER[], HDR_TASKS[], HDR_NOTIFY[];
extern const char HDR_ATTRIBUTION[], HDR_CLAIMS[], HDR_POOLS[];
extern const char HDR_OTHER[], HDR_HISTORY[], HDR_SUMMARY[], HDR_ACCOUNTS[];
#endif
