/* report_lead.c: the index and the FinOps Lead's page. The Lead's
 * figures are mapscore --role lead's (the rate, exposure, credits,
 * scoreboard and trend sections) and mapscore --by team's for the teams'
 * exposure; the grants are mapcredit's pools, the credits to date its
 * claims, the credit lost and the task queue maptasks' tasks. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/html.h"
#include "map/report_int.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct series s_rate[] = { { "rate", "s0" } };
static const struct series s_exp[] = { { "PENDING_TAG", "s1" },
	{ "STALE_TAG", "s2" } };
static const char *const c_pday[] = { "pending_daily", "stale_daily" };
static const char *const c_pmtd[] = { "pending_cost", "stale_cost" };

/* a headline figure */
static void
kpi(struct rw *w, const char *cls, const char *fig, const char *what)
{
	buf_printf(w->b, "<div class=\"kpi%s%s\"><b>", cls ? " " : "",
	    cls ? cls : "");
	html_text(w->b, fig);
	buf_adds(w->b, "</b><span>");
	html_text(w->b, what);
	buf_adds(w->b, "</span></div>\n");
}

/* the KPI of a rate cell against the target */
static void
kpi_rate(struct rw *w, const struct table *t, size_t row, const char *col,
    const char *what, int vs_target)
{
	const struct cell *c = rp_cell(t, row, col);
	struct buf f = { 0 }, d = { 0 };
	const char *cls = NULL;

	rp_fmt_cell(&f, c);
	buf_adds(&d, what);
	if (vs_target) {
		buf_adds(&d, "; target ");
		fmt_pct(w->r->o.target, &d);
		if (c && !c->empty) {
			cls = c->m < w->r->o.target ? "below" : "above";
			buf_adds(&d, c->m < w->r->o.target ? ", below it" :
			    ", met");
		}
	}
	kpi(w, cls, buf_cstr(&f), buf_cstr(&d));
	buf_free(&f);
	buf_free(&d);
}

/* the open tasks of each engineer ("e\tNAME") and owner ("o\tNAME"):
 * counted once for the index, not once a page */
struct counts {
	struct strtab names;
	size_t *n;
};

static void
count_one(struct counts *c, struct buf *b, char kind, const char *name)
{
	uint32_t id;

	b->len = 0;
	buf_printf(b, "%c\t%s", kind, name);
	id = strtab_intern(&c->names, b->s, b->len);
	c->n = xrealloc(c->n, (c->names.n + 1) * sizeof(*c->n));
	if (id + 1 == c->names.n)
		c->n[id] = 0;
	c->n[id]++;
}

static void
count_tasks(const struct report *r, struct counts *c)
{
	struct buf b = { 0 };
	size_t i;

	strtab_init(&c->names);
	c->n = xcalloc(c->names.n + 1, sizeof(*c->n));
	for (i = 0; i < r->ntk; i++)
		if (r->tk[i].open) {
			count_one(c, &b, 'e', r->tk[i].assignee);
			count_one(c, &b, 'o', r->tk[i].owner);
		}
	buf_free(&b);
}

static size_t
count_of(const struct counts *c, char kind, const char *name)
{
	struct buf b = { 0 };
	uint32_t id;

	buf_printf(&b, "%c\t%s", kind, name);
	id = strtab_find(&c->names, b.s, b.len);
	buf_free(&b);
	return id == UINT32_MAX ? 0 : c->n[id];
}

/* ---- the index ---- */

