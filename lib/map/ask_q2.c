/* ask_q2.c: the questions explain, credits, tasks and changes. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/ask_int.h"

/* ---- explain ---- */

static const char *
why_not(int reason)
{
	switch (reason) {
	case R_NO_CONTRACT:
		return "no active MAP contract covers its payer account";
	case R_OUT_OF_SCOPE:
		return "its account is not in the scope of the payer's contract";
	case R_SERVICE:
		return "its service is not eligible under the contract";
	case R_EX_DT:
		return "its spend is data transfer, excluded under every "
		    "contract";
	case R_EX_MP:
		return "its spend is AWS Marketplace software, excluded";
	case R_EX_EKS:
		return "its spend is EKS on Fargate, excluded";
	case R_EX_GDA:
		return "its spend is S3 Glacier Deep Archive, excluded";
	}
	return "it is not covered";
}

static const struct col hist_cols[] = {
	{ "date", C_DAY, "date" }, { "from", C_STR, "from" },
	{ "to", C_STR, "to" }, { "reason", C_STR, "reason" },
	{ "map_tag", C_STR, "map-migrated" },
	{ "last_good_tag", C_STR, "last good" },
};
static const struct col etask_cols[] = {
	{ "task_id", C_STR, "task" }, { "type", C_STR, "type" },
	{ "status", C_STR, "status" }, { "opened", C_DAY, "opened" },
	{ "closed", C_DAY, "closed" }, { "resolution", C_STR, "resolution" },
	{ "assignee", C_STR, "Cloud Engineer" },
	{ "daily_impact", C_MONEY, "lost/day" },
	{ "impact_to_date", C_MONEY, "lost to date" },
	{ "action", C_STR, NULL },
};
static const struct col ecredit_cols[] = {
	{ "contract", C_STR, "contract" },
	{ "credit_rate", C_RATE, "credit rate" },
	{ "eligible_cost", C_MONEY, "eligible" },
	{ "accruing_cost", C_MONEY, "accruing" },
	{ "at_risk_cost", C_MONEY, "at risk" },
	{ "earned", C_MONEY, "credit earned" },
	{ "lost", C_MONEY, "credit lost" },
};

static void
no_entity(const struct ask *a, const char *name, struct err *e)
{
	struct buf b = { 0 };
	size_t i, n = 0;

	for (i = 0; i < a->nent && n < 5; i++)
		if (strstr(S(a, a->ent[i].entity), name) != NULL)
			buf_printf(&b, "%s%s", n++ ? ", " : "",
			    S(a, a->ent[i].entity));
	if (n)
		err_set(e, EXIT_DATA, 0, "no entity '%s' in the state (did you "
		    "mean: %s?)", name, buf_cstr(&b));
	else
		err_set(e, EXIT_DATA, 0, "no entity '%s' in the state", name);
	buf_free(&b);
}

/* the entity named: exactly, or the one whose key ends with or
 * contains the name when only one does */
const struct aent *
ask_find_entity(const struct ask *a, const char *name)
{
	const struct aent *x = ask_entity(a, name), *hit = NULL;
	size_t i, n = 0;

	if (x != NULL)
		return x;
	for (i = 0; i < a->nent; i++)
		if (strstr(S(a, a->ent[i].entity), name) != NULL) {
			hit = &a->ent[i];
			n++;
		}
	return n == 1 ? hit : NULL;
}

static void
explain_who(struct ask *a, struct ask_answer *r, const struct aent *x)
{
	const char *acct = S(a, x->account_name);

	ans_say(r, "%s is a billing entity of kind %s in account %s%s%s%s, "
	    "service %s%s%s.", S(a, x->entity), kind_names[x->kind],
	    S(a, x->account), *acct ? " (" : "", acct, *acct ? ")" : "",
	    S(a, x->service), *S(a, x->region) ? ", region " : "",
	    S(a, x->region));
	if (strcmp(S(a, x->workload), "unowned") == 0 ||
	    *S(a, x->workload) == '\0')
		ans_say(r, "No workload claims it: its spend is unowned.");
	else
		ans_say(r, "It belongs to workload %s (team %s, product %s, "
		    "portfolio %s); its Cloud Engineer is %s and its product "
		    "owner %s.", S(a, x->workload), S(a, x->team),
		    S(a, x->product), S(a, x->portfolio), S(a, x->engineer),
		    S(a, x->owner));
}

