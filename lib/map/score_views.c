/* score_views.c: the views of mapscore as tables (core/table.h): the rate
 * sections, the trend, the credits, the CFM Scoreboard, the attribution,
 * the PENDING_TAG exposure, the engineer's tasks, the lifecycle of
 * entities and the owner's notifications; and the role views made of
 * them. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/formats.h"
#include "map/score_int.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct rt NORATE = { 0, 0 };

static void
c_rt(struct table *t, struct rt r)
{
	c_rate(t, r.has, r.v);
}

static const char *
keep(struct score *s, char *str)
{
	return tset_keep(&s->ts, str);
}

/* ---- the sparkline ---- */

/* level 0..7 of a rate: floor(rate * 8), at most 7 */
static int
spark_level(money_t v)
{
	money_t l = v * 8 / MONEY_ONE;

	return l < 0 ? 0 : l > 7 ? 7 : (int)l;
}

static const char *const spark[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};
#define SPARK_NONE "\xc2\xb7"	/* middle dot: no rate that day */

static void
sparkline(const struct score *s, const struct gacc *g, struct buf *b)
{
	int i;

	for (i = 0; i < WINDOW; i++) {
		struct rt r = NORATE;

		if (g)
			r = rate_of(g->tr[i].accr, g->tr[i].elig);
		if (!known_day(s, s->wfirst + i) || !r.has)
			buf_adds(b, SPARK_NONE);
		else
			buf_adds(b, spark[spark_level(r.v)]);
	}
}

static const char *
label(struct score *s, const struct gacc *g)
{
	if (g->b) {
		struct buf b = { 0 };

		buf_printf(&b, "%s/%s", SS(s, g->a), SS(s, g->b));
		return keep(s, b.s);
	}
	return SS(s, g->a);
}

/* entities of the as-of day, in every state */
static long
fig_entities(const struct fig *f)
{
	long n = 0;
	int i;

	for (i = ST_ELIGIBLE; i < NSTATE; i++)
		n += f->n[i];
	return n;
}

/* ---- the rate section ---- */

static const struct col rate_cols[] = {
	{ "window", C_STR, NULL }, { "from", C_DAY, NULL },
	{ "to", C_DAY, NULL }, { "days", C_COUNT, NULL },
	{ "by", C_STR, NULL }, { "group", C_STR, NULL },
	{ "cost", C_MONEY, NULL }, { "unowned_cost", C_MONEY, NULL },
	{ "ownership", C_RATE, NULL }, { "eligible_cost", C_MONEY, NULL },
	{ "accruing_cost", C_MONEY, NULL }, { "rate", C_RATE, NULL },
	{ "pending_cost", C_MONEY, NULL }, { "stale_cost", C_MONEY, NULL },
	{ "untrackable_cost", C_MONEY, NULL },
	{ "ai_eligible_cost", C_MONEY, NULL },
	{ "ai_accruing_cost", C_MONEY, NULL }, { "ai_rate", C_RATE, NULL },
	{ "entities", C_COUNT, NULL }, { "ELIGIBLE", C_COUNT, NULL },
	{ "PENDING_TAG", C_COUNT, NULL }, { "TAGGED", C_COUNT, NULL },
	{ "STALE_TAG", C_COUNT, NULL }, { "INELIGIBLE", C_COUNT, NULL },
	{ "pending_daily", C_MONEY, NULL }, { "stale_daily", C_MONEY, NULL },
};

/* the text of the rate section: one line per group, both windows */
static const struct col ratetext_cols[] = {
	{ "group", C_STR, "group" }, { "rate", C_RATE, "rate" },
	{ "eligible", C_MONEY, "eligible" },
	{ "accruing", C_MONEY, "accruing" },
	{ "at_risk", C_MONEY, "at risk" },
	{ "rate30", C_RATE, "30-day rate" },
	{ "trend", C_STR, "trend (30 days)" },
	{ "ai_rate", C_RATE, "AI rate" },
	{ "ownership", C_RATE, "owned" },
	{ "entities", C_COUNT, "entities" },
	{ "pending", C_COUNT, "pending" },
	{ "stale", C_COUNT, "stale" },
	{ "risk_daily", C_MONEY, "at risk/day" },
};

static void
rate_text_row(struct score *s, struct table *t, const struct gacc *g)
{
	int today = known_day(s, s->as_of);
	struct buf b = { 0 };

	sparkline(s, g, &b);
	c_str(t, label(s, g));
	c_rt(t, rate_of(g->mtd.accr, g->mtd.elig));
	c_money(t, 1, g->mtd.elig);
	c_money(t, 1, g->mtd.accr);
	c_money(t, 1, g->mtd.pend + g->mtd.stale);
	c_rt(t, rate_of(g->d30.accr, g->d30.elig));
	c_str(t, keep(s, b.s));
	c_rt(t, rate_of(g->mtd.ai_accr, g->mtd.ai_elig));
	c_rt(t, s->have_owners ? own_of(&g->mtd) : NORATE);
	c_count(t, today, fig_entities(&g->today));
	c_count(t, today, g->today.n[ST_PENDING]);
	c_count(t, today, g->today.n[ST_STALE]);
	c_money(t, today, g->today.pend + g->today.stale);
}