static void
index_list(struct rw *w, int role, const char *title,
    const struct counts *cn)
{
	const struct report *r = w->r;
	const struct table *t = tset_find(&r->lead, "rate");
	struct buf v = { 0 };
	size_t i, n = 0;

	for (i = 0; i < r->npg; i++)
		n += r->pg[i].role == role;
	buf_adds(w->b, "<h2>");
	html_text(w->b, title);
	buf_adds(w->b, "</h2>\n");
	if (n == 0) {
		rp_note(w, "(none)");
		return;
	}
	buf_adds(w->b, "<ul class=\"pages\">\n");
	for (i = 0; i < r->npg; i++) {
		const struct rpage *p = &r->pg[i];
		size_t k;

		if (p->role != role)
			continue;
		buf_adds(w->b, "<li>");
		rp_link(w, role, p->name);
		v.len = 0;
		if (role == RP_PORTFOLIO) {
			for (k = 0; t && k < t->nrows; k++) {
				if (strcmp(rp_str(t, k, "by"), "portfolio") ||
				    strcmp(rp_str(t, k, "window"), "mtd") ||
				    strcmp(rp_str(t, k, "group"), p->name))
					continue;
				buf_adds(&v, ": ");
				rp_fmt_cell(&v, rp_cell(t, k, "rate"));
				buf_adds(&v, " month to date");
			}
		} else {
			size_t c = count_of(cn, role == RP_ENGINEER ? 'e' :
			    'o', p->name);

			buf_printf(&v, ": %zu %s%s", c, role == RP_ENGINEER ?
			    "open task" : "notification", c == 1 ? "" : "s");
		}
		if (!p->indata)
			buf_adds(&v, " (not in this night's data)");
		html_textn(w->b, v.s ? v.s : "", v.len);
		buf_adds(w->b, "</li>\n");
	}
	buf_adds(w->b, "</ul>\n");
	buf_free(&v);
}

int
page_index(struct rw *w, const char **epath, struct err *e)
{
	const struct table *t = tset_find(&w->r->lead, "rate");
	struct counts cn;

	(void)epath;
	(void)e;
	rp_begin(w, "MAP compliance report", "One page per role and "
	    "scope; every figure is the night's, as mapscore prints it.");
	buf_adds(w->b, "<div class=\"kpis\">\n");
	kpi_rate(w, t, 0, "rate", "MAP Compliance Rate, month to date", 1);
	buf_adds(w->b, "</div>\n<h2><a href=\"lead.html\">FinOps Lead"
	    "</a></h2>\n");
	rp_note(w, "The portfolio-wide rate against the target, the 30-day "
	    "trend, the exposure, the credits and grants, the task queue.");
	count_tasks(w->r, &cn);
	index_list(w, RP_PORTFOLIO, "Portfolio Managers", &cn);
	index_list(w, RP_ENGINEER, "Cloud Engineers", &cn);
	index_list(w, RP_OWNER, "Product Owners", &cn);
	strtab_free(&cn.names);
	free(cn.n);
	rp_end(w);
	return 0;
}

/* ---- the Lead's page ---- */

static void
lead_rate(struct rw *w, const struct table *t)
{
	static const char *const cai[] = { "ai_rate" };
	static const struct rcol ai[] = { { "group", "group" },
		{ "ai_eligible_cost", "AI eligible" },
		{ "ai_accruing_cost", "AI accruing" },
		{ "ai_rate", "MAP AI coverage" } };

	rp_section(w, "rate", "MAP Compliance Rate");
	buf_adds(w->b, "<div class=\"kpis\">\n");
	kpi_rate(w, t, 0, "rate", "month to date, portfolio-wide", 1);
	kpi_rate(w, t, 1, "rate", "the last 30 days", 0);
	kpi_rate(w, t, 0, "ai_rate", "MAP AI coverage, month to date", 0);
	{
		struct buf f = { 0 };

		rp_fmt_cell(&f, rp_cell(t, 0, "pending_daily"));
		kpi(w, NULL, buf_cstr(&f), "PENDING_TAG spend on the as-of "
		    "day");
		buf_free(&f);
	}
	buf_adds(w->b, "</div>\n");
	rp_rate_bars(w, t, "portfolio");
	rp_rate_text(w, &w->r->lead, "Month to date and the last 30 days");
	buf_adds(w->b, "<h3>MAP AI coverage</h3>\n");
	chart_tbars(w, t, &(struct tbars){
	    .title = "MAP AI coverage by portfolio, month to date",
	    .desc = "Horizontal bars: the share of Bedrock and SageMaker "
	    "eligible spend that accrued (through tagged inference profiles "
	    "or principals), of the organisation and each portfolio; a "
	    "portfolio with no AI spend has no bar. The table below has the "
	    "same figures.",
	    .selc = "window", .selv = "mtd", .labc = "group", .cols = cai,
	    .ser = s_rate, .nser = 1, .type = C_RATE });
	rp_table(w, t, ai, NCOLS(ai), "MAP AI coverage, month to date",
	    "window", "mtd", NULL);
	rp_section_end(w);
}

