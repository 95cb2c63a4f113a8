/* ask.c: mapask's night (the files of one night of a state directory,
 * through their schemas, and its score), the catalogue and its
 * arguments, and the frame of every answer: its sentences and sources.
 * The questions are in ask_q.c and ask_q2.c, the free text in
 * ask_text.c, the renderings in ask_out.c. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/afile.h"
#include "core/date.h"
#include "map/ask_int.h"

const struct ask_qinfo ask_catalogue[NQ] = {
	{ "rate", "rate [--team|--product|--portfolio|--workload NAME]",
	    "the MAP Compliance Rate, its gap, the entities behind it and "
	    "what changed in the last 1, 7 and 30 days",
	    "why is the payments team at 64%?" },
	{ "lost", "lost [--days N] [--team NAME]",
	    "the untagged or drifted entities that cost the most MAP credit "
	    "in the last N days (default 7), with their open tasks",
	    "which untagged resources lost us the most credit this week?" },
	{ "explain", "explain ENTITY",
	    "an entity's story: eligibility, state changes, tags, tasks and "
	    "credit", "explain i-0a1b2c3d4e5f60718" },
	{ "credits", "credits [--month YYYY-MM] [--contract ID]",
	    "MAP credit received vs earned vs projected, the gap and its "
	    "causes, the attribution by workload, the grants expiring "
	    "soonest", "how much MAP credit have we claimed this month versus "
	    "what we projected?" },
	{ "tasks", "tasks [--engineer NAME]",
	    "the open Cloud Engineer tasks, most credit lost per day first",
	    "what should I fix today?" },
	{ "changes", "changes [--since YYYY-MM-DD]",
	    "what the last nights changed: state changes, tasks opened and "
	    "closed, the rate before and after",
	    "what changed since last night?" },
};

const char *const ask_file_names[NAF] = {
	"state.tsv", "events.tsv", "ledger.tsv", "tasks.tsv", "notify.tsv",
	"attribution.tsv", "claims.tsv", "pools.tsv", "score-history.tsv",
	"scan-summary.tsv", "night.log",
};

int
ask_q_find(const char *name)
{
	int i;

	for (i = 0; i < NQ; i++)
		if (strcmp(ask_catalogue[i].name, name) == 0)
			return i;
	return -1;
}

/* ---- arguments ---- */

void
ask_args_init(struct ask_args *q, int qn)
{
	memset(q, 0, sizeof(*q));
	q->q = qn;
	q->by = SB_ALL;
	q->days = 7;
	q->month = -1;
	q->since = DAY_NONE;
}

/* --opt VALUE or --opt=VALUE: the value, or NULL when argv[*i] is not
 * opt; -1 in *bad when the value is missing */
