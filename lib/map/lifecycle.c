/* lifecycle.c: the MAP lifecycle engine: the entity and slot tables, the
 * charge lines, the day-by-day replay and ownership. The state file and
 * the writers are in lifecycle_io.c. */
#define _GNU_SOURCE		/* qsort_r (POSIX.1-2024; glibc wants this) */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/hash.h"
#include "map/charge.h"		/* charge_tag_mapish */
#include "map/formats.h"
#include "map/lifecycle.h"
#include "map/shard.h"
#include "map/lifecycle_int.h"

/* bench/mapstate.sh counts bytes per entity: keep the records small */
_Static_assert(sizeof(void *) != 8 || sizeof(struct lc_ent) == 128,
    "struct lc_ent grew");
_Static_assert(sizeof(void *) != 8 || sizeof(struct lc_slot) == 64,
    "struct lc_slot grew");

static const unsigned catbit[] = { 0, EXCL_DATA_TRANSFER, EXCL_MARKETPLACE,
	EXCL_EKS_FARGATE, EXCL_GLACIER_DEEP_ARCHIVE };

uint32_t
lc_intern(struct lifecycle *lc, const char *s, size_t n)
{
	return strtab_intern(&lc->strs, s, n);
}

static uint32_t
intern_span(struct lifecycle *lc, struct span v)
{
	return strtab_intern(&lc->strs, v.s, v.n);
}

/* intern_span when the value is most often one already at hand (an
 * entity's payer on its next line): that id when the bytes are its */
static inline uint32_t
intern_as(struct lifecycle *lc, struct span v, uint32_t guess)
{
	const struct strtab *t = &lc->strs;

	if (guess < t->n && t->len[guess] == v.n && memcmp(t->str[guess],
	    v.s, v.n) == 0)
		return guess;
	return intern_span(lc, v);
}

void
lc_init(struct lifecycle *lc, const struct contracts *cs,
    const struct workloads *ws, const struct lc_opts *opt)
{
	size_t k;

	memset(lc, 0, sizeof(*lc));
	lc->contracts = cs;
	lc->workloads = ws;
	strtab_init(&lc->strs);
	lc->as_of = opt->as_of;
	lc->as_of_given = opt->as_of != DAY_NONE;
	lc->prev_as_of = lc->max_day = lc->cur_month = DAY_NONE;
	lc->first_day = DAY_NONE;
	lc->accounts = opt->accounts;
	lc->events_out = opt->events;
	lc->ledger_out = opt->ledger;
	lc->slot_budget = opt->slot_budget ? opt->slot_budget : LC_SLOT_BUDGET;
	lc->tmpdir = opt->tmpdir ? opt->tmpdir : "/tmp";
	lc->spill_fd = -1;
	lc->credits_out = opt->credit_lines;
	if (lc->credits_out) {
		out_s(lc->credits_out, HDR_LINES);
		out_c(lc->credits_out, '\n');
	}
	lc->all.excl = EXCL_DEFAULT;
	if (ws == NULL)
		return;
	lc->owner_vals = xcalloc(ws->ntagkeys + 1, sizeof(*lc->owner_vals));
	lc->wl_tagkey = xcalloc(ws->ntagkeys + 1, sizeof(*lc->wl_tagkey));
	for (k = 0; k < ws->ntagkeys; k++)
		lc->wl_tagkey[k] = lc_intern(lc, ws->tagkeys[k],
		    strlen(ws->tagkeys[k]));
}

void
lc_free(struct lifecycle *lc)
{
	size_t i;

	for (i = 0; i < lc->nents; i++)
		free(lc->ents[i].tags);
	free(lc->ents);
	free(lc->ent_of_key);
	free(lc->slots);
	free(lc->slot_ht);
	free(lc->ent_slot);
	free(lc->order);
	free(lc->ent_rank);
	free(lc->events);
	free(lc->runs);
	if (lc->spill_fd >= 0)
		close(lc->spill_fd);
	free(lc->tagkeys);
	free(lc->wl_tagkey);
	free(lc->owner_vals);
	free(lc->acct_first);
	free(lc->pcalls);
	free(lc->known);
	free(lc->callers);
	u64map_free(&lc->known_ht);
	strtab_free(&lc->strs);
	memset(lc, 0, sizeof(*lc));
}

/* ---- entity table ---- */

/* an id-indexed array *a of *cap zeroed entries, grown (doubling from
 * first) to hold index i */
static void
grow_ids(uint32_t **a, size_t *cap, size_t i, size_t first)
{
	size_t nc = *cap ? *cap : first;

	if (i < *cap)
		return;
	while (nc <= i)
		nc *= 2;
	*a = xrealloc(*a, nc * sizeof(**a));
	memset(*a + *cap, 0, (nc - *cap) * sizeof(**a));
	*cap = nc;
}

struct lc_ent *
lc_ent_get(struct lifecycle *lc, uint32_t key)
{
	struct lc_ent *en;
	size_t i;

	if (key < lc->ent_of_cap && lc->ent_of_key[key])
		return &lc->ents[lc->ent_of_key[key] - 1];
	grow_ids(&lc->ent_of_key, &lc->ent_of_cap, key, 4096);
	if (lc->nents == lc->entcap) {
		lc->entcap = lc->entcap ? lc->entcap * 2 : 1024;
		lc->ents = xrealloc(lc->ents, lc->entcap * sizeof(*lc->ents));
	}
	i = lc->nents++;
	en = &lc->ents[i];
	memset(en, 0, sizeof(*en));
	en->key = key;
	en->contract = -1;
	en->elig_date = en->state_since = en->drift_date = DAY_NONE;
	en->first_seen = en->last_seen = DAY_NONE;
	en->attr_ts = en->kind_ts = LC_TS_NONE;
	en->owner = -1;
	lc->ent_of_key[key] = (uint32_t)i + 1;
	return en;
}

const struct lc_ent *
lc_find(const struct lifecycle *lc, const char *key)
{
	uint32_t id = strtab_find(&lc->strs, key, strlen(key));

	if (id == UINT32_MAX || id >= lc->ent_of_cap || !lc->ent_of_key[id])
		return NULL;
	return &lc->ents[lc->ent_of_key[id] - 1];
}

void
lc_ent_settag(struct lc_ent *e, uint32_t key, uint32_t val)
{
	uint32_t i;

	for (i = 0; i < e->ntags; i++)
		if (e->tags[i].key == key) {
			e->tags[i].val = val;
			return;
		}
	e->tags = xrealloc(e->tags, (e->ntags + 1) * sizeof(*e->tags));
	e->tags[e->ntags].key = key;
	e->tags[e->ntags].val = val;
	e->ntags++;
}

uint32_t
lc_ent_tag(const struct lc_ent *e, uint32_t key)
{
	uint32_t i;

	for (i = 0; i < e->ntags; i++)
		if (e->tags[i].key == key)
			return e->tags[i].val;
	return 0;
}