static void
exposure_charts(struct rw *w, const struct table *t, const char *selc,
    const char *selv, const char *of)
{
	struct tbars tb = { .selc = selc, .selv = selv, .labc = "group",
		.ser = s_exp, .nser = 2, .stacked = 1, .type = C_MONEY };
	struct buf ti = { 0 }, d = { 0 };

	buf_printf(&ti, "Spend not accruing on the as-of day, by %s", of);
	buf_printf(&d, "Stacked horizontal bars: the eligible spend of the "
	    "as-of day in PENDING_TAG and in STALE_TAG, by %s: credit lost "
	    "every day until the tags are fixed. The table below has the same "
	    "amounts.", of);
	tb.title = buf_cstr(&ti);
	tb.desc = buf_cstr(&d);
	tb.cols = c_pday;
	chart_tbars(w, t, &tb);
	ti.len = d.len = 0;
	buf_printf(&ti, "Spend not accruing, month to date, by %s", of);
	buf_printf(&d, "Stacked horizontal bars: the eligible spend of the "
	    "month so far in PENDING_TAG and in STALE_TAG, by %s. The table "
	    "below has the same amounts.", of);
	tb.title = buf_cstr(&ti);
	tb.desc = buf_cstr(&d);
	tb.cols = c_pmtd;
	chart_tbars(w, t, &tb);
	buf_free(&ti);
	buf_free(&d);
}

static int
lead_exposure(struct rw *w, const char **epath, struct err *e)
{
	static const struct rcol cols[] = { { "group", "group" },
		{ "PENDING_TAG", "pending" },
		{ "pending_daily", "pending/day" },
		{ "pending_cost", "pending, month" },
		{ "STALE_TAG", "stale" }, { "stale_daily", "stale/day" },
		{ "stale_cost", "stale, month" } };
	const struct table *t = tset_find(&w->r->lead, "exposure");
	struct tset team;

	rp_section(w, "exposure", "PENDING_TAG and STALE_TAG exposure");
	rp_note(w, "Eligible spend that does not accrue MAP credit: untagged "
	    "(PENDING_TAG) or drifted (STALE_TAG), on the as-of day and month "
	    "to date.");
	buf_adds(w->b, "<h3>By portfolio</h3>\n");
	exposure_charts(w, t, NULL, NULL, "portfolio");
	rp_table(w, t, cols, NCOLS(cols), "Exposure by portfolio", NULL, NULL,
	    NULL);
	if (report_view(w->r, SV_RATE, SB_TEAM, NULL, &team, epath, e) != 0)
		return -1;
	t = tset_find(&team, "rate");
	buf_adds(w->b, "<h3>By team</h3>\n");
	exposure_charts(w, t, "window", "mtd", "team");
	rp_filter(w, "exposure-team", "Filter teams");
	rp_table(w, t, cols, NCOLS(cols), "Exposure by team", "window", "mtd",
	    "exposure-team");
	tset_free(&team);
	rp_section_end(w);
	return 0;
}

/* ---- credits, to date and the grants ---- */

static const struct col td_cols[] = {
	{ "contract", C_STR, NULL }, { "projected", C_MONEY, NULL },
	{ "earned", C_MONEY, NULL }, { "received", C_MONEY, NULL },
	{ "gap", C_MONEY, NULL }, { "gap_pending", C_MONEY, NULL },
	{ "gap_stale", C_MONEY, NULL }, { "gap_untrackable", C_MONEY, NULL },
};
static const struct rcol credit_cols[] = { { "contract", "contract" },
	{ "projected", "projected" }, { "earned", "earned" },
	{ "received", "received (claimed)" }, { "gap", "gap" },
	{ "gap_pending", "gap pending" }, { "gap_stale", "gap stale" },
	{ "gap_untrackable", "gap untrackable" } };
