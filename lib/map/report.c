/* report.c: mapreport's night (the score of lib/map/score.h and the rows
 * of the night's files it does not carry), its pages and their names,
 * and the frame every page shares: head, stylesheet, script, sections,
 * tables. The pages are in report_lead.c and report_pages.c, the charts
 * in report_charts.c. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/afile.h"
#include "core/date.h"
#include "core/html.h"
#include "map/report_int.h"
#include "map/workload.h"

/* the schema's field index of td[CLT_x] */
#ifndef FCL_TD
#define FCL_TD(x)	(3 + NCLAIM + (x))
#endif

int
report_role_parse(const char *name)
{
	static const char *const roles[] = { "lead", "portfolio", "engineer",
		"owner" };
	size_t i;

	for (i = 0; i < NELEM(roles); i++)
		if (strcmp(name, roles[i]) == 0)
			return RP_LEAD + (int)i;
	return -1;
}

struct report *
report_new(void)
{
	struct report *r = xcalloc(1, sizeof(*r));

	r->sc = score_new();
	r->as_of = DAY_NONE;
	strtab_init(&r->people);
	return r;
}

void
report_free(struct report *r)
{
	size_t i;

	if (r == NULL)
		return;
	score_free(r->sc);
	buf_free(&r->path);
	free(r->night);
	for (i = 0; i < NELEM(r->files); i++)
		free(r->files[i]);
	for (i = 0; i < r->npg; i++) {
		free(r->pg[i].name);
		free(r->pg[i].file);
	}
	free(r->pg);
	for (i = 0; i < r->nev; i++)
		free(r->ev[i].entity);
	free(r->ev);
	for (i = 0; i < r->ntk; i++) {
		free(r->tk[i].id);
		free(r->tk[i].entity);
		free(r->tk[i].assignee);
		free(r->tk[i].owner);
		free(r->tk[i].workload);
	}
	free(r->tk);
	for (i = 0; i < r->npl; i++) {
		free(r->pl[i].code);
		free(r->pl[i].reference);
		free(r->pl[i].note);
	}
	free(r->pl);
	for (i = 0; i < r->ncl; i++)
		free(r->cl[i].contract);
	free(r->cl);
	for (i = 0; i < r->nscan; i++) {
		free(r->scan[i].kind);
		free(r->scan[i].key);
	}
	free(r->scan);
	strtab_free(&r->people);
	for (i = 0; i < r->nent; i++) {
		free(r->ent[i].entity);
		free(r->ent[i].workload);
		free(r->ent[i].team);
		free(r->ent[i].product);
		free(r->ent[i].portfolio);
	}
	free(r->ent);
	tset_free(&r->lead);
	free(r);
}

/* ---- reading the night ---- */

/* statedir/current/name, in r->path (valid until the next call): from
 * the directory current named when the load began, so that every file is
 * of one night however often a night swaps current meanwhile */
static const char *
night_file(struct report *r, const char *name)
{
	if (r->night == NULL) {
		r->path.len = 0;
		buf_printf(&r->path, "%s/current", r->o.statedir);
		r->night = afile_pin_dir(buf_cstr(&r->path));
	}
	r->path.len = 0;
	buf_printf(&r->path, "%s/%s", r->night, name);
	return buf_cstr(&r->path);
}

/* a copy of the path of an optional file, NULL when it is not there */
static char *
optional(struct report *r, const char *name)
{
	const char *p = night_file(r, name);

	return access(p, F_OK) == 0 ? xstrdup(p) : NULL;
}

static void *
grow(void *p, size_t *cap, size_t n, size_t elt)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 32;
	return xrealloc(p, *cap * elt);
}

/* open name through schema, NULL when it is not there (*ok 1) or on an
 * error (*ok 0, e and *epath set) */
static struct recr *
open_night(struct report *r, const char *name, const struct rschema *sch,
    char **kept, int *ok, struct err *e)
{
	struct recr *rr;

	*ok = 1;
	if ((*kept = optional(r, name)) == NULL)
		return NULL;
	if ((rr = recr_open(*kept, sch, e)) == NULL)
		*ok = 0;
	return rr;
}

