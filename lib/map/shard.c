#define _GNU_SOURCE		/* qsort_r (POSIX.1-2024; glibc wants this) */
/* shard.c: the shard key, the split, the first days and the merge of a
 * sharded night (shard.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/hash.h"
#include "core/rec.h"
#include "map/formats.h"
#include "map/shard.h"
#include "map/vocab.h"

static int
is(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(s, name, n) == 0;
}

/* field i (0-based) of a colon-separated string, or -1 */
static int
colon_field(const char *s, size_t n, int i, size_t *off, size_t *len)
{
	size_t a = 0, k;

	for (k = 0; k <= n; k++)
		if (k == n || s[k] == ':') {
			if (i-- == 0) {
				*off = a;
				*len = k - a;
				return 0;
			}
			a = k + 1;
		}
	return -1;
}

/* The account a Bedrock entity's own key names: ai-direct:ACCOUNT:...,
 * an IAM or STS principal's ARN, an application inference profile's ARN;
 * nothing (0) for any other key. A function of the key alone, so every
 * row of one entity agrees, whatever its usage account. */
static int
bedrock_account(const char *e, size_t n, size_t *off, size_t *len)
{
	size_t so, sl, ro, rl;

	if (n > 10 && memcmp(e, "ai-direct:", 10) == 0)
		return colon_field(e, n, 1, off, len) == 0 && *len > 0;
	if (n < 4 || memcmp(e, "arn:", 4) != 0 ||
	    colon_field(e, n, 2, &so, &sl) != 0 ||
	    colon_field(e, n, 4, off, len) != 0 || *len == 0 ||
	    colon_field(e, n, 5, &ro, &rl) != 0)
		return 0;
	if ((sl == 3 && memcmp(e + so, "iam", 3) == 0) ||
	    (sl == 3 && memcmp(e + so, "sts", 3) == 0))
		return 1;
	return sl == 7 && memcmp(e + so, "bedrock", 7) == 0 &&
	    n - ro > 30 && memcmp(e + ro, "application-inference-profile/",
	    30) == 0;
}

unsigned
shard_of(const char *kind, size_t kn, const char *entity, size_t en,
    unsigned n)
{
	size_t off, len;

	if (n <= 1 || kn == 0 || is(kind, kn, KIND_NONE_NAME))
		return 0;
	if (bedrock_account(entity, en, &off, &len))
		return (unsigned)(hash_xxh64(entity + off, len) % n);
	return (unsigned)(hash_xxh64(entity, en) % n);
}

/* ---- first days ---- */

void
seen_init(struct shard_seen *s)
{
	memset(s, 0, sizeof(*s));
	strtab_init(&s->accts);
	s->data = DAY_NONE;
}

void
seen_free(struct shard_seen *s)
{
	strtab_free(&s->accts);
	free(s->day);
	memset(s, 0, sizeof(*s));
}

void
seen_account(struct shard_seen *s, const char *acct, size_t n, long day)
{
	uint32_t id;

	if (day == DAY_NONE)
		return;
	id = strtab_intern(&s->accts, acct, n);
	if (id >= s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64, i;

		while (cap <= id)
			cap *= 2;
		s->day = xrealloc(s->day, cap * sizeof(*s->day));
		for (i = s->cap; i < cap; i++)
			s->day[i] = DAY_NONE;
		s->cap = cap;
	}
	if (s->day[id] == DAY_NONE || day < s->day[id])
		s->day[id] = day;
}

void
seen_data(struct shard_seen *s, long day)
{
	if (day != DAY_NONE && (s->data == DAY_NONE || day < s->data))
		s->data = day;
}

int
seen_read(struct shard_seen *s, const char *path, struct err *e)
{
	struct recr *r = recr_open(path, &seen_schema, e);
	struct seen_rec v;
	int rc;

	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &v, e)) == 1) {
		if (is(v.scope.s, v.scope.n, "data") && v.account.n == 0)
			seen_data(s, v.first_seen);
		else if (is(v.scope.s, v.scope.n, "account") && v.account.n)
			seen_account(s, v.account.s, v.account.n, v.first_seen);
		else {
			rec_bad(r->t, e, "column 'scope': '%s' with account "
			    "'%s' (data with no account, or account with one)",
			    v.scope.s, v.account.s);
			rc = -1;
			break;
		}
	}
	recr_close(r);
	return rc < 0 ? -1 : 0;
}