static const struct series s_cred[] = { { "projected", "s4" },
	{ "earned", "s0" }, { "received", "s3" } };
static const char *const c_cred[] = { "projected", "earned", "received" };

/* claimed vs projected per contract: bars, then the table of ncols of
 * credit_cols */
static void
credit_chart(struct rw *w, const struct table *t, const char *title,
    const char *span, size_t ncols, const char *caption)
{
	struct buf d = { 0 };

	buf_printf(&d, "Grouped horizontal bars per contract, %s: the credit "
	    "projected, the credit earned by tagged spend, and the credit "
	    "received (claimed). The table below has the same amounts and the "
	    "gap, named by PENDING_TAG and STALE_TAG spend.", span);
	chart_tbars(w, t, &(struct tbars){ .title = title,
	    .desc = buf_cstr(&d), .labc = "contract", .cols = c_cred,
	    .ser = s_cred, .nser = 3, .type = C_MONEY });
	rp_table(w, t, credit_cols, ncols, caption, NULL, NULL, NULL);
	buf_free(&d);
}

static int
cmp_claim(const void *a, const void *b)
{
	const struct rclaim *x = *(struct rclaim *const *)a;
	const struct rclaim *y = *(struct rclaim *const *)b;

	return strcmp(x->contract, y->contract);
}

/* the contract-to-date figures of the as-of month's claims */
static void
credits_to_date(struct rw *w, struct tset *ts)
{
	const struct report *r = w->r;
	struct table *t = tset_add(ts, "to_date", "", td_cols,
	    NCOLS(td_cols));
	const struct rclaim **v = xcalloc(r->ncl + 1, sizeof(*v));
	long m = date_month(r->as_of);
	money_t sum[NCLAIMTD] = { 0 };
	size_t i, k, n = 0;

	for (i = 0; i < r->ncl; i++)
		if (r->cl[i].month == m)
			v[n++] = &r->cl[i];
	qsort(v, n, sizeof(*v), cmp_claim);
	for (i = 0; i < n; i++) {
		c_str(t, v[i]->contract);
		for (k = 0; k < NCLAIMTD; k++) {
			c_money(t, 1, v[i]->td[k]);
			sum[k] += v[i]->td[k];
		}
	}
	if (n) {
		c_str(t, "all");
		for (k = 0; k < NCLAIMTD; k++)
			c_money(t, 1, sum[k]);
	}
	free(v);
	credit_chart(w, t, "Credits claimed vs projected, contract to date",
	    "from each contract's start to the as-of day", NCOLS(credit_cols),
	    "Contract to date");
}

static const struct col pool_cols[] = {
	{ "grant", C_STR, NULL }, { "code", C_STR, NULL },
	{ "contract", C_STR, NULL }, { "granted", C_MONEY, NULL },
	{ "used", C_MONEY, NULL }, { "to_use", C_MONEY, NULL },
	{ "remaining", C_MONEY, NULL }, { "start", C_DAY, NULL },
	{ "end", C_DAY, NULL }, { "days_left", C_COUNT, NULL },
	{ "daily_burn", C_MONEY, NULL }, { "expiring", C_MONEY, NULL },
	{ "note", C_STR, NULL },
};