/* the events by entity, in the file's order (by day) for each */
static int
cmp_ev(const void *a, const void *b)
{
	const struct rev *x = a, *y = b;
	int c = strcmp(x->entity, y->entity);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* the tasks by entity, then id */
static int
cmp_tk(const void *a, const void *b)
{
	const struct rtask *x = a, *y = b;
	int c = strcmp(x->entity, y->entity);

	return c != 0 ? c : strcmp(x->id, y->id);
}

static int
read_events(struct report *r, const char **epath, struct err *e)
{
	struct event_rec E;
	struct recr *rr;
	size_t cap = 0;
	int ok, rc;

	rr = open_night(r, "events.tsv", &event_schema, &r->files[5], &ok, e);
	*epath = r->files[5];
	if (rr == NULL)
		return ok ? 0 : -1;
	while ((rc = recr_next(rr, &E, e)) == 1) {
		struct rev *v;

		r->ev = grow(r->ev, &cap, r->nev, sizeof(*r->ev));
		v = &r->ev[r->nev];
		v->seq = r->nev++;
		v->date = E.date;
		v->entity = span_dup(E.entity);
		v->from = E.from;
		v->to = E.to;
		v->reason = E.reason;
	}
	recr_close(rr);
	if (r->nev > 1)
		qsort(r->ev, r->nev, sizeof(*r->ev), cmp_ev);
	return rc < 0 ? -1 : 0;
}

static int
read_tasks(struct report *r, const char *path, struct err *e)
{
	struct recr *rr;
	struct task_rec T;
	size_t cap = 0;
	int rc;

	if (path == NULL)
		return 0;
	if ((rr = recr_open(path, &task_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(rr, &T, e)) == 1) {
		struct rtask *k;

		r->tk = grow(r->tk, &cap, r->ntk, sizeof(*r->tk));
		k = &r->tk[r->ntk++];
		k->id = span_dup(T.task_id);
		k->entity = span_dup(T.entity);
		k->assignee = span_dup(T.assignee);
		k->owner = span_dup(T.owner);
		k->workload = span_dup(T.workload);
		k->type = T.type;
		k->open = T.status == TS_OPEN;
		k->opened = T.opened;
		k->closed = T.closed;
		k->daily = T.daily_impact;
		k->todate = T.impact_to_date;
	}
	recr_close(rr);
	if (r->ntk > 1)
		qsort(r->tk, r->ntk, sizeof(*r->tk), cmp_tk);
	return rc < 0 ? -1 : 0;
}

static int
read_pools(struct report *r, const char **epath, struct err *e)
{
	struct pool_rec P;
	struct recr *rr;
	size_t cap = 0;
	int ok, rc;

	rr = open_night(r, "pools.tsv", &pool_schema, &r->files[6], &ok, e);
	*epath = r->files[6];
	if (rr == NULL)
		return ok ? 0 : -1;
	r->have_pools = 1;
	while ((rc = recr_next(rr, &P, e)) == 1) {
		struct rpool *p;

		r->pl = grow(r->pl, &cap, r->npl, sizeof(*r->pl));
		p = &r->pl[r->npl++];
		p->code = span_dup(P.code);
		p->reference = span_dup(P.reference);
		p->note = span_dup(P.note);
		p->granted = P.granted;
		p->used = P.used;
		p->remaining = P.remaining;
		p->burn = P.daily_burn;
		p->expiring = P.expiring_unused;
		p->start = P.start;
		p->end = P.end;
		p->days_left = P.days_left;
	}
	recr_close(rr);
	return rc < 0 ? -1 : 0;
}

/* what curscan could not read or nearly matched, per kind and key in the
 * order first met (the files are left out: they are paths) */
static int
read_scan(struct report *r, const char **epath, struct err *e)
{
	struct summary_rec R;
	struct recr *rr;
	size_t i, cap = 0;
	int ok, rc;

	rr = open_night(r, "scan-summary.tsv", &summary_schema, &r->files[8],
	    &ok, e);
	*epath = r->files[8];
	if (rr == NULL)
		return ok ? 0 : -1;
	r->have_scan = 1;
	while ((rc = recr_next(rr, &R, e)) == 1) {
		struct rscan *x;

		if (!(R.kind.n == 8 && memcmp(R.kind.s, "rejected", 8) == 0) &&
		    !(R.kind.n == 13 && memcmp(R.kind.s, "near-miss-tag",
		    13) == 0))
			continue;
		for (i = 0; i < r->nscan; i++)
			if (strcmp(r->scan[i].kind, R.kind.s) == 0 &&
			    strcmp(r->scan[i].key, R.key.s) == 0)
				break;
		if (i == r->nscan) {
			r->scan = grow(r->scan, &cap, r->nscan,
			    sizeof(*r->scan));
			x = &r->scan[r->nscan++];
			memset(x, 0, sizeof(*x));
			x->kind = span_dup(R.kind);
			x->key = span_dup(R.key);
		}
		x = &r->scan[i];
		x->rows += R.rows;
		if (!recr_empty(rr, 5)) {	/* cost */
			x->cost += R.cost;
			x->has_cost = 1;
		}
	}
	recr_close(rr);
	return rc < 0 ? -1 : 0;
}

/* the claims again, for the contract-to-date columns mapscore's credits
 * section does not show */
static int
read_claims(struct report *r, const char *path, struct err *e)
{
	struct claims_rec C;
	struct recr *rr;
	size_t cap = 0;
	int rc;

	if (path == NULL)
		return 0;
	if ((rr = recr_open(path, &claims_schema, e)) == NULL)
		return -1;
	r->have_claims = 1;
	r->have_td = recr_has(rr, FCL_TD(CLT_PROJECTED));
	while ((rc = recr_next(rr, &C, e)) == 1) {
		struct rclaim *c;

		r->cl = grow(r->cl, &cap, r->ncl, sizeof(*r->cl));
		c = &r->cl[r->ncl++];
		c->month = C.month;
		c->contract = span_dup(C.contract);
		memcpy(c->v, C.v, sizeof(c->v));
		memcpy(c->td, C.td, sizeof(c->td));
	}
	recr_close(rr);
	return rc < 0 ? -1 : 0;
}

/* "KIND\tNAME" of a person, each once (the state repeats them) */
static void
person_add(struct report *r, struct buf *b, char kind, struct span s)
{
	if (s.n == 0 || (s.n == 10 && memcmp(s.s, "unassigned", 10) == 0) ||
	    (s.n == 7 && memcmp(s.s, "unowned", 7) == 0))
		return;
	b->len = 0;
	buf_printf(b, "%c\t", kind);
	buf_add(b, s.s, s.n);
	strtab_intern(&r->people, b->s, b->len);
}

/* the engineers and owners of the state and the tasks: the scopes the
 * score's engineer and owner views take; and the entities that do not
 * accrue */
static int
read_people(struct report *r, const char *state, struct err *e)
{
	struct state_rec S;
	struct buf b = { 0 };
	struct recr *rr;
	size_t i, ecap = 0;
	int rc;

	for (i = 0; i < r->ntk; i++) {
		if (r->tk[i].open && strcmp(r->tk[i].assignee,
		    "unassigned") == 0)
			r->have_unassigned = 1;
		person_add(r, &b, 'e', (struct span){ r->tk[i].assignee,
		    strlen(r->tk[i].assignee) });
		person_add(r, &b, 'o', (struct span){ r->tk[i].owner,
		    strlen(r->tk[i].owner) });
	}
	if (state == NULL) {
		buf_free(&b);
		return 0;
	}
	if ((rr = recr_open(state, &state_schema, e)) == NULL) {
		buf_free(&b);
		return -1;
	}
	while ((rc = recr_next(rr, &S, e)) == 1) {
		struct rent *x;

		person_add(r, &b, 'e', S.engineer);
		person_add(r, &b, 'o', S.owner);
		if (S.state != ST_PENDING && S.state != ST_STALE)
			continue;
		r->ent = grow(r->ent, &ecap, r->nent, sizeof(*r->ent));
		x = &r->ent[r->nent++];
		x->entity = span_dup(S.entity);
		x->workload = span_dup(S.workload);
		x->team = span_dup(S.team);
		x->product = span_dup(S.product);
		x->portfolio = span_dup(S.portfolio);
		x->st = S.state;
		x->daily = S.daily;
		x->risk = S.at_risk;
	}
	recr_close(rr);
	buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* is name a person of kind ('e', 'o') in the data? */
static int
person_known(const struct report *r, char kind, const char *name)
{
	struct buf b = { 0 };
	int found;

	buf_printf(&b, "%c\t%s", kind, name);
	found = strtab_find(&r->people, b.s, b.len) != UINT32_MAX;
	buf_free(&b);
	return found;
}

/* ---- views ---- */

/* a deep copy of the tables of s into d (the score's are replaced by its
 * next view): all, or only section only, renamed as */
static void
tset_copy(struct tset *d, const struct tset *s, const char *only,
    const char *as)
{
	size_t i, k, c;

	for (i = 0; i < s->n; i++) {
		const struct table *t = &s->t[i];
		struct col *cols;
		struct table *n;

		if (only && strcmp(t->section, only) != 0)
			continue;
		cols = xcalloc(t->ncol + 1, sizeof(*cols));
		tset_keep(d, (char *)cols);
		for (c = 0; c < t->ncol; c++) {
			cols[c] = t->cols[c];
			cols[c].name = tset_keep(d, xstrdup(t->cols[c].name));
			if (t->cols[c].title)
				cols[c].title = tset_keep(d,
				    xstrdup(t->cols[c].title));
		}
		n = tset_add(d, tset_keep(d, xstrdup(as ? as : t->section)),
		    tset_keep(d, xstrdup(t->title ? t->title : "")), cols,
		    t->ncol);
		n->text = t->text;
		if (t->note)
			n->note = tset_keep(d, xstrdup(t->note));
		n->nrows = n->cap = t->nrows;
		n->cells = xcalloc(t->nrows * t->ncol + 1, sizeof(*n->cells));
		for (k = 0; k < t->nrows * t->ncol; k++) {
			n->cells[k] = t->cells[k];
			if (t->cells[k].s)
				n->cells[k].s = tset_keep(d,
				    xstrdup(t->cells[k].s));
		}
	}
}

/* The view's tables, and its rate section in the layout of mapscore's
 * text (one row per group with both windows, the at-risk sums, the
 * sparkline) as the section "ratetext". */
int
report_view(struct report *r, int role, int by, const char *scope,
    struct tset *out, const char **epath, struct err *e)
{
	struct score_view v = { 0 };

	tset_init(out);
	v.role = role;
	v.by = by;
	v.scope = scope;
	v.text = 1;
	if (score_view(r->sc, &v, epath, e) != 0)
		return -1;
	tset_copy(out, score_tables(r->sc), "rate", "ratetext");
	v.text = 0;
	if (score_view(r->sc, &v, epath, e) != 0) {
		tset_free(out);
		return -1;
	}
	tset_copy(out, score_tables(r->sc), NULL, NULL);
	return 0;
}

/* ---- the pages and their names ---- */

static void
page_add(struct report *r, size_t *cap, int role, const char *name,
    const char *file, int indata)
{
	struct rpage *p;

	r->pg = grow(r->pg, cap, r->npg, sizeof(*r->pg));
	p = &r->pg[r->npg++];
	p->role = role;
	p->name = name ? xstrdup(name) : NULL;
	p->file = xstrdup(file);
	p->indata = indata;
}

/* is portfolio name a group of the Lead's rate section? */
static int
portfolio_known(const struct report *r, const char *name)
{
	const struct table *t = tset_find(&r->lead, "rate");
	size_t i;

	for (i = 0; t && i < t->nrows; i++)
		if (strcmp(rp_str(t, i, "by"), "portfolio") == 0 &&
		    strcmp(rp_str(t, i, "group"), name) == 0)
			return 1;
	return 0;
}

/* one page per name (sorted, each once) of a role: PREFIX-SLUG.html, the
 * first name of a slug in byte order taking it, each later one the first
 * of SLUG-2, SLUG-3, ... not yet taken */
static void
pages_of(struct report *r, size_t *cap, int role, const char *prefix,
    char **names, size_t n)
{
	size_t i, j, first = r->npg;
	struct buf b = { 0 };

	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		size_t stem, k = 1;
		int indata;

		if (i > 0 && strcmp(names[i], names[i - 1]) == 0)
			continue;
		b.len = 0;
		buf_printf(&b, "%s-", prefix);
		html_slug(&b, names[i]);
		stem = b.len;
		for (;;) {
			buf_adds(&b, ".html");
			for (j = first; j < r->npg; j++)
				if (strcmp(r->pg[j].file, buf_cstr(&b)) == 0)
					break;
			if (j == r->npg)
				break;
			b.len = stem;
			buf_printf(&b, "-%zu", ++k);
		}
		if (role == RP_PORTFOLIO)
			indata = portfolio_known(r, names[i]);
		else
			indata = person_known(r, role == RP_ENGINEER ? 'e' :
			    'o', names[i]);
		page_add(r, cap, role, names[i], buf_cstr(&b), indata);
	}
	buf_free(&b);
}

/* the portfolios, engineers and owners: of the workloads file, else of
 * the data */
static int
list_pages(struct report *r, const char **epath, struct err *e)
{
	char **v[3] = { NULL, NULL, NULL };
	size_t n[3] = { 0, 0, 0 }, cap[3] = { 0, 0, 0 }, pcap = 0, i, k;
	const struct table *t = tset_find(&r->lead, "rate");
	static const char *const prefix[3] = { "portfolio", "engineer",
		"owner" };

	if (r->o.workloads) {
		struct workloads wl = { 0 };

		*epath = r->o.workloads;
		if (workloads_load(r->o.workloads, &wl, e) != 0)
			return -1;
		for (i = 0; i < wl.nw; i++) {
			const char *nm[3] = { wl.w[i].portfolio,
				wl.w[i].engineer, wl.w[i].owner };

			for (k = 0; k < 3; k++) {
				v[k] = grow(v[k], &cap[k], n[k],
				    sizeof(*v[k]));
				v[k][n[k]++] = xstrdup(nm[k]);
			}
		}
		workloads_free(&wl);
	} else {
		for (i = 0; t && i < t->nrows; i++) {
			const char *g = rp_str(t, i, "group");

			if (strcmp(rp_str(t, i, "by"), "portfolio") != 0 ||
			    strcmp(g, "unowned") == 0 ||
			    strcmp(rp_str(t, i, "window"), "mtd") != 0)
				continue;
			v[0] = grow(v[0], &cap[0], n[0], sizeof(*v[0]));
			v[0][n[0]++] = xstrdup(g);
		}
		for (i = 1; i < r->people.n; i++) {
			const char *p = strtab_get(&r->people, (uint32_t)i);

			k = p[0] == 'e' ? 1 : 2;
			v[k] = grow(v[k], &cap[k], n[k], sizeof(*v[k]));
			v[k][n[k]++] = xstrdup(p + 2);
		}
	}
	page_add(r, &pcap, RP_INDEX, NULL, "index.html", 1);
	page_add(r, &pcap, RP_LEAD, NULL, "lead.html", 1);
	for (k = 0; k < 3; k++) {
		pages_of(r, &pcap, RP_PORTFOLIO + (int)k, prefix[k], v[k],
		    n[k]);
		strv_free(v[k], n[k]);
	}
	return 0;
}

/* mark the pages of the options' role and scope */
static int
want_pages(struct report *r, struct err *e)
{
	static const char *const what[] = { "", "", "portfolio", "engineer",
		"owner" };
	size_t i, n = 0;

	for (i = 0; i < r->npg; i++) {
		struct rpage *p = &r->pg[i];

		p->want = r->o.role == RP_ALL || (p->role == r->o.role &&
		    (r->o.scope == NULL || strcmp(p->name, r->o.scope) == 0));
		n += p->want;
	}
	if (n == 0 && r->o.role > RP_LEAD) {
		err_set(e, EXIT_USAGE, 0, "no %s '%s' in the %s",
		    what[r->o.role], r->o.scope ? r->o.scope : "",
		    r->o.workloads ? "workloads file" : "data");
		return -1;
	}
	return 0;
}

int
report_load(struct report *r, const struct report_opts *o,
    const char **epath, struct err *e)
{
	struct score_files f = { 0 };
	const char *led[1];

	r->o = *o;
	*epath = NULL;
	r->files[0] = xstrdup(night_file(r, "ledger.tsv"));
	r->files[1] = optional(r, "state.tsv");
	r->files[2] = optional(r, "tasks.tsv");
	r->files[3] = optional(r, "attribution.tsv");
	r->files[4] = optional(r, "claims.tsv");
	r->files[7] = optional(r, "score-history.tsv");
	led[0] = r->files[0];
	f.ledgers = led;
	f.nledgers = 1;
	f.state = r->files[1];
	f.tasks = r->files[2];
	f.attribution = r->files[3];
	f.claims = r->files[4];
	f.history = r->files[7];
	score_set_as_of(r->sc, o->as_of);
	if (score_load(r->sc, &f, epath, e) != 0)
		return -1;
	r->as_of = score_as_of(r->sc);
	if ((*epath = r->files[2], read_tasks(r, r->files[2], e)) != 0 ||
	    (*epath = r->files[4], read_claims(r, r->files[4], e)) != 0 ||
	    (*epath = r->files[1], read_people(r, r->files[1], e)) != 0 ||
	    read_events(r, epath, e) != 0 || read_pools(r, epath, e) != 0 ||
	    read_scan(r, epath, e) != 0)
		return -1;
	if (report_view(r, SV_LEAD, SB_ALL, NULL, &r->lead, epath, e) != 0 ||
	    list_pages(r, epath, e) != 0)
		return -1;
	*epath = NULL;
	return want_pages(r, e);
}

size_t
report_npages(const struct report *r)
{
	return r->npg;
}

int
report_wanted(const struct report *r, size_t i)
{
	return r->pg[i].want;
}

const char *
report_file(const struct report *r, size_t i)
{
	return r->pg[i].file;
}

int
report_role(const struct report *r, size_t i)
{
	return r->pg[i].role;
}

const char *
report_scope(const struct report *r, size_t i)
{
	return r->pg[i].name;
}

long
report_find(const struct report *r, int role, const char *name)
{
	size_t i;

	for (i = 0; i < r->npg; i++)
		if (r->pg[i].role == role && (name == NULL ||
		    (r->pg[i].name && strcmp(r->pg[i].name, name) == 0)))
			return (long)i;
	return -1;
}

long
report_as_of(const struct report *r)
{
	return r->as_of;
}

int
report_page(struct report *r, size_t i, struct buf *out, const char **epath,
    struct err *e)
{
	struct rw w = { r, out, 0 };
	const struct rpage *p = &r->pg[i];

	*epath = NULL;
	switch (p->role) {
	case RP_INDEX: return page_index(&w, epath, e);
	case RP_LEAD: return page_lead(&w, epath, e);
	case RP_PORTFOLIO: return page_portfolio(&w, p, epath, e);
	case RP_ENGINEER: return page_engineer(&w, p, epath, e);
	default: return page_owner(&w, p, epath, e);
	}
}

/* ---- cells ---- */


const struct cell *
rp_cell(const struct table *t, size_t row, const char *col)
{
	int c = table_col(t, col);

	return c < 0 || row >= t->nrows ? NULL : TABLE_CELL(t, row, c);
}

money_t
rp_money(const struct table *t, size_t row, const char *col, int *has)
{
	const struct cell *c = rp_cell(t, row, col);
	int h = c && !c->empty;

	if (has)
		*has = h;
	return h ? c->m : 0;
}

const char *
rp_str(const struct table *t, size_t row, const char *col)
{
	const struct cell *c = rp_cell(t, row, col);

	return c && !c->empty && c->s ? c->s : "";
}

void
rp_fmt(struct buf *b, int type, money_t v)
{
	if (type == C_RATE || type == C_FRAC)
		fmt_pct(v, b);
	else if (type == C_COUNT)
		buf_printf(b, "%lld", (long long)(v / MONEY_ONE));
	else
		fmt_dollars(v, b);
}

void
rp_fmt_cell(struct buf *b, const struct cell *c)
{
	char d[DATE_DAYLEN];

	if (c == NULL)
		return;
	if (c->empty) {
		if (c->type == C_RATE || c->type == C_FRAC)
			buf_adds(b, "-");
		return;
	}
	switch (c->type) {
	case C_STR: buf_adds(b, c->s); break;
	case C_MONEY: fmt_dollars(c->m, b); break;
	case C_RATE:
	case C_FRAC: fmt_pct(c->m, b); break;
	case C_COUNT: buf_printf(b, "%lld", c->n); break;
	case C_DAY:
		date_fmt_day((long)c->n, d);
		buf_adds(b, d);
		break;
	}
}

/* ---- the frame ---- */

static const char css[] =
":root{--ink:#1b1f24;--mute:#57606a;--line:#d0d7de;--acc:#0a58a8;"
"--ok:#1a7f37;--pend:#b35c00;--stale:#c4232e;--elig:#6e7781;"
"--inel:#afb8c1}\n"
"body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"Arial,sans-serif;color:var(--ink);background:#fff;margin:0 auto;"
"max-width:1120px;padding:0 16px 32px}\n"
"nav{font-size:13px;padding:10px 0;border-bottom:1px solid var(--line)}\n"
"nav a{margin-right:14px}\n"
"a{color:var(--acc)}\n"
"h1{font-size:24px;margin:16px 0 4px}h2{font-size:18px;margin:28px 0 8px;"
"border-bottom:1px solid var(--line);padding-bottom:4px}"
"h3{font-size:15px;margin:18px 0 6px}\n"
".lede{color:var(--mute);margin:0 0 12px}\n"
".kpis{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}\n"
".kpi{border:1px solid var(--line);border-radius:6px;padding:10px 14px;"
"min-width:170px}\n"
".kpi b{display:block;font-size:28px;line-height:1.2}\n"
".kpi span{color:var(--mute);font-size:12px}\n"
".below b{color:var(--stale)}.above b{color:var(--ok)}\n"
"figure{margin:10px 0 14px}figcaption{font-weight:600;margin-bottom:4px}\n"
"svg{max-width:100%;height:auto;font-size:12px}\n"
"svg text{fill:var(--ink)}svg .mute{fill:var(--mute)}\n"
".axis{stroke:#8c959f;stroke-width:1}.grid{stroke:#eaeef2;"
"stroke-width:1}\n"
".target{stroke:var(--stale);stroke-width:2;stroke-dasharray:6 4}\n"
".month{stroke:#8c959f;stroke-width:1;stroke-dasharray:2 3}\n"
".trend{fill:none;stroke:var(--acc);stroke-width:2.5}.pt{fill:var(--acc)}\n"
".s0{fill:var(--acc)}.s1{fill:var(--pend)}.s2{fill:var(--stale)}"
".s3{fill:var(--ok)}.s4{fill:var(--elig)}.s5{fill:var(--inel)}\n"
".open{fill:#fff;stroke:var(--ink);stroke-width:2}.shut{fill:var(--ink)}\n"
"table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}\n"
".tw{overflow-x:auto;max-width:100%}\n"
"caption{text-align:left;font-weight:600;padding:4px 0}\n"
"th,td{border-bottom:1px solid var(--line);padding:3px 8px;"
"text-align:left;vertical-align:top}\n"
"th{background:#f6f8fa;font-weight:600}td.n,th.n{text-align:right;"
"font-variant-numeric:tabular-nums;white-space:nowrap}\n"
"td.id{overflow-wrap:anywhere;max-width:34em;min-width:14em}\n"
"td.d{white-space:nowrap}\n"
"td.spark{white-space:nowrap;font-size:11px;letter-spacing:-1px}\n"
"tr.sum td{font-weight:600}\n"
"table.sortable th{cursor:pointer}\n"
".legend span{display:inline-block;margin-right:14px;font-size:12px}\n"
".legend i{display:inline-block;width:10px;height:10px;margin-right:4px;"
"vertical-align:baseline}\n"
".k0{background:var(--acc)}.k1{background:var(--pend)}"
".k2{background:var(--stale)}.k3{background:var(--ok)}"
".k4{background:var(--elig)}.k5{background:var(--inel)}\n"
".task{border:1px solid var(--line);border-radius:6px;padding:6px 12px;"
"margin:8px 0}\n"
".task h4{margin:4px 0;font-size:14px}\n"
"pre{background:#f6f8fa;border:1px solid var(--line);padding:8px;"
"white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0}\n"
".pair{display:flex;flex-wrap:wrap;gap:0 24px;align-items:flex-start}\n"
"button.copy{font-size:12px}\n"
"input[type=search]{font-size:13px;padding:3px 6px;margin:4px 0}\n"
".note{color:var(--mute)}\n"
"ul.pages{columns:2}\n"
"@page{size:A4;margin:14mm}\n"
"@media print{body{max-width:none;padding:0;font-size:10pt}"
"nav,button.copy,input[type=search]{display:none!important}"
"a{color:inherit;text-decoration:none}figure,.task,.kpis{"
"break-inside:avoid}h2,h3{break-after:avoid}table{font-size:8.5pt}"
"th{background:none}.tw{overflow:visible}}\n";

/* sorting a table by a column, filtering rows, copying a command: every
 * number is in the page without it */
static const char js[] =
"(function(){\n"
"function num(s){var t=s.replace(/[$,%\\s]/g,'');"
"return t!==''&&!isNaN(t)?parseFloat(t):null}\n"
"function each(q,f){Array.prototype.forEach.call("
"document.querySelectorAll(q),f)}\n"
"each('table.sortable',function(t){var hs=t.tHead.rows[0].cells;"
"Array.prototype.forEach.call(hs,function(h,i){h.tabIndex=0;\n"
"function go(){var b=t.tBodies[0],r=Array.prototype.slice.call(b.rows),"
"d=h.getAttribute('aria-sort')==='ascending'?-1:1;\n"
"r.sort(function(x,y){var a=x.cells[i]?x.cells[i].textContent:'',"
"c=y.cells[i]?y.cells[i].textContent:'',p=num(a),q=num(c);\n"
"return d*(p!==null&&q!==null?p-q:a<c?-1:a>c?1:0)});\n"
"Array.prototype.forEach.call(hs,function(o){"
"o.removeAttribute('aria-sort')});\n"
"h.setAttribute('aria-sort',d>0?'ascending':'descending');"
"r.forEach(function(x){b.appendChild(x)})}\n"
"h.addEventListener('click',go);h.addEventListener('keydown',"
"function(e){if(e.key==='Enter')go()})})});\n"
"each('input[data-filter]',function(f){var t=document.getElementById("
"f.getAttribute('data-filter'));f.hidden=false;\n"
"f.addEventListener('input',function(){var q=f.value.toLowerCase();\n"
"Array.prototype.forEach.call(t.tBodies[0].rows,function(r){"
"r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0})})});\n"
"each('button.copy',function(b){var c=document.getElementById("
"b.getAttribute('data-for'));b.hidden=false;\n"
"b.addEventListener('click',function(){var s=window.getSelection(),"
"g=document.createRange();g.selectNodeContents(c);s.removeAllRanges();"
"s.addRange(g);\n"
"if(navigator.clipboard)navigator.clipboard.writeText(c.textContent)."
"then(function(){b.textContent='Copied'},function(){});"
"else if(document.execCommand('copy'))b.textContent='Copied'})});\n"
"})();\n";

void
rp_begin(struct rw *w, const char *title, const char *lede)
{
	struct buf *b = w->b;
	char day[DATE_DAYLEN];

	date_fmt_day(w->r->as_of, day);
	buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	html_text(b, title);
	buf_printf(b, "%s%s</title>\n<style>\n", strncmp(title, "MAP ", 4) ?
	    " \xe2\x80\x94 MAP, " : ", ", day);
	buf_adds(b, css);
	buf_adds(b, "</style>\n</head>\n<body>\n<nav aria-label=\"Report\">"
	    "<a href=\"index.html\">All pages</a><a href=\"lead.html\">"
	    "FinOps Lead</a></nav>\n<header>\n<h1>");
	html_text(b, title);
	buf_printf(b, "</h1>\n<p class=\"lede\">As of %s. ", day);
	html_text(b, lede);
	buf_adds(b, "</p>\n</header>\n<main>\n");
}

void
rp_end(struct rw *w)
{
	buf_adds(w->b, "</main>\n<footer class=\"note\"><p>Written by "
	    "mapreport from the night's files of mapstate, maptasks, "
	    "mapcredit and mapscore. Money is rounded to the cent and rates "
	    "to two decimals of a percent, as mapscore's text views print "
	    "them.</p></footer>\n<script>\n");
	buf_adds(w->b, js);
	buf_adds(w->b, "</script>\n</body>\n</html>\n");
}

void
rp_section(struct rw *w, const char *id, const char *title)
{
	buf_printf(w->b, "<section id=\"%s\">\n<h2>", id);
	html_text(w->b, title);
	buf_adds(w->b, "</h2>\n");
}

void
rp_section_end(struct rw *w)
{
	buf_adds(w->b, "</section>\n");
}

void
rp_note(struct rw *w, const char *text)
{
	html_elem(w->b, "p", "note", text);
	buf_addc(w->b, '\n');
}

static int
numeric(int type)
{
	return type != C_STR && type != C_DAY;
}

void
rp_table(struct rw *w, const struct table *t, const struct rcol *cols,
    size_t ncols, const char *caption, const char *selc, const char *selv,
    const char *tid)
{
	struct buf *b = w->b, v = { 0 };
	size_t i, k, rows = 0;
	int *ci = xcalloc(ncols + 1, sizeof(*ci));

	for (k = 0; k < ncols; k++)
		ci[k] = t ? table_col(t, cols[k].name) : -1;
	buf_adds(b, "<div class=\"tw\"><table class=\"sortable\"");
	if (tid)
		buf_printf(b, " id=\"%s\"", tid);
	buf_adds(b, ">\n");
	if (caption) {
		buf_adds(b, "<caption>");
		html_text(b, caption);
		buf_adds(b, "</caption>\n");
	}
	buf_adds(b, "<thead><tr>");
	for (k = 0; k < ncols; k++) {
		int n = ci[k] >= 0 && numeric(t->cols[ci[k]].type);

		buf_printf(b, "<th scope=\"col\"%s>", n ? " class=\"n\"" : "");
		html_text(b, cols[k].title);
		buf_adds(b, "</th>");
	}
	buf_adds(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; t && i < t->nrows; i++) {
		if (selc && strcmp(rp_str(t, i, selc), selv) != 0)
			continue;
		rows++;
		buf_adds(b, "<tr>");
		for (k = 0; k < ncols; k++) {
			const struct cell *c = ci[k] >= 0 ?
			    TABLE_CELL(t, i, ci[k]) : NULL;

			v.len = 0;
			rp_fmt_cell(&v, c);
			buf_adds(b, c && numeric(c->type) ? "<td class=\"n\">" :
			    c && c->type == C_DAY ? "<td class=\"d\">" :
			    strcmp(cols[k].name, "trend") == 0 ?
			    "<td class=\"spark\">" :
			    c && c->type == C_STR && !c->empty &&
			    strlen(c->s) > 40 ? "<td class=\"id\">" : "<td>");
			html_textn(b, v.s ? v.s : "", v.len);
			buf_adds(b, "</td>");
		}
		buf_adds(b, "</tr>\n");
	}
	if (rows == 0)
		buf_printf(b, "<tr><td colspan=\"%zu\">(none)</td></tr>\n",
		    ncols);
	buf_adds(b, "</tbody>\n</table></div>\n");
	buf_free(&v);
	free(ci);
}

void
rp_table_all(struct rw *w, const struct table *t, const char *caption)
{
	struct rcol *cols;
	size_t i;

	if (t == NULL)
		return;
	cols = xcalloc(t->ncol + 1, sizeof(*cols));
	for (i = 0; i < t->ncol; i++) {
		cols[i].name = t->cols[i].name;
		cols[i].title = t->cols[i].title ? t->cols[i].title :
		    t->cols[i].name;
	}
	rp_table(w, t, cols, t->ncol, caption, NULL, NULL, NULL);
	free(cols);
}

void
rp_rate_text(struct rw *w, const struct tset *ts, const char *caption)
{
	rp_table_all(w, tset_find(ts, "ratetext"), caption);
}

void
rp_filter(struct rw *w, const char *tid, const char *what)
{
	buf_printf(w->b, "<p><input type=\"search\" data-filter=\"%s\" "
	    "aria-label=\"", tid);
	html_text(w->b, what);
	buf_adds(w->b, "\" placeholder=\"");
	html_text(w->b, what);
	buf_adds(w->b, "\" hidden></p>\n");
}

void
rp_link(struct rw *w, int role, const char *name)
{
	long i = report_find(w->r, role, name);

	if (i < 0) {
		html_text(w->b, name);
		return;
	}
	buf_adds(w->b, "<a href=\"");
	html_text(w->b, w->r->pg[i].file);
	buf_adds(w->b, "\">");
	html_text(w->b, name);
	buf_adds(w->b, "</a>");
}
