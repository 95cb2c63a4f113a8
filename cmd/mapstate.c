/* mapstate: derive each billing entity's MAP lifecycle state from
 * contracts x charge lines, replaying the input day by day, oldest first,
 * from the previous state. A reduce keyed by billing entity: it holds one
 * record per entity and one per entity and day of new usage, never the
 * input lines. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "map/contract.h"
#include "core/date.h"
#include "core/hash.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/tsv.h"
#include "map/workload.h"
#include "common.h"

#define NODAY (-2147483647L)

enum kind { K_RESOURCE, K_PROFILE, K_AIDIRECT, K_UNATTRIBUTED, NKIND };
static const char *kindname[NKIND] = {
	"resource", "profile", "ai-direct",
	"unattributed" };

enum state { S_NEW, S_ELIGIBLE, S_PENDING, S_TAGGED, S_STALE, S_INELIGIBLE,
	NSTATE };
static const char *statename[NSTATE] = { "", "ELIGIBLE", "PENDING_TAG",
	"TAGGED", "STALE_TAG", "INELIGIBLE" };

enum reason {
	R_NONE, R_NO_CONTRACT, R_OUT_OF_SCOPE, R_SERVICE, R_EX_DT, R_EX_MP,
	R_EX_EKS, R_EX_GDA, R_ELIGIBLE, R_UNTRACKABLE, R_TAG_OK, R_TAG_MISSING,
	R_TAG_MALFORMED, R_TAG_OTHER, R_DIRECT, R_DRIFT_REMOVED,
	R_DRIFT_ALTERED, R_DRIFT_FALLBACK, R_ROUTED, NREASON
};
static const char *reasonname[NREASON] = { "", "no-contract",
	"account-out-of-scope", "service-not-eligible", "excluded:data-transfer",
	"excluded:marketplace", "excluded:eks-fargate",
	"excluded:glacier-deep-archive", "eligible", "untrackable", "tag-ok",
	"tag-missing", "tag-malformed", "tag-other-mpe", "direct-invocation",
	"drift:removed", "drift:altered", "drift:direct-fallback",
	"routed-through-profile" };

/* exclusion category of a charge, contract-independent */
enum cat { CAT_NONE, CAT_DT, CAT_MP, CAT_EKS, CAT_GDA };
static const unsigned catbit[] = { 0, EXCL_DATA_TRANSFER, EXCL_MARKETPLACE,
	EXCL_EKS_FARGATE, EXCL_GLACIER_DEEP_ARCHIVE };

struct tagkv {
	uint32_t key, val;	/* ids in strs: tag key, value */
};

/* Timestamps held per entity are seconds since TS_BASE in 32 bits (good
 * until 2068); TS_NONE is "never". */
#define TS_BASE ((utime_t)946684800)	/* 2000-01-01T00:00:00Z */
#define TS_NONE INT32_MIN

struct ent {
	money_t eligible, accruing;	/* month to date; at risk is derived */
	uint32_t key;
	uint32_t payer, account, account_name, service, region, model;
	uint32_t principal, map_tag, last_good_tag;
	uint32_t model_source;		/* ai-direct: model or system profile ARN */
	int32_t elig_date, state_since, drift_date, first_seen, last_seen;
	uint32_t elig_days;
	int32_t attr_ts, msrc_ts;	/* this run's latest line, TS_BASE-relative */
	int32_t owner;			/* workload index, -1 unowned */
	uint32_t ntags;
	struct tagkv *tags;
	int16_t contract;		/* index or -1 */
	uint8_t kind, state, reason;
};

/* Spend at risk month to date: eligible spend of days not TAGGED, but for
 * unattributed spend, which no tag can ever make accrue. */
static money_t
at_risk(const struct ent *en)
{
	return en->kind == K_UNATTRIBUTED ? 0 :
	    en->eligible - en->accruing;
}

/* one entity, day, service and exclusion category; the time of the latest
 * line of each value is in seconds of that day, -1 for none */
struct slot {
	money_t cost;
	uint32_t ent, svc;
	int32_t day;
	int32_t tag_ts, ptag_ts, princ_ts, name_ts;
	uint32_t tag, ptag, princ, name;
	uint8_t cat, used;
};

struct event {
	int32_t day;
	uint32_t ent, seq;
	uint8_t from, to, reason;
	uint32_t map_tag, last_good_tag;
};

struct lrow {
	int32_t day;
	uint32_t ent;
	uint8_t state;
	int16_t contract;
	uint32_t svc;
	int32_t owner;		/* that day's workload, -1 unowned */
	money_t cost, eligible, accruing;
};

static struct strtab strs;
static struct ent *ents;
static size_t nents, entcap;
static uint32_t *ent_of_key;	/* string id -> ent index + 1 */
static size_t ent_of_cap;

static struct slot *slots;
static size_t nslots, slotcap;
static uint32_t *slot_ht;	/* open addressing: slot index + 1 */
static size_t slot_htsz;

static struct event *events;
static size_t nevents, eventcap;
static struct lrow *ledger;
static size_t nledger, ledgercap;

static struct contracts contracts;
static struct workloads workloads;
static int have_workloads;
static uint32_t *wl_tagkey;	/* workloads.tagkeys[i] -> string id */

static uint32_t *tagkeys;	/* tag key ids, in order seen */
static size_t ntagkeys;

static long as_of = NODAY, prev_as_of = NODAY;
static int as_of_given;
static long max_day = NODAY;
static long cur_month = NODAY;

/* account id -> first day seen: open addressing on the string id */
struct acctday {
	uint32_t acct1;		/* account string id + 1, 0 empty */
	int32_t day;
};
static struct acctday *acct_first;
static size_t acct_first_sz, acct_first_n;

static const char *
S(uint32_t id)
{
	return strtab_get(&strs, id);
}

static uint32_t
intern(const char *s, size_t n)
{
	return strtab_intern(&strs, s, n);
}

static uint32_t
interns(const char *s)
{
	return intern(s, strlen(s));
}

/* ---- entity table ---- */