static void
grants(struct rw *w, struct tset *ts)
{
	static const struct rcol cols[] = { { "code", "grant" },
		{ "contract", "contract" }, { "granted", "granted" },
		{ "used", "used" }, { "remaining", "remaining" },
		{ "start", "start" }, { "end", "expires" },
		{ "days_left", "days left" }, { "daily_burn", "burn/day" },
		{ "expiring", "forecast to expire unused" },
		{ "note", "note" } };
	static const struct series ser[] = { { "used", "s0" },
		{ "remaining, to be used", "s3" },
		{ "forecast to expire unused", "s2" } };
	static const char *const c[] = { "used", "to_use", "expiring" };
	const struct report *r = w->r;
	struct table *t = tset_add(ts, "grants", "", pool_cols,
	    NCOLS(pool_cols));
	struct buf l = { 0 };
	size_t i;

	buf_adds(w->b, "<h3>Grants</h3>\n");
	if (!r->have_pools) {
		rp_note(w, "No credit pools this night (pools.tsv: mapcredit "
		    "with a grants file).");
		return;
	}
	for (i = 0; i < r->npl; i++) {
		const struct rpool *p = &r->pl[i];

		l.len = 0;
		buf_adds(&l, p->code);
		if (p->reference[0])
			buf_printf(&l, " (%s)", p->reference);
		c_str(t, tset_keep(ts, xstrdup(buf_cstr(&l))));
		c_str(t, p->code);
		c_str(t, p->reference);
		c_money(t, 1, p->granted);
		c_money(t, 1, p->used);
		c_money(t, 1, p->remaining - p->expiring);
		c_money(t, 1, p->remaining);
		c_day(t, p->start);
		c_day(t, p->end);
		c_count(t, p->days_left >= 0, p->days_left);
		c_money(t, 1, p->burn);
		c_money(t, 1, p->expiring);
		c_str(t, p->note);
	}
	buf_free(&l);
	chart_tbars(w, t, &(struct tbars){ .title = "Grants: used, still to "
	    "be used, and forecast to expire unused", .desc = "Stacked "
	    "horizontal bars, one per MAP credit grant: the amount used, "
	    "the remaining amount the current burn rate uses before the "
	    "grant's end, and the amount forecast to expire unused. The "
	    "table below has each grant's expiry date and the same "
	    "amounts.", .labc = "grant", .cols = c, .ser = ser,
	    .nser = 3, .stacked = 1, .type = C_MONEY });
	rp_table(w, t, cols, NCOLS(cols), "Grants", NULL, NULL, NULL);
}

static void
lead_credits(struct rw *w)
{
	const struct table *t = tset_find(&w->r->lead, "credits");
	struct tset ts;

	tset_init(&ts);
	rp_section(w, "credits", "MAP credits claimed vs projected");
	if (!w->r->have_claims)
		rp_note(w, "No claims this night (claims.tsv: mapcredit "
		    "--claims).");
	/* mapscore's credits have no gap_untrackable */
	credit_chart(w, t, t->title, "for the as-of month",
	    NCOLS(credit_cols) - 1, "Month to date");
	if (w->r->have_td)
		credits_to_date(w, &ts);
	else if (w->r->have_claims)
		rp_note(w, "The claims file has no contract-to-date columns "
		    "(projected_to_date ...): written by an older mapcredit.");
	grants(w, &ts);
	tset_free(&ts);
	rp_section_end(w);
}

/* ---- credit lost and the task queue, from the tasks ---- */

static const struct col lost_cols[] = {
	{ "entity", C_STR, NULL }, { "workload", C_STR, NULL },
	{ "tasks", C_COUNT, NULL }, { "open", C_STR, NULL },
	{ "daily", C_MONEY, NULL }, { "lost", C_MONEY, NULL },
};

struct lost {
	const char *entity, *workload, *open;
	long n;
	money_t daily, lost;
};

static int
cmp_lost(const void *a, const void *b)
{
	const struct lost *x = a, *y = b;

	if (x->lost != y->lost)
		return x->lost > y->lost ? -1 : 1;
	return strcmp(x->entity, y->entity);
}

#define TOPLOST 10

