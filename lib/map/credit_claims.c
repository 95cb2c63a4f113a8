/* credit_claims.c: claimed vs projected per contract and month, as a
 * series (map-model 6): the run's months, the earlier months carried over
 * from the previous claims, and each row's contract-to-date figures. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/rec.h"
#include "map/credit.h"

/* the claims row of a month and contract, or NULL */
static struct credit_claim *
claim_find(struct credit_claim *v, size_t n, long month, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].month == month && strcmp(v[i].contract, id) == 0)
			return &v[i];
	return NULL;
}

static struct credit_claim *
claim_add(struct credit_claim **v, size_t *n)
{
	struct credit_claim *c;

	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	c = &(*v)[(*n)++];
	memset(c, 0, sizeof(*c));
	return c;
}

static int
claims_row(struct credit *cr, const struct recr *r, const struct claims_rec *C,
    struct err *e)
{
	struct credit_claim *c, *dup;

	if (C->contract.n == 0) {
		rec_bad(r->t, e, "column 'contract': empty");
		return -1;
	}
	if ((dup = claim_find(cr->prev, cr->nprev, C->month,
	    C->contract.s)) != NULL) {
		rec_bad(r->t, e, "month %s and contract '%s' appear twice "
		    "(line %ld)", r->t->f[r->col[0]], C->contract.s, dup->line);
		return -1;
	}
	c = claim_add(&cr->prev, &cr->nprev);
	c->month = C->month;
	c->contract = span_dup(C->contract);
	c->rate = C->credit_rate;
	memcpy(c->v, C->v, sizeof(c->v));
	/* a file older than the column: what it would have said */
	if (!recr_has(r, FCL_V(CL_GAP_UNTRACKABLE)))
		c->v[CL_GAP_UNTRACKABLE] = money_round(money_mul(c->rate,
		    c->v[CL_UNTRACKABLE]), 2);
	c->carried = 1;
	c->line = recr_line(r);
	return 0;
}

int
credit_read_claims(struct credit *cr, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &claims_schema, e);
	struct claims_rec C;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &C, e)) == 1)
		if (claims_row(cr, r, &C, e) != 0) {
			rc = -1;
			break;
		}
	recr_close(r);
	return rc;
}

/* the run's own row of a month and contract: its totals, to the cent */
static void
run_row(struct credit *cr, const struct credit_tot *ct)
{
	struct credit_claim *c = claim_add(&cr->claims, &cr->nclaims);
	money_t r = cr->contracts->v[ct->contract].rate, *v = c->v;
	size_t k;

	c->month = ct->month;
	c->contract = xstrdup(ct->id);
	c->rate = r;
	v[CL_ELIGIBLE] = ct->eligible;
	v[CL_ACCRUING] = ct->accruing;
	v[CL_PENDING] = ct->pending;
	v[CL_STALE] = ct->stale;
	v[CL_UNTRACKABLE] = ct->untrackable;
	v[CL_PROJECTED] = money_mul(r, ct->eligible);
	v[CL_EARNED] = money_mul(r, ct->accruing);
	v[CL_RECEIVED] = ct->received;
	v[CL_GAP] = v[CL_PROJECTED] - v[CL_EARNED];
	v[CL_GAP_PENDING] = money_mul(r, ct->pending);
	v[CL_GAP_STALE] = money_mul(r, ct->stale);
	v[CL_GAP_UNTRACKABLE] = money_mul(r, ct->untrackable);
	for (k = 0; k < NCLAIM; k++)
		v[k] = money_round(v[k], 2);
}

static int
cmp_claim(const void *a, const void *b)
{
	const struct credit_claim *x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return strcmp(x->contract, y->contract);
}

static int
cmp_claim_contract(const void *a, const void *b)
{
	const struct credit_claim *x = *(const struct credit_claim *const *)a;
	const struct credit_claim *y = *(const struct credit_claim *const *)b;
	int c;

	if ((c = strcmp(x->contract, y->contract)) != 0)
		return c;
	return x->month < y->month ? -1 : x->month > y->month;
}

/* Each row's contract to date: the sums of the contract's rows up to its
 * month, in contract and month order. */
static void
to_date(struct credit *cr)
{
	static const int sum_of[NCLAIMTD] = { CL_PROJECTED, CL_EARNED,
		CL_RECEIVED, -1, CL_GAP_PENDING, CL_GAP_STALE,
		CL_GAP_UNTRACKABLE };
	struct credit_claim **v = xcalloc(cr->nclaims + 1, sizeof(*v));
	money_t sum[NCLAIMTD] = { 0 };
	size_t i, k;

	for (i = 0; i < cr->nclaims; i++)
		v[i] = &cr->claims[i];
	if (cr->nclaims > 1)
		qsort(v, cr->nclaims, sizeof(*v), cmp_claim_contract);
	for (i = 0; i < cr->nclaims; i++) {
		struct credit_claim *c = v[i];
		int ci = contracts_find(cr->contracts, c->contract);

		if (i == 0 || strcmp(c->contract, v[i - 1]->contract) != 0)
			memset(sum, 0, sizeof(sum));
		for (k = 0; k < NCLAIMTD; k++)
			if (sum_of[k] >= 0)
				sum[k] += c->v[sum_of[k]];
		memcpy(c->td, sum, sizeof(sum));
		/* the contract's total, not a sum, when it has one */
		if (ci >= 0 && cr->contracts->v[ci].has_projected)
			c->td[CLT_PROJECTED] = cr->contracts->v[ci].projected;
		c->td[CLT_GAP] = c->td[CLT_PROJECTED] - c->td[CLT_EARNED];
	}
	free(v);
}

void
credit_claims(struct credit *cr)
{
	/* the run's first month: from it on, the run's figures count */
	long first = cr->month != DAY_NONE ? cr->month : cr->ledger_first;
	size_t i;

	for (i = 0; i < cr->ntots; i++)
		if (cr->tots[i].contract >= 0)
			run_row(cr, &cr->tots[i]);
	/* before it, the previous claims, which saw those months' ledgers */
	for (i = 0; i < cr->nprev; i++) {
		const struct credit_claim *p = &cr->prev[i];
		struct credit_claim *c;
		char *id;

		if (first != DAY_NONE && p->month >= first)
			continue;
		if ((c = claim_find(cr->claims, cr->nclaims, p->month,
		    p->contract)) == NULL) {
			c = claim_add(&cr->claims, &cr->nclaims);
			id = xstrdup(p->contract);
		} else
			id = c->contract;
		*c = *p;
		c->contract = id;
	}
	if (cr->nclaims > 1)
		qsort(cr->claims, cr->nclaims, sizeof(*cr->claims), cmp_claim);
	to_date(cr);
}

void
credit_write_claims(const struct credit *cr, struct out *o)
{
	size_t i, k;
	char mon[DATE_MONTHLEN];

	out_s(o, HDR_CLAIMS);
	for (i = 0; i < cr->nclaims; i++) {
		const struct credit_claim *c = &cr->claims[i];

		date_fmt_month(c->month, mon);
		out_s(o, mon);
		out_c(o, '\t');
		out_vals(o, c->contract);
		out_c(o, '\t');
		out_money_dp(o, c->rate, 2);
		for (k = 0; k < NCLAIM; k++) {
			out_c(o, '\t');
			out_money(o, c->v[k]);
		}
		for (k = 0; k < NCLAIMTD; k++) {
			out_c(o, '\t');
			out_money(o, c->td[k]);
		}
		out_c(o, '\n');
	}
}
