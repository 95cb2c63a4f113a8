/* tsv.h: the TSV streams between the tools.
 * One header line; columns are found by name. Values never hold a raw tab,
 * newline or backslash: they are written as \t, \n, \r and \\ and decoded
 * on reading. */
#ifndef TSV_H
#define TSV_H
#include <stddef.h>
#include <string.h>

#include "core/date.h"
#include "core/err.h"
#include "core/zin.h"

/* --- output ------------------------------------------------------------ */

/* A buffered output to a file descriptor. Write errors are sticky and
 * reported by out_flush/out_close (errno in ->err). */
struct out {
	int fd;
	char *b;
	size_t n, cap;
	int err;
	unsigned long long total;	/* bytes written so far */
};

void out_init(struct out *, int fd);
void out_mem(struct out *);		/* in memory: grows, never written */
int out_flush(struct out *);		/* 0 or -1 (errno in ->err) */
int out_close(struct out *);		/* flush, free; does not close fd */
void out_spill(struct out *, size_t need);
/* out_add past the end of the buffer: flush, then copy, or write bytes
 * larger than the buffer straight from s (never grow it to their size) */
void out_big(struct out *, const char *s, size_t n);

static inline void
out_add(struct out *o, const char *s, size_t n)
{
	if (o->n + n > o->cap) {
		out_big(o, s, n);
		return;
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

static inline void
out_c(struct out *o, char c)
{
	if (o->n + 1 > o->cap)
		out_spill(o, 1);
	o->b[o->n++] = c;
}

static inline void
out_s(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/* A value, escaped. */
void out_val(struct out *, const char *s, size_t n);
static inline void
out_vals(struct out *o, const char *s)
{
	out_val(o, s, strlen(s));
}
void out_money(struct out *, __int128 m);	/* exact, at least 2 dp */
void out_money_dp(struct out *, __int128 m, int mindec);
void out_day(struct out *, long day);		/* YYYY-MM-DD; empty if DAY_NONE */
void out_long(struct out *, long long);

/* Escape s into a buffer (for callers that build values). */
void tsv_escape(struct buf *, const char *s, size_t n);

/* --- input ------------------------------------------------------------- */

struct tsvr {
	const char *name;	/* file name for messages */
	struct zin *z;
	const char *blk;
	size_t blen, bpos;
	int eof;
	struct buf line;
	long lineno;
	size_t nf;		/* header width */
	char **hdr;		/* header names */
	char **f;		/* current row's fields (decoded, NUL-terminated) */
	size_t *len;
};

/* Open and read the header. path "-" is stdin. Returns NULL with e set. */
struct tsvr *tsvr_open(const char *path, struct err *e);
/* Column index by name, or -1. */
int tsvr_col(const struct tsvr *, const char *name);
/* Like tsvr_col but sets e ("missing column 'x'") and returns -1. */
int tsvr_need(const struct tsvr *, const char *name, struct err *e);
/* Next row: 1, 0 at end, -1 with e set (line in e->line). Every row must
 * have as many fields as the header. */
int tsvr_next(struct tsvr *, struct err *e);
void tsvr_close(struct tsvr *);
/* The current row as a line, escaped again, appended to b (the tools
 * write the canonical escapes, so these are the bytes read). */
void tsvr_line(const struct tsvr *, struct buf *b);
#endif