static void
explain_state(struct ask *a, struct ask_answer *r, const struct aent *x)
{
	char d1[DATE_DAYLEN], d2[DATE_DAYLEN];

	date_fmt_day(x->elig_date, d1);
	date_fmt_day(x->since, d2);
	if (x->state == ST_INELIGIBLE)
		ans_say(r, "It is not MAP-eligible (%s): %s.",
		    reason_names[x->reason], why_not(x->reason));
	else
		ans_say(r, "It is MAP-eligible under contract %s: the contract "
		    "covers its account and its service%s%s.",
		    S(a, x->contract), x->elig_date != DAY_NONE ?
		    ", since " : "", x->elig_date != DAY_NONE ? d1 : "");
	ans_say(r, "Its state is %s since %s (reason %s).",
	    state_names[x->state], d2, reason_names[x->reason]);
	if (*S(a, x->map_tag))
		ans_say(r, "Its map-migrated tag is '%s'%s%s%s.",
		    S(a, x->map_tag), *S(a, x->last_good) ?
		    "; the last valid value was '" : "", S(a, x->last_good),
		    *S(a, x->last_good) ? "'" : "");
	else
		ans_say(r, "It has no map-migrated tag%s%s%s.",
		    *S(a, x->last_good) ? "; the last valid value was '" : "",
		    S(a, x->last_good), *S(a, x->last_good) ? "'" : "");
	if (x->drift != DAY_NONE) {
		date_fmt_day(x->drift, d1);
		ans_say(r, "It last drifted on %s.", d1);
	}
}

int
q_explain(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	const struct aent *x = ask_find_entity(a, q->name);
	struct table *t;
	struct buf b1 = { 0 }, b2 = { 0 };
	char d[DATE_DAYLEN];
	money_t rate, earned, lost;
	size_t i, n;
	int has;

	if (x == NULL) {
		no_entity(a, q->name, e);
		return -1;
	}
	explain_who(a, r, x);
	explain_state(a, r, x);
	t = ans_table(r, "history", "State changes this month", hist_cols,
	    NELEM(hist_cols));
	for (i = 0; i < a->nev; i++) {
		const struct aev *v = &a->ev[i];

		if (v->entity != x->entity)
			continue;
		c_day(t, v->date);
		c_str(t, vocab_name(&vocab_event_from, v->from));
		c_str(t, state_names[v->to]);
		c_str(t, reason_names[v->reason]);
		c_str(t, S(a, v->map_tag));
		c_str(t, S(a, v->last_good));
		date_fmt_day(v->date, d);
		ans_say(r, "On %s it went from %s to %s (%s)%s%s%s.", d,
		    vocab_name(&vocab_event_from, v->from), state_names[v->to],
		    reason_names[v->reason], *S(a, v->map_tag) ?
		    ", tag '" : "", S(a, v->map_tag), *S(a, v->map_tag) ?
		    "'" : "");
	}
	t = ans_table(r, "tasks", "Cloud Engineer tasks", etask_cols,
	    NELEM(etask_cols));
	for (i = n = 0; i < a->ntk; i++) {
		const struct atask *k = &a->tk[i];

		if (k->entity != x->entity)
			continue;
		n++;
		c_str(t, S(a, k->id));
		c_str(t, task_type_names[k->type]);
		c_str(t, task_status_names[k->status]);
		c_day(t, k->opened);
		c_day(t, k->closed);
		c_str(t, S(a, k->resolution));
		c_str(t, S(a, k->assignee));
		c_money(t, 1, k->daily);
		c_money(t, 1, k->to_date);
		c_str(t, S(a, k->action));
		date_fmt_day(k->opened, d);
		if (k->status == TS_OPEN)
			ans_say(r, "Task %s (%s, open since %s, %s): %s",
			    S(a, k->id), task_type_names[k->type], d,
			    S(a, k->assignee), S(a, k->action));
		else {
			char c[DATE_DAYLEN];

			date_fmt_day(k->closed, c);
			ans_say(r, "Task %s (%s, opened %s, closed %s: %s, %s): "
			    "%s", S(a, k->id), task_type_names[k->type], d, c,
			    S(a, k->resolution), S(a, k->assignee),
			    S(a, k->action));
		}
	}
	if (n == 0)
		ans_say(r, "It has no Cloud Engineer task.");
	rate = ask_credit_rate(a, x->contract, &has);
	earned = money_round(money_mul(x->accruing, rate), 2);
	lost = money_round(money_mul(x->at_risk, rate), 2);
	t = ans_table(r, "credit", "MAP credit, month to date", ecredit_cols,
	    NELEM(ecredit_cols));
	c_str(t, S(a, x->contract));
	c_rate(t, has, rate);
	c_money(t, 1, x->eligible);
	c_money(t, 1, x->accruing);
	c_money(t, 1, x->at_risk);
	c_money(t, has, earned);
	c_money(t, has, lost);
	if (has)
		ans_say(r, "Month to date it earned %s of MAP credit and lost "
		    "%s (the contract's credit rate times its accruing and "
		    "its at-risk spend).", dollars(&b1, earned),
		    dollars(&b2, lost));
	buf_free(&b1);
	buf_free(&b2);
	ans_sources(a, r, AFB(AF_STATE) | AFB(AF_EVENTS) | AFB(AF_TASKS) |
	    AFB(AF_CLAIMS), NULL, 0);
	return 0;
}

