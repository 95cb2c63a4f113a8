/* credit_write.c: the outputs of a settled credit run: the attribution
 * (each month's credit shared out to the cent), the pools with their
 * expiry forecast, the other credits. The claims are credit_claims.c's. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/credit.h"
#include "map/formats.h"

#define CENT ((money_t)10000000000LL)	/* 0.01 in money_t units */

/* ---- pools ---- */

static int
cmp_grant_end(const void *a, const void *b)
{
	const struct credit_grant *x = *(const struct credit_grant *const *)a;
	const struct credit_grant *y = *(const struct credit_grant *const *)b;

	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* What will expire unused if MAP credit keeps being applied at this
 * month's total daily burn, expiry first: walk the pools in expiry order,
 * each absorbing the burn from when the ones before it run dry (or it
 * starts) until it expires. */
static void
forecast(const struct credit *cr, money_t burn, money_t *unused)
{
	const struct credit_grant **v = xcalloc(cr->ngrants + 1, sizeof(*v));
	money_t cursor = (money_t)cr->as_of * MONEY_ONE;	/* in days */
	size_t i;

	for (i = 0; i < cr->ngrants; i++)
		v[i] = &cr->grants[i];
	if (cr->ngrants > 1)
		qsort(v, cr->ngrants, sizeof(*v), cmp_grant_end);
	for (i = 0; i < cr->ngrants; i++) {
		const struct credit_grant *g = v[i];
		money_t rem = g->amount - g->used, from, days, cap, used;
		size_t k = (size_t)(g - cr->grants);

		if (g->derived)
			continue;
		if (rem <= 0) {
			unused[k] = 0;
			continue;
		}
		from = (money_t)(g->start - 1) * MONEY_ONE;
		if (from < cursor)
			from = cursor;
		days = (money_t)g->end * MONEY_ONE - from;
		if (days <= 0 || burn <= 0) {
			unused[k] = rem;
			continue;
		}
		cap = money_mul(burn, days);
		used = cap < rem ? cap : rem;
		unused[k] = rem - used;
		cursor = from + money_div(used, burn);
	}
	free(v);
}

static const char *
pool_note(const struct credit *cr, const struct credit_grant *g)
{
	if (g->derived)
		return cr->nfilegrants ? "not in the grants file: a code seen "
		    "in the bill, expiry unknown" : "no grants file: a code "
		    "seen in the bill, expiry unknown";
	if (g->used > g->amount)
		return "overdrawn";
	if (cr->as_of == DAY_NONE)
		return "no credit lines";
	if (g->end < cr->as_of)
		return "expired";
	if (g->start > cr->as_of)
		return "not yet active";
	return "";
}

static void
pool_row(struct out *o, const struct credit *cr, const struct credit_grant *g,
    money_t burn_month, money_t unused)
{
	long left = g->derived || cr->as_of == DAY_NONE ? 0 :
	    g->end - cr->as_of;
	money_t rem = g->amount - g->used;
	int file = !g->derived;

	if (cr->as_of != DAY_NONE)
		out_day(o, cr->as_of);
	out_c(o, '\t');
	out_vals(o, g->code);
	out_c(o, '\t');
	out_vals(o, g->account);
	out_c(o, '\t');
	out_vals(o, g->reference);
	out_c(o, '\t');
	if (file)
		out_money(o, g->amount);
	out_c(o, '\t');
	out_money(o, money_round(g->used, 2));
	out_c(o, '\t');
	if (file)
		out_money(o, money_round(rem < 0 ? 0 : rem, 2));
	out_c(o, '\t');
	if (file)
		out_day(o, g->start);
	out_c(o, '\t');
	if (file)
		out_day(o, g->end);
	out_c(o, '\t');
	if (file && cr->as_of != DAY_NONE)
		out_long(o, left < 0 ? 0 : left);
	out_c(o, '\t');
	out_money(o, money_round(burn_month, 2));
	out_c(o, '\t');
	if (file)
		out_money(o, money_round(unused, 2));
	out_c(o, '\t');
	out_s(o, pool_note(cr, g));
	out_c(o, '\n');
}

void
credit_write_pools(const struct credit *cr, struct out *o)
{
	size_t i;
	long dom = 1;
	int y, mo, d;
	money_t total = 0, burn, *unused;

	if (cr->as_of != DAY_NONE) {
		date_to_civil(cr->as_of, &y, &mo, &d);
		dom = d;
	}
	/* the forecast counts only what was drawn on grants */
	for (i = 0; i < cr->ngrants; i++)
		if (!cr->grants[i].derived)
			total += cr->grants[i].month_used;
	burn = money_scale(total, 1, dom);
	unused = xcalloc(cr->ngrants + 1, sizeof(*unused));
	forecast(cr, burn, unused);
	out_s(o, HDR_POOLS);
	for (i = 0; i < cr->ngrants; i++)
		pool_row(o, cr, &cr->grants[i], money_scale(
		    cr->grants[i].month_used, 1, dom), unused[i]);
	free(unused);
}

/* ---- attribution ---- */

/* the accruing spend of one workload and method in a month and contract */
struct part {
	const struct credit_acc *a;	/* representative for names */
	const char *workload;
	int method;		/* 0 auto, 1 proportional */
	money_t accruing;
	money_t cents;		/* result, in cents */
	money_t rem;
};

static const char *const methodname[] = { "auto", "proportional" };

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

/* The parts of a month and contract: workload x method. */
static struct part *
parts_of(const struct credit *cr, const struct credit_tot *ct, size_t *np)
{
	struct part *parts = NULL;
	struct buf key = { 0 };
	size_t k, j, n = 0;

	for (k = 0; k < cr->naccs; k++) {
		const struct credit_acc *a = &cr->accs[k];
		int m;

		if (a->month != ct->month || a->contract != ct->contract)
			continue;
		m = credit_auto(cr, &key, a->month, a->account,
		    a->workload) ? 0 : 1;
		for (j = 0; j < n; j++)
			if (strcmp(parts[j].workload, a->workload) == 0 &&
			    parts[j].method == m)
				break;
		if (j == n) {
			parts = xrealloc(parts, (n + 1) * sizeof(*parts));
			memset(&parts[j], 0, sizeof(parts[0]));
			parts[j].a = a;
			parts[j].workload = a->workload;
			parts[j].method = m;
			n++;
		}
		parts[j].accruing += a->accruing;
	}
	buf_free(&key);
	*np = n;
	return parts;
}

/* Share rcents among the parts by their accruing spend (total, > 0), to
 * the cent: floor, then the largest remainders get a cent each. */
static void
share_cents(struct part *parts, size_t np, money_t rcents, money_t total)
{
	money_t given = 0;
	size_t k;

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
}

/* credit no contract or no accruing spend explains: shown, not dropped */
static void
unattributed_row(struct out *o, const char *mon, const char *id,
    money_t amount, const char *method)
{
	out_s(o, mon);
	out_c(o, '\t');
	out_vals(o, id);
	out_s(o, "\tunattributed\t\t\t\t0.00\t\t");
	out_money(o, amount);
	out_c(o, '\t');
	out_s(o, method);
	out_c(o, '\n');
}

static void
part_row(struct out *o, const char *mon, const char *id,
    const struct part *p, money_t total)
{
	/* the share: a fraction with 6 decimals */
	money_t share = money_round(money_div(p->accruing > 0 ? p->accruing :
	    0, total), 6);

	out_s(o, mon);
	out_c(o, '\t');
	out_vals(o, id);
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
	out_money_dp(o, share, 6);
	out_c(o, '\t');
	out_money(o, p->cents * CENT);
	out_c(o, '\t');
	out_s(o, methodname[p->method]);
	out_c(o, '\n');
}

void
credit_write_attribution(const struct credit *cr, struct out *o)
{
	size_t i, k, np;
	char mon[DATE_MONTHLEN];

	out_s(o, HDR_ATTRIBUTION);
	/* the checkpoint's months before the run's first */
	for (i = 0; i < cr->nprevattr; i++)
		if (cr->ntots == 0 || cr->prevattr[i].month < cr->tots[0].month)
			out_s(o, cr->prevattr[i].row);
	for (i = 0; i < cr->ntots; i++) {
		const struct credit_tot *ct = &cr->tots[i];
		struct part *parts;
		money_t total = 0, rcents;

		if (ct->received == 0)
			continue;
		date_fmt_month(ct->month, mon);
		if (ct->contract < 0) {
			unattributed_row(o, mon, "", money_round(ct->received,
			    2), ct->contract == CREDIT_SEVERAL ?
			    "several-contracts" : "no-contract");
			continue;
		}
		parts = parts_of(cr, ct, &np);
		/* a part whose accruing spend nets to zero or less (tiny
		 * negative usage amounts occur) earned nothing */
		for (k = 0; k < np; k++)
			if (parts[k].accruing > 0)
				total += parts[k].accruing;
		rcents = money_round(ct->received, 2) / CENT;
		if (total <= 0)
			unattributed_row(o, mon, ct->id, rcents * CENT,
			    "unattributed");
		else {
			share_cents(parts, np, rcents, total);
			for (k = 0; k < np; k++)
				part_row(o, mon, ct->id, &parts[k], total);
		}
		free(parts);
	}
}

/* ---- other credits ---- */

void
credit_write_other(const struct credit *cr, struct out *o)
{
	out_s(o, HDR_OTHER);
	out_add(o, cr->other.s ? cr->other.s : "", cr->other.len);
}