static void
lead_lost(struct rw *w, struct tset *ts)
{
	static const struct rcol cols[] = { { "entity", "entity" },
		{ "workload", "workload" }, { "tasks", "tasks" },
		{ "open", "open task" }, { "daily", "lost/day" },
		{ "lost", "lost so far" } };
	static const struct series ser[] = { { "lost so far", "s2" } };
	static const char *const c[] = { "lost" };
	const struct report *r = w->r;
	struct lost *l = xcalloc(r->ntk + 1, sizeof(*l));
	struct table *t = tset_add(ts, "lost", "", lost_cols,
	    NCOLS(lost_cols));
	size_t i, n = 0;

	for (i = 0; i < r->ntk; i++) {	/* sorted by entity */
		const struct rtask *k = &r->tk[i];

		if (n == 0 || strcmp(l[n - 1].entity, k->entity) != 0) {
			l[n].entity = k->entity;
			l[n++].open = "";
		}
		l[n - 1].workload = k->workload;
		l[n - 1].n++;
		l[n - 1].lost += k->todate;
		if (k->open) {
			l[n - 1].open = k->id;
			l[n - 1].daily += k->daily;
		}
	}
	qsort(l, n, sizeof(*l), cmp_lost);
	for (i = 0; i < n && i < TOPLOST; i++) {
		if (l[i].lost <= 0)
			break;
		c_str(t, l[i].entity);
		c_str(t, l[i].workload);
		c_count(t, 1, l[i].n);
		c_str(t, l[i].open);
		c_money(t, l[i].open[0] != '\0', l[i].daily);
		c_money(t, 1, l[i].lost);
	}
	rp_section(w, "lost", "Top entities by credit lost");
	rp_note(w, "The MAP credit accrual lost by each entity's tasks, open "
	    "and closed, as maptasks counts it (impact to date); the ten "
	    "largest.");
	chart_tbars(w, t, &(struct tbars){ .title = "Credit lost so far, by "
	    "entity", .desc = "Horizontal bars: the credit lost so far by "
	    "the entities that lost the most, largest first. The table "
	    "below has the same amounts, the open task and what it loses a "
	    "day.",
	    .labc = "entity", .cols = c, .ser = ser, .nser = 1,
	    .type = C_MONEY });
	rp_table(w, t, cols, NCOLS(cols), "Credit lost", NULL, NULL, NULL);
	rp_section_end(w);
	free(l);
}

static const struct col age_cols[] = {
	{ "age", C_STR, NULL }, { "open", C_COUNT, NULL },
	{ "daily", C_MONEY, NULL }, { "oldest", C_DAY, NULL },
};

static void
lead_queue(struct rw *w, struct tset *ts)
{
	static const char *const names[] = { "under a week", "1 to 2 weeks",
		"2 to 4 weeks", "4 weeks or more" };
	static const long upto[] = { 7, 14, 28, 0 };
	static const struct rcol cols[] = { { "age", "age" },
		{ "open", "open tasks" }, { "daily", "lost/day" },
		{ "oldest", "oldest opened" } };
	static const struct series ser[] = { { "open tasks", "s1" } };
	static const char *const c[] = { "open" };
	const struct report *r = w->r;
	struct table *t = tset_add(ts, "age", "", age_cols, NCOLS(age_cols));
	long n[4] = { 0 }, oldest[4], ty[NTTYPE] = { 0 };
	money_t daily[4] = { 0 }, tyd[NTTYPE] = { 0 };
	struct table *tt;
	size_t i, k;
	static const struct col type_cols[] = { { "type", C_STR, NULL },
		{ "open", C_COUNT, NULL }, { "daily", C_MONEY, NULL } };
	static const struct rcol tcols[] = { { "type", "type" },
		{ "open", "open tasks" }, { "daily", "lost/day" } };

	for (k = 0; k < 4; k++)
		oldest[k] = DAY_NONE;
	for (i = 0; i < r->ntk; i++) {
		const struct rtask *x = &r->tk[i];
		long age = r->as_of - x->opened;

		if (!x->open)
			continue;
		for (k = 0; k < 3 && age >= upto[k]; k++)
			;
		n[k]++;
		daily[k] += x->daily;
		if (oldest[k] == DAY_NONE || x->opened < oldest[k])
			oldest[k] = x->opened;
		ty[x->type]++;
		tyd[x->type] += x->daily;
	}
	for (k = 0; k < 4; k++) {
		c_str(t, names[k]);
		c_count(t, 1, n[k]);
		c_money(t, 1, daily[k]);
		c_day(t, oldest[k]);
	}
	rp_section(w, "queue", "The open task queue");
	rp_note(w, "The Cloud Engineer tasks still open, by how long ago they "
	    "were opened, and by type.");
	chart_tbars(w, t, &(struct tbars){ .title = "Open tasks by age",
	    .desc = "Horizontal bars: the number of open tasks opened under a "
	    "week, one to two weeks, two to four weeks, and four weeks or "
	    "more before the as-of day. The table below has the same counts "
	    "and the credit they lose a day.", .labc = "age", .cols = c,
	    .ser = ser, .nser = 1, .type = C_COUNT });
	rp_table(w, t, cols, NCOLS(cols), "Open tasks by age", NULL, NULL,
	    NULL);
	tt = tset_add(ts, "types", "", type_cols, NCOLS(type_cols));
	for (k = 0; k < NTTYPE; k++)
		if (ty[k]) {
			c_str(tt, task_type_names[k]);
			c_count(tt, 1, ty[k]);
			c_money(tt, 1, tyd[k]);
		}
	rp_table(w, tt, tcols, NCOLS(tcols), "Open tasks by type", NULL, NULL,
	    NULL);
	rp_section_end(w);
}