static struct ent *
ent_get(uint32_t key, int create)
{
	size_t i;

	if (key < ent_of_cap && ent_of_key[key])
		return &ents[ent_of_key[key] - 1];
	if (!create)
		return NULL;
	if (key >= ent_of_cap) {
		size_t nc = ent_of_cap ? ent_of_cap : 4096;

		while (nc <= key)
			nc *= 2;
		ent_of_key = xrealloc(ent_of_key, nc * sizeof(*ent_of_key));
		memset(ent_of_key + ent_of_cap, 0, (nc - ent_of_cap) *
		    sizeof(*ent_of_key));
		ent_of_cap = nc;
	}
	if (nents == entcap) {
		entcap = entcap ? entcap * 2 : 1024;
		ents = xrealloc(ents, entcap * sizeof(*ents));
	}
	i = nents++;
	memset(&ents[i], 0, sizeof(ents[i]));
	ents[i].key = key;
	ents[i].contract = -1;
	ents[i].elig_date = ents[i].state_since = ents[i].drift_date = NODAY;
	ents[i].first_seen = ents[i].last_seen = NODAY;
	ents[i].attr_ts = ents[i].msrc_ts = TS_NONE;
	ents[i].owner = -1;
	ent_of_key[key] = (uint32_t)i + 1;
	return &ents[i];
}

static void
ent_settag(struct ent *e, uint32_t key, uint32_t val)
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

static uint32_t
ent_gettag(const struct ent *e, uint32_t key)
{
	uint32_t i;

	for (i = 0; i < e->ntags; i++)
		if (e->tags[i].key == key)
			return e->tags[i].val;
	return 0;
}

static size_t
tagkey_index(uint32_t key)
{
	size_t i;

	for (i = 0; i < ntagkeys; i++)
		if (tagkeys[i] == key)
			return i;
	tagkeys = xrealloc(tagkeys, (ntagkeys + 1) * sizeof(*tagkeys));
	tagkeys[ntagkeys] = key;
	return ntagkeys++;
}

static struct acctday *
acct_slot(uint32_t acct)
{
	size_t j = (size_t)(acct * 2654435761u) & (acct_first_sz - 1);

	while (acct_first[j].acct1 && acct_first[j].acct1 != acct + 1)
		j = (j + 1) & (acct_first_sz - 1);
	return &acct_first[j];
}

static void
acct_seen(uint32_t acct, long day)
{
	struct acctday *a;

	if (acct_first_n * 2 >= acct_first_sz) {
		struct acctday *old = acct_first;
		size_t i, osz = acct_first_sz;

		acct_first_sz = osz ? osz * 2 : 256;
		acct_first = xcalloc(acct_first_sz, sizeof(*acct_first));
		for (i = 0; i < osz; i++)
			if (old[i].acct1)
				*acct_slot(old[i].acct1 - 1) = old[i];
		free(old);
	}
	a = acct_slot(acct);
	if (a->acct1 == 0) {
		a->acct1 = acct + 1;
		a->day = (int32_t)day;
		acct_first_n++;
	} else if (day < a->day)
		a->day = (int32_t)day;
}

static long
acct_first_day(uint32_t acct, long dflt)
{
	struct acctday *a;

	if (acct_first_sz == 0)
		return dflt;
	a = acct_slot(acct);
	return a->acct1 ? a->day : dflt;
}

/* ---- slots ---- */

static uint64_t
slot_hash(uint32_t ent, int32_t day, uint32_t svc, uint8_t cat)
{
	uint32_t k[4] = { ent, (uint32_t)day, svc, cat };

	return hash64(k, sizeof(k));
}

static void
slot_rehash(size_t sz)
{
	size_t i;

	free(slot_ht);
	slot_ht = xcalloc(sz, sizeof(*slot_ht));
	slot_htsz = sz;
	for (i = 0; i < nslots; i++) {
		struct slot *s = &slots[i];
		size_t j = (size_t)slot_hash(s->ent, s->day, s->svc, s->cat) &
		    (sz - 1);

		while (slot_ht[j])
			j = (j + 1) & (sz - 1);
		slot_ht[j] = (uint32_t)i + 1;
	}
}

static struct slot *
slot_get(uint32_t ent, int32_t day, uint32_t svc, uint8_t cat)
{
	size_t j;
	struct slot *s;

	if (slot_htsz == 0)
		slot_rehash(4096);
	j = (size_t)slot_hash(ent, day, svc, cat) & (slot_htsz - 1);
	while (slot_ht[j]) {
		s = &slots[slot_ht[j] - 1];
		if (s->ent == ent && s->day == day && s->svc == svc &&
		    s->cat == cat)
			return s;
		j = (j + 1) & (slot_htsz - 1);
	}
	if (nslots == slotcap) {
		slotcap = slotcap ? slotcap * 2 : 4096;
		slots = xrealloc(slots, slotcap * sizeof(*slots));
	}
	s = &slots[nslots];
	memset(s, 0, sizeof(*s));
	s->ent = ent;
	s->day = day;
	s->svc = svc;
	s->cat = cat;
	s->tag_ts = s->ptag_ts = s->princ_ts = s->name_ts = -1;
	slot_ht[j] = (uint32_t)++nslots;
	if (nslots * 4 > slot_htsz * 3)	/* load factor 3/4 */
		slot_rehash(slot_htsz * 2);
	return &slots[nslots - 1];
}

/* keep (ts, value) maximal: the latest line's value, ties by value */
static void
latest32(int32_t *ts, uint32_t *val, int32_t nts, uint32_t nval)
{
	if (nts > *ts || (nts == *ts && strcmp(S(nval), S(*val)) > 0)) {
		*ts = nts;
		*val = nval;
	}
}

/* ---- exclusion category ---- */

