/* score.c: the context of a night, its settings, the figures of a group
 * over the windows, exact rates, the scope of a view and the headline
 * rate. Reading is in score_load.c, the views in score_views.c. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/score_int.h"

const char *const score_by_names[SB_WORKLOAD + 1] = { "all", "team",
	"product", "portfolio", "workload" };

struct score *
score_new(void)
{
	struct score *s = xcalloc(1, sizeof(*s));

	s->given_as_of = s->as_of = DAY_NONE;
	s->ledger_last = s->hist_last = DAY_NONE;
	strtab_init(&s->S);
	strtab_init(&s->tuptab);
	strtab_init(&s->dftab);
	strtab_init(&s->ldtab);
	strtab_init(&s->adtab);
	strtab_init(&s->adttab);
	s->id_all = score_sid(s, "all", 3);
	s->id_unowned = score_sid(s, "unowned", 7);
	tset_init(&s->ts);
	return s;
}

void
score_free(struct score *s)
{
	size_t i;

	if (s == NULL)
		return;
	score_views_reset(s);
	for (i = 0; i < s->nweights; i++)
		free(s->weights[i].name);
	free(s->weights);
	for (i = 0; i < s->nbands; i++)
		free(s->bands[i].name);
	free(s->bands);
	strtab_free(&s->S);
	strtab_free(&s->tuptab);
	strtab_free(&s->dftab);
	strtab_free(&s->ldtab);
	strtab_free(&s->adtab);
	strtab_free(&s->adttab);
	free(s->tup);
	free(s->dfs);
	free(s->ldfile);
	free(s->adU);
	free(s->adO);
	free(s->adts);
	for (i = 0; i < s->nsrows; i++) {
		struct srow *r = &s->srows[i];

		free(r->entity);
		free(r->account);
		free(r->last_good_tag);
		free(r->workload);
		free(r->owner);
		free(r->engineer);
	}
	free(s->srows);
	for (i = 0; i < s->ntasks; i++) {
		struct task *k = &s->tasks[i];
		char *v[] = { k->id, k->entity, k->account, k->region,
			k->model, k->principal, k->expected, k->last_good_tag,
			k->assignee, k->workload, k->owner, k->profile,
			k->action, k->command };
		size_t j;

		for (j = 0; j < NELEM(v); j++)
			free(v[j]);
	}
	free(s->tasks);
	for (i = 0; i < s->narows; i++) {
		struct arow *a = &s->arows[i];

		free(a->contract);
		free(a->workload);
		free(a->team);
		free(a->product);
		free(a->portfolio);
		free(a->share_s);
		free(a->method);
	}
	free(s->arows);
	for (i = 0; i < s->ncrows; i++)
		free(s->crows[i].contract);
	free(s->crows);
	free(s->sigs);
	free(s->signames);
	free(s->wsel);
	free(s);
}

void
score_set_as_of(struct score *s, long day)
{
	s->given_as_of = day;
}

long
score_as_of(const struct score *s)
{
	return s->as_of;
}

/* ---- settings ---- */

int
score_set_weight(struct score *s, const char *arg, struct err *e)
{
	const char *eq = strchr(arg, '=');
	money_t w;

	if (eq == NULL || eq == arg || money_parse(eq + 1, strlen(eq + 1),
	    &w) || w < 0) {
		err_set(e, EXIT_USAGE, 0, "--weight wants NAME=W with W a "
		    "number of at least 0, not '%s'", arg);
		return -1;
	}
	s->weights = xrealloc(s->weights, (s->nweights + 1) *
	    sizeof(*s->weights));
	s->weights[s->nweights].name = xstrndup(arg, (size_t)(eq - arg));
	s->weights[s->nweights++].w = w;
	return 0;
}

money_t
weight_of(const struct score *s, const char *name)
{
	size_t i;

	for (i = s->nweights; i-- > 0;)
		if (strcmp(s->weights[i].name, name) == 0)
			return s->weights[i].w;
	return strcmp(name, SIG_MAP) == 0 ? 2 * MONEY_ONE : MONEY_ONE;
}

const char *
grade_of(const struct score *s, money_t score)
{
	size_t i;

	for (i = 0; i < s->nbands; i++)
		if (score >= s->bands[i].min)
			return s->bands[i].name;
	return "F";
}

static int
cmp_band(const void *a, const void *b)
{
	const struct band *x = a, *y = b;

	return x->min > y->min ? -1 : x->min < y->min;
}

