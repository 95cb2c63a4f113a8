/* ask_q.c: the questions rate, lost and explain, and the state changes
 * with their effect on a rate that rate and changes show. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/ask_int.h"

#define TOP_ENTITIES 10

/* the money of a rate: num / den rounded to RATE_DP decimals */
static money_t
ratio(money_t num, money_t den)
{
	return money_round(money_div(num, den), RATE_DP);
}

/* append a copy of cell c (of another set, which may go) to t */
static void
c_copy(struct ask_answer *r, struct table *t, const struct cell *c)
{
	ask_cell_put(t, c, c->empty || (c->type != C_STR &&
	    c->type != C_FRAC) ? "" : tset_keep(&r->t, xstrdup(c->s)));
}

static const struct cell *
cell_of(const struct table *t, size_t row, const char *col)
{
	int c = table_col(t, col);

	return c < 0 ? NULL : TABLE_CELL(t, row, c);
}

static money_t
money_of(const struct table *t, size_t row, const char *col)
{
	const struct cell *c = cell_of(t, row, col);

	return c == NULL || c->empty ? 0 : c->m;
}

/* the group name of a ledger row or an entity for enum score_by */
static sid
led_group(const struct aled *l, int by)
{
	switch (by) {
	case SB_TEAM:
		return l->team;
	case SB_PRODUCT:
		return l->product;
	case SB_PORTFOLIO:
		return l->portfolio;
	case SB_WORKLOAD:
		return l->workload;
	}
	return 0;
}

static sid
ent_group(const struct aent *x, int by)
{
	switch (by) {
	case SB_TEAM:
		return x->team;
	case SB_PRODUCT:
		return x->product;
	case SB_PORTFOLIO:
		return x->portfolio;
	case SB_WORKLOAD:
		return x->workload;
	}
	return 0;
}

/* is the group of ledger row l (by, name) the one asked for? Spend no
 * workload claims is the group unowned in every grouping, as mapscore
 * counts it. */
static int
led_in(const struct ask *a, const struct aled *l, int by, const char *name)
{
	const char *w;

	if (by == SB_ALL)
		return 1;
	w = S(a, l->workload);
	if (strcmp(w, "unowned") == 0)
		return strcmp(name, "unowned") == 0;
	return strcmp(S(a, led_group(l, by)), name) == 0;
}

struct grp {
	int by;
	const char *name;
};

static int
ent_in(const struct ask *a, const struct aent *x, const void *arg)
{
	const struct grp *g = arg;
	const char *w;

	if (g->by == SB_ALL)
		return 1;
	w = S(a, x->workload);
	if (strcmp(w, "unowned") == 0 || *w == '\0')
		return strcmp(g->name, "unowned") == 0;
	return strcmp(S(a, ent_group(x, g->by)), g->name) == 0;
}

/* ---- state changes and their effect on a rate ---- */

static const struct col chg_cols[] = {
	{ "window", C_STR, "within" }, { "date", C_DAY, "date" },
	{ "entity", C_STR, "entity" }, { "entity_kind", C_STR, NULL },
	{ "workload", C_STR, "workload" }, { "change", C_STR, "change" },
	{ "from", C_STR, "from" }, { "to", C_STR, "to" },
	{ "reason", C_STR, "reason" }, { "map_tag", C_STR, NULL },
	{ "eligible_since", C_MONEY, "eligible since" },
	{ "accruing_since", C_MONEY, NULL },
	{ "effect", C_RATE, "effect on rate" },
};

static const char *
change_word(int from, int to)
{
	if (from == ST_NONE || from == ST_INELIGIBLE)
		return to == ST_INELIGIBLE ? "seen, not eligible" :
		    to == ST_STALE ? "drifted" : "became eligible";
	if (to == ST_TAGGED)
		return "got tagged";
	if (to == ST_STALE)
		return "drifted";
	if (to == ST_INELIGIBLE)
		return "became ineligible";
	if (to == ST_PENDING)
		return from == ST_TAGGED ? "lost its tag" : "pending tag";
	return "changed";
}

/* The effect of one change on the month-to-date rate num / den: the rate
 * less the rate had the entity stayed, from the change's day to the as-of
 * day, in the state it left (not eligible: its spend out of both sums;
 * TAGGED: all its eligible spend accruing; untagged: none accruing). */
