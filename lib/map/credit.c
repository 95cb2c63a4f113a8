/* credit.c: MAP credit recognition, the readers of the grants, the ledger
 * and the charge lines, and the settling of a run: credit received per
 * contract and month, and each line drawn from its pool expiry first.
 * The writers and the attribution are in credit_write.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/rec.h"
#include "map/credit.h"
#include "map/formats.h"

/* a promotion code: mig (or mig_ec2_) and an MPE-like id of five or more
 * digits or capitals (mig12345, migABCDE12345); "migration" is not one */
static const char *const default_patterns[] = {
	"(^|[^[:alnum:]])mig(_ec2_)?[0-9A-Z]{5,}([^[:alnum:]_]|$)",
	"_MPE",
};

void
credit_init(struct credit *cr, const struct contracts *cs)
{
	memset(cr, 0, sizeof(*cr));
	cr->contracts = cs;
	cr->month = DAY_NONE;
	cr->as_of_opt = DAY_NONE;
	cr->as_of = DAY_NONE;
	cr->ledger_first = DAY_NONE;
	strtab_init(&cr->keys);
}

static void
line_free(struct credit_line *m)
{
	free(m->payer);
	free(m->account);
	free(m->service);
	free(m->code);
	free(m->desc);
}

void
credit_free(struct credit *cr)
{
	size_t i;

	for (i = 0; i < cr->nlines; i++)
		line_free(&cr->lines[i]);
	free(cr->lines);
	for (i = 0; i < cr->ngrants; i++) {
		free(cr->grants[i].code);
		free(cr->grants[i].account);
		free(cr->grants[i].reference);
	}
	free(cr->grants);
	for (i = 0; i < cr->nprevpools; i++) {
		free(cr->prevpools[i].code);
		free(cr->prevpools[i].account);
		free(cr->prevpools[i].reference);
	}
	free(cr->prevpools);
	for (i = 0; i < cr->nprevattr; i++)
		free(cr->prevattr[i].row);
	free(cr->prevattr);
	for (i = 0; i < cr->naccs; i++) {
		free(cr->accs[i].workload);
		free(cr->accs[i].team);
		free(cr->accs[i].product);
		free(cr->accs[i].portfolio);
		free(cr->accs[i].account);
	}
	free(cr->accs);
	for (i = 0; i < cr->nacctws; i++) {
		free(cr->acctws[i].account);
		free(cr->acctws[i].workload);
	}
	free(cr->acctws);
	free(cr->tots);
	for (i = 0; i < cr->nclaims; i++)
		free(cr->claims[i].contract);
	free(cr->claims);
	for (i = 0; i < cr->nprev; i++)
		free(cr->prev[i].contract);
	free(cr->prev);
	buf_free(&cr->other);
	for (i = 0; i < cr->npats; i++)
		regfree(&cr->pats[i]);
	free(cr->pats);
	strtab_free(&cr->keys);
	u64map_free(&cr->acctw_of);
	u64map_free(&cr->acc_of);
	u64map_free(&cr->enr_of);
	buf_free(&cr->key);
	memset(cr, 0, sizeof(*cr));
}

/* ---- recognition ---- */

int
credit_match(struct credit *cr, const char *re, struct err *e)
{
	int rc;

	cr->pats = xrealloc(cr->pats, (cr->npats + 1) * sizeof(*cr->pats));
	rc = regcomp(&cr->pats[cr->npats], re, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &cr->pats[cr->npats], e->msg, sizeof(e->msg));
		e->status = EXIT_USAGE;
		e->line = 0;
		return -1;
	}
	cr->npats++;
	return 0;
}

int
credit_match_defaults(struct credit *cr, struct err *e)
{
	size_t i;

	if (cr->npats > 0)
		return 0;
	for (i = 0; i < sizeof(default_patterns) / sizeof(*default_patterns);
	    i++)
		if (credit_match(cr, default_patterns[i], e) != 0)
			return -1;
	return 0;
}

