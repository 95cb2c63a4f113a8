/* score_load.c: reading a night for mapscore: the ledger(s), the score
 * history, the state, tasks, attribution and claims, each through its
 * schema (map/formats.h), and the scoreboard signals (mapscore's own
 * input); writing the history back. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/rec.h"
#include "map/formats.h"
#include "map/score_int.h"

static uint32_t
span_sid(struct score *s, struct span sp)
{
	return score_sid(s, sp.s, sp.n);
}

/* ---- the ledger ---- */

/* Note the day d is in file fileno: a day is in one ledger only. */
static int
ledger_file(struct score *s, const struct recr *r, long d, int fileno,
    const char *const *paths, struct err *e)
{
	int32_t k32 = (int32_t)d;
	uint32_t n0 = s->ldtab.n, lid;
	char b[DATE_DAYLEN];

	lid = strtab_intern(&s->ldtab, (const char *)&k32, sizeof(k32));
	s->ldfile = score_grow(s->ldfile, &s->ldcap, (size_t)lid + 1,
	    sizeof(*s->ldfile));
	if (lid >= n0)
		s->ldfile[lid] = fileno;
	else if (s->ldfile[lid] != fileno) {
		date_fmt_day(d, b);
		rec_bad(r->t, e, "day %s is also in %s", b,
		    paths[s->ldfile[lid]]);
		return -1;
	}
	return 0;
}

/* the ownership figures of a row, and what is needed to share the
 * unowned spend out */
static void
ledger_own(struct score *s, const struct ledger_rec *L, uint32_t tp,
    uint32_t df)
{
	struct fig *f = &s->dfs[df].f;
	uint32_t acct = span_sid(s, L->account);
	int32_t k[2] = { (int32_t)L->date, (int32_t)acct };
	uint32_t ad = strtab_intern(&s->adtab, (const char *)k, sizeof(k));

	s->adU = score_grow(s->adU, &s->adUcap, (size_t)ad + 1,
	    sizeof(*s->adU));
	s->adO = score_grow(s->adO, &s->adcap, (size_t)ad + 1,
	    sizeof(*s->adO));
	if (!tuple_owned(s, &s->tup[tp])) {
		f->unowned += L->cost;
		s->adU[ad] += L->cost;
	} else {
		int32_t k3[3] = { (int32_t)L->date, (int32_t)acct,
			(int32_t)tp };
		uint32_t x;

		f->owned += L->cost;
		s->adO[ad] += L->cost;
		x = strtab_intern(&s->adttab, (const char *)k3, sizeof(k3));
		s->adts = score_grow(s->adts, &s->adtcap, (size_t)x + 1,
		    sizeof(*s->adts));
		s->adts[x].ad = ad;
		s->adts[x].df = df;
		s->adts[x].o += L->cost;
	}
}

static void
ledger_row(struct score *s, const struct ledger_rec *L, int owners)
{
	uint32_t tp, df;
	struct fig *f;

	if (owners)
		tp = score_tuple(s, span_sid(s, L->workload),
		    span_sid(s, L->team), span_sid(s, L->product),
		    span_sid(s, L->portfolio));
	else
		tp = score_tuple(s, 0, 0, 0, 0);
	df = score_dfig(s, L->date, tp, NULL);
	f = &s->dfs[df].f;
	f->cost += L->cost;
	f->elig += L->eligible;
	f->accr += L->accruing;
	if (L->state == ST_PENDING)
		f->pend += L->eligible;
	else if (L->state == ST_STALE)
		f->stale += L->eligible;
	else if (L->state == ST_ELIGIBLE)
		f->untr += L->eligible;
	if (kind_is_ai(L->kind)) {
		f->ai_elig += L->eligible;
		f->ai_accr += L->accruing;
	}
	f->n[L->state]++;
	if (L->date > s->ledger_last)
		s->ledger_last = L->date;
	if (s->tup[tp].w != 0)
		ledger_own(s, L, tp, df);
}