/* ---- credits ---- */

static const struct col claim_cols[] = {
	{ "month", C_STR, "month" }, { "contract", C_STR, "contract" },
	{ "credit_rate", C_RATE, NULL },
	{ "eligible_cost", C_MONEY, NULL }, { "accruing_cost", C_MONEY, NULL },
	{ "pending_cost", C_MONEY, NULL }, { "stale_cost", C_MONEY, NULL },
	{ "untrackable_cost", C_MONEY, NULL },
	{ "projected", C_MONEY, "projected" }, { "earned", C_MONEY, "earned" },
	{ "received", C_MONEY, "received" }, { "gap", C_MONEY, "gap" },
	{ "gap_pending", C_MONEY, "PENDING_TAG" },
	{ "gap_stale", C_MONEY, "STALE_TAG" },
	{ "gap_untrackable", C_MONEY, "untrackable" },
	{ "projected_to_date", C_MONEY, "projected to date" },
	{ "earned_to_date", C_MONEY, "earned to date" },
	{ "received_to_date", C_MONEY, "received to date" },
	{ "gap_to_date", C_MONEY, "gap to date" },
	{ "gap_pending_to_date", C_MONEY, NULL },
	{ "gap_stale_to_date", C_MONEY, NULL },
	{ "gap_untrackable_to_date", C_MONEY, NULL },
};
static const struct col cattr_cols[] = {
	{ "month", C_STR, NULL }, { "contract", C_STR, "contract" },
	{ "workload", C_STR, "workload" }, { "team", C_STR, "team" },
	{ "product", C_STR, NULL }, { "portfolio", C_STR, "portfolio" },
	{ "accruing_cost", C_MONEY, "accruing" },
	{ "share", C_RATE, "share" }, { "credit", C_MONEY, "credit" },
	{ "method", C_STR, "method" },
};
static const struct col pool_cols[] = {
	{ "code", C_STR, "grant" }, { "reference", C_STR, "contract" },
	{ "granted", C_MONEY, "granted" }, { "used", C_MONEY, "used" },
	{ "remaining", C_MONEY, "remaining" }, { "end", C_DAY, "expires" },
	{ "days_left", C_COUNT, "days left" },
	{ "daily_burn", C_MONEY, "burn/day" },
	{ "expiring_unused", C_MONEY, "to expire unused" },
	{ "note", C_STR, "note" },
};