/* the tasks no Cloud Engineer is named for: the Lead assigns them; the
 * most costly of each kind */
#define UNASSIGNED_MAX 25

static int
lead_unassigned(struct rw *w, const char **epath, struct err *e)
{
	struct tset ts;

	if (report_view(w->r, SV_ENGINEER, SB_ALL, "unassigned", &ts, epath,
	    e) != 0)
		return -1;
	rp_section(w, "unassigned", "Unassigned tasks");
	rp_note(w, "Open tasks on entities of no workload with a Cloud "
	    "Engineer: someone has to be named for them in the workloads "
	    "file.");
	rp_engineer_tasks(w, &ts, "unassigned-", 3, UNASSIGNED_MAX);
	rp_section_end(w);
	tset_free(&ts);
	return 0;
}

/* ---- the export: what curscan could not read, or nearly matched ---- */

static const struct col scan_cols[] = {
	{ "what", C_STR, NULL }, { "key", C_STR, NULL },
	{ "rows", C_COUNT, NULL }, { "cost", C_MONEY, NULL },
};

static void
lead_export(struct rw *w, struct tset *ts)
{
	static const struct rcol cols[] = { { "what", "what" },
		{ "key", "reason or key" }, { "rows", "rows" },
		{ "cost", "cost" } };
	const struct report *r = w->r;
	struct table *t;
	size_t i;

	if (!r->have_scan)
		return;
	t = tset_add(ts, "scan", "", scan_cols, NELEM(scan_cols));
	for (i = 0; i < r->nscan; i++) {
		const struct rscan *x = &r->scan[i];

		c_str(t, x->kind[0] == 'r' ? "rows rejected" :
		    "near-miss tag key");
		c_str(t, x->key);
		c_count(t, 1, x->rows);
		c_money(t, x->has_cost, x->cost);
	}
	rp_section(w, "export", "The export");
	rp_note(w, "Rows of the CUR export that curscan rejected, and tag keys "
	    "that nearly spell map-migrated (Map-Migrated, map_migrated): "
	    "spend under them does not accrue, however it is tagged. From "
	    "the scan summary, summed over the export's files.");
	rp_table(w, t, cols, NELEM(cols), "Rejected rows and near-miss tag "
	    "keys", NULL, NULL, NULL);
	rp_section_end(w);
}

int
page_lead(struct rw *w, const char **epath, struct err *e)
{
	const struct table *t = tset_find(&w->r->lead, "rate");
	struct tset ts;

	tset_init(&ts);
	rp_begin(w, "FinOps Lead", "The portfolio-wide MAP Compliance Rate "
	    "against the target, its trend, where the exposure is, and the "
	    "credits at risk.");
	lead_rate(w, t);
	rp_trend(w, &w->r->lead, "the whole organisation");
	if (lead_exposure(w, epath, e) != 0)
		return -1;
	lead_credits(w);
	lead_lost(w, &ts);
	lead_queue(w, &ts);
	lead_export(w, &ts);
	if (w->r->have_unassigned && lead_unassigned(w, epath, e) != 0)
		return -1;
	rp_scoreboard(w, &w->r->lead, "CFM Scoreboard, every team");
	tset_free(&ts);
	rp_end(w);
	return 0;
}