int
credit_is_map(const struct credit *cr, const char *desc)
{
	size_t i;

	for (i = 0; i < cr->npats; i++)
		if (regexec(&cr->pats[i], desc, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

char *
credit_find_code(const char *d)
{
	const char *p;

	for (p = d; (p = strstr(p, "mig")) != NULL; p++) {
		const char *q = p + 3, *id;

		if (p > d && is_alnum(p[-1]))
			continue;
		if (strncmp(q, "_ec2_", 5) == 0)
			q += 5;
		id = q;
		while ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9'))
			q++;
		if (q - id >= 5 && !((*q >= 'a' && *q <= 'z') || *q == '_'))
			return xstrndup(p, (size_t)(q - p));
	}
	return xstrdup("");
}

static int
is_ai_service(const char *service)
{
	return service_is_bedrock(service) ||
	    strcmp(service, "AmazonSageMaker") == 0;
}

/* The key of an (auto-enrolled) account's contract ('e'). */
static void
key_enr(struct buf *b, int ci, const char *account, size_t n)
{
	uint32_t len = (uint32_t)n;

	b->len = 0;
	buf_addc(b, 'e');
	buf_add(b, &ci, sizeof(ci));
	buf_add(b, &len, sizeof(len));
	buf_add(b, account, n);
}

/* Did mapstate enroll the account into contract ci (an auto-enrollment
 * rule took it: the ledger shows ci covering it)? */
static int
enrolled(struct credit *cr, int ci, const char *account)
{
	const struct contract *c = &cr->contracts->v[ci];
	uint32_t id;

	if (!c->auto_new && c->nglobs == 0)
		return 0;
	key_enr(&cr->key, ci, account, strlen(account));
	id = strtab_find(&cr->keys, cr->key.s, cr->key.len);
	return id != UINT32_MAX && u64map_get(&cr->enr_of, id) != UINT32_MAX;
}

int
credit_contract_for(struct credit *cr, const char *payer,
    const char *account, const char *service, const char *code, long day)
{
	const struct contracts *cs = cr->contracts;
	const char *mpe = NULL;
	int pref = is_ai_service(service) ? PROG_MAP_AI : PROG_MAP;
	int best = -1, nbest = 0, npref = 0, hint = -1, nhint = 0;
	size_t i;

	if (strncmp(code, "mig_ec2_", 8) == 0)
		mpe = code + 8;
	else if (strncmp(code, "mig", 3) == 0 && code[3])
		mpe = code + 3;
	for (i = 0; i < cs->n; i++) {
		const struct contract *c = &cs->v[i];

		if (!contract_covers(c, payer, account, service, day,
		    enrolled(cr, (int)i, account)))
			continue;
		/* the preferred program first, as mapstate's coverage */
		if ((int)c->program == pref) {
			if (npref++ == 0)
				nbest = 0;
		} else if (npref)
			continue;
		best = (int)i;
		nbest++;
		if (mpe && strcmp(c->mpe, mpe) == 0) {
			hint = (int)i;
			nhint++;
		}
	}
	if (nbest > 1 && nhint == 1)
		return hint;	/* the code's MPE ID tells them apart */
	return nbest == 0 ? CREDIT_NONE : nbest > 1 ? CREDIT_SEVERAL : best;
}

/* ---- grants ---- */

static int
read_grant(struct credit *cr, const struct tsvr *t, const int *col,
    struct err *e)
{
	struct credit_grant *g;
	struct span code = rec_str(t, col[0]);
	size_t i;

	if (code.n == 0) {
		rec_bad(t, e, "column 'code': empty");
		return -1;
	}
	for (i = 0; i < cr->ngrants; i++)
		if (strcmp(cr->grants[i].code, code.s) == 0) {
			rec_bad(t, e, "grant '%s' appears twice (line %ld)",
			    code.s, cr->grants[i].line);
			return -1;
		}
	cr->grants = xrealloc(cr->grants, (cr->ngrants + 1) *
	    sizeof(*cr->grants));
	g = &cr->grants[cr->ngrants];
	memset(g, 0, sizeof(*g));
	g->line = t->lineno;
	if (rec_money(t, col[1], 0, &g->amount, e) != 0)
		return -1;
	if (g->amount <= 0) {
		rec_bad(t, e, "column 'amount': '%s' is not a positive amount",
		    t->f[col[1]]);
		return -1;
	}
	if (rec_day(t, col[3], 0, &g->start, e) != 0 ||
	    rec_day(t, col[4], 0, &g->end, e) != 0)
		return -1;
	if (g->end < g->start) {
		rec_bad(t, e, "grant '%s' ends (%s) before it starts (%s)",
		    code.s, t->f[col[4]], t->f[col[3]]);
		return -1;
	}
	g->code = span_dup(code);
	g->account = xstrdup(rec_str(t, col[2]).s);
	g->reference = xstrdup(rec_str(t, col[5]).s);
	cr->ngrants++;
	cr->nfilegrants = cr->ngrants;
	return 0;
}

int
credit_read_grants(struct credit *cr, const char *path, struct err *e)
{
	static const char *const names[] = { "code", "amount", "account",
		"start", "end" };
	struct tsvr *t = tsvr_open(path, e);
	int col[6], rc;
	size_t i;

	if (t == NULL)
		return -1;
	for (i = 0; i < 5; i++)
		if ((col[i] = tsvr_need(t, names[i], e)) < 0) {
			tsvr_close(t);
			return -1;
		}
	col[5] = tsvr_col(t, "reference");
	while ((rc = tsvr_next(t, e)) == 1)
		if (read_grant(cr, t, col, e) != 0) {
			rc = -1;
			break;
		}
	tsvr_close(t);
	return rc;
}

/* recr_open, and the optional columns this module needs too */
static struct recr *
open_need(const char *path, const struct rschema *s, const size_t *need,
    size_t n, struct err *e)
{
	struct recr *r = recr_open(path, s, e);
	size_t i;

	for (i = 0; r != NULL && i < n; i++)
		if (recr_need(r, need[i], e) != 0) {
			recr_close(r);
			r = NULL;
		}
	return r;
}

/* ---- the ledger ---- */

static struct credit_tot *
tot_get(struct credit *cr, long month, int contract)
{
	struct credit_tot *ct;
	size_t i;

	for (i = 0; i < cr->ntots; i++)
		if (cr->tots[i].month == month &&
		    cr->tots[i].contract == contract)
			return &cr->tots[i];
	cr->tots = xrealloc(cr->tots, (cr->ntots + 1) * sizeof(*cr->tots));
	ct = &cr->tots[cr->ntots++];
	memset(ct, 0, sizeof(*ct));
	ct->month = month;
	ct->contract = contract;
	ct->id = contract < 0 ? "" : cr->contracts->v[contract].id;
	return ct;
}

/* The key of an account's month ('a') or of a workload's accruing spend
 * ('w'): binary, lengths before strings, so no two keys collide. */
static void
key_put(struct buf *b, const void *p, size_t n)
{
	uint32_t len = (uint32_t)n;

	buf_add(b, &len, sizeof(len));
	buf_add(b, p, n);
}

static void
key_acct(struct buf *b, long month, struct span account)
{
	b->len = 0;
	buf_addc(b, 'a');
	buf_add(b, &month, sizeof(month));
	key_put(b, account.s, account.n);
}

static void
key_acc(struct buf *b, long month, int ci, const char *wl,
    struct span account)
{
	b->len = 0;
	buf_addc(b, 'w');
	buf_add(b, &month, sizeof(month));
	buf_add(b, &ci, sizeof(ci));
	key_put(b, wl, strlen(wl));
	key_put(b, account.s, account.n);
}

int
credit_auto(const struct credit *cr, struct buf *key, long month,
    const char *account, const char *workload)
{
	struct span a = { account, strlen(account) };
	uint32_t id, v;

	if (strcmp(workload, "unowned") == 0)
		return 0;
	key_acct(key, month, a);
	id = strtab_find(&cr->keys, key->s, key->len);
	if (id == UINT32_MAX || (v = u64map_get(&cr->acctw_of, id)) ==
	    UINT32_MAX)
		return 0;
	return !cr->acctws[v].mixed;
}

/* auto-claim: does one workload hold all the account's spend this month?
 * (rows without spend say nothing) */
static void
note_account(struct credit *cr, const struct ledger_rec *l, long month,
    const char *wl)
{
	uint32_t id, v;
	struct credit_acctw *a;

	key_acct(&cr->key, month, l->account);
	id = strtab_intern(&cr->keys, cr->key.s, cr->key.len);
	v = u64map_get(&cr->acctw_of, id);
	if (l->cost == 0)
		return;
	if (v != UINT32_MAX) {
		if (strcmp(cr->acctws[v].workload, wl) != 0)
			cr->acctws[v].mixed = 1;
		return;
	}
	cr->acctws = xrealloc(cr->acctws, (cr->nacctws + 1) *
	    sizeof(*cr->acctws));
	a = &cr->acctws[cr->nacctws];
	a->month = month;
	a->account = span_dup(l->account);
	a->workload = xstrdup(wl);
	a->mixed = strcmp(wl, "unowned") == 0;
	u64map_put(&cr->acctw_of, id, (uint32_t)cr->nacctws++);
}

static void
note_accruing(struct credit *cr, const struct ledger_rec *l, long month,
    int ci, const char *wl)
{
	uint32_t id, v;
	struct credit_acc *a;

	key_acc(&cr->key, month, ci, wl, l->account);
	id = strtab_intern(&cr->keys, cr->key.s, cr->key.len);
	if ((v = u64map_get(&cr->acc_of, id)) != UINT32_MAX) {
		cr->accs[v].accruing += l->accruing;
		return;
	}
	cr->accs = xrealloc(cr->accs, (cr->naccs + 1) * sizeof(*cr->accs));
	a = &cr->accs[cr->naccs];
	a->month = month;
	a->contract = ci;
	a->workload = xstrdup(wl);
	a->team = span_dup(l->team);
	a->product = span_dup(l->product);
	a->portfolio = span_dup(l->portfolio);
	a->account = span_dup(l->account);
	a->accruing = l->accruing;
	u64map_put(&cr->acc_of, id, (uint32_t)cr->naccs++);
}

/* an account a contract covers without listing it: auto-enrolled */
static void
note_enrolled(struct credit *cr, const struct ledger_rec *l, int ci)
{
	const struct contract *c = &cr->contracts->v[ci];
	char acct[64];
	uint32_t id;

	if ((!c->auto_new && c->nglobs == 0) || c->all_accounts ||
	    l->account.n >= sizeof(acct))
		return;
	memcpy(acct, l->account.s, l->account.n);
	acct[l->account.n] = '\0';
	if (contract_has_account(c, acct))
		return;
	key_enr(&cr->key, ci, l->account.s, l->account.n);
	id = strtab_intern(&cr->keys, cr->key.s, cr->key.len);
	u64map_put(&cr->enr_of, id, 1);
}

static int
ledger_row(struct credit *cr, const struct recr *r, const struct ledger_rec *l,
    struct err *e)
{
	const char *wl = l->workload.n ? l->workload.s : "unowned";
	int ci = -1;
	long month;
	struct credit_tot *ct;

	if (l->contract.n && (ci = contracts_find(cr->contracts,
	    l->contract.s)) < 0) {
		rec_bad(r->t, e, "contract '%s' is not in the contracts file",
		    l->contract.s);
		return -1;
	}
	if (ci >= 0)
		note_enrolled(cr, l, ci);
	if (l->date > cr->as_of)
		cr->as_of = l->date;
	month = date_month(l->date);
	if (cr->ledger_first == DAY_NONE || month < cr->ledger_first)
		cr->ledger_first = month;
	if (cr->month != DAY_NONE && month != cr->month)
		return 0;
	note_account(cr, l, month, wl);
	if (ci < 0)
		return 0;
	ct = tot_get(cr, month, ci);
	ct->eligible += l->eligible;
	ct->accruing += l->accruing;
	if (l->state == ST_PENDING)
		ct->pending += l->eligible;
	else if (l->state == ST_STALE)
		ct->stale += l->eligible;
	else if (l->state == ST_ELIGIBLE)
		ct->untrackable += l->eligible;
	if (l->accruing != 0)
		note_accruing(cr, l, month, ci, wl);
	return 0;
}

int
credit_read_ledger(struct credit *cr, const char *path, struct err *e)
{
	static const size_t need[] = { FL_CONTRACT };
	struct recr *r = open_need(path, &ledger_schema, need, 1, e);
	struct ledger_rec l;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &l, e)) == 1)
		if (ledger_row(cr, r, &l, e) != 0) {
			rc = -1;
			break;
		}
	recr_close(r);
	return rc;
}