static const char *
optval(int argc, char **argv, int *i, const char *opt, int *bad)
{
	size_t n = strlen(opt);
	const char *a = argv[*i];

	if (strncmp(a, opt, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*bad = 1;
		return NULL;
	}
	return argv[++*i];
}

static int
parse_days(const char *v, long *out)
{
	char *end;
	long n;

	if (*v < '0' || *v > '9')
		return -1;
	n = strtol(v, &end, 10);
	if (*end != '\0' || n < 1 || n > 3660)
		return -1;
	*out = n;
	return 0;
}

int
ask_args_parse(struct ask_args *q, int argc, char **argv, struct err *e)
{
	static const char *const byopt[] = { NULL, "--team", "--product",
	    "--portfolio", "--workload" };
	const char *qn = ask_catalogue[q->q].name, *v;
	int i, k, bad = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (q->q == Q_RATE) {
			for (k = SB_TEAM; k <= SB_WORKLOAD; k++)
				if ((v = optval(argc, argv, &i, byopt[k],
				    &bad)) != NULL)
					break;
			if (k <= SB_WORKLOAD) {
				if (q->by != SB_ALL)
					goto twice;
				q->by = k;
				q->name = v;
				continue;
			}
		} else if (q->q == Q_LOST &&
		    (v = optval(argc, argv, &i, "--days", &bad)) != NULL) {
			if (parse_days(v, &q->days) != 0) {
				err_set(e, EXIT_USAGE, 0, "lost: --days wants "
				    "a number of days from 1, not '%s'", v);
				return -1;
			}
			continue;
		} else if (q->q == Q_LOST &&
		    (v = optval(argc, argv, &i, "--team", &bad)) != NULL) {
			q->team = v;
			continue;
		} else if (q->q == Q_CREDITS &&
		    (v = optval(argc, argv, &i, "--month", &bad)) != NULL) {
			if (date_parse_month(v, strlen(v), &q->month) != 0) {
				err_set(e, EXIT_USAGE, 0, "credits: --month "
				    "wants YYYY-MM, not '%s'", v);
				return -1;
			}
			continue;
		} else if (q->q == Q_CREDITS &&
		    (v = optval(argc, argv, &i, "--contract", &bad)) != NULL) {
			q->contract = v;
			continue;
		} else if (q->q == Q_TASKS &&
		    (v = optval(argc, argv, &i, "--engineer", &bad)) != NULL) {
			q->engineer = v;
			continue;
		} else if (q->q == Q_CHANGES &&
		    (v = optval(argc, argv, &i, "--since", &bad)) != NULL) {
			if (date_parse_day(v, strlen(v), &q->since) != 0) {
				err_set(e, EXIT_USAGE, 0, "changes: --since "
				    "wants YYYY-MM-DD, not '%s'", v);
				return -1;
			}
			continue;
		} else if (q->q == Q_EXPLAIN && a[0] != '-' &&
		    q->name == NULL) {
			q->name = a;
			continue;
		}
		if (bad) {
			err_set(e, EXIT_USAGE, 0, "%s: %s needs a value", qn, a);
			return -1;
		}
		err_set(e, EXIT_USAGE, 0, "%s: unexpected '%s' (%s)", qn, a,
		    ask_catalogue[q->q].synopsis);
		return -1;
	}
	if (q->q == Q_EXPLAIN && q->name == NULL) {
		err_set(e, EXIT_USAGE, 0, "explain needs an entity (%s)",
		    ask_catalogue[q->q].synopsis);
		return -1;
	}
	if (q->name != NULL && *q->name == '\0') {
		err_set(e, EXIT_USAGE, 0, "%s: empty name", qn);
		return -1;
	}
	return 0;
twice:
	err_set(e, EXIT_USAGE, 0, "rate: one of --team, --product, "
	    "--portfolio, --workload");
	return -1;
}

/* a word of a command line, quoted for sh(1) when it needs it */
static void
shword(struct buf *b, const char *s)
{
	const char *p;

	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-_./:@%+=,", *p)))
			break;
	if (*s != '\0' && *p == '\0') {
		buf_adds(b, s);
		return;
	}
	buf_addc(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *p);
	}
	buf_addc(b, '\'');
}

static void
opt_word(struct buf *b, const char *opt, const char *v)
{
	buf_printf(b, " %s ", opt);
	shword(b, v);
}

char *
ask_args_cmdline(const struct ask_args *q)
{
	struct buf b = { 0 };
	char d[DATE_DAYLEN], m[DATE_MONTHLEN];

	buf_adds(&b, ask_catalogue[q->q].name);
	switch (q->q) {
	case Q_RATE:
		if (q->by != SB_ALL) {
			buf_printf(&b, " --%s", score_by_names[q->by]);
			buf_addc(&b, ' ');
			shword(&b, q->name);
		}
		break;
	case Q_LOST:
		buf_printf(&b, " --days %ld", q->days);
		if (q->team)
			opt_word(&b, "--team", q->team);
		break;
	case Q_EXPLAIN:
		buf_addc(&b, ' ');
		shword(&b, q->name);
		break;
	case Q_CREDITS:
		if (q->month >= 0) {
			date_fmt_month(q->month, m);
			buf_printf(&b, " --month %s", m);
		}
		if (q->contract)
			opt_word(&b, "--contract", q->contract);
		break;
	case Q_TASKS:
		if (q->engineer)
			opt_word(&b, "--engineer", q->engineer);
		break;
	case Q_CHANGES:
		if (q->since != DAY_NONE) {
			date_fmt_day(q->since, d);
			buf_printf(&b, " --since %s", d);
		}
		break;
	}
	return (char *)buf_cstr(&b);
}