size_t
lc_tagkey_index(struct lifecycle *lc, uint32_t key)
{
	size_t i;

	for (i = 0; i < lc->ntagkeys; i++)
		if (lc->tagkeys[i] == key)
			return i;
	lc->tagkeys = xrealloc(lc->tagkeys, (lc->ntagkeys + 1) *
	    sizeof(*lc->tagkeys));
	lc->tagkeys[lc->ntagkeys] = key;
	return lc->ntagkeys++;
}

void
lc_tagcols(struct lifecycle *lc, const struct tsvr *t, int named,
    struct lc_tagcols *tc)
{
	size_t i;

	tc->col = xcalloc(t->nf + 1, sizeof(*tc->col));
	tc->key = xcalloc(t->nf + 1, sizeof(*tc->key));
	tc->n = 0;
	for (i = 0; i < t->nf; i++)
		if (strncmp(t->hdr[i], "tag_", 4) == 0 && (!named ||
		    t->hdr[i][4])) {
			tc->col[tc->n] = (int)i;
			tc->key[tc->n] = lc_intern(lc, t->hdr[i] + 4,
			    strlen(t->hdr[i] + 4));
			tc->n++;
		}
}

void
lc_tagcols_free(struct lc_tagcols *tc)
{
	free(tc->col);
	free(tc->key);
}

static struct lc_acctday *
acct_slot(struct lifecycle *lc, uint32_t acct)
{
	size_t m = lc->acct_first_sz - 1;
	size_t j = (size_t)(acct * 2654435761u) & m;

	while (lc->acct_first[j].acct1 && lc->acct_first[j].acct1 != acct + 1)
		j = (j + 1) & m;
	return &lc->acct_first[j];
}

void
lc_acct_seen(struct lifecycle *lc, uint32_t acct, long day)
{
	struct lc_acctday *a;

	if (lc->acct_first_n * 2 >= lc->acct_first_sz) {
		struct lc_acctday *old = lc->acct_first;
		size_t i, osz = lc->acct_first_sz;

		lc->acct_first_sz = osz ? osz * 2 : 256;
		lc->acct_first = xcalloc(lc->acct_first_sz,
		    sizeof(*lc->acct_first));
		for (i = 0; i < osz; i++)
			if (old[i].acct1)
				*acct_slot(lc, old[i].acct1 - 1) = old[i];
		free(old);
	}
	a = acct_slot(lc, acct);
	if (a->acct1 == 0) {
		a->acct1 = acct + 1;
		a->day = (int32_t)day;
		lc->acct_first_n++;
	} else if (day < a->day)
		a->day = (int32_t)day;
}

static long
acct_first_day(struct lifecycle *lc, uint32_t acct, long dflt)
{
	struct lc_acctday *a;

	if (lc->acct_first_sz == 0)
		return dflt;
	a = acct_slot(lc, acct);
	return a->acct1 ? a->day : dflt;
}

void
lc_data_day(struct lifecycle *lc, long day)
{
	if (lc->first_day == DAY_NONE || day < lc->first_day)
		lc->first_day = day;
}

void
lc_seed_first_seen(struct lifecycle *lc, const struct shard_seen *sn)
{
	uint32_t i;

	if (sn->data != DAY_NONE && (!lc->as_of_given || sn->data <= lc->as_of))
		lc_data_day(lc, sn->data);
	for (i = 0; i < sn->accts.n; i++) {
		long d = i < sn->cap ? sn->day[i] : DAY_NONE;
		const char *a = strtab_get(&sn->accts, i);

		if (d != DAY_NONE && (!lc->as_of_given || d <= lc->as_of))
			lc_acct_seen(lc, lc_intern(lc, a, strlen(a)), d);
	}
}

void
lc_first_seen(const struct lifecycle *lc, struct shard_seen *sn)
{
	size_t i;

	seen_data(sn, lc->first_day);
	for (i = 0; i < lc->acct_first_sz; i++) {
		const struct lc_acctday *a = &lc->acct_first[i];

		if (a->acct1)
			seen_account(sn, S(a->acct1 - 1), strlen(S(a->acct1 -
			    1)), a->day);
	}
}

/* When the account joined, for the new-accounts rule: the accounts
 * file's day, else its first day in the data if that is after the data's
 * first day (what is there on the first day existed before), else
 * DAY_NONE: not new. */
static long
joined_day(struct lifecycle *lc, const struct lc_ent *en, long day)
{
	const struct account *a = accounts_find(lc->accounts, S(en->account));
	long first;

	if (a != NULL && a->joined != DAY_NONE)
		return a->joined;
	first = acct_first_day(lc, en->account, day);
	return first > lc->first_day ? first : DAY_NONE;
}

/* Is the account auto-enrolled into contract i? Never when another
 * contract of the program lists it. */
static int
auto_enrolled(struct lifecycle *lc, size_t i, const struct lc_ent *en,
    long day)
{
	const struct contract *c = &lc->contracts->v[i];
	const char *name = S(en->account_name);

	if (!c->auto_new && c->nglobs == 0)
		return 0;
	if (contracts_listing(lc->contracts, i, S(en->account)) >= 0)
		return 0;
	if (*name == '\0') {
		const struct account *a = accounts_find(lc->accounts,
		    S(en->account));

		if (a != NULL)
			name = a->name;
	}
	return contract_auto_enrolls(c, name, joined_day(lc, en, day));
}

/* ---- slots ---- */

static uint64_t
slot_hash(uint32_t ent, int32_t day, uint32_t svc, uint8_t cat)
{
	uint32_t k[4] = { ent, (uint32_t)day, svc, cat };

	return hash64(k, sizeof(k));
}

static void
slot_rehash(struct lifecycle *lc, size_t sz)
{
	size_t i;

	free(lc->slot_ht);
	lc->slot_ht = xcalloc(sz, sizeof(*lc->slot_ht));
	lc->slot_htsz = sz;
	for (i = 0; i < lc->nslots; i++) {
		struct lc_slot *s = &lc->slots[i];
		size_t j = (size_t)slot_hash(s->ent, s->day, s->svc, s->cat) &
		    (sz - 1);

		while (lc->slot_ht[j])
			j = (j + 1) & (sz - 1);
		lc->slot_ht[j] = (uint32_t)i + 1;
	}
}

static int spill(struct lifecycle *, struct err *);

/* The slot of (ent, day, svc, cat), new when it is not held (the budget
 * full, the ones held are spilled first); NULL with e set when that
 * fails. */