static void
claim_row(const struct ask *a, struct table *t, const char *month,
    const char *contract, const int has_rate, money_t rate,
    const money_t *v, const money_t *td)
{
	size_t k;

	c_str(t, month);
	c_str(t, contract);
	c_rate(t, has_rate, rate);
	for (k = 0; k < NCLAIM; k++)
		c_money(t, 1, v[k]);
	for (k = 0; k < NCLAIMTD; k++)
		c_money(t, a->have_td, td[k]);
}

static int
pool_cmp(const void *x, const void *y)
{
	const struct apool *p = *(const struct apool *const *)x;
	const struct apool *q = *(const struct apool *const *)y;

	if (p->end != q->end)
		return p->end < q->end ? -1 : 1;
	return p->code < q->code ? -1 : p->code > q->code;
}

static void
credit_pools(struct ask *a, struct ask_answer *r, const char *contract)
{
	struct table *t = ans_table(r, "pools", "Grants, expiring soonest "
	    "first", pool_cols, NELEM(pool_cols));
	const struct apool **v = xcalloc(a->npl + 1, sizeof(*v));
	struct buf b1 = { 0 }, b2 = { 0 };
	money_t fc = 0, gone = 0;
	size_t i, n = 0;
	char d[DATE_DAYLEN];

	for (i = 0; i < a->npl; i++)
		if (a->pl[i].has_granted && (contract == NULL ||
		    strcmp(S(a, a->pl[i].reference), contract) == 0))
			v[n++] = &a->pl[i];
	qsort(v, n, sizeof(*v), pool_cmp);
	for (i = 0; i < n; i++) {
		const struct apool *p = v[i];

		c_str(t, S(a, p->code));
		c_str(t, S(a, p->reference));
		c_money(t, 1, p->granted);
		c_money(t, 1, p->used);
		c_money(t, 1, p->remaining);
		c_day(t, p->end);
		c_count(t, p->days_left >= 0, p->days_left);
		c_money(t, 1, p->burn);
		c_money(t, 1, p->expiring);
		c_str(t, S(a, p->note));
		if (p->days_left > 0)
			fc += p->expiring;
		else
			gone += p->expiring;
	}
	for (i = 0; i < n; i++)
		if (v[i]->days_left > 0)
			break;
	if (i < n) {
		date_fmt_day(v[i]->end, d);
		ans_say(r, "The active grant expiring soonest is %s, on %s, "
		    "with %s remaining; at the current burn %s of the active "
		    "grants will expire unused.", S(a, v[i]->code), d,
		    dollars(&b1, v[i]->remaining), dollars(&b2, fc));
	}
	if (gone != 0)
		ans_say(r, "Grants already expired left %s unused.",
		    dollars(&b1, gone));
	buf_free(&b1);
	buf_free(&b2);
	free(v);
}