/* rows of one group in the rate section */
static void
rate_rows(struct score *s, struct table *t, const char *by,
    const struct gacc *g)
{
	int k, i, today = known_day(s, s->as_of);

	if (s->v.text) {
		rate_text_row(s, t, g);
		return;
	}
	for (k = 0; k < 2; k++) {
		const struct fig *f = k ? &g->d30 : &g->mtd;
		long from = k ? s->wfirst : s->mfirst;

		c_str(t, k ? "30d" : "mtd");
		c_day(t, from);
		c_day(t, s->as_of);
		c_count(t, 1, known_days(s, from));
		c_str(t, by);
		c_str(t, label(s, g));
		c_money(t, 1, f->cost);
		c_money(t, s->have_owners, fig_unowned(f));
		c_rt(t, s->have_owners ? own_of(f) : NORATE);
		c_money(t, 1, f->elig);
		c_money(t, 1, f->accr);
		c_rt(t, rate_of(f->accr, f->elig));
		c_money(t, 1, f->pend);
		c_money(t, 1, f->stale);
		c_money(t, 1, f->untr);
		c_money(t, 1, f->ai_elig);
		c_money(t, 1, f->ai_accr);
		c_rt(t, rate_of(f->ai_accr, f->ai_elig));
		c_count(t, today, fig_entities(&g->today));
		for (i = ST_ELIGIBLE; i < NSTATE; i++)
			c_count(t, today, g->today.n[i]);
		c_money(t, today, g->today.pend);
		c_money(t, today, g->today.stale);
	}
}

static struct table *
rate_table(struct score *s, const char *title)
{
	if (s->v.text)
		return tset_add(&s->ts, "rate", title, ratetext_cols,
		    NCOLS(ratetext_cols));
	return tset_add(&s->ts, "rate", title, rate_cols, NCOLS(rate_cols));
}

static void
rate_section(struct score *s, struct table *t, const char *by,
    const struct gset *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		rate_rows(s, t, by, gs->g[i]);
}

/* ---- the trend of one group: a row per day of the window ---- */

static const struct col trend_cols[] = {
	{ "by", C_STR, NULL }, { "group", C_STR, NULL },
	{ "date", C_DAY, NULL }, { "eligible_cost", C_MONEY, NULL },
	{ "accruing_cost", C_MONEY, NULL }, { "rate", C_RATE, NULL },
};

static void
trend_section(struct score *s, const char *by, const char *group,
    const struct gacc *g)
{
	struct table *t = tset_add(&s->ts, "trend", "Trend, the last 30 days",
	    trend_cols, NCOLS(trend_cols));
	char a[DATE_DAYLEN], b[DATE_DAYLEN];
	struct buf note = { 0 };
	int i;

	date_fmt_day(s->wfirst, a);
	date_fmt_day(s->as_of, b);
	buf_printf(&note, "  %s ", a);
	sparkline(s, g, &note);
	buf_printf(&note, " %s\n  (one mark a day, " SPARK_NONE " no rate; "
	    "low \xe2\x96\x81 0-12.5%%, high \xe2\x96\x88 87.5-100%%)\n", b);
	t->text = TX_NOTE;
	t->note = keep(s, note.s);
	for (i = 0; i < WINDOW; i++) {
		long d = s->wfirst + i;
		int k = known_day(s, d);
		const struct fig *f = g ? &g->tr[i] : NULL;

		c_str(t, by);
		c_str(t, group);
		c_day(t, d);
		c_money(t, k, f ? f->elig : 0);
		c_money(t, k, f ? f->accr : 0);
		c_rt(t, f ? rate_of(f->accr, f->elig) : NORATE);
	}
}

/* ---- credits claimed vs projected, the as-of month ---- */

static const struct col credit_cols[] = {
	{ "month", C_STR, "month" }, { "contract", C_STR, "contract" },
	{ "eligible_cost", C_MONEY, NULL }, { "accruing_cost", C_MONEY, NULL },
	{ "pending_cost", C_MONEY, NULL }, { "stale_cost", C_MONEY, NULL },
	{ "projected", C_MONEY, "projected" }, { "earned", C_MONEY, "earned" },
	{ "received", C_MONEY, "received" }, { "gap", C_MONEY, "gap" },
	{ "gap_pending", C_MONEY, "gap pending" },
	{ "gap_stale", C_MONEY, "gap stale" },
};
/* the claims columns shown, in credit_cols' order */
static const int credit_v[] = { CL_ELIGIBLE, CL_ACCRUING, CL_PENDING,
	CL_STALE, CL_PROJECTED, CL_EARNED, CL_RECEIVED, CL_GAP,
	CL_GAP_PENDING, CL_GAP_STALE };