static struct lc_slot *
slot_get(struct lifecycle *lc, uint32_t ent, int32_t day, uint32_t svc,
    uint8_t cat, struct err *e)
{
	size_t j;
	struct lc_slot *s;
	uint32_t h;

	grow_ids(&lc->ent_slot, &lc->nent_slot, ent, 1024);
	/* a slot held now whose key is this one's is this one (after a
	 * spill the index may name another slot, or none) */
	h = lc->ent_slot[ent];
	if (h && h <= lc->nslots) {
		s = &lc->slots[h - 1];
		if (s->ent == ent && s->day == day && s->svc == svc &&
		    s->cat == cat)
			return s;
	}
	if (lc->slot_htsz == 0)
		slot_rehash(lc, 4096);
	j = (size_t)slot_hash(ent, day, svc, cat) & (lc->slot_htsz - 1);
	while (lc->slot_ht[j]) {
		s = &lc->slots[lc->slot_ht[j] - 1];
		if (s->ent == ent && s->day == day && s->svc == svc &&
		    s->cat == cat) {
			lc->ent_slot[ent] = lc->slot_ht[j];
			return s;
		}
		j = (j + 1) & (lc->slot_htsz - 1);
	}
	if (lc->nslots == lc->slot_budget) {
		if (spill(lc, e) != 0)
			return NULL;
		j = (size_t)slot_hash(ent, day, svc, cat) &
		    (lc->slot_htsz - 1);
	}
	if (lc->nslots == lc->slotcap) {
		lc->slotcap = lc->slotcap ? lc->slotcap * 2 : 4096;
		if (lc->slotcap > lc->slot_budget)
			lc->slotcap = lc->slot_budget;
		lc->slots = xrealloc(lc->slots, lc->slotcap *
		    sizeof(*lc->slots));
	}
	s = &lc->slots[lc->nslots];
	memset(s, 0, sizeof(*s));
	s->ent = ent;
	s->day = day;
	s->svc = svc;
	s->cat = cat;
	s->tag_ts = s->ptag_ts = s->princ_ts = s->name_ts = -1;
	lc->slot_ht[j] = (uint32_t)++lc->nslots;
	lc->ent_slot[ent] = (uint32_t)lc->nslots;
	if (lc->nslots * 4 > lc->slot_htsz * 3)	/* load factor 3/4 */
		slot_rehash(lc, lc->slot_htsz * 2);
	return &lc->slots[lc->nslots - 1];
}

/* the service of the entity's last slot (0: none held) */
static uint32_t
last_svc(const struct lifecycle *lc, uint32_t ent)
{
	uint32_t h = ent < lc->nent_slot ? lc->ent_slot[ent] : 0;

	return h && h <= lc->nslots ? lc->slots[h - 1].svc : 0;
}

/* keep (ts, value) maximal: the latest line's value, ties by value */
static void
latest32(const struct lifecycle *lc, int32_t *ts, uint32_t *val, int32_t nts,
    uint32_t nval)
{
	if (nts > *ts || (nts == *ts && strcmp(S(nval), S(*val)) > 0)) {
		*ts = nts;
		*val = nval;
	}
}

/* the same for the MAP tag and whether its line had a misspelled key
 * instead (ties: by value, then the misspelled key) */
static void
latest_tag(const struct lifecycle *lc, int32_t *ts, uint32_t *val,
    uint8_t *miss, int32_t nts, uint32_t nval, int nmiss)
{
	int c = nts == *ts ? strcmp(S(nval), S(*val)) : 0;

	if (nts > *ts || c > 0 || (nts == *ts && c == 0 && nmiss > *miss)) {
		*ts = nts;
		*val = nval;
		*miss = (uint8_t)(nmiss != 0);
	}
}

/* ---- the charge lines ---- */

static enum lc_cat
categorise(const struct lifecycle *lc, const char *service,
    const char *usage_type)
{
	const char *x = contract_excluded(&lc->all, service, usage_type);

	if (x == NULL)
		return CAT_NONE;
	if (strcmp(x, "data-transfer") == 0)
		return CAT_DT;
	if (strcmp(x, "marketplace") == 0)
		return CAT_MP;
	if (strcmp(x, "eks-fargate") == 0)
		return CAT_EKS;
	return CAT_GDA;
}

/* one file of charge lines: which optional columns it has */
struct linefile {
	struct recr *r;
	const struct tsvr *t;
	int start;		/* usage_start's column */
	int name, region, utype, model, princ, ptag, resid;
	int miss;		/* misspelled_key and _value (curscan) */
	struct lc_tagcols tags;
	uint32_t svc, ut;	/* the last category looked up */
	enum lc_cat cat;
};

/* The charge lines are the night's hot loop, and most lines of a
 * month-to-date export are in the previous state already: line_next
 * converts what decides whether a line is new (its start, kind and cost,
 * in the schema's order, so a row's first bad field is the one named),
 * line_strings the strings once it is. */
static const size_t line_first[] = { FC_START, FC_KIND, FC_COST };
static int
line_next(struct recr *r, struct line_rec *l, struct err *e)
{
	int rc = recr_row(r, e);
	size_t i;

	if (rc != 1)
		return rc;
	for (i = 0; i < NELEM(line_first); i++)
		if (recr_field(r, l, line_first[i], e) != 0)
			return -1;
	l->entity = recr_span(r, FC_ENTITY);
	return 1;
}

static void
line_strings(const struct recr *r, struct line_rec *l)
{
	l->payer = recr_span(r, FC_PAYER);
	l->account = recr_span(r, FC_ACCOUNT);
	l->account_name = recr_span(r, FC_ACCOUNT_NAME);
	l->service = recr_span(r, FC_SERVICE);
	l->region = recr_span(r, FC_REGION);
	l->usage_type = recr_span(r, FC_USAGE_TYPE);
	l->model = recr_span(r, FC_MODEL);
	l->principal = recr_span(r, FC_PRINCIPAL);
	l->map_tag = recr_span(r, FC_MAP_TAG);
	l->principal_map_tag = recr_span(r, FC_PRINCIPAL_MAP_TAG);
	l->resource_id = recr_span(r, FC_RESOURCE_ID);
	l->misspelled_key = recr_span(r, FC_MISS_KEY);
	l->misspelled_value = recr_span(r, FC_MISS_VALUE);
}

/* an attribute from the entity's latest line, ties by value, so input
 * order never matters */
static inline void
attr(const struct lifecycle *lc, uint32_t *field, uint32_t id, int newer,
    int tie)
{
	if (newer || (tie && strcmp(S(id), S(*field)) > 0))
		*field = id;
}

/* A misspelled map-migrated key (Map-Migrated) is kept as a tag of the
 * entity, a tag_KEY column of the state, where maptasks finds the key to
 * rename: the latest line's only, so a key renamed since is cleared. */
static void
misspelled_tag(struct lifecycle *lc, struct lc_ent *en,
    const struct line_rec *l, int newer, int tie)
{
	uint32_t key = 0, v, i;

	if (l->misspelled_key.n) {
		key = intern_span(lc, l->misspelled_key);
		lc_tagkey_index(lc, key);
	}
	if (newer)
		for (i = 0; i < en->ntags; i++)
			if (en->tags[i].key != key && en->tags[i].val != 0 &&
			    charge_tag_mapish(S(en->tags[i].key),
			    strlen(S(en->tags[i].key))))
				en->tags[i].val = 0;
	if (key == 0)
		return;
	v = intern_span(lc, l->misspelled_value);
	if (newer || (tie && strcmp(S(v), S(lc_ent_tag(en, key))) > 0))
		lc_ent_settag(en, key, v);
}