/* ---- the night ---- */

sid
ask_sid(struct ask *a, struct span s)
{
	return strtab_intern(&a->st, s.s, s.n);
}

sid
ask_sidz(struct ask *a, const char *s)
{
	return strtab_intern(&a->st, s, strlen(s));
}

static void *
grow(void *p, size_t n, size_t elt)
{
	/* capacity doubles at powers of two */
	if (n == 0 || (n & (n - 1)) != 0 || n < 16)
		return n == 0 ? xrealloc(p, 16 * elt) : p;
	return xrealloc(p, 2 * n * elt);
}

static int
read_state(struct ask *a, struct err *e)
{
	struct state_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_STATE].path, &state_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct aent *x;

		a->ent = grow(a->ent, a->nent, sizeof(*a->ent));
		x = &a->ent[a->nent++];
		x->entity = ask_sid(a, R.entity);
		x->account = ask_sid(a, R.account);
		x->account_name = ask_sid(a, R.account_name);
		x->service = ask_sid(a, R.service);
		x->region = ask_sid(a, R.region);
		x->model = ask_sid(a, R.model);
		x->principal = ask_sid(a, R.principal);
		x->contract = ask_sid(a, R.contract);
		x->map_tag = ask_sid(a, R.map_tag);
		x->last_good = ask_sid(a, R.last_good_tag);
		x->workload = ask_sid(a, R.workload);
		x->team = ask_sid(a, R.team);
		x->product = ask_sid(a, R.product);
		x->portfolio = ask_sid(a, R.portfolio);
		x->owner = ask_sid(a, R.owner);
		x->engineer = ask_sid(a, R.engineer);
		x->kind = R.kind;
		x->state = R.state;
		x->reason = R.reason;
		x->elig_date = R.eligibility_date;
		x->since = R.state_since;
		x->drift = R.drift_date;
		x->first_seen = R.first_seen;
		x->last_seen = R.last_seen;
		x->eligible = R.eligible;
		x->accruing = R.accruing;
		x->at_risk = R.at_risk;
	}
	recr_close(r);
	return rc;
}

static int
read_events(struct ask *a, struct err *e)
{
	struct event_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_EVENTS].path, &event_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct aev *x;

		a->ev = grow(a->ev, a->nev, sizeof(*a->ev));
		x = &a->ev[a->nev++];
		x->date = R.date;
		x->entity = ask_sid(a, R.entity);
		x->map_tag = ask_sid(a, R.map_tag);
		x->last_good = ask_sid(a, R.last_good_tag);
		x->from = R.from;
		x->to = R.to;
		x->reason = R.reason;
	}
	recr_close(r);
	return rc;
}

static int
read_tasks(struct ask *a, struct err *e)
{
	struct task_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_TASKS].path, &task_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct atask *x;

		a->tk = grow(a->tk, a->ntk, sizeof(*a->tk));
		x = &a->tk[a->ntk++];
		x->id = ask_sid(a, R.task_id);
		x->entity = ask_sid(a, R.entity);
		x->account = ask_sid(a, R.account);
		x->region = ask_sid(a, R.region);
		x->contract = ask_sid(a, R.contract);
		x->expected = ask_sid(a, R.expected_tag);
		x->last_good = ask_sid(a, R.last_good_tag);
		x->resolution = ask_sid(a, R.resolution);
		x->assignee = ask_sid(a, R.assignee);
		x->workload = ask_sid(a, R.workload);
		x->owner = ask_sid(a, R.owner);
		x->action = ask_sid(a, R.action);
		x->command = ask_sid(a, R.command);
		x->type = R.type;
		x->status = R.status;
		x->kind = R.kind;
		x->drift = R.drift_date;
		x->opened = R.opened;
		x->closed = R.closed;
		x->daily = R.daily_impact;
		x->to_date = R.impact_to_date;
	}
	recr_close(r);
	return rc;
}