#define NCREDIT NCOLS(credit_v)

static int
cmp_crow(const void *a, const void *b)
{
	const struct crow *x = a, *y = b;

	return strcmp(x->contract, y->contract);
}

static void
credit_section(struct score *s)
{
	struct table *t = tset_add(&s->ts, "credits", "", credit_cols,
	    NCOLS(credit_cols));
	money_t tot[NCREDIT] = { 0 };
	long m = date_month(s->as_of);
	char mon[DATE_MONTHLEN];
	struct buf b = { 0 };
	size_t i, k, n = 0;

	date_fmt_month(m, mon);
	buf_printf(&b, "Credits claimed vs projected, %s", mon);
	t->title = keep(s, b.s);
	if (s->ncrows > 1)
		qsort(s->crows, s->ncrows, sizeof(*s->crows), cmp_crow);
	for (i = 0; i < s->ncrows; i++) {
		const struct crow *r = &s->crows[i];

		if (r->month != m)
			continue;
		c_str(t, keep(s, xstrdup(mon)));
		c_str(t, r->contract);
		for (k = 0; k < NCREDIT; k++) {
			c_money(t, 1, r->v[credit_v[k]]);
			tot[k] += r->v[credit_v[k]];
		}
		n++;
	}
	if (n) {
		c_str(t, keep(s, xstrdup(mon)));
		c_str(t, "all");
		for (k = 0; k < NCREDIT; k++)
			c_money(t, 1, tot[k]);
	}
}

/* ---- the CFM Scoreboard ---- */

static void
grade_signals(struct score *s, struct grade *g)
{
	size_t j, k;

	g->sv = xcalloc(s->nsignames + 1, sizeof(*g->sv));
	g->svhas = xcalloc(s->nsignames + 1, 1);
	for (k = 0; k < s->nsigs; k++) {
		if (s->sigs[k].team != g->team)
			continue;
		for (j = 0; j < s->nsignames; j++)
			if (s->signames[j] == s->sigs[k].name)
				break;
		g->sv[j] = s->sigs[k].v;
		g->svhas[j] = 1;
	}
}

/* the weighted score of a team, and its grade */
static void
grade_score(struct score *s, struct grade *g)
{
	money_t num = 0, den = 0, w;
	size_t j;

	if (g->comp.has && (w = weight_of(s, SIG_MAP)) > 0) {
		num += money_mul(w, g->comp.v);
		den += w;
	}
	if (g->own.has && (w = weight_of(s, SIG_OWN)) > 0) {
		num += money_mul(w, g->own.v);
		den += w;
	}
	for (j = 0; j < s->nsignames; j++)
		if (g->svhas[j] && (w = weight_of(s, SS(s,
		    s->signames[j]))) > 0) {
			num += money_mul(w, g->sv[j]);
			den += w;
		}
	if (den > 0) {
		g->score.has = 1;
		g->score.v = score_ratio(num, den, RATE_DP);
		g->grade = grade_of(s, g->score.v);
	} else
		g->grade = "";
}

static struct grade *
grade_add(struct score *s, uint32_t team)
{
	struct grade *g;

	s->grades = xrealloc(s->grades, (s->ngrades + 1) * sizeof(*s->grades));
	g = &s->grades[s->ngrades++];
	memset(g, 0, sizeof(*g));
	g->team = team;
	return g;
}

static void
grade_sort(struct score *s)
{
	struct skey *k;
	struct grade *v;
	size_t i;

	if (s->ngrades < 2)
		return;
	k = xcalloc(s->ngrades, sizeof(*k));
	v = xcalloc(s->ngrades, sizeof(*v));
	for (i = 0; i < s->ngrades; i++) {
		k[i].a = SS(s, s->grades[i].team);
		k[i].b = "";
		k[i].i = i;
	}
	score_sort(k, s->ngrades);
	for (i = 0; i < s->ngrades; i++)
		v[i] = s->grades[k[i].i];
	memcpy(s->grades, v, s->ngrades * sizeof(*v));
	free(v);
	free(k);
}