static enum cat
categorise(const char *service, const char *usage_type)
{
	static struct contract all;
	const char *x;

	all.excl = EXCL_DEFAULT;
	x = contract_excluded(&all, service, usage_type);
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

/* ---- reading ---- */

static const char *
colname_of(const struct tsvr *t, int i)
{
	return t->hdr[i];
}

static int
parse_day(const char *s, size_t n, long *day)
{
	if (n == 0) {
		*day = NODAY;
		return 0;
	}
	return date_parse_day(s, n, day);
}

static int
kind_of(const char *s)
{
	int k;

	for (k = 0; k < NKIND; k++)
		if (strcmp(s, kindname[k]) == 0)
			return k;
	return -1;
}

static void
load_state(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_asof, c_ent, c_kind, c_payer, c_acct, c_accname, c_svc, c_reg,
	    c_model, c_princ, c_msrc, c_contract, c_state, c_reason, c_edate, c_since,
	    c_tag, c_good, c_drift, c_elig, c_accr, c_risk, c_edays, c_first,
	    c_last;
	size_t i;
	int rc;

	if (t == NULL)
		die_err(path, &e);
#define NEED(v, name) if ((v = tsvr_need(t, name, &e)) < 0) die_err(path, &e)
	NEED(c_asof, "as_of");
	NEED(c_ent, "entity");
	NEED(c_kind, "entity_kind");
	NEED(c_payer, "payer");
	NEED(c_acct, "account");
	NEED(c_accname, "account_name");
	NEED(c_svc, "service");
	NEED(c_reg, "region");
	NEED(c_model, "model");
	NEED(c_princ, "principal");
	NEED(c_msrc, "model_source");
	NEED(c_contract, "contract");
	NEED(c_state, "state");
	NEED(c_reason, "reason");
	NEED(c_edate, "eligibility_date");
	NEED(c_since, "state_since");
	NEED(c_tag, "map_tag");
	NEED(c_good, "last_good_tag");
	NEED(c_drift, "drift_date");
	NEED(c_elig, "eligible_cost");
	NEED(c_accr, "accruing_cost");
	NEED(c_risk, "at_risk_cost");	/* derived; read to check it */
	NEED(c_edays, "eligible_days");
	NEED(c_first, "first_seen");
	NEED(c_last, "last_seen");
#undef NEED
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct ent *en;
		long d, v;
		int k, s;
		char *endp;
		size_t r;

#define BAD(...) do { err_set(&e, EXIT_DATA, t->lineno, __VA_ARGS__); \
	die_err(path, &e); } while (0)
		if (date_parse_day(t->f[c_asof], t->len[c_asof], &d))
			BAD("column 'as_of': invalid date '%s'", t->f[c_asof]);
		if (prev_as_of == NODAY)
			prev_as_of = d;
		else if (d != prev_as_of)
			BAD("column 'as_of': '%s' differs from the first row's",
			    t->f[c_asof]);
		if ((k = kind_of(t->f[c_kind])) < 0)
			BAD("column 'entity_kind': unknown kind '%s'",
			    t->f[c_kind]);
		for (s = 1; s < NSTATE; s++)
			if (strcmp(t->f[c_state], statename[s]) == 0)
				break;
		if (s == NSTATE)
			BAD("column 'state': unknown state '%s'", t->f[c_state]);
		if (t->len[c_ent] == 0)
			BAD("column 'entity': empty");
		en = ent_get(intern(t->f[c_ent], t->len[c_ent]), 1);
		if (en->state != S_NEW)
			BAD("entity '%s' appears twice", t->f[c_ent]);
		en->kind = (uint8_t)k;
		en->state = (uint8_t)s;
		for (r = 0; r < NREASON; r++)
			if (strcmp(t->f[c_reason], reasonname[r]) == 0)
				break;
		if (r == NREASON)
			BAD("column 'reason': unknown reason '%s'",
			    t->f[c_reason]);
		en->reason = (uint8_t)r;
		en->payer = intern(t->f[c_payer], t->len[c_payer]);
		en->account = intern(t->f[c_acct], t->len[c_acct]);
		en->account_name = intern(t->f[c_accname], t->len[c_accname]);
		en->service = intern(t->f[c_svc], t->len[c_svc]);
		en->region = intern(t->f[c_reg], t->len[c_reg]);
		en->model = intern(t->f[c_model], t->len[c_model]);
		en->principal = intern(t->f[c_princ], t->len[c_princ]);
		en->model_source = intern(t->f[c_msrc], t->len[c_msrc]);
		en->map_tag = intern(t->f[c_tag], t->len[c_tag]);
		en->last_good_tag = intern(t->f[c_good], t->len[c_good]);
		en->contract = -1;
		if (t->len[c_contract]) {
			for (i = 0; i < contracts.n; i++)
				if (strcmp(contracts.v[i].id, t->f[c_contract]) == 0)
					break;
			if (i == contracts.n)
				BAD("column 'contract': '%s' is not in the "
				    "contracts file", t->f[c_contract]);
			en->contract = (int16_t)i;
		}
#define DAY(col, field) do { \
	if (parse_day(t->f[col], t->len[col], &v)) { \
		BAD("column '%s': invalid date '%s'", colname_of(t, col), \
		    t->f[col]); \
	} \
	en->field = (int32_t)v; \
} while (0)
		DAY(c_edate, elig_date);
		DAY(c_since, state_since);
		DAY(c_drift, drift_date);
		DAY(c_first, first_seen);
		DAY(c_last, last_seen);
#undef DAY
#define MON(col, field) do { if (money_parse(t->f[col], t->len[col], \
	&en->field)) BAD("column '%s': invalid number '%s'", \
	colname_of(t, col), t->f[col]); } while (0)
		MON(c_elig, eligible);
		MON(c_accr, accruing);
		{
			money_t risk;

			if (money_parse(t->f[c_risk], t->len[c_risk], &risk))
				BAD("column 'at_risk_cost': invalid number '%s'",
				    t->f[c_risk]);
		}
#undef MON
		errno = 0;
		v = strtol(t->f[c_edays], &endp, 10);
		if (t->len[c_edays] == 0 || *endp || errno || v < 0)
			BAD("column 'eligible_days': invalid count '%s'",
			    t->f[c_edays]);
		en->elig_days = (uint32_t)v;
		for (i = 0; i < t->nf; i++)
			if (strncmp(t->hdr[i], "tag_", 4) == 0) {
				uint32_t key = interns(t->hdr[i] + 4);

				tagkey_index(key);
				if (t->len[i])
					ent_settag(en, key, intern(t->f[i],
					    t->len[i]));
			}
		if (en->first_seen != (int32_t)NODAY)
			acct_seen(en->account, en->first_seen);
#undef BAD
	}
	if (rc < 0)
		die_err(path, &e);
	if (prev_as_of != NODAY)
		cur_month = date_month(prev_as_of);
	tsvr_close(t);
}

struct incols {
	int start, payer, acct, accname, svc, reg, kind, ent, utype, model,
	    princ, cost, tag, ptag, resid;
	int *tagcol;		/* column index per tag_* column */
	uint32_t *tagkey;
	size_t ntag;
};

