/* mapscore: the MAP Compliance Rate (accruing eligible spend over eligible
 * spend, month to date and over a rolling 30 days, overall and per team,
 * product, portfolio and workload), its daily history and trend, the CFM
 * Scoreboard grade per team, and the four role views (FinOps Lead,
 * Portfolio Manager, Cloud Engineer, Product Owner).
 *
 * Reads mapstate's ledger (and state), maptasks' tasks, and mapcredit's
 * attribution and claims. All amounts are exact (money_t); rates are
 * exact ratios rounded half away from zero to four decimals. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/tsv.h"
#include "common.h"

#define NODAY (-2147483647L)
#define WINDOW 30		/* days of the rolling window and the trend */
#define RATE_DP 4		/* decimals of a rate */

/* ---- states ---- */

enum { ST_ELIGIBLE, ST_PENDING, ST_TAGGED, ST_STALE, ST_INELIGIBLE, NSTATE };
static const char *statename[NSTATE] = {
	"ELIGIBLE", "PENDING_TAG", "TAGGED", "STALE_TAG", "INELIGIBLE"
};

static int
state_of(const char *s)
{
	int i;

	for (i = 0; i < NSTATE; i++)
		if (strcmp(s, statename[i]) == 0)
			return i;
	return -1;
}

/* ---- strings, groups ---- */

static struct strtab S;		/* every name: workloads, teams, accounts */
static uint32_t ID_ALL, ID_UNOWNED;
#define SS(id) strtab_get(&S, (id))

static uint32_t
sid(const char *s)
{
	return strtab_intern(&S, s, strlen(s));
}

static void *
grow_to(void *p, size_t *cap, size_t need, size_t elt)
{
	size_t nc;

	if (need <= *cap)
		return p;
	nc = *cap ? *cap : 64;
	while (nc < need)
		nc *= 2;
	p = xrealloc(p, nc * elt);
	memset((char *)p + *cap * elt, 0, (nc - *cap) * elt);
	*cap = nc;
	return p;
}

/* The owner labels of a ledger row: the finest group. Spend no claim
 * covers has the workload "unowned"; a ledger without the ownership
 * columns gives the empty workload (no ownership data). */
struct tuple {
	uint32_t w, t, p, f;	/* workload, team, product, portfolio */
};
static struct strtab tuptab;
static struct tuple *tup;
static size_t tupcap;

static uint32_t
tuple_of(uint32_t w, uint32_t t, uint32_t p, uint32_t f)
{
	uint32_t k[4] = { w, t, p, f };
	uint32_t id = strtab_intern(&tuptab, (const char *)k, sizeof(k));

	tup = grow_to(tup, &tupcap, (size_t)id + 1, sizeof(*tup));
	tup[id].w = w;
	tup[id].t = t;
	tup[id].p = p;
	tup[id].f = f;
	return id;
}

static int
owned(const struct tuple *t)
{
	return t->w != 0 && t->w != ID_UNOWNED;
}

/* ---- figures ---- */

struct fig {
	money_t cost;		/* all usage spend */
	money_t owned;		/* spend a workload claims */
	money_t unowned;	/* spend no workload claims */
	money_t share;		/* share of the accounts' unowned spend */
	money_t elig, accr, pend, stale, untr;
	money_t ai_elig, ai_accr;
	long n[NSTATE];		/* entities by the state their day ended in */
};

static void
fig_add(struct fig *a, const struct fig *b)
{
	int i;

	a->cost += b->cost;
	a->owned += b->owned;
	a->unowned += b->unowned;
	a->share += b->share;
	a->elig += b->elig;
	a->accr += b->accr;
	a->pend += b->pend;
	a->stale += b->stale;
	a->untr += b->untr;
	a->ai_elig += b->ai_elig;
	a->ai_accr += b->ai_accr;
	for (i = 0; i < NSTATE; i++)
		a->n[i] += b->n[i];
}

/* one group (tuple) on one day: from the ledger or from the history */
struct dfig {
	long day;
	uint32_t tup;
	struct fig f;
};
static struct strtab dftab;	/* (day, tuple) -> id */
static struct dfig *dfs;
static size_t dfcap;

static uint32_t
dfig_id(long day, uint32_t t, int *isnew)
{
	int32_t k[2] = { (int32_t)day, (int32_t)t };
	uint32_t n0 = dftab.n;
	uint32_t id = strtab_intern(&dftab, (const char *)k, sizeof(k));

	dfs = grow_to(dfs, &dfcap, (size_t)id + 1, sizeof(*dfs));
	if (isnew)
		*isnew = id >= n0;
	if (id >= n0) {
		dfs[id].day = day;
		dfs[id].tup = t;
	}
	return id;
}

/* days the ledger covers, and which -l file holds each */
static struct strtab ldtab;
static int *ldfile;
static size_t ldcap;

static int
ledger_day(long day)
{
	int32_t k = (int32_t)day;

	return strtab_find(&ldtab, (const char *)&k, sizeof(k)) != UINT32_MAX;
}

/* unowned and owned spend per account and day, and per account, day
 * and group, to share the unowned spend out */
static struct strtab adtab, adttab;
static money_t *adU, *adO;
static size_t adcap, adUcap;
struct adt {
	uint32_t ad, df;
	money_t o;
};
static struct adt *adts;
static size_t adtcap;

/* ---- options and inputs ---- */

static long as_of = NODAY, given_as_of = NODAY;
static long mfirst, wfirst, wstart;	/* month, window, both */
static unsigned char known[WINDOW + 1];	/* days with data, from wstart */
static int have_owners;			/* some ledger had ownership */

enum { V_RATE, V_SCOREBOARD, V_LEAD, V_PORTFOLIO, V_ENGINEER, V_OWNER };
static int view = V_RATE;
static int opt_text;
static const char *opt_scope;

/* ---- row filters of a view ---- */

enum { G_ALL, G_TEAM, G_PRODUCT, G_PORTFOLIO, G_WORKLOAD, G_PRODTEAM,
	G_ONE };
static const char *byname[] = {
	"all", "team", "product", "portfolio",
	"workload" };

static uint32_t scope_pf;		/* portfolio scope */
static unsigned char *wsel;		/* workloads of an engineer or owner */
static size_t wselcap;

static int
keep_portfolio(const struct tuple *t)
{
	return owned(t) && t->f == scope_pf;
}

static int
keep_wsel(const struct tuple *t)
{
	return owned(t) && t->w < wselcap && wsel[t->w];
}

/* ---- exact rates ---- */

struct rt {
	int has;
	money_t v;		/* in money units, rounded to RATE_DP */
};

/* a / b rounded half away from zero to dp decimals, b > 0, exactly: long
 * division, so no intermediate product can overflow */
static money_t
ratio(money_t a, money_t b, int dp)
{
	unsigned __int128 ua, ub, q, r;
	money_t scale = 1;
	int neg = a < 0, i;

	ua = neg ? (unsigned __int128)(-(a + 1)) + 1 : (unsigned __int128)a;
	ub = (unsigned __int128)b;
	q = ua / ub;
	r = ua % ub;
	if (q > (unsigned __int128)1 << 80) {	/* absurd data: clamp */
		q = (unsigned __int128)1 << 80;
		r = 0;
	}
	for (i = 0; i < dp; i++) {
		q = q * 10 + (r * 10) / ub;
		r = (r * 10) % ub;
	}
	if (r >= ub - r)
		q++;
	for (i = dp; i < MONEY_DP; i++)
		scale *= 10;
	return neg ? -((money_t)q * scale) : (money_t)q * scale;
}

static struct rt
rate_of(money_t a, money_t b)
{
	struct rt r = { 0, 0 };

	if (b > 0) {
		r.has = 1;
		r.v = ratio(a, b, RATE_DP);
	}
	return r;
}

/* Resource ownership: owned spend over owned spend plus unowned spend.
 * A group that holds unowned spend itself (overall, "unowned") counts
 * that; any other group counts its share of the unowned spend of the
 * accounts it has spend in. */
static money_t
fig_unowned(const struct fig *f)
{
	return f->unowned != 0 ? f->unowned : f->share;
}

static struct rt
own_of(const struct fig *f)
{
	return rate_of(f->owned, f->owned + fig_unowned(f));
}

/* level 0..7 of a rate for the sparkline: floor(rate * 8), at most 7 */
static int
spark_level(money_t v)
{
	money_t l = v * 8 / MONEY_ONE;

	return l < 0 ? 0 : l > 7 ? 7 : (int)l;
}

static const char *spark[8] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};
#define SPARK_NONE "\xc2\xb7"	/* middle dot: no rate that day */

/* ---- input helpers ---- */

_Noreturn static void bad(const struct tsvr *, const char *, const char *,
    ...) __attribute__((format(printf, 3, 4)));

/* "FILE:LINE: message" and exit 3 */
static void
bad(const struct tsvr *t, const char *path, const char *fmt, ...)
{
	struct err e = { 0 };
	va_list ap;

	e.status = EXIT_DATA;
	e.line = t->lineno;
	va_start(ap, fmt);
	vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
	va_end(ap);
	die_err(path, &e);
}

static long
dayf(const struct tsvr *t, int col, const char *path)
{
	long d;

	if (col < 0 || t->len[col] == 0)
		return NODAY;
	if (date_parse_day(t->f[col], t->len[col], &d))
		bad(t, path, "column '%s': invalid date '%s'", t->hdr[col],
		    t->f[col]);
	return d;
}

static long
dayf_need(const struct tsvr *t, int col, const char *path)
{
	long d = dayf(t, col, path);

	if (d == NODAY)
		bad(t, path, "column '%s': empty", t->hdr[col]);
	return d;
}

static money_t
moneyf(const struct tsvr *t, int col, const char *path)
{
	money_t m = 0;

	if (col < 0 || t->len[col] == 0)
		return 0;
	if (money_parse(t->f[col], t->len[col], &m))
		bad(t, path, "column '%s': invalid number '%s'", t->hdr[col],
		    t->f[col]);
	return m;
}

static long
countf(const struct tsvr *t, int col, const char *path)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(t->f[col], &end, 10);
	if (t->len[col] == 0 || *end || v < 0 || errno || t->f[col][0] == '+' ||
	    t->f[col][0] == ' ')
		bad(t, path, "column '%s': invalid count '%s'", t->hdr[col],
		    t->f[col]);
	return v;
}

/* YYYY-MM as a month number */
static int
month_parse(const char *s, size_t n, long *out)
{
	char b[16];
	long d;

	if (n != 7)
		return -1;
	memcpy(b, s, 7);
	memcpy(b + 7, "-01", 4);
	if (date_parse_day(b, 10, &d))
		return -1;
	*out = date_month(d);
	return 0;
}

static void
fmt_month(long m, char b[8])
{
	char d[DATE_DAYLEN];

	date_fmt_day(date_month_first(m), d);
	memcpy(b, d, 7);
	b[7] = '\0';
}

static void
check_as_of(const struct tsvr *t, int col, const char *path, long *seen)
{
	long d = dayf_need(t, col, path);

	if (*seen == NODAY)
		*seen = d;
	else if (d != *seen)
		bad(t, path, "column '%s': '%s' differs from the first row's",
		    t->hdr[col], t->f[col]);
}

static void
same_as_of(const char *path, long d)
{
	char a[DATE_DAYLEN], b[DATE_DAYLEN];

	if (d == NODAY || d == as_of)
		return;
	date_fmt_day(d, a);
	date_fmt_day(as_of, b);
	die(EXIT_DATA, "%s: as of %s, but the scores are as of %s", path, a,
	    b);
}

/* ---- the ledger ---- */

static long ledger_last = NODAY;