static void
compute_grades(struct score *s)
{
	struct gset gs;
	size_t i, j, k;

	if (s->score_cols)
		return;		/* once a view */
	gather(s, &gs, G_TEAM, 0, NULL);
	for (i = 0; i < gs.n; i++) {
		struct grade *g;

		if (gs.g[i]->a == s->id_unowned)
			continue;
		g = grade_add(s, gs.g[i]->a);
		g->comp = rate_of(gs.g[i]->mtd.accr, gs.g[i]->mtd.elig);
		if (s->have_owners)
			g->own = own_of(&gs.g[i]->mtd);
	}
	gset_free(&gs);
	for (k = 0; k < s->nsigs; k++) {
		for (i = 0; i < s->ngrades; i++)
			if (s->grades[i].team == s->sigs[k].team)
				break;
		if (i == s->ngrades)
			grade_add(s, s->sigs[k].team);
	}
	grade_sort(s);
	for (i = 0; i < s->ngrades; i++) {
		grade_signals(s, &s->grades[i]);
		grade_score(s, &s->grades[i]);
	}
	/* the columns: team, the two derived signals, the signals file's,
	 * score, grade */
	s->nscore_cols = 5 + s->nsignames;
	s->score_cols = xcalloc(s->nscore_cols, sizeof(*s->score_cols));
	s->score_cols[0] = (struct col){ "team", C_STR, "team" };
	s->score_cols[1] = (struct col){ SIG_MAP, C_RATE, "MAP compliance" };
	s->score_cols[2] = (struct col){ SIG_OWN, C_RATE, "ownership" };
	for (j = 0; j < s->nsignames; j++)
		s->score_cols[3 + j] = (struct col){ SS(s, s->signames[j]),
			C_RATE, SS(s, s->signames[j]) };
	s->score_cols[3 + s->nsignames] = (struct col){ "score", C_RATE,
		"score" };
	s->score_cols[4 + s->nsignames] = (struct col){ "grade", C_STR,
		"grade" };
}

static void
score_section(struct score *s, const unsigned char *teamsel)
{
	struct table *t = tset_add(&s->ts, "scoreboard", "CFM Scoreboard",
	    s->score_cols, s->nscore_cols);
	size_t i, j;

	for (i = 0; i < s->ngrades; i++) {
		const struct grade *g = &s->grades[i];

		if (teamsel && !teamsel[g->team])
			continue;
		c_str(t, SS(s, g->team));
		c_rt(t, g->comp);
		c_rt(t, g->own);
		for (j = 0; j < s->nsignames; j++)
			c_rate(t, g->svhas[j], g->sv[j]);
		c_rt(t, g->score);
		c_str(t, g->grade);
	}
}

/* ---- credit attribution ---- */

static const struct col attr_cols[] = {
	{ "month", C_STR, "month" }, { "contract", C_STR, "contract" },
	{ "workload", C_STR, "workload" }, { "team", C_STR, "team" },
	{ "product", C_STR, "product" }, { "portfolio", C_STR, NULL },
	{ "accruing_cost", C_MONEY, "accruing" }, { "share", C_FRAC, "share" },
	{ "credit", C_MONEY, "credit" }, { "method", C_STR, "method" },
};

static int
cmp_arow(const void *a, const void *b)
{
	const struct arow *x = a, *y = b;
	int c;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	if ((c = strcmp(x->contract, y->contract)) != 0)
		return c;
	if ((c = strcmp(x->workload, y->workload)) != 0)
		return c;
	return strcmp(x->method, y->method);
}

/* months up to the as-of month, of portfolio pf or (ws) of the selected
 * workloads */
static void
attr_section(struct score *s, const char *pf, int ws)
{
	struct table *t = tset_add(&s->ts, "attribution", "Credit attribution",
	    attr_cols, NCOLS(attr_cols));
	long m = date_month(s->as_of);
	size_t i;

	if (s->narows > 1)
		qsort(s->arows, s->narows, sizeof(*s->arows), cmp_arow);
	for (i = 0; i < s->narows; i++) {
		const struct arow *a = &s->arows[i];
		char mon[DATE_MONTHLEN];

		if (a->month > m)
			continue;
		if (pf && strcmp(a->portfolio, pf) != 0)
			continue;
		if (ws && !wsel_has(s, a->workload))
			continue;
		date_fmt_month(a->month, mon);
		c_str(t, keep(s, xstrdup(mon)));
		c_str(t, a->contract);
		c_str(t, a->workload);
		c_str(t, a->team);
		c_str(t, a->product);
		c_str(t, a->portfolio);
		c_money(t, 1, a->accr);
		c_frac(t, a->share_s, a->share);
		c_money(t, 1, a->credit);
		c_str(t, a->method);
	}
}

/* ---- PENDING_TAG (and STALE_TAG) exposure ---- */

/* per product team of a portfolio */
static const struct col pending_cols[] = {
	{ "window", C_STR, NULL }, { "product", C_STR, "product" },
	{ "team", C_STR, "team" }, { "PENDING_TAG", C_COUNT, "pending" },
	{ "pending_daily", C_MONEY, "pending/day" },
	{ "pending_cost", C_MONEY, "pending, month" },
	{ "STALE_TAG", C_COUNT, "stale" },
	{ "stale_daily", C_MONEY, "stale/day" },
	{ "stale_cost", C_MONEY, "stale, month" },
};

/* the Lead's, overall and per portfolio: the as-of day and the month */
static const struct col exposure_cols[] = {
	{ "window", C_STR, NULL }, { "by", C_STR, NULL },
	{ "group", C_STR, "group" }, { "PENDING_TAG", C_COUNT, "pending" },
	{ "pending_daily", C_MONEY, "pending/day" },
	{ "pending_cost", C_MONEY, "pending, month" },
	{ "STALE_TAG", C_COUNT, "stale" },
	{ "stale_daily", C_MONEY, "stale/day" },
	{ "stale_cost", C_MONEY, "stale, month" },
};

