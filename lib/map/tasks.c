/* tasks.c: the task rules over an explicit context: the state's entities
 * and the profiles known to exist, which task a situation calls for, the
 * task list and its lookups, the events, the reconciliation with the
 * state, the ledgers' days at risk and the daily impact. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/hash.h"
#include "map/charge.h"		/* charge_tag_mapish */
#include "map/tasks.h"

void
tasks_init(struct tasks *c, const struct contracts *cs)
{
	memset(c, 0, sizeof(*c));
	c->contracts = cs;
	c->as_of = c->prev_as_of = DAY_NONE;
	strtab_init(&c->strs);
	strtab_init(&c->keys);
}

void
tasks_free(struct tasks *c)
{
	free(c->v);
	free(c->rows);
	free(c->row_of);
	free(c->profiles);
	free(c->head);
	free(c->byid);
	free(c->next);
	strtab_free(&c->strs);
	strtab_free(&c->keys);
	memset(c, 0, sizeof(*c));
	c->as_of = c->prev_as_of = DAY_NONE;
}

/* ---- the state and the profiles ---- */

static const char *
intern(struct tasks *c, struct span s)
{
	return strtab_get(&c->strs, strtab_intern(&c->strs, s.s, s.n));
}

static const char *
interns(struct tasks *c, const char *s)
{
	return strtab_get(&c->strs, strtab_intern(&c->strs, s, strlen(s)));
}

/* Read path through schema s, one record into rec at a time, each handed
 * to fn; an error of fn without a line gets the row's. */
typedef int rowfn(struct tasks *, const struct recr *, const void *rec,
    struct err *);

static int
each_row(struct tasks *c, const char *path, const struct rschema *s,
    void *rec, rowfn *fn, struct err *e)
{
	struct recr *r = recr_open(path, s, e);
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, rec, e)) == 1)
		if (fn(c, r, rec, e) != 0) {
			if (e->line == 0)
				e->line = recr_line(r);
			rc = -1;
			break;
		}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

static struct task_profile *
profile_add(struct tasks *c)
{
	if (c->nprofiles == c->profcap) {
		c->profcap = c->profcap ? c->profcap * 2 : 64;
		c->profiles = xrealloc(c->profiles, c->profcap *
		    sizeof(*c->profiles));
	}
	return &c->profiles[c->nprofiles++];
}

int
tasks_add_entity(struct tasks *c, const struct state_rec *s, struct err *e)
{
	struct task_entity *r;
	uint32_t id;

	if (s->contract.n && contracts_find(c->contracts, s->contract.s) < 0) {
		err_set(e, EXIT_DATA, 0, "contract '%s' is not in the "
		    "contracts file", s->contract.s);
		return -1;
	}
	if (c->nrows == c->rowcap) {
		c->rowcap = c->rowcap ? c->rowcap * 2 : 256;
		c->rows = xrealloc(c->rows, c->rowcap * sizeof(*c->rows));
	}
	r = &c->rows[c->nrows];
	r->entity = intern(c, s->entity);
	r->account = intern(c, s->account);
	r->region = intern(c, s->region);
	r->model = intern(c, s->model);
	r->principal = intern(c, s->principal);
	r->model_source = intern(c, s->model_source);
	r->service = intern(c, s->service);
	r->contract = intern(c, s->contract);
	r->last_good_tag = intern(c, s->last_good_tag);
	r->workload = intern(c, s->workload);
	r->owner = intern(c, s->owner);
	r->engineer = intern(c, s->engineer);
	r->miskeys = r->misvalue = "";
	r->kind = s->kind;
	r->state = s->state;
	r->reason = s->reason;
	r->state_since = s->state_since;
	r->drift_date = s->drift_date;
	r->first_seen = s->first_seen;
	r->daily_cost = s->daily;
	r->id = id = strtab_find(&c->strs, s->entity.s, s->entity.n);
	if (id >= c->row_of_cap) {
		size_t nc = c->row_of_cap ? c->row_of_cap : 1024;

		while (nc <= id)
			nc *= 2;
		c->row_of = xrealloc(c->row_of, nc * sizeof(*c->row_of));
		memset(c->row_of + c->row_of_cap, 0, (nc - c->row_of_cap) *
		    sizeof(*c->row_of));
		c->row_of_cap = nc;
	}
	c->row_of[id] = (uint32_t)++c->nrows;
	if (r->kind == K_PROFILE) {
		struct task_profile *p = profile_add(c);

		p->arn = r->entity;
		p->account = r->account;
		p->region = r->region;
		p->model = r->model;
		p->principal = r->principal;
		p->since = r->first_seen;
		p->tagged = r->state == ST_TAGGED;
	}
	return 0;
}

