/* rec.h: typed fields of TSV rows, and typed records read through a
 * schema.
 *
 * The getters parse one field of the current row of a struct tsvr into a
 * typed value, or set e to "column 'NAME': invalid date 'x'" with the row's
 * line, so every tool says the same thing about the same bad value.
 *
 * A schema lists the columns of one file format (map-formats(5)) with
 * their types and where each goes in a record struct. recr_open binds them
 * by name once (a required column that is missing is "missing column 'x'"
 * at line 1); recr_next fills one record per row. Strings are spans into
 * the row, valid until the next call. */
#ifndef REC_H
#define REC_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/money.h"
#include "core/tsv.h"

/* A closed set of names (map/vocab.h has the MAP model's). Parsing maps a
 * name to its index; an unknown name is "unknown WHAT 'x'". */
struct vocab {
	const char *what;		/* "state", "task type", ... */
	const char *const *names;
	int first, n;			/* valid indices: first .. n-1 */
};
/* The index of s in v, or -1. */
int vocab_parse(const struct vocab *v, const char *s);
const char *vocab_name(const struct vocab *v, int i);

/* A string field of the current row (NUL-terminated at s[n]). */
struct span {
	const char *s;
	size_t n;
};

/* ---- getters: 0, or -1 with e set (EXIT_DATA, the row's line) ----
 * An empty field is DAY_NONE, 0 or -1 (count) where empty_ok, else the
 * error "column 'x': empty". A column index of -1 (not in the header)
 * reads as empty. */
int rec_day(const struct tsvr *, int col, int empty_ok, long *out,
    struct err *);
int rec_month(const struct tsvr *, int col, int empty_ok, long *out,
    struct err *);
int rec_ts(const struct tsvr *, int col, int empty_ok, int64_t *out,
    struct err *);
int rec_money(const struct tsvr *, int col, int empty_ok, money_t *out,
    struct err *);
/* a count: decimal digits, no sign */
int rec_count(const struct tsvr *, int col, int empty_ok, long *out,
    struct err *);
/* a name of v: "column 'x': unknown WHAT 'y'" otherwise */
int rec_enum(const struct tsvr *, int col, const struct vocab *v, int *out,
    struct err *);
static inline struct span
rec_str(const struct tsvr *t, int col)
{
	struct span s = { "", 0 };

	if (col >= 0) {
		s.s = t->f[col];
		s.n = t->len[col];
	}
	return s;
}
/* a malloc'd copy of a span */
char *span_dup(struct span);
/* set e for the current row: "column 'x': ..." helpers for callers */
void rec_bad(const struct tsvr *, struct err *, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- schemas ---- */
enum rtype {
	RT_STR,		/* struct span */
	RT_DAY,		/* long, DAY_NONE when empty */
	RT_MONTH,	/* long month number */
	RT_TS,		/* int64_t seconds */
	RT_MONEY,	/* money_t, 0 when empty */
	RT_COUNT,	/* long, -1 when empty */
	RT_ENUM		/* int, an index of the vocab */
};
/* flags */
#define RF_OPT		1u	/* the column may be missing from the header */
#define RF_EMPTY	2u	/* the value may be empty */
#define RF_SAME		4u	/* every row holds the first row's value
				 * (as_of) */
#define RF_NONEMPTY	8u	/* a string that must not be empty */

struct rfield {
	const char *col;
	uint8_t type, flags;
	size_t off;			/* offset in the record struct */
	const struct vocab *voc;	/* RT_ENUM */
};
struct rschema {
	const char *what;		/* "state", "ledger", ... */
	const struct rfield *f;
	size_t n;
};
#define RFIELD(col, type, flags, rec, member) \
	{ col, type, flags, offsetof(rec, member), NULL }
#define RENUM(col, flags, rec, member, voc) \
	{ col, RT_ENUM, flags, offsetof(rec, member), voc }

struct recr {
	struct tsvr *t;
	const struct rschema *s;
	int *col;		/* per field: column index or -1 */
	const char *path;
	char *same;		/* the first row's value of the RF_SAME field */
	long rows;
};

/* NULL with e set (the file cannot be read, or misses a column). */
struct recr *recr_open(const char *path, const struct rschema *,
    struct err *e);
/* 1 a record, 0 at the end, -1 with e set (e->line the row's line) */
int recr_next(struct recr *, void *rec, struct err *e);
/* The same in two steps, for a hot loop that needs only some fields of
 * most rows: recr_row reads the next row (1, 0, -1 as recr_next) without
 * converting it, recr_field converts field i of it into rec (0, or -1
 * with e set), with the same checks and messages as recr_next. */
int recr_row(struct recr *, struct err *e);
int recr_field(struct recr *, void *rec, size_t i, struct err *e);
/* A string field of the current row, inline for hot loops (recr_field
 * does the same for any field, with its checks). */
static inline struct span
recr_span(const struct recr *r, size_t i)
{
	return rec_str(r->t, r->col[i]);
}
/* Is field i (its index in the schema) in the header? */
int recr_has(const struct recr *, size_t i);
/* Require field i even though the schema says RF_OPT. */
int recr_need(const struct recr *, size_t i, struct err *e);
/* Is field i of the current row empty (or its column absent)? */
int recr_empty(const struct recr *, size_t i);
long recr_line(const struct recr *);
void recr_close(struct recr *);
#endif