/* the counts and amounts of a row, after its labels */
static void
exposure_cells(const struct score *s, struct table *t, const struct gacc *g)
{
	int today = known_day(s, s->as_of);

	c_count(t, today, g->today.n[ST_PENDING]);
	c_money(t, today, g->today.pend);
	c_money(t, 1, g->mtd.pend);
	c_count(t, today, g->today.n[ST_STALE]);
	c_money(t, today, g->today.stale);
	c_money(t, 1, g->mtd.stale);
}

static void
pending_section(struct score *s)
{
	struct table *t = tset_add(&s->ts, "pending", "PENDING_TAG exposure "
	    "per product team", pending_cols, NCOLS(pending_cols));
	struct gset gs;
	size_t i;

	gather(s, &gs, G_PRODTEAM, 0, keep_portfolio);
	for (i = 0; i < gs.n; i++) {
		const struct gacc *g = gs.g[i];

		if (g->mtd.cost == 0 && g->mtd.elig == 0 &&
		    g->today.n[ST_PENDING] + g->today.n[ST_STALE] == 0)
			continue;	/* not in this month */
		c_str(t, "mtd");
		c_str(t, SS(s, g->a));
		c_str(t, SS(s, g->b));
		exposure_cells(s, t, g);
	}
	gset_free(&gs);
}

static struct table *
exposure_section(struct score *s, const char *by, const struct gset *gs,
    struct table *t)
{
	size_t i;

	if (t == NULL)
		t = tset_add(&s->ts, "exposure", "PENDING_TAG exposure (and "
		    "STALE_TAG)", exposure_cols, NCOLS(exposure_cols));
	for (i = 0; i < gs->n; i++) {
		c_str(t, "mtd");
		c_str(t, by);
		c_str(t, label(s, gs->g[i]));
		exposure_cells(s, t, gs->g[i]);
	}
	return t;
}

/* ---- Cloud Engineer: open tasks, drift alerts, AI queue ---- */

static const struct col task_cols[] = {
	{ "task_id", C_STR, "task" }, { "type", C_STR, "type" },
	{ "entity", C_STR, "entity" }, { "entity_kind", C_STR, NULL },
	{ "account", C_STR, "account" }, { "region", C_STR, NULL },
	{ "workload", C_STR, "workload" }, { "opened", C_DAY, "opened" },
	{ "daily_impact", C_MONEY, "lost/day" },
	{ "impact_to_date", C_MONEY, "lost so far" },
	{ "action", C_STR, NULL }, { "command", C_STR, NULL },
};
static const struct col drift_cols[] = {
	{ "task_id", C_STR, "task" }, { "type", C_STR, "type" },
	{ "entity", C_STR, "entity" }, { "entity_kind", C_STR, NULL },
	{ "account", C_STR, "account" }, { "drift_date", C_DAY, "drifted" },
	{ "last_good_tag", C_STR, "last good tag" },
	{ "expected_tag", C_STR, "expected" },
	{ "daily_impact", C_MONEY, "lost/day" },
	{ "impact_to_date", C_MONEY, "lost so far" },
	{ "action", C_STR, NULL }, { "command", C_STR, NULL },
};
static const struct col aiq_cols[] = {
	{ "task_id", C_STR, "task" }, { "type", C_STR, "type" },
	{ "entity", C_STR, "entity" }, { "account", C_STR, NULL },
	{ "region", C_STR, "region" }, { "model", C_STR, "model" },
	{ "principal", C_STR, NULL }, { "profile", C_STR, NULL },
	{ "opened", C_DAY, "opened" },
	{ "daily_impact", C_MONEY, "lost/day" },
	{ "action", C_STR, NULL }, { "command", C_STR, NULL },
};

/* a MAP AI task: about a Bedrock profile or principal */
static int
ai_task(const struct task *k)
{
	return k->type == T_CREATE_PROFILE || k->type == T_ADD_TO_PROFILE ||
	    k->type == T_TAG_PROFILE || k->type == T_TAG_PRINCIPAL;
}

