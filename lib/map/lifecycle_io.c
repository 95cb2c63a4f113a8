/* lifecycle_io.c: the lifecycle engine's files: the previous state in, and
 * the state, events and ledger out (map-formats(5)). */
#define _GNU_SOURCE		/* qsort_r (POSIX.1-2024; glibc wants this) */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/formats.h"
#include "map/lifecycle.h"
#include "map/lifecycle_int.h"

static const char hdr_state[] = "as_of\tentity\tentity_kind\tpayer\taccount"
    "\taccount_name\tservice\tregion\tmodel\tprincipal\tmodel_source"
    "\tcontract\tstate\treason\teligibility_date\tstate_since\tmap_tag"
    "\tlast_good_tag\tdrift_date\teligible_cost\taccruing_cost\tat_risk_cost"
    "\tdaily_cost\teligible_days\tfirst_seen\tlast_seen\tcallers";
static const char hdr_state_owner[] = "\tworkload\tteam\tproduct\tportfolio"
    "\towner\tengineer";

/* One row of the previous state: the entity as it was. */
static int
take_state(struct lifecycle *lc, const struct recr *r, const struct
    state_rec *s, const struct lc_tagcols *tg, struct err *e)
{
	const struct tsvr *t = r->t;
	struct lc_ent *en;
	size_t i;
	int c = -1;

	if (lc->prev_as_of == DAY_NONE)
		lc->prev_as_of = s->as_of;
	en = lc_ent_get(lc, lc_intern(lc, s->entity.s, s->entity.n));
	if (en->state != ST_NONE) {
		rec_bad(t, e, "entity '%s' appears twice", s->entity.s);
		return -1;
	}
	if (s->eligible_days > 31) {	/* a month's, held in 16 bits */
		rec_bad(t, e, "column 'eligible_days': %ld is more days than a "
		    "month has", (long)s->eligible_days);
		return -1;
	}
	if (s->contract.n && (c = contracts_find(lc->contracts,
	    s->contract.s)) < 0) {
		rec_bad(t, e, "column 'contract': '%s' is not in the contracts "
		    "file", s->contract.s);
		return -1;
	}
	en->kind = (uint8_t)s->kind;
	en->state = (uint8_t)s->state;
	en->reason = (uint8_t)s->reason;
	en->payer = lc_intern(lc, s->payer.s, s->payer.n);
	en->account = lc_intern(lc, s->account.s, s->account.n);
	en->account_name = lc_intern(lc, s->account_name.s, s->account_name.n);
	en->service = lc_intern(lc, s->service.s, s->service.n);
	en->region = lc_intern(lc, s->region.s, s->region.n);
	en->model = lc_intern(lc, s->model.s, s->model.n);
	en->principal = lc_intern(lc, s->principal.s, s->principal.n);
	en->model_source = lc_intern(lc, s->model_source.s,
	    s->model_source.n);
	en->map_tag = lc_intern(lc, s->map_tag.s, s->map_tag.n);
	en->last_good_tag = lc_intern(lc, s->last_good_tag.s,
	    s->last_good_tag.n);
	en->contract = (int16_t)c;
	en->elig_date = (int32_t)s->eligibility_date;
	en->state_since = (int32_t)s->state_since;
	en->drift_date = (int32_t)s->drift_date;
	en->first_seen = (int32_t)s->first_seen;
	en->last_seen = (int32_t)s->last_seen;
	en->eligible = s->eligible;
	en->accruing = s->accruing;
	en->elig_days = (uint16_t)s->eligible_days;
	if (r->rows == 1)	/* a state of no rows has no tag columns */
		for (i = 0; i < tg->n; i++)
			lc_tagkey_index(lc, tg->key[i]);
	for (i = 0; i < tg->n; i++)
		if (t->len[tg->col[i]])
			lc_ent_settag(en, tg->key[i], lc_intern(lc,
			    t->f[tg->col[i]], t->len[tg->col[i]]));
	if (en->first_seen != (int32_t)DAY_NONE) {
		lc_acct_seen(lc, en->account, en->first_seen);
		lc_data_day(lc, en->first_seen);
	}
	/* a state from before the callers column: its latest caller */
	if (en->kind == K_PROFILE)
		lc_pcall_load(lc, (uint32_t)(en - lc->ents), recr_has(r,
		    FS_CALLERS) ? s->callers.s : s->principal.s, recr_has(r,
		    FS_CALLERS) ? s->callers.n : s->principal.n);
	return 0;
}