int
q_credits(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	struct table *t;
	struct buf b[6] = { { 0 } };
	long month = q->month >= 0 ? q->month : date_month(a->as_of);
	money_t sum[NCLAIM] = { 0 }, std[NCLAIMTD] = { 0 };
	char m[DATE_MONTHLEN];
	const char *ms;
	size_t i, k, n = 0;

	date_fmt_month(month, m);
	ms = tset_keep(&r->t, xstrdup(m));	/* the cells outlive m */
	if (q->contract) {
		for (i = 0; i < a->ncl; i++)
			if (strcmp(S(a, a->cl[i].contract), q->contract) == 0)
				break;
		if (i == a->ncl) {
			err_set(e, EXIT_DATA, 0, "no contract '%s' in the "
			    "claims", q->contract);
			return -1;
		}
	}
	t = ans_table(r, "claims", "Claimed vs projected", claim_cols,
	    NELEM(claim_cols));
	for (i = 0; i < a->ncl; i++) {
		const struct aclaim *c = &a->cl[i];

		if (c->month != month || (q->contract &&
		    strcmp(S(a, c->contract), q->contract) != 0))
			continue;
		claim_row(a, t, ms, S(a, c->contract), 1, c->rate, c->v,
		    c->td);
		for (k = 0; k < NCLAIM; k++)
			sum[k] += c->v[k];
		for (k = 0; k < NCLAIMTD; k++)
			std[k] += c->td[k];
		n++;
	}
	if (n > 1)
		claim_row(a, t, ms, "all", 0, 0, sum, std);
	if (n == 0)
		ans_say(r, "The claims have no row for %s%s%s.", m,
		    q->contract ? " and contract " : "",
		    q->contract ? q->contract : "");
	else {
		ans_say(r, "In %s%s%s, %s of MAP credit was received against "
		    "%s earned (credit rate times accruing spend) and %s "
		    "projected.", m, q->contract ? " under " : "",
		    q->contract ? q->contract : "",
		    dollars(&b[0], sum[CL_RECEIVED]),
		    dollars(&b[1], sum[CL_EARNED]),
		    dollars(&b[2], sum[CL_PROJECTED]));
		ans_say(r, "The gap between projected and earned is %s: %s "
		    "of it PENDING_TAG spend, %s STALE_TAG and %s "
		    "untrackable.", dollars(&b[0], sum[CL_GAP]),
		    dollars(&b[1], sum[CL_GAP_PENDING]),
		    dollars(&b[2], sum[CL_GAP_STALE]),
		    dollars(&b[3], sum[CL_GAP_UNTRACKABLE]));
		if (a->have_td)
			ans_say(r, "Contract to date: %s received, %s earned, "
			    "%s projected, a gap of %s.",
			    dollars(&b[0], std[CLT_RECEIVED]),
			    dollars(&b[1], std[CLT_EARNED]),
			    dollars(&b[2], std[CLT_PROJECTED]),
			    dollars(&b[3], std[CLT_GAP]));
	}
	t = ans_table(r, "attribution", "Attribution by workload",
	    cattr_cols, NELEM(cattr_cols));
	for (i = 0; i < a->nat; i++) {
		const struct aattr *x = &a->at[i];

		if (x->month != month || (q->contract &&
		    strcmp(S(a, x->contract), q->contract) != 0))
			continue;
		c_str(t, ms);
		c_str(t, S(a, x->contract));
		c_str(t, S(a, x->workload));
		c_str(t, S(a, x->team));
		c_str(t, S(a, x->product));
		c_str(t, S(a, x->portfolio));
		c_money(t, 1, x->accruing);
		c_rate(t, x->has_share, money_round(x->share, 6));
		c_money(t, 1, x->credit);
		c_str(t, S(a, x->method));
	}
	credit_pools(a, r, q->contract);
	for (i = 0; i < NELEM(b); i++)
		buf_free(&b[i]);
	ans_sources(a, r, AFB(AF_CLAIMS) | AFB(AF_ATTRIBUTION) |
	    AFB(AF_POOLS), NULL, 0);
	return 0;
}

/* ---- tasks ---- */

static const struct col tasks_cols[] = {
	{ "task_id", C_STR, "task" }, { "type", C_STR, "type" },
	{ "entity", C_STR, "entity" }, { "account", C_STR, NULL },
	{ "workload", C_STR, "workload" },
	{ "assignee", C_STR, "Cloud Engineer" },
	{ "opened", C_DAY, "opened" }, { "drift_date", C_DAY, NULL },
	{ "daily_impact", C_MONEY, "lost/day" },
	{ "impact_to_date", C_MONEY, "lost to date" },
	{ "action", C_STR, NULL }, { "command", C_STR, NULL },
};