static int
read_ledger(struct ask *a, struct err *e)
{
	struct ledger_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_LEDGER].path, &ledger_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct aled *x;

		a->led = grow(a->led, a->nled, sizeof(*a->led));
		x = &a->led[a->nled++];
		x->date = R.date;
		x->entity = ask_sid(a, R.entity);
		x->contract = ask_sid(a, R.contract);
		x->workload = ask_sid(a, R.workload);
		x->team = ask_sid(a, R.team);
		x->product = ask_sid(a, R.product);
		x->portfolio = ask_sid(a, R.portfolio);
		x->state = R.state;
		x->eligible = R.eligible;
		x->accruing = R.accruing;
	}
	recr_close(r);
	return rc;
}

/* the schema's field index of td[CLT_x] */
#define FCL_TDX(x)	(3 + NCLAIM + (x))

static int
read_claims(struct ask *a, struct err *e)
{
	struct claims_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_CLAIMS].path, &claims_schema, e)) == NULL)
		return -1;
	a->have_td = recr_has(r, FCL_TDX(CLT_PROJECTED));
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct aclaim *x;

		a->cl = grow(a->cl, a->ncl, sizeof(*a->cl));
		x = &a->cl[a->ncl++];
		x->month = R.month;
		x->contract = ask_sid(a, R.contract);
		x->rate = R.credit_rate;
		memcpy(x->v, R.v, sizeof(x->v));
		memcpy(x->td, R.td, sizeof(x->td));
	}
	recr_close(r);
	return rc;
}

static int
read_pools(struct ask *a, struct err *e)
{
	struct pool_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_POOLS].path, &pool_schema, e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct apool *x;

		a->pl = grow(a->pl, a->npl, sizeof(*a->pl));
		x = &a->pl[a->npl++];
		x->code = ask_sid(a, R.code);
		x->account = ask_sid(a, R.account);
		x->reference = ask_sid(a, R.reference);
		x->note = ask_sid(a, R.note);
		x->has_granted = !recr_empty(r, 4);
		x->granted = R.granted;
		x->used = R.used;
		x->remaining = R.remaining;
		x->burn = R.daily_burn;
		x->expiring = R.expiring_unused;
		x->start = R.start;
		x->end = R.end;
		x->days_left = R.days_left;
	}
	recr_close(r);
	return rc;
}

static int
read_attr(struct ask *a, struct err *e)
{
	struct attribution_rec R;
	struct recr *r;
	int rc;

	if ((r = recr_open(a->f[AF_ATTRIBUTION].path, &attribution_schema,
	    e)) == NULL)
		return -1;
	while ((rc = recr_next(r, &R, e)) == 1) {
		struct aattr *x;

		a->at = grow(a->at, a->nat, sizeof(*a->at));
		x = &a->at[a->nat++];
		x->month = R.month;
		x->contract = ask_sid(a, R.contract);
		x->workload = ask_sid(a, R.workload);
		x->team = ask_sid(a, R.team);
		x->product = ask_sid(a, R.product);
		x->portfolio = ask_sid(a, R.portfolio);
		x->method = ask_sid(a, R.method);
		x->has_share = !recr_empty(r, 7);
		x->accruing = R.accruing;
		x->share = R.share;
		x->credit = R.credit;
	}
	recr_close(r);
	return rc;
}

/* the dated nights of statedir/history: the newest before day into
 * *prev; is day itself there? */
