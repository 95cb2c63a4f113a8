/* report_pages.c: the Portfolio Manager's, Cloud Engineer's and Product
 * Owner's pages (mapscore --role portfolio, engineer and owner, drawn),
 * and the sections they share with the Lead's: the scoreboard, the
 * 30-day trend, the credit attribution. The engineer's timeline comes
 * from the night's events and tasks. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/html.h"
#include "map/report_int.h"

#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct series s_rate[] = { { "rate", "s0" } };
static const char *const col_rate[] = { "rate" };

/* ---- shared sections ---- */

void
rp_scoreboard(struct rw *w, const struct tset *ts, const char *title)
{
	const struct table *t = tset_find(ts, "scoreboard");

	if (t == NULL)
		return;
	rp_section(w, "scoreboard", "CFM Scoreboard");
	rp_note(w, "Each team's grade: the weighted mean of its MAP "
	    "Compliance Rate (weight 2) and resource ownership (weight 1), "
	    "month to date, and of any other signal given to mapscore.");
	rp_table_all(w, t, title);
	rp_section_end(w);
}

void
rp_trend(struct rw *w, const struct tset *ts, const char *what)
{
	static const struct rcol cols[] = { { "date", "day" },
		{ "eligible_cost", "eligible" },
		{ "accruing_cost", "accruing" }, { "rate", "rate" } };
	const struct table *t = tset_find(ts, "trend");
	struct line c = { 0 };
	struct buf ti = { 0 }, d = { 0 };
	char a[DATE_DAYLEN], z[DATE_DAYLEN];
	long *days;
	money_t *v;
	unsigned char *has;
	size_t i;

	if (t == NULL)
		return;
	days = xcalloc(t->nrows + 1, sizeof(*days));
	v = xcalloc(t->nrows + 1, sizeof(*v));
	has = xcalloc(t->nrows + 1, 1);
	for (i = 0; i < t->nrows; i++) {
		const struct cell *dc = rp_cell(t, i, "date");
		int h;

		days[i] = dc ? (long)dc->n : DAY_NONE;
		v[i] = rp_money(t, i, "rate", &h);
		has[i] = (unsigned char)h;
	}
	date_fmt_day(t->nrows ? days[0] : w->r->as_of, a);
	date_fmt_day(w->r->as_of, z);
	buf_printf(&ti, "MAP Compliance Rate, day by day, %s to %s", a, z);
	buf_printf(&d, "Line chart of the MAP Compliance Rate of %s on each "
	    "of the %zu days from %s to %s, from 0 to 100%%, with the target "
	    "as a dashed line at ", what, t->nrows, a, z);
	fmt_pct(w->r->o.target, &d);
	buf_adds(&d, " and a dotted line where a month begins; a day with no "
	    "data or no eligible spend has no point. The table below has "
	    "every day's figures.");
	c.title = buf_cstr(&ti);
	c.desc = buf_cstr(&d);
	c.n = t->nrows;
	c.days = days;
	c.v = v;
	c.has = has;
	c.target = w->r->o.target;
	rp_section(w, "trend", "The rolling 30-day trend");
	buf_adds(w->b, "<div class=\"pair\">\n");
	chart_line(w, &c);
	rp_table(w, t, cols, NCOLS(cols), "Each day of the 30", NULL, NULL,
	    NULL);
	buf_adds(w->b, "</div>\n");
	rp_section_end(w);
	buf_free(&ti);
	buf_free(&d);
	free(days);
	free(v);
	free(has);
}