static int
take_line(struct lifecycle *lc, struct linefile *f, struct line_rec *l,
    struct err *e)
{
	const struct tsvr *t = f->t;
	long day = date_day(l->usage_start);
	struct lc_ent *en;
	struct lc_slot *s;
	uint32_t key, svc, name;
	enum lc_cat cat;
	int32_t sod, rts, ats;
	int newer;
	size_t i, before;

	if (day > lc->max_day)
		lc->max_day = day;
	if (!lc->as_of_given || day <= lc->as_of)
		lc_data_day(lc, day);
	if (lc->prev_as_of != DAY_NONE && day <= lc->prev_as_of)
		return 0;	/* already in the previous state */
	if (lc->as_of_given && day > lc->as_of)
		return 0;	/* after the as-of date */
	line_strings(f->r, l);
	key = intern_span(lc, l->entity);
	before = lc->nents;
	en = lc_ent_get(lc, key);
	/* a key seen with two kinds keeps the smaller, so the input order
	 * never matters; an ai-direct key that turns out a resource or
	 * profile forgets its model_source, which only ai-direct keeps */
	if (lc->nents != before)
		en->kind = (uint8_t)l->kind;
	else if (en->state == ST_NONE && l->kind < en->kind) {
		if (en->kind == K_AIDIRECT) {
			en->model_source = 0;
			en->kind_ts = LC_TS_NONE;
		}
		en->kind = (uint8_t)l->kind;
	}
	svc = intern_as(lc, l->service, last_svc(lc, (uint32_t)(en -
	    lc->ents)));
	if (f->utype) {
		uint32_t ut = intern_span(lc, l->usage_type);

		if (svc != f->svc || ut != f->ut) {
			f->cat = categorise(lc, S(svc), S(ut));
			f->svc = svc;
			f->ut = ut;
		}
		cat = f->cat;
	} else
		cat = categorise(lc, S(svc), "");
	s = slot_get(lc, (uint32_t)(en - lc->ents), (int32_t)day, svc,
	    (uint8_t)cat, e);
	if (s == NULL)
		return -1;
	s->cost += l->cost;
	sod = (int32_t)(l->usage_start - (int64_t)day * 86400);
	latest_tag(lc, &s->tag_ts, &s->tag, &s->keymiss, sod, intern_as(lc,
	    l->map_tag, s->tag), f->miss && l->map_tag.n == 0 &&
	    l->misspelled_key.n);
	if (f->ptag)
		latest32(lc, &s->ptag_ts, &s->ptag, sod, intern_as(lc,
		    l->principal_map_tag, s->ptag));
	if (f->princ) {
		uint32_t princ = intern_as(lc, l->principal, s->princ);

		latest32(lc, &s->princ_ts, &s->princ, sod, princ);
		if (l->kind == K_PROFILE)
			lc_pcall_add(lc, (uint32_t)(en - lc->ents), princ,
			    (int32_t)day);
	}
	name = intern_as(lc, l->account_name, en->account_name);
	if (f->name)
		latest32(lc, &s->name_ts, &s->name, sod, name);
	if (l->usage_start < LC_TS_BASE || l->usage_start - LC_TS_BASE >
	    INT32_MAX) {
		rec_bad(t, e, "column 'usage_start': '%s' is outside "
		    "2000-2067", t->f[f->start]);
		return -1;
	}
	rts = (int32_t)(l->usage_start - LC_TS_BASE);
	newer = rts > en->attr_ts;
	ats = en->attr_ts;
	attr(lc, &en->payer, intern_as(lc, l->payer, en->payer), newer,
	    rts == ats);
	attr(lc, &en->account, intern_as(lc, l->account, en->account), newer,
	    rts == ats);
	if (f->name)
		attr(lc, &en->account_name, name, newer, rts == ats);
	if (f->region)
		attr(lc, &en->region, intern_as(lc, l->region, en->region),
		    newer, rts == ats);
	if (f->model)
		attr(lc, &en->model, intern_as(lc, l->model, en->model),
		    newer, rts == ats);
	for (i = 0; i < f->tags.n; i++) {
		int c = f->tags.col[i];
		uint32_t old = lc_ent_tag(en, f->tags.key[i]);
		struct span sv = { t->f[c], t->len[c] };
		uint32_t v = intern_as(lc, sv, old);

		if (newer || (rts == ats && strcmp(S(v), S(old)) > 0))
			lc_ent_settag(en, f->tags.key[i], v);
	}
	if (newer)
		en->attr_ts = rts;
	if (en->kind != K_AIDIRECT) {
		/* the misspelled keys of the latest line that is not
		 * ai-direct: an ai-direct line's tags are not the key's */
		if (f->miss && l->kind != K_AIDIRECT) {
			newer = rts > en->kind_ts;
			if (l->misspelled_key.n || (newer && en->ntags))
				misspelled_tag(lc, en, l, newer,
				    rts == en->kind_ts);
			if (newer)
				en->kind_ts = rts;
		}
	} else if (l->kind == K_AIDIRECT && f->resid &&
	    (strstr(l->resource_id.s, ":foundation-model/") ||
	    strstr(l->resource_id.s, ":inference-profile/")))
		/* what a Create Profile task copies from: the foundation
		 * model or system inference profile the caller invoked */
		latest32(lc, &en->kind_ts, &en->model_source, rts,
		    intern_span(lc, l->resource_id));
	return 0;
}

/* a Credit or Refund line, written whole (every field of the schema, as
 * read) for mapcredit, which needs no other line */
static void
keep_credit(struct lifecycle *lc, const struct recr *r)
{
	struct span lt = recr_span(r, FC_LINE_TYPE);
	size_t i;

	if (lt.n != 6 || (memcmp(lt.s, "Credit", 6) != 0 &&
	    memcmp(lt.s, "Refund", 6) != 0))
		return;
	for (i = 0; i < NFC; i++) {
		struct span v = recr_span(r, i);

		if (i)
			out_c(lc->credits_out, '\t');
		out_val(lc->credits_out, v.s, v.n);
	}
	out_c(lc->credits_out, '\n');
}