int
score_set_bands(struct score *s, const char *arg, struct err *e)
{
	const char *p = arg;
	size_t i;

	for (i = 0; i < s->nbands; i++)
		free(s->bands[i].name);
	s->nbands = 0;
	while (*p) {
		const char *eq = strchr(p, '='), *end = strchr(p, ',');
		money_t m;

		if (end == NULL)
			end = p + strlen(p);
		if (eq == NULL || eq > end || eq == p) {
			err_set(e, EXIT_USAGE, 0, "--bands wants "
			    "NAME=MIN[,NAME=MIN]..., not '%s'", arg);
			return -1;
		}
		if (money_parse(eq + 1, (size_t)(end - eq - 1), &m) || m < 0 ||
		    m > MONEY_ONE) {
			err_set(e, EXIT_USAGE, 0, "--bands: '%.*s' is not a "
			    "threshold between 0 and 1", (int)(end - eq - 1),
			    eq + 1);
			return -1;
		}
		for (i = 0; i < s->nbands; i++)
			if (s->bands[i].min == m) {
				err_set(e, EXIT_USAGE, 0, "--bands: two grades "
				    "at %.*s", (int)(end - eq - 1), eq + 1);
				return -1;
			}
		s->bands = xrealloc(s->bands, (s->nbands + 1) *
		    sizeof(*s->bands));
		s->bands[s->nbands].name = xstrndup(p, (size_t)(eq - p));
		s->bands[s->nbands].min = m;
		s->nbands++;
		p = *end ? end + 1 : end;
		if (*end && *p == '\0') {
			err_set(e, EXIT_USAGE, 0, "--bands: trailing ','");
			return -1;
		}
	}
	if (s->nbands == 0) {
		err_set(e, EXIT_USAGE, 0, "--bands wants at least one "
		    "NAME=MIN");
		return -1;
	}
	qsort(s->bands, s->nbands, sizeof(*s->bands), cmp_band);
	return 0;
}

int
score_parse_rate(const char *str, money_t *out)
{
	size_t n = strlen(str);
	int pct = n > 0 && str[n - 1] == '%';

	if (money_parse(str, n - (size_t)pct, out))
		return -1;
	if (pct)
		*out = money_div(*out, 100 * MONEY_ONE);
	return *out < 0 || *out > MONEY_ONE ? -1 : 0;
}

/* ---- strings, groups, days ---- */

uint32_t
score_sid(struct score *s, const char *str, size_t n)
{
	return strtab_intern(&s->S, str, n);
}

void *
score_grow(void *p, size_t *cap, size_t need, size_t elt)
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

uint32_t
score_tuple(struct score *s, uint32_t w, uint32_t t, uint32_t p, uint32_t f)
{
	uint32_t k[4] = { w, t, p, f };
	uint32_t id = strtab_intern(&s->tuptab, (const char *)k, sizeof(k));

	s->tup = score_grow(s->tup, &s->tupcap, (size_t)id + 1,
	    sizeof(*s->tup));
	s->tup[id].w = w;
	s->tup[id].t = t;
	s->tup[id].p = p;
	s->tup[id].f = f;
	return id;
}

int
tuple_owned(const struct score *s, const struct tuple *t)
{
	return t->w != 0 && t->w != s->id_unowned;
}

uint32_t
score_dfig(struct score *s, long day, uint32_t t, int *isnew)
{
	int32_t k[2] = { (int32_t)day, (int32_t)t };
	uint32_t n0 = s->dftab.n;
	uint32_t id = strtab_intern(&s->dftab, (const char *)k, sizeof(k));

	s->dfs = score_grow(s->dfs, &s->dfcap, (size_t)id + 1,
	    sizeof(*s->dfs));
	if (isnew)
		*isnew = id >= n0;
	if (id >= n0) {
		s->dfs[id].day = day;
		s->dfs[id].tup = t;
	}
	return id;
}

int
score_ledger_day(const struct score *s, long day)
{
	int32_t k = (int32_t)day;

	return strtab_find(&s->ldtab, (const char *)&k, sizeof(k)) !=
	    UINT32_MAX;
}

void
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

/* ---- exact rates ---- */

/* a / b rounded half away from zero to dp decimals, b > 0, exactly: long
 * division, so no intermediate product can overflow */
money_t
score_ratio(money_t a, money_t b, int dp)
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

struct rt
rate_of(money_t a, money_t b)
{
	struct rt r = { 0, 0 };

	if (b > 0) {
		r.has = 1;
		r.v = score_ratio(a, b, RATE_DP);
	}
	return r;
}