static money_t
effect(int from, money_t num, money_t den, money_t el, money_t ac)
{
	money_t n2 = num, d2 = den;

	if (den == 0)
		return 0;
	if (from == ST_NONE || from == ST_INELIGIBLE) {
		n2 -= ac;
		d2 -= el;
	} else if (from == ST_TAGGED)
		n2 += el - ac;
	else
		n2 -= ac;
	if (d2 == 0)
		return ratio(num, den);
	return money_round(money_div(num, den) - money_div(n2, d2), RATE_DP);
}

struct table *
changes_table(struct ask *a, struct ask_answer *r, long from, long to,
    int (*keep)(const struct ask *, const struct aent *, const void *),
    const void *arg, money_t num, money_t den, int window)
{
	struct table *t = ans_table(r, "changes", "What changed", chg_cols,
	    NELEM(chg_cols));
	long mfirst = date_month_first(date_month(a->as_of));
	size_t i, j;

	for (i = 0; i < a->nev; i = j) {
		const struct aev *v = &a->ev[i];
		const struct aent *x = ask_entity(a, S(a, v->entity));
		money_t el = 0, ac = 0;
		int f = v->from, last = (int)i;

		/* one row per entity and day: the first from, the last to */
		for (j = i + 1; j < a->nev && a->ev[j].date == v->date &&
		    a->ev[j].entity == v->entity; j++)
			last = (int)j;
		if (v->date < from || v->date > to || x == NULL ||
		    (keep && !keep(a, x, arg)))
			continue;
		if (a->ev[last].to == f)
			continue;
		ask_since(a, v->entity, v->date, &el, &ac);
		if (window)
			c_str(t, v->date == a->as_of ? "1 day" :
			    v->date > a->as_of - 7 ? "7 days" : "30 days");
		else
			c_str(t, "");
		c_day(t, v->date);
		c_str(t, S(a, v->entity));
		c_str(t, kind_names[x->kind]);
		c_str(t, S(a, x->workload));
		c_str(t, change_word(f, a->ev[last].to));
		c_str(t, vocab_name(&vocab_event_from, f));
		c_str(t, state_names[a->ev[last].to]);
		c_str(t, reason_names[a->ev[last].reason]);
		c_str(t, S(a, a->ev[last].map_tag));
		c_money(t, 1, el);
		c_money(t, 1, ac);
		c_rate(t, v->date >= mfirst && den != 0,
		    effect(f, num, den, el, ac));
	}
	return t;
}

/* the changes of the windows in a few sentences: how many of each kind,
 * and the one that moved the rate most either way */
static void
change_summary(struct ask_answer *r, const struct table *t)
{
	static const char *const win[] = { "1 day", "7 days", "30 days" };
	static const char *const kinds[] = { "became eligible", "got tagged",
	    "drifted", "lost its tag", "pending tag", "became ineligible",
	    "seen, not eligible", "changed" };
	int cw = table_col(t, "window"), ck = table_col(t, "change");
	int ce = table_col(t, "effect"), cn = table_col(t, "entity");
	int cd = table_col(t, "date"), cf = table_col(t, "from");
	int ct = table_col(t, "to");
	long lo = -1, hi = -1;
	size_t w, k, i;

	for (w = 0; w < NELEM(win); w++) {
		struct buf b = { 0 };

		for (k = 0; k < NELEM(kinds); k++) {
			size_t n = 0;

			for (i = 0; i < t->nrows; i++) {
				const char *tw = TABLE_CELL(t, i, cw)->s;
				size_t x;

				/* a change within 1 day is within 7 and 30 */
				for (x = 0; x <= w; x++)
					if (strcmp(tw, win[x]) == 0)
						break;
				if (x <= w && strcmp(TABLE_CELL(t, i, ck)->s,
				    kinds[k]) == 0)
					n++;
			}
			if (n)
				buf_printf(&b, "%s%zu %s", b.len ? ", " : "",
				    n, kinds[k]);
		}
		ans_say(r, "In the last %s: %s.", win[w], b.len ? buf_cstr(&b) :
		    "no state change");
		buf_free(&b);
	}
	for (i = 0; i < t->nrows; i++) {
		const struct cell *e = TABLE_CELL(t, i, ce);

		if (e->empty)
			continue;
		if (e->m < 0 && (lo < 0 || e->m < TABLE_CELL(t, lo, ce)->m))
			lo = (long)i;
		if (e->m > 0 && (hi < 0 || e->m > TABLE_CELL(t, hi, ce)->m))
			hi = (long)i;
	}
	for (k = 0; k < 2; k++) {
		long x = k == 0 ? lo : hi;
		char d[DATE_DAYLEN];
		money_t m;

		if (x < 0)
			continue;
		char pts[MONEY_BUFSZ];

		m = TABLE_CELL(t, x, ce)->m;
		money_fmt(money_round(m * 100, 2), pts, 2);
		date_fmt_day(TABLE_CELL(t, x, cd)->n, d);
		ans_say(r, "The change that %s the rate most: %s %s (%s to %s) "
		    "on %s, %s%s points.", k == 0 ? "lowered" : "raised",
		    TABLE_CELL(t, x, cn)->s, TABLE_CELL(t, x, ck)->s,
		    TABLE_CELL(t, x, cf)->s, TABLE_CELL(t, x, ct)->s, d,
		    m > 0 ? "+" : "", pts);
	}
	ans_say(r, "A change's effect is the rate now less the rate had the "
	    "entity stayed, since that day, in the state it left.");
}