/* The misspelled map-migrated keys of a state row: its tag_KEY columns
 * whose KEY is a near miss, with a value (mapstate keeps the latest
 * line's only). */
static void
misspelled_keys(struct tasks *c, const struct tsvr *t, struct task_entity *r)
{
	struct buf b = { 0 };
	struct span v = { "", 0 };
	size_t i;

	for (i = 0; i < t->nf; i++) {
		const char *k = t->hdr[i];

		if (strncmp(k, "tag_", 4) != 0 || t->len[i] == 0 ||
		    !charge_tag_mapish(k + 4, strlen(k + 4)))
			continue;
		if (b.len)
			buf_addc(&b, '\t');
		else
			v = rec_str(t, (int)i);
		buf_adds(&b, k + 4);
	}
	if (b.len) {
		struct span ks = { buf_cstr(&b), b.len };

		r->miskeys = intern(c, ks);
		r->misvalue = intern(c, v);
	}
	buf_free(&b);
}

static int
state_row(struct tasks *c, const struct recr *r, const void *rec,
    struct err *e)
{
	const struct state_rec *s = rec;

	if (c->as_of == DAY_NONE)
		c->as_of = s->as_of;
	if (tasks_add_entity(c, s, e) != 0)
		return -1;
	if (s->reason == R_KEY_MISSPELLED)
		misspelled_keys(c, r->t, &c->rows[c->nrows - 1]);
	return 0;
}

int
tasks_load_state(struct tasks *c, const char *path, struct err *e)
{
	struct state_rec s;

	return each_row(c, path, &state_schema, &s, state_row, e);
}

int
tasks_set_as_of(struct tasks *c, long day, struct err *e)
{
	if (c->as_of != DAY_NONE && day < c->as_of) {
		err_set(e, EXIT_DATA, 0, "the state is as of a day after "
		    "--as-of");
		return -1;
	}
	c->as_of = day;
	return 0;
}

/* the state row of the string id of an entity, or NULL */
static const struct task_entity *
entity_of(const struct tasks *c, uint32_t id)
{
	if (id == UINT32_MAX || id >= c->row_of_cap || c->row_of[id] == 0)
		return NULL;
	return &c->rows[c->row_of[id] - 1];
}

const struct task_entity *
tasks_entity(const struct tasks *c, const char *entity)
{
	return entity_of(c, strtab_find(&c->strs, entity, strlen(entity)));
}

/* The tags column of an inventory row (key=value pairs separated by ',' or
 * ';'): does it hold a map-migrated value valid for a contract's MPE ID? */
static int
inventory_tagged(const struct tasks *c, const char *tags)
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
	for (i = 0; i < c->contracts->n; i++)
		if (map_tag_check(val, c->contracts->v[i].mpe) == TAG_OK)
			return 1;
	return 0;
}

/* the inventory file: only maptasks reads it (map-formats(5)) */
struct inventory_rec {
	struct span arn, account, region, model, tags;
};
#define R struct inventory_rec
static const struct rfield inventory_f[] = {
	RFIELD("profile_arn", RT_STR, 0, R, arn),
	RFIELD("account", RT_STR, 0, R, account),
	RFIELD("region", RT_STR, 0, R, region),
	RFIELD("model", RT_STR, 0, R, model),
	RFIELD("tags", RT_STR, RF_OPT, R, tags),
};
#undef R
static const struct rschema inventory_schema = { "inventory", inventory_f,
	NELEM(inventory_f) };