static void
read_lines(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	struct incols c;
	size_t i;
	int rc;
	uint32_t svc_cache_id = UINT32_MAX, ut_cache_id = UINT32_MAX;
	enum cat cat_cache = CAT_NONE;

	if (t == NULL)
		die_err(path, &e);
#define NEED(v, name) if ((c.v = tsvr_need(t, name, &e)) < 0) die_err(path, &e)
	NEED(start, "usage_start");
	NEED(payer, "payer");
	NEED(acct, "account");
	NEED(kind, "entity_kind");
	NEED(ent, "entity");
	NEED(cost, "cost");
	NEED(tag, "map_tag");
	NEED(svc, "service");
#undef NEED
	c.accname = tsvr_col(t, "account_name");
	c.reg = tsvr_col(t, "region");
	c.utype = tsvr_col(t, "usage_type");
	c.model = tsvr_col(t, "model");
	c.princ = tsvr_col(t, "principal");
	c.ptag = tsvr_col(t, "principal_map_tag");
	c.resid = tsvr_col(t, "resource_id");
	c.tagcol = xcalloc(t->nf, sizeof(int));
	c.tagkey = xcalloc(t->nf, sizeof(uint32_t));
	c.ntag = 0;
	for (i = 0; i < t->nf; i++)
		if (strncmp(t->hdr[i], "tag_", 4) == 0 && t->hdr[i][4]) {
			c.tagcol[c.ntag] = (int)i;
			c.tagkey[c.ntag] = interns(t->hdr[i] + 4);
			tagkey_index(c.tagkey[c.ntag]);
			c.ntag++;
		}
	while ((rc = tsvr_next(t, &e)) == 1) {
		utime_t ts;
		long day;
		int k;
		money_t cost = 0;
		struct ent *en;
		struct slot *s;
		uint32_t key, svc;
		enum cat cat;
		int32_t sod, rts;

#define BAD(...) do { err_set(&e, EXIT_DATA, t->lineno, __VA_ARGS__); \
	die_err(path, &e); } while (0)
		if (strcmp(t->f[c.kind], "none") == 0)
			continue;
		if ((k = kind_of(t->f[c.kind])) < 0)
			BAD("column 'entity_kind': unknown kind '%s'",
			    t->f[c.kind]);
		if (date_parse_ts(t->f[c.start], t->len[c.start], &ts))
			BAD("column 'usage_start': invalid timestamp '%s'",
			    t->f[c.start]);
		if (t->len[c.cost] && money_parse(t->f[c.cost], t->len[c.cost],
		    &cost))
			BAD("column 'cost': invalid number '%s'", t->f[c.cost]);
		if (t->len[c.ent] == 0)
			BAD("column 'entity': empty for entity_kind '%s'",
			    t->f[c.kind]);
		day = date_day(ts);
		if (day > max_day)
			max_day = day;
		if (prev_as_of != NODAY && day <= prev_as_of)
			continue;	/* already in the previous state */
		if (as_of_given && day > as_of)
			continue;	/* after the as-of date */
		key = intern(t->f[c.ent], t->len[c.ent]);
		{
			size_t before = nents;

			en = ent_get(key, 1);
			/* a key seen with two kinds keeps the smaller, so the
			 * input order never matters */
			if (nents != before || (en->state == S_NEW &&
			    k < en->kind))
				en->kind = (uint8_t)k;
		}
		svc = intern(t->f[c.svc], t->len[c.svc]);
		if (c.utype >= 0) {
			uint32_t ut = intern(t->f[c.utype], t->len[c.utype]);

			if (svc != svc_cache_id || ut != ut_cache_id) {
				cat_cache = categorise(S(svc), S(ut));
				svc_cache_id = svc;
				ut_cache_id = ut;
			}
			cat = cat_cache;
		} else
			cat = categorise(S(svc), "");
		s = slot_get((uint32_t)(en - ents), (int32_t)day, svc,
		    (uint8_t)cat);
		s->used = 1;
		s->cost += cost;
		sod = (int32_t)(ts - (utime_t)day * 86400);
		latest32(&s->tag_ts, &s->tag, sod, intern(t->f[c.tag],
		    t->len[c.tag]));
		if (c.ptag >= 0)
			latest32(&s->ptag_ts, &s->ptag, sod,
			    intern(t->f[c.ptag], t->len[c.ptag]));
		if (c.princ >= 0)
			latest32(&s->princ_ts, &s->princ, sod,
			    intern(t->f[c.princ], t->len[c.princ]));
		if (c.accname >= 0)
			latest32(&s->name_ts, &s->name, sod,
			    intern(t->f[c.accname], t->len[c.accname]));
		/* the entity's attributes: from its latest line, ties by
		 * value, so input order never matters */
		{
			int newer, ats;

			if (ts < TS_BASE || ts - TS_BASE > INT32_MAX)
				BAD("column 'usage_start': '%s' is outside "
				    "2000-2067", t->f[c.start]);
			rts = (int32_t)(ts - TS_BASE);
			newer = rts > en->attr_ts;
			ats = en->attr_ts;
			uint32_t v;

#define ATTR(field, col) do { if ((col) >= 0) { \
	v = intern(t->f[col], t->len[col]); \
	if (newer || (rts == ats && strcmp(S(v), S(en->field)) > 0)) \
		en->field = v; } } while (0)
			ATTR(payer, c.payer);
			ATTR(account, c.acct);
			ATTR(account_name, c.accname);
			ATTR(region, c.reg);
			ATTR(model, c.model);
#undef ATTR
			for (i = 0; i < c.ntag; i++) {
				uint32_t old = ent_gettag(en, c.tagkey[i]);

				v = intern(t->f[c.tagcol[i]],
				    t->len[c.tagcol[i]]);
				if (newer || (rts == ats &&
				    strcmp(S(v), S(old)) > 0))
					ent_settag(en, c.tagkey[i], v);
			}
			if (newer)
				en->attr_ts = rts;
		}
		/* what a Create Profile task copies from: the foundation
		 * model or system inference profile the caller invoked */
		if (k == K_AIDIRECT && c.resid >= 0 && (strstr(t->f[c.resid],
		    ":foundation-model/") || strstr(t->f[c.resid],
		    ":inference-profile/")))
			latest32(&en->msrc_ts, &en->model_source, rts,
			    intern(t->f[c.resid], t->len[c.resid]));