int
lc_read_lines(struct lifecycle *lc, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &line_schema, e);
	struct linefile f;
	struct line_rec l;
	const struct tsvr *t;
	size_t i;
	int rc = -1;

	if (r == NULL)
		return -1;
	/* beyond what the format requires, the replay needs these */
	if (recr_need(r, FC_KIND, e) || recr_need(r, FC_ENTITY, e) ||
	    recr_need(r, FC_MAP_TAG, e)) {
		recr_close(r);
		return -1;
	}
	t = r->t;
	memset(&f, 0, sizeof(f));
	f.r = r;
	f.t = t;
	f.start = r->col[FC_START];
	f.name = recr_has(r, FC_ACCOUNT_NAME);
	f.region = recr_has(r, FC_REGION);
	f.utype = recr_has(r, FC_USAGE_TYPE);
	f.model = recr_has(r, FC_MODEL);
	f.princ = recr_has(r, FC_PRINCIPAL);
	f.ptag = recr_has(r, FC_PRINCIPAL_MAP_TAG);
	f.resid = recr_has(r, FC_RESOURCE_ID);
	f.miss = recr_has(r, FC_MISS_KEY) && recr_has(r, FC_MISS_VALUE);
	f.svc = f.ut = UINT32_MAX;
	lc_tagcols(lc, t, 1, &f.tags);
	for (i = 0; i < f.tags.n; i++)
		lc_tagkey_index(lc, f.tags.key[i]);
	while ((rc = line_next(r, &l, e)) == 1) {
		if (lc->credits_out)
			keep_credit(lc, r);
		if (l.kind == KIND_NONE)
			continue;
		if (l.entity.n == 0) {
			rec_bad(t, e, "column 'entity': empty for entity_kind "
			    "'%s'", kind_names[l.kind]);
			rc = -1;
			break;
		}
		if ((rc = take_line(lc, &f, &l, e)) != 0)
			break;
	}
	lc_tagcols_free(&f.tags);
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

/* ---- the lifecycle ---- */

static void
add_event(struct lifecycle *lc, long day, struct lc_ent *en, int from,
    int to, int reason)
{
	struct lc_event v;

	if (lc->events_out == NULL)
		return;
	v.day = (int32_t)day;
	v.ent = (uint32_t)(en - lc->ents);
	v.seq = lc->event_seq++;
	v.from = (uint8_t)from;
	v.to = (uint8_t)to;
	v.reason = (uint8_t)reason;
	v.map_tag = en->map_tag;
	v.last_good_tag = en->last_good_tag;
	if (!lc->events_hold) {	/* in key order already: the replay's */
		lc_event_row(lc, lc->events_out, &v);
		return;
	}
	if (lc->nevents == lc->eventcap) {
		lc->eventcap = lc->eventcap ? lc->eventcap * 2 : 1024;
		lc->events = xrealloc(lc->events, lc->eventcap *
		    sizeof(*lc->events));
	}
	lc->events[lc->nevents++] = v;
}

static void
set_state(struct lifecycle *lc, struct lc_ent *en, long day, int st,
    int reason)
{
	if (en->state != st) {
		add_event(lc, day, en, en->state, st, reason);
		en->state = (uint8_t)st;
		en->state_since = (int32_t)day;
	}
	en->reason = (uint8_t)reason;
}

/* Bedrock usage is eligible under a contract that lists any Bedrock
 * product code: Bedrock bills under several codes, and Bedrock models sold
 * through AWS Marketplace under the seller's code. */
static int
has_bedrock(const struct contract *c)
{
	size_t i;

	for (i = 0; i < nbedrock_codes; i++)
		if (contract_has_service(c, bedrock_codes[i]))
			return 1;
	return 0;
}

static int
rank(int reason)
{
	return reason == R_SERVICE ? 3 : reason >= R_EX_DT &&
	    reason <= R_EX_GDA ? 2 : reason == R_OUT_OF_SCOPE ? 1 : 0;
}

/* The contract covering a charge, or -1 with *why the reason of the
 * contract that came closest. */
static int
cover(struct lifecycle *lc, const struct lc_ent *en, long day, uint32_t svc,
    int cat, int *why)
{
	const struct contracts *cs = lc->contracts;
	int pass, best = R_NO_CONTRACT, ai = kind_is_ai(en->kind);
	int pref = ai ? PROG_MAP_AI : PROG_MAP;
	size_t i;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < cs->n; i++) {
			const struct contract *c = &cs->v[i];
			int level;

			if ((pass == 0) != ((int)c->program == pref))
				continue;
			if (strcmp(c->payer, S(en->payer)) != 0 ||
			    day < c->start || day > c->end)
				continue;
			if (!contract_has_account(c, S(en->account)) &&
			    !auto_enrolled(lc, i, en, day)) {
				level = R_OUT_OF_SCOPE;
			} else if (cat != CAT_NONE && (c->excl & catbit[cat]) &&
			    !(cat == CAT_MP && ai)) {
				/* exclusions hold whatever the service list */
				level = R_EX_DT + cat - 1;
			} else if (!(ai ? has_bedrock(c) :
			    contract_has_service(c, S(svc)))) {
				level = R_SERVICE;
			} else
				return (int)i;
			/* closer: service > excluded > scope > none */
			if (rank(level) > rank(best))
				best = level;
		}
	*why = best;
	return -1;
}

/* the replay's order: day, entity key, service, category */
static int
slot_cmp(const struct lifecycle *lc, const struct lc_slot *x,
    const struct lc_slot *y)
{
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = lc_keycmp(lc, x->ent, y->ent)) != 0)
		return c;
	if (x->svc != y->svc)
		return strcmp(S(x->svc), S(y->svc));
	return (int)x->cat - (int)y->cat;
}

static int
cmp_ent_key(const void *a, const void *b, void *arg)
{
	return lc_keycmp(arg, *(const uint32_t *)a, *(const uint32_t *)b);
}

/* lc->ent_rank of every entity (again only when entities came since):
 * the entities sorted by key, then that permutation inverted in place
 * (the top bit marks a place done), so that it takes 4 bytes an entity */
#define RANK_DONE 0x80000000u
static void
rank_ents(struct lifecycle *lc)
{
	size_t i, n = lc->nents;
	uint32_t *a;

	if (lc->nranked == n && lc->ent_rank != NULL)
		return;
	a = lc->ent_rank = xrealloc(lc->ent_rank, (n ? n : 1) * sizeof(*a));
	for (i = 0; i < n; i++)
		a[i] = (uint32_t)i;
	if (n > 1)
		qsort_r(a, n, sizeof(*a), cmp_ent_key, lc);
	for (i = 0; i < n; i++) {	/* a[rank] = entity -> a[entity] = rank */
		uint32_t prev = (uint32_t)i, cur = a[i];

		if (cur & RANK_DONE)
			continue;
		while (cur != i) {
			uint32_t next = a[cur];

			a[cur] = prev | RANK_DONE;
			prev = cur;
			cur = next;
		}
		a[i] = prev | RANK_DONE;
	}
	for (i = 0; i < n; i++)
		a[i] &= ~RANK_DONE;
	lc->nranked = n;
}

static int
cmp_slot(const void *a, const void *b, void *arg)
{
	const struct lifecycle *lc = arg;
	const struct lc_slot *x = &lc->slots[*(const uint32_t *)a];
	const struct lc_slot *y = &lc->slots[*(const uint32_t *)b];

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->ent != y->ent)
		return lc->ent_rank[x->ent] < lc->ent_rank[y->ent] ? -1 : 1;
	return slot_cmp(lc, x, y);
}

static int
cmp_slot_key(const void *a, const void *b, void *arg)
{
	const struct lifecycle *lc = arg;

	return slot_cmp(lc, &lc->slots[*(const uint32_t *)a],
	    &lc->slots[*(const uint32_t *)b]);
}

