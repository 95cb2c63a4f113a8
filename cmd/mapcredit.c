/* mapcredit: recognise MAP credits among the bill's credit lines, draw them
 * from their grants expiry first, and attribute each month's credit to the
 * workloads whose accruing (TAGGED, eligible) spend earned it. */
#include <errno.h>
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "map/contract.h"
#include "core/date.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/u64map.h"
#include "core/tsv.h"
#include "common.h"

#define NODAY (-2147483647L)
#define CENT ((money_t)10000000000LL)	/* 0.01 in money_t units */

/* a MAP credit line */
struct mline {
	long day;
	char *payer, *account, *code, *desc;
	money_t amount;		/* applied: positive */
	int contract;		/* index, or -1 */
	const char *file;
	long line;
};

struct grant {
	char *code, *account, *reference;
	money_t amount, used, month_used;
	long start, end;
	int derived;		/* no grants file: a code seen, no expiry */
	long line;
};

/* accruing spend of one workload, account, contract and month */
struct acc {
	long month;
	int contract;
	char *workload, *team, *product, *portfolio, *account;
	money_t accruing;
};

/* ledger spend of one account and month, by workload: for auto-claim */
struct acctw {
	long month;
	char *account, *workload;
	int mixed;		/* more than one workload (or unowned) */
};

/* ledger totals per contract and month, for the claims file */
struct ctot {
	long month;
	int contract;
	money_t eligible, accruing, pending, stale, untrackable, received;
};

static struct contracts contracts;
static struct mline *mlines;
static size_t nmlines;
static struct grant *grants;
static size_t ngrants;
static struct acc *accs;
static size_t naccs;
static struct acctw *acctws;
static size_t nacctws;
static struct ctot *ctots;
static size_t nctots;
/* lookups for the ledger's rows: a key string's id -> acctws or accs */
static struct strtab lkeys;
static struct u64map acctw_of, acc_of;
static struct buf lkey;
static regex_t *pats;
static size_t npats;
static long opt_month = NODAY;
static long opt_as_of = NODAY;
static long as_of = NODAY;
static struct buf otherbuf;	/* the other credits, as TSV rows */



/* a promotion code: mig (or mig_ec2_) and an MPE-like id of five or more
 * digits or capitals (mig12345, migABCDE12345); "migration" is not one */
static const char *default_patterns[] = {
	"(^|[^[:alnum:]])mig(_ec2_)?[0-9A-Z]{5,}([^[:alnum:]_]|$)",
	"_MPE",
};

static long
month_of(long day)
{
	return date_month(day);
}

static void
fmt_month(long m, char out[8])
{
	char d[DATE_DAYLEN];

	date_fmt_day(date_month_first(m), d);
	memcpy(out, d, 7);
	out[7] = '\0';
}

static struct ctot *
ctot_get(long month, int contract)
{
	size_t i;

	for (i = 0; i < nctots; i++)
		if (ctots[i].month == month && ctots[i].contract == contract)
			return &ctots[i];
	ctots = xrealloc(ctots, (nctots + 1) * sizeof(*ctots));
	memset(&ctots[nctots], 0, sizeof(ctots[0]));
	ctots[nctots].month = month;
	ctots[nctots].contract = contract;
	return &ctots[nctots++];
}