/* Resource ownership: owned spend over owned spend plus unowned spend.
 * A group that holds unowned spend itself (overall, "unowned") counts
 * that; any other group counts its share of the unowned spend of the
 * accounts it has spend in. */
money_t
fig_unowned(const struct fig *f)
{
	return f->unowned != 0 ? f->unowned : f->share;
}

struct rt
own_of(const struct fig *f)
{
	return rate_of(f->owned, f->owned + fig_unowned(f));
}

/* ---- groups over the windows ---- */

/* ids by their names */
void
score_sort_ids(const struct score *s, uint32_t *v, size_t n)
{
	struct skey *k = xcalloc(n + 1, sizeof(*k));
	size_t i;

	for (i = 0; i < n; i++) {
		k[i].a = SS(s, v[i]);
		k[i].b = "";
		k[i].i = v[i];
	}
	score_sort(k, n);
	for (i = 0; i < n; i++)
		v[i] = (uint32_t)k[i].i;
	free(k);
}

static int
cmp_skey(const void *x, const void *y)
{
	const struct skey *p = x, *q = y;
	int c;

	if (p->ua != q->ua)	/* spend no claim covers: last */
		return p->ua - q->ua;
	if ((c = strcmp(p->a, q->a)) != 0)
		return c;
	if (p->ub != q->ub)
		return p->ub - q->ub;
	return strcmp(p->b, q->b);
}

void
score_sort(struct skey *k, size_t n)
{
	if (n > 1)
		qsort(k, n, sizeof(*k), cmp_skey);
}

/* the groups in label order, "unowned" last */
static void
sort_gacc(const struct score *s, struct gacc **g, size_t n)
{
	struct skey *k;
	struct gacc **v;
	size_t i;

	if (n < 2)
		return;
	k = xcalloc(n, sizeof(*k));
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++) {
		k[i].a = SS(s, g[i]->a);
		k[i].b = SS(s, g[i]->b);
		k[i].ua = g[i]->a == s->id_unowned;
		k[i].ub = g[i]->b == s->id_unowned;
		k[i].i = i;
	}
	score_sort(k, n);
	for (i = 0; i < n; i++)
		v[i] = g[k[i].i];
	memcpy(g, v, n * sizeof(*g));
	free(v);
	free(k);
}

void
gather(struct score *s, struct gset *gs, int by, uint32_t one,
    int (*keep)(const struct score *, const struct tuple *))
{
	uint32_t i;

	memset(gs, 0, sizeof(*gs));
	strtab_init(&gs->idx);
	for (i = 1; i < s->dftab.n; i++) {
		const struct dfig *d = &s->dfs[i];
		const struct tuple *t = &s->tup[d->tup];
		int own = tuple_owned(s, t);
		uint32_t k[2] = { 0, 0 }, id, un = s->id_unowned;
		struct gacc *g;

		if (d->day < s->wstart || d->day > s->as_of)
			continue;
		if (keep && !keep(s, t))
			continue;
		switch (by) {
		case G_ALL: k[0] = s->id_all; break;
		case G_TEAM: k[0] = own ? t->t : un; break;
		case G_PRODUCT: k[0] = own ? t->p : un; break;
		case G_PORTFOLIO: k[0] = own ? t->f : un; break;
		case G_WORKLOAD: k[0] = own ? t->w : un; break;
		case G_PRODTEAM:
			k[0] = own ? t->p : un;
			k[1] = own ? t->t : un;
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
		if (d->day >= s->mfirst)
			fig_add(&g->mtd, &d->f);
		if (d->day >= s->wfirst) {
			fig_add(&g->d30, &d->f);
			fig_add(&g->tr[d->day - s->wfirst], &d->f);
		}
		if (d->day == s->as_of)
			fig_add(&g->today, &d->f);
	}
	sort_gacc(s, gs->g, gs->n);
}

void
gset_free(struct gset *gs)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		free(gs->g[i]);
	free(gs->g);
	strtab_free(&gs->idx);
	memset(gs, 0, sizeof(*gs));
}

/* a group with no data still gets its row, with no rate */
void
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

struct gacc *
gset_find(const struct gset *gs, uint32_t a)
{
	size_t i;

	for (i = 0; i < gs->n; i++)
		if (gs->g[i]->a == a)
			return gs->g[i];
	return NULL;
}

int
keep_portfolio(const struct score *s, const struct tuple *t)
{
	return tuple_owned(s, t) && t->f == s->scope_pf;
}

int
keep_wsel(const struct score *s, const struct tuple *t)
{
	return tuple_owned(s, t) && t->w < s->wselcap && s->wsel[t->w];
}

