/* revised.c: the revisions between two ledgers (revised.h). */
#define _GNU_SOURCE		/* qsort_r (POSIX.1-2024; glibc wants this) */
#include <stdlib.h>
#include <string.h>

#include "core/rec.h"
#include "map/revised.h"

/* one ledger, read group by group: a group is the rows of one date and
 * entity, kept by its last row. Keys and values are the decoded bytes, as
 * mapstate orders them; only a revision is escaped again. */
struct side {
	const char *path;
	struct tsvr *t;
	int cd, ce, cv[3];	/* date, entity; eligible, accruing, state */
	int live;		/* a row not yet grouped is in t, its key in
				 * next */
	int has;		/* a group is in key, val */
	struct buf key, next;	/* date, NUL, entity */
	size_t dlen;		/* the date's length in key */
	struct buf val[3];
};

static int
cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : an < bn ? -1 : an > bn;
}

/* the next row into t and its key into s->next: 0, or -1 with e set */
static int
side_row(struct side *s, struct err *e)
{
	const struct tsvr *t = s->t;
	long day;
	int rc = tsvr_next(s->t, e);

	s->live = rc == 1;
	if (rc != 1)
		return rc;
	if (rec_day(t, s->cd, 0, &day, e) != 0)
		return -1;
	s->next.len = 0;
	buf_add(&s->next, t->f[s->cd], t->len[s->cd]);
	buf_addc(&s->next, 0);
	buf_add(&s->next, t->f[s->ce], t->len[s->ce]);
	return 0;
}

static int
side_open(struct side *s, const char *path, struct err *e)
{
	static const char *const vn[3] = { "eligible_cost", "accruing_cost",
	    "state" };
	int i;

	s->path = path;
	if ((s->t = tsvr_open(path, e)) == NULL ||
	    (s->cd = tsvr_need(s->t, "date", e)) < 0 ||
	    (s->ce = tsvr_need(s->t, "entity", e)) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if ((s->cv[i] = tsvr_need(s->t, vn[i], e)) < 0)
			return -1;
	return side_row(s, e);
}

static void
side_close(struct side *s)
{
	int i;

	tsvr_close(s->t);
	buf_free(&s->key);
	buf_free(&s->next);
	for (i = 0; i < 3; i++)
		buf_free(&s->val[i]);
}

/* The next group: 0 (s->has says whether there was one), -1 with e set. */
static int
side_next(struct side *s, struct err *e)
{
	struct buf b;
	int i;

	s->has = 0;
	if (!s->live)
		return 0;
	if (s->key.len && cmp_bytes(s->key.s, s->key.len, s->next.s,
	    s->next.len) >= 0) {
		err_set(e, EXIT_DATA, s->t->lineno, "not in the order mapstate "
		    "writes a ledger (by date, entity)");
		return -1;
	}
	b = s->key;		/* the pending row's key is the group's */
	s->key = s->next;
	s->next = b;
	s->dlen = s->t->len[s->cd];
	s->has = 1;
	do {
		for (i = 0; i < 3; i++) {
			s->val[i].len = 0;
			buf_add(&s->val[i], s->t->f[s->cv[i]],
			    s->t->len[s->cv[i]]);
		}
		if (side_row(s, e) < 0)
			return -1;
	} while (s->live && s->next.len == s->key.len &&
	    memcmp(s->next.s, s->key.s, s->key.len) == 0);
	return 0;
}

/* a day's revisions: each one's entity and six values, escaped, at
 * v[i].off in b */
struct day_revs {
	struct buf b;
	struct rev {
		size_t off, len;
	} *v;
	size_t n, cap;
};

static void
add_rev(struct day_revs *r, const struct side *o, const struct side *n)
{
	const struct side *k = o ? o : n;
	size_t at = r->b.len;
	int i;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	tsv_escape(&r->b, k->key.s + k->dlen + 1, k->key.len - k->dlen - 1);
	for (i = 0; i < 3; i++) {
		buf_addc(&r->b, '\t');
		if (o)
			tsv_escape(&r->b, o->val[i].s, o->val[i].len);
		else
			buf_addc(&r->b, '-');
		buf_addc(&r->b, '\t');
		if (n)
			tsv_escape(&r->b, n->val[i].s, n->val[i].len);
		else
			buf_addc(&r->b, '-');
	}
	r->v[r->n].off = at;
	r->v[r->n++].len = r->b.len - at;
}

static int
cmp_rev(const void *a, const void *b, void *base)
{
	const struct rev *x = a, *y = b;

	return cmp_bytes((char *)base + x->off, x->len, (char *)base + y->off,
	    y->len);
}

/* the day's revisions, sorted as sort(1) sorts their lines */
static void
flush_day(struct day_revs *r, const char *date, size_t dlen, struct out *o)
{
	size_t i;

	if (r->n == 0)		/* no revision: v may be NULL */
		return;
	qsort_r(r->v, r->n, sizeof(*r->v), cmp_rev, r->b.s);
	for (i = 0; i < r->n; i++) {
		out_add(o, date, dlen);
		out_c(o, '\t');
		out_add(o, r->b.s + r->v[i].off, r->v[i].len);
		out_c(o, '\n');
	}
	r->n = 0;
	r->b.len = 0;
}

/* does s's group fall on day d? */
static int
on_day(const struct side *s, const struct buf *d)
{
	return s->has && s->dlen == d->len && memcmp(s->key.s, d->s,
	    d->len) == 0;
}

static int
same_vals(const struct side *a, const struct side *b)
{
	int i;

	for (i = 0; i < 3; i++)
		if (a->val[i].len != b->val[i].len || memcmp(a->val[i].s,
		    b->val[i].s, a->val[i].len) != 0)
			return 0;
	return 1;
}

/* the side whose group failed, for the caller's message */
#define NEXT(s) do { if (side_next(s, e) < 0) { bad_side = s; \
	goto out; } } while (0)