/* most credit lost per day first, then the oldest */
static int
cmp_task(const void *a, const void *b)
{
	const struct task *x = *(struct task *const *)a;
	const struct task *y = *(struct task *const *)b;

	if (x->daily != y->daily)
		return x->daily > y->daily ? -1 : 1;
	if (x->opened != y->opened)
		return x->opened < y->opened ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* the open tasks of the view (engineer: assigned to name; else of the
 * selected workloads), sorted; free the array */
static struct task **
open_tasks(struct score *s, const char *name, size_t *np)
{
	struct task **v = xcalloc(s->ntasks + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < s->ntasks; i++) {
		const struct task *k = &s->tasks[i];

		if (!k->open)
			continue;
		if (name ? strcmp(k->assignee, name) == 0 :
		    k->workload[0] && wsel_has(s, k->workload))
			v[n++] = &s->tasks[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_task);
	*np = n;
	return v;
}

static void
task_head(struct table *t, const struct task *k)
{
	c_str(t, k->id);
	c_str(t, task_type_names[k->type]);
	c_str(t, k->entity);
}

static void
engineer_tasks(struct score *s, const char *name)
{
	struct table *tt, *td, *ta;
	size_t i, n;
	struct task **v = open_tasks(s, name, &n);

	td = tset_add(&s->ts, "drift", "Drift alerts (STALE_TAG)", drift_cols,
	    NCOLS(drift_cols));
	tt = tset_add(&s->ts, "tasks", "Open tasks", task_cols,
	    NCOLS(task_cols));
	ta = tset_add(&s->ts, "ai_queue", "MAP AI task queue", aiq_cols,
	    NCOLS(aiq_cols));
	td->text = tt->text = ta->text = TX_ACTIONS;
	for (i = 0; i < n; i++) {
		const struct task *k = v[i];
		struct table *t = k->drift != DAY_NONE ? td : ai_task(k) ? ta :
		    tt;

		task_head(t, k);
		if (t == td) {
			c_str(t, kind_names[k->kind]);
			c_str(t, k->account);
			c_day(t, k->drift);
			c_str(t, k->last_good_tag);
			c_str(t, k->expected);
		} else if (t == ta) {
			c_str(t, k->account);
			c_str(t, k->region);
			c_str(t, k->model);
			c_str(t, k->principal);
			c_str(t, k->profile);
			c_day(t, k->opened);
		} else {
			c_str(t, kind_names[k->kind]);
			c_str(t, k->account);
			c_str(t, k->region);
			c_str(t, k->workload);
			c_day(t, k->opened);
		}
		c_money(t, 1, k->daily);
		if (t != ta)
			c_money(t, 1, k->todate);
		c_str(t, k->action);
		c_str(t, k->command);
	}
	free(v);
}

/* ---- the entities of a person's workloads, from the state ---- */

static const struct col life_cols[] = {
	{ "entity", C_STR, "entity" }, { "entity_kind", C_STR, "kind" },
	{ "account", C_STR, NULL }, { "workload", C_STR, "workload" },
	{ "state", C_STR, "state" }, { "reason", C_STR, "reason" },
	{ "eligibility_date", C_DAY, "eligible since" },
	{ "state_since", C_DAY, "state since" },
	{ "drift_date", C_DAY, NULL },
	{ "last_good_tag", C_STR, NULL },
	{ "eligible_cost", C_MONEY, "eligible" },
	{ "accruing_cost", C_MONEY, "accruing" },
	{ "at_risk_cost", C_MONEY, "at risk" },
};

/* what needs looking at first: STALE_TAG, PENDING_TAG, ELIGIBLE, TAGGED,
 * INELIGIBLE */
static int
life_rank(int st)
{
	static const int rank[NSTATE] = { 0, 2, 1, 3, 0, 4 };

	return rank[st];
}

static int
cmp_life(const void *a, const void *b)
{
	const struct srow *x = *(struct srow *const *)a;
	const struct srow *y = *(struct srow *const *)b;

	if (x->st != y->st)
		return life_rank(x->st) - life_rank(y->st);
	return strcmp(x->entity, y->entity);
}

static void
life_section(struct score *s, const char *title, const char *engineer)
{
	struct table *t = tset_add(&s->ts, "lifecycle", title, life_cols,
	    NCOLS(life_cols));
	struct srow **v = xcalloc(s->nsrows + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < s->nsrows; i++) {
		const struct srow *r = &s->srows[i];

		if (engineer ? strcmp(r->engineer, engineer) == 0 :
		    (wsel_has(s, r->workload) &&
		    strcmp(r->workload, "unowned") != 0))
			v[n++] = &s->srows[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_life);
	for (i = 0; i < n; i++) {
		const struct srow *r = v[i];

		c_str(t, r->entity);
		c_str(t, kind_names[r->kind]);
		c_str(t, r->account);
		c_str(t, r->workload);
		c_str(t, state_names[r->st]);
		c_str(t, reason_names[r->reason]);
		c_day(t, r->elig_date);
		c_day(t, r->since);
		c_day(t, r->drift);
		c_str(t, r->last_good_tag);
		c_money(t, 1, r->elig);
		c_money(t, 1, r->accr);
		c_money(t, 1, r->risk);
	}
	free(v);
}

/* ---- Product Owner: what blocks credit on their workloads ---- */

static const struct col notify_cols[] = {
	{ "task_id", C_STR, NULL }, { "type", C_STR, NULL },
	{ "workload", C_STR, "workload" }, { "entity", C_STR, "entity" },
	{ "assignee", C_STR, "Cloud Engineer" }, { "opened", C_DAY, "since" },
	{ "daily_impact", C_MONEY, "blocked/day" },
	{ "note", C_STR, "note" },
};

static void
notify_section(struct score *s)
{
	struct table *t = tset_add(&s->ts, "notifications", "Notifications",
	    notify_cols, NCOLS(notify_cols));
	size_t i, n;
	struct task **v = open_tasks(s, NULL, &n);

	for (i = 0; i < n; i++) {
		const struct task *k = v[i];
		struct buf b = { 0 }, m = { 0 };

		fmt_dollars(k->daily, &m);
		buf_printf(&b, "MAP credit accrual on %s is blocked: about %s "
		    "a day until the Cloud Engineer (%s) completes this task. "
		    "No action is needed from you.", k->workload, buf_cstr(&m),
		    k->assignee);
		buf_free(&m);
		c_str(t, k->id);
		c_str(t, task_type_names[k->type]);
		c_str(t, k->workload);
		c_str(t, k->entity);
		c_str(t, k->assignee);
		c_day(t, k->opened);
		c_money(t, 1, k->daily);
		c_str(t, keep(s, b.s));
	}
	free(v);
}

/* ---- the views ---- */

static void
set_gate(struct score *s, const struct gacc *g, const char *what)
{
	struct rt r = NORATE;

	memset(&s->gate, 0, sizeof(s->gate));
	if (g) {
		s->gate.num = g->mtd.accr;
		s->gate.den = g->mtd.elig;
		r = rate_of(g->mtd.accr, g->mtd.elig);
	}
	s->gate.has = r.has;
	s->gate.rate = r.v;
	s->gate_what = what;
}

static void
view_rate(struct score *s, int by)
{
	static const char *const title[] = { "Overall", "Overall and by team",
		"Overall and by product", "Overall and by portfolio",
		"Overall and by workload" };
	struct table *t = rate_table(s, title[by]);

	gather(s, &s->gs_all, G_ALL, 0, NULL);
	gset_ensure(&s->gs_all, s->id_all);
	rate_section(s, t, "all", &s->gs_all);
	if (by != G_ALL) {
		gather(s, &s->gs_by, by, 0, NULL);
		rate_section(s, t, score_by_names[by], &s->gs_by);
	}
	set_gate(s, gset_find(&s->gs_all, s->id_all), "all");
}

static void
view_lead(struct score *s)
{
	struct table *t = rate_table(s, "Compliance rate, portfolio-wide and "
	    "by portfolio");
	struct gacc *all;

	gather(s, &s->gs_all, G_ALL, 0, NULL);
	gset_ensure(&s->gs_all, s->id_all);
	gather(s, &s->gs_by, G_PORTFOLIO, 0, NULL);
	rate_section(s, t, "all", &s->gs_all);
	rate_section(s, t, "portfolio", &s->gs_by);
	t = exposure_section(s, "all", &s->gs_all, NULL);
	exposure_section(s, "portfolio", &s->gs_by, t);
	credit_section(s);
	compute_grades(s);
	score_section(s, NULL);
	all = gset_find(&s->gs_all, s->id_all);
	trend_section(s, "all", "all", all);
	set_gate(s, all, "all");
}

static void
view_portfolio(struct score *s)
{
	struct table *t = rate_table(s, "Compliance rate by product");
	const char *sc = s->v.scope;
	unsigned char *teams;
	struct gacc *g;
	struct gset gt;
	size_t i;

	gather(s, &s->gs_scope, G_ONE, s->scope_pf, keep_portfolio);
	gset_ensure(&s->gs_scope, s->scope_pf);
	gather(s, &s->gs_by, G_PRODUCT, 0, keep_portfolio);
	rate_section(s, t, "portfolio", &s->gs_scope);
	rate_section(s, t, "product", &s->gs_by);
	pending_section(s);
	compute_grades(s);
	teams = xcalloc(s->S.n + 1, 1);
	gather(s, &gt, G_TEAM, 0, keep_portfolio);
	for (i = 0; i < gt.n; i++)
		teams[gt.g[i]->a] = 1;
	gset_free(&gt);
	score_section(s, teams);
	attr_section(s, sc, 0);
	g = gset_find(&s->gs_scope, s->scope_pf);
	trend_section(s, "portfolio", sc, g);
	set_gate(s, g, sc);
	free(teams);
}

static void
view_person(struct score *s, int engineer)
{
	struct table *t = rate_table(s, engineer ? "Compliance rate of the "
	    "workloads you engineer" : "Coverage rate of your workloads");
	const char *sc = s->v.scope;
	uint32_t me = score_sid(s, sc, strlen(sc));

	gather(s, &s->gs_scope, G_ONE, me, keep_wsel);
	gather(s, &s->gs_by, G_WORKLOAD, 0, keep_wsel);
	gset_ensure(&s->gs_scope, me);
	rate_section(s, t, engineer ? "engineer" : "owner", &s->gs_scope);
	rate_section(s, t, "workload", &s->gs_by);
	if (engineer) {
		engineer_tasks(s, sc);
		life_section(s, "Lifecycle of your entities", sc);
	} else {
		life_section(s, "Eligibility of your workloads' entities "
		    "(derived, read-only)", NULL);
		attr_section(s, NULL, 1);
		notify_section(s);
	}
	set_gate(s, s->gs_scope.g[0], sc);
}

static void
view_scoreboard(struct score *s)
{
	compute_grades(s);
	score_section(s, NULL);
	gather(s, &s->gs_all, G_ALL, 0, NULL);
	set_gate(s, gset_find(&s->gs_all, s->id_all), "all");
}

/* the heading of the text */
static void
view_head(struct score *s)
{
	struct buf *h = &s->head;
	const char *sc = s->v.scope;
	char day[DATE_DAYLEN], a[DATE_DAYLEN], b[DATE_DAYLEN];
	long nm, nw;

	date_fmt_day(s->as_of, day);
	switch (s->v.role) {
	case SV_RATE:
		buf_printf(h, "MAP Compliance Rate as of %s", day);
		break;
	case SV_SCOREBOARD:
		buf_printf(h, "CFM Scoreboard as of %s (month to date)", day);
		break;
	case SV_LEAD:
		buf_printf(h, "FinOps Lead view as of %s", day);
		break;
	case SV_PORTFOLIO:
		buf_printf(h, "Portfolio Manager view of %s as of %s", sc, day);
		break;
	case SV_ENGINEER:
		buf_printf(h, "Cloud Engineer view of %s as of %s", sc, day);
		break;
	case SV_OWNER:
		buf_printf(h, "Product Owner view of %s as of %s", sc, day);
		break;
	}
	if (!s->v.text)
		return;
	date_fmt_day(s->mfirst, a);
	date_fmt_day(s->wfirst, b);
	nm = known_days(s, s->mfirst);
	nw = known_days(s, s->wfirst);
	buf_printf(h, "\nmonth to date: %s to %s, %ld day%s of data; 30 days: "
	    "%s to %s, %ld day%s of data", a, day, nm, nm == 1 ? "" : "s", b,
	    day, nw, nw == 1 ? "" : "s");
}

void
score_views_reset(struct score *s)
{
	size_t i;

	tset_free(&s->ts);
	for (i = 0; i < s->ngrades; i++) {
		free(s->grades[i].sv);
		free(s->grades[i].svhas);
	}
	free(s->grades);
	s->grades = NULL;
	s->ngrades = 0;
	free(s->score_cols);
	s->score_cols = NULL;
	s->nscore_cols = 0;
	gset_free(&s->gs_all);
	gset_free(&s->gs_by);
	gset_free(&s->gs_scope);
	buf_free(&s->head);
	memset(&s->head, 0, sizeof(s->head));
	if (s->wsel)
		memset(s->wsel, 0, s->wselcap);
	s->scope_pf = 0;
	memset(&s->gate, 0, sizeof(s->gate));
	s->gate_what = NULL;
}

int
score_view(struct score *s, const struct score_view *v, const char **epath,
    struct err *e)
{
	int scoped = v->role == SV_PORTFOLIO || v->role == SV_ENGINEER ||
	    v->role == SV_OWNER;

	*epath = NULL;
	score_views_reset(s);
	tset_init(&s->ts);
	s->v = *v;
	if (v->role < SV_RATE || v->role > SV_OWNER || v->by < SB_ALL ||
	    v->by > SB_WORKLOAD || (v->by != SB_ALL && v->role != SV_RATE)) {
		err_set(e, EXIT_USAGE, 0, "no view of role %d by %d", v->role,
		    v->by);
		return -1;
	}
	if (scoped != (v->scope != NULL && *v->scope != '\0')) {
		err_set(e, EXIT_USAGE, 0, "the view of role %d %s a scope",
		    v->role, scoped ? "needs" : "takes no");
		return -1;
	}
	if (((v->role != SV_RATE && v->role != SV_LEAD) || v->by != SB_ALL) &&
	    !s->have_owners) {
		*epath = s->ledger0;
		err_set(e, EXIT_DATA, 0, "no ownership columns (workload, "
		    "team, product, portfolio): run mapstate with -w");
		return -1;
	}
	if (score_scope(s, e) != 0)
		return -1;
	switch (v->role) {
	case SV_RATE: view_rate(s, v->by); break;
	case SV_SCOREBOARD: view_scoreboard(s); break;
	case SV_LEAD: view_lead(s); break;
	case SV_PORTFOLIO: view_portfolio(s); break;
	case SV_ENGINEER: view_person(s, 1); break;
	case SV_OWNER: view_person(s, 0); break;
	}
	view_head(s);
	return 0;
}

const struct tset *
score_tables(const struct score *s)
{
	return &s->ts;
}

int
score_single(const struct score *s)
{
	return s->v.role == SV_RATE || s->v.role == SV_SCOREBOARD;
}

const char *
score_head(const struct score *s)
{
	return s->head.s ? s->head.s : "";
}

struct score_rate
score_gate(const struct score *s, const char **what)
{
	if (what)
		*what = s->gate_what;
	return s->gate;
}

int
score_below(const struct score *s, money_t target)
{
	return s->gate.has && s->gate.rate < target;
}
