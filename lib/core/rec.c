#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/rec.h"
#include <limits.h>

int
vocab_parse(const struct vocab *v, const char *s)
{
	int i;

	for (i = v->first; i < v->n; i++)
		if (strcmp(s, v->names[i]) == 0)
			return i;
	return -1;
}

const char *
vocab_name(const struct vocab *v, int i)
{
	return i >= 0 && i < v->n ? v->names[i] : "";
}

void
rec_bad(const struct tsvr *t, struct err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(e, EXIT_DATA, t->lineno, fmt, ap);
	va_end(ap);
}

/* 1 when the field is empty (or the column absent): *err set unless
 * empty_ok */
static int
empty(const struct tsvr *t, int col, int empty_ok, struct err *e, int *bad)
{
	*bad = 0;
	if (col >= 0 && t->len[col] > 0)
		return 0;
	if (!empty_ok) {
		rec_bad(t, e, "column '%s': empty", col >= 0 ? t->hdr[col] :
		    "?");
		*bad = 1;
	}
	return 1;
}

int
rec_day(const struct tsvr *t, int col, int empty_ok, long *out,
    struct err *e)
{
	int bad;

	if (empty(t, col, empty_ok, e, &bad)) {
		*out = DAY_NONE;
		return bad ? -1 : 0;
	}
	if (date_parse_day(t->f[col], t->len[col], out)) {
		rec_bad(t, e, "column '%s': invalid date '%s'", t->hdr[col],
		    t->f[col]);
		return -1;
	}
	return 0;
}

int
rec_month(const struct tsvr *t, int col, int empty_ok, long *out,
    struct err *e)
{
	int bad;

	if (empty(t, col, empty_ok, e, &bad)) {
		*out = DAY_NONE;
		return bad ? -1 : 0;
	}
	if (date_parse_month(t->f[col], t->len[col], out)) {
		rec_bad(t, e, "column '%s': invalid month '%s'", t->hdr[col],
		    t->f[col]);
		return -1;
	}
	return 0;
}

int
rec_ts(const struct tsvr *t, int col, int empty_ok, int64_t *out,
    struct err *e)
{
	int bad;
	utime_t u;

	if (empty(t, col, empty_ok, e, &bad)) {
		*out = 0;
		return bad ? -1 : 0;
	}
	if (date_parse_ts(t->f[col], t->len[col], &u)) {
		rec_bad(t, e, "column '%s': invalid timestamp '%s'",
		    t->hdr[col], t->f[col]);
		return -1;
	}
	*out = u;
	return 0;
}

int
rec_money(const struct tsvr *t, int col, int empty_ok, money_t *out,
    struct err *e)
{
	int bad;

	*out = 0;
	if (empty(t, col, empty_ok, e, &bad))
		return bad ? -1 : 0;
	if (money_parse(t->f[col], t->len[col], out)) {
		rec_bad(t, e, "column '%s': invalid number '%s'", t->hdr[col],
		    t->f[col]);
		return -1;
	}
	return 0;
}

int
rec_count(const struct tsvr *t, int col, int empty_ok, long *out,
    struct err *e)
{
	int bad;
	size_t i;
	long v = 0;

	*out = -1;
	if (empty(t, col, empty_ok, e, &bad))
		return bad ? -1 : 0;
	for (i = 0; i < t->len[col]; i++) {
		char c = t->f[col][i];

		if (c < '0' || c > '9' || v > (LONG_MAX - 9) / 10) {
			rec_bad(t, e, "column '%s': invalid count '%s'",
			    t->hdr[col], t->f[col]);
			return -1;
		}
		v = v * 10 + (c - '0');
	}
	*out = v;
	return 0;
}

int
rec_enum(const struct tsvr *t, int col, const struct vocab *v, int *out,
    struct err *e)
{
	const char *s = col >= 0 ? t->f[col] : "";

	if ((*out = vocab_parse(v, s)) < 0) {
		rec_bad(t, e, "column '%s': unknown %s '%s'", col >= 0 ?
		    t->hdr[col] : "?", v->what, s);
		return -1;
	}
	return 0;
}

