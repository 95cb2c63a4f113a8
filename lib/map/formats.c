#include <stddef.h>

#include "map/formats.h"

#define SCHEMA(name, what, fields) \
	const struct rschema name = { what, fields, NELEM(fields) }

static const char *const event_from_names[NSTATE] = { "NEW", "ELIGIBLE",
	"PENDING_TAG", "TAGGED", "STALE_TAG", "INELIGIBLE" };
const struct vocab vocab_event_from = { "state", event_from_names, 0,
	NSTATE };

static const char *const line_kind_names[NKIND + 1] = { "resource",
	"profile", "ai-direct", "unattributed", KIND_NONE_NAME };
const struct vocab vocab_line_kind = { "kind", line_kind_names, 0,
	NKIND + 1 };

/* money columns may be empty (0), dates where the format says so */
#define E RF_EMPTY
#define O RF_OPT

#define R struct line_rec
static const struct rfield line_f[NFC] = {
	RFIELD("usage_start", RT_TS, 0, R, usage_start),
	RFIELD("payer", RT_STR, 0, R, payer),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("account_name", RT_STR, O, R, account_name),
	RFIELD("service", RT_STR, 0, R, service),
	RFIELD("region", RT_STR, O, R, region),
	RFIELD("line_type", RT_STR, O, R, line_type),
	RENUM("entity_kind", O, R, kind, &vocab_line_kind),
	RFIELD("entity", RT_STR, O, R, entity),
	RFIELD("usage_type", RT_STR, O, R, usage_type),
	RFIELD("model", RT_STR, O, R, model),
	RFIELD("principal", RT_STR, O, R, principal),
	RFIELD("cost", RT_MONEY, E, R, cost),
	RFIELD("map_tag", RT_STR, O, R, map_tag),
	RFIELD("principal_map_tag", RT_STR, O, R, principal_map_tag),
	RFIELD("description", RT_STR, O, R, description),
	RFIELD("resource_id", RT_STR, O, R, resource_id),
	RFIELD("misspelled_key", RT_STR, O, R, misspelled_key),
	RFIELD("misspelled_value", RT_STR, O, R, misspelled_value),
};
#undef R
SCHEMA(line_schema, "charge lines", line_f);

#define R struct state_rec
static const struct rfield state_f[NFS] = {
	RFIELD("as_of", RT_DAY, RF_SAME, R, as_of),
	RFIELD("entity", RT_STR, RF_NONEMPTY, R, entity),
	RENUM("entity_kind", 0, R, kind, &vocab_kind),
	RFIELD("payer", RT_STR, 0, R, payer),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("account_name", RT_STR, 0, R, account_name),
	RFIELD("service", RT_STR, 0, R, service),
	RFIELD("region", RT_STR, 0, R, region),
	RFIELD("model", RT_STR, 0, R, model),
	RFIELD("principal", RT_STR, 0, R, principal),
	RFIELD("model_source", RT_STR, 0, R, model_source),
	RFIELD("contract", RT_STR, 0, R, contract),
	RENUM("state", 0, R, state, &vocab_state),
	RENUM("reason", 0, R, reason, &vocab_reason),
	RFIELD("eligibility_date", RT_DAY, E, R, eligibility_date),
	RFIELD("state_since", RT_DAY, E, R, state_since),
	RFIELD("map_tag", RT_STR, 0, R, map_tag),
	RFIELD("last_good_tag", RT_STR, 0, R, last_good_tag),
	RFIELD("drift_date", RT_DAY, E, R, drift_date),
	RFIELD("eligible_cost", RT_MONEY, 0, R, eligible),
	RFIELD("accruing_cost", RT_MONEY, 0, R, accruing),
	RFIELD("at_risk_cost", RT_MONEY, 0, R, at_risk),
	RFIELD("daily_cost", RT_MONEY, E, R, daily),
	RFIELD("eligible_days", RT_COUNT, 0, R, eligible_days),
	RFIELD("first_seen", RT_DAY, E, R, first_seen),
	RFIELD("last_seen", RT_DAY, E, R, last_seen),
	RFIELD("workload", RT_STR, O, R, workload),
	RFIELD("team", RT_STR, O, R, team),
	RFIELD("product", RT_STR, O, R, product),
	RFIELD("portfolio", RT_STR, O, R, portfolio),
	RFIELD("owner", RT_STR, O, R, owner),
	RFIELD("engineer", RT_STR, O, R, engineer),
	RFIELD("callers", RT_STR, O, R, callers),
};
#undef R
SCHEMA(state_schema, "state", state_f);