static void
load_ledger(const char *path, int fileno, const char **paths)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_date, c_ent, c_kind, c_acct, c_state, c_cost, c_elig, c_accr;
	int c_wl, c_team, c_prod, c_pf;
	long pday = NODAY;
	struct buf pent = { 0 };
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_date = need_col(t, "date", path);
	c_ent = need_col(t, "entity", path);
	c_kind = need_col(t, "entity_kind", path);
	c_acct = need_col(t, "account", path);
	c_state = need_col(t, "state", path);
	c_cost = need_col(t, "cost", path);
	c_elig = need_col(t, "eligible_cost", path);
	c_accr = need_col(t, "accruing_cost", path);
	c_wl = tsvr_col(t, "workload");
	c_team = c_prod = c_pf = -1;
	if (c_wl >= 0) {
		c_team = need_col(t, "team", path);
		c_prod = need_col(t, "product", path);
		c_pf = need_col(t, "portfolio", path);
		have_owners = 1;
	}
	while ((rc = tsvr_next(t, &e)) == 1) {
		long d = dayf_need(t, c_date, path);
		const char *ent = t->f[c_ent];
		int st, cmp, isnew;
		uint32_t tp, df, acct;
		int32_t k32;
		uint32_t lid, n0;
		struct fig *f;
		money_t cost, elig, accr;

		if (t->len[c_ent] == 0)
			bad(t, path, "column '%s': empty", "entity");
		cmp = pday == NODAY ? 1 : d != pday ? (d > pday ? 1 : -1) :
		    strcmp(ent, buf_cstr(&pent));
		if (cmp == 0) {
			char b[DATE_DAYLEN];

			date_fmt_day(d, b);
			bad(t, path, "entity '%s' appears twice on %s", ent, b);
		}
		if (cmp < 0)
			bad(t, path, "row out of order: the ledger must be "
			    "sorted by date, then entity");
		if (d != pday) {
			k32 = (int32_t)d;
			if (given_as_of == NODAY || d <= given_as_of) {
				n0 = ldtab.n;
				lid = strtab_intern(&ldtab, (const char *)&k32,
				    sizeof(k32));
				ldfile = grow_to(ldfile, &ldcap, (size_t)lid + 1,
				    sizeof(*ldfile));
				if (lid >= n0)
					ldfile[lid] = fileno;
				else if (ldfile[lid] != fileno) {
					char b[DATE_DAYLEN];

					date_fmt_day(d, b);
					bad(t, path, "day %s is also in %s", b,
					    paths[ldfile[lid]]);
				}
			}
		}
		pday = d;
		pent.len = 0;
		buf_add(&pent, ent, t->len[c_ent]);
		if (given_as_of != NODAY && d > given_as_of)
			continue;
		if ((st = state_of(t->f[c_state])) < 0)
			bad(t, path, "column 'state': unknown state '%s'",
			    t->f[c_state]);
		cost = moneyf(t, c_cost, path);
		elig = moneyf(t, c_elig, path);
		accr = moneyf(t, c_accr, path);
		if (c_wl >= 0)
			tp = tuple_of(sid(t->f[c_wl]), sid(t->f[c_team]),
			    sid(t->f[c_prod]), sid(t->f[c_pf]));
		else
			tp = tuple_of(0, 0, 0, 0);
		df = dfig_id(d, tp, &isnew);
		f = &dfs[df].f;
		f->cost += cost;
		f->elig += elig;
		f->accr += accr;
		if (st == ST_PENDING)
			f->pend += elig;
		else if (st == ST_STALE)
			f->stale += elig;
		else if (st == ST_ELIGIBLE)
			f->untr += elig;
		if (strcmp(t->f[c_kind], "profile") == 0 ||
		    strcmp(t->f[c_kind], "ai-direct") == 0) {
			f->ai_elig += elig;
			f->ai_accr += accr;
		}
		f->n[st]++;
		if (d > ledger_last)
			ledger_last = d;
		/* ownership, and what is needed to share the unowned out */
		if (tup[tp].w == 0)
			continue;
		acct = sid(t->f[c_acct]);
		{
			int32_t k[2] = { (int32_t)d, (int32_t)acct };
			uint32_t ad = strtab_intern(&adtab, (const char *)k,
			    sizeof(k));

			adU = grow_to(adU, &adUcap, (size_t)ad + 1,
			    sizeof(*adU));
			adO = grow_to(adO, &adcap, (size_t)ad + 1, sizeof(*adO));
			if (!owned(&tup[tp])) {
				f->unowned += cost;
				adU[ad] += cost;
			} else {
				int32_t k3[3] = { (int32_t)d, (int32_t)acct,
					(int32_t)tp };
				uint32_t x;

				f->owned += cost;
				adO[ad] += cost;
				x = strtab_intern(&adttab, (const char *)k3,
				    sizeof(k3));
				adts = grow_to(adts, &adtcap, (size_t)x + 1,
				    sizeof(*adts));
				adts[x].ad = ad;
				adts[x].df = df;
				adts[x].o += cost;
			}
		}
	}
	if (rc < 0)
		die_err(path, &e);
	buf_free(&pent);
	tsvr_close(t);
}

/* Each group's share of the unowned spend of the accounts it has spend
 * in, day by day, in proportion to its owned spend there. */
static void
share_unowned(void)
{
	uint32_t i;

	for (i = 1; i < adttab.n; i++) {
		const struct adt *x = &adts[i];
		money_t u = adU[x->ad], o = adO[x->ad];

		if (u == 0 || o <= 0)
			continue;
		dfs[x->df].f.share += money_mul(u, money_div(x->o, o));
	}
}

/* ---- the history ---- */

static const char *hist_cols[] = {
	"date", "workload", "team", "product", "portfolio", "cost",
	"unowned_share", "eligible_cost", "accruing_cost", "pending_cost",
	"stale_cost", "untrackable_cost", "ai_eligible_cost",
	"ai_accruing_cost", "ELIGIBLE", "PENDING_TAG", "TAGGED", "STALE_TAG",
	"INELIGIBLE"
};
#define NHIST (sizeof(hist_cols) / sizeof(hist_cols[0]))

static long hist_last = NODAY;

static void
load_history(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t;
	struct stat st;
	int c[NHIST];
	size_t i;
	int rc;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return;		/* the first run makes it */
	} else if (S_ISREG(st.st_mode) && st.st_size == 0)
		return;			/* an empty file: no history yet */
	if ((t = tsvr_open(path, &e)) == NULL)
		die_err(path, &e);
	for (i = 0; i < t->nf; i++) {
		size_t j;

		for (j = 0; j < NHIST; j++)
			if (strcmp(t->hdr[i], hist_cols[j]) == 0)
				break;
		if (j == NHIST) {
			err_set(&e, EXIT_DATA, 1, "unknown column '%s' (it "
			    "would be lost when the history is rewritten)",
			    t->hdr[i]);
			die_err(path, &e);
		}
	}
	for (i = 0; i < NHIST; i++)
		c[i] = need_col(t, hist_cols[i], path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		long d = dayf_need(t, c[0], path);
		uint32_t tp, df;
		struct fig *f;
		int isnew, k;

		if (d > hist_last)
			hist_last = d;
		if (ledger_day(d))
			continue;	/* the ledger has it: replaced */
		tp = tuple_of(sid(t->f[c[1]]), sid(t->f[c[2]]),
		    sid(t->f[c[3]]), sid(t->f[c[4]]));
		df = dfig_id(d, tp, &isnew);
		if (!isnew)
			bad(t, path, "a second row for %s and workload '%s'",
			    t->f[c[0]], t->f[c[1]]);
		f = &dfs[df].f;
		f->cost = moneyf(t, c[5], path);
		if (owned(&tup[tp])) {
			f->owned = f->cost;
			have_owners = 1;
		} else if (tup[tp].w == ID_UNOWNED) {
			f->unowned = f->cost;
			have_owners = 1;
		}
		f->share = moneyf(t, c[6], path);
		f->elig = moneyf(t, c[7], path);
		f->accr = moneyf(t, c[8], path);
		f->pend = moneyf(t, c[9], path);
		f->stale = moneyf(t, c[10], path);
		f->untr = moneyf(t, c[11], path);
		f->ai_elig = moneyf(t, c[12], path);
		f->ai_accr = moneyf(t, c[13], path);
		for (k = 0; k < NSTATE; k++)
			f->n[k] = countf(t, c[14 + k], path);
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

static int
cmp_dfig(const void *a, const void *b)
{
	const struct dfig *x = &dfs[*(const uint32_t *)a];
	const struct dfig *y = &dfs[*(const uint32_t *)b];
	const struct tuple *p = &tup[x->tup], *q = &tup[y->tup];
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(SS(p->w), SS(q->w))) != 0)
		return c;
	if ((c = strcmp(SS(p->t), SS(q->t))) != 0)
		return c;
	if ((c = strcmp(SS(p->p), SS(q->p))) != 0)
		return c;
	return strcmp(SS(p->f), SS(q->f));
}

static void
write_history(struct out *o)
{
	uint32_t *ix, i, n = 0;
	size_t k;

	ix = xcalloc(dftab.n, sizeof(*ix));
	for (i = 1; i < dftab.n; i++)
		ix[n++] = i;
	qsort(ix, n, sizeof(*ix), cmp_dfig);
	for (k = 0; k < NHIST; k++) {
		if (k)
			out_c(o, '\t');
		out_s(o, hist_cols[k]);
	}
	out_c(o, '\n');
	for (i = 0; i < n; i++) {
		const struct dfig *d = &dfs[ix[i]];
		const struct tuple *t = &tup[d->tup];
		const struct fig *f = &d->f;
		const money_t m[] = { f->cost, f->share, f->elig, f->accr,
			f->pend, f->stale, f->untr, f->ai_elig, f->ai_accr };
		int j;

		out_day(o, d->day);
#define V(id) do { out_c(o, '\t'); out_vals(o, SS(id)); } while (0)
		V(t->w);
		V(t->t);
		V(t->p);
		V(t->f);
#undef V
		for (j = 0; j < (int)(sizeof(m) / sizeof(m[0])); j++) {
			out_c(o, '\t');
			out_money(o, m[j]);
		}
		for (j = 0; j < NSTATE; j++) {
			out_c(o, '\t');
			out_long(o, f->n[j]);
		}
		out_c(o, '\n');
	}
	free(ix);
}

/* ---- the state, tasks, attribution, claims, signals ---- */

struct srow {
	char *entity, *kind, *account, *state, *reason, *last_good_tag;
	char *workload, *owner, *engineer;
	long elig_date, since, drift;
	money_t elig, accr, risk;
	int st;
};
static struct srow *srows;
static size_t nsrows;

static void
load_state(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_asof, c_ent, c_kind, c_acct, c_state, c_reason, c_edate, c_since;
	int c_drift, c_good, c_elig, c_accr, c_risk, c_wl, c_owner, c_eng;
	long seen = NODAY;
	size_t cap = 0;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_asof = need_col(t, "as_of", path);
	c_ent = need_col(t, "entity", path);
	c_kind = need_col(t, "entity_kind", path);
	c_acct = need_col(t, "account", path);
	c_state = need_col(t, "state", path);
	c_reason = need_col(t, "reason", path);
	c_edate = need_col(t, "eligibility_date", path);
	c_since = need_col(t, "state_since", path);
	c_drift = need_col(t, "drift_date", path);
	c_good = need_col(t, "last_good_tag", path);
	c_elig = need_col(t, "eligible_cost", path);
	c_accr = need_col(t, "accruing_cost", path);
	c_risk = need_col(t, "at_risk_cost", path);
	/* a state made without -w: everything is unowned */
	c_wl = tsvr_col(t, "workload");
	c_owner = tsvr_col(t, "owner");
	c_eng = tsvr_col(t, "engineer");
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct srow *r;

		check_as_of(t, c_asof, path, &seen);
		if (nsrows == cap) {
			cap = cap ? cap * 2 : 64;
			srows = xrealloc(srows, cap * sizeof(*srows));
		}
		r = &srows[nsrows++];
		r->entity = dup_field(t, c_ent);
		r->kind = dup_field(t, c_kind);
		r->account = dup_field(t, c_acct);
		r->state = dup_field(t, c_state);
		r->reason = dup_field(t, c_reason);
		r->last_good_tag = dup_field(t, c_good);
		r->workload = c_wl < 0 ? xstrdup("unowned") : dup_field(t, c_wl);
		r->owner = dup_field(t, c_owner);
		r->engineer = dup_field(t, c_eng);
		r->elig_date = dayf(t, c_edate, path);
		r->since = dayf(t, c_since, path);
		r->drift = dayf(t, c_drift, path);
		r->elig = moneyf(t, c_elig, path);
		r->accr = moneyf(t, c_accr, path);
		r->risk = moneyf(t, c_risk, path);
		if ((r->st = state_of(r->state)) < 0)
			bad(t, path, "column 'state': unknown state '%s'",
			    r->state);
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
	same_as_of(path, seen);
}