#undef BAD
	}
	if (rc < 0)
		die_err(path, &e);
	free(c.tagcol);
	free(c.tagkey);
	tsvr_close(t);
}

/* ---- the lifecycle ---- */

static uint32_t event_seq;

static void
add_event(long day, struct ent *en, int from, int to, int reason)
{
	struct event *v;

	if (nevents == eventcap) {
		eventcap = eventcap ? eventcap * 2 : 1024;
		events = xrealloc(events, eventcap * sizeof(*events));
	}
	v = &events[nevents++];
	v->day = (int32_t)day;
	v->ent = (uint32_t)(en - ents);
	v->seq = event_seq++;
	v->from = (uint8_t)from;
	v->to = (uint8_t)to;
	v->reason = (uint8_t)reason;
	v->map_tag = en->map_tag;
	v->last_good_tag = en->last_good_tag;
}

static void
set_state(struct ent *en, long day, int st, int reason)
{
	if (en->state != st) {
		add_event(day, en, en->state, st, reason);
		en->state = (uint8_t)st;
		en->state_since = (int32_t)day;
	}
	en->reason = (uint8_t)reason;
}

static int
is_bedrock_kind(int k)
{
	return k == K_PROFILE || k == K_AIDIRECT;
}

/* Bedrock usage is eligible under a contract that lists any Bedrock
 * product code: Bedrock bills under several codes, and Bedrock models sold
 * through AWS Marketplace under the seller's code. */