static int
inventory_row(struct tasks *c, const struct recr *r, const void *rec,
    struct err *e)
{
	const struct inventory_rec *v = rec;
	struct task_profile *p;

	if (v->arn.n == 0 || strstr(v->arn.s,
	    ":application-inference-profile/") == NULL) {
		rec_bad(r->t, e, "column 'profile_arn': '%s' is not an "
		    "application inference profile ARN", v->arn.s);
		return -1;
	}
	p = profile_add(c);
	p->arn = intern(c, v->arn);
	p->account = intern(c, v->account);
	p->region = intern(c, v->region);
	p->model = intern(c, v->model);
	p->principal = "";
	p->since = DAY_NONE;
	p->tagged = inventory_tagged(c, v->tags.s);
	return 0;
}

int
tasks_load_inventory(struct tasks *c, const char *path, struct err *e)
{
	struct inventory_rec v;

	return each_row(c, path, &inventory_schema, &v, inventory_row, e);
}

const struct task_profile *
profile_for(const struct tasks *c, const char *account, const char *region,
    const char *model, long day)
{
	const struct task_profile *best = NULL;
	size_t i;

	for (i = 0; i < c->nprofiles; i++) {
		const struct task_profile *p = &c->profiles[i];

		if (strcmp(p->account, account) || strcmp(p->region, region) ||
		    strcmp(p->model, model) || (p->since != DAY_NONE &&
		    p->since > day))
			continue;
		if (best == NULL || (p->tagged && !best->tagged) ||
		    (p->tagged == best->tagged && strcmp(p->arn, best->arn) < 0))
			best = p;
	}
	return best;
}

const struct task_profile *
profile_of_caller(const struct tasks *c, const char *principal)
{
	const struct task_profile *best = NULL;
	size_t i;

	if (principal[0] == '\0')
		return NULL;
	for (i = 0; i < c->nprofiles; i++) {
		const struct task_profile *p = &c->profiles[i];

		if (p->tagged && strcmp(p->principal, principal) == 0 &&
		    (best == NULL || strcmp(p->arn, best->arn) < 0))
			best = p;
	}
	return best;
}

/* ---- the task list and its lookups ---- */

/* v, an array of size-byte slots indexed by string id, made to hold id:
 * new slots get the byte fill (0xff: -1, no task; 0: none) */
static void *
ids_grow(void *v, size_t *cap, uint32_t id, size_t size, int fill)
{
	size_t nc = *cap ? *cap : 1024;

	if (id < *cap)
		return v;
	while (nc <= id)
		nc *= 2;
	v = xrealloc(v, nc * size);
	memset((char *)v + *cap * size, fill, (nc - *cap) * size);
	*cap = nc;
	return v;
}

static void
task_index(struct tasks *c, size_t i)
{
	struct task *k = &c->v[i];
	uint32_t id;

	if (i >= c->nextcap) {
		c->nextcap = c->nextcap ? c->nextcap * 2 : 1024;
		c->next = xrealloc(c->next, c->nextcap * sizeof(*c->next));
	}
	c->head = ids_grow(c->head, &c->headcap, k->eid, sizeof(*c->head),
	    0xff);
	c->next[i] = c->head[k->eid];
	c->head[k->eid] = (int32_t)i;
	id = strtab_intern(&c->keys, k->id, strlen(k->id));
	c->byid = ids_grow(c->byid, &c->keycap, id, sizeof(*c->byid), 0);
	c->byid[id] = (uint32_t)i + 1;
}

static struct task *
task_new(struct tasks *c)
{
	struct task *k;

	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	k = &c->v[c->n++];
	memset(k, 0, sizeof(*k));
	return k;
}

struct task *
task_find(const struct tasks *c, const char *id)
{
	uint32_t k = strtab_find(&c->keys, id, strlen(id));

	return k == UINT32_MAX || k >= c->keycap || !c->byid[k] ? NULL :
	    &c->v[c->byid[k] - 1];
}

static int32_t
task_first(const struct tasks *c, const char *entity, size_t n)
{
	uint32_t e = strtab_find(&c->strs, entity, n);

	return e == UINT32_MAX || e >= c->headcap ? -1 : c->head[e];
}