static int
scan_history(const char *statedir, long day, long *prev)
{
	struct buf p = { 0 };
	struct dirent *d;
	DIR *dir;
	int found = 0;
	long n;

	*prev = DAY_NONE;
	buf_printf(&p, "%s/history", statedir);
	dir = opendir(buf_cstr(&p));
	buf_free(&p);
	if (dir == NULL)
		return 0;
	while ((d = readdir(dir)) != NULL) {
		if (date_parse_day(d->d_name, strlen(d->d_name), &n) != 0)
			continue;
		if (n == day)
			found = 1;
		else if (n < day && (*prev == DAY_NONE || n > *prev))
			*prev = n;
	}
	closedir(dir);
	return found;
}

typedef int (*reader)(struct ask *, struct err *);

static int
load(struct ask *a, const char **epath, struct err *e)
{
	static const struct { int f; reader fn; } rd[] = {
		{ AF_STATE, read_state }, { AF_EVENTS, read_events },
		{ AF_TASKS, read_tasks }, { AF_LEDGER, read_ledger },
		{ AF_CLAIMS, read_claims }, { AF_POOLS, read_pools },
		{ AF_ATTRIBUTION, read_attr },
	};
	struct score_files sf = { 0 };
	const char *led[1];
	struct buf p = { 0 };
	struct stat sb;
	size_t i;

	for (i = 0; i < NAF; i++) {
		p.len = 0;
		buf_printf(&p, "%s/%s", a->nightdir, ask_file_names[i]);
		if (stat(buf_cstr(&p), &sb) != 0 || !S_ISREG(sb.st_mode))
			continue;
		a->f[i].path = xstrdup(buf_cstr(&p));
		*epath = a->f[i].path;
		if (ask_sha256_file(a->f[i].path, a->f[i].sha, &a->f[i].size,
		    e) != 0) {
			buf_free(&p);
			return -1;
		}
	}
	if (a->f[AF_LEDGER].path == NULL) {
		*epath = NULL;
		err_set(e, EXIT_SYS, 0, "%s: no ledger.tsv: not a night of "
		    "mapnightly's state directory", a->nightdir);
		buf_free(&p);
		return -1;
	}
	buf_free(&p);
	led[0] = a->f[AF_LEDGER].path;
	sf.ledgers = led;
	sf.nledgers = 1;
	sf.state = a->f[AF_STATE].path;
	sf.tasks = a->f[AF_TASKS].path;
	sf.attribution = a->f[AF_ATTRIBUTION].path;
	sf.claims = a->f[AF_CLAIMS].path;
	sf.history = a->f[AF_HISTORY].path;
	a->sc = score_new();
	if (score_load(a->sc, &sf, epath, e) != 0)
		return -1;
	a->as_of = score_as_of(a->sc);
	for (i = 0; i < NELEM(rd); i++) {
		if (a->f[rd[i].f].path == NULL)
			continue;
		*epath = a->f[rd[i].f].path;
		if (rd[i].fn(a, e) != 0)
			return -1;
	}
	*epath = NULL;
	return 0;
}

struct ask *
ask_open(const char *statedir, long as_of, const char **epath,
    struct err *e)
{
	struct ask *a = xcalloc(1, sizeof(*a));
	struct buf p = { 0 };
	char d[DATE_DAYLEN];
	long prev;

	*epath = NULL;
	strtab_init(&a->st);
	a->statedir = xstrdup(statedir);
	a->want = as_of;
	if (as_of == DAY_NONE)
		buf_printf(&p, "%s/current", statedir);
	else {
		date_fmt_day(as_of, d);
		if (!scan_history(statedir, as_of, &prev)) {
			err_set(e, EXIT_DATA, 0, "no night %s in %s/history",
			    d, statedir);
			buf_free(&p);
			ask_close(a);
			return NULL;
		}
		buf_printf(&p, "%s/history/%s", statedir, d);
	}
	/* current or history/D as it is now (both are swapped symlinks):
	 * every file of one night */
	a->nightdir = afile_pin_dir(buf_cstr(&p));
	buf_free(&p);
	if (load(a, epath, e) != 0) {
		/* the path is a's, freed below: the message takes it */
		if (*epath) {
			struct buf m = { 0 };
			size_t n;

			if (e->line > 0)
				buf_printf(&m, "%s:%ld: %s", *epath, e->line,
				    e->msg);
			else
				buf_printf(&m, "%s: %s", *epath, e->msg);
			n = m.len < sizeof(e->msg) - 1 ? m.len :
			    sizeof(e->msg) - 1;
			memcpy(e->msg, m.s, n);
			e->msg[n] = '\0';
			buf_free(&m);
			e->line = 0;
			*epath = NULL;
		}
		ask_close(a);
		return NULL;
	}
	scan_history(statedir, a->as_of, &a->prev);
	return a;
}