void
rp_attribution(struct rw *w, const struct tset *ts, int owner)
{
	static const struct rcol cols[] = { { "month", "month" },
		{ "contract", "contract" }, { "workload", "workload" },
		{ "team", "team" }, { "product", "product" },
		{ "accruing_cost", "accruing spend" }, { "share", "share" },
		{ "credit", "credit" }, { "method", "method" } };
	static const struct series ser[] = { { "credit", "s3" } };
	static const char *const c[] = { "credit" };
	const struct table *t = tset_find(ts, "attribution");
	char mon[DATE_MONTHLEN];
	struct buf ti = { 0 };
	size_t i, closed = 0;

	if (t == NULL)
		return;
	date_fmt_month(date_month(w->r->as_of), mon);
	for (i = 0; i < t->nrows; i++)
		closed += strcmp(rp_str(t, i, "month"), mon) != 0;
	rp_section(w, "attribution", "Credit attribution");
	rp_note(w, owner ? "The MAP credit received each month, split "
	    "across your workloads by the tagged spend that earned it. "
	    "Earlier months are closed periods; the as-of month is month to "
	    "date." : "The MAP credit received each month, split across the "
	    "portfolio's workloads by the tagged spend that earned it.");
	buf_printf(&ti, "Credit attributed per workload, %s (month to date)",
	    mon);
	if (t->nrows > closed)
		chart_tbars(w, t, &(struct tbars){ .title = buf_cstr(&ti),
		    .desc = "Horizontal bars: the MAP credit attributed to "
		    "each workload in the as-of month, by contract row. The "
		    "table below has every month's rows with the spend, the "
		    "share and the method.", .selc = "month", .selv = mon,
		    .labc = "workload", .cols = c, .ser = ser, .nser = 1,
		    .type = C_MONEY });
	if (owner && closed == 0)
		rp_note(w, "No closed period in the attribution yet: only the "
		    "month to date.");
	rp_table(w, t, cols, NCOLS(cols), "Credit attribution by month", NULL,
	    NULL, NULL);
	rp_section_end(w);
	buf_free(&ti);
}

/* ---- helpers of the scoped pages ---- */

/* the month-to-date rate of each group of a rate table, the whole first,
 * as bars against the target */
void
rp_rate_bars(struct rw *w, const struct table *t, const char *per)
{
	struct buf d = { 0 }, ti = { 0 };

	buf_printf(&ti, "Rate by %s, month to date", per);
	buf_printf(&d, "Horizontal bars: the month-to-date MAP Compliance "
	    "Rate (accruing over eligible spend) of the whole (first) and of "
	    "each %s, from 0 to 100%%, with the target at ", per);
	fmt_pct(w->r->o.target, &d);
	buf_adds(&d, ". The table below has the same rates.");
	chart_tbars(w, t, &(struct tbars){ .title = buf_cstr(&ti),
	    .desc = buf_cstr(&d), .selc = "window", .selv = "mtd",
	    .labc = "group", .cols = col_rate, .ser = s_rate, .nser = 1,
	    .type = C_RATE, .has_target = 1, .target = w->r->o.target });
	buf_free(&d);
	buf_free(&ti);
}

/* the rate section of a scoped view: its figure, bars per group */
static void
scoped_rate(struct rw *w, const struct tset *ts, const char *title,
    const char *kpiwhat, const char *per)
{
	const struct table *t = tset_find(ts, "rate");
	const struct cell *c = rp_cell(t, 0, "rate");
	struct buf f = { 0 };

	rp_section(w, "rate", title);
	rp_fmt_cell(&f, c);
	buf_printf(w->b, "<div class=\"kpis\">\n<div class=\"kpi%s\"><b>",
	    c && !c->empty ? c->m < w->r->o.target ? " below" : " above" : "");
	html_text(w->b, buf_cstr(&f));
	buf_adds(w->b, "</b><span>");
	html_text(w->b, kpiwhat);
	buf_adds(w->b, "; target ");
	f.len = 0;
	fmt_pct(w->r->o.target, &f);
	html_text(w->b, buf_cstr(&f));
	buf_adds(w->b, "</span></div>\n</div>\n");
	rp_rate_bars(w, t, per);
	rp_rate_text(w, ts, "Month to date and the last 30 days");
	rp_section_end(w);
	buf_free(&f);
}

/* a scope the night has no data of: the page says so */
static void
no_data(struct rw *w, const char *title, const char *what,
    const struct rpage *p)
{
	struct buf b = { 0 };

	buf_printf(&b, "The workloads file names this %s, but this night's "
	    "files have no data of it (no spend, entities or tasks).", what);
	rp_begin(w, title, p->name);
	rp_note(w, buf_cstr(&b));
	rp_end(w);
	buf_free(&b);
}