struct task *
task_open_of(const struct tasks *c, const char *entity)
{
	int32_t i;

	for (i = task_first(c, entity, strlen(entity)); i >= 0; i = c->next[i])
		if (c->v[i].open)
			return &c->v[i];
	return NULL;
}

int
task_state_open(int state)
{
	return state == ST_PENDING || state == ST_STALE;
}

static const char *
resolution_of(int to)
{
	if (to == ST_TAGGED)
		return "tagged";
	if (to == ST_INELIGIBLE)
		return "ineligible";
	return "eligible";
}

/* ---- the rules ---- */

static int
principal_route(const struct tasks *c, const struct task_entity *r)
{
	int i = contracts_find(c->contracts, r->contract);

	return i >= 0 && c->contracts->v[i].principal_tagging &&
	    r->principal[0];
}

int
task_decide(const struct tasks *c, const struct task_entity *r, int to,
    int reason, long day, const struct task_profile **pp)
{
	*pp = NULL;
	if (reason == R_KEY_MISSPELLED && (r->kind == K_RESOURCE ||
	    r->kind == K_PROFILE))
		return T_RENAME_TAG_KEY;
	if (r->kind == K_RESOURCE)
		return to == ST_STALE ? T_RETAG_RESOURCE : T_TAG_RESOURCE;
	if (r->kind == K_PROFILE)
		return T_TAG_PROFILE;
	if (r->kind != K_AIDIRECT)
		return -1;
	if (reason == R_DRIFT_FALLBACK) {
		*pp = profile_of_caller(c, r->principal);
		if (*pp == NULL)
			*pp = profile_for(c, r->account, r->region, r->model, day);
		if (*pp)
			return T_ADD_TO_PROFILE;
	}
	/* the caller's own tag drifted or is wrong: fix it there */
	if (to == ST_STALE || reason == R_TAG_MALFORMED || reason == R_TAG_OTHER)
		if (r->principal[0])
			return T_TAG_PRINCIPAL;
	if (principal_route(c, r))
		return T_TAG_PRINCIPAL;
	*pp = profile_for(c, r->account, r->region, r->model, day);
	return *pp ? T_ADD_TO_PROFILE : T_CREATE_PROFILE;
}

void
task_open(struct tasks *c, const struct task_entity *r, int to, int reason,
    long day, const char *last_good)
{
	const struct task_profile *p;
	int type = task_decide(c, r, to, reason, day, &p);
	struct buf idb = { 0 };
	struct task *k;
	char idhex[17], d[DATE_DAYLEN];

	if (type < 0)
		return;
	date_fmt_day(day, d);
	buf_printf(&idb, "%s\t%s\t%s", task_type_names[type], r->entity, d);
	hash_hex(idb.s, idb.len, idhex);
	buf_free(&idb);
	if (task_find(c, idhex))
		return;		/* already known: re-running changes nothing */
	k = task_new(c);
	memcpy(k->id, idhex, sizeof(k->id));
	k->type = type;
	k->open = 1;
	k->fresh = 1;
	k->kind = r->kind;
	/* the row's strings are in the table already: no copies */
	k->entity = r->entity;
	k->eid = r->id;
	k->account = r->account;
	k->region = r->region;
	k->model = r->model;
	k->principal = r->principal;
	k->contract = r->contract;
	k->last_good_tag = to != ST_STALE ? "" : last_good ?
	    interns(c, last_good) : r->last_good_tag;
	k->drift_date = to == ST_STALE ? day : DAY_NONE;
	k->opened = day;
	k->closed = DAY_NONE;
	k->resolution = "";
	k->profile = p ? p->arn : "";
	k->assignee = k->workload = k->owner = k->expected = "";
	task_index(c, c->n - 1);
}

void
task_close(struct tasks *c, struct task *k, long day,
    const char *resolution)
{
	k->open = 0;
	k->closed = day;
	k->resolution = interns(c, resolution);
	k->fresh = 1;
}

/* ---- the previous task list ---- */