static int
cmp_acct(const void *a, const void *b, void *arg)
{
	const struct strtab *t = arg;

	return strcmp(strtab_get(t, *(const uint32_t *)a),
	    strtab_get(t, *(const uint32_t *)b));
}

void
seen_write(const struct shard_seen *s, struct out *o)
{
	uint32_t *ids = xcalloc(s->accts.n + 1, sizeof(*ids)), i;

	for (i = 0; i < s->accts.n; i++)
		ids[i] = i;
	qsort_r(ids, s->accts.n, sizeof(*ids), cmp_acct, (void *)&s->accts);
	out_s(o, HDR_SEEN);
	if (s->data != DAY_NONE) {
		out_s(o, "data\t\t");
		out_day(o, s->data);
		out_c(o, '\n');
	}
	for (i = 0; i < s->accts.n; i++) {
		if (s->day[ids[i]] == DAY_NONE)
			continue;
		out_s(o, "account\t");
		out_vals(o, strtab_get(&s->accts, ids[i]));
		out_c(o, '\t');
		out_day(o, s->day[ids[i]]);
		out_c(o, '\n');
	}
	free(ids);
}

/* ---- rows ---- */

/* n fields, escaped, tab-separated, a line (len NULL: NUL-terminated) */
static void
put_fields(struct out *o, char *const *f, const size_t *len, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			out_c(o, '\t');
		out_val(o, f[i], len ? len[i] : strlen(f[i]));
	}
	out_c(o, '\n');
}

/* the current row, escaped again (the tools write the canonical escapes,
 * so the bytes are those read) */
static void
put_row(struct out *o, const struct tsvr *t)
{
	put_fields(o, t->f, t->len, t->nf);
}

static void
put_header(struct out *o, const struct tsvr *t)
{
	put_fields(o, t->hdr, NULL, t->nf);
}

static int
same_header(const struct tsvr *a, const struct tsvr *b)
{
	size_t i;

	if (a->nf != b->nf)
		return 0;
	for (i = 0; i < a->nf; i++)
		if (strcmp(a->hdr[i], b->hdr[i]) != 0)
			return 0;
	return 1;
}

/* ---- the split ---- */

static void
hdr_free(struct shard_split *sp)
{
	strv_free(sp->hdr.hdr, sp->hdr.nf);
	sp->hdr.hdr = NULL;
	sp->hdr.nf = 0;
}

int
shard_split_open(struct shard_split *sp, const char *dir, unsigned n,
    long keep, struct out *keep_out, struct shard_seen *seen,
    struct err *e)
{
	memset(sp, 0, sizeof(*sp));
	if (n < 1 || n > SHARD_MAX || keep >= (long)n) {
		err_set(e, EXIT_USAGE, 0, "shard %ld of %u: out of range", keep,
		    n);
		return -1;
	}
	sp->n = n;
	sp->keep = keep;
	sp->keep_out = keep_out;
	sp->seen = seen;
	if (keep < 0) {
		unsigned k;

		sp->dir = xstrdup(dir);
		sp->f = xcalloc(n, sizeof(*sp->f));
		for (k = 0; k < n; k++) {
			struct buf p = { 0 };
			int rc;

			buf_printf(&p, "%s/%u.tsv", dir, k);
			rc = afile_open(&sp->f[k], p.s, AF_REGULAR, e);
			if (rc != 0) {
				char m[sizeof(e->msg)];

				memcpy(m, e->msg, sizeof(m));
				err_set(e, e->status, 0, "%s: %s", p.s, m);
			}
			buf_free(&p);
			if (rc != 0) {
				sp->n = k;
				shard_split_abort(sp);
				return -1;
			}
		}
	}
	return 0;
}