struct task {
	char *id, *type, *entity, *kind, *account, *region, *model;
	char *principal, *expected, *last_good_tag, *assignee, *workload;
	char *owner, *profile, *action, *command;
	long drift, opened;
	money_t daily, todate;
	int open;
};
static struct task *tasks;
static size_t ntasks;

static void
load_tasks(const char *path)
{
	static const char *cols[] = {
		"as_of", "task_id", "type", "status",
		"entity", "entity_kind", "account", "region", "model",
		"principal", "expected_tag", "last_good_tag", "drift_date",
		"opened", "assignee", "workload", "owner", "profile",
		"daily_impact", "impact_to_date", "action", "command" };
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c[sizeof(cols) / sizeof(cols[0])];
	long seen = NODAY;
	size_t i, cap = 0;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		c[i] = need_col(t, cols[i], path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct task *k;

		check_as_of(t, c[0], path, &seen);
		if (strcmp(t->f[c[3]], "open") && strcmp(t->f[c[3]], "closed"))
			bad(t, path, "column 'status': '%s' is neither open "
			    "nor closed", t->f[c[3]]);
		if (ntasks == cap) {
			cap = cap ? cap * 2 : 64;
			tasks = xrealloc(tasks, cap * sizeof(*tasks));
		}
		k = &tasks[ntasks++];
		k->open = strcmp(t->f[c[3]], "open") == 0;
		k->id = dup_field(t, c[1]);
		k->type = dup_field(t, c[2]);
		k->entity = dup_field(t, c[4]);
		k->kind = dup_field(t, c[5]);
		k->account = dup_field(t, c[6]);
		k->region = dup_field(t, c[7]);
		k->model = dup_field(t, c[8]);
		k->principal = dup_field(t, c[9]);
		k->expected = dup_field(t, c[10]);
		k->last_good_tag = dup_field(t, c[11]);
		k->drift = dayf(t, c[12], path);
		k->opened = dayf(t, c[13], path);
		k->assignee = dup_field(t, c[14]);
		k->workload = dup_field(t, c[15]);
		k->owner = dup_field(t, c[16]);
		k->profile = dup_field(t, c[17]);
		k->daily = moneyf(t, c[18], path);
		k->todate = moneyf(t, c[19], path);
		k->action = dup_field(t, c[20]);
		k->command = dup_field(t, c[21]);
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
	same_as_of(path, seen);
}

struct arow {
	long month;
	char *contract, *workload, *team, *product, *portfolio, *share_s;
	char *method;
	money_t accr, share, credit;
};
static struct arow *arows;
static size_t narows;

static void
load_attribution(const char *path)
{
	static const char *cols[] = {
		"month", "contract", "workload", "team",
		"product", "portfolio", "accruing_cost", "share", "credit",
		"method" };
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c[sizeof(cols) / sizeof(cols[0])];
	size_t i, cap = 0;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		c[i] = need_col(t, cols[i], path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct arow *a;

		if (narows == cap) {
			cap = cap ? cap * 2 : 64;
			arows = xrealloc(arows, cap * sizeof(*arows));
		}
		a = &arows[narows];
		if (month_parse(t->f[c[0]], t->len[c[0]], &a->month))
			bad(t, path, "column 'month': invalid month '%s'",
			    t->f[c[0]]);
		a->accr = moneyf(t, c[6], path);
		a->share = moneyf(t, c[7], path);
		a->credit = moneyf(t, c[8], path);
		a->contract = dup_field(t, c[1]);
		a->workload = dup_field(t, c[2]);
		a->team = dup_field(t, c[3]);
		a->product = dup_field(t, c[4]);
		a->portfolio = dup_field(t, c[5]);
		a->share_s = dup_field(t, c[7]);
		a->method = dup_field(t, c[9]);
		narows++;
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

#define NCLAIM 10
static const char *claim_cols[NCLAIM] = {
	"eligible_cost", "accruing_cost",
	"pending_cost", "stale_cost", "projected", "earned", "received", "gap",
	"gap_pending", "gap_stale" };
struct crow {
	long month;
	char *contract;
	money_t v[NCLAIM];
};
static struct crow *crows;
static size_t ncrows;

static void
load_claims(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_month, c_contract, c[NCLAIM];
	size_t cap = 0;
	int rc, i;

	if (t == NULL)
		die_err(path, &e);
	c_month = need_col(t, "month", path);
	c_contract = need_col(t, "contract", path);
	for (i = 0; i < NCLAIM; i++)
		c[i] = need_col(t, claim_cols[i], path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct crow *r;

		if (ncrows == cap) {
			cap = cap ? cap * 2 : 16;
			crows = xrealloc(crows, cap * sizeof(*crows));
		}
		r = &crows[ncrows];
		if (month_parse(t->f[c_month], t->len[c_month], &r->month))
			bad(t, path, "column 'month': invalid month '%s'",
			    t->f[c_month]);
		for (i = 0; i < NCLAIM; i++)
			r->v[i] = moneyf(t, c[i], path);
		r->contract = dup_field(t, c_contract);
		ncrows++;
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

/* ---- the CFM Scoreboard ---- */

#define SIG_MAP "map_compliance"
#define SIG_OWN "ownership"

struct signal {
	uint32_t team, name;
	money_t v;
};
static struct signal *sigs;
static size_t nsigs;
static uint32_t *signames;	/* distinct names of --signals, sorted */
static size_t nsignames;

struct weight {
	const char *name;
	money_t w;
};
static struct weight *weights;
static size_t nweights;

struct band {
	char *name;
	money_t min;
};
static struct band *bands;
static size_t nbands;

static int
cmp_sid(const void *a, const void *b)
{
	return strcmp(SS(*(const uint32_t *)a), SS(*(const uint32_t *)b));
}

static void
load_signals(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_team, c_sig, c_val;
	size_t i, cap = 0;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_team = need_col(t, "team", path);
	c_sig = need_col(t, "signal", path);
	c_val = need_col(t, "value", path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct signal g;

		if (t->len[c_team] == 0)
			bad(t, path, "column '%s': empty", "team");
		if (t->len[c_sig] == 0)
			bad(t, path, "column '%s': empty", "signal");
		if (strcmp(t->f[c_sig], SIG_MAP) == 0 ||
		    strcmp(t->f[c_sig], SIG_OWN) == 0)
			bad(t, path, "signal '%s' is derived by mapscore, not "
			    "read", t->f[c_sig]);
		if (strcmp(t->f[c_sig], "team") == 0 ||
		    strcmp(t->f[c_sig], "score") == 0 ||
		    strcmp(t->f[c_sig], "grade") == 0)
			bad(t, path, "signal '%s': the name is taken by a "
			    "column", t->f[c_sig]);
		if (t->len[c_val] == 0)
			bad(t, path, "column '%s': empty", "value");
		g.v = moneyf(t, c_val, path);
		if (g.v < 0 || g.v > MONEY_ONE)
			bad(t, path, "column 'value': '%s' is not between 0 "
			    "and 1", t->f[c_val]);
		g.team = sid(t->f[c_team]);
		g.name = sid(t->f[c_sig]);
		for (i = 0; i < nsigs; i++)
			if (sigs[i].team == g.team && sigs[i].name == g.name)
				bad(t, path, "signal '%s' of team '%s' is given "
				    "twice", t->f[c_sig], t->f[c_team]);
		if (nsigs == cap) {
			cap = cap ? cap * 2 : 16;
			sigs = xrealloc(sigs, cap * sizeof(*sigs));
		}
		sigs[nsigs++] = g;
		for (i = 0; i < nsignames; i++)
			if (signames[i] == g.name)
				break;
		if (i == nsignames) {
			signames = xrealloc(signames, (nsignames + 1) *
			    sizeof(*signames));
			signames[nsignames++] = g.name;
		}
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
	if (nsignames > 1)
		qsort(signames, nsignames, sizeof(*signames), cmp_sid);
}

static money_t
weight_of(const char *name)
{
	size_t i;

	for (i = nweights; i-- > 0;)
		if (strcmp(weights[i].name, name) == 0)
			return weights[i].w;
	return strcmp(name, SIG_MAP) == 0 ? 2 * MONEY_ONE : MONEY_ONE;
}

static const char *
grade_of(money_t score)
{
	size_t i;

	for (i = 0; i < nbands; i++)
		if (score >= bands[i].min)
			return bands[i].name;
	return "F";
}

static int
cmp_band(const void *a, const void *b)
{
	const struct band *x = a, *y = b;

	return x->min > y->min ? -1 : x->min < y->min;
}

/* "A=0.9,B=0.8,..." */
static void
parse_bands(const char *arg)
{
	const char *p = arg;
	size_t i;

	for (i = 0; i < nbands; i++)
		free(bands[i].name);
	nbands = 0;
	while (*p) {
		const char *eq = strchr(p, '='), *end = strchr(p, ',');
		money_t m;

		if (end == NULL)
			end = p + strlen(p);
		if (eq == NULL || eq > end || eq == p)
			usage_error("--bands wants NAME=MIN[,NAME=MIN]..., not "
			    "'%s'", arg);
		if (money_parse(eq + 1, (size_t)(end - eq - 1), &m) || m < 0 ||
		    m > MONEY_ONE)
			usage_error("--bands: '%.*s' is not a threshold "
			    "between 0 and 1", (int)(end - eq - 1), eq + 1);
		for (i = 0; i < nbands; i++)
			if (bands[i].min == m)
				usage_error("--bands: two grades at %.*s",
				    (int)(end - eq - 1), eq + 1);
		bands = xrealloc(bands, (nbands + 1) * sizeof(*bands));
		bands[nbands].name = xstrndup(p, (size_t)(eq - p));
		bands[nbands].min = m;
		nbands++;
		p = *end ? end + 1 : end;
		if (*end && *p == '\0')
			usage_error("--bands: trailing ','");
	}
	if (nbands == 0)
		usage_error("--bands wants at least one NAME=MIN");
	qsort(bands, nbands, sizeof(*bands), cmp_band);
}

/* a fraction 0..1: "0.85" or "85%" */
static int
parse_frac(const char *s, money_t *out)
{
	size_t n = strlen(s);
	int pct = n > 0 && s[n - 1] == '%';

	if (money_parse(s, n - (size_t)pct, out))
		return -1;
	if (pct)
		*out = money_div(*out, 100 * MONEY_ONE);
	return *out < 0 || *out > MONEY_ONE ? -1 : 0;
}

/* ---- groups over the windows ---- */

struct gacc {
	uint32_t a, b;
	struct fig mtd, d30, today;
	struct fig tr[WINDOW];
};
struct gset {
	struct gacc **g;
	size_t n;
	struct strtab idx;
};

static int
cmp_label(uint32_t a, uint32_t b)
{
	if (a == b)
		return 0;
	if (a == ID_UNOWNED)	/* spend no claim covers: last */
		return 1;
	if (b == ID_UNOWNED)
		return -1;
	return strcmp(SS(a), SS(b));
}

static int
cmp_gacc(const void *x, const void *y)
{
	const struct gacc *a = *(struct gacc *const *)x;
	const struct gacc *b = *(struct gacc *const *)y;
	int c = cmp_label(a->a, b->a);

	return c ? c : cmp_label(a->b, b->b);
}

static void
gather(struct gset *gs, int by, uint32_t one,
    int (*keep)(const struct tuple *))
{
	uint32_t i;

	memset(gs, 0, sizeof(*gs));
	strtab_init(&gs->idx);
	for (i = 1; i < dftab.n; i++) {
		const struct dfig *d = &dfs[i];
		const struct tuple *t = &tup[d->tup];
		int own = owned(t);
		uint32_t k[2] = { 0, 0 }, id;
		struct gacc *g;

		if (d->day < wstart || d->day > as_of)
			continue;
		if (keep && !keep(t))
			continue;
		switch (by) {
		case G_ALL: k[0] = ID_ALL; break;
		case G_TEAM: k[0] = own ? t->t : ID_UNOWNED; break;
		case G_PRODUCT: k[0] = own ? t->p : ID_UNOWNED; break;
		case G_PORTFOLIO: k[0] = own ? t->f : ID_UNOWNED; break;
		case G_WORKLOAD: k[0] = own ? t->w : ID_UNOWNED; break;
		case G_PRODTEAM:
			k[0] = own ? t->p : ID_UNOWNED;
			k[1] = own ? t->t : ID_UNOWNED;
			break;
		default: k[0] = one; break;
		}
		id = strtab_intern(&gs->idx, (const char *)k, sizeof(k));
		if (id > gs->n) {
			gs->g = xrealloc(gs->g, id * sizeof(*gs->g));
			gs->g[id - 1] = xcalloc(1, sizeof(struct gacc));
			gs->g[id - 1]->a = k[0];
			gs->g[id - 1]->b = k[1];
			gs->n = id;
		}
		g = gs->g[id - 1];
		if (d->day >= mfirst)
			fig_add(&g->mtd, &d->f);
		if (d->day >= wfirst) {
			fig_add(&g->d30, &d->f);
			fig_add(&g->tr[d->day - wfirst], &d->f);
		}
		if (d->day == as_of)
			fig_add(&g->today, &d->f);
	}
	if (gs->n > 1)
		qsort(gs->g, gs->n, sizeof(*gs->g), cmp_gacc);
}

static void
gset_free(struct gset *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		free(gs->g[i]);
	free(gs->g);
	strtab_free(&gs->idx);
}

/* a group with no data still gets its row, with no rate */
static void
gset_ensure(struct gset *gs, uint32_t a)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		if (gs->g[i]->a == a)
			return;
	gs->g = xrealloc(gs->g, (gs->n + 1) * sizeof(*gs->g));
	memmove(gs->g + 1, gs->g, gs->n * sizeof(*gs->g));
	gs->g[0] = xcalloc(1, sizeof(struct gacc));
	gs->g[0]->a = a;
	gs->n++;
}

static struct gacc *
gset_find(const struct gset *gs, uint32_t a)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		if (gs->g[i]->a == a)
			return gs->g[i];
	return NULL;
}

static int
known_day(long d)
{
	return d >= wstart && d <= as_of && known[d - wstart];
}

static long
known_days(long from)
{
	long d, n = 0;

	for (d = from; d <= as_of; d++)
		n += known_day(d);
	return n;
}

/* ---- output tables ---- */

enum { C_STR, C_MONEY, C_RATE, C_COUNT, C_DAY, C_FRAC };

struct col {
	const char *name;
	unsigned char type;
	const char *title;	/* in text; NULL: not shown in text */
};

struct cell {
	unsigned char type, empty;
	long long n;
	money_t m;
	const char *s;
};

struct table {
	const char *section, *title;
	const struct col *cols;
	size_t ncol;
	struct cell *cells;
	size_t nrows, cap, ci;
	void (*text)(const struct table *, struct out *);
	const void *arg;	/* for the text renderer */
};

static char **strpool;		/* strings made for output */
static size_t nstrpool, strpoolcap;

static const char *
keep_str(char *s)
{
	strpool = grow_to(strpool, &strpoolcap, nstrpool + 1, sizeof(*strpool));
	strpool[nstrpool++] = s;
	return s;
}

static struct cell *
cell_next(struct table *t)
{
	struct cell *c;

	if (t->ci == 0) {
		if (t->nrows == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->cells = xrealloc(t->cells, t->cap * t->ncol *
			    sizeof(*t->cells));
		}
	}
	if (t->ci >= t->ncol)
		abort();
	c = &t->cells[t->nrows * t->ncol + t->ci++];
	memset(c, 0, sizeof(*c));
	c->type = t->cols[t->ci - 1].type;
	if (t->ci == t->ncol) {
		t->ci = 0;
		t->nrows++;
	}
	return c;
}

static void
c_str(struct table *t, const char *s)
{
	struct cell *c = cell_next(t);

	c->s = s;
	c->empty = s == NULL || *s == '\0';
}

static void
c_money(struct table *t, int has, money_t m)
{
	struct cell *c = cell_next(t);

	c->m = m;
	c->empty = !has;
}

static void
c_rate(struct table *t, struct rt r)
{
	struct cell *c = cell_next(t);

	c->m = r.v;
	c->empty = !r.has;
}

static void
c_count(struct table *t, int has, long long n)
{
	struct cell *c = cell_next(t);

	c->n = n;
	c->empty = !has;
}

static void
c_day(struct table *t, long d)
{
	struct cell *c = cell_next(t);

	c->n = d;
	c->empty = d == NODAY;
}

static void
c_frac(struct table *t, const char *raw, money_t m)
{
	struct cell *c = cell_next(t);

	c->s = raw;
	c->m = m;
	c->empty = *raw == '\0';
}

static void
tsv_cell(struct out *o, const struct cell *c)
{
	if (c->empty)
		return;
	switch (c->type) {
	case C_STR:
	case C_FRAC:
		out_vals(o, c->s);
		break;
	case C_MONEY:
		out_money(o, c->m);
		break;
	case C_RATE:
		out_money_dp(o, c->m, RATE_DP);
		break;
	case C_COUNT:
		out_long(o, c->n);
		break;
	case C_DAY:
		out_day(o, c->n);
		break;
	}
}

/* ---- text ---- */

/* $1,234.56: rounded to the cent, thousands grouped */
static void
fmt_dollars(money_t m, struct buf *b)
{
	char d[MONEY_BUFSZ];
	size_t n, i, ip;
	const char *p;

	n = money_fmt(money_round(m, 2), d, 2);
	p = d;
	if (*p == '-') {
		buf_addc(b, '-');
		p++;
		n--;
	}
	buf_addc(b, '$');
	ip = (size_t)(strchr(p, '.') - p);
	for (i = 0; i < ip; i++) {
		if (i && (ip - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, p[i]);
	}
	buf_add(b, p + ip, n - ip);
}

static void
fmt_pct(money_t v, struct buf *b)
{
	char d[MONEY_BUFSZ];

	money_fmt(money_round(v * 100, 2), d, 2);
	buf_adds(b, d);
	buf_addc(b, '%');
}

static void
text_cell(const struct cell *c, struct buf *b)
{
	char d[MONEY_BUFSZ];

	b->len = 0;
	buf_grow(b, 0);
	b->s[0] = '\0';
	if (c->empty) {
		if (c->type == C_RATE || c->type == C_FRAC)
			buf_adds(b, "-");
		return;
	}
	switch (c->type) {
	case C_STR:
		buf_adds(b, c->s);
		break;
	case C_MONEY:
		fmt_dollars(c->m, b);
		break;
	case C_RATE:
	case C_FRAC:
		fmt_pct(c->m, b);
		break;
	case C_COUNT:
		buf_printf(b, "%lld", c->n);
		break;
	case C_DAY:
		date_fmt_day((long)c->n, d);
		buf_adds(b, d);
		break;
	}
}

/* display width: UTF-8 code points, each one column */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

/* An aligned table: numbers to the right, text to the left, two spaces
 * between columns, no trailing blanks. */
struct ttab {
	size_t ncol, nrows;
	char **v;		/* nrows x ncol, row 0 the titles */
	unsigned char *right;
};

static void
ttab_print(struct ttab *tt, struct out *o)
{
	size_t *w = xcalloc(tt->ncol, sizeof(*w));
	struct buf line = { 0 };
	size_t r, c, k;

	for (r = 0; r < tt->nrows; r++)
		for (c = 0; c < tt->ncol; c++) {
			size_t x = width(tt->v[r * tt->ncol + c]);

			if (x > w[c])
				w[c] = x;
		}
	for (r = 0; r < tt->nrows; r++) {
		line.len = 0;
		buf_adds(&line, "  ");
		for (c = 0; c < tt->ncol; c++) {
			const char *s = tt->v[r * tt->ncol + c];
			size_t pad = w[c] - width(s);

			if (c)
				buf_adds(&line, "  ");
			if (tt->right[c])
				for (k = 0; k < pad; k++)
					buf_addc(&line, ' ');
			buf_adds(&line, s);
			if (!tt->right[c])
				for (k = 0; k < pad; k++)
					buf_addc(&line, ' ');
		}
		while (line.len && line.s[line.len - 1] == ' ')
			line.len--;
		out_add(o, line.s, line.len);
		out_c(o, '\n');
	}
	for (k = 0; k < tt->nrows * tt->ncol; k++)
		free(tt->v[k]);
	free(tt->v);
	free(tt->right);
	free(w);
	buf_free(&line);
}

/* the generic text of a table: its columns that have a title */
static void
text_table(const struct table *t, struct out *o)
{
	struct ttab tt;
	struct buf b = { 0 };
	size_t c, r, n = 0, *map;

	map = xcalloc(t->ncol, sizeof(*map));
	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].title)
			map[n++] = c;
	tt.ncol = n;
	tt.nrows = t->nrows + 1;
	tt.v = xcalloc(tt.nrows * n, sizeof(*tt.v));
	tt.right = xcalloc(n, 1);
	for (c = 0; c < n; c++) {
		int ty = t->cols[map[c]].type;

		tt.v[c] = xstrdup(t->cols[map[c]].title);
		tt.right[c] = ty != C_STR && ty != C_DAY;
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < n; c++) {
			text_cell(&t->cells[r * t->ncol + map[c]], &b);
			tt.v[(r + 1) * n + c] = xstrdup(buf_cstr(&b));
		}
	ttab_print(&tt, o);
	buf_free(&b);
	free(map);
}

/* ---- sections ---- */

#define MAXTABLES 8
static struct table tables[MAXTABLES];
static size_t ntables;

static struct table *
table_new(const char *section, const char *title, const struct col *cols,
    size_t ncol)
{
	struct table *t;

	if (ntables == MAXTABLES)
		abort();
	t = &tables[ntables++];

	memset(t, 0, sizeof(*t));
	t->section = section;
	t->title = title;
	t->cols = cols;
	t->ncol = ncol;
	return t;
}
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static const struct col rate_cols[] = {
	{ .name = "window", .type = C_STR, .title = NULL }, { .name = "from", .type = C_DAY, .title = NULL },
	{ .name = "to", .type = C_DAY, .title = NULL }, { .name = "days", .type = C_COUNT, .title = NULL },
	{ .name = "by", .type = C_STR, .title = NULL }, { .name = "group", .type = C_STR, .title = NULL },
	{ .name = "cost", .type = C_MONEY, .title = NULL }, { .name = "unowned_cost", .type = C_MONEY, .title = NULL },
	{ .name = "ownership", .type = C_RATE, .title = NULL }, { .name = "eligible_cost", .type = C_MONEY, .title = NULL },
	{ .name = "accruing_cost", .type = C_MONEY, .title = NULL }, { .name = "rate", .type = C_RATE, .title = NULL },
	{ .name = "pending_cost", .type = C_MONEY, .title = NULL }, { .name = "stale_cost", .type = C_MONEY, .title = NULL },
	{ .name = "untrackable_cost", .type = C_MONEY, .title = NULL },
	{ .name = "ai_eligible_cost", .type = C_MONEY, .title = NULL },
	{ .name = "ai_accruing_cost", .type = C_MONEY, .title = NULL }, { .name = "ai_rate", .type = C_RATE, .title = NULL },
	{ .name = "entities", .type = C_COUNT, .title = NULL }, { "ELIGIBLE", C_COUNT, NULL },
	{ "PENDING_TAG", C_COUNT, NULL }, { "TAGGED", C_COUNT, NULL },
	{ "STALE_TAG", C_COUNT, NULL }, { "INELIGIBLE", C_COUNT, NULL },
	{ .name = "pending_daily", .type = C_MONEY, .title = NULL }, { .name = "stale_daily", .type = C_MONEY, .title = NULL },
};

/* the text of the rate section: one line per group, both windows */
static const struct col ratetext_cols[] = {
	{ .name = "group", .type = C_STR, .title = "group" }, { .name = "rate", .type = C_RATE, .title = "rate" },
	{ .name = "eligible", .type = C_MONEY, .title = "eligible" },
	{ .name = "accruing", .type = C_MONEY, .title = "accruing" },
	{ .name = "at_risk", .type = C_MONEY, .title = "at risk" },
	{ .name = "rate30", .type = C_RATE, .title = "30-day rate" },
	{ .name = "trend", .type = C_STR, .title = "trend (30 days)" },
	{ .name = "ai_rate", .type = C_RATE, .title = "AI rate" },
	{ .name = "ownership", .type = C_RATE, .title = "owned" },
	{ .name = "entities", .type = C_COUNT, .title = "entities" },
	{ .name = "pending", .type = C_COUNT, .title = "pending" },
	{ .name = "stale", .type = C_COUNT, .title = "stale" },
	{ .name = "risk_daily", .type = C_MONEY, .title = "at risk/day" },
};

static const char *
sparkline(const struct gacc *g)
{
	struct buf b = { 0 };
	int i;

	for (i = 0; i < WINDOW; i++) {
		const struct fig *f = &g->tr[i];
		struct rt r = rate_of(f->accr, f->elig);

		if (!known_day(wfirst + i) || !r.has)
			buf_adds(&b, SPARK_NONE);
		else
			buf_adds(&b, spark[spark_level(r.v)]);
	}
	return keep_str(b.s);
}

static const char *
label(const struct gacc *g)
{
	if (g->b) {
		struct buf b = { 0 };

		buf_printf(&b, "%s/%s", SS(g->a), SS(g->b));
		return keep_str(b.s);
	}
	return SS(g->a);
}

/* rows of one group in the rate section */
static void
rate_rows(struct table *t, const char *by, const struct gacc *g)
{
	int k, i, today = known_day(as_of);

	if (opt_text) {
		c_str(t, label(g));
		c_rate(t, rate_of(g->mtd.accr, g->mtd.elig));
		c_money(t, 1, g->mtd.elig);
		c_money(t, 1, g->mtd.accr);
		c_money(t, 1, g->mtd.pend + g->mtd.stale);
		c_rate(t, rate_of(g->d30.accr, g->d30.elig));
		c_str(t, sparkline(g));
		c_rate(t, rate_of(g->mtd.ai_accr, g->mtd.ai_elig));
		c_rate(t, have_owners ? own_of(&g->mtd) : (struct rt){ 0, 0 });
		c_count(t, today, g->today.n[0] + g->today.n[1] +
		    g->today.n[2] + g->today.n[3] + g->today.n[4]);
		c_count(t, today, g->today.n[ST_PENDING]);
		c_count(t, today, g->today.n[ST_STALE]);
		c_money(t, today, g->today.pend + g->today.stale);
		return;
	}
	for (k = 0; k < 2; k++) {
		const struct fig *f = k ? &g->d30 : &g->mtd;
		long from = k ? wfirst : mfirst, n = 0;

		c_str(t, k ? "30d" : "mtd");
		c_day(t, from);
		c_day(t, as_of);
		c_count(t, 1, known_days(from));
		c_str(t, by);
		c_str(t, label(g));
		c_money(t, 1, f->cost);
		c_money(t, have_owners, fig_unowned(f));
		c_rate(t, have_owners ? own_of(f) : (struct rt){ 0, 0 });
		c_money(t, 1, f->elig);
		c_money(t, 1, f->accr);
		c_rate(t, rate_of(f->accr, f->elig));
		c_money(t, 1, f->pend);
		c_money(t, 1, f->stale);
		c_money(t, 1, f->untr);
		c_money(t, 1, f->ai_elig);
		c_money(t, 1, f->ai_accr);
		c_rate(t, rate_of(f->ai_accr, f->ai_elig));
		for (i = 0; i < NSTATE; i++)
			n += g->today.n[i];
		c_count(t, today, n);
		for (i = 0; i < NSTATE; i++)
			c_count(t, today, g->today.n[i]);
		c_money(t, today, g->today.pend);
		c_money(t, today, g->today.stale);
	}
}

static struct table *
rate_table(const char *title)
{
	if (opt_text)
		return table_new("rate", title, ratetext_cols,
		    NCOLS(ratetext_cols));
	return table_new("rate", title, rate_cols, NCOLS(rate_cols));
}

static void
rate_section(struct table *t, const char *by, const struct gset *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		rate_rows(t, by, gs->g[i]);
}

/* the trend of one group: a row per day of the window */
static const struct col trend_cols[] = {
	{ .name = "by", .type = C_STR, .title = NULL }, { .name = "group", .type = C_STR, .title = NULL },
	{ .name = "date", .type = C_DAY, .title = NULL }, { .name = "eligible_cost", .type = C_MONEY, .title = NULL },
	{ .name = "accruing_cost", .type = C_MONEY, .title = NULL }, { .name = "rate", .type = C_RATE, .title = NULL },
};

static void
text_trend(const struct table *t, struct out *o)
{
	const struct gacc *g = t->arg;
	char a[DATE_DAYLEN], b[DATE_DAYLEN];
	int i;

	date_fmt_day(wfirst, a);
	date_fmt_day(as_of, b);
	out_s(o, "  ");
	out_s(o, a);
	out_c(o, ' ');
	if (g)
		out_s(o, sparkline(g));
	else
		for (i = 0; i < WINDOW; i++)
			out_s(o, SPARK_NONE);
	out_c(o, ' ');
	out_s(o, b);
	out_c(o, '\n');
	out_s(o, "  (one mark a day, " SPARK_NONE " no rate; low "
	    "\xe2\x96\x81 0-12.5%, high \xe2\x96\x88 87.5-100%)\n");
}

static void
trend_section(const char *by, const char *group, const struct gacc *g)
{
	struct table *t = table_new("trend", "Trend, the last 30 days",
	    trend_cols, NCOLS(trend_cols));
	int i;

	t->text = text_trend;
	t->arg = g;
	for (i = 0; i < WINDOW; i++) {
		long d = wfirst + i;
		int k = known_day(d);
		const struct fig *f = g ? &g->tr[i] : NULL;

		c_str(t, by);
		c_str(t, group);
		c_day(t, d);
		c_money(t, k, f ? f->elig : 0);
		c_money(t, k, f ? f->accr : 0);
		c_rate(t, f ? rate_of(f->accr, f->elig) : (struct rt){ 0, 0 });
	}
}

/* credits claimed vs projected, the as-of month */
static const struct col credit_cols[] = {
	{ .name = "month", .type = C_STR, .title = "month" }, { .name = "contract", .type = C_STR, .title = "contract" },
	{ .name = "eligible_cost", .type = C_MONEY, .title = NULL }, { .name = "accruing_cost", .type = C_MONEY, .title = NULL },
	{ .name = "pending_cost", .type = C_MONEY, .title = NULL }, { .name = "stale_cost", .type = C_MONEY, .title = NULL },
	{ .name = "projected", .type = C_MONEY, .title = "projected" }, { .name = "earned", .type = C_MONEY, .title = "earned" },
	{ .name = "received", .type = C_MONEY, .title = "received" }, { .name = "gap", .type = C_MONEY, .title = "gap" },
	{ .name = "gap_pending", .type = C_MONEY, .title = "gap pending" },
	{ .name = "gap_stale", .type = C_MONEY, .title = "gap stale" },
};

static int
cmp_crow(const void *a, const void *b)
{
	const struct crow *x = a, *y = b;

	return strcmp(x->contract, y->contract);
}

static void
credit_section(void)
{
	struct table *t = table_new("credits", "Credits claimed vs projected",
	    credit_cols, NCOLS(credit_cols));
	money_t tot[NCLAIM] = { 0 };
	long m = date_month(as_of);
	char mon[8];
	size_t i, n = 0;
	int k;

	fmt_month(m, mon);
	{
		struct buf b = { 0 };

		buf_printf(&b, "Credits claimed vs projected, %s", mon);
		t->title = keep_str(b.s);
	}
	if (ncrows > 1)
		qsort(crows, ncrows, sizeof(*crows), cmp_crow);
	for (i = 0; i < ncrows; i++) {
		const struct crow *r = &crows[i];

		if (r->month != m)
			continue;
		c_str(t, keep_str(xstrdup(mon)));
		c_str(t, r->contract);
		for (k = 0; k < NCLAIM; k++) {
			c_money(t, 1, r->v[k]);
			tot[k] += r->v[k];
		}
		n++;
	}
	if (n) {
		c_str(t, keep_str(xstrdup(mon)));
		c_str(t, "all");
		for (k = 0; k < NCLAIM; k++)
			c_money(t, 1, tot[k]);
	}
}

/* the CFM Scoreboard */
static struct col *score_cols;
static size_t nscore_cols;

struct score {
	uint32_t team;
	struct rt comp, own, score;
	const char *grade;
	money_t *sv;
	unsigned char *svhas;
};
static struct score *scores;
static size_t nscores;

static int
cmp_score(const void *a, const void *b)
{
	const struct score *x = a, *y = b;

	return strcmp(SS(x->team), SS(y->team));
}

static void
compute_scores(void)
{
	struct gset gs;
	size_t i, j, k;

	gather(&gs, G_TEAM, 0, NULL);
	for (i = 0; i < gs.n; i++) {
		struct score *s;

		if (gs.g[i]->a == ID_UNOWNED)
			continue;
		scores = xrealloc(scores, (nscores + 1) * sizeof(*scores));
		s = &scores[nscores++];
		memset(s, 0, sizeof(*s));
		s->team = gs.g[i]->a;
		s->comp = rate_of(gs.g[i]->mtd.accr, gs.g[i]->mtd.elig);
		if (have_owners)
			s->own = own_of(&gs.g[i]->mtd);
	}
	gset_free(&gs);
	for (k = 0; k < nsigs; k++) {
		for (i = 0; i < nscores; i++)
			if (scores[i].team == sigs[k].team)
				break;
		if (i == nscores) {
			scores = xrealloc(scores, (nscores + 1) *
			    sizeof(*scores));
			memset(&scores[nscores], 0, sizeof(*scores));
			scores[nscores++].team = sigs[k].team;
		}
	}
	if (nscores > 1)
		qsort(scores, nscores, sizeof(*scores), cmp_score);
	for (i = 0; i < nscores; i++) {
		struct score *s = &scores[i];
		money_t num = 0, den = 0, w;

		s->sv = xcalloc(nsignames + 1, sizeof(*s->sv));
		s->svhas = xcalloc(nsignames + 1, 1);
		for (k = 0; k < nsigs; k++) {
			if (sigs[k].team != s->team)
				continue;
			for (j = 0; j < nsignames; j++)
				if (signames[j] == sigs[k].name)
					break;
			s->sv[j] = sigs[k].v;
			s->svhas[j] = 1;
		}
		if (s->comp.has && (w = weight_of(SIG_MAP)) > 0) {
			num += money_mul(w, s->comp.v);
			den += w;
		}
		if (s->own.has && (w = weight_of(SIG_OWN)) > 0) {
			num += money_mul(w, s->own.v);
			den += w;
		}
		for (j = 0; j < nsignames; j++)
			if (s->svhas[j] && (w = weight_of(SS(signames[j]))) > 0) {
				num += money_mul(w, s->sv[j]);
				den += w;
			}
		if (den > 0) {
			s->score.has = 1;
			s->score.v = ratio(num, den, RATE_DP);
			s->grade = grade_of(s->score.v);
		} else
			s->grade = "";
	}
	/* the columns */
	nscore_cols = 5 + nsignames;
	score_cols = xcalloc(nscore_cols, sizeof(*score_cols));
	score_cols[0] = (struct col){ .name = "team", .type = C_STR, .title = "team" };
	score_cols[1] = (struct col){ SIG_MAP, C_RATE, "MAP compliance" };
	score_cols[2] = (struct col){ SIG_OWN, C_RATE, "ownership" };
	for (j = 0; j < nsignames; j++)
		score_cols[3 + j] = (struct col){ SS(signames[j]), C_RATE,
			SS(signames[j]) };
	score_cols[3 + nsignames] = (struct col){ .name = "score", .type = C_RATE, .title = "score" };
	score_cols[4 + nsignames] = (struct col){ .name = "grade", .type = C_STR, .title = "grade" };
}

static void
score_section(const unsigned char *teamsel)
{
	struct table *t = table_new("scoreboard", "CFM Scoreboard", score_cols,
	    nscore_cols);
	size_t i, j;

	for (i = 0; i < nscores; i++) {
		const struct score *s = &scores[i];

		if (teamsel && !teamsel[s->team])
			continue;
		c_str(t, SS(s->team));
		c_rate(t, s->comp);
		c_rate(t, s->own);
		for (j = 0; j < nsignames; j++)
			c_rate(t, (struct rt){ s->svhas[j], s->sv[j] });
		c_rate(t, s->score);
		c_str(t, s->grade);
	}
}

/* credit attribution */
static const struct col attr_cols[] = {
	{ .name = "month", .type = C_STR, .title = "month" }, { .name = "contract", .type = C_STR, .title = "contract" },
	{ .name = "workload", .type = C_STR, .title = "workload" }, { .name = "team", .type = C_STR, .title = "team" },
	{ .name = "product", .type = C_STR, .title = "product" }, { .name = "portfolio", .type = C_STR, .title = NULL },
	{ .name = "accruing_cost", .type = C_MONEY, .title = "accruing" }, { .name = "share", .type = C_FRAC, .title = "share" },
	{ .name = "credit", .type = C_MONEY, .title = "credit" }, { .name = "method", .type = C_STR, .title = "method" },
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

static void
attr_section(const char *pf, const unsigned char *ws)
{
	struct table *t = table_new("attribution", "Credit attribution",
	    attr_cols, NCOLS(attr_cols));
	long m = date_month(as_of);
	size_t i;

	if (narows > 1)
		qsort(arows, narows, sizeof(*arows), cmp_arow);
	for (i = 0; i < narows; i++) {
		const struct arow *a = &arows[i];
		char mon[8];

		if (a->month > m)
			continue;
		if (pf && strcmp(a->portfolio, pf) != 0)
			continue;
		if (ws) {
			uint32_t w = strtab_find(&S, a->workload,
			    strlen(a->workload));

			if (w == UINT32_MAX || w >= wselcap || !ws[w])
				continue;
		}
		fmt_month(a->month, mon);
		c_str(t, keep_str(xstrdup(mon)));
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

/* PENDING_TAG and STALE_TAG entities per product team of a portfolio */
static const struct col pending_cols[] = {
	{ .name = "window", .type = C_STR, .title = NULL }, { .name = "product", .type = C_STR, .title = "product" },
	{ .name = "team", .type = C_STR, .title = "team" }, { "PENDING_TAG", C_COUNT, "pending" },
	{ .name = "pending_daily", .type = C_MONEY, .title = "pending/day" },
	{ .name = "pending_cost", .type = C_MONEY, .title = "pending, month" },
	{ "STALE_TAG", C_COUNT, "stale" },
	{ .name = "stale_daily", .type = C_MONEY, .title = "stale/day" },
	{ .name = "stale_cost", .type = C_MONEY, .title = "stale, month" },
};

static void
pending_section(void)
{
	struct table *t = table_new("pending", "PENDING_TAG exposure per "
	    "product team", pending_cols, NCOLS(pending_cols));
	struct gset gs;
	size_t i;
	int today = known_day(as_of);

	gather(&gs, G_PRODTEAM, 0, keep_portfolio);
	for (i = 0; i < gs.n; i++) {
		const struct gacc *g = gs.g[i];

		if (g->mtd.cost == 0 && g->mtd.elig == 0 &&
		    g->today.n[ST_PENDING] + g->today.n[ST_STALE] == 0)
			continue;	/* not in this month */
		c_str(t, "mtd");
		c_str(t, SS(g->a));
		c_str(t, SS(g->b));
		c_count(t, today, g->today.n[ST_PENDING]);
		c_money(t, today, g->today.pend);
		c_money(t, 1, g->mtd.pend);
		c_count(t, today, g->today.n[ST_STALE]);
		c_money(t, today, g->today.stale);
		c_money(t, 1, g->mtd.stale);
	}
	gset_free(&gs);
}

/* the Lead's PENDING_TAG (and STALE_TAG) exposure, overall and per
 * portfolio: the as-of day and the month to date */
static const struct col exposure_cols[] = {
	{ .name = "window", .type = C_STR, .title = NULL }, { .name = "by", .type = C_STR, .title = NULL },
	{ .name = "group", .type = C_STR, .title = "group" }, { "PENDING_TAG", C_COUNT, "pending" },
	{ .name = "pending_daily", .type = C_MONEY, .title = "pending/day" },
	{ .name = "pending_cost", .type = C_MONEY, .title = "pending, month" },
	{ "STALE_TAG", C_COUNT, "stale" },
	{ .name = "stale_daily", .type = C_MONEY, .title = "stale/day" },
	{ .name = "stale_cost", .type = C_MONEY, .title = "stale, month" },
};

static void
exposure_section(const char *by, const struct gset *gs, struct table *t)
{
	size_t i;
	int today = known_day(as_of);

	if (t == NULL)
		t = table_new("exposure", "PENDING_TAG exposure (and STALE_TAG)",
		    exposure_cols, NCOLS(exposure_cols));
	for (i = 0; i < gs->n; i++) {
		const struct gacc *g = gs->g[i];

		c_str(t, "mtd");
		c_str(t, by);
		c_str(t, label(g));
		c_count(t, today, g->today.n[ST_PENDING]);
		c_money(t, today, g->today.pend);
		c_money(t, 1, g->mtd.pend);
		c_count(t, today, g->today.n[ST_STALE]);
		c_money(t, today, g->today.stale);
		c_money(t, 1, g->mtd.stale);
	}
}

/* Cloud Engineer: open tasks, drift alerts, AI queue */
static const struct col task_cols[] = {
	{ .name = "task_id", .type = C_STR, .title = "task" }, { .name = "type", .type = C_STR, .title = "type" },
	{ .name = "entity", .type = C_STR, .title = "entity" }, { .name = "entity_kind", .type = C_STR, .title = NULL },
	{ .name = "account", .type = C_STR, .title = "account" }, { .name = "region", .type = C_STR, .title = NULL },
	{ .name = "workload", .type = C_STR, .title = "workload" }, { .name = "opened", .type = C_DAY, .title = "opened" },
	{ .name = "daily_impact", .type = C_MONEY, .title = "lost/day" },
	{ .name = "impact_to_date", .type = C_MONEY, .title = "lost so far" },
	{ .name = "action", .type = C_STR, .title = NULL }, { .name = "command", .type = C_STR, .title = NULL },
};
static const struct col drift_cols[] = {
	{ .name = "task_id", .type = C_STR, .title = "task" }, { .name = "type", .type = C_STR, .title = "type" },
	{ .name = "entity", .type = C_STR, .title = "entity" }, { .name = "entity_kind", .type = C_STR, .title = NULL },
	{ .name = "account", .type = C_STR, .title = "account" }, { .name = "drift_date", .type = C_DAY, .title = "drifted" },
	{ .name = "last_good_tag", .type = C_STR, .title = "last good tag" },
	{ .name = "expected_tag", .type = C_STR, .title = "expected" },
	{ .name = "daily_impact", .type = C_MONEY, .title = "lost/day" },
	{ .name = "impact_to_date", .type = C_MONEY, .title = "lost so far" },
	{ .name = "action", .type = C_STR, .title = NULL }, { .name = "command", .type = C_STR, .title = NULL },
};
static const struct col aiq_cols[] = {
	{ .name = "task_id", .type = C_STR, .title = "task" }, { .name = "type", .type = C_STR, .title = "type" },
	{ .name = "entity", .type = C_STR, .title = "entity" }, { .name = "account", .type = C_STR, .title = NULL },
	{ .name = "region", .type = C_STR, .title = "region" }, { .name = "model", .type = C_STR, .title = "model" },
	{ .name = "principal", .type = C_STR, .title = NULL }, { .name = "profile", .type = C_STR, .title = NULL },
	{ .name = "opened", .type = C_DAY, .title = "opened" },
	{ .name = "daily_impact", .type = C_MONEY, .title = "lost/day" },
	{ .name = "action", .type = C_STR, .title = NULL }, { .name = "command", .type = C_STR, .title = NULL },
};

static int
ai_task(const struct task *k)
{
	return strcmp(k->type, "CREATE_PROFILE") == 0 ||
	    strcmp(k->type, "ADD_TO_PROFILE") == 0 ||
	    strcmp(k->type, "TAG_PROFILE") == 0 ||
	    strcmp(k->type, "TAG_PRINCIPAL") == 0;
}

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

/* the action and command of each task, under its table */
static void
text_tasks(const struct table *t, struct out *o)
{
	size_t r, c_id = 0, c_act = 0, c_cmd = 0, c;

	text_table(t, o);
	for (c = 0; c < t->ncol; c++) {
		if (strcmp(t->cols[c].name, "task_id") == 0)
			c_id = c;
		else if (strcmp(t->cols[c].name, "action") == 0)
			c_act = c;
		else if (strcmp(t->cols[c].name, "command") == 0)
			c_cmd = c;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct cell *row = &t->cells[r * t->ncol];

		out_s(o, "  ");
		out_s(o, row[c_id].s);
		out_s(o, ": ");
		out_s(o, row[c_act].s);
		out_c(o, '\n');
		if (!row[c_cmd].empty) {
			out_s(o, "    $ ");
			out_s(o, row[c_cmd].s);
			out_c(o, '\n');
		}
	}
}

static void
engineer_tasks(const char *name)
{
	struct table *tt, *td, *ta;
	struct task **v = xcalloc(ntasks + 1, sizeof(*v));
	size_t i, n = 0;

	td = table_new("drift", "Drift alerts (STALE_TAG)", drift_cols,
	    NCOLS(drift_cols));
	tt = table_new("tasks", "Open tasks", task_cols, NCOLS(task_cols));
	ta = table_new("ai_queue", "MAP AI task queue", aiq_cols,
	    NCOLS(aiq_cols));
	td->text = tt->text = ta->text = text_tasks;
	for (i = 0; i < ntasks; i++)
		if (tasks[i].open && strcmp(tasks[i].assignee, name) == 0)
			v[n++] = &tasks[i];
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_task);
	for (i = 0; i < n; i++) {
		const struct task *k = v[i];

		if (k->drift != NODAY) {
			c_str(td, k->id);
			c_str(td, k->type);
			c_str(td, k->entity);
			c_str(td, k->kind);
			c_str(td, k->account);
			c_day(td, k->drift);
			c_str(td, k->last_good_tag);
			c_str(td, k->expected);
			c_money(td, 1, k->daily);
			c_money(td, 1, k->todate);
			c_str(td, k->action);
			c_str(td, k->command);
		} else if (ai_task(k)) {
			c_str(ta, k->id);
			c_str(ta, k->type);
			c_str(ta, k->entity);
			c_str(ta, k->account);
			c_str(ta, k->region);
			c_str(ta, k->model);
			c_str(ta, k->principal);
			c_str(ta, k->profile);
			c_day(ta, k->opened);
			c_money(ta, 1, k->daily);
			c_str(ta, k->action);
			c_str(ta, k->command);
		} else {
			c_str(tt, k->id);
			c_str(tt, k->type);
			c_str(tt, k->entity);
			c_str(tt, k->kind);
			c_str(tt, k->account);
			c_str(tt, k->region);
			c_str(tt, k->workload);
			c_day(tt, k->opened);
			c_money(tt, 1, k->daily);
			c_money(tt, 1, k->todate);
			c_str(tt, k->action);
			c_str(tt, k->command);
		}
	}
	free(v);
}

/* the entities of a person's workloads, from the state */
static const struct col life_cols[] = {
	{ .name = "entity", .type = C_STR, .title = "entity" }, { .name = "entity_kind", .type = C_STR, .title = "kind" },
	{ .name = "account", .type = C_STR, .title = NULL }, { .name = "workload", .type = C_STR, .title = "workload" },
	{ .name = "state", .type = C_STR, .title = "state" }, { .name = "reason", .type = C_STR, .title = "reason" },
	{ .name = "eligibility_date", .type = C_DAY, .title = "eligible since" },
	{ .name = "state_since", .type = C_DAY, .title = "state since" },
	{ .name = "drift_date", .type = C_DAY, .title = NULL },
	{ .name = "last_good_tag", .type = C_STR, .title = NULL },
	{ .name = "eligible_cost", .type = C_MONEY, .title = "eligible" },
	{ .name = "accruing_cost", .type = C_MONEY, .title = "accruing" },
	{ .name = "at_risk_cost", .type = C_MONEY, .title = "at risk" },
};

static int
life_rank(int st)
{
	static const int rank[NSTATE] = { 2, 1, 3, 0, 4 };

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
life_section(const char *title, const char *engineer)
{
	struct table *t = table_new("lifecycle", title, life_cols,
	    NCOLS(life_cols));
	struct srow **v = xcalloc(nsrows + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < nsrows; i++) {
		const struct srow *r = &srows[i];
		uint32_t w = strtab_find(&S, r->workload, strlen(r->workload));

		if (engineer ? strcmp(r->engineer, engineer) == 0 :
		    (w != UINT32_MAX && w < wselcap && wsel[w] &&
		    strcmp(r->workload, "unowned") != 0))
			v[n++] = &srows[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_life);
	for (i = 0; i < n; i++) {
		const struct srow *r = v[i];

		c_str(t, r->entity);
		c_str(t, r->kind);
		c_str(t, r->account);
		c_str(t, r->workload);
		c_str(t, r->state);
		c_str(t, r->reason);
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

/* Product Owner: what blocks credit on their workloads */
static const struct col notify_cols[] = {
	{ .name = "task_id", .type = C_STR, .title = NULL }, { .name = "type", .type = C_STR, .title = NULL },
	{ .name = "workload", .type = C_STR, .title = "workload" }, { .name = "entity", .type = C_STR, .title = "entity" },
	{ .name = "assignee", .type = C_STR, .title = "Cloud Engineer" }, { .name = "opened", .type = C_DAY, .title = "since" },
	{ .name = "daily_impact", .type = C_MONEY, .title = "blocked/day" },
	{ .name = "note", .type = C_STR, .title = "note" },
};

static void
notify_section(void)
{
	struct table *t = table_new("notifications", "Notifications",
	    notify_cols, NCOLS(notify_cols));
	struct task **v = xcalloc(ntasks + 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < ntasks; i++) {
		uint32_t w = strtab_find(&S, tasks[i].workload,
		    strlen(tasks[i].workload));

		if (tasks[i].open && tasks[i].workload[0] && w != UINT32_MAX &&
		    w < wselcap && wsel[w])
			v[n++] = &tasks[i];
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_task);
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
		c_str(t, k->type);
		c_str(t, k->workload);
		c_str(t, k->entity);
		c_str(t, k->assignee);
		c_day(t, k->opened);
		c_money(t, 1, k->daily);
		c_str(t, keep_str(b.s));
	}
	free(v);
}

/* ---- writing a view ---- */

static void
write_tsv(struct out *o, int single)
{
	const char **u = NULL;
	size_t nu = 0, i, j, k, r;
	int **map;

	map = xcalloc(ntables + 1, sizeof(*map));
	for (i = 0; i < ntables; i++)
		for (j = 0; j < tables[i].ncol; j++) {
			for (k = 0; k < nu; k++)
				if (strcmp(u[k], tables[i].cols[j].name) == 0)
					break;
			if (k == nu) {
				u = xrealloc(u, (nu + 1) * sizeof(*u));
				u[nu++] = tables[i].cols[j].name;
			}
		}
	for (i = 0; i < ntables; i++) {
		map[i] = xcalloc(nu + 1, sizeof(**map));
		for (k = 0; k < nu; k++) {
			map[i][k] = -1;
			for (j = 0; j < tables[i].ncol; j++)
				if (strcmp(u[k], tables[i].cols[j].name) == 0)
					map[i][k] = (int)j;
		}
	}
	out_s(o, single ? "as_of" : "as_of\tsection");
	for (k = 0; k < nu; k++) {
		out_c(o, '\t');
		out_s(o, u[k]);
	}
	out_c(o, '\n');
	for (i = 0; i < ntables; i++) {
		const struct table *t = &tables[i];

		for (r = 0; r < t->nrows; r++) {
			out_day(o, as_of);
			if (!single) {
				out_c(o, '\t');
				out_s(o, t->section);
			}
			for (k = 0; k < nu; k++) {
				out_c(o, '\t');
				if (map[i][k] >= 0)
					tsv_cell(o, &t->cells[r * t->ncol +
					    map[i][k]]);
			}
			out_c(o, '\n');
		}
		free(map[i]);
	}
	free(map);
	free(u);
}

static void
write_text(struct out *o, const char *head)
{
	size_t i;

	out_s(o, head);
	out_c(o, '\n');
	for (i = 0; i < ntables; i++) {
		const struct table *t = &tables[i];

		out_c(o, '\n');
		out_s(o, t->title);
		out_c(o, '\n');
		if (t->text == text_trend)
			t->text(t, o);
		else if (t->nrows == 0)
			out_s(o, "  (none)\n");
		else if (t->text)
			t->text(t, o);
		else
			text_table(t, o);
	}
}

/* ---- scope ---- */

struct names {
	uint32_t *v;
	size_t n;
};

static void
names_add(struct names *ns, uint32_t id)
{
	size_t i;

	if (id == 0)
		return;
	for (i = 0; i < ns->n; i++)
		if (ns->v[i] == id)
			return;
	ns->v = xrealloc(ns->v, (ns->n + 1) * sizeof(*ns->v));
	ns->v[ns->n++] = id;
}

_Noreturn static void
no_scope(const char *what, const char *name, struct names *ns)
{
	struct buf b = { 0 };
	size_t i;

	if (ns->n > 1)
		qsort(ns->v, ns->n, sizeof(*ns->v), cmp_sid);
	for (i = 0; i < ns->n && i < 10; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", SS(ns->v[i]));
	if (ns->n > 10)
		buf_adds(&b, ", ...");
	if (ns->n == 0)
		die(EXIT_DATA, "no %s '%s': the data names no %s", what, name,
		    what);
	die(EXIT_DATA, "no %s '%s' in the data (known: %s)", what, name,
	    buf_cstr(&b));
}

/* the workloads of an engineer or owner, from the state; returns 1 when
 * the name is known (in the state or as a task's assignee or owner) */
static int
select_person(const char *name, int engineer)
{
	size_t i;
	int found = 0;

	for (i = 0; i < nsrows; i++) {
		const struct srow *r = &srows[i];

		if (strcmp(engineer ? r->engineer : r->owner, name) != 0)
			continue;
		found = 1;
		if (r->workload[0] && strcmp(r->workload, "unowned")) {
			uint32_t w = sid(r->workload);

			wsel = grow_to(wsel, &wselcap, (size_t)w + 1, 1);
			wsel[w] = 1;
		}
	}
	for (i = 0; i < ntasks; i++)
		if (strcmp(engineer ? tasks[i].assignee : tasks[i].owner,
		    name) == 0)
			found = 1;
	return found;
}

static void
person_names(struct names *ns, int engineer)
{
	size_t i;

	for (i = 0; i < nsrows; i++)
		names_add(ns, sid(engineer ? srows[i].engineer :
		    srows[i].owner));
	for (i = 0; i < ntasks; i++)
		names_add(ns, sid(engineer ? tasks[i].assignee :
		    tasks[i].owner));
}

/* ---- the views ---- */

static struct rt gate_rate;	/* the rate --fail-below looks at */
static const char *gate_what;

static void
set_gate(const struct gacc *g, const char *what)
{
	gate_rate = g ? rate_of(g->mtd.accr, g->mtd.elig) : (struct rt){ 0, 0 };
	gate_what = what;
}

static struct gset gs_all, gs_by, gs_scope;

static void
view_rate(int by)
{
	struct table *t = rate_table(by == G_ALL ? "Overall" : by == G_TEAM ?
	    "Overall and by team" : by == G_PRODUCT ? "Overall and by product" :
	    by == G_PORTFOLIO ? "Overall and by portfolio" :
	    "Overall and by workload");

	gather(&gs_all, G_ALL, 0, NULL);
	gset_ensure(&gs_all, ID_ALL);
	rate_section(t, "all", &gs_all);
	if (by != G_ALL) {
		gather(&gs_by, by, 0, NULL);
		rate_section(t, byname[by], &gs_by);
	}
	set_gate(gset_find(&gs_all, ID_ALL), "all");
}

static void
view_lead(void)
{
	struct table *t = rate_table("Compliance rate, portfolio-wide and by "
	    "portfolio");
	struct gacc *all;

	gather(&gs_all, G_ALL, 0, NULL);
	gset_ensure(&gs_all, ID_ALL);
	gather(&gs_by, G_PORTFOLIO, 0, NULL);
	rate_section(t, "all", &gs_all);
	rate_section(t, "portfolio", &gs_by);
	exposure_section("all", &gs_all, NULL);
	exposure_section("portfolio", &gs_by, &tables[ntables - 1]);
	credit_section();
	compute_scores();
	score_section(NULL);
	all = gset_find(&gs_all, ID_ALL);
	trend_section("all", "all", all);
	set_gate(all, "all");
}

static void
view_portfolio(void)
{
	struct table *t = rate_table("Compliance rate by product");
	unsigned char *teams;
	struct gacc *g;
	size_t i;

	gather(&gs_scope, G_ONE, scope_pf, keep_portfolio);
	gset_ensure(&gs_scope, scope_pf);
	gather(&gs_by, G_PRODUCT, 0, keep_portfolio);
	rate_section(t, "portfolio", &gs_scope);
	rate_section(t, "product", &gs_by);
	pending_section();
	compute_scores();
	teams = xcalloc(S.n, 1);
	{
		struct gset gt;

		gather(&gt, G_TEAM, 0, keep_portfolio);
		for (i = 0; i < gt.n; i++)
			teams[gt.g[i]->a] = 1;
		gset_free(&gt);
	}
	score_section(teams);
	attr_section(opt_scope, NULL);
	g = gset_find(&gs_scope, scope_pf);
	trend_section("portfolio", opt_scope, g);
	set_gate(g, opt_scope);
	free(teams);
}

static void
view_person(int engineer)
{
	struct table *t = rate_table(engineer ? "Compliance rate of the "
	    "workloads you engineer" : "Coverage rate of your workloads");
	uint32_t me = sid(opt_scope);
	struct gacc *g;

	gather(&gs_scope, G_ONE, me, keep_wsel);
	gather(&gs_by, G_WORKLOAD, 0, keep_wsel);
	gset_ensure(&gs_scope, me);
	rate_section(t, engineer ? "engineer" : "owner", &gs_scope);
	rate_section(t, "workload", &gs_by);
	g = gs_scope.g[0];
	if (engineer) {
		engineer_tasks(opt_scope);
		life_section("Lifecycle of your entities", opt_scope);
	} else {
		life_section("Eligibility of your workloads' entities "
		    "(derived, read-only)", NULL);
		attr_section(NULL, wsel);
		notify_section();
	}
	set_gate(g, opt_scope);
}

static void
view_scoreboard(void)
{
	compute_scores();
	score_section(NULL);
	gather(&gs_all, G_ALL, 0, NULL);
	set_gate(gset_find(&gs_all, ID_ALL), "all");
}

/* ---- main ---- */

static const char **lpaths;	/* the -l files */
static size_t nled;

static void
usage(void)
{
	printf("Usage: %s -l LEDGER [OPTION]...\n"
	    "Score MAP compliance from mapstate's ledger: the MAP Compliance\n"
	    "Rate (accruing eligible spend / eligible spend) month to date and\n"
	    "over 30 days, overall and per group, the daily history and trend,\n"
	    "the CFM Scoreboard grade per team, and the role views.\n\n"
	    "  -l, --ledger FILE        mapstate's ledger; required, repeatable\n"
	    "  -s, --state FILE         mapstate's state (engineer, owner views)\n"
	    "  -t, --tasks FILE         maptasks' task list\n"
	    "  -a, --attribution FILE   mapcredit's credit attribution\n"
	    "  -C, --claims FILE        mapcredit's claimed vs projected\n"
	    "  -H, --history FILE       the daily history: read, then rewritten\n"
	    "                           with the ledger's days\n"
	    "      --as-of DATE         the day scored (default: the ledger's\n"
	    "                           last)\n"
	    "  -b, --by GROUP           rates per team, product, portfolio or\n"
	    "                           workload as well as overall\n"
	    "      --scoreboard         the CFM Scoreboard: a grade per team\n"
	    "      --signals FILE       more scoreboard signals: team, signal,\n"
	    "                           value (0 to 1)\n"
	    "      --weight NAME=W      a signal's weight (repeatable; default\n"
	    "                           map_compliance=2, every other 1)\n"
	    "      --bands LIST         grade bands (default A=0.9,B=0.8,C=0.7,\n"
	    "                           D=0.6; below every band: F)\n"
	    "  -r, --role ROLE          lead, portfolio, engineer or owner\n"
	    "      --scope NAME         the portfolio, engineer or owner\n"
	    "  -f, --format FORMAT      tsv (default) or text\n"
	    "      --fail-below RATE    exit 1 when the view's month-to-date\n"
	    "                           rate is below RATE (0.8 or 80%%)\n"
	    "  -h, --help               show this help and exit\n"
	    "  -V, --version            show the version and exit\n\n"
	    "Exit status: 0 success, 1 rate below --fail-below, 2 usage error,\n"
	    "3 bad input data, 4 system or I/O error. See mapscore(1).\n",
	    progname);
}

int
main(int argc, char **argv)
{
	enum { O_SIGNALS = 256, O_ASOF, O_SCOREBOARD, O_SCOPE, O_FAIL,
		O_WEIGHT, O_BANDS };
	static const struct option longopts[] = {
		{ "ledger", required_argument, NULL, 'l' },
		{ "state", required_argument, NULL, 's' },
		{ "tasks", required_argument, NULL, 't' },
		{ "attribution", required_argument, NULL, 'a' },
		{ "claims", required_argument, NULL, 'C' },
		{ "history", required_argument, NULL, 'H' },
		{ "signals", required_argument, NULL, O_SIGNALS },
		{ "as-of", required_argument, NULL, O_ASOF },
		{ "by", required_argument, NULL, 'b' },
		{ "scoreboard", no_argument, NULL, O_SCOREBOARD },
		{ "role", required_argument, NULL, 'r' },
		{ "scope", required_argument, NULL, O_SCOPE },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-below", required_argument, NULL, O_FAIL },
		{ "weight", required_argument, NULL, O_WEIGHT },
		{ "bands", required_argument, NULL, O_BANDS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *spath = NULL, *tpath = NULL;
	const char *apath = NULL, *cpath = NULL, *hpath = NULL, *gpath = NULL;
	size_t i;
	int by = G_ALL, ch, scoreboard = 0, role = -1, fail = 0;
	money_t fail_below = 0;
	struct out o;
	struct buf head = { 0 };
	char day[DATE_DAYLEN];

	prog_init("mapscore");
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "l:s:t:a:C:H:b:r:f:hV",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			lpaths = xrealloc(lpaths, (nled + 1) * sizeof(*lpaths));
			lpaths[nled++] = optarg;
			break;
		case 's':
			spath = optarg;
			break;
		case 't':
			tpath = optarg;
			break;
		case 'a':
			apath = optarg;
			break;
		case 'C':
			cpath = optarg;
			break;
		case 'H':
			hpath = optarg;
			break;
		case O_SIGNALS:
			gpath = optarg;
			break;
		case O_ASOF:
			if (date_parse_day(optarg, strlen(optarg), &given_as_of))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
			break;
		case 'b':
			for (by = G_TEAM; by <= G_WORKLOAD; by++)
				if (strcmp(optarg, byname[by]) == 0)
					break;
			if (by > G_WORKLOAD)
				usage_error("--by wants team, product, portfolio "
				    "or workload, not '%s'", optarg);
			break;
		case O_SCOREBOARD:
			scoreboard = 1;
			break;
		case 'r':
			if (strcmp(optarg, "lead") == 0)
				role = V_LEAD;
			else if (strcmp(optarg, "portfolio") == 0)
				role = V_PORTFOLIO;
			else if (strcmp(optarg, "engineer") == 0)
				role = V_ENGINEER;
			else if (strcmp(optarg, "owner") == 0)
				role = V_OWNER;
			else
				usage_error("--role wants lead, portfolio, "
				    "engineer or owner, not '%s'", optarg);
			break;
		case O_SCOPE:
			opt_scope = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "tsv") == 0)
				opt_text = 0;
			else if (strcmp(optarg, "text") == 0)
				opt_text = 1;
			else
				usage_error("--format wants tsv or text, not "
				    "'%s'", optarg);
			break;
		case O_FAIL:
			if (parse_frac(optarg, &fail_below))
				usage_error("--fail-below wants a rate from 0 to "
				    "1 (or 0%% to 100%%), not '%s'", optarg);
			fail = 1;
			break;
		case O_WEIGHT: {
			const char *eq = strchr(optarg, '=');
			money_t w;

			if (eq == NULL || eq == optarg || money_parse(eq + 1,
			    strlen(eq + 1), &w) || w < 0)
				usage_error("--weight wants NAME=W with W a "
				    "number of at least 0, not '%s'", optarg);
			weights = xrealloc(weights, (nweights + 1) *
			    sizeof(*weights));
			weights[nweights].name = xstrndup(optarg,
			    (size_t)(eq - optarg));
			weights[nweights++].w = w;
			break;
		}
		case O_BANDS:
			parse_bands(optarg);
			break;
		case 'h':
			usage();
			return fflush(stdout) ? EXIT_SYS : EXIT_OKAY;
		case 'V':
			print_version();
			return fflush(stdout) ? EXIT_SYS : EXIT_OKAY;
		default:
			usage_try();
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (nled == 0)
		usage_error("a ledger is required (-l LEDGER)");
	if (role >= 0 && (scoreboard || by != G_ALL))
		usage_error("--role shows its own view: not with %s",
		    scoreboard ? "--scoreboard" : "--by");
	if (scoreboard && by != G_ALL)
		usage_error("--scoreboard is per team: not with --by");
	if (role == V_PORTFOLIO || role == V_ENGINEER || role == V_OWNER) {
		if (opt_scope == NULL)
			usage_error("--role %s needs --scope NAME",
			    role == V_PORTFOLIO ? "portfolio" : role ==
			    V_ENGINEER ? "engineer" : "owner");
		if (*opt_scope == '\0')
			usage_error("--scope: empty name");
	} else if (opt_scope)
		usage_error("--scope goes with --role portfolio, engineer or "
		    "owner");
	if ((role == V_ENGINEER || role == V_OWNER) && spath == NULL)
		usage_error("--role %s needs mapstate's state (-s STATE, "
		    "from mapstate -w)", role == V_ENGINEER ? "engineer" :
		    "owner");
	if (nbands == 0)
		parse_bands("A=0.9,B=0.8,C=0.7,D=0.6");
	view = role >= 0 ? role : scoreboard ? V_SCOREBOARD : V_RATE;

	strtab_init(&S);
	strtab_init(&tuptab);
	strtab_init(&dftab);
	strtab_init(&ldtab);
	strtab_init(&adtab);
	strtab_init(&adttab);
	ID_ALL = sid("all");
	ID_UNOWNED = sid("unowned");
	for (i = 0; i < nled; i++)
		load_ledger(lpaths[i], (int)i, lpaths);
	share_unowned();
	if (hpath)
		load_history(hpath);
	as_of = given_as_of != NODAY ? given_as_of : ledger_last != NODAY ?
	    ledger_last : hist_last;
	if (as_of == NODAY)
		die(EXIT_DATA, "%s: no data: the ledger has no rows (give "
		    "--as-of)", lpaths[0]);
	mfirst = date_month_first(date_month(as_of));
	wfirst = as_of - (WINDOW - 1);
	wstart = mfirst < wfirst ? mfirst : wfirst;
	for (i = 1; i < dftab.n; i++)
		if (dfs[i].day >= wstart && dfs[i].day <= as_of)
			known[dfs[i].day - wstart] = 1;
	if (spath)
		load_state(spath);
	if (tpath)
		load_tasks(tpath);
	if (apath)
		load_attribution(apath);
	if (cpath)
		load_claims(cpath);
	if (gpath)
		load_signals(gpath);
	for (i = 0; i < nweights; i++) {
		size_t j;

		if (strcmp(weights[i].name, SIG_MAP) == 0 ||
		    strcmp(weights[i].name, SIG_OWN) == 0)
			continue;
		for (j = 0; j < nsignames; j++)
			if (strcmp(SS(signames[j]), weights[i].name) == 0)
				break;
		if (j == nsignames)
			usage_error("--weight: no signal '%s' (the signals "
			    "are %s, %s and those of --signals)",
			    weights[i].name, SIG_MAP, SIG_OWN);
	}
	if (((view != V_RATE && view != V_LEAD) || by != G_ALL) && !have_owners)
		die(EXIT_DATA, "%s: no ownership columns (workload, team, "
		    "product, portfolio): run mapstate with -w", lpaths[0]);

	/* the scope */
	if (view == V_PORTFOLIO) {
		struct names ns = { 0 };
		uint32_t f = strtab_find(&S, opt_scope, strlen(opt_scope));

		for (i = 1; i < tuptab.n; i++)
			if (owned(&tup[i]))
				names_add(&ns, tup[i].f);
		for (i = 0; i < ns.n; i++)
			if (ns.v[i] == f)
				break;
		if (f == UINT32_MAX || i == ns.n)
			no_scope("portfolio", opt_scope, &ns);
		scope_pf = f;
		free(ns.v);
	} else if (view == V_ENGINEER || view == V_OWNER) {
		if (!select_person(opt_scope, view == V_ENGINEER)) {
			struct names ns = { 0 };

			person_names(&ns, view == V_ENGINEER);
			no_scope(view == V_ENGINEER ? "engineer" : "owner",
			    opt_scope, &ns);
		}
	}

	date_fmt_day(as_of, day);
	switch (view) {
	case V_RATE:
		view_rate(by);
		buf_printf(&head, "MAP Compliance Rate as of %s", day);
		break;
	case V_SCOREBOARD:
		view_scoreboard();
		buf_printf(&head, "CFM Scoreboard as of %s (month to date)",
		    day);
		break;
	case V_LEAD:
		view_lead();
		buf_printf(&head, "FinOps Lead view as of %s", day);
		break;
	case V_PORTFOLIO:
		view_portfolio();
		buf_printf(&head, "Portfolio Manager view of %s as of %s",
		    opt_scope, day);
		break;
	case V_ENGINEER:
		view_person(1);
		buf_printf(&head, "Cloud Engineer view of %s as of %s",
		    opt_scope, day);
		break;
	case V_OWNER:
		view_person(0);
		buf_printf(&head, "Product Owner view of %s as of %s",
		    opt_scope, day);
		break;
	}
	if (opt_text) {
		char a[DATE_DAYLEN], b[DATE_DAYLEN];

		date_fmt_day(mfirst, a);
		date_fmt_day(wfirst, b);
		buf_printf(&head, "\nmonth to date: %s to %s, %ld day%s of "
		    "data; 30 days: %s to %s, %ld day%s of data", a, day,
		    known_days(mfirst), known_days(mfirst) == 1 ? "" : "s", b,
		    day, known_days(wfirst), known_days(wfirst) == 1 ? "" :
		    "s");
	}

	if (hpath)
		sidefile_prepare(hpath, write_history);
	out_init(&o, 1);
	if (opt_text)
		write_text(&o, buf_cstr(&head));
	else
		write_tsv(&o, view == V_RATE || view == V_SCOREBOARD);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	buf_free(&head);
	sidefile_commit();	/* the history, now the view is out */
	if (fail && gate_rate.has && gate_rate.v < fail_below) {
		char r[MONEY_BUFSZ], f[MONEY_BUFSZ];

		money_fmt(gate_rate.v, r, RATE_DP);
		money_fmt(fail_below, f, RATE_DP);
		warnx("MAP Compliance Rate %s (%s, month to date) is below %s",
		    r, gate_what, f);
		return EXIT_CHECK;
	}
	return EXIT_OKAY;
}