int
tasks_add_previous(struct tasks *c, const struct task_rec *t, struct err *e)
{
	struct task *k;

	if (t->task_id.n != 16) {
		err_set(e, EXIT_DATA, 0, "column 'task_id': '%s' is not a "
		    "16-digit hex id", t->task_id.s);
		return -1;
	}
	if (t->at_risk_days < 0) {
		err_set(e, EXIT_DATA, 0, "column 'at_risk_days': empty");
		return -1;
	}
	if (t->opened == DAY_NONE) {
		err_set(e, EXIT_DATA, 0, "column 'opened': empty");
		return -1;
	}
	if (task_find(c, t->task_id.s)) {
		err_set(e, EXIT_DATA, 0, "task '%s' appears twice",
		    t->task_id.s);
		return -1;
	}
	if (c->prev_as_of == DAY_NONE)
		c->prev_as_of = t->as_of;
	k = task_new(c);
	memcpy(k->id, t->task_id.s, 16);
	k->type = t->type;
	k->open = t->status == TS_OPEN;
	k->kind = t->kind;
	k->eid = strtab_intern(&c->strs, t->entity.s, t->entity.n);
	k->entity = strtab_get(&c->strs, k->eid);
	k->account = intern(c, t->account);
	k->region = intern(c, t->region);
	k->model = intern(c, t->model);
	k->principal = intern(c, t->principal);
	k->contract = intern(c, t->contract);
	k->last_good_tag = intern(c, t->last_good_tag);
	k->drift_date = t->drift_date;
	k->opened = t->opened;
	k->closed = t->closed;
	k->resolution = intern(c, t->resolution);
	k->assignee = intern(c, t->assignee);
	k->workload = intern(c, t->workload);
	k->owner = intern(c, t->owner);
	k->profile = intern(c, t->profile);
	k->impact = t->impact_to_date;
	k->risk_spend = t->at_risk_spend;
	k->risk_days = t->at_risk_days;
	k->daily_impact = t->daily_impact;
	k->expected = "";
	task_index(c, c->n - 1);
	return 0;
}

static int
previous_row(struct tasks *c, const struct recr *r, const void *rec,
    struct err *e)
{
	(void)r;
	return tasks_add_previous(c, rec, e);
}

int
tasks_load_previous(struct tasks *c, const char *path, struct err *e)
{
	struct task_rec t;

	if (each_row(c, path, &task_schema, &t, previous_row, e) != 0)
		return -1;
	if (c->prev_as_of != DAY_NONE && c->as_of != DAY_NONE &&
	    c->prev_as_of > c->as_of) {
		char a[DATE_DAYLEN], b[DATE_DAYLEN];

		date_fmt_day(c->prev_as_of, a);
		date_fmt_day(c->as_of, b);
		err_set(e, EXIT_DATA, 0, "the task list is as of %s, later "
		    "than the state (%s): refusing to rewind", a, b);
		return -1;
	}
	return 0;
}

/* ---- events, the state, the ledgers ---- */

/* a day of this run: after the previous list, up to as_of */
static int
in_run(const struct tasks *c, long d)
{
	return !((c->prev_as_of != DAY_NONE && d <= c->prev_as_of) ||
	    d > c->as_of);
}

int
tasks_event(struct tasks *c, const struct event_rec *ev, int has_good,
    struct err *e)
{
	const struct task_entity *r;
	const char *good = has_good ? ev->last_good_tag.s : NULL;
	int from = ev->from, to = ev->to;	/* from: 0 is NEW */
	struct task *k;

	if (!in_run(c, ev->date))
		return 0;
	if ((r = tasks_entity(c, ev->entity.s)) == NULL) {
		err_set(e, EXIT_DATA, 0, "entity '%s' is not in the state",
		    ev->entity.s);
		return -1;
	}
	if (task_state_open(to) && task_state_open(from) && to != from) {
		/* a new situation (e.g. a never-tagged caller that now falls
		 * back from a tagged profile): the old task gives way to the
		 * one the new situation calls for */
		k = task_open_of(c, r->entity);
		if (k && k->opened <= ev->date)
			task_close(c, k, ev->date, "superseded");
		task_open(c, r, to, ev->reason, ev->date, good);
	} else if (task_state_open(to) && !task_state_open(from)) {
		task_open(c, r, to, ev->reason, ev->date, good);
	} else if (!task_state_open(to) && task_state_open(from)) {
		k = task_open_of(c, r->entity);
		if (k && k->opened <= ev->date)
			task_close(c, k, ev->date, resolution_of(to));
	}
	return 0;
}

