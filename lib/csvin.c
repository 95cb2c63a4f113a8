#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvin.h"

#define SLICE (64 * 1024)

struct rowrec {
	size_t f0, nf;		/* first field index, count */
	long line;
};

struct csvin {
	struct zin *src;
	struct csv_parser p;
	/* pending data */
	char *arena;
	size_t alen, acap;
	size_t *foff, *flen;	/* per field: offset into arena, length */
	size_t nfld, fcap;
	struct rowrec *rows;
	size_t nrows, rcap, rnext;
	size_t rowf0;		/* first field of the row being built */
	long line, rowline;
	/* input block */
	const char *blk;
	size_t blen, bpos;
	int eof, failed, first;
	/* output views */
	const char **fp;
	size_t *lp;
	size_t fpcap;
	struct err perr;
};

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *s, size_t n, void *ctx)
{
	struct csvin *c = ctx;
	const char *src = s;
	const char *nl;

	if (c->alen + n + 1 > c->acap) {
		while (c->alen + n + 1 > c->acap)
			c->acap = c->acap ? c->acap * 2 : 1 << 16;
		c->arena = xrealloc(c->arena, c->acap);
	}
	if (c->nfld == c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 1024;
		c->foff = xrealloc(c->foff, c->fcap * sizeof(*c->foff));
		c->flen = xrealloc(c->flen, c->fcap * sizeof(*c->flen));
	}
	if (c->first && c->nfld == c->rowf0 && n >= 3 &&
	    memcmp(src, "\xef\xbb\xbf", 3) == 0) {
		src += 3;
		n -= 3;
	}
	if (n)
		memcpy(c->arena + c->alen, src, n);
	c->arena[c->alen + n] = '\0';
	c->foff[c->nfld] = c->alen;
	c->flen[c->nfld] = n;
	c->nfld++;
	c->alen += n + 1;
	/* quoted fields may hold newlines: they are physical lines too */
	for (nl = memchr(src, '\n', n); nl; nl = memchr(nl + 1, '\n',
	    n - (size_t)(nl + 1 - src)))
		c->line++;
}

static void
on_row(int term, void *ctx)
{
	struct csvin *c = ctx;
	size_t nf = c->nfld - c->rowf0;

	if (nf > 0) {
		if (c->nrows == c->rcap) {
			c->rcap = c->rcap ? c->rcap * 2 : 256;
			c->rows = xrealloc(c->rows, c->rcap * sizeof(*c->rows));
		}
		c->rows[c->nrows].f0 = c->rowf0;
		c->rows[c->nrows].nf = nf;
		c->rows[c->nrows].line = c->rowline;
		c->nrows++;
		c->first = 0;
	}
	c->rowf0 = c->nfld;
	if (term == '\n')
		c->line++;
	c->rowline = c->line;
}

struct csvin *
csvin_new(struct zin *src)
{
	struct csvin *c = xcalloc(1, sizeof(*c));

	c->src = src;
	if (csv_init(&c->p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
		abort();
	csv_set_space_func(&c->p, nospace);
	csv_set_realloc_func(&c->p, xrealloc);
	c->line = c->rowline = 1;
	c->first = 1;
	return c;
}

/* Drop consumed rows; keep the partial row's fields at the front. */
static void
compact(struct csvin *c)
{
	size_t i, keep = c->nfld - c->rowf0, base;

	if (keep == 0) {
		c->alen = 0;
	} else {
		base = c->foff[c->rowf0];
		memmove(c->arena, c->arena + base, c->alen - base);
		c->alen -= base;
		for (i = 0; i < keep; i++) {
			c->foff[i] = c->foff[c->rowf0 + i] - base;
			c->flen[i] = c->flen[c->rowf0 + i];
		}
	}
	c->nfld = keep;
	c->rowf0 = 0;
	c->nrows = c->rnext = 0;
}

int
csvin_next(struct csvin *c, struct csvrow *row, struct err *e)
{
	struct rowrec *r;
	size_t i;

	while (c->rnext == c->nrows) {
		int rc;

		if (c->failed) {
			*e = c->perr;
			return -1;
		}
		if (c->eof)
			return 0;
		compact(c);
		if (c->bpos == c->blen) {
			rc = zin_read(c->src, &c->blk, &c->blen, e);
			if (rc < 0) {
				e->line = c->rowline;
				return -1;
			}
			c->bpos = 0;
			if (rc == 0) {
				c->eof = 1;
				c->blen = 0;
				if (csv_fini(&c->p, on_field, on_row, c) != 0) {
					c->failed = 1;
					err_set(&c->perr, EXIT_DATA, c->rowline,
					    "unterminated quoted field");
				}
				continue;
			}
		}
		{
			size_t n = c->blen - c->bpos, got;

			if (n > SLICE)
				n = SLICE;
			got = csv_parse(&c->p, c->blk + c->bpos, n, on_field,
			    on_row, c);
			if (got != n) {
				c->failed = 1;
				/* the rows completed before the error still
				 * come out first */
				err_set(&c->perr, EXIT_DATA, c->rowline,
				    "malformed quoting (stray '\"' in a field)");
			}
			c->bpos += n;
		}
	}
	r = &c->rows[c->rnext++];
	if (r->nf > c->fpcap) {
		c->fpcap = r->nf * 2;
		c->fp = xrealloc(c->fp, c->fpcap * sizeof(*c->fp));
		c->lp = xrealloc(c->lp, c->fpcap * sizeof(*c->lp));
	}
	for (i = 0; i < r->nf; i++) {
		c->fp[i] = c->arena + c->foff[r->f0 + i];
		c->lp[i] = c->flen[r->f0 + i];
	}
	row->nf = r->nf;
	row->f = c->fp;
	row->len = c->lp;
	row->line = r->line;
	return 1;
}

void
csvin_free(struct csvin *c)
{
	if (c == NULL)
		return;
	csv_free(&c->p);
	free(c->arena);
	free(c->foff);
	free(c->flen);
	free(c->rows);
	free(c->fp);
	free(c->lp);
	free(c);
}