/* ---- rate ---- */

static const char *const rate_pick[] = {
	"window", "from", "to", "days", "by", "group", "eligible_cost",
	"accruing_cost", "rate", "pending_cost", "stale_cost",
	"untrackable_cost", "entities", "PENDING_TAG", "STALE_TAG",
	"pending_daily", "stale_daily",
};
static const struct col rate_cols[] = {
	{ "window", C_STR, "window" }, { "from", C_DAY, "from" },
	{ "to", C_DAY, "to" }, { "days", C_COUNT, NULL },
	{ "by", C_STR, NULL }, { "group", C_STR, "group" },
	{ "eligible_cost", C_MONEY, "eligible" },
	{ "accruing_cost", C_MONEY, "accruing" },
	{ "rate", C_RATE, "rate" },
	{ "pending_cost", C_MONEY, "PENDING_TAG" },
	{ "stale_cost", C_MONEY, "STALE_TAG" },
	{ "untrackable_cost", C_MONEY, "untrackable" },
	{ "entities", C_COUNT, "entities" },
	{ "PENDING_TAG", C_COUNT, NULL }, { "STALE_TAG", C_COUNT, NULL },
	{ "pending_daily", C_MONEY, NULL }, { "stale_daily", C_MONEY, NULL },
};
static const struct col top_cols[] = {
	{ "entity", C_STR, "entity" }, { "entity_kind", C_STR, "kind" },
	{ "workload", C_STR, "workload" }, { "state", C_STR, "state" },
	{ "eligible_cost", C_MONEY, "eligible" },
	{ "accruing_cost", C_MONEY, "accruing" },
	{ "pending_cost", C_MONEY, NULL }, { "stale_cost", C_MONEY, NULL },
	{ "untrackable_cost", C_MONEY, NULL },
	{ "gap_cost", C_MONEY, "not accruing" },
	{ "gap_share", C_RATE, "of the gap" },
};

struct acc {
	money_t el, ac, pend, stale, untr;
	int seen;
};

struct topent {
	sid entity;
	struct acc s;
};

static int
cmp_top(const void *x, const void *y)
{
	const struct topent *p = x, *q = y;
	money_t gp = p->s.el - p->s.ac, gq = q->s.el - q->s.ac;

	if (gp != gq)
		return gp > gq ? -1 : 1;
	return p->entity < q->entity ? -1 : p->entity > q->entity;
}

/* the group's row of the score's rate table for window w, or -1 */
static long
rate_row(const struct table *t, const char *w, const char *group)
{
	int cw = table_col(t, "window"), cg = table_col(t, "group");
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(TABLE_CELL(t, i, cw)->s, w) == 0 &&
		    strcmp(TABLE_CELL(t, i, cg)->s, group) == 0)
			return (long)i;
	return -1;
}

static void
unknown_group(const struct table *t, int by, const char *name,
    struct err *e)
{
	struct buf b = { 0 };
	int cw = table_col(t, "window"), cg = table_col(t, "group");
	size_t i, n = 0;