static int
has_bedrock(const struct contract *c)
{
	static const char *codes[] = { "AmazonBedrock", "AmazonBedrockService",
		"AmazonBedrockFoundationModels", "AmazonBedrockAgentCore" };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (contract_has_service(c, codes[i]))
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
cover(const struct ent *en, long day, uint32_t svc, int cat, int *why)
{
	int pass, best = R_NO_CONTRACT;
	size_t i;
	int pref = is_bedrock_kind(en->kind) ? PROG_MAP_AI : PROG_MAP;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < contracts.n; i++) {
			const struct contract *c = &contracts.v[i];
			int level;

			if ((pass == 0) != ((int)c->program == pref))
				continue;
			if (strcmp(c->payer, S(en->payer)) != 0 ||
			    day < c->start || day > c->end)
				continue;
			if (!contract_has_account(c, S(en->account)) &&
			    !contract_auto_enrolls(c, S(en->account_name),
			    acct_first_day(en->account, day))) {
				level = R_OUT_OF_SCOPE;
			} else if (cat != CAT_NONE && (c->excl & catbit[cat]) &&
			    !(cat == CAT_MP && is_bedrock_kind(en->kind))) {
				/* exclusions hold whatever the service list */
				level = R_EX_DT + cat - 1;
			} else if (!(is_bedrock_kind(en->kind) ?
			    has_bedrock(c) : contract_has_service(c, S(svc)))) {
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

static uint32_t *order;		/* slot indices sorted by (day, entity key) */

static int
cmp_slot(const void *a, const void *b)
{
	const struct slot *x = &slots[*(const uint32_t *)a];
	const struct slot *y = &slots[*(const uint32_t *)b];
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->ent != y->ent) {
		c = strcmp(S(ents[x->ent].key), S(ents[y->ent].key));
		if (c)
			return c;
	}
	if (x->svc != y->svc)
		return strcmp(S(x->svc), S(y->svc));
	return (int)x->cat - (int)y->cat;
}

static void
reset_month(void)
{
	size_t i;

	for (i = 0; i < nents; i++) {
		ents[i].eligible = ents[i].accruing = 0;
		ents[i].elig_days = 0;
	}
}

/* Profile entities that were TAGGED, by their caller, for the
 * direct-fallback rule: rebuilt at the start of each day from the profile
 * entities (listed once: entities never change kind). */
struct caller {
	uint32_t principal, ent;
};
static struct caller *callers;
static size_t ncallers;
static uint32_t *profile_ents;
static size_t nprofile_ents;

static int
cmp_caller(const void *a, const void *b)
{
	const struct caller *x = a, *y = b;

	if (x->principal != y->principal)
		return x->principal < y->principal ? -1 : 1;
	/* several tagged profiles of one caller: the smallest ARN first */
	return strcmp(S(ents[x->ent].key), S(ents[y->ent].key));
}

static void
index_tagged_profiles(void)
{
	size_t i;

	if (profile_ents == NULL) {
		profile_ents = xcalloc(nents + 1, sizeof(*profile_ents));
		for (i = 0; i < nents; i++)
			if (ents[i].kind == K_PROFILE)
				profile_ents[nprofile_ents++] = (uint32_t)i;
		callers = xcalloc(nprofile_ents + 1, sizeof(*callers));
	}
	ncallers = 0;
	for (i = 0; i < nprofile_ents; i++) {
		struct ent *p = &ents[profile_ents[i]];

		if (p->state == S_TAGGED && p->principal != 0) {
			callers[ncallers].principal = p->principal;
			callers[ncallers].ent = profile_ents[i];
			ncallers++;
		}
	}
	if (ncallers > 1)
		qsort(callers, ncallers, sizeof(*callers), cmp_caller);
}

/* The tagged profile a caller routed through, or NULL. */
static struct ent *
tagged_profile_of(uint32_t principal)
{
	size_t lo = 0, hi = ncallers;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (callers[mid].principal < principal)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ncallers && callers[lo].principal == principal ?
	    &ents[callers[lo].ent] : NULL;
}

static int want_ledger;
static int32_t owner_of(const struct ent *);

static void
add_ledger(long day, struct ent *en, money_t cost, money_t elig,
    money_t accr)
{
	struct lrow *l;

	if (!want_ledger)
		return;
	if (nledger == ledgercap) {
		ledgercap = ledgercap ? ledgercap * 2 : 1024;
		ledger = xrealloc(ledger, ledgercap * sizeof(*ledger));
	}
	l = &ledger[nledger++];
	l->day = (int32_t)day;
	l->ent = (uint32_t)(en - ents);
	l->state = en->state;
	l->contract = en->contract;
	l->svc = en->service;
	l->owner = have_workloads ? owner_of(en) : -1;
	l->cost = cost;
	l->eligible = elig;
	l->accruing = accr;
}

static void
apply_day(struct ent *en, long day, size_t from, size_t to)
{
	size_t i;
	int32_t tts = -2, pts = -2, rts = -2, nts = -2;
	uint32_t tag = 0, ptag = 0, princ = 0, name = 0;
	money_t cost = 0, elig = 0, best_cost = 0;
	int contract = -1, why = R_NO_CONTRACT, best_why = -1;
	uint32_t svc_best = 0;
	int eligible = 0;

	/* what the day's latest usage says */
	for (i = from; i < to; i++) {
		struct slot *s = &slots[order[i]];

		latest32(&tts, &tag, s->tag_ts, s->tag);
		latest32(&pts, &ptag, s->ptag_ts, s->ptag);
		latest32(&rts, &princ, s->princ_ts, s->princ);
		if (s->name_ts >= 0)
			latest32(&nts, &name, s->name_ts, s->name);
	}
	if (nts >= 0)
		en->account_name = name;
	if (en->first_seen == (int32_t)NODAY)
		en->first_seen = (int32_t)day;
	en->last_seen = (int32_t)day;
	acct_seen(en->account, day);	/* before cover(): new-accounts */
	/* which charges an active contract covers; the contract and the
	 * service shown are those of the covered charge with the most spend */
	for (i = from; i < to; i++) {
		struct slot *s = &slots[order[i]];
		int r = R_NO_CONTRACT, c;

		cost += s->cost;
		c = cover(en, day, s->svc, s->cat, &r);
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
		en->service = slots[order[from]].svc;
	if (en->kind == K_PROFILE || en->kind == K_AIDIRECT)
		en->principal = princ;
	en->map_tag = en->kind == K_AIDIRECT ? ptag : tag;
	if (!eligible) {
		en->contract = -1;
		set_state(en, day, S_INELIGIBLE, why);
		add_ledger(day, en, cost, 0, 0);
		return;
	}
	en->contract = (int16_t)contract;
	if (en->elig_date == (int32_t)NODAY)
		en->elig_date = (int32_t)day;
	if (en->state == S_NEW || en->state == S_INELIGIBLE)
		set_state(en, day, S_ELIGIBLE, R_ELIGIBLE);
	if (en->kind == K_UNATTRIBUTED) {
		set_state(en, day, S_ELIGIBLE, R_UNTRACKABLE);
	} else {
		const struct contract *c = &contracts.v[contract];
		enum tagcheck tc = map_tag_check(S(en->map_tag), c->mpe);
		int was = en->state;
		struct ent *via = en->kind == K_AIDIRECT ?
		    tagged_profile_of(en->key) : NULL;
		if (tc == TAG_OK) {
			en->last_good_tag = en->map_tag;
			set_state(en, day, S_TAGGED, R_TAG_OK);
		} else if (via && was != S_STALE) {
			/* the caller routed through a tagged profile and
			 * now invokes the model directly */
			en->last_good_tag = via->map_tag;
			en->drift_date = (int32_t)day;
			set_state(en, day, S_STALE, R_DRIFT_FALLBACK);
		} else if (en->last_good_tag != 0 || was == S_STALE) {
			if (was != S_STALE)
				en->drift_date = (int32_t)day;
			set_state(en, day, S_STALE, was == S_STALE &&
			    en->reason == R_DRIFT_FALLBACK ? R_DRIFT_FALLBACK :
			    tc == TAG_MISSING ? R_DRIFT_REMOVED :
			    R_DRIFT_ALTERED);
		} else {
			set_state(en, day, S_PENDING, tc == TAG_MALFORMED ?
			    R_TAG_MALFORMED : tc == TAG_OTHER_MPE ? R_TAG_OTHER :
			    en->kind == K_AIDIRECT ? R_DIRECT : R_TAG_MISSING);
		}
	}
	en->eligible += elig;
	en->elig_days++;
	if (en->state == S_TAGGED)
		en->accruing += elig;
	add_ledger(day, en, cost, elig, en->state == S_TAGGED ? elig : 0);
}

/* A caller whose direct calls were drift (fell back from a tagged profile)
 * or never routed through a profile, and that today routes through a
 * tagged profile with no direct usage: the situation is resolved. */
static void
fallback_fixed(long day, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		struct slot *s = &slots[order[i]];
		struct ent *p = &ents[s->ent], *d;
		uint32_t id;

		if (p->kind != K_PROFILE || p->state != S_TAGGED ||
		    p->principal == 0)
			continue;
		id = p->principal;
		if (id >= ent_of_cap || !ent_of_key[id])
			continue;
		d = &ents[ent_of_key[id] - 1];
		if (d->kind != K_AIDIRECT || d->last_seen == day ||
		    !((d->state == S_STALE && d->reason == R_DRIFT_FALLBACK) ||
		    (d->state == S_PENDING && d->reason == R_DIRECT)))
			continue;
		d->map_tag = p->map_tag;
		d->last_good_tag = p->map_tag;
		set_state(d, day, S_TAGGED, R_ROUTED);
	}
}

static void
replay(void)
{
	size_t i, j;

	free(slot_ht);		/* lookups are over; make room for order */
	slot_ht = NULL;
	slot_htsz = 0;
	order = xmalloc((nslots ? nslots : 1) * sizeof(*order));
	for (i = 0; i < nslots; i++)
		order[i] = (uint32_t)i;
	if (nslots > 1)
		qsort(order, nslots, sizeof(*order), cmp_slot);
	i = 0;
	while (i < nslots) {
		long day = slots[order[i]].day;
		size_t dayend = i;

		while (dayend < nslots && slots[order[dayend]].day == day)
			dayend++;
		if (date_month(day) != cur_month) {
			if (cur_month != NODAY)
				reset_month();
			cur_month = date_month(day);
		}
		index_tagged_profiles();
		for (j = i; j < dayend;) {
			uint32_t ent = slots[order[j]].ent;
			size_t k = j;

			while (k < dayend && slots[order[k]].ent == ent)
				k++;
			apply_day(&ents[ent], day, j, k);
			j = k;
		}
		fallback_fixed(day, i, dayend);
		i = dayend;
	}
	if (as_of != NODAY && date_month(as_of) != cur_month) {
		if (cur_month != NODAY)
			reset_month();
		cur_month = date_month(as_of);
	}
}

/* ---- ownership ---- */

static const char **owner_vals;

static void
owners_init(void)
{
	size_t k;

	owner_vals = xcalloc(workloads.ntagkeys + 1, sizeof(*owner_vals));
	wl_tagkey = xcalloc(workloads.ntagkeys + 1, sizeof(*wl_tagkey));
	for (k = 0; k < workloads.ntagkeys; k++)
		wl_tagkey[k] = interns(workloads.tagkeys[k]);
}

/* The workload that owns an entity with its attributes as they are now:
 * the caller of that day, the tags of the run's latest line. A tie is a
 * data error. */
static int32_t
owner_of(const struct ent *en)
{
	struct owner_query q;
	struct err e = { 0 };
	size_t k;
	long w;

	for (k = 0; k < workloads.ntagkeys; k++)
		owner_vals[k] = S(ent_gettag(en, wl_tagkey[k]));
	q.account = S(en->account);
	q.entity = S(en->key);
	q.entity_kind = kindname[en->kind];
	q.principal = S(en->principal);
	q.tagvals = owner_vals;
	w = workloads_resolve(&workloads, &q, &e);
	if (w == -2) {
		fprintf(stderr, "%s: %s: entity '%s': %s\n", progname,
		    workloads.path, S(en->key), e.msg);
		exit(EXIT_DATA);
	}
	return (int32_t)w;
}

static void
resolve_owners(void)
{
	size_t i;

	if (!have_workloads)
		return;
	for (i = 0; i < nents; i++)
		ents[i].owner = owner_of(&ents[i]);
}

/* ---- output ---- */

static void
out_owner(struct out *o, int32_t owner, int full)
{
	const struct workload *w;

	if (!have_workloads)
		return;
	if (owner < 0) {
		out_s(o, full ? "\tunowned\t\t\t\t\t" : "\tunowned\t\t\t");
		return;
	}
	w = &workloads.w[owner];
	out_c(o, '\t');
	out_vals(o, w->name);
	out_c(o, '\t');
	out_vals(o, w->team);
	out_c(o, '\t');
	out_vals(o, w->product);
	out_c(o, '\t');
	out_vals(o, w->portfolio);
	if (full) {
		out_c(o, '\t');
		out_vals(o, w->owner);
		out_c(o, '\t');
		out_vals(o, w->engineer);
	}
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(S(ents[*(const uint32_t *)a].key),
	    S(ents[*(const uint32_t *)b].key));
}

static int
cmp_tagkey(const void *a, const void *b)
{
	return strcmp(S(*(const uint32_t *)a), S(*(const uint32_t *)b));
}

static void
day_or_empty(struct out *o, int32_t d)
{
	if (d != (int32_t)NODAY)
		out_day(o, d);
}

static void
write_state(struct out *o)
{
	size_t i, k;
	uint32_t *idx = xmalloc((nents ? nents : 1) * sizeof(*idx));
	uint32_t *keys = xmalloc((ntagkeys ? ntagkeys : 1) * sizeof(*keys));

	if (ntagkeys)
		memcpy(keys, tagkeys, ntagkeys * sizeof(*keys));
	if (ntagkeys > 1)
		qsort(keys, ntagkeys, sizeof(*keys), cmp_tagkey);
	out_s(o, "as_of\tentity\tentity_kind\tpayer\taccount\taccount_name"
	    "\tservice\tregion\tmodel\tprincipal\tmodel_source\tcontract"
	    "\tstate\treason"
	    "\teligibility_date\tstate_since\tmap_tag\tlast_good_tag"
	    "\tdrift_date\teligible_cost\taccruing_cost\tat_risk_cost"
	    "\tdaily_cost\teligible_days\tfirst_seen\tlast_seen");
	if (have_workloads)
		out_s(o, "\tworkload\tteam\tproduct\tportfolio\towner\tengineer");
	for (k = 0; k < ntagkeys; k++) {
		out_s(o, "\ttag_");
		out_vals(o, S(keys[k]));
	}
	out_c(o, '\n');
	for (i = 0; i < nents; i++)
		idx[i] = (uint32_t)i;
	if (nents > 1)
		qsort(idx, nents, sizeof(*idx), cmp_ent);
	for (i = 0; i < nents; i++) {
		struct ent *en = &ents[idx[i]];

		out_day(o, as_of);
#define F(id) do { out_c(o, '\t'); out_vals(o, S(id)); } while (0)
		F(en->key);
		out_c(o, '\t');
		out_s(o, kindname[en->kind]);
		F(en->payer);
		F(en->account);
		F(en->account_name);
		F(en->service);
		F(en->region);
		F(en->model);
		F(en->principal);
		F(en->model_source);
		out_c(o, '\t');
		if (en->contract >= 0)
			out_vals(o, contracts.v[en->contract].id);
		out_c(o, '\t');
		out_s(o, statename[en->state]);
		out_c(o, '\t');
		out_s(o, reasonname[en->reason]);
		out_c(o, '\t');
		day_or_empty(o, en->elig_date);
		out_c(o, '\t');
		day_or_empty(o, en->state_since);
		F(en->map_tag);
		F(en->last_good_tag);
		out_c(o, '\t');
		day_or_empty(o, en->drift_date);
		out_c(o, '\t');
		out_money(o, en->eligible);
		out_c(o, '\t');
		out_money(o, en->accruing);
		out_c(o, '\t');
		out_money(o, at_risk(en));
		out_c(o, '\t');
		out_money(o, en->elig_days ? money_scale(en->eligible, 1,
		    en->elig_days) : 0);
		out_c(o, '\t');
		out_long(o, en->elig_days);
		out_c(o, '\t');
		day_or_empty(o, en->first_seen);
		out_c(o, '\t');
		day_or_empty(o, en->last_seen);
		out_owner(o, en->owner, 1);
		for (k = 0; k < ntagkeys; k++)
			F(ent_gettag(en, keys[k]));
#undef F
		out_c(o, '\n');
	}
	free(idx);
	free(keys);
}

static int
cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->ent != y->ent) {
		c = strcmp(S(ents[x->ent].key), S(ents[y->ent].key));
		if (c)
			return c;
	}
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
write_events(struct out *o)
{
	size_t i;

	if (nevents > 1)
		qsort(events, nevents, sizeof(*events), cmp_event);
	out_s(o, "date\tentity\tentity_kind\taccount\tfrom\tto\treason"
	    "\tmap_tag\tlast_good_tag\n");
	for (i = 0; i < nevents; i++) {
		struct event *v = &events[i];
		struct ent *en = &ents[v->ent];

		out_day(o, v->day);
		out_c(o, '\t');
		out_vals(o, S(en->key));
		out_c(o, '\t');
		out_s(o, kindname[en->kind]);
		out_c(o, '\t');
		out_vals(o, S(en->account));
		out_c(o, '\t');
		out_s(o, v->from == S_NEW ? "NEW" : statename[v->from]);
		out_c(o, '\t');
		out_s(o, statename[v->to]);
		out_c(o, '\t');
		out_s(o, reasonname[v->reason]);
		out_c(o, '\t');
		out_vals(o, S(v->map_tag));
		out_c(o, '\t');
		out_vals(o, S(v->last_good_tag));
		out_c(o, '\n');
	}
}

static int
cmp_lrow(const void *a, const void *b)
{
	const struct lrow *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(S(ents[x->ent].key), S(ents[y->ent].key));
}

static void
write_ledger(struct out *o)
{
	size_t i;

	if (nledger > 1)
		qsort(ledger, nledger, sizeof(*ledger), cmp_lrow);
	out_s(o, "date\tentity\tentity_kind\tpayer\taccount\tservice\tcontract"
	    "\tstate\tcost\teligible_cost\taccruing_cost");
	if (have_workloads)
		out_s(o, "\tworkload\tteam\tproduct\tportfolio");
	out_c(o, '\n');
	for (i = 0; i < nledger; i++) {
		struct lrow *l = &ledger[i];
		struct ent *en = &ents[l->ent];

		out_day(o, l->day);
		out_c(o, '\t');
		out_vals(o, S(en->key));
		out_c(o, '\t');
		out_s(o, kindname[en->kind]);
		out_c(o, '\t');
		out_vals(o, S(en->payer));
		out_c(o, '\t');
		out_vals(o, S(en->account));
		out_c(o, '\t');
		out_vals(o, S(l->svc));
		out_c(o, '\t');
		if (l->contract >= 0)
			out_vals(o, contracts.v[l->contract].id);
		out_c(o, '\t');
		out_s(o, statename[l->state]);
		out_c(o, '\t');
		out_money(o, l->cost);
		out_c(o, '\t');
		out_money(o, l->eligible);
		out_c(o, '\t');
		out_money(o, l->accruing);
		out_owner(o, l->owner, 0);
		out_c(o, '\n');
	}
}

static void
usage(void)
{
	printf("Usage: %s -c CONTRACTS [OPTION]... [CHARGE_LINES]...\n"
	    "Derive each billing entity's MAP lifecycle state (ELIGIBLE,\n"
	    "PENDING_TAG, TAGGED, STALE_TAG, INELIGIBLE) from contracts and\n"
	    "curscan's charge lines, replaying new days from the previous\n"
	    "state. The new state goes to standard output.\n\n"
	    "With no CHARGE_LINES, or when one is -, read standard input.\n\n"
	    "  -c, --contracts FILE   MAP contracts (mapcontract(1)); required\n"
	    "  -w, --workloads FILE   ownership claims; adds workload, team,\n"
	    "                         product, portfolio, owner, engineer\n"
	    "  -s, --state FILE       the previous state (yesterday's output)\n"
	    "  -a, --as-of DATE       the day the state is for, YYYY-MM-DD\n"
	    "                         (default: the last usage day in the input)\n"
	    "  -e, --events FILE      write every transition to FILE\n"
	    "  -l, --ledger FILE      write per day and entity: cost, eligible\n"
	    "                         and accruing cost, state\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See mapstate(1) and map-formats(5).\n",
	    progname);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "contracts", required_argument, NULL, 'c' },
		{ "workloads", required_argument, NULL, 'w' },
		{ "state", required_argument, NULL, 's' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "events", required_argument, NULL, 'e' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cpath = NULL, *wpath = NULL, *spath = NULL;
	const char *epath = NULL, *lpath = NULL;
	struct err e = { 0 };
	struct out o;
	int ch, i;

	prog_init("mapstate");
	argv[0] = (char *)progname;	/* getopt's messages */
	while ((ch = getopt_long(argc, argv, "c:w:s:a:e:l:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			cpath = optarg;
			break;
		case 'w':
			wpath = optarg;
			break;
		case 's':
			spath = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg), &as_of))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
			as_of_given = 1;
			break;
		case 'e':
			epath = optarg;
			break;
		case 'l':
			lpath = optarg;
			want_ledger = 1;
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
	if ((epath && strcmp(epath, "-") == 0) || (lpath && strcmp(lpath,
	    "-") == 0))
		usage_error("--events and --ledger write files; the state is "
		    "what goes to standard output");
	strtab_init(&strs);
	if (contracts_load(cpath, &contracts, &e))
		die_err(cpath, &e);
	if (wpath) {
		if (workloads_load(wpath, &workloads, &e))
			die_err(wpath, &e);
		have_workloads = 1;
		owners_init();
	}
	if (spath)
		load_state(spath);
	if (as_of_given && prev_as_of != NODAY && prev_as_of > as_of) {
		char a[DATE_DAYLEN], b[DATE_DAYLEN];

		date_fmt_day(prev_as_of, a);
		date_fmt_day(as_of, b);
		die(EXIT_DATA, "%s: the previous state is as of %s, later than "
		    "--as-of %s: refusing to rewind history", spath, a, b);
	}
	if (optind == argc)
		read_lines("-");
	for (i = optind; i < argc; i++)
		read_lines(argv[i]);
	if (!as_of_given) {
		as_of = max_day;
		if (prev_as_of != NODAY && (as_of == NODAY || as_of < prev_as_of)) {
			if (as_of != NODAY && as_of < prev_as_of) {
				char a[DATE_DAYLEN], b[DATE_DAYLEN];

				date_fmt_day(prev_as_of, a);
				date_fmt_day(as_of, b);
				die(EXIT_DATA, "%s: the previous state is as of "
				    "%s, later than the input's last usage day "
				    "%s: refusing to rewind history", spath, a, b);
			}
			as_of = prev_as_of;
		}
	}
	replay();
	resolve_owners();
	if (epath)
		sidefile_prepare(epath, write_events);
	if (lpath)
		sidefile_prepare(lpath, write_ledger);
	out_init(&o, 1);
	write_state(&o);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();
	return EXIT_OKAY;
}