int
shard_split_read(struct shard_split *sp, const char *path, struct err *e)
{
	struct tsvr *t = tsvr_open(path, e);
	int ck, ce, ca, cs = -1, cd = -1, rc;
	unsigned k;

	if (t == NULL)
		return -1;
	if ((ck = tsvr_need(t, "entity_kind", e)) < 0 ||
	    (ce = tsvr_need(t, "entity", e)) < 0 ||
	    (ca = tsvr_need(t, "account", e)) < 0 ||
	    (sp->seen && (cs = tsvr_col(t, "usage_start")) < 0 &&
	    (cd = tsvr_need(t, "first_seen", e)) < 0)) {
		e->line = 1;
		tsvr_close(t);
		return -1;
	}
	if (sp->header_done && !same_header(&sp->hdr, t)) {
		err_set(e, EXIT_DATA, 1, "its header is not that of the "
		    "file before (the files split together are of one "
		    "format)");
		tsvr_close(t);
		return -1;
	}
	if (!sp->header_done) {
		size_t i;

		sp->hdr.nf = t->nf;
		sp->hdr.hdr = xcalloc(t->nf ? t->nf : 1, sizeof(char *));
		for (i = 0; i < t->nf; i++)
			sp->hdr.hdr[i] = xstrdup(t->hdr[i]);
		if (sp->keep >= 0)
			put_header(sp->keep_out, t);
		else
			for (k = 0; k < sp->n; k++)
				put_header(&sp->f[k].o, t);
		sp->header_done = 1;
	}
	while ((rc = tsvr_next(t, e)) == 1) {
		k = shard_of(t->f[ck], t->len[ck], t->f[ce], t->len[ce], sp->n);
		if ((cs >= 0 || cd >= 0) && t->len[ck] && !is(t->f[ck],
		    t->len[ck], KIND_NONE_NAME)) {
			int64_t ts;
			long day;

			/* a charge line's day, or a state's first_seen */
			if (cs >= 0 ? rec_ts(t, cs, 0, &ts, e) : rec_day(t, cd,
			    1, &day, e)) {
				rc = -1;
				break;
			}
			if (cs >= 0)
				day = date_day(ts);
			seen_data(sp->seen, day);
			seen_account(sp->seen, t->f[ca], t->len[ca], day);
		}
		if (sp->keep >= 0) {
			if ((long)k == sp->keep)
				put_row(sp->keep_out, t);
		} else
			put_row(&sp->f[k].o, t);
	}
	tsvr_close(t);
	return rc < 0 ? -1 : 0;
}

int
shard_split_commit(struct shard_split *sp, struct err *e)
{
	unsigned k;

	for (k = 0; k < sp->n && sp->f; k++)
		if (afile_commit(&sp->f[k], e) != 0) {
			char m[sizeof(e->msg)];

			memcpy(m, e->msg, sizeof(m));
			err_set(e, e->status, 0, "%s/%u.tsv: %s", sp->dir, k, m);
			for (k++; k < sp->n; k++)
				afile_abort(&sp->f[k]);
			free(sp->f);
			free(sp->dir);
			sp->f = NULL;
			sp->dir = NULL;
			hdr_free(sp);
			return -1;
		}
	free(sp->f);
	free(sp->dir);
	sp->f = NULL;
	sp->dir = NULL;
	hdr_free(sp);
	return 0;
}

void
shard_split_abort(struct shard_split *sp)
{
	unsigned k;

	for (k = 0; k < sp->n && sp->f; k++)
		afile_abort(&sp->f[k]);
	free(sp->f);
	free(sp->dir);
	sp->f = NULL;
	sp->dir = NULL;
	hdr_free(sp);
}

/* ---- the merge ---- */

static const char *const keys_state[] = { "entity" };
static const char *const keys_dated[] = { "date", "entity" };
static const char *const keys_tasks[] = { "opened", "entity" };

const char *const *
shard_merge_keys(const struct tsvr *t, size_t *nk)
{
	if (t->nf < 2)
		return NULL;
	if (strcmp(t->hdr[0], "as_of") == 0 && strcmp(t->hdr[1], "entity") == 0) {
		*nk = NELEM(keys_state);
		return keys_state;
	}
	if (strcmp(t->hdr[0], "date") == 0 && strcmp(t->hdr[1], "entity") == 0) {
		*nk = NELEM(keys_dated);
		return keys_dated;
	}
	if (strcmp(t->hdr[0], "as_of") == 0 && strcmp(t->hdr[1], "task_id") == 0) {
		*nk = NELEM(keys_tasks);
		return keys_tasks;
	}
	return NULL;
}