/* ---- the charge lines ---- */

/* every other credit, so nothing is mixed in and nothing disappears */
static void
add_other(struct credit *cr, const struct line_rec *l, long day)
{
	char dd[DATE_DAYLEN], amt[MONEY_BUFSZ];
	struct buf *b = &cr->other;

	date_fmt_day(day, dd);
	money_fmt(l->cost, amt, 2);
	buf_adds(b, dd);
	buf_addc(b, '\t');
	tsv_escape(b, l->payer.s, l->payer.n);
	buf_addc(b, '\t');
	tsv_escape(b, l->account.s, l->account.n);
	buf_addc(b, '\t');
	tsv_escape(b, l->service.s, l->service.n);
	buf_addc(b, '\t');
	buf_adds(b, l->line_type.s);
	buf_addc(b, '\t');
	buf_adds(b, amt);
	buf_addc(b, '\t');
	tsv_escape(b, l->description.s, l->description.n);
	buf_addc(b, '\n');
}

static void
add_map(struct credit *cr, const struct line_rec *l, long day,
    const char *path, long lineno)
{
	struct credit_line *m;
	size_t k;

	cr->lines = xrealloc(cr->lines, (cr->nlines + 1) *
	    sizeof(*cr->lines));
	m = &cr->lines[cr->nlines++];
	m->day = day;
	m->payer = span_dup(l->payer);
	m->account = span_dup(l->account);
	m->service = span_dup(l->service);
	m->desc = span_dup(l->description);
	m->code = credit_find_code(m->desc);
	m->amount = -l->cost;
	m->contract = CREDIT_NONE;
	/* a grant's reference naming a contract wins */
	for (k = 0; m->code[0] && k < cr->nfilegrants; k++)
		if (strcmp(cr->grants[k].code, m->code) == 0)
			m->contract = contracts_find(cr->contracts,
			    cr->grants[k].reference);
	if (m->contract < 0)
		m->contract = credit_contract_for(cr, m->payer, m->account,
		    m->service, m->code, day);
	m->file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	m->line = lineno;
}