/* lc->order: the slots held, in the replay's order (slot_cmp's). The
 * entities compare by rank, which follows lc_keycmp, when the ranks are
 * current or worth making: when few entities came since the last sort
 * (most often a later day of the same entities, where the ranks serve
 * again) and there are not many more entities than slots. A batch of new
 * entities sorts cheaper by key. */
static void
sort_slots(struct lifecycle *lc)
{
	size_t i, n = lc->nslots, fresh = lc->nents - lc->nents_sorted;

	free(lc->order);
	lc->order = xmalloc((n ? n : 1) * sizeof(*lc->order));
	for (i = 0; i < n; i++)
		lc->order[i] = (uint32_t)i;
	lc->nents_sorted = lc->nents;
	if (n < 2)
		return;
	if ((lc->nranked == lc->nents && lc->ent_rank != NULL) ||
	    (fresh <= n / 4 && lc->nents / 8 <= n)) {
		rank_ents(lc);
		qsort_r(lc->order, n, sizeof(*lc->order), cmp_slot, lc);
	} else
		qsort_r(lc->order, n, sizeof(*lc->order), cmp_slot_key, lc);
}

/* ---- slots past the budget: sorted runs in a temporary file ---- */

struct lc_srun {
	uint64_t off, n;	/* in slots */
};

static int
spill_error(const struct lifecycle *lc, struct err *e)
{
	err_set(e, EXIT_SYS, 0, "temporary file in %s: %s", lc->tmpdir,
	    strerror(errno));
	return -1;
}

static int
spill_open(struct lifecycle *lc, struct err *e)
{
	struct buf path = { 0 };

	buf_printf(&path, "%s/mapstate-XXXXXX", lc->tmpdir);
	lc->spill_fd = mkstemp(path.s);
	if (lc->spill_fd < 0 || unlink(path.s) != 0) {
		int saved = errno;

		if (lc->spill_fd >= 0)
			close(lc->spill_fd);
		lc->spill_fd = -1;
		buf_free(&path);
		errno = saved;
		return spill_error(lc, e);
	}
	buf_free(&path);
	return 0;
}

/* The slots held go to the file as one run, in the replay's order, and
 * the table starts again empty. */
static int
spill(struct lifecycle *lc, struct err *e)
{
	struct out o;
	size_t i, n = lc->nslots;

	if (lc->spill_fd < 0 && spill_open(lc, e) != 0)
		return -1;
	sort_slots(lc);
	out_init(&o, lc->spill_fd);
	for (i = 0; i < n; i++)
		out_add(&o, (const char *)&lc->slots[lc->order[i]],
		    sizeof(*lc->slots));
	if (out_close(&o) != 0) {
		errno = o.err;
		return spill_error(lc, e);
	}
	lc->runs = xrealloc(lc->runs, (lc->nruns + 1) * sizeof(*lc->runs));
	lc->runs[lc->nruns].off = lc->nspilled;
	lc->runs[lc->nruns++].n = n;
	lc->nspilled += n;
	lc->nslots = 0;
	memset(lc->slot_ht, 0, lc->slot_htsz * sizeof(*lc->slot_ht));
	free(lc->order);
	lc->order = NULL;
	return 0;
}

/* the replay's source of slots: the ones held, or every run merged */
#define RD_SLOTS 512		/* read a run this many slots at a time */
struct rd {
	uint64_t off, left;	/* of the run, not yet read */
	struct lc_slot *b;
	size_t pos, nb;
};

struct slotsrc {
	size_t i;		/* the slots held: next in lc->order */
	struct rd *rd;		/* the runs: readers, and a heap of them */
	size_t *heap, nheap;
};

static int
rd_fill(struct lifecycle *lc, struct rd *r, struct err *e)
{
	size_t n = r->left < RD_SLOTS ? (size_t)r->left : RD_SLOTS;
	size_t want = n * sizeof(*r->b), got = 0;
	char *p = (char *)r->b;

	while (got < want) {
		ssize_t k = pread(lc->spill_fd, p + got, want - got,
		    (off_t)(r->off * sizeof(*r->b) + got));

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;	/* shorter than written */
			return spill_error(lc, e);
		}
		got += (size_t)k;
	}
	r->off += n;
	r->left -= n;
	r->pos = 0;
	r->nb = n;
	return 0;
}

static int
heap_less(const struct lifecycle *lc, const struct slotsrc *src, size_t a,
    size_t b)
{
	const struct rd *x = &src->rd[src->heap[a]], *y = &src->rd[src->heap[b]];

	return slot_cmp(lc, &x->b[x->pos], &y->b[y->pos]) < 0;
}