static int
load_ledger(struct score *s, const char *path, int fileno,
    const char *const *paths, struct err *e)
{
	struct recr *r = recr_open(path, &ledger_schema, e);
	struct ledger_rec L;
	long pday = DAY_NONE;
	struct buf pent = { 0 };
	int rc, owners;

	if (r == NULL)
		return -1;
	if ((owners = recr_has(r, FL_WORKLOAD)) != 0) {
		if (recr_need(r, FL_TEAM, e) || recr_need(r, FL_PRODUCT, e) ||
		    recr_need(r, FL_PORTFOLIO, e)) {
			recr_close(r);
			return -1;
		}
		s->have_owners = 1;
	}
	while ((rc = recr_next(r, &L, e)) == 1) {
		long d = L.date;
		int cmp;

		cmp = pday == DAY_NONE ? 1 : d != pday ? (d > pday ? 1 : -1) :
		    strcmp(L.entity.s, buf_cstr(&pent));
		if (cmp == 0) {
			char b[DATE_DAYLEN];

			date_fmt_day(d, b);
			rec_bad(r->t, e, "entity '%s' appears twice on %s",
			    L.entity.s, b);
			rc = -1;
			break;
		}
		if (cmp < 0) {
			rec_bad(r->t, e, "row out of order: the ledger must be "
			    "sorted by date, then entity");
			rc = -1;
			break;
		}
		if (d != pday && (s->given_as_of == DAY_NONE ||
		    d <= s->given_as_of) &&
		    ledger_file(s, r, d, fileno, paths, e) != 0) {
			rc = -1;
			break;
		}
		pday = d;
		pent.len = 0;
		buf_add(&pent, L.entity.s, L.entity.n);
		if (s->given_as_of != DAY_NONE && d > s->given_as_of)
			continue;
		ledger_row(s, &L, owners);
	}
	buf_free(&pent);
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

/* Each group's share of the unowned spend of the accounts it has spend
 * in, day by day, in proportion to its owned spend there. */
static void
share_unowned(struct score *s)
{
	uint32_t i;

	for (i = 1; i < s->adttab.n; i++) {
		const struct adt *x = &s->adts[i];
		money_t u = s->adU[x->ad], o = s->adO[x->ad];

		if (u == 0 || o <= 0)
			continue;
		s->dfs[x->df].f.share += money_mul(u, money_div(x->o, o));
	}
}

/* ---- the history ---- */

/* Every column must be one the history is written with, or it would be
 * lost when the history is rewritten. */
static int
history_columns(const char *path, struct err *e)
{
	struct tsvr *t = tsvr_open(path, e);
	size_t i, j;

	if (t == NULL)
		return -1;
	for (i = 0; i < t->nf; i++) {
		for (j = 0; j < history_schema.n; j++)
			if (strcmp(t->hdr[i], history_schema.f[j].col) == 0)
				break;
		if (j == history_schema.n) {
			err_set(e, EXIT_DATA, 1, "unknown column '%s' (it "
			    "would be lost when the history is rewritten)",
			    t->hdr[i]);
			tsvr_close(t);
			return -1;
		}
	}
	tsvr_close(t);
	return 0;
}

static int
history_row(struct score *s, const struct recr *r, const struct history_rec *H,
    struct err *e)
{
	uint32_t tp, df;
	struct fig *f;
	int isnew, k;

	if (H->date > s->hist_last)
		s->hist_last = H->date;
	if (score_ledger_day(s, H->date))
		return 0;	/* the ledger has it: replaced */
	tp = score_tuple(s, span_sid(s, H->workload), span_sid(s, H->team),
	    span_sid(s, H->product), span_sid(s, H->portfolio));
	df = score_dfig(s, H->date, tp, &isnew);
	if (!isnew) {
		char b[DATE_DAYLEN];

		date_fmt_day(H->date, b);
		rec_bad(r->t, e, "a second row for %s and workload '%s'", b,
		    H->workload.s);
		return -1;
	}
	f = &s->dfs[df].f;
	f->cost = H->cost;
	if (tuple_owned(s, &s->tup[tp])) {
		f->owned = f->cost;
		s->have_owners = 1;
	} else if (s->tup[tp].w == s->id_unowned) {
		f->unowned = f->cost;
		s->have_owners = 1;
	}
	f->share = H->unowned_share;
	f->elig = H->eligible;
	f->accr = H->accruing;
	f->pend = H->pending;
	f->stale = H->stale;
	f->untr = H->untrackable;
	f->ai_elig = H->ai_eligible;
	f->ai_accr = H->ai_accruing;
	for (k = ST_ELIGIBLE; k < NSTATE; k++)
		f->n[k] = H->n[k];
	return 0;
}

static int
load_history(struct score *s, const char *path, struct err *e)
{
	struct recr *r;
	struct history_rec H;
	struct stat st;
	int rc;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;	/* the first run makes it */
	} else if (S_ISREG(st.st_mode) && st.st_size == 0)
		return 0;		/* an empty file: no history yet */
	if (history_columns(path, e) != 0)
		return -1;
	if ((r = recr_open(path, &history_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &H, e)) == 1)
		if (history_row(s, r, &H, e) != 0) {
			rc = -1;
			break;
		}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

struct hkey {
	long day;
	const char *w, *t, *p, *f;
	uint32_t i;
};

static int
cmp_hkey(const void *a, const void *b)
{
	const struct hkey *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->w, y->w)) != 0)
		return c;
	if ((c = strcmp(x->t, y->t)) != 0)
		return c;
	if ((c = strcmp(x->p, y->p)) != 0)
		return c;
	return strcmp(x->f, y->f);
}