int
credit_read_lines(struct credit *cr, const char *path, struct err *e)
{
	static const size_t need[] = { FC_LINE_TYPE, FC_DESCRIPTION };
	struct recr *r = open_need(path, &line_schema, need, 2, e);
	struct line_rec l;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &l, e)) == 1) {
		long day;

		if (strcmp(l.line_type.s, "Credit") &&
		    strcmp(l.line_type.s, "Refund"))
			continue;
		/* a positive amount is a reversal (a Refund may be either
		 * sign): it reduces what was received, and is kept */
		day = date_day(l.usage_start);
		if (day > cr->as_of)
			cr->as_of = day;
		if (credit_is_map(cr, l.description.s))
			add_map(cr, &l, day, path, recr_line(r));
		else if (cr->month == DAY_NONE || date_month(day) == cr->month)
			add_other(cr, &l, day);
	}
	recr_close(r);
	return rc;
}

/* ---- settling ---- */

static void
warn(const struct credit *cr, const struct credit_line *m, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static void
warn(const struct credit *cr, const struct credit_line *m, const char *fmt,
    ...)
{
	char msg[512];
	va_list ap;

	if (cr->warn == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cr->warn(cr->warn_arg, m->file, m->line, msg);
}

/* credit applied after the as-of day is not seen */
static void
drop_after(struct credit *cr, long day)
{
	size_t i, w = 0;

	cr->as_of = day;
	for (i = 0; i < cr->nlines; i++)
		if (cr->lines[i].day <= day)
			cr->lines[w++] = cr->lines[i];
		else
			line_free(&cr->lines[i]);
	cr->nlines = w;
}

static int
same_case(const struct credit_line *a, const struct credit_line *b)
{
	return a->contract == b->contract && !strcmp(a->code, b->code) &&
	    !strcmp(a->payer, b->payer) && !strcmp(a->account, b->account) &&
	    !strcmp(a->service, b->service);
}

/* one warning per code, payer, account, service and outcome, at its first
 * line */
static void
warn_no_contract(const struct credit *cr, size_t i)
{
	const struct credit_line *m = &cr->lines[i], *v = cr->lines;
	char d[DATE_DAYLEN], more[64] = "";
	size_t n = 0, j;

	for (j = 0; j < cr->nlines; j++) {
		if (j == i || !same_case(&v[j], m))
			continue;
		if (j < i)
			return;
		n++;
	}
	if (n)
		snprintf(more, sizeof(more), " (and %zu more lines like it)",
		    n);
	date_fmt_day(m->day, d);
	warn(cr, m, "MAP credit %s on %s%s: %s contract of payer %s covers "
	    "account %s and service %s that day; attributed to no workload%s",
	    m->code[0] ? m->code : "(no code)", d, more,
	    m->contract == CREDIT_SEVERAL ? "more than one" : "no",
	    m->payer, m->account, m->service,
	    m->contract == CREDIT_SEVERAL ? " (a grant's reference can name "
	    "the contract)" : "");
}

static int
cmp_tot(const void *a, const void *b)
{
	const struct credit_tot *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	/* no contract, several contracts, then by id */
	if (x->contract < 0 && y->contract < 0)
		return y->contract - x->contract;
	if (x->contract < 0 || y->contract < 0)
		return x->contract < 0 ? -1 : 1;
	return strcmp(x->id, y->id);
}

static void draw_pools(struct credit *);

void
credit_settle(struct credit *cr)
{
	size_t i, w = 0;

	if (cr->as_of_opt != DAY_NONE)
		drop_after(cr, cr->as_of_opt);
	/* with a month, the as-of day is within it at most */
	if (cr->month != DAY_NONE && cr->as_of != DAY_NONE &&
	    cr->as_of >= date_month_first(cr->month + 1))
		drop_after(cr, date_month_first(cr->month + 1) - 1);
	for (i = 0; i < cr->nlines; i++) {
		const struct credit_line *m = &cr->lines[i];

		if (m->contract < 0)
			warn_no_contract(cr, i);
		tot_get(cr, date_month(m->day), m->contract)->received +=
		    m->amount;
	}
	/* attribution and claims for the month asked for only */
	if (cr->month != DAY_NONE) {
		for (i = 0; i < cr->ntots; i++)
			if (cr->tots[i].month == cr->month)
				cr->tots[w++] = cr->tots[i];
		cr->ntots = w;
	}
	if (cr->ntots > 1)
		qsort(cr->tots, cr->ntots, sizeof(*cr->tots), cmp_tot);
	draw_pools(cr);
	credit_claims(cr);
}

/* ---- pools ---- */

static int
cmp_line(const void *a, const void *b)
{
	const struct credit_line *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->account, y->account)) != 0)
		return c;
	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return x->amount < y->amount ? -1 : x->amount > y->amount;
}