static void
heap_down(const struct lifecycle *lc, struct slotsrc *src, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;

		if (l < src->nheap && heap_less(lc, src, l, m))
			m = l;
		if (l + 1 < src->nheap && heap_less(lc, src, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		t = src->heap[i];
		src->heap[i] = src->heap[m];
		src->heap[m] = t;
		i = m;
	}
}

static int
src_open(struct lifecycle *lc, struct slotsrc *src, struct err *e)
{
	size_t k;

	memset(src, 0, sizeof(*src));
	if (lc->nruns && lc->nslots && spill(lc, e) != 0)
		return -1;
	free(lc->slot_ht);	/* lookups are over */
	lc->slot_ht = NULL;
	lc->slot_htsz = 0;
	free(lc->ent_slot);
	lc->ent_slot = NULL;
	lc->nent_slot = 0;
	if (lc->nruns == 0)
		sort_slots(lc);
	free(lc->ent_rank);	/* the sorting is over */
	lc->ent_rank = NULL;
	lc->nranked = 0;
	if (lc->nruns == 0)
		return 0;
	free(lc->slots);	/* all in the file now */
	lc->slots = NULL;
	lc->slotcap = 0;
	src->rd = xcalloc(lc->nruns, sizeof(*src->rd));
	src->heap = xcalloc(lc->nruns, sizeof(*src->heap));
	for (k = 0; k < lc->nruns; k++) {
		struct rd *r = &src->rd[k];

		r->off = lc->runs[k].off;
		r->left = lc->runs[k].n;
		r->b = xmalloc(RD_SLOTS * sizeof(*r->b));
		if (rd_fill(lc, r, e) != 0)
			return -1;
		if (r->nb)
			src->heap[src->nheap++] = k;
	}
	for (k = src->nheap; k-- > 0;)
		heap_down(lc, src, k);
	return 0;
}

static void
src_close(struct lifecycle *lc, struct slotsrc *src)
{
	size_t k;

	if (src->rd)
		for (k = 0; k < lc->nruns; k++)
			free(src->rd[k].b);
	free(src->rd);
	free(src->heap);
}

/* the smallest head of the runs, taken: its reader moves on */
static int
src_pop(struct lifecycle *lc, struct slotsrc *src, struct lc_slot *out,
    struct err *e)
{
	struct rd *r = &src->rd[src->heap[0]];

	*out = r->b[r->pos++];
	if (r->pos == r->nb && r->left && rd_fill(lc, r, e) != 0)
		return -1;
	if (r->pos == r->nb)
		src->heap[0] = src->heap[--src->nheap];
	if (src->nheap)
		heap_down(lc, src, 0);
	return 0;
}

/* the same slot in two runs (spilled between two lines of it): one, as
 * if its lines had all been read into one (every field is a sum or the
 * latest value, so the order does not matter) */
static void
slot_merge(const struct lifecycle *lc, struct lc_slot *a,
    const struct lc_slot *b)
{
	a->cost += b->cost;
	latest_tag(lc, &a->tag_ts, &a->tag, &a->keymiss, b->tag_ts, b->tag,
	    b->keymiss);
	latest32(lc, &a->ptag_ts, &a->ptag, b->ptag_ts, b->ptag);
	latest32(lc, &a->princ_ts, &a->princ, b->princ_ts, b->princ);
	latest32(lc, &a->name_ts, &a->name, b->name_ts, b->name);
}

/* the next slot in the replay's order: 1, 0 at the end, -1 with e set */
static int
src_next(struct lifecycle *lc, struct slotsrc *src, struct lc_slot *out,
    struct err *e)
{
	if (lc->nruns == 0) {
		if (src->i == lc->nslots)
			return 0;
		*out = lc->slots[lc->order[src->i++]];
		return 1;
	}
	if (src->nheap == 0)
		return 0;
	if (src_pop(lc, src, out, e) != 0)
		return -1;
	while (src->nheap) {
		const struct rd *r = &src->rd[src->heap[0]];
		const struct lc_slot *h = &r->b[r->pos];
		struct lc_slot t;

		if (h->ent != out->ent || h->day != out->day ||
		    h->svc != out->svc || h->cat != out->cat)
			break;
		if (src_pop(lc, src, &t, e) != 0)
			return -1;
		slot_merge(lc, out, &t);
	}
	return 1;
}

static void
reset_month(struct lifecycle *lc)
{
	size_t i;

	for (i = 0; i < lc->nents; i++) {
		lc->ents[i].eligible = lc->ents[i].accruing = 0;
		lc->ents[i].elig_days = 0;
	}
}

/* The workload that owns an entity with its attributes as they are now:
 * the caller of that day, the tags of the run's latest line. A tie is a
 * data error: the first one is kept in lc->err. */
static int32_t
owner_of(struct lifecycle *lc, const struct lc_ent *en)
{
	const struct workloads *ws = lc->workloads;
	struct owner_query q;
	struct err e = { 0 };
	size_t k;
	long w;

	for (k = 0; k < ws->ntagkeys; k++)
		lc->owner_vals[k] = S(lc_ent_tag(en, lc->wl_tagkey[k]));
	q.account = S(en->account);
	q.entity = S(en->key);
	q.entity_kind = kind_names[en->kind];
	q.principal = S(en->principal);
	q.tagvals = lc->owner_vals;
	w = workloads_resolve(ws, &q, &e);
	if (w == -2) {
		if (lc->err.status == 0)
			err_set(&lc->err, EXIT_DATA, 0, "entity '%s': %s",
			    S(en->key), e.msg);
		return -1;
	}
	return (int32_t)w;
}

static void
add_ledger(struct lifecycle *lc, long day, struct lc_ent *en, money_t cost,
    money_t elig, money_t accr)
{
	struct lc_lrow l;

	if (lc->ledger_out == NULL || lc->err.status)
		return;
	l.day = (int32_t)day;
	l.ent = (uint32_t)(en - lc->ents);
	l.state = en->state;
	l.contract = en->contract;
	l.svc = en->service;
	l.owner = lc->workloads ? owner_of(lc, en) : -1;
	l.cost = cost;
	l.eligible = elig;
	l.accruing = accr;
	lc_ledger_row(lc, lc->ledger_out, &l);
}

/* The state of an eligible charge that can carry a tag. */
static void
tag_state(struct lifecycle *lc, struct lc_ent *en, long day, int contract,
    int keymiss)
{
	const struct contract *c = &lc->contracts->v[contract];
	enum tagcheck tc = map_tag_check(S(en->map_tag), c->mpe);
	int was = en->state;
	struct lc_ent *via = en->kind == K_AIDIRECT ?
	    lc_tagged_profile_of(lc, en->key) : NULL;

	if (tc == TAG_OK) {
		en->last_good_tag = en->map_tag;
		set_state(lc, en, day, ST_TAGGED, R_TAG_OK);
	} else if (via && was != ST_STALE) {
		/* the caller routed through a tagged profile and now invokes
		 * the model directly */
		en->last_good_tag = via->map_tag;
		en->drift_date = (int32_t)day;
		set_state(lc, en, day, ST_STALE, R_DRIFT_FALLBACK);
	} else if ((en->last_good_tag != 0 && map_tag_check(
	    S(en->last_good_tag), c->mpe) == TAG_OK) || (was == ST_STALE &&
	    en->reason == R_DRIFT_FALLBACK)) {
		/* drift: it had a tag valid for this contract (a tag that was
		 * good under another contract's MPE ID is not one) */
		if (was != ST_STALE)
			en->drift_date = (int32_t)day;
		set_state(lc, en, day, ST_STALE, was == ST_STALE &&
		    en->reason == R_DRIFT_FALLBACK ? R_DRIFT_FALLBACK :
		    tc == TAG_MISSING ? (keymiss ? R_KEY_MISSPELLED :
		    R_DRIFT_REMOVED) : R_DRIFT_ALTERED);
	} else {
		set_state(lc, en, day, ST_PENDING, tc == TAG_MALFORMED ?
		    R_TAG_MALFORMED : tc == TAG_OTHER_MPE ? R_TAG_OTHER :
		    en->kind == K_AIDIRECT ? R_DIRECT : keymiss ?
		    R_KEY_MISSPELLED : R_TAG_MISSING);
	}
}

/* One entity's day: its slots sl[0..n), n >= 1. */
static void
apply_day(struct lifecycle *lc, struct lc_ent *en, long day,
    const struct lc_slot *sl, size_t n)
{
	size_t i;
	int32_t tts = -2, pts = -2, rts = -2, nts = -2;
	uint32_t tag = 0, ptag = 0, princ = 0, name = 0;
	uint8_t keymiss = 0;
	money_t cost = 0, elig = 0, best_cost = 0;
	int contract = -1, why = R_NO_CONTRACT, best_why = -1;
	uint32_t svc_best = 0;
	int eligible = 0;

	/* what the day's latest usage says */
	for (i = 0; i < n; i++) {
		const struct lc_slot *s = &sl[i];

		latest_tag(lc, &tts, &tag, &keymiss, s->tag_ts, s->tag,
		    s->keymiss);
		latest32(lc, &pts, &ptag, s->ptag_ts, s->ptag);
		latest32(lc, &rts, &princ, s->princ_ts, s->princ);
		if (s->name_ts >= 0)
			latest32(lc, &nts, &name, s->name_ts, s->name);
	}
	if (nts >= 0)
		en->account_name = name;
	if (en->first_seen == (int32_t)DAY_NONE)
		en->first_seen = (int32_t)day;
	en->last_seen = (int32_t)day;
	lc_acct_seen(lc, en->account, day);	/* before cover(): new-accounts */
	/* which charges an active contract covers; the contract and the
	 * service shown are those of the covered charge with the most spend */
	for (i = 0; i < n; i++) {
		const struct lc_slot *s = &sl[i];
		int r = R_NO_CONTRACT, c;

		cost += s->cost;
		c = cover(lc, en, day, s->svc, s->cat, &r);
		if (c >= 0) {
			elig += s->cost;
			if (!eligible || s->cost > best_cost) {
				contract = c;
				svc_best = s->svc;
				best_cost = s->cost;
			}
			eligible = 1;
		} else if (rank(r) > best_why) {
			best_why = rank(r);
			why = r;
		}
	}
	if (svc_best)
		en->service = svc_best;
	else if (en->service == 0)
		en->service = sl[0].svc;
	if (en->kind == K_PROFILE || en->kind == K_AIDIRECT)
		en->principal = princ;
	en->map_tag = en->kind == K_AIDIRECT ? ptag : tag;
	if (!eligible) {
		en->contract = -1;
		set_state(lc, en, day, ST_INELIGIBLE, why);
		add_ledger(lc, day, en, cost, 0, 0);
		return;
	}
	en->contract = (int16_t)contract;
	if (en->elig_date == (int32_t)DAY_NONE)
		en->elig_date = (int32_t)day;
	if (en->state == ST_NONE || en->state == ST_INELIGIBLE)
		set_state(lc, en, day, ST_ELIGIBLE, R_ELIGIBLE);
	if (en->kind == K_UNATTRIBUTED)
		set_state(lc, en, day, ST_ELIGIBLE, R_UNTRACKABLE);
	else
		tag_state(lc, en, day, contract, en->kind != K_AIDIRECT &&
		    keymiss);
	en->eligible += elig;
	en->elig_days++;
	if (en->state == ST_TAGGED)
		en->accruing += elig;
	add_ledger(lc, day, en, cost, elig, en->state == ST_TAGGED ? elig : 0);
}

/* A caller whose direct calls were drift (fell back from a tagged profile)
 * or never routed through a profile, and that today routes through a
 * tagged profile with no direct usage: the situation is resolved. */
static void
fallback_fixed(struct lifecycle *lc, long day, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		const struct lc_pcall *pc = &lc->pcalls[i];
		struct lc_ent *p = &lc->ents[pc->ent], *d;
		uint32_t id = pc->principal;

		if (p->state != ST_TAGGED)
			continue;
		if (id >= lc->ent_of_cap || !lc->ent_of_key[id])
			continue;
		d = &lc->ents[lc->ent_of_key[id] - 1];
		if (d->kind != K_AIDIRECT || d->last_seen == day ||
		    !((d->state == ST_STALE && d->reason == R_DRIFT_FALLBACK) ||
		    (d->state == ST_PENDING && d->reason == R_DIRECT)))
			continue;
		d->map_tag = p->map_tag;
		d->last_good_tag = p->map_tag;
		set_state(lc, d, day, ST_TAGGED, R_ROUTED);
	}
}