void
score_write_history(const struct score *s, struct out *o)
{
	struct hkey *ix;
	uint32_t i, n = 0;

	ix = xcalloc(s->dftab.n + 1, sizeof(*ix));
	for (i = 1; i < s->dftab.n; i++) {
		const struct tuple *t = &s->tup[s->dfs[i].tup];

		ix[n].day = s->dfs[i].day;
		ix[n].w = SS(s, t->w);
		ix[n].t = SS(s, t->t);
		ix[n].p = SS(s, t->p);
		ix[n].f = SS(s, t->f);
		ix[n++].i = i;
	}
	if (n > 1)
		qsort(ix, n, sizeof(*ix), cmp_hkey);
	out_s(o, HDR_HISTORY);
	for (i = 0; i < n; i++) {
		const struct dfig *d = &s->dfs[ix[i].i];
		const struct fig *f = &d->f;
		const money_t m[] = { f->cost, f->share, f->elig, f->accr,
			f->pend, f->stale, f->untr, f->ai_elig, f->ai_accr };
		const char *lab[] = { ix[i].w, ix[i].t, ix[i].p, ix[i].f };
		size_t j;

		out_day(o, d->day);
		for (j = 0; j < 4; j++) {
			out_c(o, '\t');
			out_vals(o, lab[j]);
		}
		for (j = 0; j < NELEM(m); j++) {
			out_c(o, '\t');
			out_money(o, m[j]);
		}
		for (j = ST_ELIGIBLE; j < NSTATE; j++) {
			out_c(o, '\t');
			out_long(o, f->n[j]);
		}
		out_c(o, '\n');
	}
	free(ix);
}

/* ---- the state, tasks, attribution, claims ---- */

/* a file of one as-of day must be of the day scored */
static int
same_as_of(const struct score *s, long d, struct err *e)
{
	char a[DATE_DAYLEN], b[DATE_DAYLEN];

	if (d == DAY_NONE || d == s->as_of)
		return 0;
	date_fmt_day(d, a);
	date_fmt_day(s->as_of, b);
	err_set(e, EXIT_DATA, 0, "as of %s, but the scores are as of %s", a,
	    b);
	return -1;
}

static int
load_state(struct score *s, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &state_schema, e);
	struct state_rec R;
	long seen = DAY_NONE;
	size_t cap = 0;
	int rc, wl;

	if (r == NULL)
		return -1;
	wl = recr_has(r, FS_WORKLOAD);	/* without -w: all unowned */
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct srow *w;

		if (seen == DAY_NONE)
			seen = R.as_of;
		s->srows = score_grow(s->srows, &cap, s->nsrows + 1,
		    sizeof(*s->srows));
		w = &s->srows[s->nsrows++];
		w->entity = span_dup(R.entity);
		w->account = span_dup(R.account);
		w->last_good_tag = span_dup(R.last_good_tag);
		w->workload = wl ? span_dup(R.workload) : xstrdup("unowned");
		w->owner = span_dup(R.owner);
		w->engineer = span_dup(R.engineer);
		w->kind = R.kind;
		w->st = R.state;
		w->reason = R.reason;
		w->elig_date = R.eligibility_date;
		w->since = R.state_since;
		w->drift = R.drift_date;
		w->elig = R.eligible;
		w->accr = R.accruing;
		w->risk = R.at_risk;
	}
	recr_close(r);
	if (rc < 0)
		return -1;
	return same_as_of(s, seen, e);
}