static void
title_of(struct buf *b, const char *role, const char *name)
{
	buf_printf(b, "%s: %s", role, name);
}

/* ---- the Portfolio Manager ---- */

static const struct col pl_cols[] = {
	{ "product", C_STR, NULL }, { "team", C_STR, NULL },
	{ "entity", C_STR, NULL }, { "workload", C_STR, NULL },
	{ "state", C_STR, NULL }, { "daily", C_MONEY, NULL },
	{ "at_risk", C_MONEY, NULL },
};

static int
cmp_ent(const void *a, const void *b)
{
	const struct rent *x = *(struct rent *const *)a;
	const struct rent *y = *(struct rent *const *)b;
	int c;

	if ((c = strcmp(x->product, y->product)) != 0)
		return c;
	if ((c = strcmp(x->team, y->team)) != 0)
		return c;
	if (x->st != y->st)
		return x->st == ST_PENDING ? -1 : 1;
	return strcmp(x->entity, y->entity);
}

/* the PENDING_TAG (and STALE_TAG) entities of a portfolio, from the
 * state, per product team */
static void
pending_list(struct rw *w, const char *pf)
{
	static const struct rcol cols[] = { { "product", "product" },
		{ "team", "team" }, { "entity", "entity" },
		{ "workload", "workload" }, { "state", "state" },
		{ "daily", "spend/day" },
		{ "at_risk", "not accruing, month" } };
	const struct report *r = w->r;
	const struct rent **v = xcalloc(r->nent + 1, sizeof(*v));
	struct tset ts;
	struct table *t;
	size_t i, n = 0;

	tset_init(&ts);
	t = tset_add(&ts, "entities", "", pl_cols, NCOLS(pl_cols));
	for (i = 0; i < r->nent; i++)
		if (strcmp(r->ent[i].portfolio, pf) == 0)
			v[n++] = &r->ent[i];
	qsort(v, n, sizeof(*v), cmp_ent);
	for (i = 0; i < n; i++) {
		c_str(t, v[i]->product);
		c_str(t, v[i]->team);
		c_str(t, v[i]->entity);
		c_str(t, v[i]->workload);
		c_str(t, state_names[v[i]->st]);
		c_money(t, 1, v[i]->daily);
		c_money(t, 1, v[i]->risk);
	}
	rp_filter(w, "pending-entities", "Filter by team or product");
	rp_table(w, t, cols, NCOLS(cols), "The entities, from the state",
	    NULL, NULL, "pending-entities");
	tset_free(&ts);
	free(v);
}

int
page_portfolio(struct rw *w, const struct rpage *p, const char **epath,
    struct err *e)
{
	static const struct rcol cols[] = { { "product", "product" },
		{ "team", "team" }, { "PENDING_TAG", "pending" },
		{ "pending_daily", "pending/day" },
		{ "pending_cost", "pending, month" },
		{ "STALE_TAG", "stale" }, { "stale_daily", "stale/day" },
		{ "stale_cost", "stale, month" } };
	static const struct series ser[] = { { "PENDING_TAG", "s1" },
		{ "STALE_TAG", "s2" } };
	static const char *const c[] = { "pending_cost", "stale_cost" };
	struct buf ti = { 0 };
	struct tset ts;