static int
event_row(struct tasks *c, const struct recr *r, const void *rec,
    struct err *e)
{
	return tasks_event(c, rec, recr_has(r, FE_LAST_GOOD), e);
}

int
tasks_apply_events(struct tasks *c, const char *path, struct err *e)
{
	struct event_rec ev;

	return each_row(c, path, &event_schema, &ev, event_row, e);
}

/* A Create Profile task whose profile appeared (seen in CUR from a day
 * after the task opened, or listed in today's inventory) closes, and the
 * task the situation now calls for opens. */
static void
profile_appeared(struct tasks *c, size_t i, const struct task_entity *r)
{
	struct task *k = &c->v[i];
	const struct task_profile *p = profile_for(c, r->account, r->region,
	    r->model, c->as_of);
	long d, drift;
	const char *good;
	size_t before;

	if (p == NULL || (p->since != DAY_NONE && p->since <= k->opened))
		return;
	d = p->since == DAY_NONE ? c->as_of : p->since;
	drift = k->drift_date;
	good = k->last_good_tag;	/* in the table: stays put */
	before = c->n;
	task_close(c, k, d, "profile-created");
	task_open(c, r, r->state, r->reason, d, good);	/* k moves */
	if (c->n > before) {
		k = &c->v[c->n - 1];
		k->drift_date = drift;
		k->last_good_tag = good;
	}
}

/* The tag's key became misspelled, or the misspelled key went, with no
 * change of state (no event says when): the situation goes on, the fix is
 * another. The open task keeps its id, opening day and impact and takes
 * the type that fits, so nightly and one-shot runs agree. */
static void
key_changed(struct tasks *c, size_t i, const struct task_entity *r)
{
	struct task *k = &c->v[i];
	const struct task_profile *p;
	int t;

	if ((r->kind != K_RESOURCE && r->kind != K_PROFILE) ||
	    (k->type == T_RENAME_TAG_KEY) == (r->reason == R_KEY_MISSPELLED))
		return;
	if ((t = task_decide(c, r, r->state, r->reason, c->as_of, &p)) >= 0) {
		k->type = t;
		k->fresh = 1;
	}
}

void
tasks_reconcile(struct tasks *c)
{
	size_t i, n;

	for (i = 0; i < c->nrows; i++) {
		const struct task_entity *r = &c->rows[i];

		if (task_state_open(r->state) && r->state_since != DAY_NONE &&
		    task_open_of(c, r->entity) == NULL)
			task_open(c, r, r->state, r->reason, r->state_since,
			    NULL);
	}
	n = c->n;
	for (i = 0; i < n; i++) {
		struct task *k = &c->v[i];
		const struct task_entity *r;

		if (!k->open || (r = entity_of(c, k->eid)) == NULL)
			continue;
		if (!task_state_open(r->state))
			task_close(c, k, r->state_since,
			    resolution_of(r->state));
		else if (k->type == T_CREATE_PROFILE)
			profile_appeared(c, i, r);
		else
			key_changed(c, i, r);
	}
}

void
tasks_ledger_row(struct tasks *c, const struct ledger_rec *l)
{
	int32_t i;

	if (!in_run(c, l->date) || !task_state_open(l->state))
		return;
	for (i = task_first(c, l->entity.s, l->entity.n); i >= 0;
	    i = c->next[i]) {
		struct task *k = &c->v[i];

		if (k->opened <= l->date && (k->open || l->date < k->closed)) {
			k->risk_spend += l->eligible;
			k->risk_days++;
			break;
		}
	}
}

static int
ledger_row(struct tasks *c, const struct recr *r, const void *rec,
    struct err *e)
{
	(void)r;
	(void)e;
	tasks_ledger_row(c, rec);
	return 0;
}