int
shard_is_notify(const struct tsvr *t)
{
	return t->nf >= 4 && strcmp(t->hdr[0], "as_of") == 0 &&
	    strcmp(t->hdr[1], "owner") == 0 && tsvr_col(t, "task_id") >= 0;
}

struct mfile {
	struct tsvr *t;
	const char *path;
	int *col;
	int live;		/* a row is in t */
	struct buf last;	/* the previous row's keys, for the order check */
};

static int
keycmp(const struct mfile *a, const struct mfile *b, size_t nk)
{
	size_t i;

	for (i = 0; i < nk; i++) {
		int ca = a->col[i], cb = b->col[i];
		size_t na = a->t->len[ca], nb = b->t->len[cb];
		int c = memcmp(a->t->f[ca], b->t->f[cb], na < nb ? na : nb);

		if (c)
			return c;
		if (na != nb)
			return na < nb ? -1 : 1;
	}
	return 0;
}

/* the row's keys, NUL-separated (no key holds a NUL) */
static void
keys_of(const struct mfile *m, size_t nk, struct buf *b)
{
	size_t i;

	b->len = 0;
	for (i = 0; i < nk; i++) {
		buf_add(b, m->t->f[m->col[i]], m->t->len[m->col[i]]);
		buf_addc(b, 0);
	}
}

static int
advance(struct mfile *m, size_t nk, const char *const *keys, struct err *e)
{
	struct buf now = { 0 };
	int rc = tsvr_next(m->t, e);

	m->live = rc == 1;
	if (rc != 1)
		return rc;
	keys_of(m, nk, &now);
	if (m->last.len) {
		size_t n = now.len < m->last.len ? now.len : m->last.len;
		int c = memcmp(m->last.s, now.s, n);

		if (c > 0 || (c == 0 && m->last.len > now.len)) {
			err_set(e, EXIT_DATA, m->t->lineno, "not in the order "
			    "its tool writes (by %s%s%s): a sharded output "
			    "out of order, or not one", keys[0], nk > 1 ?
			    ", " : "", nk > 1 ? keys[1] : "");
			buf_free(&now);
			return -1;
		}
	}
	buf_free(&m->last);
	m->last = now;
	return 1;
}

static void
mfiles_close(struct mfile *m, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		tsvr_close(m[i].t);
		free(m[i].col);
		buf_free(&m[i].last);
	}
	free(m);
}

/* open every file and check they share the first one's header */
static struct mfile *
mfiles_open(const char *const *paths, size_t n, const char **bad,
    struct err *e)
{
	struct mfile *m = xcalloc(n ? n : 1, sizeof(*m));
	size_t i;

	for (i = 0; i < n; i++) {
		m[i].path = paths[i];
		if ((m[i].t = tsvr_open(paths[i], e)) == NULL) {
			*bad = paths[i];
			mfiles_close(m, i);
			return NULL;
		}
		if (i && !same_header(m[0].t, m[i].t)) {
			err_set(e, EXIT_DATA, 1, "its header is not that of %s "
			    "(shards of one file share one header)", paths[0]);
			*bad = paths[i];
			mfiles_close(m, i + 1);
			return NULL;
		}
	}
	return m;
}