	title_of(&ti, "Portfolio Manager", p->name);
	if (!p->indata) {
		no_data(w, buf_cstr(&ti), "portfolio", p);
		buf_free(&ti);
		return 0;
	}
	if (report_view(w->r, SV_PORTFOLIO, SB_ALL, p->name, &ts, epath, e) !=
	    0) {
		buf_free(&ti);
		return -1;
	}
	rp_begin(w, buf_cstr(&ti), "The portfolio's rate by product, the "
	    "PENDING_TAG entities of each product team, its teams' grades "
	    "and its credit attribution.");
	scoped_rate(w, &ts, "MAP Compliance Rate by product",
	    "the portfolio, month to date", "product");
	rp_section(w, "pending", "PENDING_TAG entities per product team");
	chart_tbars(w, tset_find(&ts, "pending"), &(struct tbars){
	    .title = "Spend not accruing, month to date, by team",
	    .desc = "Stacked horizontal bars: each product team's eligible "
	    "spend of the month so far in PENDING_TAG and in STALE_TAG. The "
	    "tables below have the same amounts, the spend of the as-of day, "
	    "and each entity.", .labc = "team", .cols = c, .ser = ser,
	    .nser = 2, .stacked = 1, .type = C_MONEY });
	rp_table(w, tset_find(&ts, "pending"), cols, NCOLS(cols),
	    "Per product team", NULL, NULL, NULL);
	pending_list(w, p->name);
	rp_section_end(w);
	rp_scoreboard(w, &ts, "The portfolio's teams");
	rp_attribution(w, &ts, 0);
	rp_trend(w, &ts, "the portfolio");
	rp_end(w);
	tset_free(&ts);
	buf_free(&ti);
	return 0;
}

/* ---- the Cloud Engineer ---- */

/* each task of a section with its action and its command, selectable */
static void
task_cards(struct rw *w, const struct table *t)
{
	struct buf *b = w->b;
	size_t i;

	for (i = 0; t && i < t->nrows; i++) {
		const char *id = rp_str(t, i, "task_id");
		const char *cmd = rp_str(t, i, "command");

		buf_adds(b, "<article class=\"task\" id=\"");
		html_id(b, "task-", id);
		buf_adds(b, "\">\n<h4>");
		html_text(b, id);
		buf_adds(b, " \xc2\xb7 ");
		html_text(b, rp_str(t, i, "type"));
		buf_adds(b, " \xc2\xb7 ");
		html_text(b, rp_str(t, i, "entity"));
		buf_adds(b, "</h4>\n<p>");
		html_text(b, rp_str(t, i, "action"));
		buf_adds(b, "</p>\n");
		if (*cmd) {
			buf_adds(b, "<pre><code id=\"");
			html_id(b, "cmd-", id);
			buf_adds(b, "\">");
			html_text(b, cmd);
			buf_adds(b, "</code></pre>\n<button type=\"button\" "
			    "class=\"copy\" data-for=\"");
			html_id(b, "cmd-", id);
			buf_adds(b, "\" hidden>Copy the command</button>\n");
		}
		buf_adds(b, "</article>\n");
	}
}

static const struct rcol drift_cols[] = { { "task_id", "task" },
	{ "type", "type" }, { "entity", "entity" }, { "account", "account" },
	{ "drift_date", "drifted" }, { "last_good_tag", "last good tag" },
	{ "expected_tag", "expected" }, { "daily_impact", "lost/day" },
	{ "impact_to_date", "lost so far" } };
static const struct rcol task_cols[] = { { "task_id", "task" },
	{ "type", "type" }, { "entity", "entity" }, { "account", "account" },
	{ "workload", "workload" }, { "opened", "opened" },
	{ "daily_impact", "lost/day" }, { "impact_to_date", "lost so far" } };
static const struct rcol aiq_cols[] = { { "task_id", "task" },
	{ "type", "type" }, { "entity", "entity" }, { "region", "region" },
	{ "model", "model" }, { "profile", "profile" },
	{ "opened", "opened" }, { "daily_impact", "lost/day" } };