	for (i = 0; i < t->nrows; i++) {
		const char *g = TABLE_CELL(t, i, cg)->s;

		if (strcmp(TABLE_CELL(t, i, cw)->s, "mtd") != 0 ||
		    strcmp(g, "all") == 0)
			continue;
		buf_printf(&b, "%s%s", n++ ? ", " : "", g);
	}
	err_set(e, EXIT_DATA, 0, "no %s '%s' in the data (known: %s)",
	    score_by_names[by], name, n ? buf_cstr(&b) : "none");
	buf_free(&b);
}

/* the entities of the group that cost the most: the eligible spend of
 * the month to date that did not accrue */
static void
top_entities(struct ask *a, struct ask_answer *r, int by, const char *name,
    long from, money_t gap)
{
	struct table *t = ans_table(r, "entities", "The entities behind the "
	    "gap (month to date, most not accruing first)", top_cols,
	    NELEM(top_cols));
	struct acc *acc = xcalloc(a->st.n + 1, sizeof(*acc));
	struct topent *v = NULL;
	size_t i, n = 0;

	for (i = 0; i < a->nled; i++) {
		const struct aled *l = &a->led[i];
		struct acc *s = &acc[l->entity];

		if (l->date < from || l->date > a->as_of ||
		    !led_in(a, l, by, name))
			continue;
		s->seen = 1;
		s->el += l->eligible;
		s->ac += l->accruing;
		if (l->state == ST_PENDING)
			s->pend += l->eligible;
		else if (l->state == ST_STALE)
			s->stale += l->eligible;
		else if (l->state == ST_ELIGIBLE)
			s->untr += l->eligible;
	}
	v = xcalloc(a->st.n + 1, sizeof(*v));
	for (i = 0; i < a->st.n; i++)
		if (acc[i].seen && acc[i].el != acc[i].ac) {
			v[n].entity = (sid)i;
			v[n++].s = acc[i];
		}
	qsort(v, n, sizeof(*v), cmp_top);
	for (i = 0; i < n && i < TOP_ENTITIES; i++) {
		const struct aent *x = ask_entity(a, S(a, v[i].entity));

		c_str(t, S(a, v[i].entity));
		c_str(t, x ? kind_names[x->kind] : "");
		c_str(t, x ? S(a, x->workload) : "");
		c_str(t, x ? state_names[x->state] : "");
		c_money(t, 1, v[i].s.el);
		c_money(t, 1, v[i].s.ac);
		c_money(t, 1, v[i].s.pend);
		c_money(t, 1, v[i].s.stale);
		c_money(t, 1, v[i].s.untr);
		c_money(t, 1, v[i].s.el - v[i].s.ac);
		c_rate(t, gap != 0, gap ? ratio(v[i].s.el - v[i].s.ac, gap) :
		    0);
	}
	if (n > TOP_ENTITIES)
		ans_say(r, "The gap comes from %zu entities; the %d that cost "
		    "the most are listed.", n, TOP_ENTITIES);
	free(v);
	free(acc);
}