int
credit_read_pools(struct credit *cr, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &pools_schema, e);
	struct pools_rec P;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &P, e)) == 1) {
		struct credit_prevpool *p;

		cr->prevpools = xrealloc(cr->prevpools, (cr->nprevpools + 1) *
		    sizeof(*cr->prevpools));
		p = &cr->prevpools[cr->nprevpools++];
		p->code = span_dup(P.code);
		p->account = span_dup(P.account);
		p->reference = span_dup(P.reference);
		p->used = P.used;
		cr->prevpools_as_of = P.as_of;
	}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

int
credit_read_attribution(struct credit *cr, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &attribution_schema, e);
	struct attribution_rec A;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &A, e)) == 1) {
		struct credit_prevattr *a;
		struct buf b = { 0 };

		tsvr_line(r->t, &b);
		cr->prevattr = xrealloc(cr->prevattr, (cr->nprevattr + 1) *
		    sizeof(*cr->prevattr));
		a = &cr->prevattr[cr->nprevattr++];
		a->month = A.month;
		a->row = xstrdup(buf_cstr(&b));
		buf_free(&b);
	}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

/* A pool for a code with no grant: derived from the bill, no expiry. */
static struct credit_grant *
derived_pool(struct credit *cr, const char *code)
{
	struct credit_grant *g;
	size_t k;

	for (k = cr->nfilegrants; k < cr->ngrants; k++)
		if (strcmp(cr->grants[k].code, code) == 0)
			return &cr->grants[k];
	cr->grants = xrealloc(cr->grants, (cr->ngrants + 1) *
	    sizeof(*cr->grants));
	g = &cr->grants[cr->ngrants++];
	memset(g, 0, sizeof(*g));
	g->code = xstrdup(code);
	g->account = xstrdup("");
	g->reference = xstrdup("");
	g->derived = 1;
	g->start = g->end = DAY_NONE;
	return g;
}