void
rp_engineer_tasks(struct rw *w, const struct tset *ts, const char *idp,
    int level, size_t max)
{
	static const struct {
		const char *sec, *id, *title, *note;
		const struct rcol *cols;
		size_t ncols;
	} part[] = {
		{ "drift", "drift", "Drift alerts (STALE_TAG)", "Entities "
		    "whose MAP tag was removed or changed: credit accrual "
		    "stopped on the drift date.", drift_cols,
		    NCOLS(drift_cols) },
		{ "tasks", "tasks", "Open tasks", "Untagged resources "
		    "(PENDING_TAG), most credit lost per day first.",
		    task_cols, NCOLS(task_cols) },
		{ "ai_queue", "ai-queue", "MAP AI task queue", "Create "
		    "Profile, Add to Profile, Tag Profile and Tag Principal "
		    "tasks for Bedrock usage.", aiq_cols, NCOLS(aiq_cols) },
	};
	size_t i;

	for (i = 0; i < NELEM(part); i++) {
		const struct table *all = tset_find(ts, part[i].sec);
		struct table cut;
		const struct table *t = all;

		if (all && max && all->nrows > max) {
			cut = *all;	/* the first rows: most lost a day */
			cut.nrows = max;
			t = &cut;
		}
		if (level == 2)
			rp_section(w, part[i].id, part[i].title);
		else {
			buf_printf(w->b, "<h3 id=\"%s%s\">", idp, part[i].id);
			html_text(w->b, part[i].title);
			buf_adds(w->b, "</h3>\n");
		}
		rp_note(w, part[i].note);
		rp_table(w, t, part[i].cols, part[i].ncols, part[i].title,
		    NULL, NULL, NULL);
		task_cards(w, t);
		if (t != all) {
			struct buf b = { 0 };

			buf_printf(&b, "The %zu that lose the most a day "
			    "of %zu; the task list has every one.", max,
			    all->nrows);
			rp_note(w, buf_cstr(&b));
			buf_free(&b);
		}
		if (level == 2)
			rp_section_end(w);
	}
}

static int
state_of(const char *name)
{
	int i;

	for (i = ST_ELIGIBLE; i < NSTATE; i++)
		if (strcmp(state_names[i], name) == 0)
			return i;
	return ST_NONE;
}

static const struct col ev_cols[] = {
	{ "entity", C_STR, NULL }, { "date", C_DAY, NULL },
	{ "what", C_STR, NULL },
};

/* a row of the events table, in order of day, then of the files */
struct erow {
	long day;
	size_t seq;
	const char *what;
};

static int
cmp_erow(const void *a, const void *b)
{
	const struct erow *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
erow_add(struct erow **v, size_t *n, size_t *cap, long day, struct tset *ts,
    struct buf *b)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[*n] = (struct erow){ day, *n, tset_keep(ts,
		xstrdup(buf_cstr(b))) };
	(*n)++;
}

/* the first element of an array sorted by the string at offset off of
 * each (the entity of the events and of the tasks) that is not below key */