#define R struct event_rec
static const struct rfield event_f[NFE] = {
	RFIELD("date", RT_DAY, 0, R, date),
	RFIELD("entity", RT_STR, RF_NONEMPTY, R, entity),
	RENUM("entity_kind", O, R, kind, &vocab_kind),
	RFIELD("account", RT_STR, O, R, account),
	RENUM("from", 0, R, from, &vocab_event_from),
	RENUM("to", 0, R, to, &vocab_state),
	RENUM("reason", 0, R, reason, &vocab_reason),
	RFIELD("map_tag", RT_STR, O, R, map_tag),
	RFIELD("last_good_tag", RT_STR, O, R, last_good_tag),
};
#undef R
SCHEMA(event_schema, "events", event_f);

#define R struct ledger_rec
static const struct rfield ledger_f[NFL] = {
	RFIELD("date", RT_DAY, 0, R, date),
	RFIELD("entity", RT_STR, RF_NONEMPTY, R, entity),
	RENUM("entity_kind", 0, R, kind, &vocab_kind),
	RFIELD("payer", RT_STR, O, R, payer),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("service", RT_STR, O, R, service),
	RFIELD("contract", RT_STR, O, R, contract),
	RENUM("state", 0, R, state, &vocab_state),
	RFIELD("cost", RT_MONEY, E, R, cost),
	RFIELD("eligible_cost", RT_MONEY, E, R, eligible),
	RFIELD("accruing_cost", RT_MONEY, E, R, accruing),
	RFIELD("workload", RT_STR, O, R, workload),
	RFIELD("team", RT_STR, O, R, team),
	RFIELD("product", RT_STR, O, R, product),
	RFIELD("portfolio", RT_STR, O, R, portfolio),
};
#undef R
SCHEMA(ledger_schema, "ledger", ledger_f);

#define R struct task_rec
static const struct rfield task_f[NFT] = {
	RFIELD("as_of", RT_DAY, RF_SAME, R, as_of),
	RFIELD("task_id", RT_STR, 0, R, task_id),
	RENUM("type", 0, R, type, &vocab_task_type),
	RENUM("status", 0, R, status, &vocab_task_status),
	RFIELD("entity", RT_STR, RF_NONEMPTY, R, entity),
	RENUM("entity_kind", 0, R, kind, &vocab_kind),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("region", RT_STR, 0, R, region),
	RFIELD("model", RT_STR, 0, R, model),
	RFIELD("principal", RT_STR, 0, R, principal),
	RFIELD("contract", RT_STR, 0, R, contract),
	RFIELD("expected_tag", RT_STR, O, R, expected_tag),
	RFIELD("last_good_tag", RT_STR, 0, R, last_good_tag),
	RFIELD("drift_date", RT_DAY, E, R, drift_date),
	RFIELD("opened", RT_DAY, E, R, opened),
	RFIELD("closed", RT_DAY, E, R, closed),
	RFIELD("resolution", RT_STR, 0, R, resolution),
	RFIELD("assignee", RT_STR, 0, R, assignee),
	RFIELD("workload", RT_STR, 0, R, workload),
	RFIELD("owner", RT_STR, 0, R, owner),
	RFIELD("profile", RT_STR, 0, R, profile),
	RFIELD("daily_impact", RT_MONEY, E, R, daily_impact),
	RFIELD("impact_to_date", RT_MONEY, E, R, impact_to_date),
	RFIELD("at_risk_spend", RT_MONEY, E, R, at_risk_spend),
	RFIELD("at_risk_days", RT_COUNT, E, R, at_risk_days),
	RFIELD("action", RT_STR, O, R, action),
	RFIELD("command", RT_STR, O, R, command),
};
#undef R
SCHEMA(task_schema, "tasks", task_f);