static void
enter_month(struct lifecycle *lc, long day)
{
	if (date_month(day) != lc->cur_month) {
		if (lc->cur_month != DAY_NONE)
			reset_month(lc);
		lc->cur_month = date_month(day);
	}
}

/* The days in order, each entity's day in key order; the events of each
 * day written at its end. */
static int
replay(struct lifecycle *lc, struct err *e)
{
	struct slotsrc src;
	struct lc_slot cur, *grp = NULL;
	size_t ngrp, grpcap = 0;
	int have, rc = -1;

	if (src_open(lc, &src, e) != 0)
		goto out;
	lc_pcalls_prepare(lc);
	if ((have = src_next(lc, &src, &cur, e)) < 0)
		goto out;
	while (have) {
		long day = cur.day;
		size_t pfrom, pto;

		enter_month(lc, day);
		lc_pcalls_until(lc, day, &pfrom, &pto);
		lc_index_tagged_profiles(lc);
		lc->events_hold = pfrom < pto;
		while (have && cur.day == day) {
			uint32_t ent = cur.ent;

			ngrp = 0;
			while (have && cur.day == day && cur.ent == ent) {
				if (ngrp == grpcap) {
					grpcap = grpcap ? grpcap * 2 : 16;
					grp = xrealloc(grp, grpcap *
					    sizeof(*grp));
				}
				grp[ngrp++] = cur;
				if ((have = src_next(lc, &src, &cur, e)) < 0)
					goto out;
			}
			apply_day(lc, &lc->ents[ent], day, grp, ngrp);
		}
		fallback_fixed(lc, day, pfrom, pto);
		if (lc->events_out && lc->events_hold)
			lc_events_flush(lc);
	}
	lc_callers_finish(lc);
	if (lc->as_of != DAY_NONE)
		enter_month(lc, lc->as_of);
	rc = 0;
out:
	free(grp);
	src_close(lc, &src);
	return rc;
}

static int
rewind_error(struct lifecycle *lc, const char *what, long day, struct err *e)
{
	char a[DATE_DAYLEN], b[DATE_DAYLEN];

	date_fmt_day(lc->prev_as_of, a);
	date_fmt_day(day, b);
	err_set(e, EXIT_DATA, 0, "the previous state is as of %s, later than "
	    "%s %s: refusing to rewind history", a, what, b);
	lc->efile = lc->state_path;
	return -1;
}

/* The as-of day: given, or the input's last usage day, never before the
 * previous state's. */
static int
settle_as_of(struct lifecycle *lc, struct err *e)
{
	long prev = lc->prev_as_of;

	if (lc->as_of_given) {
		if (prev != DAY_NONE && prev > lc->as_of)
			return rewind_error(lc, "the as-of day", lc->as_of, e);
		return 0;
	}
	lc->as_of = lc->max_day;
	if (prev != DAY_NONE && lc->as_of != DAY_NONE && lc->as_of < prev)
		return rewind_error(lc, "the input's last usage day",
		    lc->as_of, e);
	if (prev != DAY_NONE && lc->as_of == DAY_NONE)
		lc->as_of = prev;
	return 0;
}

int
lc_run(struct lifecycle *lc, struct err *e)
{
	size_t i;

	if (settle_as_of(lc, e) != 0)
		return -1;
	if (lc->events_out)
		lc_events_head(lc->events_out);
	if (lc->ledger_out)
		lc_ledger_head(lc, lc->ledger_out);
	if (replay(lc, e) != 0) {
		lc->efile = NULL;	/* the message names the directory */
		return -1;
	}
	if (lc->workloads)
		for (i = 0; i < lc->nents && lc->err.status == 0; i++)
			lc->ents[i].owner = owner_of(lc, &lc->ents[i]);
	if (lc->err.status) {
		*e = lc->err;
		lc->efile = lc->workloads->path;
		return -1;
	}
	return 0;
}