static void
take(const struct credit *cr, struct credit_grant *g,
    const struct credit_line *m, money_t amount)
{
	g->used += amount;
	if (date_month(m->day) == date_month(cr->as_of))
		g->month_used += amount;
}

static struct credit_grant *
grant_named(struct credit *cr, const char *code)
{
	size_t k;

	for (k = 0; code[0] && k < cr->nfilegrants; k++)
		if (strcmp(cr->grants[k].code, code) == 0)
			return &cr->grants[k];
	return NULL;
}

/* Is the grant for the line's contract? Its reference names the contract,
 * or names none (empty, a ticket). */
static int
grant_for(const struct credit *cr, const struct credit_grant *g,
    const struct credit_line *m)
{
	int ci;

	if (m->contract < 0 || (ci = contracts_find(cr->contracts,
	    g->reference)) < 0)
		return 1;
	return ci == m->contract;
}

static int
grant_active(const struct credit_grant *g, long day)
{
	return g->start <= day && day <= g->end;
}

/* The active grant of the line's account (or payer, or any) and contract
 * that expires first and has something left, or NULL. */
static struct credit_grant *
first_to_expire(struct credit *cr, const struct credit_line *m)
{
	struct credit_grant *best = NULL;
	size_t k;

	for (k = 0; k < cr->nfilegrants; k++) {
		struct credit_grant *g = &cr->grants[k];

		if (!grant_active(g, m->day) || g->used >= g->amount ||
		    !grant_for(cr, g, m))
			continue;
		if (g->account[0] && strcmp(g->account, m->account) &&
		    strcmp(g->account, m->payer))
			continue;
		if (best == NULL || g->end < best->end ||
		    (g->end == best->end && strcmp(g->code, best->code) < 0))
			best = g;
	}
	return best;
}