int
tasks_apply_ledger(struct tasks *c, const char *path, struct err *e)
{
	struct ledger_rec l;

	return each_row(c, path, &ledger_schema, &l, ledger_row, e);
}

/* ---- what the tasks show ---- */

/* the money a task blocks: from the ledgers' days at risk, or (no
 * ledger) the state's recent daily spend for the days it has been open */
static void
impact(const struct tasks *c, struct task *k, const struct task_entity *r,
    const struct contract *ct, int have_ledger)
{
	if (k->risk_days > 0) {
		k->impact = money_mul(k->risk_spend, ct->rate);
		k->daily_impact = money_scale(k->impact, 1, k->risk_days);
	} else if (r && (k->open || !have_ledger)) {
		long end = k->open ? c->as_of + 1 : k->closed;

		k->daily_impact = money_mul(r->daily_cost, ct->rate);
		k->impact = money_scale(k->daily_impact,
		    end > k->opened ? end - k->opened : 0, 1);
	}
	k->daily_impact = money_round(k->daily_impact, 2);
	k->impact = money_round(k->impact, 2);
}

/* The value a fix puts on: after drift, the last correct value when it
 * is valid for the task's contract (sap12345 stays sap12345); else
 * mig<MPE>. */
static void
task_expected(const struct task *k, const struct contract *ct, char *val,
    size_t n)
{
	if (k->last_good_tag[0] && strlen(k->last_good_tag) < n &&
	    map_tag_check(k->last_good_tag, ct->mpe) == TAG_OK)
		memcpy(val, k->last_good_tag, strlen(k->last_good_tag) + 1);
	else
		map_tag_expected(ct->mpe, val, n);
}

void
tasks_refresh(struct tasks *c, int have_ledger)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		struct task *k = &c->v[i];
		const struct task_entity *r = entity_of(c, k->eid);
		int ci = contracts_find(c->contracts, k->contract);
		const struct contract *ct;
		char val[64], exp[64 + 16];

		if (ci < 0 && r)
			ci = contracts_find(c->contracts, r->contract);
		ct = ci >= 0 ? &c->contracts->v[ci] : NULL;
		val[0] = '\0';
		if (ct)
			task_expected(k, ct, val, sizeof(val));
		/* a rename keeps the value when it is valid */
		if (ct && r && k->type == T_RENAME_TAG_KEY &&
		    strlen(r->misvalue) < sizeof(val) &&
		    map_tag_check(r->misvalue, ct->mpe) == TAG_OK)
			memcpy(val, r->misvalue, strlen(r->misvalue) + 1);
		/* task_text takes the value back from after the '=' */
		snprintf(exp, sizeof(exp), "map-migrated=%s", val);
		k->expected = interns(c, exp);
		if (r && (k->open || k->fresh)) {
			int owned = strcmp(r->workload, "unowned") != 0;

			k->assignee = r->engineer[0] ? r->engineer :
			    "unassigned";
			k->workload = owned ? r->workload : "";
			k->owner = owned ? r->owner : "";
		}
		if (k->assignee[0] == '\0')
			k->assignee = "unassigned";
		k->row = r ? (uint32_t)(r - c->rows) + 1 : 0;
		if (ct)
			impact(c, k, r, ct, have_ledger);
	}
}

static int
cmp_task(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	int d;

	if (x->opened != y->opened)
		return x->opened < y->opened ? -1 : 1;
	/* one table: the same string is the same id (a long id is not
	 * compared with itself) */
	if (x->eid != y->eid && (d = strcmp(x->entity, y->entity)) != 0)
		return d;
	if (x->type != y->type)
		return x->type - y->type;
	return strcmp(x->id, y->id);
}

void
tasks_sort(struct tasks *c)
{
	size_t i;

	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), cmp_task);
	/* the lookups follow the tasks to their new places */
	for (i = 0; i < c->headcap; i++)
		c->head[i] = -1;
	for (i = 0; i < c->keycap; i++)
		c->byid[i] = 0;
	for (i = c->n; i > 0; i--)
		task_index(c, i - 1);
}