void
ask_close(struct ask *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < NAF; i++)
		free(a->f[i].path);
	score_free(a->sc);
	strtab_free(&a->st);
	free(a->ent);
	free(a->ev);
	free(a->tk);
	free(a->led);
	free(a->by_ent);
	free(a->cl);
	free(a->pl);
	free(a->at);
	free(a->statedir);
	free(a->nightdir);
	free(a);
}

long
ask_as_of(const struct ask *a)
{
	return a->as_of;
}

const char *
ask_nightdir(const struct ask *a)
{
	return a->nightdir;
}

const struct aent *
ask_entity(const struct ask *a, const char *name)
{
	size_t lo = 0, hi = a->nent;

	/* the state is sorted by entity in byte order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(S(a, a->ent[mid].entity), name);

		if (c == 0)
			return &a->ent[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* a ledger row's sort key: qsort has no context argument in C11 */
struct ledsort {
	size_t i;
	sid entity;
	long date;
};

static int
cmp_ledsort(const void *x, const void *y)
{
	const struct ledsort *p = x, *q = y;

	if (p->entity != q->entity)
		return p->entity < q->entity ? -1 : 1;
	if (p->date != q->date)
		return p->date < q->date ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

void
ask_since(struct ask *a, sid entity, long day, money_t *el, money_t *ac)
{
	size_t lo = 0, hi = a->nled, i;

	*el = *ac = 0;
	if (a->by_ent == NULL) {
		struct ledsort *v = xcalloc(a->nled + 1, sizeof(*v));

		for (i = 0; i < a->nled; i++) {
			v[i].i = i;
			v[i].entity = a->led[i].entity;
			v[i].date = a->led[i].date;
		}
		qsort(v, a->nled, sizeof(*v), cmp_ledsort);
		a->by_ent = xcalloc(a->nled + 1, sizeof(*a->by_ent));
		for (i = 0; i < a->nled; i++)
			a->by_ent[i] = v[i].i;
		free(v);
	}
	/* the first row of the entity on or after day */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct aled *l = &a->led[a->by_ent[mid]];

		if (l->entity < entity || (l->entity == entity &&
		    l->date < day))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < a->nled; i++) {
		const struct aled *l = &a->led[a->by_ent[i]];

		if (l->entity != entity)
			break;
		if (l->date <= a->as_of) {
			*el += l->eligible;
			*ac += l->accruing;
		}
	}
}

money_t
ask_credit_rate(const struct ask *a, sid contract, int *has)
{
	size_t i;

	for (i = 0; i < a->ncl; i++)
		if (a->cl[i].contract == contract) {
			*has = 1;
			return a->cl[i].rate;
		}
	*has = 0;
	return 0;
}

/* ---- answers ---- */

struct table *
ans_table(struct ask_answer *r, const char *section, const char *title,
    const struct col *cols, size_t ncol)
{
	return tset_add(&r->t, section, title, cols, ncol);
}

static const struct col say_cols[] = { { "text", C_STR, "text" } };

void
ans_say(struct ask_answer *r, const char *fmt, ...)
{
	char tmp[4096];
	va_list ap;

	/* the answer's sentences are its first table (ask_answer) */
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	c_str(&r->t.t[0], tset_keep(&r->t, xstrdup(tmp)));
}

const char *
dollars(struct buf *b, money_t m)
{
	b->len = 0;
	fmt_dollars(m, b);
	return buf_cstr(b);
}

const char *
pct(struct buf *b, money_t rate)
{
	b->len = 0;
	fmt_pct(rate, b);
	return buf_cstr(b);
}

char *
mapscore_cmd(const struct ask *a, const char *extra)
{
	struct buf b = { 0 };

	buf_adds(&b, "cp ");
	shword(&b, a->f[AF_HISTORY].path ? a->f[AF_HISTORY].path :
	    "/dev/null");
	buf_adds(&b, " h.tsv && mapscore -l ");
	shword(&b, a->f[AF_LEDGER].path);
	buf_adds(&b, " -H h.tsv");
	buf_adds(&b, extra);
	return (char *)buf_cstr(&b);
}

static const struct col src_cols[] = {
	{ "file", C_STR, "file" }, { "bytes", C_COUNT, "bytes" },
	{ "sha256", C_STR, "sha256" },
};
static const struct col rep_cols[] = {
	{ "command", C_STR, "command" },
};

void
ans_sources(struct ask *a, struct ask_answer *r, unsigned files,
    const char *const *cmds, size_t ncmd)
{
	struct table *t;
	struct buf b = { 0 };
	char d[DATE_DAYLEN];
	size_t i;

	date_fmt_day(a->as_of, d);
	t = ans_table(r, "sources", "Sources", src_cols, NELEM(src_cols));
	/* the night's run log, when mapnightly keeps one, with every answer */
	files |= AFB(AF_LOG);
	for (i = 0; i < NAF; i++) {
		if (!(files & AFB(i)) || a->f[i].path == NULL)
			continue;
		c_str(t, a->f[i].path);
		c_count(t, 1, a->f[i].size);
		c_str(t, a->f[i].sha);
	}
	t = ans_table(r, "reproduce", "Reproduce", rep_cols,
	    NELEM(rep_cols));
	b.len = 0;
	buf_adds(&b, "mapask -d ");
	shword(&b, a->statedir);
	if (a->want != DAY_NONE)
		buf_printf(&b, " --as-of %s", d);
	buf_addc(&b, ' ');
	buf_adds(&b, r->cmdline);
	c_str(t, tset_keep(&r->t, (char *)buf_cstr(&b)));
	for (i = 0; i < ncmd; i++)
		c_str(t, tset_keep(&r->t, xstrdup(cmds[i])));
}

int
ask_answer(struct ask *a, const struct ask_args *q, struct ask_answer *r,
    struct err *e)
{
	static int (*const fn[NQ])(struct ask *, const struct ask_args *,
	    struct ask_answer *, struct err *) = { q_rate, q_lost, q_explain,
	    q_credits, q_tasks, q_changes };
	struct buf b = { 0 };
	char d[DATE_DAYLEN];

	memset(r, 0, sizeof(*r));
	tset_init(&r->t);
	r->q = q->q;
	r->as_of = a->as_of;
	r->cmdline = ask_args_cmdline(q);
	r->night = xstrdup(a->nightdir);
	r->asked = q->asked ? xstrdup(q->asked) : NULL;
	date_fmt_day(a->as_of, d);
	buf_printf(&b, "mapask %s: the night of %s (%s)", r->cmdline, d,
	    a->nightdir);
	if (q->asked)
		buf_printf(&b, "\nasked: %s", q->asked);
	r->head = (char *)buf_cstr(&b);
	tset_add(&r->t, "answer", "Answer", say_cols, 1);
	if (fn[q->q](a, q, r, e) != 0) {
		ask_answer_free(r);
		return -1;
	}
	return 0;
}

void
ask_answer_free(struct ask_answer *r)
{
	tset_free(&r->t);
	free(r->head);
	free(r->cmdline);
	free(r->night);
	free(r->asked);
	memset(r, 0, sizeof(*r));
	tset_init(&r->t);
}