char *
span_dup(struct span sp)
{
	return xstrndup(sp.s, sp.n);
}

struct recr *
recr_open(const char *path, const struct rschema *s, struct err *e)
{
	struct tsvr *t = tsvr_open(path, e);
	struct recr *r;
	size_t i;

	if (t == NULL)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	r->t = t;
	r->s = s;
	r->path = path;
	r->col = xcalloc(s->n, sizeof(*r->col));
	for (i = 0; i < s->n; i++) {
		r->col[i] = tsvr_col(t, s->f[i].col);
		if (r->col[i] < 0 && !(s->f[i].flags & RF_OPT)) {
			tsvr_need(t, s->f[i].col, e);
			recr_close(r);
			return NULL;
		}
	}
	return r;
}

static int
field(struct recr *r, size_t i, void *vrec, struct err *e)
{
	const struct rfield *f = &r->s->f[i];
	const struct tsvr *t = r->t;
	int col = r->col[i], eok = (f->flags & RF_EMPTY) != 0;
	void *p = (char *)vrec + f->off;

	switch (f->type) {
	case RT_STR:
		*(struct span *)p = rec_str(t, col);
		if ((f->flags & RF_NONEMPTY) && col >= 0 && t->len[col] == 0) {
			rec_bad(t, e, "column '%s': empty", f->col);
			return -1;
		}
		return 0;
	case RT_DAY:
		return rec_day(t, col, eok || col < 0, p, e);
	case RT_MONTH:
		return rec_month(t, col, eok || col < 0, p, e);
	case RT_TS:
		return rec_ts(t, col, eok || col < 0, p, e);
	case RT_MONEY:
		return rec_money(t, col, eok || col < 0, p, e);
	case RT_COUNT:
		return rec_count(t, col, eok || col < 0, p, e);
	case RT_ENUM:
		if (col < 0) {
			*(int *)p = -1;
			return 0;
		}
		return rec_enum(t, col, f->voc, p, e);
	}
	return 0;
}

int
recr_row(struct recr *r, struct err *e)
{
	int rc = tsvr_next(r->t, e);

	if (rc == 1)
		r->rows++;
	return rc;
}

static inline int
convert(struct recr *r, void *rec, size_t i, struct err *e)
{
	const struct rfield *f = &r->s->f[i];
	int col = r->col[i];

	if (f->type == RT_STR && !(f->flags & (RF_NONEMPTY | RF_SAME))) {
		/* most fields: a span, nothing to check */
		*(struct span *)((char *)rec + f->off) = rec_str(r->t, col);
		return 0;
	}
	if (field(r, i, rec, e) != 0)
		return -1;
	if ((f->flags & RF_SAME) && col >= 0) {
		if (r->same == NULL)
			r->same = xstrdup(r->t->f[col]);
		else if (strcmp(r->same, r->t->f[col]) != 0) {
			rec_bad(r->t, e, "column '%s': '%s' differs from the "
			    "first row's", f->col, r->t->f[col]);
			return -1;
		}
	}
	return 0;
}

int
recr_field(struct recr *r, void *rec, size_t i, struct err *e)
{
	return convert(r, rec, i, e);
}

int
recr_next(struct recr *r, void *rec, struct err *e)
{
	int rc = recr_row(r, e);
	size_t i;

	if (rc != 1)
		return rc;
	for (i = 0; i < r->s->n; i++)
		if (convert(r, rec, i, e) != 0)
			return -1;
	return 1;
}

int
recr_has(const struct recr *r, size_t i)
{
	return i < r->s->n && r->col[i] >= 0;
}

int
recr_need(const struct recr *r, size_t i, struct err *e)
{
	if (recr_has(r, i))
		return 0;
	tsvr_need(r->t, r->s->f[i].col, e);
	return -1;
}

int
recr_empty(const struct recr *r, size_t i)
{
	return !recr_has(r, i) || r->t->len[r->col[i]] == 0;
}

long
recr_line(const struct recr *r)
{
	return r->t->lineno;
}

void
recr_close(struct recr *r)
{
	if (r == NULL)
		return;
	tsvr_close(r->t);
	free(r->col);
	free(r->same);
	free(r);
}