#define R struct notify_rec
static const struct rfield notify_f[] = {
	RFIELD("as_of", RT_DAY, RF_SAME, R, as_of),
	RFIELD("owner", RT_STR, 0, R, owner),
	RFIELD("workload", RT_STR, 0, R, workload),
	RFIELD("task_id", RT_STR, 0, R, task_id),
	RENUM("type", 0, R, type, &vocab_task_type),
	RFIELD("assignee", RT_STR, 0, R, assignee),
	RFIELD("action", RT_STR, 0, R, action),
	RFIELD("daily_impact", RT_MONEY, E, R, daily_impact),
	RFIELD("note", RT_STR, 0, R, note),
};
#undef R
SCHEMA(notify_schema, "notifications", notify_f);

#define R struct attribution_rec
static const struct rfield attribution_f[] = {
	RFIELD("month", RT_MONTH, 0, R, month),
	RFIELD("contract", RT_STR, 0, R, contract),
	RFIELD("workload", RT_STR, 0, R, workload),
	RFIELD("team", RT_STR, 0, R, team),
	RFIELD("product", RT_STR, 0, R, product),
	RFIELD("portfolio", RT_STR, 0, R, portfolio),
	RFIELD("accruing_cost", RT_MONEY, E, R, accruing),
	RFIELD("share", RT_MONEY, E, R, share),
	RFIELD("credit", RT_MONEY, E, R, credit),
	RFIELD("method", RT_STR, 0, R, method),
};
#undef R
SCHEMA(attribution_schema, "attribution", attribution_f);

#define R struct pools_rec
static const struct rfield pools_f[] = {
	RFIELD("as_of", RT_DAY, RF_SAME, R, as_of),
	RFIELD("code", RT_STR, 0, R, code),
	RFIELD("account", RT_STR, E, R, account),
	RFIELD("reference", RT_STR, E, R, reference),
	RFIELD("granted", RT_MONEY, E, R, granted),
	RFIELD("used", RT_MONEY, E, R, used),
};
#undef R
SCHEMA(pools_schema, "pools", pools_f);

#define R struct claims_rec
static const struct rfield claims_f[] = {
	RFIELD("month", RT_MONTH, 0, R, month),
	RFIELD("contract", RT_STR, 0, R, contract),
	RFIELD("credit_rate", RT_MONEY, E, R, credit_rate),
	RFIELD("eligible_cost", RT_MONEY, E, R, v[CL_ELIGIBLE]),
	RFIELD("accruing_cost", RT_MONEY, E, R, v[CL_ACCRUING]),
	RFIELD("pending_cost", RT_MONEY, E, R, v[CL_PENDING]),
	RFIELD("stale_cost", RT_MONEY, E, R, v[CL_STALE]),
	RFIELD("untrackable_cost", RT_MONEY, E, R, v[CL_UNTRACKABLE]),
	RFIELD("projected", RT_MONEY, E, R, v[CL_PROJECTED]),
	RFIELD("earned", RT_MONEY, E, R, v[CL_EARNED]),
	RFIELD("received", RT_MONEY, E, R, v[CL_RECEIVED]),
	RFIELD("gap", RT_MONEY, E, R, v[CL_GAP]),
	RFIELD("gap_pending", RT_MONEY, E, R, v[CL_GAP_PENDING]),
	RFIELD("gap_stale", RT_MONEY, E, R, v[CL_GAP_STALE]),
	RFIELD("gap_untrackable", RT_MONEY, E | O, R, v[CL_GAP_UNTRACKABLE]),
	RFIELD("projected_to_date", RT_MONEY, E | O, R, td[CLT_PROJECTED]),
	RFIELD("earned_to_date", RT_MONEY, E | O, R, td[CLT_EARNED]),
	RFIELD("received_to_date", RT_MONEY, E | O, R, td[CLT_RECEIVED]),
	RFIELD("gap_to_date", RT_MONEY, E | O, R, td[CLT_GAP]),
	RFIELD("gap_pending_to_date", RT_MONEY, E | O, R,
	    td[CLT_GAP_PENDING]),
	RFIELD("gap_stale_to_date", RT_MONEY, E | O, R, td[CLT_GAP_STALE]),
	RFIELD("gap_untrackable_to_date", RT_MONEY, E | O, R,
	    td[CLT_GAP_UNTRACKABLE]),
};
#undef R
SCHEMA(claims_schema, "claims", claims_f);