int
q_rate(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	struct score_view sv = { 0 };
	const struct table *st;
	struct table *t;
	const char *epath, *name = q->by == SB_ALL ? "all" : q->name;
	struct buf b1 = { 0 }, b2 = { 0 }, b3 = { 0 }, b4 = { 0 }, cmd = { 0 };
	struct grp g = { q->by, name };
	char d1[DATE_DAYLEN], d2[DATE_DAYLEN], *sc;
	money_t num, den, rt, gap;
	long mtd, d30, from;
	size_t i, k;
	int has;

	sv.role = SV_RATE;
	sv.by = q->by;
	if (score_view(a->sc, &sv, &epath, e) != 0)
		return -1;
	st = tset_find(score_tables(a->sc), "rate");
	if ((mtd = rate_row(st, "mtd", name)) < 0) {
		unknown_group(st, q->by, name, e);
		return -1;
	}
	d30 = rate_row(st, "30d", name);
	t = ans_table(r, "rate", "MAP Compliance Rate", rate_cols,
	    NELEM(rate_cols));
	for (k = 0; k < 2; k++) {
		long row = k == 0 ? mtd : d30;

		if (row < 0)
			continue;
		for (i = 0; i < NELEM(rate_pick); i++)
			c_copy(r, t, cell_of(st, (size_t)row, rate_pick[i]));
	}
	num = money_of(st, (size_t)mtd, "accruing_cost");
	den = money_of(st, (size_t)mtd, "eligible_cost");
	has = !cell_of(st, (size_t)mtd, "rate")->empty;
	rt = money_of(st, (size_t)mtd, "rate");
	from = cell_of(st, (size_t)mtd, "from")->n;
	date_fmt_day(from, d1);
	date_fmt_day(a->as_of, d2);
	gap = den - num;
	if (q->by == SB_ALL)
		buf_adds(&cmd, "the whole organisation");
	else
		buf_printf(&cmd, "%s %s", score_by_names[q->by], name);
	if (!has)
		ans_say(r, "%s has no eligible spend month to date (%s to "
		    "%s), so it has no MAP Compliance Rate.", buf_cstr(&cmd),
		    d1, d2);
	else {
		ans_say(r, "The MAP Compliance Rate of %s is %s month to "
		    "date (%s to %s): %s of accruing spend over %s of "
		    "eligible spend.", buf_cstr(&cmd), pct(&b1, rt), d1, d2,
		    dollars(&b2, num), dollars(&b3, den));
		ans_say(r, "The gap of %s that does not accrue is %s in "
		    "PENDING_TAG, %s in STALE_TAG and %s untrackable.",
		    dollars(&b1, gap), dollars(&b2, money_of(st, (size_t)mtd,
		    "pending_cost")), dollars(&b3, money_of(st, (size_t)mtd,
		    "stale_cost")), dollars(&b4, money_of(st, (size_t)mtd,
		    "untrackable_cost")));
	}
	if (d30 >= 0 && !cell_of(st, (size_t)d30, "rate")->empty)
		ans_say(r, "Over the rolling 30 days it is %s.",
		    pct(&b1, money_of(st, (size_t)d30, "rate")));
	top_entities(a, r, q->by, name, from, gap);
	t = changes_table(a, r, a->as_of - 29, a->as_of, ent_in, &g, num,
	    den, 1);
	change_summary(r, t);
	buf_free(&b1);
	buf_free(&b2);
	buf_free(&b3);
	buf_free(&b4);
	cmd.len = 0;
	if (q->by != SB_ALL) {
		buf_printf(&cmd, " -b %s -f text", score_by_names[q->by]);
	} else
		buf_adds(&cmd, " -f text");
	sc = mapscore_cmd(a, buf_cstr(&cmd));
	buf_free(&cmd);
	ans_sources(a, r, AFB(AF_LEDGER) | AFB(AF_HISTORY) | AFB(AF_STATE) |
	    AFB(AF_EVENTS), (const char *const *)&sc, 1);
	free(sc);
	return 0;
}

/* ---- lost ---- */

static const struct col lost_cols[] = {
	{ "entity", C_STR, "entity" }, { "entity_kind", C_STR, NULL },
	{ "team", C_STR, "team" }, { "workload", C_STR, "workload" },
	{ "state", C_STR, "state" }, { "at_risk_cost", C_MONEY, "at risk" },
	{ "at_risk_days", C_COUNT, "days" },
	{ "credit_lost", C_MONEY, "credit lost" },
	{ "daily_impact", C_MONEY, "lost/day" },
	{ "impact_to_date", C_MONEY, "lost to date" },
	{ "task_id", C_STR, "task" }, { "type", C_STR, NULL },
	{ "assignee", C_STR, "Cloud Engineer" },
};

struct lostent {
	sid entity;
	money_t risk, lost;
	long days, lastday;
};

static int
cmp_lost(const void *x, const void *y)
{
	const struct lostent *p = x, *q = y;

	if (p->lost != q->lost)
		return p->lost > q->lost ? -1 : 1;
	if (p->risk != q->risk)
		return p->risk > q->risk ? -1 : 1;
	return p->entity < q->entity ? -1 : p->entity > q->entity;
}

static const struct atask *
open_task(const struct ask *a, sid entity)
{
	size_t i;

	for (i = 0; i < a->ntk; i++)
		if (a->tk[i].entity == entity && a->tk[i].status == TS_OPEN)
			return &a->tk[i];
	return NULL;
}

