/* revised.c: the revisions between two ledgers (revised.h). */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/revised.h"

/* one ledger, read group by group: a group is the rows of one date and
 * entity, kept by its last row */
struct side {
	const char *path;
	struct tsvr *t;
	int cd, ce, cv[3];	/* date, entity; eligible, accruing, state */
	int live;		/* a row not yet grouped is in t */
	int has;		/* a group is in key, val */
	struct buf key;		/* date, NUL, entity (escaped) */
	size_t dlen;		/* the date's length in key */
	struct buf val[3];	/* escaped */
};

static int
cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);

	return c ? c : an < bn ? -1 : an > bn;
}

static int
side_open(struct side *s, const char *path, struct err *e)
{
	static const char *const vn[3] = { "eligible_cost", "accruing_cost",
	    "state" };
	int i, rc;

	memset(s, 0, sizeof(*s));
	s->path = path;
	if ((s->t = tsvr_open(path, e)) == NULL)
		return -1;
	if ((s->cd = tsvr_need(s->t, "date", e)) < 0 ||
	    (s->ce = tsvr_need(s->t, "entity", e)) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if ((s->cv[i] = tsvr_need(s->t, vn[i], e)) < 0)
			return -1;
	if ((rc = tsvr_next(s->t, e)) < 0)
		return -1;
	s->live = rc == 1;
	return 0;
}

static void
side_close(struct side *s)
{
	int i;

	tsvr_close(s->t);
	buf_free(&s->key);
	for (i = 0; i < 3; i++)
		buf_free(&s->val[i]);
}

/* the current row's key, as side.key holds one */
static void
row_key(const struct side *s, struct buf *b)
{
	b->len = 0;
	tsv_escape(b, s->t->f[s->cd], s->t->len[s->cd]);
	buf_addc(b, 0);
	tsv_escape(b, s->t->f[s->ce], s->t->len[s->ce]);
}

/* The next group: 0 (s->has says whether there was one), -1 with e set. */
static int
side_next(struct side *s, struct buf *tmp, struct err *e)
{
	long day;
	int i, rc;

	s->has = 0;
	if (!s->live)
		return 0;
	if (date_parse_day(s->t->f[s->cd], s->t->len[s->cd], &day)) {
		err_set(e, EXIT_DATA, s->t->lineno, "column 'date': invalid "
		    "date '%s'", s->t->f[s->cd]);
		return -1;
	}
	row_key(s, tmp);
	if (s->key.len && cmp_bytes(s->key.s, s->key.len, tmp->s,
	    tmp->len) >= 0) {
		err_set(e, EXIT_DATA, s->t->lineno, "not in the order mapstate "
		    "writes a ledger (by date, entity)");
		return -1;
	}
	s->key.len = 0;
	buf_add(&s->key, tmp->s, tmp->len);
	s->dlen = s->t->len[s->cd];
	s->has = 1;
	for (;;) {
		for (i = 0; i < 3; i++) {
			s->val[i].len = 0;
			tsv_escape(&s->val[i], s->t->f[s->cv[i]],
			    s->t->len[s->cv[i]]);
		}
		if ((rc = tsvr_next(s->t, e)) < 0)
			return -1;
		s->live = rc == 1;
		if (!s->live)
			return 0;
		row_key(s, tmp);
		if (tmp->len != s->key.len || memcmp(tmp->s, s->key.s,
		    tmp->len) != 0)
			return 0;
	}
}

/* one revision of a day: entity, then the six values, in rev.s */
struct day_revs {
	struct buf b;
	size_t *off, *len, n, cap;
};

static void
add_rev(struct day_revs *r, const struct side *o, const struct side *n)
{
	const struct side *k = o ? o : n;
	const char *ent = k->key.s + k->dlen + 1;
	size_t elen = k->key.len - k->dlen - 1, at = r->b.len;
	int i;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->off = xrealloc(r->off, r->cap * sizeof(*r->off));
		r->len = xrealloc(r->len, r->cap * sizeof(*r->len));
	}
	buf_add(&r->b, ent, elen);
	for (i = 0; i < 3; i++) {
		buf_addc(&r->b, '\t');
		if (o)
			buf_add(&r->b, o->val[i].s, o->val[i].len);
		else
			buf_addc(&r->b, '-');
		buf_addc(&r->b, '\t');
		if (n)
			buf_add(&r->b, n->val[i].s, n->val[i].len);
		else
			buf_addc(&r->b, '-');
	}
	r->off[r->n] = at;
	r->len[r->n++] = r->b.len - at;
}

static const char *sort_base;

static int
cmp_rev(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return cmp_bytes(sort_base + x[0], x[1], sort_base + y[0], y[1]);
}

/* the day's revisions, sorted as sort(1) sorts their lines */
static void
flush_day(struct day_revs *r, const char *date, size_t dlen, struct out *o)
{
	size_t (*ix)[2], i;

	if (r->n == 0)
		return;
	ix = xmalloc(r->n * sizeof(*ix));
	for (i = 0; i < r->n; i++) {
		ix[i][0] = r->off[i];
		ix[i][1] = r->len[i];
	}
	sort_base = r->b.s;
	qsort(ix, r->n, sizeof(*ix), cmp_rev);
	for (i = 0; i < r->n; i++) {
		out_add(o, date, dlen);
		out_c(o, '\t');
		out_add(o, r->b.s + ix[i][0], ix[i][1]);
		out_c(o, '\n');
	}
	free(ix);
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
#define NEXT(s) do { if (side_next(s, &tmp, e) < 0) { bad_side = s; \
	goto out; } } while (0)

int
ledger_revised(const char *before, const char *after, struct out *o,
    const char **bad, struct err *e)
{
	struct side sd[2], *ob = &sd[0], *nw = &sd[1], *bad_side = NULL;
	struct day_revs r = { 0 };
	struct buf tmp = { 0 }, date = { 0 };
	int rc = -1, opened = 0;

	if (side_open(ob, before, e) < 0) {
		bad_side = ob;
		opened = 1;
		goto out;
	}
	opened = 2;
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
	if (opened >= 1)
		side_close(ob);
	if (opened >= 2)
		side_close(nw);
	buf_free(&tmp);
	buf_free(&date);
	buf_free(&r.b);
	free(r.off);
	free(r.len);
	return rc;
}