int
ledger_revised(const char *before, const char *after, struct out *o,
    const char **bad, struct err *e)
{
	struct side sd[2], *ob = &sd[0], *nw = &sd[1], *bad_side = NULL;
	struct day_revs r = { 0 };
	struct buf date = { 0 };
	int rc = -1;

	memset(sd, 0, sizeof(sd));
	if (side_open(ob, before, e) < 0) {
		bad_side = ob;
		goto out;
	}
	if (side_open(nw, after, e) < 0) {
		bad_side = nw;
		goto out;
	}
	out_s(o, REVISED_HDR);
	NEXT(ob);
	NEXT(nw);
	while (ob->has || nw->has) {
		const struct side *m;
		int c;

		/* the earliest date either has */
		if (ob->has && nw->has)
			m = cmp_bytes(ob->key.s, ob->dlen, nw->key.s,
			    nw->dlen) <= 0 ? ob : nw;
		else
			m = ob->has ? ob : nw;
		date.len = 0;
		buf_add(&date, m->key.s, m->dlen);
		if (!on_day(ob, &date) || !on_day(nw, &date)) {
			/* a day one ledger has and the other does not */
			struct side *s = on_day(ob, &date) ? ob : nw;

			while (on_day(s, &date))
				NEXT(s);
			continue;
		}
		while (on_day(ob, &date) || on_day(nw, &date)) {
			if (on_day(ob, &date) && on_day(nw, &date))
				c = cmp_bytes(ob->key.s, ob->key.len,
				    nw->key.s, nw->key.len);
			else
				c = on_day(ob, &date) ? -1 : 1;
			if (c == 0) {
				if (!same_vals(ob, nw))
					add_rev(&r, ob, nw);
				NEXT(ob);
				NEXT(nw);
			} else if (c < 0) {
				add_rev(&r, ob, NULL);
				NEXT(ob);
			} else {
				add_rev(&r, NULL, nw);
				NEXT(nw);
			}
		}
		flush_day(&r, date.s, date.len, o);
	}
	rc = 0;
out:
	if (bad_side)
		*bad = bad_side->path;
	side_close(ob);
	side_close(nw);
	buf_free(&date);
	buf_free(&r.b);
	free(r.v);
	return rc;
}