static int
load_tasks(struct score *s, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &task_schema, e);
	struct task_rec T;
	long seen = DAY_NONE;
	size_t cap = 0;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &T, e)) == 1) {
		struct task *k;

		if (seen == DAY_NONE)
			seen = T.as_of;
		s->tasks = score_grow(s->tasks, &cap, s->ntasks + 1,
		    sizeof(*s->tasks));
		k = &s->tasks[s->ntasks++];
		k->open = T.status == TS_OPEN;
		k->type = T.type;
		k->kind = T.kind;
		k->id = span_dup(T.task_id);
		k->entity = span_dup(T.entity);
		k->account = span_dup(T.account);
		k->region = span_dup(T.region);
		k->model = span_dup(T.model);
		k->principal = span_dup(T.principal);
		k->expected = span_dup(T.expected_tag);
		k->last_good_tag = span_dup(T.last_good_tag);
		k->drift = T.drift_date;
		k->opened = T.opened;
		k->assignee = span_dup(T.assignee);
		k->workload = span_dup(T.workload);
		k->owner = span_dup(T.owner);
		k->profile = span_dup(T.profile);
		k->daily = T.daily_impact;
		k->todate = T.impact_to_date;
		k->action = span_dup(T.action);
		k->command = span_dup(T.command);
	}
	recr_close(r);
	if (rc < 0)
		return -1;
	return same_as_of(s, seen, e);
}

static int
load_attribution(struct score *s, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &attribution_schema, e);
	struct attribution_rec A;
	size_t cap = 0;
	int rc, c_share;

	if (r == NULL)
		return -1;
	c_share = tsvr_col(r->t, "share");	/* shown as written */
	while ((rc = recr_next(r, &A, e)) == 1) {
		struct arow *a;

		s->arows = score_grow(s->arows, &cap, s->narows + 1,
		    sizeof(*s->arows));
		a = &s->arows[s->narows++];
		a->month = A.month;
		a->accr = A.accruing;
		a->share = A.share;
		a->credit = A.credit;
		a->contract = span_dup(A.contract);
		a->workload = span_dup(A.workload);
		a->team = span_dup(A.team);
		a->product = span_dup(A.product);
		a->portfolio = span_dup(A.portfolio);
		a->share_s = span_dup(rec_str(r->t, c_share));
		a->method = span_dup(A.method);
	}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

static int
load_claims(struct score *s, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &claims_schema, e);
	struct claims_rec C;
	size_t cap = 0;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &C, e)) == 1) {
		struct crow *c;

		s->crows = score_grow(s->crows, &cap, s->ncrows + 1,
		    sizeof(*s->crows));
		c = &s->crows[s->ncrows++];
		c->month = C.month;
		c->contract = span_dup(C.contract);
		memcpy(c->v, C.v, sizeof(c->v));
	}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

/* ---- the scoreboard signals: team, signal, value (0 to 1) ---- */

static int
signal_row(struct score *s, const struct tsvr *t, const int *c,
    struct signal *g, struct err *e)
{
	struct span team = rec_str(t, c[0]), sig = rec_str(t, c[1]);
	size_t i;

	if (team.n == 0 || sig.n == 0) {
		rec_bad(t, e, "column '%s': empty", team.n ? "signal" : "team");
		return -1;
	}
	if (strcmp(sig.s, SIG_MAP) == 0 || strcmp(sig.s, SIG_OWN) == 0) {
		rec_bad(t, e, "signal '%s' is derived by mapscore, not read",
		    sig.s);
		return -1;
	}
	if (strcmp(sig.s, "team") == 0 || strcmp(sig.s, "score") == 0 ||
	    strcmp(sig.s, "grade") == 0) {
		rec_bad(t, e, "signal '%s': the name is taken by a column",
		    sig.s);
		return -1;
	}
	if (rec_money(t, c[2], 0, &g->v, e) != 0)
		return -1;
	if (g->v < 0 || g->v > MONEY_ONE) {
		rec_bad(t, e, "column 'value': '%s' is not between 0 and 1",
		    t->f[c[2]]);
		return -1;
	}
	g->team = span_sid(s, team);
	g->name = span_sid(s, sig);
	for (i = 0; i < s->nsigs; i++)
		if (s->sigs[i].team == g->team && s->sigs[i].name == g->name) {
			rec_bad(t, e, "signal '%s' of team '%s' is given "
			    "twice", sig.s, team.s);
			return -1;
		}
	return 0;
}

static int
load_signals(struct score *s, const char *path, struct err *e)
{
	static const char *const cols[3] = { "team", "signal", "value" };
	struct tsvr *t = tsvr_open(path, e);
	int c[3], rc;
	size_t i, cap = 0;

	if (t == NULL)
		return -1;
	for (i = 0; i < 3; i++)
		if ((c[i] = tsvr_need(t, cols[i], e)) < 0) {
			tsvr_close(t);
			return -1;
		}
	while ((rc = tsvr_next(t, e)) == 1) {
		struct signal g;

		if (signal_row(s, t, c, &g, e) != 0) {
			rc = -1;
			break;
		}
		s->sigs = score_grow(s->sigs, &cap, s->nsigs + 1,
		    sizeof(*s->sigs));
		s->sigs[s->nsigs++] = g;
		for (i = 0; i < s->nsignames; i++)
			if (s->signames[i] == g.name)
				break;
		if (i == s->nsignames) {
			s->signames = xrealloc(s->signames, (s->nsignames + 1) *
			    sizeof(*s->signames));
			s->signames[s->nsignames++] = g.name;
		}
	}
	tsvr_close(t);
	if (rc < 0)
		return -1;
	score_sort_ids(s, s->signames, s->nsignames);
	return 0;
}

