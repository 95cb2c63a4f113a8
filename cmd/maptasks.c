/* maptasks: Cloud Engineer tasks for standard MAP and MAP AI, opened and
 * closed by the data. Reads mapstate's state (and events, so a task that
 * opened and closed between two runs is not lost) and yesterday's tasks;
 * writes the full task list, open and closed. */
#include <errno.h>
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
#include "common.h"

#define NODAY (-2147483647L)

enum ttype { T_TAG_RESOURCE, T_RETAG_RESOURCE, T_CREATE_PROFILE,
	T_ADD_TO_PROFILE, T_TAG_PROFILE, T_TAG_PRINCIPAL, NTTYPE };
static const char *ttypename[NTTYPE] = {
	"TAG_RESOURCE", "RETAG_RESOURCE", "CREATE_PROFILE", "ADD_TO_PROFILE",
	"TAG_PROFILE", "TAG_PRINCIPAL"
};

/* one entity of mapstate's state */
struct srow {
	char *entity, *kind, *account, *region, *model, *principal, *msrc;
	char *service, *contract, *state, *reason, *last_good_tag;
	char *workload, *owner, *engineer;
	long state_since, drift_date, first_seen;
	money_t daily_cost;
};

struct task {
	char id[17];
	int type;
	int open;
	char *entity, *kind, *account, *region, *model, *principal;
	char *contract, *expected, *last_good_tag, *resolution;
	char *assignee, *workload, *owner, *profile, *action, *command;
	long drift_date, opened, closed;
	money_t daily_impact, impact, risk_spend;
	long risk_days;
	int fresh;		/* opened or changed in this run */
};

static struct strtab names;	/* entity -> state row index + 1 */
static struct srow *rows;
static size_t nrows;
static uint32_t *row_of;	/* string id -> row + 1 */
static size_t row_of_cap;

static struct task *tasks;
static size_t ntasks;

static struct contracts contracts;
static long as_of = NODAY, prev_as_of = NODAY;

/* an application inference profile known to exist */
struct profile {
	char *arn, *account, *region, *model, *principal;
	long since;		/* first seen in CUR; NODAY: inventory */
	int tagged;
};
static struct profile *profiles;
static size_t nprofiles;

static int opt_open;
static const char *opt_assignee, *opt_type;

static long
dayf(const struct tsvr *t, int col, const char *path, struct err *e)
{
	long d;

	if (col < 0 || t->len[col] == 0)
		return NODAY;
	if (date_parse_day(t->f[col], t->len[col], &d)) {
		err_set(e, EXIT_DATA, t->lineno, "column '%s': invalid date '%s'",
		    t->hdr[col], t->f[col]);
		die_err(path, e);
	}
	return d;
}

static money_t
moneyf(const struct tsvr *t, int col, const char *path, struct err *e)
{
	money_t m = 0;

	if (col < 0 || t->len[col] == 0)
		return 0;
	if (money_parse(t->f[col], t->len[col], &m)) {
		err_set(e, EXIT_DATA, t->lineno,
		    "column '%s': invalid number '%s'", t->hdr[col], t->f[col]);
		die_err(path, e);
	}
	return m;
}

static struct srow *
row_find(const char *entity)
{
	uint32_t id = strtab_find(&names, entity, strlen(entity));

	if (id == UINT32_MAX || id >= row_of_cap || row_of[id] == 0)
		return NULL;
	return &rows[row_of[id] - 1];
}

static const struct contract *
contract_find(const char *id)
{
	size_t i;

	for (i = 0; i < contracts.n; i++)
		if (strcmp(contracts.v[i].id, id) == 0)
			return &contracts.v[i];
	return NULL;
}