int
q_lost(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	struct table *t;
	struct lostent *v;
	struct buf b1 = { 0 }, b2 = { 0 };
	money_t total = 0, rate;
	long from = a->as_of - q->days + 1, first = DAY_NONE;
	char d1[DATE_DAYLEN], d2[DATE_DAYLEN];
	size_t i, n = 0;
	int has, norate = 0;
	sid team = 0;

	if (q->team) {
		for (i = 0; i < a->nent; i++)
			if (strcmp(S(a, a->ent[i].team), q->team) == 0)
				break;
		if (i == a->nent) {
			err_set(e, EXIT_DATA, 0, "no team '%s' in the data",
			    q->team);
			return -1;
		}
		team = a->ent[i].team;
	}
	v = xcalloc(a->st.n + 1, sizeof(*v));
	for (i = 0; i < a->nled; i++) {
		const struct aled *l = &a->led[i];
		struct lostent *s = &v[l->entity];

		if (l->date < from || l->date > a->as_of || (l->state !=
		    ST_PENDING && l->state != ST_STALE) ||
		    (q->team && l->team != team))
			continue;
		if (first == DAY_NONE || l->date < first)
			first = l->date;
		rate = ask_credit_rate(a, l->contract, &has);
		norate |= !has;
		s->entity = l->entity;
		s->risk += l->eligible;
		s->lost += money_mul(l->eligible, rate);
		s->days++;
	}
	for (i = 0; i < a->st.n; i++)
		if (v[i].days > 0)
			v[n++] = v[i];
	qsort(v, n, sizeof(*v), cmp_lost);
	t = ans_table(r, "lost", "MAP credit lost, most first", lost_cols,
	    NELEM(lost_cols));
	for (i = 0; i < n; i++) {
		const struct aent *x = ask_entity(a, S(a, v[i].entity));
		const struct atask *k = open_task(a, v[i].entity);

		v[i].lost = money_round(v[i].lost, 2);
		total += v[i].lost;
		c_str(t, S(a, v[i].entity));
		c_str(t, x ? kind_names[x->kind] : "");
		c_str(t, x ? S(a, x->team) : "");
		c_str(t, x ? S(a, x->workload) : "");
		c_str(t, x ? state_names[x->state] : "");
		c_money(t, 1, v[i].risk);
		c_count(t, 1, v[i].days);
		c_money(t, 1, v[i].lost);
		c_money(t, k != NULL, k ? k->daily : 0);
		c_money(t, k != NULL, k ? k->to_date : 0);
		c_str(t, k ? S(a, k->id) : "");
		c_str(t, k ? task_type_names[k->type] : "");
		c_str(t, k ? S(a, k->assignee) : "");
	}
	date_fmt_day(from, d1);
	date_fmt_day(a->as_of, d2);
	if (n == 0)
		ans_say(r, "No entity%s%s was untagged or drifted in the %ld "
		    "days %s to %s: no MAP credit was lost.", q->team ?
		    " of team " : "", q->team ? q->team : "", q->days, d1, d2);
	else {
		ans_say(r, "In the %ld days %s to %s, %zu untagged or drifted "
		    "entities%s%s lost %s of MAP credit (credit rate times "
		    "their eligible spend on the days they were PENDING_TAG or "
		    "STALE_TAG).", q->days, d1, d2, n, q->team ? " of team " :
		    "", q->team ? q->team : "", dollars(&b1, total));
		ans_say(r, "The most: %s, %s lost, now %s.",
		    S(a, v[0].entity), dollars(&b2, v[0].lost),
		    ask_entity(a, S(a, v[0].entity)) ?
		    state_names[ask_entity(a, S(a, v[0].entity))->state] :
		    "not in the state");
	}
	if (first != DAY_NONE && first > from) {
		date_fmt_day(first, d1);
		ans_say(r, "The ledger of this night starts on %s; the days "
		    "before it are not counted.", d1);
	}
	if (norate)
		ans_say(r, "Some contracts have no credit rate in the claims: "
		    "their credit lost is counted as 0.");
	ans_say(r, "Lost per day and to date are maptasks' figures for the "
	    "entity's open task.");
	buf_free(&b1);
	buf_free(&b2);
	free(v);
	ans_sources(a, r, AFB(AF_LEDGER) | AFB(AF_CLAIMS) | AFB(AF_STATE) |
	    AFB(AF_TASKS), NULL, 0);
	return 0;
}