static int
task_cmp(const void *x, const void *y)
{
	const struct atask *p = *(const struct atask *const *)x;
	const struct atask *q = *(const struct atask *const *)y;

	if (p->daily != q->daily)
		return p->daily > q->daily ? -1 : 1;
	if (p->opened != q->opened)
		return p->opened < q->opened ? -1 : 1;
	return p->id < q->id ? -1 : p->id > q->id;
}

int
q_tasks(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	const struct atask **v = xcalloc(a->ntk + 1, sizeof(*v));
	struct table *t;
	struct buf b1 = { 0 }, b2 = { 0 };
	money_t day = 0;
	size_t i, n = 0, known = 0;
	char *cmd = NULL;

	for (i = 0; i < a->ntk; i++) {
		const struct atask *k = &a->tk[i];

		if (q->engineer && strcmp(S(a, k->assignee), q->engineer) == 0)
			known = 1;
		if (k->status != TS_OPEN || (q->engineer &&
		    strcmp(S(a, k->assignee), q->engineer) != 0))
			continue;
		v[n++] = k;
		day += k->daily;
	}
	for (i = 0; q->engineer && !known && i < a->nent; i++)
		known = strcmp(S(a, a->ent[i].engineer), q->engineer) == 0;
	if (q->engineer && !known) {
		err_set(e, EXIT_DATA, 0, "no engineer '%s' in the state or "
		    "the tasks", q->engineer);
		free(v);
		return -1;
	}
	qsort(v, n, sizeof(*v), task_cmp);
	t = ans_table(r, "tasks", "Open tasks, most credit lost per day "
	    "first", tasks_cols, NELEM(tasks_cols));
	t->text = TX_ACTIONS;
	for (i = 0; i < n; i++) {
		c_str(t, S(a, v[i]->id));
		c_str(t, task_type_names[v[i]->type]);
		c_str(t, S(a, v[i]->entity));
		c_str(t, S(a, v[i]->account));
		c_str(t, S(a, v[i]->workload));
		c_str(t, S(a, v[i]->assignee));
		c_day(t, v[i]->opened);
		c_day(t, v[i]->drift);
		c_money(t, 1, v[i]->daily);
		c_money(t, 1, v[i]->to_date);
		c_str(t, S(a, v[i]->action));
		c_str(t, S(a, v[i]->command));
	}
	if (n == 0)
		ans_say(r, "No open task%s%s.", q->engineer ? " for " : "",
		    q->engineer ? q->engineer : "");
	else {
		ans_say(r, "%zu open task%s%s%s: %s of MAP credit lost per day "
		    "until they are done.", n, n == 1 ? "" : "s",
		    q->engineer ? " for " : "", q->engineer ? q->engineer : "",
		    dollars(&b1, day));
		ans_say(r, "First: %s %s on %s, %s a day: %s",
		    S(a, v[0]->id), task_type_names[v[0]->type],
		    S(a, v[0]->entity), dollars(&b2, v[0]->daily),
		    S(a, v[0]->action));
	}
	if (q->engineer) {
		struct buf x = { 0 };

		buf_adds(&x, " -s ");
		buf_adds(&x, a->f[AF_STATE].path ? a->f[AF_STATE].path : "-");
		buf_adds(&x, " -t ");
		buf_adds(&x, a->f[AF_TASKS].path ? a->f[AF_TASKS].path : "-");
		buf_adds(&x, " -r engineer --scope '");
		buf_adds(&x, q->engineer);
		buf_adds(&x, "' -f text");
		cmd = mapscore_cmd(a, buf_cstr(&x));
		buf_free(&x);
	}
	buf_free(&b1);
	buf_free(&b2);
	free(v);
	ans_sources(a, r, AFB(AF_TASKS), (const char *const *)&cmd,
	    cmd != NULL);
	free(cmd);
	return 0;
}

/* ---- changes ---- */