/* every --weight names a signal */
static int
check_weights(const struct score *s, struct err *e)
{
	size_t i, j;

	for (i = 0; i < s->nweights; i++) {
		const char *n = s->weights[i].name;

		if (strcmp(n, SIG_MAP) == 0 || strcmp(n, SIG_OWN) == 0)
			continue;
		for (j = 0; j < s->nsignames; j++)
			if (strcmp(SS(s, s->signames[j]), n) == 0)
				break;
		if (j == s->nsignames) {
			err_set(e, EXIT_USAGE, 0, "--weight: no signal '%s' "
			    "(the signals are %s, %s and those of --signals)",
			    n, SIG_MAP, SIG_OWN);
			return -1;
		}
	}
	return 0;
}

/* the day scored, its month and 30-day window, and their days of data */
static void
set_windows(struct score *s)
{
	uint32_t i;

	s->mfirst = date_month_first(date_month(s->as_of));
	s->wfirst = s->as_of - (WINDOW - 1);
	s->wstart = s->mfirst < s->wfirst ? s->mfirst : s->wfirst;
	for (i = 1; i < s->dftab.n; i++)
		if (s->dfs[i].day >= s->wstart && s->dfs[i].day <= s->as_of)
			s->known[s->dfs[i].day - s->wstart] = 1;
}

/* The state's day (its first row's as_of), DAY_NONE for none: the day of
 * the night, which a ledger may end before (a night run after the
 * export's last usage day) */
static long
state_day(const char *path)
{
	struct err e = { 0 };
	struct recr *r;
	struct state_rec R;
	long d = DAY_NONE;

	if (path == NULL || (r = recr_open(path, &state_schema, &e)) == NULL)
		return DAY_NONE;
	if (recr_next(r, &R, &e) == 1)
		d = R.as_of;
	recr_close(r);
	return d;
}

int
score_load(struct score *s, const struct score_files *f, const char **epath,
    struct err *e)
{
	static const struct {
		size_t off;
		int (*load)(struct score *, const char *, struct err *);
	} more[] = {
		{ offsetof(struct score_files, state), load_state },
		{ offsetof(struct score_files, tasks), load_tasks },
		{ offsetof(struct score_files, attribution), load_attribution },
		{ offsetof(struct score_files, claims), load_claims },
		{ offsetof(struct score_files, signals), load_signals },
	};
	size_t i;

	*epath = NULL;
	if (f->nledgers == 0) {
		err_set(e, EXIT_USAGE, 0, "a ledger is required (-l LEDGER)");
		return -1;
	}
	if (s->nbands == 0 && score_set_bands(s, "A=0.9,B=0.8,C=0.7,D=0.6",
	    e) != 0)
		return -1;
	s->ledger0 = f->ledgers[0];
	/* without --as-of, the state's day is the day scored */
	if (s->given_as_of == DAY_NONE)
		s->given_as_of = state_day(f->state);
	for (i = 0; i < f->nledgers; i++) {
		*epath = f->ledgers[i];
		if (load_ledger(s, f->ledgers[i], (int)i, f->ledgers, e) != 0)
			return -1;
	}
	share_unowned(s);
	if ((*epath = f->history) != NULL && load_history(s, f->history,
	    e) != 0)
		return -1;
	s->as_of = s->given_as_of != DAY_NONE ? s->given_as_of :
	    s->ledger_last != DAY_NONE ? s->ledger_last : s->hist_last;
	if (s->as_of == DAY_NONE) {
		*epath = f->ledgers[0];
		err_set(e, EXIT_DATA, 0, "no data: the ledger has no rows "
		    "(give --as-of)");
		return -1;
	}
	set_windows(s);
	for (i = 0; i < NELEM(more); i++) {
		const char *p = *(const char *const *)((const char *)f +
		    more[i].off);

		if ((*epath = p) != NULL && more[i].load(s, p, e) != 0)
			return -1;
	}
	*epath = NULL;
	return check_weights(s, e);
}