/* A line without a code, with a code no grant has, or whose grant is not
 * active that day, is drawn from the active grants of its account and
 * contract, the one that expires first first; what they cannot cover is
 * a pool of its own (its code, or "(no code)"). */
static void
draw_expiry_first(struct credit *cr, const struct credit_line *m)
{
	money_t left = m->amount, t;
	struct credit_grant *g;
	char amt[MONEY_BUFSZ], d[DATE_DAYLEN];

	while (left > 0) {
		if ((g = first_to_expire(cr, m)) == NULL) {
			money_fmt(left, amt, 2);
			date_fmt_day(m->day, d);
			warn(cr, m, "MAP credit %s of %s: %s not "
			    "covered by an active grant (overdrawn; AWS's own "
			    "order of application may differ)", m->code[0] ?
			    m->code : "(no code)", d, amt);
			take(cr, derived_pool(cr, m->code[0] ? m->code :
			    "(no code)"), m, left);
			return;
		}
		t = g->amount - g->used;
		if (t > left)
			t = left;
		take(cr, g, m, t);
		left -= t;
	}
}

/* Each grant starts with what the checkpoint's pools had drawn from it; a
 * pool that matches no grant stays a derived one. */
static void
start_from_checkpoint(struct credit *cr)
{
	size_t i, k;

	for (i = 0; i < cr->nprevpools; i++) {
		const struct credit_prevpool *p = &cr->prevpools[i];
		struct credit_grant *g = NULL;

		for (k = 0; k < cr->nfilegrants && g == NULL; k++)
			if (strcmp(cr->grants[k].code, p->code) == 0 &&
			    strcmp(cr->grants[k].account, p->account) == 0 &&
			    strcmp(cr->grants[k].reference, p->reference) == 0)
				g = &cr->grants[k];
		if (g == NULL)
			g = derived_pool(cr, p->code);
		g->used += p->used;
	}
}