int
lc_load_state(struct lifecycle *lc, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &state_schema, e);
	struct lc_tagcols tg;
	struct state_rec s;
	int rc;

	if (r == NULL)
		return -1;
	lc->state_path = path;
	lc_tagcols(lc, r->t, 0, &tg);
	while ((rc = recr_next(r, &s, e)) == 1)
		if ((rc = take_state(lc, r, &s, &tg, e)) != 0)
			break;
	if (rc == 0 && lc->prev_as_of != DAY_NONE)
		lc->cur_month = date_month(lc->prev_as_of);
	lc_tagcols_free(&tg);
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

/* ---- writers ---- */

static int
cmp_ent(const void *a, const void *b, void *arg)
{
	return lc_keycmp(arg, *(const uint32_t *)a, *(const uint32_t *)b);
}

static int
cmp_tagkey(const void *a, const void *b, void *arg)
{
	const struct lifecycle *lc = arg;

	return strcmp(S(*(const uint32_t *)a), S(*(const uint32_t *)b));
}

/* a tab, then the value */
static inline void
tab_val(struct out *o, const char *s)
{
	out_c(o, '\t');
	out_vals(o, s);
}

static inline void
tab_str(const struct lifecycle *lc, struct out *o, uint32_t id)
{
	tab_val(o, S(id));
}

/* what every row starts with: date, entity, entity_kind */
static void
row_head(const struct lifecycle *lc, struct out *o, long day,
    const struct lc_ent *en)
{
	out_day(o, day);
	tab_str(lc, o, en->key);
	out_c(o, '\t');
	out_s(o, kind_names[en->kind]);
}

static inline void
tab_day(struct out *o, int32_t d)
{
	out_c(o, '\t');
	if (d != (int32_t)DAY_NONE)
		out_day(o, d);
}

static inline void
tab_money(struct out *o, money_t m)
{
	out_c(o, '\t');
	out_money(o, m);
}

static void
tab_contract(const struct lifecycle *lc, struct out *o, int contract)
{
	out_c(o, '\t');
	if (contract >= 0)
		out_vals(o, lc->contracts->v[contract].id);
}

static void
out_owner(const struct lifecycle *lc, struct out *o, int32_t owner, int full)
{
	const struct workload *w;

	if (lc->workloads == NULL)
		return;
	if (owner < 0) {
		out_s(o, full ? "\tunowned\t\t\t\t\t" : "\tunowned\t\t\t");
		return;
	}
	w = &lc->workloads->w[owner];
	tab_val(o, w->name);
	tab_val(o, w->team);
	tab_val(o, w->product);
	tab_val(o, w->portfolio);
	if (full) {
		tab_val(o, w->owner);
		tab_val(o, w->engineer);
	}
}

static void
state_row(const struct lifecycle *lc, struct out *o, const struct lc_ent *en,
    const uint32_t *keys)
{
	size_t k, first, end;

	end = lc_callers_of(lc, (uint32_t)(en - lc->ents), &first);
	row_head(lc, o, lc->as_of, en);
	tab_str(lc, o, en->payer);
	tab_str(lc, o, en->account);
	tab_str(lc, o, en->account_name);
	tab_str(lc, o, en->service);
	tab_str(lc, o, en->region);
	tab_str(lc, o, en->model);
	tab_str(lc, o, en->principal);
	tab_str(lc, o, en->model_source);
	tab_contract(lc, o, en->contract);
	out_c(o, '\t');
	out_s(o, state_names[en->state]);
	out_c(o, '\t');
	out_s(o, reason_names[en->reason]);
	tab_day(o, en->elig_date);
	tab_day(o, en->state_since);
	tab_str(lc, o, en->map_tag);
	tab_str(lc, o, en->last_good_tag);
	tab_day(o, en->drift_date);
	tab_money(o, en->eligible);
	tab_money(o, en->accruing);
	tab_money(o, lc_at_risk(en));
	tab_money(o, en->elig_days ? money_scale(en->eligible, 1,
	    en->elig_days) : 0);
	out_c(o, '\t');
	out_long(o, en->elig_days);
	tab_day(o, en->first_seen);
	tab_day(o, en->last_seen);
	out_c(o, '\t');
	for (k = first; k < end; k++) {
		if (k > first)
			out_c(o, ' ');
		out_vals(o, S(lc->known[k].principal));
	}
	out_owner(lc, o, en->owner, 1);
	for (k = 0; k < lc->ntagkeys; k++)
		tab_str(lc, o, lc_ent_tag(en, keys[k]));
	out_c(o, '\n');
}