#define R struct pool_rec
static const struct rfield pool_f[] = {
	RFIELD("as_of", RT_DAY, RF_SAME, R, as_of),
	RFIELD("code", RT_STR, 0, R, code),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("reference", RT_STR, 0, R, reference),
	RFIELD("granted", RT_MONEY, E, R, granted),
	RFIELD("used", RT_MONEY, E, R, used),
	RFIELD("remaining", RT_MONEY, E, R, remaining),
	RFIELD("start", RT_DAY, E, R, start),
	RFIELD("end", RT_DAY, E, R, end),
	RFIELD("days_left", RT_COUNT, E, R, days_left),
	RFIELD("daily_burn", RT_MONEY, E, R, daily_burn),
	RFIELD("expiring_unused", RT_MONEY, E, R, expiring_unused),
	RFIELD("note", RT_STR, 0, R, note),
};
#undef R
SCHEMA(pool_schema, "pools", pool_f);

#define R struct other_rec
static const struct rfield other_f[] = {
	RFIELD("date", RT_DAY, 0, R, date),
	RFIELD("payer", RT_STR, 0, R, payer),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("service", RT_STR, 0, R, service),
	RFIELD("line_type", RT_STR, 0, R, line_type),
	RFIELD("amount", RT_MONEY, 0, R, amount),
	RFIELD("description", RT_STR, 0, R, description),
};
#undef R
SCHEMA(other_schema, "other credits", other_f);

#define R struct history_rec
static const struct rfield history_f[] = {
	RFIELD("date", RT_DAY, 0, R, date),
	RFIELD("workload", RT_STR, 0, R, workload),
	RFIELD("team", RT_STR, 0, R, team),
	RFIELD("product", RT_STR, 0, R, product),
	RFIELD("portfolio", RT_STR, 0, R, portfolio),
	RFIELD("cost", RT_MONEY, E, R, cost),
	RFIELD("unowned_share", RT_MONEY, E, R, unowned_share),
	RFIELD("eligible_cost", RT_MONEY, E, R, eligible),
	RFIELD("accruing_cost", RT_MONEY, E, R, accruing),
	RFIELD("pending_cost", RT_MONEY, E, R, pending),
	RFIELD("stale_cost", RT_MONEY, E, R, stale),
	RFIELD("untrackable_cost", RT_MONEY, E, R, untrackable),
	RFIELD("ai_eligible_cost", RT_MONEY, E, R, ai_eligible),
	RFIELD("ai_accruing_cost", RT_MONEY, E, R, ai_accruing),
	RFIELD("ELIGIBLE", RT_COUNT, 0, R, n[ST_ELIGIBLE]),
	RFIELD("PENDING_TAG", RT_COUNT, 0, R, n[ST_PENDING]),
	RFIELD("TAGGED", RT_COUNT, 0, R, n[ST_TAGGED]),
	RFIELD("STALE_TAG", RT_COUNT, 0, R, n[ST_STALE]),
	RFIELD("INELIGIBLE", RT_COUNT, 0, R, n[ST_INELIGIBLE]),
};
#undef R
SCHEMA(history_schema, "score history", history_f);

#define R struct summary_rec
static const struct rfield summary_f[] = {
	RFIELD("kind", RT_STR, 0, R, kind),
	RFIELD("file", RT_STR, 0, R, file),
	RFIELD("format", RT_STR, 0, R, format),
	RFIELD("key", RT_STR, 0, R, key),
	RFIELD("rows", RT_COUNT, 0, R, rows),
	RFIELD("cost", RT_MONEY, E, R, cost),
};
#undef R
SCHEMA(summary_schema, "scan summary", summary_f);