static int
contract_index(const char *id)
{
	size_t i;

	for (i = 0; i < contracts.n; i++)
		if (strcmp(contracts.v[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* The promotion code in a description: mig or mig_ec2_ followed by five or
 * more digits and capitals, standing as a word; "" when there is none. */
static char *
find_code(const char *d)
{
	const char *p;

	for (p = d; (p = strstr(p, "mig")) != NULL; p++) {
		const char *q = p + 3, *id;

		if (p > d && ((p[-1] >= 'a' && p[-1] <= 'z') ||
		    (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' &&
		    p[-1] <= '9')))
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

/* The contract a MAP credit belongs to: the payer's contract whose MPE ID
 * the promotion code names (mig12345, mig_ec2_12345 -> 12345), active that
 * day; without such a code, the payer's active contract. Standard before
 * MAP AI, then by id. */
static int
contract_for(const char *payer, const char *code, long day)
{
	const char *mpe = NULL;
	int pass, best = -1;
	size_t i;

	if (strncmp(code, "mig_ec2_", 8) == 0)
		mpe = code + 8;
	else if (strncmp(code, "mig", 3) == 0 && code[3])
		mpe = code + 3;
	for (pass = 0; pass < 2 && best < 0; pass++)
		for (i = 0; i < contracts.n; i++) {
			const struct contract *c = &contracts.v[i];

			if ((int)c->program != pass || strcmp(c->payer, payer) ||
			    day < c->start || day > c->end)
				continue;
			if (mpe && *mpe && strcmp(c->mpe, mpe) != 0)
				continue;
			if (best < 0 || strcmp(c->id, contracts.v[best].id) < 0)
				best = (int)i;
		}
	return best;
}

static int
is_map(const char *desc)
{
	size_t i;

	for (i = 0; i < npats; i++)
		if (regexec(&pats[i], desc, 0, NULL, 0) == 0)
			return 1;
	return 0;
}

static void
read_lines(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_start, c_payer, c_acct, c_svc, c_type, c_cost, c_desc;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_start = need_col(t, "usage_start", path);
	c_payer = need_col(t, "payer", path);
	c_acct = need_col(t, "account", path);
	c_svc = need_col(t, "service", path);
	c_type = need_col(t, "line_type", path);
	c_cost = need_col(t, "cost", path);
	c_desc = need_col(t, "description", path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		utime_t ts;
		long day;
		money_t amt = 0;
		const char *ty = t->f[c_type];

		if (strcmp(ty, "Credit") && strcmp(ty, "Refund"))
			continue;
		if (date_parse_ts(t->f[c_start], t->len[c_start], &ts)) {
			err_set(&e, EXIT_DATA, t->lineno, "column 'usage_start': "
			    "invalid timestamp '%s'", t->f[c_start]);
			die_err(path, &e);
		}
		day = date_day(ts);
		if (t->len[c_cost] && money_parse(t->f[c_cost], t->len[c_cost],
		    &amt)) {
			err_set(&e, EXIT_DATA, t->lineno, "column 'cost': invalid "
			    "number '%s'", t->f[c_cost]);
			die_err(path, &e);
		}
		if (amt > 0) {
			err_set(&e, EXIT_DATA, t->lineno, "a %s line with a "
			    "positive amount (%s): credits reduce the bill", ty,
			    t->f[c_cost]);
			die_err(path, &e);
		}
		if (day > as_of)
			as_of = day;
		if (!is_map(t->f[c_desc])) {
			if (opt_month != NODAY && month_of(day) != opt_month)
				continue;
			/* every other credit, so nothing is mixed in and
			 * nothing disappears */
			char dd[DATE_DAYLEN], amts[MONEY_BUFSZ];

			date_fmt_day(day, dd);
			money_fmt(amt, amts, 2);
			buf_adds(&otherbuf, dd);
			buf_addc(&otherbuf, '\t');
			tsv_escape(&otherbuf, t->f[c_payer], t->len[c_payer]);
			buf_addc(&otherbuf, '\t');
			tsv_escape(&otherbuf, t->f[c_acct], t->len[c_acct]);
			buf_addc(&otherbuf, '\t');
			tsv_escape(&otherbuf, t->f[c_svc], t->len[c_svc]);
			buf_addc(&otherbuf, '\t');
			buf_adds(&otherbuf, ty);
			buf_addc(&otherbuf, '\t');
			buf_adds(&otherbuf, amts);
			buf_addc(&otherbuf, '\t');
			tsv_escape(&otherbuf, t->f[c_desc], t->len[c_desc]);
			buf_addc(&otherbuf, '\n');
			continue;
		}
		{
			struct mline *m;

			mlines = xrealloc(mlines, (nmlines + 1) *
			    sizeof(*mlines));
			m = &mlines[nmlines++];
			m->day = day;
			m->payer = xstrndup(t->f[c_payer], t->len[c_payer]);
			m->account = xstrndup(t->f[c_acct], t->len[c_acct]);
			m->desc = xstrndup(t->f[c_desc], t->len[c_desc]);
			m->code = find_code(m->desc);
			m->amount = -amt;
			m->contract = -1;
			{
				size_t k;

				for (k = 0; m->code[0] && k < ngrants; k++)
					if (strcmp(grants[k].code, m->code) == 0)
						m->contract = contract_index(
						    grants[k].reference);
			}
			if (m->contract < 0)
				m->contract = contract_for(m->payer, m->code,
				    day);
			m->file = strcmp(path, "-") == 0 ? "<stdin>" : path;
			m->line = t->lineno;
		}
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

static void
read_grants(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_code, c_amt, c_acct, c_start, c_end, c_ref;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_code = need_col(t, "code", path);
	c_amt = need_col(t, "amount", path);
	c_acct = need_col(t, "account", path);
	c_start = need_col(t, "start", path);
	c_end = need_col(t, "end", path);
	c_ref = tsvr_col(t, "reference");
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct grant *g;
		size_t i;

		grants = xrealloc(grants, (ngrants + 1) * sizeof(*grants));
		g = &grants[ngrants++];
		memset(g, 0, sizeof(*g));
		g->line = t->lineno;
#define BAD(...) do { err_set(&e, EXIT_DATA, t->lineno, __VA_ARGS__); \
	die_err(path, &e); } while (0)
		if (t->len[c_code] == 0)
			BAD("column 'code': empty");
		g->code = xstrndup(t->f[c_code], t->len[c_code]);
		for (i = 0; i + 1 < ngrants; i++)
			if (strcmp(grants[i].code, g->code) == 0)
				BAD("grant '%s' appears twice (line %ld)",
				    g->code, grants[i].line);
		if (money_parse(t->f[c_amt], t->len[c_amt], &g->amount) ||
		    g->amount <= 0)
			BAD("column 'amount': '%s' is not a positive amount",
			    t->f[c_amt]);
		g->account = xstrndup(t->f[c_acct], t->len[c_acct]);
		if (date_parse_day(t->f[c_start], t->len[c_start], &g->start))
			BAD("column 'start': invalid date '%s'", t->f[c_start]);
		if (date_parse_day(t->f[c_end], t->len[c_end], &g->end))
			BAD("column 'end': invalid date '%s'", t->f[c_end]);
		if (g->end < g->start)
			BAD("grant '%s' ends (%s) before it starts (%s)",
			    g->code, t->f[c_end], t->f[c_start]);
		g->reference = c_ref >= 0 ? xstrndup(t->f[c_ref],
		    t->len[c_ref]) : xstrdup("");
#undef BAD
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

static void
read_ledger(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_date, c_acct, c_contract, c_state, c_cost, c_elig, c_accr;
	int c_wl, c_team, c_prod, c_port;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_date = need_col(t, "date", path);
	c_acct = need_col(t, "account", path);
	c_contract = need_col(t, "contract", path);
	c_state = need_col(t, "state", path);
	c_cost = need_col(t, "cost", path);
	c_elig = need_col(t, "eligible_cost", path);
	c_accr = need_col(t, "accruing_cost", path);
	c_wl = tsvr_col(t, "workload");
	c_team = tsvr_col(t, "team");
	c_prod = tsvr_col(t, "product");
	c_port = tsvr_col(t, "portfolio");
	if (lkeys.slots == NULL)
		strtab_init(&lkeys);
	while ((rc = tsvr_next(t, &e)) == 1) {
		long day, month;
		money_t cost = 0, elig = 0, accr = 0;
		const char *wl = c_wl >= 0 ? t->f[c_wl] : "unowned";
		int ci = -1;
		size_t i;
		struct ctot *ct;

#define BAD(...) do { err_set(&e, EXIT_DATA, t->lineno, __VA_ARGS__); \
	die_err(path, &e); } while (0)
		if (date_parse_day(t->f[c_date], t->len[c_date], &day))
			BAD("column 'date': invalid date '%s'", t->f[c_date]);
		if (t->len[c_cost] && money_parse(t->f[c_cost], t->len[c_cost],
		    &cost))
			BAD("column 'cost': invalid number '%s'", t->f[c_cost]);
		if (money_parse(t->f[c_elig], t->len[c_elig], &elig))
			BAD("column 'eligible_cost': invalid number '%s'",
			    t->f[c_elig]);
		if (money_parse(t->f[c_accr], t->len[c_accr], &accr))
			BAD("column 'accruing_cost': invalid number '%s'",
			    t->f[c_accr]);
		if (t->len[c_contract]) {
			ci = contract_index(t->f[c_contract]);
			if (ci < 0)
				BAD("contract '%s' is not in the contracts file",
				    t->f[c_contract]);
		}
#undef BAD
		if (day > as_of)
			as_of = day;
		month = month_of(day);
		if (opt_month != NODAY && month != opt_month)
			continue;
		if (wl[0] == '\0')
			wl = "unowned";
		/* auto-claim: does one workload hold all the account's spend
		 * this month? (rows without spend say nothing) */
		lkey.len = 0;
		buf_printf(&lkey, "a\t%ld\t%s", month, t->f[c_acct]);
		{
			uint32_t v = u64map_get(&acctw_of, strtab_intern(&lkeys,
			    lkey.s, lkey.len));

			i = v == UINT32_MAX ? nacctws : v;
		}
		if (cost == 0) {
			/* nothing */
		} else if (i == nacctws) {
			acctws = xrealloc(acctws, (nacctws + 1) *
			    sizeof(*acctws));
			acctws[i].month = month;
			acctws[i].account = xstrdup(t->f[c_acct]);
			acctws[i].workload = xstrdup(wl);
			acctws[i].mixed = strcmp(wl, "unowned") == 0;
			nacctws++;
			u64map_put(&acctw_of, strtab_intern(&lkeys, lkey.s,
			    lkey.len), (uint32_t)i);
		} else if (strcmp(acctws[i].workload, wl) != 0)
			acctws[i].mixed = 1;
		if (ci < 0)
			continue;
		ct = ctot_get(month, ci);
		ct->eligible += elig;
		ct->accruing += accr;
		if (strcmp(t->f[c_state], "PENDING_TAG") == 0)
			ct->pending += elig;
		else if (strcmp(t->f[c_state], "STALE_TAG") == 0)
			ct->stale += elig;
		else if (strcmp(t->f[c_state], "ELIGIBLE") == 0)
			ct->untrackable += elig;
		if (accr == 0)
			continue;
		lkey.len = 0;
		buf_printf(&lkey, "w\t%ld\t%d\t%s\t%s", month, ci, wl,
		    t->f[c_acct]);
		{
			uint32_t id = strtab_intern(&lkeys, lkey.s, lkey.len);
			uint32_t v = u64map_get(&acc_of, id);

			i = v == UINT32_MAX ? naccs : v;
			if (i == naccs)
				u64map_put(&acc_of, id, (uint32_t)naccs);
		}
		if (i == naccs) {
			accs = xrealloc(accs, (naccs + 1) * sizeof(*accs));
			memset(&accs[i], 0, sizeof(accs[0]));
			accs[i].month = month;
			accs[i].contract = ci;
			accs[i].workload = xstrdup(wl);
			accs[i].team = xstrdup(c_team >= 0 ? t->f[c_team] : "");
			accs[i].product = xstrdup(c_prod >= 0 ? t->f[c_prod] : "");
			accs[i].portfolio = xstrdup(c_port >= 0 ? t->f[c_port] :
			    "");
			accs[i].account = xstrdup(t->f[c_acct]);
			naccs++;
		}
		accs[i].accruing += accr;
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

/* ---- pools ---- */

static int
cmp_mline(const void *a, const void *b)
{
	const struct mline *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->account, y->account)) != 0)
		return c;
	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	return x->amount < y->amount ? -1 : x->amount > y->amount;
}

static size_t nfilegrants;	/* grants from the file; derived ones follow */

/* A pool for a code with no grant: derived from the bill, no expiry. */
static struct grant *
derived_pool(const char *code)
{
	size_t k;

	for (k = nfilegrants; k < ngrants; k++)
		if (strcmp(grants[k].code, code) == 0)
			return &grants[k];
	grants = xrealloc(grants, (ngrants + 1) * sizeof(*grants));
	memset(&grants[k], 0, sizeof(grants[0]));
	grants[k].code = xstrdup(code);
	grants[k].account = xstrdup("");
	grants[k].reference = xstrdup("");
	grants[k].derived = 1;
	grants[k].start = grants[k].end = NODAY;
	ngrants++;
	return &grants[k];
}

static void
take(struct grant *g, const struct mline *m, money_t amount)
{
	g->used += amount;
	if (month_of(m->day) == month_of(as_of))
		g->month_used += amount;
}

static struct grant *
grant_named(const char *code)
{
	size_t k;

	for (k = 0; code[0] && k < nfilegrants; k++)
		if (strcmp(grants[k].code, code) == 0)
			return &grants[k];
	return NULL;
}

/* Each MAP credit line is drawn from a pool: the grant its promotion code
 * names; a code no grant has is a pool of its own (shown, no expiry); a
 * line without a code is drawn from the active grants of its account,
 * the one that expires first first. */
static void
draw_pools(void)
{
	size_t i, k;

	if (nmlines > 1)
		qsort(mlines, nmlines, sizeof(*mlines), cmp_mline);
	nfilegrants = ngrants;
	for (i = 0; i < nmlines; i++) {
		struct mline *m = &mlines[i];
		money_t left = m->amount;
		struct grant *named = grant_named(m->code);

		if (named) {
			money_t over = named->used + left - named->amount;

			if (over > 0) {
				char amt[MONEY_BUFSZ], d[DATE_DAYLEN];

				money_fmt(over > left ? left : over, amt, 2);
				date_fmt_day(m->day, d);
				fprintf(stderr, "%s: %s:%ld: warning: MAP credit "
				    "%s of %s overdraws its grant by %s (AWS's "
				    "own order of application may differ)\n",
				    progname, m->file, m->line, m->code, d, amt);
			}
			take(named, m, left);
			continue;
		}
		if (m->code[0] || nfilegrants == 0) {
			take(derived_pool(m->code[0] ? m->code : "(no code)"), m,
			    left);
			continue;
		}
		while (left > 0) {
			struct grant *best = NULL;

			for (k = 0; k < nfilegrants; k++) {
				struct grant *g = &grants[k];

				if (g->start > m->day || g->end < m->day ||
				    g->used >= g->amount)
					continue;
				if (g->account[0] && strcmp(g->account,
				    m->account) && strcmp(g->account, m->payer))
					continue;
				if (best == NULL || g->end < best->end ||
				    (g->end == best->end &&
				    strcmp(g->code, best->code) < 0))
					best = g;
			}
			if (best == NULL) {
				char amt[MONEY_BUFSZ], d[DATE_DAYLEN];

				money_fmt(left, amt, 2);
				date_fmt_day(m->day, d);
				fprintf(stderr, "%s: %s:%ld: warning: MAP credit "
				    "(no code) of %s: %s not covered by an "
				    "active grant (overdrawn; AWS's own order "
				    "of application may differ)\n", progname,
				    m->file, m->line, d, amt);
				take(derived_pool("(no code)"), m, left);
				break;
			}
			{
				money_t t = best->amount - best->used;

				if (t > left)
					t = left;
				take(best, m, t);
				left -= t;
			}
		}
	}
}

static int
cmp_grant_end(const void *a, const void *b)
{
	const struct grant *x = *(const struct grant *const *)a;
	const struct grant *y = *(const struct grant *const *)b;

	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* What will expire unused if MAP credit keeps being applied at this
 * month's total daily burn, expiry first: walk the pools in expiry order,
 * each absorbing the burn from when the ones before it run dry (or it
 * starts) until it expires. */
static void
forecast(money_t burn, money_t *unused)
{
	struct grant **v = xcalloc(ngrants + 1, sizeof(*v));
	money_t cursor = (money_t)as_of * MONEY_ONE;	/* in days */
	size_t i;

	for (i = 0; i < ngrants; i++)
		v[i] = &grants[i];
	if (ngrants > 1)
		qsort(v, ngrants, sizeof(*v), cmp_grant_end);
	for (i = 0; i < ngrants; i++) {
		struct grant *g = v[i];
		money_t rem = g->amount - g->used, from, days, cap, used;

		if (g->derived)
			continue;
		if (rem <= 0) {
			unused[g - grants] = 0;
			continue;
		}
		from = (money_t)(g->start - 1) * MONEY_ONE;
		if (from < cursor)
			from = cursor;
		days = (money_t)g->end * MONEY_ONE - from;
		if (days <= 0 || burn <= 0) {
			unused[g - grants] = rem;
			continue;
		}
		cap = money_mul(burn, days);
		used = cap < rem ? cap : rem;
		unused[g - grants] = rem - used;
		cursor = from + money_div(used, burn);
	}
	free(v);
}

static void
write_pools(struct out *o)
{
	size_t i;
	long dom = 1;
	int y, mo, d;
	money_t total = 0, burn, *unused;

	if (as_of != NODAY) {
		date_to_civil(as_of, &y, &mo, &d);
		dom = d;
	}
	for (i = 0; i < ngrants; i++)
		total += grants[i].month_used;
	burn = money_scale(total, 1, dom);
	unused = xcalloc(ngrants + 1, sizeof(*unused));
	forecast(burn, unused);
	out_s(o, "as_of\tcode\taccount\treference\tgranted\tused\tremaining"
	    "\tstart\tend\tdays_left\tdaily_burn\texpiring_unused\tnote\n");
	for (i = 0; i < ngrants; i++) {
		struct grant *g = &grants[i];
		long left = g->derived || as_of == NODAY ? 0 : g->end - as_of;
		money_t rem = g->amount - g->used;

		if (left < 0)
			left = 0;
		if (as_of != NODAY)
			out_day(o, as_of);
		out_c(o, '\t');
		out_vals(o, g->code);
		out_c(o, '\t');
		out_vals(o, g->account);
		out_c(o, '\t');
		out_vals(o, g->reference);
		out_c(o, '\t');
		if (!g->derived)
			out_money(o, g->amount);
		out_c(o, '\t');
		out_money(o, money_round(g->used, 2));
		out_c(o, '\t');
		if (!g->derived)
			out_money(o, money_round(rem < 0 ? 0 : rem, 2));
		out_c(o, '\t');
		if (!g->derived)
			out_day(o, g->start);
		out_c(o, '\t');
		if (!g->derived)
			out_day(o, g->end);
		out_c(o, '\t');
		if (!g->derived && as_of != NODAY)
			out_long(o, left);
		out_c(o, '\t');
		out_money(o, money_round(money_scale(g->month_used, 1, dom), 2));
		out_c(o, '\t');
		if (!g->derived)
			out_money(o, money_round(unused[i], 2));
		out_c(o, '\t');
		out_s(o, g->derived ? (nfilegrants ? "not in the grants file: "
		    "a code seen in the bill, expiry unknown" : "no grants "
		    "file: a code seen in the bill, expiry unknown") : g->used > g->amount ? "overdrawn" :
		    as_of == NODAY ? "no credit lines" : g->end < as_of ?
		    "expired" : g->start > as_of ? "not yet active" : "");
		out_c(o, '\n');
	}
	free(unused);
}

/* ---- attribution ---- */

struct part {
	const struct acc *a;	/* representative for names */
	const char *workload;
	int method;		/* 0 auto, 1 proportional */
	money_t accruing;
	money_t cents;		/* result, in cents */
	money_t rem;
};

static const char *methodname[] = {
	"auto", "proportional" };

static int
cmp_part_rem(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	int c;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	if ((c = strcmp(x->workload, y->workload)) != 0)
		return c;
	return x->method - y->method;
}

static int
cmp_part_out(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	int c;

	if ((c = strcmp(x->workload, y->workload)) != 0)
		return c;
	return x->method - y->method;
}

static int
account_auto(long month, const char *account, const char *workload)
{
	uint32_t id, v;

	if (strcmp(workload, "unowned") == 0 || lkeys.slots == NULL)
		return 0;
	lkey.len = 0;
	buf_printf(&lkey, "a\t%ld\t%s", month, account);
	id = strtab_find(&lkeys, lkey.s, lkey.len);
	if (id == UINT32_MAX || (v = u64map_get(&acctw_of, id)) == UINT32_MAX)
		return 0;
	return !acctws[v].mixed;
}

static const char *
cid(int contract)
{
	return contract < 0 ? "" : contracts.v[contract].id;
}

static int
cmp_ctot(const void *a, const void *b)
{
	const struct ctot *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return strcmp(cid(x->contract), cid(y->contract));
}

static void
out_share(struct out *o, money_t part, money_t whole)
{
	/* a fraction with 6 decimals */
	money_t r = whole ? money_round(money_div(part, whole), 6) : 0;

	out_money_dp(o, r, 6);
}

static void
write_attribution(struct out *o)
{
	size_t i, k;
	char mon[8];

	out_s(o, "month\tcontract\tworkload\tteam\tproduct\tportfolio"
	    "\taccruing_cost\tshare\tcredit\tmethod\n");
	for (i = 0; i < nctots; i++) {
		struct ctot *ct = &ctots[i];
		struct part *parts = NULL;
		size_t np = 0;
		money_t total = 0, rcents, given = 0;

		if (ct->received == 0)
			continue;
		fmt_month(ct->month, mon);
		if (ct->contract < 0) {
			/* MAP credit no contract explains: shown, not dropped */
			out_s(o, mon);
			out_s(o, "\t\tunattributed\t\t\t\t0.00\t\t");
			out_money(o, money_round(ct->received, 2));
			out_s(o, "\tno-contract\n");
			continue;
		}
		/* parts: workload x method */
		for (k = 0; k < naccs; k++) {
			const struct acc *a = &accs[k];
			int m;
			size_t j;

			if (a->month != ct->month || a->contract != ct->contract)
				continue;
			m = account_auto(a->month, a->account, a->workload) ? 0 :
			    1;
			for (j = 0; j < np; j++)
				if (strcmp(parts[j].workload, a->workload) == 0 &&
				    parts[j].method == m)
					break;
			if (j == np) {
				parts = xrealloc(parts, (np + 1) *
				    sizeof(*parts));
				memset(&parts[j], 0, sizeof(parts[0]));
				parts[j].a = a;
				parts[j].workload = a->workload;
				parts[j].method = m;
				np++;
			}
			parts[j].accruing += a->accruing;
		}
		/* a part whose accruing spend nets to zero or less (tiny
		 * negative usage amounts occur) earned nothing */
		for (k = 0; k < np; k++)
			if (parts[k].accruing > 0)
				total += parts[k].accruing;
		rcents = money_round(ct->received, 2) / CENT;
		if (total <= 0) {
			/* credit with no accruing spend to explain it: shown,
			 * not dropped */
			out_s(o, mon);
			out_c(o, '\t');
			out_vals(o, contracts.v[ct->contract].id);
			out_s(o, "\tunattributed\t\t\t\t0.00\t\t");
			out_money(o, rcents * CENT);
			out_s(o, "\tunattributed\n");
			free(parts);
			continue;
		}
		/* largest remainder, to the cent */
		for (k = 0; k < np; k++) {
			money_t num = parts[k].accruing > 0 ?
			    rcents * parts[k].accruing : 0;

			/* floor, for credit (positive) and its reversal */
			parts[k].cents = num / total;
			parts[k].rem = num % total;
			if (parts[k].rem < 0) {
				parts[k].cents--;
				parts[k].rem += total;
			}
			given += parts[k].cents;
		}
		if (np > 1)
			qsort(parts, np, sizeof(*parts), cmp_part_rem);
		for (k = 0; given < rcents && k < np; k++, given++)
			parts[k].cents++;
		if (np > 1)
			qsort(parts, np, sizeof(*parts), cmp_part_out);
		for (k = 0; k < np; k++) {
			const struct part *p = &parts[k];

			out_s(o, mon);
			out_c(o, '\t');
			out_vals(o, contracts.v[ct->contract].id);
			out_c(o, '\t');
			out_vals(o, p->workload);
			out_c(o, '\t');
			out_vals(o, p->a->team);
			out_c(o, '\t');
			out_vals(o, p->a->product);
			out_c(o, '\t');
			out_vals(o, p->a->portfolio);
			out_c(o, '\t');
			out_money(o, p->accruing);
			out_c(o, '\t');
			out_share(o, p->accruing > 0 ? p->accruing : 0, total);
			out_c(o, '\t');
			out_money(o, p->cents * CENT);
			out_c(o, '\t');
			out_s(o, methodname[p->method]);
			out_c(o, '\n');
		}
		free(parts);
	}
}

static void
write_claims(struct out *o)
{
	size_t i;
	char mon[8];

	out_s(o, "month\tcontract\tcredit_rate\teligible_cost\taccruing_cost"
	    "\tpending_cost\tstale_cost\tuntrackable_cost\tprojected\tearned"
	    "\treceived\tgap\tgap_pending\tgap_stale\tgap_untrackable\n");
	for (i = 0; i < nctots; i++) {
		struct ctot *ct = &ctots[i];
		money_t r;

		if (ct->contract < 0)
			continue;
		r = contracts.v[ct->contract].rate;
		money_t proj = money_mul(r, ct->eligible);
		money_t earn = money_mul(r, ct->accruing);

		fmt_month(ct->month, mon);
		out_s(o, mon);
		out_c(o, '\t');
		out_vals(o, contracts.v[ct->contract].id);
		out_c(o, '\t');
		out_money_dp(o, r, 2);
#define M(v) do { out_c(o, '\t'); out_money(o, money_round(v, 2)); } while (0)
		M(ct->eligible);
		M(ct->accruing);
		M(ct->pending);
		M(ct->stale);
		M(ct->untrackable);
		M(proj);
		M(earn);
		M(ct->received);
		M(proj - earn);
		M(money_mul(r, ct->pending));
		M(money_mul(r, ct->stale));
		M(money_mul(r, ct->untrackable));
#undef M
		out_c(o, '\n');
	}
}

/* ---- files ---- */

static void
write_other(struct out *o)
{
	out_s(o, "date\tpayer\taccount\tservice\tline_type\tamount"
	    "\tdescription\n");
	out_add(o, otherbuf.s ? otherbuf.s : "", otherbuf.len);
}

static void
usage(void)
{
	printf("Usage: %s -c CONTRACTS -l LEDGER [OPTION]... [CHARGE_LINES]...\n"
	    "Recognise MAP credits among the credit lines of curscan's charge\n"
	    "lines, draw them from their grants expiry first, and attribute\n"
	    "each month's MAP credit to the workloads whose accruing spend\n"
	    "(mapstate's ledger) earned it. The attribution goes to standard\n"
	    "output. With no CHARGE_LINES, or when one is -, read standard\n"
	    "input.\n\n"
	    "  -c, --contracts FILE   MAP contracts; required\n"
	    "  -l, --ledger FILE      mapstate's ledger (with -w for workloads);\n"
	    "                         required, repeatable\n"
	    "  -g, --grants FILE      credit grants: code, amount, account,\n"
	    "                         start, end[, reference]\n"
	    "  -m, --month YYYY-MM    only this month\n"
	    "  -M, --match REGEX      a MAP credit description pattern (POSIX\n"
	    "                         extended; repeatable; replaces the\n"
	    "                         defaults: a mig promotion code, _MPE)\n"
	    "  -p, --pools FILE       write the pools: granted, used, remaining,\n"
	    "                         expiry, burn, what will expire unused\n"
	    "  -o, --other FILE       write every credit line that is not MAP\n"
	    "  -C, --claims FILE      write claimed vs projected per contract\n"
	    "                         and month\n"
	    "  -a, --as-of DATE       the day the pools are for, YYYY-MM-DD\n"
	    "                         (default: the latest day in the input)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See mapcredit(1) and map-formats(5).\n",
	    progname);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "contracts", required_argument, NULL, 'c' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "grants", required_argument, NULL, 'g' },
		{ "month", required_argument, NULL, 'm' },
		{ "match", required_argument, NULL, 'M' },
		{ "pools", required_argument, NULL, 'p' },
		{ "other", required_argument, NULL, 'o' },
		{ "claims", required_argument, NULL, 'C' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cpath = NULL, *gpath = NULL, *ppath = NULL, *opath = NULL;
	const char *clpath = NULL;
	static const char **lpaths, **matches;	/* static: reachable at exit */
	size_t nled = 0, nmatch = 0, i;
	struct err e = { 0 };
	struct out o;
	int ch;

	prog_init("mapcredit");
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "c:l:g:m:M:p:o:C:a:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			cpath = optarg;
			break;
		case 'l':
			lpaths = xrealloc(lpaths, (nled + 1) * sizeof(*lpaths));
			lpaths[nled++] = optarg;
			break;
		case 'g':
			gpath = optarg;
			break;
		case 'm': {
			struct buf b = { 0 };
			long d;

			buf_adds(&b, optarg);
			buf_adds(&b, "-01");
			if (strlen(optarg) != 7 || date_parse_day(b.s, b.len, &d))
				usage_error("--month wants YYYY-MM, not '%s'",
				    optarg);
			opt_month = month_of(d);
			buf_free(&b);
			break;
		}
		case 'M':
			matches = xrealloc(matches, (nmatch + 1) *
			    sizeof(*matches));
			matches[nmatch++] = optarg;
			break;
		case 'p':
			ppath = optarg;
			break;
		case 'o':
			opath = optarg;
			break;
		case 'C':
			clpath = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg), &opt_as_of))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
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
	if (cpath == NULL)
		usage_error("a contracts file is required (-c CONTRACTS)");
	if (nled == 0)
		usage_error("a ledger is required (-l LEDGER, from mapstate "
		    "--ledger)");
	if (nmatch == 0) {
		matches = xmalloc(2 * sizeof(*matches));
		matches[0] = default_patterns[0];
		matches[1] = default_patterns[1];
		nmatch = 2;
	}
	pats = xcalloc(nmatch, sizeof(*pats));
	for (i = 0; i < nmatch; i++) {
		int rc = regcomp(&pats[i], matches[i], REG_EXTENDED | REG_NOSUB);

		if (rc != 0) {
			char msg[256];

			regerror(rc, &pats[i], msg, sizeof(msg));
			usage_error("--match '%s': %s", matches[i], msg);
		}
		npats++;
	}
	if (contracts_load(cpath, &contracts, &e))
		die_err(cpath, &e);
	if (gpath)
		read_grants(gpath);
	for (i = 0; i < nled; i++)
		read_ledger(lpaths[i]);
	if (optind == argc)
		read_lines("-");
	for (i = (size_t)optind; i < (size_t)argc; i++)
		read_lines(argv[i]);
	/* --as-of: the pools are as of that day; credit applied after it is
	 * not seen */
	if (opt_as_of != NODAY) {
		size_t w = 0;

		as_of = opt_as_of;
		for (i = 0; i < nmlines; i++)
			if (mlines[i].day <= as_of)
				mlines[w++] = mlines[i];
		nmlines = w;
	}
	/* with --month, the as-of date is within that month at most, and
	 * credit applied after it is not seen */
	if (opt_month != NODAY && as_of != NODAY &&
	    as_of >= date_month_first(opt_month + 1)) {
		size_t w = 0;

		as_of = date_month_first(opt_month + 1) - 1;
		for (i = 0; i < nmlines; i++)
			if (mlines[i].day <= as_of)
				mlines[w++] = mlines[i];
		nmlines = w;
	}
	/* received per contract and month */
	for (i = 0; i < nmlines; i++) {
		struct mline *m = &mlines[i];

		if (m->contract < 0) {
			char d[DATE_DAYLEN];
			size_t more = 0, j;
			int seen = 0;

			/* one warning per code, at its first line */
			for (j = 0; j < i && !seen; j++)
				seen = mlines[j].contract < 0 &&
				    strcmp(mlines[j].code, m->code) == 0 &&
				    strcmp(mlines[j].payer, m->payer) == 0;
			for (j = i + 1; !seen && j < nmlines; j++)
				more += mlines[j].contract < 0 &&
				    strcmp(mlines[j].code, m->code) == 0 &&
				    strcmp(mlines[j].payer, m->payer) == 0;
			date_fmt_day(m->day, d);
			if (!seen && more)
				fprintf(stderr, "%s: %s:%ld: warning: MAP credit "
				    "%s on %s (and %zu more lines with this code) "
				    "matches no contract of payer %s active that "
				    "day; attributed to no workload\n", progname,
				    m->file, m->line, m->code[0] ? m->code :
				    "(no code)", d, more, m->payer);
			else if (!seen)
				fprintf(stderr, "%s: %s:%ld: warning: MAP credit "
				    "%s on %s matches no contract of payer %s "
				    "active that day; attributed to no workload\n",
				    progname, m->file, m->line, m->code[0] ?
				    m->code : "(no code)", d, m->payer);
			ctot_get(month_of(m->day), -1)->received += m->amount;
			continue;
		}
		ctot_get(month_of(m->day), m->contract)->received += m->amount;
	}
	/* attribution and claims for the month asked for only */
	if (opt_month != NODAY) {
		size_t w = 0;

		for (i = 0; i < nctots; i++)
			if (ctots[i].month == opt_month)
				ctots[w++] = ctots[i];
		nctots = w;
	}
	if (nctots > 1)
		qsort(ctots, nctots, sizeof(*ctots), cmp_ctot);
	draw_pools();
	if (ppath)
		sidefile_prepare(ppath, write_pools);
	if (opath)
		sidefile_prepare(opath, write_other);
	if (clpath)
		sidefile_prepare(clpath, write_claims);
	out_init(&o, 1);
	write_attribution(&o);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();
	return EXIT_OKAY;
}