void
lc_write_state(struct lifecycle *lc, struct out *o)
{
	size_t i, n = lc->nents, nk = lc->ntagkeys;
	uint32_t *idx = xmalloc((n ? n : 1) * sizeof(*idx));
	uint32_t *keys = xmalloc((nk ? nk : 1) * sizeof(*keys));

	if (nk)
		memcpy(keys, lc->tagkeys, nk * sizeof(*keys));
	if (nk > 1)
		qsort_r(keys, nk, sizeof(*keys), cmp_tagkey, lc);
	out_s(o, hdr_state);
	if (lc->workloads)
		out_s(o, hdr_state_owner);
	for (i = 0; i < nk; i++) {
		out_s(o, "\ttag_");
		out_vals(o, S(keys[i]));
	}
	out_c(o, '\n');
	for (i = 0; i < n; i++)
		idx[i] = (uint32_t)i;
	if (n > 1)
		qsort_r(idx, n, sizeof(*idx), cmp_ent, lc);
	for (i = 0; i < n; i++)
		state_row(lc, o, &lc->ents[idx[i]], keys);
	free(idx);
	free(keys);
}

static int
cmp_event(const void *a, const void *b, void *arg)
{
	const struct lc_event *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = lc_keycmp(arg, x->ent, y->ent)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
lc_events_head(struct out *o)
{
	out_s(o, HDR_EVENTS);
}

void
lc_event_row(const struct lifecycle *lc, struct out *o,
    const struct lc_event *v)
{
	const struct lc_ent *en = &lc->ents[v->ent];

	row_head(lc, o, v->day, en);
	tab_str(lc, o, en->account);
	out_c(o, '\t');
	out_s(o, vocab_name(&vocab_event_from, v->from));
	out_c(o, '\t');
	out_s(o, state_names[v->to]);
	out_c(o, '\t');
	out_s(o, reason_names[v->reason]);
	tab_str(lc, o, v->map_tag);
	tab_str(lc, o, v->last_good_tag);
	out_c(o, '\n');
}

/* the events held (one day's), in the file's order; then none are */
void
lc_events_flush(struct lifecycle *lc)
{
	size_t i;

	if (lc->nevents > 1)
		qsort_r(lc->events, lc->nevents, sizeof(*lc->events),
		    cmp_event, lc);
	for (i = 0; i < lc->nevents; i++)
		lc_event_row(lc, lc->events_out, &lc->events[i]);
	lc->nevents = 0;
}

void
lc_ledger_head(const struct lifecycle *lc, struct out *o)
{
	if (lc->workloads)
		out_s(o, HDR_LEDGER);
	else {		/* no ownership columns */
		out_add(o, HDR_LEDGER, (size_t)(strstr(HDR_LEDGER,
		    "\tworkload") - HDR_LEDGER));
		out_c(o, '\n');
	}
}

void
lc_ledger_row(const struct lifecycle *lc, struct out *o,
    const struct lc_lrow *l)
{
	const struct lc_ent *en = &lc->ents[l->ent];

	row_head(lc, o, l->day, en);
	tab_str(lc, o, en->payer);
	tab_str(lc, o, en->account);
	tab_str(lc, o, l->svc);
	tab_contract(lc, o, l->contract);
	out_c(o, '\t');
	out_s(o, state_names[l->state]);
	tab_money(o, l->cost);
	tab_money(o, l->eligible);
	tab_money(o, l->accruing);
	out_owner(lc, o, l->owner, 0);
	out_c(o, '\n');
}