static size_t
lower(const void *base, size_t n, size_t size, size_t off, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		const char *s = *(char *const *)((const char *)base + m * size +
		    off);

		if (strcmp(s, key) < 0)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/* one entity's lane: its states from the events (the state before the
 * first is the first event's from), its tasks opened and closed; and
 * its rows of the events table */
static void
lane_of(struct rw *w, const char *entity, int st_now, long since,
    long from, struct lane *ln, struct tset *ts, struct table *et)
{
	const struct report *r = w->r;
	size_t i, cap = 0, mcap = 0, nrow = 0, rcap = 0;
	struct erow *rows = NULL;
	long start = from;
	int cur = ST_NONE;
	struct buf b = { 0 };

	for (i = lower(r->ev, r->nev, sizeof(*r->ev), offsetof(struct rev,
	    entity), entity); i < r->nev &&
	    strcmp(r->ev[i].entity, entity) == 0; i++) {
		const struct rev *v = &r->ev[i];

		if (v->date < from || v->date > r->as_of)
			continue;
		if (cur == ST_NONE && v->from != 0) {
			cur = v->from;
			start = from;
		}
		if (cur != ST_NONE && v->date > start) {
			if (ln->nsegs == cap) {
				cap = cap ? cap * 2 : 8;
				ln->segs = xrealloc(ln->segs, cap *
				    sizeof(*ln->segs));
			}
			ln->segs[ln->nsegs++] = (struct seg){ start,
				v->date - 1, cur };
		}
		cur = v->to;
		start = v->date;
		b.len = 0;
		buf_printf(&b, "%s \xe2\x86\x92 %s (%s)%s",
		    vocab_name(&vocab_event_from, v->from), state_names[v->to],
		    reason_names[v->reason], v->to == ST_TAGGED ?
		    ": tag confirmed in CUR" : v->to == ST_STALE ?
		    ": drift" : "");
		erow_add(&rows, &nrow, &rcap, v->date, ts, &b);
	}
	if (cur == ST_NONE) {	/* no change this month */
		cur = st_now;
		start = since != DAY_NONE && since > from ? since : from;
	}
	if (cur != ST_NONE) {
		if (ln->nsegs == cap) {
			cap = cap ? cap * 2 : 8;
			ln->segs = xrealloc(ln->segs, cap * sizeof(*ln->segs));
		}
		ln->segs[ln->nsegs++] = (struct seg){ start, r->as_of, cur };
	}
	for (i = lower(r->tk, r->ntk, sizeof(*r->tk), offsetof(struct rtask,
	    entity), entity); i < r->ntk &&
	    strcmp(r->tk[i].entity, entity) == 0; i++) {
		const struct rtask *k = &r->tk[i];
		int c;

		for (c = 0; c < 2; c++) {
			long d = c ? k->closed : k->opened;

			if (d == DAY_NONE || d < from || d > r->as_of)
				continue;
			if (ln->nmarks == mcap) {
				mcap = mcap ? mcap * 2 : 4;
				ln->marks = xrealloc(ln->marks, mcap *
				    sizeof(*ln->marks));
			}
			ln->marks[ln->nmarks++] = (struct mark){ d, c, k->id };
			b.len = 0;
			buf_printf(&b, "task %s (%s) %s", k->id,
			    task_type_names[k->type], c ? "closed" : "opened");
			erow_add(&rows, &nrow, &rcap, d, ts, &b);
		}
	}
	if (nrow > 1)
		qsort(rows, nrow, sizeof(*rows), cmp_erow);
	for (i = 0; i < nrow; i++) {
		c_str(et, entity);
		c_day(et, rows[i].day);
		c_str(et, rows[i].what);
	}
	free(rows);
	buf_free(&b);
}

#define LANES 100		/* entities drawn in the timeline */

static void
timeline(struct rw *w, const struct table *life)
{
	static const struct rcol cols[] = { { "entity", "entity" },
		{ "date", "day" }, { "what", "what happened" } };
	long from = date_month_first(date_month(w->r->as_of));
	size_t i, n = life->nrows;
	struct lane *ln = xcalloc(n + 1, sizeof(*ln));
	char a[DATE_DAYLEN], z[DATE_DAYLEN];
	struct buf ti = { 0 };
	struct tset ts;
	struct table *et;

	tset_init(&ts);
	et = tset_add(&ts, "events", "", ev_cols, NCOLS(ev_cols));
	if (n > LANES) {
		struct buf nb = { 0 };

		buf_printf(&nb, "The timeline shows the first %d of the %zu "
		    "entities, those that need looking at first; the table "
		    "below it has the state of every one.", LANES, n);
		rp_note(w, buf_cstr(&nb));
		buf_free(&nb);
		n = LANES;
	}
	for (i = 0; i < n; i++) {
		const struct cell *sc = rp_cell(life, i, "state_since");

		ln[i].label = rp_str(life, i, "entity");
		lane_of(w, ln[i].label, state_of(rp_str(life, i, "state")),
		    sc && !sc->empty ? (long)sc->n : DAY_NONE, from, &ln[i],
		    &ts, et);
	}
	date_fmt_day(from, a);
	date_fmt_day(w->r->as_of, z);
	buf_printf(&ti, "The tagging confirmation timeline, %s to %s", a, z);
	chart_timeline(w, buf_cstr(&ti), "Timeline, one lane per entity: a "
	    "band for each state it held (ELIGIBLE, PENDING_TAG, TAGGED, "
	    "STALE_TAG, INELIGIBLE), an open circle where a task was opened "
	    "and a filled one where it was closed. TAGGED begins on the day "
	    "the tag was confirmed in the CUR. The table below lists the same "
	    "events.", from, w->r->as_of, ln, n);
	rp_table(w, et, cols, NCOLS(cols), "Events and tasks of the month",
	    NULL, NULL, NULL);
	for (i = 0; i < n; i++) {
		free(ln[i].segs);
		free(ln[i].marks);
	}
	free(ln);
	tset_free(&ts);
	buf_free(&ti);
}

static const struct rcol life_cols[] = { { "entity", "entity" },
	{ "entity_kind", "kind" }, { "workload", "workload" },
	{ "state", "state" }, { "reason", "reason" },
	{ "eligibility_date", "eligible since" },
	{ "state_since", "state since" }, { "drift_date", "drifted" },
	{ "last_good_tag", "last good tag" }, { "eligible_cost", "eligible" },
	{ "accruing_cost", "accruing" }, { "at_risk_cost", "at risk" } };

int
page_engineer(struct rw *w, const struct rpage *p, const char **epath,
    struct err *e)
{
	const struct table *life;
	struct buf ti = { 0 };
	struct tset ts;

	title_of(&ti, "Cloud Engineer", p->name);
	if (!p->indata) {
		no_data(w, buf_cstr(&ti), "Cloud Engineer", p);
		buf_free(&ti);
		return 0;
	}
	if (report_view(w->r, SV_ENGINEER, SB_ALL, p->name, &ts, epath, e) !=
	    0) {
		buf_free(&ti);
		return -1;
	}
	rp_begin(w, buf_cstr(&ti), "Your open tasks with their commands, "
	    "drift alerts, and the lifecycle of the entities of the "
	    "workloads you engineer. The tasks close by themselves when the "
	    "next night sees the tag.");
	scoped_rate(w, &ts, "MAP Compliance Rate of your workloads",
	    "the workloads you engineer, month to date", "workload");
	rp_engineer_tasks(w, &ts, "", 2, 0);
	rp_section(w, "lifecycle", "Lifecycle of your entities");
	life = tset_find(&ts, "lifecycle");
	timeline(w, life);
	rp_table(w, life, life_cols, NCOLS(life_cols), "Each entity's state "
	    "(amounts month to date)", NULL, NULL, NULL);
	rp_section_end(w);
	rp_end(w);
	tset_free(&ts);
	buf_free(&ti);
	return 0;
}

/* ---- the Product Owner ---- */

int
page_owner(struct rw *w, const struct rpage *p, const char **epath,
    struct err *e)
{
	static const struct rcol notes[] = { { "task_id", "task" },
		{ "workload", "workload" }, { "entity", "entity" },
		{ "assignee", "Cloud Engineer" }, { "opened", "since" },
		{ "daily_impact", "blocked/day" }, { "note", "note" } };
	struct buf ti = { 0 };
	struct tset ts;

	title_of(&ti, "Product Owner", p->name);
	if (!p->indata) {
		no_data(w, buf_cstr(&ti), "Product Owner", p);
		buf_free(&ti);
		return 0;
	}
	if (report_view(w->r, SV_OWNER, SB_ALL, p->name, &ts, epath, e) != 0) {
		buf_free(&ti);
		return -1;
	}
	rp_begin(w, buf_cstr(&ti), "The coverage of the workloads you own, "
	    "their derived eligibility, the credit attributed to them, and "
	    "what blocks it. Nothing here needs an action from you.");
	scoped_rate(w, &ts, "Coverage rate of your workloads",
	    "coverage of your workloads, month to date", "workload");
	rp_section(w, "eligibility", "Eligibility of your workloads' "
	    "entities");
	rp_note(w, "Derived from the contracts and the CUR, read-only: no "
	    "one classifies MAP spend by hand.");
	rp_table(w, tset_find(&ts, "lifecycle"), life_cols, NCOLS(life_cols),
	    "Each entity's state (amounts month to date)", NULL, NULL, NULL);
	rp_section_end(w);
	rp_attribution(w, &ts, 1);
	rp_section(w, "notifications", "Notifications");
	rp_note(w, "Open tasks that block MAP credit on your workloads; the "
	    "Cloud Engineer named does them, nothing is needed from you.");
	rp_table(w, tset_find(&ts, "notifications"), notes, NCOLS(notes),
	    "Notifications", NULL, NULL, NULL);
	rp_section_end(w);
	rp_end(w);
	tset_free(&ts);
	buf_free(&ti);
	return 0;
}