int
shard_merge(const char *const *paths, size_t n, struct out *o,
    const char **bad, struct err *e)
{
	struct mfile *m;
	const char *const *keys;
	size_t nk = 0, i, k;
	int rc = 0;

	*bad = n ? paths[0] : "";
	if (n == 0) {
		err_set(e, EXIT_USAGE, 0, "no file to merge");
		return -1;
	}
	if ((m = mfiles_open(paths, n, bad, e)) == NULL)
		return -1;
	keys = shard_merge_keys(m[0].t, &nk);
	if (keys == NULL) {
		err_set(e, EXIT_DATA, 1, shard_is_notify(m[0].t) ?
		    "notifications follow their tasks' order: merge them with "
		    "the merged task list" : "not a state, events, ledger or "
		    "task list (the files merged by key)");
		mfiles_close(m, n);
		return -1;
	}
	for (i = 0; i < n; i++) {
		m[i].col = xcalloc(nk, sizeof(int));
		for (k = 0; k < nk; k++)
			if ((m[i].col[k] = tsvr_need(m[i].t, keys[k], e)) < 0) {
				e->line = 1;
				*bad = paths[i];
				mfiles_close(m, n);
				return -1;
			}
	}
	put_header(o, m[0].t);
	for (i = 0; i < n; i++)
		if (advance(&m[i], nk, keys, e) < 0) {
			*bad = paths[i];
			mfiles_close(m, n);
			return -1;
		}
	for (;;) {
		struct mfile *best = NULL;

		/* the smallest key, the first file among equals (N is small:
		 * a linear pick) */
		for (i = 0; i < n; i++)
			if (m[i].live && (best == NULL ||
			    keycmp(&m[i], best, nk) < 0))
				best = &m[i];
		if (best == NULL)
			break;
		/* an entity's rows all come from one shard */
		for (i = 0; i < n; i++)
			if (m[i].live && &m[i] != best &&
			    keycmp(&m[i], best, nk) == 0) {
				err_set(e, EXIT_DATA, m[i].t->lineno, "entity "
				    "'%s' is also in %s: one entity in two "
				    "shards", m[i].t->f[m[i].col[nk - 1]],
				    best->path);
				*bad = m[i].path;
				mfiles_close(m, n);
				return -1;
			}
		put_row(o, best->t);
		if (advance(best, nk, keys, e) < 0) {
			*bad = best->path;
			rc = -1;
			break;
		}
	}
	mfiles_close(m, n);
	return rc;
}

/* ---- notifications, in their tasks' order ---- */

struct nrow {
	uint32_t pos;		/* the task's row in the task list */
	size_t file, seq;
	char *line;
};

static int
cmp_nrow(const void *a, const void *b)
{
	const struct nrow *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int
shard_merge_by_task(const char *const *paths, size_t n, const char *tasks,
    struct out *o, const char **bad, struct err *e)
{
	struct strtab ids;
	struct tsvr *t;
	struct mfile *m;
	struct nrow *v = NULL;
	size_t nv = 0, cap = 0, i;
	int ci, rc = 0;

	*bad = tasks;
	if (n == 0) {
		err_set(e, EXIT_USAGE, 0, "no file to merge");
		return -1;
	}
	if ((t = tsvr_open(tasks, e)) == NULL)
		return -1;
	if ((ci = tsvr_need(t, "task_id", e)) < 0) {
		e->line = 1;
		tsvr_close(t);
		return -1;
	}
	strtab_init(&ids);
	while ((rc = tsvr_next(t, e)) == 1)
		strtab_intern(&ids, t->f[ci], t->len[ci]);
	tsvr_close(t);
	if (rc < 0) {
		strtab_free(&ids);
		return -1;
	}
	if ((m = mfiles_open(paths, n, bad, e)) == NULL) {
		strtab_free(&ids);
		return -1;
	}
	if (!shard_is_notify(m[0].t)) {
		err_set(e, EXIT_DATA, 1, "not a notifications file");
		*bad = paths[0];
		rc = -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		int c = tsvr_col(m[i].t, "task_id");
		size_t seq = 0;

		while ((rc = tsvr_next(m[i].t, e)) == 1) {
			struct buf lo = { 0 };
			uint32_t id = strtab_find(&ids, m[i].t->f[c],
			    m[i].t->len[c]);

			if (id == UINT32_MAX) {
				rec_bad(m[i].t, e, "column 'task_id': '%s' is "
				    "not in %s", m[i].t->f[c], tasks);
				*bad = paths[i];
				rc = -1;
				break;
			}
			if (nv == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof(*v));
			}
			tsvr_line(m[i].t, &lo);
			v[nv].pos = id;
			v[nv].file = i;
			v[nv].seq = seq++;
			v[nv].line = xstrdup(buf_cstr(&lo));
			buf_free(&lo);
			nv++;
		}
		if (rc < 0 && *bad == tasks)
			*bad = paths[i];
	}
	if (rc == 0) {
		qsort(v, nv, sizeof(*v), cmp_nrow);
		put_header(o, m[0].t);
		for (i = 0; i < nv; i++)
			out_s(o, v[i].line);
	}
	for (i = 0; i < nv; i++)
		free(v[i].line);
	free(v);
	mfiles_close(m, n);
	strtab_free(&ids);
	return rc < 0 ? -1 : 0;
}