static void
load_state(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_asof, c_ent, c_kind, c_acct, c_reg, c_model, c_princ, c_msrc;
	int c_svc, c_contract, c_state, c_reason, c_good, c_since, c_drift;
	int c_first, c_daily, c_wl, c_owner, c_eng;
	size_t cap = 0;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_asof = need_col(t, "as_of", path);
	c_ent = need_col(t, "entity", path);
	c_kind = need_col(t, "entity_kind", path);
	c_acct = need_col(t, "account", path);
	c_reg = need_col(t, "region", path);
	c_model = need_col(t, "model", path);
	c_princ = need_col(t, "principal", path);
	c_msrc = tsvr_col(t, "model_source");
	c_svc = need_col(t, "service", path);
	c_contract = need_col(t, "contract", path);
	c_state = need_col(t, "state", path);
	c_reason = need_col(t, "reason", path);
	c_good = need_col(t, "last_good_tag", path);
	c_since = need_col(t, "state_since", path);
	c_drift = need_col(t, "drift_date", path);
	c_first = need_col(t, "first_seen", path);
	c_daily = need_col(t, "daily_cost", path);
	c_wl = tsvr_col(t, "workload");
	c_owner = tsvr_col(t, "owner");
	c_eng = tsvr_col(t, "engineer");
	strtab_init(&names);
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct srow *r;
		long d = dayf(t, c_asof, path, &e);
		uint32_t id;

		if (as_of == NODAY)
			as_of = d;
		else if (d != as_of) {
			err_set(&e, EXIT_DATA, t->lineno, "column 'as_of': '%s' "
			    "differs from the first row's", t->f[c_asof]);
			die_err(path, &e);
		}
		if (nrows == cap) {
			cap = cap ? cap * 2 : 256;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		r = &rows[nrows];
		r->entity = dup_field(t, c_ent);
		r->kind = dup_field(t, c_kind);
		r->account = dup_field(t, c_acct);
		r->region = dup_field(t, c_reg);
		r->model = dup_field(t, c_model);
		r->principal = dup_field(t, c_princ);
		r->msrc = dup_field(t, c_msrc);
		r->service = dup_field(t, c_svc);
		r->contract = dup_field(t, c_contract);
		r->state = dup_field(t, c_state);
		r->reason = dup_field(t, c_reason);
		r->last_good_tag = dup_field(t, c_good);
		r->workload = dup_field(t, c_wl);
		r->owner = dup_field(t, c_owner);
		r->engineer = dup_field(t, c_eng);
		r->state_since = dayf(t, c_since, path, &e);
		r->drift_date = dayf(t, c_drift, path, &e);
		r->first_seen = dayf(t, c_first, path, &e);
		r->daily_cost = moneyf(t, c_daily, path, &e);
		if (r->contract[0] && contract_find(r->contract) == NULL) {
			err_set(&e, EXIT_DATA, t->lineno, "contract '%s' is not "
			    "in the contracts file", r->contract);
			die_err(path, &e);
		}
		id = strtab_intern(&names, r->entity, strlen(r->entity));
		if (id >= row_of_cap) {
			size_t nc = row_of_cap ? row_of_cap : 1024;

			while (nc <= id)
				nc *= 2;
			row_of = xrealloc(row_of, nc * sizeof(*row_of));
			memset(row_of + row_of_cap, 0, (nc - row_of_cap) *
			    sizeof(*row_of));
			row_of_cap = nc;
		}
		row_of[id] = (uint32_t)++nrows;
		if (strcmp(r->kind, "profile") == 0) {
			struct profile *p;

			profiles = xrealloc(profiles, (nprofiles + 1) *
			    sizeof(*profiles));
			p = &profiles[nprofiles++];
			p->arn = r->entity;
			p->account = r->account;
			p->region = r->region;
			p->model = r->model;
			p->principal = r->principal;
			p->since = r->first_seen;
			p->tagged = strcmp(r->state, "TAGGED") == 0;
		}
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

/* The tags column of an inventory row (key=value pairs separated by ',' or
 * ';'): does it hold a map-migrated value valid for a contract's MPE ID? */
static int
inventory_tagged(const char *tags)
{
	const char *p = strstr(tags, "map-migrated=");
	char val[128];
	size_t n = 0, i;

	if (p == NULL)
		return 0;
	p += 13;
	while (p[n] && p[n] != ',' && p[n] != ';' && n + 1 < sizeof(val)) {
		val[n] = p[n];
		n++;
	}
	val[n] = '\0';
	for (i = 0; i < contracts.n; i++)
		if (map_tag_check(val, contracts.v[i].mpe) == TAG_OK)
			return 1;
	return 0;
}

static void
load_inventory(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_arn, c_acct, c_reg, c_model, c_tags;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_arn = need_col(t, "profile_arn", path);
	c_acct = need_col(t, "account", path);
	c_reg = need_col(t, "region", path);
	c_model = need_col(t, "model", path);
	c_tags = tsvr_col(t, "tags");
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct profile *p;

		if (t->len[c_arn] == 0 || strstr(t->f[c_arn],
		    ":application-inference-profile/") == NULL) {
			err_set(&e, EXIT_DATA, t->lineno, "column 'profile_arn': "
			    "'%s' is not an application inference profile ARN",
			    t->f[c_arn]);
			die_err(path, &e);
		}
		profiles = xrealloc(profiles, (nprofiles + 1) *
		    sizeof(*profiles));
		p = &profiles[nprofiles++];
		p->arn = dup_field(t, c_arn);
		p->account = dup_field(t, c_acct);
		p->region = dup_field(t, c_reg);
		p->model = dup_field(t, c_model);
		p->principal = xstrdup("");
		p->since = NODAY;
		p->tagged = c_tags >= 0 && inventory_tagged(t->f[c_tags]);
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

/* The application profile an AI caller should route through on day d:
 * one for the same account, region and model that existed that day,
 * preferring a tagged one, then the smallest ARN. */
static const struct profile *
profile_for(const char *account, const char *region, const char *model,
    long day)
{
	const struct profile *best = NULL;
	size_t i;

	for (i = 0; i < nprofiles; i++) {
		const struct profile *p = &profiles[i];

		if (strcmp(p->account, account) || strcmp(p->region, region) ||
		    strcmp(p->model, model) || (p->since != NODAY &&
		    p->since > day))
			continue;
		if (best == NULL || (p->tagged && !best->tagged) ||
		    (p->tagged == best->tagged && strcmp(p->arn, best->arn) < 0))
			best = p;
	}
	return best;
}

/* The tagged profile a caller routed through (direct-fallback tasks). */
static const struct profile *
profile_of_caller(const char *principal)
{
	const struct profile *best = NULL;
	size_t i;

	for (i = 0; i < nprofiles; i++)
		if (profiles[i].tagged && principal[0] &&
		    strcmp(profiles[i].principal, principal) == 0 &&
		    (best == NULL || strcmp(profiles[i].arn, best->arn) < 0))
			best = &profiles[i];
	return best;
}

/* ---- shell-safe commands ---- */

static void
q(struct buf *b, const char *s)
{
	buf_addc(b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			buf_adds(b, "'\\''");
		else
			buf_addc(b, *s);
	buf_addc(b, '\'');
}

static void
region_opt(struct buf *b, const char *region)
{
	if (region[0]) {
		buf_adds(b, " --region ");
		q(b, region);
	}
}

static int
ec2_id(const char *s)
{
	static const char *pre[] = {
		"i-", "vol-", "snap-", "ami-", "eni-",
		"nat-", "igw-", "vpc-", "subnet-", "sg-", "eipalloc-", "rtb-",
		"lt-", "tgw-", "vpce-", "h-", NULL };
	size_t i;

	for (i = 0; pre[i]; i++)
		if (strncmp(s, pre[i], strlen(pre[i])) == 0)
			return 1;
	return 0;
}

static void
command_for(struct task *k, const struct srow *r, const char *value)
{
	struct buf c = { 0 }, a = { 0 }, tag = { 0 };

	buf_printf(&tag, "map-migrated=%s", value);
	switch (k->type) {
	case T_TAG_RESOURCE:
	case T_RETAG_RESOURCE:
		if (strncmp(k->entity, "arn:", 4) != 0 && ec2_id(k->entity)) {
			buf_adds(&c, "aws ec2 create-tags");
			region_opt(&c, k->region);
			buf_adds(&c, " --resources ");
			q(&c, k->entity);
			buf_adds(&c, " --tags ");
			{
				struct buf t2 = { 0 };

				buf_printf(&t2, "Key=map-migrated,Value=%s", value);
				q(&c, buf_cstr(&t2));
				buf_free(&t2);
			}
		} else {
			struct buf arn = { 0 };

			if (strncmp(k->entity, "arn:", 4) == 0)
				buf_adds(&arn, k->entity);
			else if (strcmp(r->service, "AmazonS3") == 0)
				buf_printf(&arn, "arn:aws:s3:::%s", k->entity);
			else
				buf_adds(&arn, k->entity);
			buf_adds(&c, "aws resourcegroupstaggingapi tag-resources");
			region_opt(&c, k->region);
			buf_adds(&c, " --resource-arn-list ");
			q(&c, buf_cstr(&arn));
			buf_adds(&c, " --tags ");
			q(&c, buf_cstr(&tag));
			buf_free(&arn);
		}
		buf_printf(&a, "%s the resource %s with %s",
		    k->type == T_TAG_RESOURCE ? "tag" : "re-tag", k->entity,
		    buf_cstr(&tag));
		break;
	case T_TAG_PROFILE:
		buf_adds(&c, "aws bedrock tag-resource");
		region_opt(&c, k->region);
		buf_adds(&c, " --resource-arn ");
		q(&c, k->entity);
		buf_adds(&c, " --tags ");
		{
			struct buf t2 = { 0 };

			buf_printf(&t2, "key=map-migrated,value=%s", value);
			q(&c, buf_cstr(&t2));
			buf_free(&t2);
		}
		buf_printf(&a, "%s the inference profile %s with %s",
		    strcmp(r->state, "STALE_TAG") == 0 ? "re-tag" : "tag",
		    k->entity, buf_cstr(&tag));
		break;
	case T_CREATE_PROFILE: {
		struct buf name = { 0 }, src = { 0 }, t2 = { 0 };
		const char *p;

		buf_adds(&name, "map-");
		for (p = k->model[0] ? k->model : "model"; *p &&
		    name.len < 40; p++)
			buf_addc(&name, (*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
			    *p <= 'Z') || (*p >= '0' && *p <= '9') ? *p : '-');
		buf_printf(&name, "-%s", k->account);
		buf_adds(&c, "aws bedrock create-inference-profile");
		region_opt(&c, k->region);
		buf_adds(&c, " --inference-profile-name ");
		q(&c, buf_cstr(&name));
		buf_adds(&c, " --model-source ");
		if (r->msrc[0]) {
			buf_printf(&src, "copyFrom=%s", r->msrc);
			q(&c, buf_cstr(&src));
		} else {
			/* CUR did not say which model ARN was invoked */
			buf_adds(&c, "\"copyFrom=${MODEL_ARN:?set MODEL_ARN to "
			    "the foundation model ARN}\"");
		}
		buf_adds(&c, " --tags ");
		buf_printf(&t2, "key=map-migrated,value=%s", value);
		q(&c, buf_cstr(&t2));
		buf_printf(&a, "create an application inference profile for %s "
		    "in %s tagged %s, then route %s through its ARN",
		    k->model[0] ? k->model : "the model", k->region,
		    buf_cstr(&tag), k->principal[0] ? k->principal :
		    "the application");
		buf_free(&name);
		buf_free(&src);
		buf_free(&t2);
		break;
	}
	case T_ADD_TO_PROFILE:
		buf_adds(&c, "aws bedrock get-inference-profile");
		region_opt(&c, k->region);
		buf_adds(&c, " --inference-profile-identifier ");
		q(&c, k->profile);
		buf_printf(&a, "route %s's calls to %s through the existing "
		    "profile %s (modelId); no new profile needed",
		    k->principal[0] ? k->principal : "the application",
		    k->model[0] ? k->model : "the model", k->profile);
		break;
	case T_TAG_PRINCIPAL: {
		const char *slash = strrchr(k->principal, '/');
		const char *nm = slash ? slash + 1 : k->principal;
		int user = strstr(k->principal, ":user/") != NULL;
		struct buf t2 = { 0 };

		buf_printf(&c, "aws iam %s --%s-name ", user ? "tag-user" :
		    "tag-role", user ? "user" : "role");
		q(&c, nm);
		buf_adds(&c, " --tags ");
		buf_printf(&t2, "Key=map-migrated,Value=%s", value);
		q(&c, buf_cstr(&t2));
		buf_printf(&a, "tag the calling IAM %s %s with %s", user ?
		    "user" : "role", k->principal, buf_cstr(&tag));
		buf_free(&t2);
		break;
	}
	}
	free(k->command);
	free(k->action);
	k->command = xstrdup(buf_cstr(&c));
	k->action = xstrdup(buf_cstr(&a));
	buf_free(&c);
	buf_free(&a);
	buf_free(&tag);
}

/* ---- tasks ---- */

/* Lookups: a task by id, the tasks of an entity (a chain through tnext). */
static struct strtab tkeys;	/* task ids and entities */
static int32_t *thead;		/* string id -> first task of that entity */
static uint32_t *tbyid;		/* string id -> task + 1 */
static size_t tcap;
static int32_t *tnext;		/* task -> next task of the same entity */
static size_t tnextcap;

static void
tgrow(uint32_t id)
{
	size_t i, nc;

	if (id < tcap)
		return;
	nc = tcap ? tcap : 1024;
	while (nc <= id)
		nc *= 2;
	thead = xrealloc(thead, nc * sizeof(*thead));
	tbyid = xrealloc(tbyid, nc * sizeof(*tbyid));
	for (i = tcap; i < nc; i++) {
		thead[i] = -1;
		tbyid[i] = 0;
	}
	tcap = nc;
}

static void
task_index(size_t i)
{
	uint32_t e, k;

	if (tkeys.slots == NULL)
		strtab_init(&tkeys);
	if (i >= tnextcap) {
		tnextcap = tnextcap ? tnextcap * 2 : 1024;
		tnext = xrealloc(tnext, tnextcap * sizeof(*tnext));
	}
	e = strtab_intern(&tkeys, tasks[i].entity, strlen(tasks[i].entity));
	tgrow(e);
	tnext[i] = thead[e];
	thead[e] = (int32_t)i;
	k = strtab_intern(&tkeys, tasks[i].id, strlen(tasks[i].id));
	tgrow(k);
	tbyid[k] = (uint32_t)i + 1;
}

static struct task *
task_find_id(const char *id)
{
	uint32_t k;

	if (tkeys.slots == NULL)
		return NULL;
	k = strtab_find(&tkeys, id, strlen(id));
	return k == UINT32_MAX || k >= tcap || !tbyid[k] ? NULL :
	    &tasks[tbyid[k] - 1];
}

static int32_t
task_first(const char *entity)
{
	uint32_t e;

	if (tkeys.slots == NULL)
		return -1;
	e = strtab_find(&tkeys, entity, strlen(entity));
	return e == UINT32_MAX || e >= tcap ? -1 : thead[e];
}

static struct task *
task_open_of(const char *entity)
{
	int32_t i;

	for (i = task_first(entity); i >= 0; i = tnext[i])
		if (tasks[i].open)
			return &tasks[i];
	return NULL;
}

static int
principal_route(const struct srow *r)
{
	const struct contract *c = contract_find(r->contract);

	return c && c->principal_tagging && r->principal[0];
}

/* What the situation of a PENDING_TAG or STALE_TAG entity calls for. */
static int
decide(const struct srow *r, const char *to, const char *reason, long day,
    const struct profile **pp)
{
	*pp = NULL;
	if (strcmp(r->kind, "resource") == 0)
		return strcmp(to, "STALE_TAG") == 0 ? T_RETAG_RESOURCE :
		    T_TAG_RESOURCE;
	if (strcmp(r->kind, "profile") == 0)
		return T_TAG_PROFILE;
	if (strcmp(r->kind, "ai-direct") != 0)
		return -1;
	if (strcmp(reason, "drift:direct-fallback") == 0) {
		*pp = profile_of_caller(r->principal);
		if (*pp == NULL)
			*pp = profile_for(r->account, r->region, r->model, day);
		if (*pp)
			return T_ADD_TO_PROFILE;
	}
	/* the caller's own tag drifted or is wrong: fix it there */
	if (strcmp(to, "STALE_TAG") == 0 || strcmp(reason, "tag-malformed") ==
	    0 || strcmp(reason, "tag-other-mpe") == 0)
		if (r->principal[0])
			return T_TAG_PRINCIPAL;
	if (principal_route(r))
		return T_TAG_PRINCIPAL;
	*pp = profile_for(r->account, r->region, r->model, day);
	return *pp ? T_ADD_TO_PROFILE : T_CREATE_PROFILE;
}

static void
task_open(const struct srow *r, const char *to, const char *reason, long day,
    const char *last_good)
{
	const struct profile *p;
	int type = decide(r, to, reason, day, &p);
	struct buf idb = { 0 };
	struct task *k;
	char idhex[17];

	if (type < 0)
		return;
	buf_printf(&idb, "%s\t%s\t", ttypename[type], r->entity);
	{
		char d[DATE_DAYLEN];

		date_fmt_day(day, d);
		buf_adds(&idb, d);
	}
	hash_hex(idb.s, idb.len, idhex);
	buf_free(&idb);
	if (task_find_id(idhex))
		return;		/* already known: re-running changes nothing */
	tasks = xrealloc(tasks, (ntasks + 1) * sizeof(*tasks));
	k = &tasks[ntasks++];
	memset(k, 0, sizeof(*k));
	memcpy(k->id, idhex, sizeof(k->id));
	k->type = type;
	k->open = 1;
	k->fresh = 1;
	k->entity = xstrdup(r->entity);
	k->kind = xstrdup(r->kind);
	k->account = xstrdup(r->account);
	k->region = xstrdup(r->region);
	k->model = xstrdup(r->model);
	k->principal = xstrdup(r->principal);
	k->contract = xstrdup(r->contract);
	k->last_good_tag = xstrdup(strcmp(to, "STALE_TAG") == 0 ?
	    (last_good ? last_good : r->last_good_tag) : "");
	k->drift_date = strcmp(to, "STALE_TAG") == 0 ? day : NODAY;
	k->opened = day;
	k->closed = NODAY;
	k->resolution = xstrdup("");
	k->profile = xstrdup(p ? p->arn : "");
	k->assignee = xstrdup("");
	k->workload = xstrdup("");
	k->owner = xstrdup("");
	k->expected = xstrdup("");
	task_index(ntasks - 1);
}

static void
task_close(struct task *k, long day, const char *resolution)
{
	k->open = 0;
	k->closed = day;
	free(k->resolution);
	k->resolution = xstrdup(resolution);
	k->fresh = 1;
}

static int
is_open_state(const char *s)
{
	return strcmp(s, "PENDING_TAG") == 0 || strcmp(s, "STALE_TAG") == 0;
}

static const char *
resolution_of(const char *to)
{
	if (strcmp(to, "TAGGED") == 0)
		return "tagged";
	if (strcmp(to, "INELIGIBLE") == 0)
		return "ineligible";
	return "eligible";
}

static void
load_tasks(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c[25];
	static const char *cols[] = {
		"as_of", "task_id", "type", "status",
		"entity", "entity_kind", "account", "region", "model",
		"principal", "contract", "last_good_tag", "drift_date", "opened",
		"closed", "resolution", "assignee", "workload", "owner",
		"profile", "impact_to_date", "at_risk_spend", "at_risk_days",
		"daily_impact", NULL };
	int i, rc;

	if (t == NULL)
		die_err(path, &e);
	for (i = 0; cols[i]; i++)
		c[i] = need_col(t, cols[i], path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		struct task *k;
		long d = dayf(t, c[0], path, &e);
		int ty;
		char *endp;

#define BAD(...) do { err_set(&e, EXIT_DATA, t->lineno, __VA_ARGS__); \
	die_err(path, &e); } while (0)
		if (prev_as_of == NODAY)
			prev_as_of = d;
		else if (d != prev_as_of)
			BAD("column 'as_of': '%s' differs from the first row's",
			    t->f[c[0]]);
		for (ty = 0; ty < NTTYPE; ty++)
			if (strcmp(t->f[c[2]], ttypename[ty]) == 0)
				break;
		if (ty == NTTYPE)
			BAD("column 'type': unknown task type '%s'", t->f[c[2]]);
		if (strcmp(t->f[c[3]], "open") && strcmp(t->f[c[3]], "closed"))
			BAD("column 'status': '%s' is neither open nor closed",
			    t->f[c[3]]);
		if (t->len[c[1]] != 16)
			BAD("column 'task_id': '%s' is not a 16-digit hex id",
			    t->f[c[1]]);
		tasks = xrealloc(tasks, (ntasks + 1) * sizeof(*tasks));
		k = &tasks[ntasks++];
		memset(k, 0, sizeof(*k));
		memcpy(k->id, t->f[c[1]], 16);
		k->type = ty;
		k->open = strcmp(t->f[c[3]], "open") == 0;
		k->entity = dup_field(t, c[4]);
		k->kind = dup_field(t, c[5]);
		k->account = dup_field(t, c[6]);
		k->region = dup_field(t, c[7]);
		k->model = dup_field(t, c[8]);
		k->principal = dup_field(t, c[9]);
		k->contract = dup_field(t, c[10]);
		k->last_good_tag = dup_field(t, c[11]);
		k->drift_date = dayf(t, c[12], path, &e);
		k->opened = dayf(t, c[13], path, &e);
		k->closed = dayf(t, c[14], path, &e);
		k->resolution = dup_field(t, c[15]);
		k->assignee = dup_field(t, c[16]);
		k->workload = dup_field(t, c[17]);
		k->owner = dup_field(t, c[18]);
		k->profile = dup_field(t, c[19]);
		k->impact = moneyf(t, c[20], path, &e);
		k->risk_spend = moneyf(t, c[21], path, &e);
		k->risk_days = strtol(t->f[c[22]], &endp, 10);
		if (t->len[c[22]] == 0 || *endp || k->risk_days < 0)
			BAD("column 'at_risk_days': invalid count '%s'",
			    t->f[c[22]]);
		k->daily_impact = moneyf(t, c[23], path, &e);
		k->expected = xstrdup("");
		if (k->opened == NODAY)
			BAD("column 'opened': empty");
		if (task_find_id(k->id))
			BAD("task '%s' appears twice", k->id);
		task_index(ntasks - 1);
#undef BAD
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

static void
apply_events(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_date, c_ent, c_from, c_to, c_reason, c_good;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_good = tsvr_col(t, "last_good_tag");
	c_date = need_col(t, "date", path);
	c_ent = need_col(t, "entity", path);
	c_from = need_col(t, "from", path);
	c_to = need_col(t, "to", path);
	c_reason = need_col(t, "reason", path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		long d = dayf(t, c_date, path, &e);
		const char *from = t->f[c_from], *to = t->f[c_to];
		struct srow *r;

		if (d == NODAY) {
			err_set(&e, EXIT_DATA, t->lineno, "column 'date': empty");
			die_err(path, &e);
		}
		if ((prev_as_of != NODAY && d <= prev_as_of) || d > as_of)
			continue;
		r = row_find(t->f[c_ent]);
		if (r == NULL) {
			err_set(&e, EXIT_DATA, t->lineno, "entity '%s' is not in "
			    "the state", t->f[c_ent]);
			die_err(path, &e);
		}
		if (is_open_state(to) && is_open_state(from) &&
		    strcmp(to, from) != 0) {
			/* a new situation (e.g. a never-tagged caller that now
			 * falls back from a tagged profile): the old task gives
			 * way to the one the new situation calls for */
			struct task *k = task_open_of(r->entity);

			if (k && k->opened <= d)
				task_close(k, d, "superseded");
			task_open(r, to, t->f[c_reason], d, c_good >= 0 ?
			    t->f[c_good] : NULL);
		} else if (is_open_state(to) && !is_open_state(from)) {
			task_open(r, to, t->f[c_reason], d, c_good >= 0 ?
			    t->f[c_good] : NULL);
		} else if (!is_open_state(to) && is_open_state(from)) {
			struct task *k = task_open_of(r->entity);

			if (k && k->opened <= d)
				task_close(k, d, resolution_of(to));
		}
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

/* The state has the last word: open what is pending without a task, close
 * what is no longer pending, turn Create Profile into Add to Profile when a
 * profile appeared. */
static void
reconcile(void)
{
	size_t i, n = ntasks;

	for (i = 0; i < nrows; i++) {
		struct srow *r = &rows[i];

		if (is_open_state(r->state) && task_open_of(r->entity) == NULL &&
		    r->state_since != NODAY)
			task_open(r, r->state, r->reason, r->state_since, NULL);
	}
	n = ntasks;
	for (i = 0; i < n; i++) {
		struct task *k = &tasks[i];
		struct srow *r;

		if (!k->open)
			continue;
		r = row_find(k->entity);
		if (r == NULL)
			continue;
		if (!is_open_state(r->state)) {
			task_close(k, r->state_since, resolution_of(r->state));
		} else if (k->type == T_CREATE_PROFILE) {
			const struct profile *p = profile_for(r->account,
			    r->region, r->model, as_of);

			/* a profile appeared: seen in CUR from a day after the
			 * task opened, or listed in today's inventory */
			if (p && (p->since == NODAY || p->since > k->opened)) {
				long d = p->since == NODAY ? as_of : p->since;
				long drift = k->drift_date;
				char *good = xstrdup(k->last_good_tag);
				size_t before = ntasks;

				task_close(k, d, "profile-created");
				task_open(r, r->state, r->reason, d, good);
				if (ntasks > before) {
					tasks[ntasks - 1].drift_date = drift;
					free(tasks[ntasks - 1].last_good_tag);
					tasks[ntasks - 1].last_good_tag = good;
				} else
					free(good);
			}
		}
	}
}

static void
apply_ledger(const char *path)
{
	struct err e = { 0 };
	struct tsvr *t = tsvr_open(path, &e);
	int c_date, c_ent, c_state, c_elig;
	int rc;

	if (t == NULL)
		die_err(path, &e);
	c_date = need_col(t, "date", path);
	c_ent = need_col(t, "entity", path);
	c_state = need_col(t, "state", path);
	c_elig = need_col(t, "eligible_cost", path);
	while ((rc = tsvr_next(t, &e)) == 1) {
		long d = dayf(t, c_date, path, &e);
		int32_t i;
		money_t m;

		if ((prev_as_of != NODAY && d <= prev_as_of) || d > as_of)
			continue;
		if (!is_open_state(t->f[c_state]))
			continue;
		m = moneyf(t, c_elig, path, &e);
		for (i = task_first(t->f[c_ent]); i >= 0; i = tnext[i]) {
			struct task *k = &tasks[i];

			if (k->opened <= d && (k->open || d < k->closed)) {
				k->risk_spend += m;
				k->risk_days++;
				break;
			}
		}
	}
	if (rc < 0)
		die_err(path, &e);
	tsvr_close(t);
}

/* Refresh what open tasks show from today's state: who, how much, the
 * command. */
static void
refresh(int have_ledger)
{
	size_t i;

	for (i = 0; i < ntasks; i++) {
		struct task *k = &tasks[i];
		struct srow *r = row_find(k->entity);
		const struct contract *c = contract_find(k->contract);
		char val[64];

		if (c == NULL && r)
			c = contract_find(r->contract);
		if (c) {
			map_tag_expected(c->mpe, val, sizeof(val));
		} else
			val[0] = '\0';
		free(k->expected);
		k->expected = xmalloc(strlen(val) + 16);
		snprintf(k->expected, strlen(val) + 16, "map-migrated=%s", val);
		if (r && (k->open || k->fresh)) {
			free(k->assignee);
			free(k->workload);
			free(k->owner);
			k->assignee = xstrdup(r->engineer[0] ? r->engineer :
			    "unassigned");
			k->workload = xstrdup(strcmp(r->workload, "unowned") ?
			    r->workload : "");
			k->owner = xstrdup(strcmp(r->workload, "unowned") ?
			    r->owner : "");
		}
		if (k->assignee[0] == '\0') {
			free(k->assignee);
			k->assignee = xstrdup("unassigned");
		}
		if (r)
			command_for(k, r, val);
		else {
			k->command = xstrdup("");
			k->action = xstrdup("");
		}
		if (c == NULL)
			continue;
		if (k->risk_days > 0) {
			k->impact = money_mul(k->risk_spend, c->rate);
			k->daily_impact = money_scale(k->impact, 1, k->risk_days);
		} else if (r && (k->open || !have_ledger)) {
			/* no ledger: the state's recent daily spend, for the
			 * days the task has been open */
			long end = k->open ? as_of + 1 : k->closed;

			k->daily_impact = money_mul(r->daily_cost, c->rate);
			k->impact = money_scale(k->daily_impact,
			    end > k->opened ? end - k->opened : 0, 1);
		}
		k->daily_impact = money_round(k->daily_impact, 2);
		k->impact = money_round(k->impact, 2);
	}
}

static int
cmp_task(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	int c;

	if (x->opened != y->opened)
		return x->opened < y->opened ? -1 : 1;
	if ((c = strcmp(x->entity, y->entity)) != 0)
		return c;
	if (x->type != y->type)
		return x->type - y->type;
	return strcmp(x->id, y->id);
}

static void
day_or_empty(struct out *o, long d)
{
	if (d != NODAY)
		out_day(o, d);
}

static int
shown(const struct task *k)
{
	if (opt_open && !k->open)
		return 0;
	if (opt_assignee && strcmp(k->assignee, opt_assignee) != 0)
		return 0;
	if (opt_type && strcmp(ttypename[k->type], opt_type) != 0)
		return 0;
	return 1;
}

static void
write_tasks(struct out *o)
{
	size_t i;

	out_s(o, "as_of\ttask_id\ttype\tstatus\tentity\tentity_kind\taccount"
	    "\tregion\tmodel\tprincipal\tcontract\texpected_tag\tlast_good_tag"
	    "\tdrift_date\topened\tclosed\tresolution\tassignee\tworkload"
	    "\towner\tprofile\tdaily_impact\timpact_to_date\tat_risk_spend"
	    "\tat_risk_days\taction\tcommand\n");
	for (i = 0; i < ntasks; i++) {
		struct task *k = &tasks[i];

		if (!shown(k))
			continue;
		out_day(o, as_of);
#define F(s) do { out_c(o, '\t'); out_vals(o, s); } while (0)
		F(k->id);
		F(ttypename[k->type]);
		F(k->open ? "open" : "closed");
		F(k->entity);
		F(k->kind);
		F(k->account);
		F(k->region);
		F(k->model);
		F(k->principal);
		F(k->contract);
		F(k->expected);
		F(k->last_good_tag);
		out_c(o, '\t');
		day_or_empty(o, k->drift_date);
		out_c(o, '\t');
		day_or_empty(o, k->opened);
		out_c(o, '\t');
		day_or_empty(o, k->closed);
		F(k->resolution);
		F(k->assignee);
		F(k->workload);
		F(k->owner);
		F(k->profile);
		out_c(o, '\t');
		out_money(o, k->daily_impact);
		out_c(o, '\t');
		out_money(o, k->impact);
		out_c(o, '\t');
		out_money(o, k->risk_spend);
		out_c(o, '\t');
		out_long(o, k->risk_days);
		F(k->action);
		F(k->command);
#undef F
		out_c(o, '\n');
	}
}

static void
write_notify(struct out *o)
{
	size_t i;
	char m[MONEY_BUFSZ];

	out_s(o, "as_of\towner\tworkload\ttask_id\ttype\tassignee\taction"
	    "\tdaily_impact\tnote\n");
	for (i = 0; i < ntasks; i++) {
		struct task *k = &tasks[i];
		struct buf note = { 0 };

		if (!k->open || k->workload[0] == '\0')
			continue;
		out_day(o, as_of);
		out_c(o, '\t');
		out_vals(o, k->owner);
		out_c(o, '\t');
		out_vals(o, k->workload);
		out_c(o, '\t');
		out_vals(o, k->id);
		out_c(o, '\t');
		out_s(o, ttypename[k->type]);
		out_c(o, '\t');
		out_vals(o, k->assignee);
		out_c(o, '\t');
		out_vals(o, k->action);
		out_c(o, '\t');
		out_money(o, k->daily_impact);
		money_fmt(k->daily_impact, m, 2);
		buf_printf(&note, "MAP credit accrual on %s is blocked: about "
		    "$%s a day until the Cloud Engineer (%s) completes this "
		    "task. No action is needed from you.", k->workload, m,
		    k->assignee);
		out_c(o, '\t');
		out_vals(o, buf_cstr(&note));
		out_c(o, '\n');
		buf_free(&note);
	}
}

static void
usage(void)
{
	printf("Usage: %s -c CONTRACTS [OPTION]... [STATE]\n"
	    "Open and close Cloud Engineer tasks from mapstate's state and\n"
	    "events, and write the full task list (open and closed) to\n"
	    "standard output. With no STATE, or when it is -, read standard\n"
	    "input.\n\n"
	    "  -c, --contracts FILE   MAP contracts; required\n"
	    "  -p, --previous FILE    yesterday's task list\n"
	    "  -e, --events FILE      mapstate's events (repeatable)\n"
	    "  -l, --ledger FILE      mapstate's ledger, for exact credit impact\n"
	    "                         (repeatable)\n"
	    "  -i, --inventory FILE   application inference profiles known to\n"
	    "                         exist: profile_arn, account, region, model,\n"
	    "                         tags\n"
	    "  -a, --as-of DATE       the day of the run (default: the state's)\n"
	    "  -o, --open             show open tasks only\n"
	    "  -A, --assignee NAME    show the tasks of one Cloud Engineer\n"
	    "  -t, --type TYPE        show one task type: TAG_RESOURCE,\n"
	    "                         RETAG_RESOURCE, CREATE_PROFILE,\n"
	    "                         ADD_TO_PROFILE, TAG_PROFILE, TAG_PRINCIPAL\n"
	    "  -n, --notify FILE      write Product Owner notifications\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "A filtered list (--open, --assignee, --type) is for reading: give\n"
	    "the unfiltered list to the next run's --previous.\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See maptasks(1) and map-formats(5).\n",
	    progname);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "contracts", required_argument, NULL, 'c' },
		{ "previous", required_argument, NULL, 'p' },
		{ "events", required_argument, NULL, 'e' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "inventory", required_argument, NULL, 'i' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "open", no_argument, NULL, 'o' },
		{ "assignee", required_argument, NULL, 'A' },
		{ "type", required_argument, NULL, 't' },
		{ "notify", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cpath = NULL, *ppath = NULL, *ipath = NULL, *npath = NULL;
	static const char **epaths, **lpaths;	/* static: reachable at exit */
	size_t nev = 0, nled = 0, i;
	long given_as_of = NODAY;
	struct err e = { 0 };
	struct out o;
	int ch, k;

	prog_init("maptasks");
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "c:p:e:l:i:a:oA:t:n:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			cpath = optarg;
			break;
		case 'p':
			ppath = optarg;
			break;
		case 'e':
			epaths = xrealloc(epaths, (nev + 1) * sizeof(*epaths));
			epaths[nev++] = optarg;
			break;
		case 'l':
			lpaths = xrealloc(lpaths, (nled + 1) * sizeof(*lpaths));
			lpaths[nled++] = optarg;
			break;
		case 'i':
			ipath = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg), &given_as_of))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
			break;
		case 'o':
			opt_open = 1;
			break;
		case 'A':
			opt_assignee = optarg;
			break;
		case 't':
			for (k = 0; k < NTTYPE; k++)
				if (strcmp(optarg, ttypename[k]) == 0)
					break;
			if (k == NTTYPE)
				usage_error("unknown task type '%s'", optarg);
			opt_type = optarg;
			break;
		case 'n':
			npath = optarg;
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
	if (argc - optind > 1)
		usage_error("one state file at most");
	if (contracts_load(cpath, &contracts, &e))
		die_err(cpath, &e);
	load_state(optind < argc ? argv[optind] : "-");
	if (given_as_of != NODAY) {
		if (as_of != NODAY && given_as_of < as_of)
			die(EXIT_DATA, "%s: the state is as of a day after --as-of",
			    optind < argc ? argv[optind] : "<stdin>");
		as_of = given_as_of;
	}
	if (ipath)
		load_inventory(ipath);
	if (ppath) {
		load_tasks(ppath);
		if (prev_as_of != NODAY && as_of != NODAY && prev_as_of > as_of) {
			char a[DATE_DAYLEN], b[DATE_DAYLEN];

			date_fmt_day(prev_as_of, a);
			date_fmt_day(as_of, b);
			die(EXIT_DATA, "%s: the task list is as of %s, later than "
			    "the state (%s): refusing to rewind", ppath, a, b);
		}
	}
	for (i = 0; i < nev; i++)
		apply_events(epaths[i]);
	reconcile();
	for (i = 0; i < nled; i++)
		apply_ledger(lpaths[i]);
	refresh(nled > 0);
	if (ntasks > 1)
		qsort(tasks, ntasks, sizeof(*tasks), cmp_task);
	if (npath)
		sidefile_prepare(npath, write_notify);
	out_init(&o, 1);
	write_tasks(&o);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();
	return EXIT_OKAY;
}