#define R struct account_rec
static const struct rfield account_f[] = {
	RFIELD("account", RT_STR, RF_NONEMPTY, R, account),
	RFIELD("name", RT_STR, O, R, name),
	RFIELD("joined", RT_DAY, E, R, joined),
};
#undef R
SCHEMA(account_schema, "accounts", account_f);

#define R struct seen_rec
static const struct rfield seen_f[] = {
	RFIELD("scope", RT_STR, RF_NONEMPTY, R, scope),
	RFIELD("account", RT_STR, E, R, account),
	RFIELD("first_seen", RT_DAY, 0, R, first_seen),
};
#undef R
SCHEMA(seen_schema, "first seen", seen_f);
const char HDR_SEEN[] = "scope\taccount\tfirst_seen\n";

const char HDR_LINES[] = "usage_start\tpayer\taccount\taccount_name\t"
    "service\tregion\tline_type\tentity_kind\tentity\tusage_type\tmodel\t"
    "principal\tcost\tmap_tag\tprincipal_map_tag\tdescription\t"
    "resource_id\tmisspelled_key\tmisspelled_value";
    /* then tag_KEY columns, then a newline */
const char HDR_EVENTS[] = "date\tentity\tentity_kind\taccount\tfrom\tto\t"
    "reason\tmap_tag\tlast_good_tag\n";
const char HDR_LEDGER[] = "date\tentity\tentity_kind\tpayer\taccount\t"
    "service\tcontract\tstate\tcost\teligible_cost\taccruing_cost\t"
    "workload\tteam\tproduct\tportfolio\n";
const char HDR_TASKS[] = "as_of\ttask_id\ttype\tstatus\tentity\t"
    "entity_kind\taccount\tregion\tmodel\tprincipal\tcontract\t"
    "expected_tag\tlast_good_tag\tdrift_date\topened\tclosed\tresolution\t"
    "assignee\tworkload\towner\tprofile\tdaily_impact\timpact_to_date\t"
    "at_risk_spend\tat_risk_days\taction\tcommand\n";
const char HDR_NOTIFY[] = "as_of\towner\tworkload\ttask_id\ttype\tassignee\t"
    "action\tdaily_impact\tnote\n";
const char HDR_ATTRIBUTION[] = "month\tcontract\tworkload\tteam\tproduct\t"
    "portfolio\taccruing_cost\tshare\tcredit\tmethod\n";
const char HDR_CLAIMS[] = "month\tcontract\tcredit_rate\teligible_cost\t"
    "accruing_cost\tpending_cost\tstale_cost\tuntrackable_cost\tprojected\t"
    "earned\treceived\tgap\tgap_pending\tgap_stale\tgap_untrackable\t"
    "projected_to_date\tearned_to_date\treceived_to_date\tgap_to_date\t"
    "gap_pending_to_date\tgap_stale_to_date\tgap_untrackable_to_date\n";
const char HDR_POOLS[] = "as_of\tcode\taccount\treference\tgranted\tused\t"
    "remaining\tstart\tend\tdays_left\tdaily_burn\texpiring_unused\tnote\n";
const char HDR_OTHER[] = "date\tpayer\taccount\tservice\tline_type\tamount\t"
    "description\n";
const char HDR_HISTORY[] = "date\tworkload\tteam\tproduct\tportfolio\tcost\t"
    "unowned_share\teligible_cost\taccruing_cost\tpending_cost\tstale_cost\t"
    "untrackable_cost\tai_eligible_cost\tai_accruing_cost\tELIGIBLE\t"
    "PENDING_TAG\tTAGGED\tSTALE_TAG\tINELIGIBLE\n";
const char HDR_SUMMARY[] = "kind\tfile\tformat\tkey\trows\tcost\n";
const char HDR_ACCOUNTS[] = "account\tname\tjoined\n";