/* is the workload named one of the engineer's or owner's? */
int
wsel_has(const struct score *s, const char *workload)
{
	uint32_t w = strtab_find(&s->S, workload, strlen(workload));

	return w != UINT32_MAX && w < s->wselcap && s->wsel[w];
}

int
known_day(const struct score *s, long d)
{
	return d >= s->wstart && d <= s->as_of && s->known[d - s->wstart];
}

long
known_days(const struct score *s, long from)
{
	long d, n = 0;

	for (d = from; d <= s->as_of; d++)
		n += known_day(s, d);
	return n;
}

/* ---- the headline ---- */

void
score_compliance(struct score *s, struct score_rate *out)
{
	struct gset gs;
	const struct gacc *g;
	struct rt r;

	gather(s, &gs, G_ALL, 0, NULL);
	memset(out, 0, sizeof(*out));
	if ((g = gset_find(&gs, s->id_all)) != NULL) {
		out->num = g->mtd.accr;
		out->den = g->mtd.elig;
	}
	r = rate_of(out->num, out->den);
	out->has = r.has;
	out->rate = r.v;
	gset_free(&gs);
}

/* ---- the scope of a view ---- */

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

static int
no_scope(const struct score *s, const char *what, const char *name,
    struct names *ns, struct err *e)
{
	struct buf b = { 0 };
	size_t i;

	score_sort_ids(s, ns->v, ns->n);
	for (i = 0; i < ns->n && i < 10; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", SS(s, ns->v[i]));
	if (ns->n > 10)
		buf_adds(&b, ", ...");
	if (ns->n == 0)
		err_set(e, EXIT_DATA, 0, "no %s '%s': the data names no %s",
		    what, name, what);
	else
		err_set(e, EXIT_DATA, 0, "no %s '%s' in the data (known: %s)",
		    what, name, buf_cstr(&b));
	buf_free(&b);
	free(ns->v);
	return -1;
}

/* the workloads of an engineer or owner, from the state; returns 1 when
 * the name is known (in the state or as a task's assignee or owner) */
static int
select_person(struct score *s, const char *name, int engineer)
{
	size_t i;
	int found = 0;

	for (i = 0; i < s->nsrows; i++) {
		const struct srow *r = &s->srows[i];

		if (strcmp(engineer ? r->engineer : r->owner, name) != 0)
			continue;
		found = 1;
		if (r->workload[0] && strcmp(r->workload, "unowned")) {
			uint32_t w = score_sid(s, r->workload,
			    strlen(r->workload));

			s->wsel = score_grow(s->wsel, &s->wselcap,
			    (size_t)w + 1, 1);
			s->wsel[w] = 1;
		}
	}
	for (i = 0; i < s->ntasks; i++)
		if (strcmp(engineer ? s->tasks[i].assignee : s->tasks[i].owner,
		    name) == 0)
			found = 1;
	return found;
}

static void
person_names(struct score *s, struct names *ns, int engineer)
{
	size_t i;
	const char *p;

	for (i = 0; i < s->nsrows; i++) {
		p = engineer ? s->srows[i].engineer : s->srows[i].owner;
		names_add(ns, score_sid(s, p, strlen(p)));
	}
	for (i = 0; i < s->ntasks; i++) {
		p = engineer ? s->tasks[i].assignee : s->tasks[i].owner;
		names_add(ns, score_sid(s, p, strlen(p)));
	}
}

/* Fix the scope of the view: the portfolio, or the engineer's or owner's
 * workloads. -1 with e set when the data does not name it. */
int
score_scope(struct score *s, struct err *e)
{
	const char *sc = s->v.scope;
	struct names ns = { 0 };
	size_t i;

	if (s->v.role == SV_PORTFOLIO) {
		uint32_t f = strtab_find(&s->S, sc, strlen(sc));

		for (i = 1; i < s->tuptab.n; i++)
			if (tuple_owned(s, &s->tup[i]))
				names_add(&ns, s->tup[i].f);
		for (i = 0; i < ns.n; i++)
			if (ns.v[i] == f)
				break;
		if (f == UINT32_MAX || i == ns.n)
			return no_scope(s, "portfolio", sc, &ns, e);
		s->scope_pf = f;
		free(ns.v);
	} else if (s->v.role == SV_ENGINEER || s->v.role == SV_OWNER) {
		int eng = s->v.role == SV_ENGINEER;

		if (!select_person(s, sc, eng)) {
			person_names(s, &ns, eng);
			return no_scope(s, eng ? "engineer" : "owner", sc, &ns,
			    e);
		}
	}
	return 0;
}