/* Each MAP credit line is drawn from a pool: the grant its promotion code
 * names, while that grant is active; else from the grants expiry first
 * (draw_expiry_first), with a warning for a code the grants do not
 * explain. Without a grants file, each code is a pool of its own (shown,
 * no expiry). */
static void
draw_pools(struct credit *cr)
{
	size_t i;

	if (cr->nlines > 1)
		qsort(cr->lines, cr->nlines, sizeof(*cr->lines), cmp_line);
	cr->nfilegrants = cr->ngrants;
	start_from_checkpoint(cr);
	for (i = 0; i < cr->nlines; i++) {
		const struct credit_line *m = &cr->lines[i];
		struct credit_grant *named = grant_named(cr, m->code);
		char d[DATE_DAYLEN], s0[DATE_DAYLEN], s1[DATE_DAYLEN];

		if (cr->nprevpools && m->day <= cr->prevpools_as_of)
			continue;	/* drawn in the checkpoint's pools */

		if (cr->nfilegrants == 0) {
			take(cr, derived_pool(cr, m->code[0] ? m->code :
			    "(no code)"), m, m->amount);
			continue;
		}
		date_fmt_day(m->day, d);
		if (named && grant_active(named, m->day)) {
			money_t over = named->used + m->amount - named->amount;

			if (over > 0) {
				char amt[MONEY_BUFSZ];

				money_fmt(over > m->amount ? m->amount : over,
				    amt, 2);
				warn(cr, m, "MAP credit %s of %s overdraws its "
				    "grant by %s (AWS's own order of "
				    "application may differ)", m->code, d, amt);
			}
			take(cr, named, m, m->amount);
			continue;
		}
		if (named) {
			date_fmt_day(named->start, s0);
			date_fmt_day(named->end, s1);
			warn(cr, m, "MAP credit %s of %s: its grant is active "
			    "from %s to %s only; drawn from the active grants "
			    "expiry first", m->code, d, s0, s1);
		} else if (m->code[0])
			warn(cr, m, "MAP credit %s of %s: no grant has this "
			    "code; drawn from the active grants expiry first",
			    m->code, d);
		draw_expiry_first(cr, m);
	}
}