static const struct col tchg_cols[] = {
	{ "task_id", C_STR, "task" }, { "change", C_STR, "change" },
	{ "date", C_DAY, "date" }, { "type", C_STR, "type" },
	{ "entity", C_STR, "entity" },
	{ "assignee", C_STR, "Cloud Engineer" },
	{ "resolution", C_STR, "resolution" },
	{ "daily_impact", C_MONEY, "lost/day" },
};
static const struct col rchg_cols[] = {
	{ "as_of_day", C_DAY, "as of" }, { "eligible_cost", C_MONEY,
	    "eligible" }, { "accruing_cost", C_MONEY, "accruing" },
	{ "rate", C_RATE, "rate" },
};

int
q_changes(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	long since = q->since;
	struct score_rate now, then = { 0 };
	struct score *s2 = NULL;
	struct table *t;
	struct buf b1 = { 0 }, b2 = { 0 };
	char d1[DATE_DAYLEN], d2[DATE_DAYLEN];
	size_t i, nopen = 0, nclosed = 0, nchg;

	(void)e;
	if (since == DAY_NONE)
		since = a->prev != DAY_NONE ? a->prev + 1 : a->as_of;
	if (since > a->as_of)
		since = a->as_of;
	score_compliance(a->sc, &now);
	if (since - 1 >= date_month_first(date_month(a->as_of))) {
		/* the same files scored as of the day before */
		struct score_files sf = { 0 };
		const char *led[1] = { a->f[AF_LEDGER].path }, *ep;
		struct err e2 = { 0 };

		sf.ledgers = led;
		sf.nledgers = 1;
		sf.history = a->f[AF_HISTORY].path;
		s2 = score_new();
		score_set_as_of(s2, since - 1);
		if (score_load(s2, &sf, &ep, &e2) == 0)
			score_compliance(s2, &then);
	}
	t = changes_table(a, r, since, a->as_of, NULL, NULL, now.num, now.den,
	    0);
	nchg = t->nrows;
	t = ans_table(r, "tasks", "Tasks opened and closed", tchg_cols,
	    NELEM(tchg_cols));
	for (i = 0; i < a->ntk; i++) {
		const struct atask *k = &a->tk[i];
		int op = k->opened >= since && k->opened <= a->as_of;
		int cl = k->closed != DAY_NONE && k->closed >= since &&
		    k->closed <= a->as_of;

		if (!op && !cl)
			continue;
		c_str(t, S(a, k->id));
		c_str(t, cl ? "closed" : "opened");
		c_day(t, cl ? k->closed : k->opened);
		c_str(t, task_type_names[k->type]);
		c_str(t, S(a, k->entity));
		c_str(t, S(a, k->assignee));
		c_str(t, S(a, k->resolution));
		c_money(t, 1, k->daily);
		nopen += op;
		nclosed += cl;
	}
	t = ans_table(r, "rates", "The month-to-date rate before and after",
	    rchg_cols, NELEM(rchg_cols));
	if (then.has) {
		c_day(t, since - 1);
		c_money(t, 1, then.den);
		c_money(t, 1, then.num);
		c_rate(t, 1, then.rate);
	}
	c_day(t, a->as_of);
	c_money(t, 1, now.den);
	c_money(t, 1, now.num);
	c_rate(t, now.has, now.rate);
	date_fmt_day(since, d1);
	date_fmt_day(a->as_of, d2);
	ans_say(r, "From %s to %s: %zu state changes, %zu tasks opened and "
	    "%zu closed.", d1, d2, nchg, nopen, nclosed);
	if (then.has && now.has) {
		date_fmt_day(since - 1, d1);
		ans_say(r, "The month-to-date MAP Compliance Rate went from %s "
		    "(as of %s) to %s.", pct(&b1, then.rate), d1,
		    pct(&b2, now.rate));
	} else if (now.has)
		ans_say(r, "The month-to-date MAP Compliance Rate is %s.",
		    pct(&b1, now.rate));
	score_free(s2);
	buf_free(&b1);
	buf_free(&b2);
	ans_sources(a, r, AFB(AF_EVENTS) | AFB(AF_TASKS) | AFB(AF_LEDGER) |
	    AFB(AF_HISTORY), NULL, 0);
	return 0;
}
