/* csvin.c: CSV intake over libcsv, on its own thread.
 *
 * A parser thread feeds the input to libcsv and collects whole rows into
 * batches (field bytes in an arena, offsets beside them); the reader takes
 * full batches and hands out rows. So parsing overlaps with whatever the
 * caller does per row, and with gzip inflating (lib/zin.c's own thread).
 * A row cut by the end of a batch is moved whole to the next batch. */
#include <csv.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "intake/csvin.h"

#define SLICE (64 * 1024)

/* the fast scanner's states, after libcsv's */
enum { FS_RNB, FS_FNB, FS_FB, FS_FMHE };
#define NBATCH 4
#define BATCH_BYTES (512 * 1024)	/* a batch is handed over past this */


/* Threads here may be cancelled while they wait (see the close
 * function): the wait gives its mutex back if so. */
static void
unlock_cb(void *mu)
{
	pthread_mutex_unlock(mu);
}

static void
wait_cv(pthread_cond_t *cv, pthread_mutex_t *mu)
{
	pthread_cleanup_push(unlock_cb, mu);
	pthread_cond_wait(cv, mu);
	pthread_cleanup_pop(0);
}

struct rowrec {
	size_t f0, nf;		/* first field index, count */
	long line;
	int nul;		/* the row holds a NUL byte */
};

struct batch {
	char *arena;
	size_t alen, acap;
	size_t *foff, *flen;	/* per field: offset into arena, length */
	size_t nfld, fcap;
	struct rowrec *rows;
	size_t nrows, rcap;
	int last;		/* 1: end of input after these rows */
	int failed;		/* 1: err follows these rows */
	struct err err;
};

struct csvin {
	struct zin *src;
	struct csv_parser p;
	/* the parser thread's side */
	struct batch *cur;	/* being filled */
	size_t rowf0;		/* first field of the row being built */
	long line, rowline;
	int first, bomchecked;
	int rownul;		/* a NUL byte in the row being built */
	/* the fast scanner's state (see fast_parse) */
	int fast;		/* 1: fast_parse, 0: libcsv */
	int fstate, fquoted, fkeep;
	size_t fstart;		/* the field being read: its bytes from here */
	unsigned char *_Atomic want;	/* fields to copy, or NULL: all */
	size_t nwant;
	/* the hand-over */
	struct batch b[NBATCH];
	int head, count;	/* ring of full batches */
	int held;		/* the reader holds b[head] */
	atomic_int stop;	/* csvin_free (seen at every slice) */
	int started;
	atomic_int finished;	/* the parser thread is about to return */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	/* the reader's side */
	struct batch *rd;
	size_t rnext;
	int done;
	const char **fp;
	size_t *lp;
	size_t fpcap;
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
	struct batch *b = c->cur;
	const char *src = s;
	const char *nl;

	if (b->alen + n + 1 > b->acap) {
		while (b->alen + n + 1 > b->acap)
			b->acap = b->acap ? b->acap * 2 : 1 << 16;
		b->arena = xrealloc(b->arena, b->acap);
	}
	if (b->nfld == b->fcap) {
		b->fcap = b->fcap ? b->fcap * 2 : 1024;
		b->foff = xrealloc(b->foff, b->fcap * sizeof(*b->foff));
		b->flen = xrealloc(b->flen, b->fcap * sizeof(*b->flen));
	}
	{
		unsigned char *want = atomic_load_explicit(&c->want,
		    memory_order_acquire);
		size_t idx = b->nfld - c->rowf0;
		size_t keep = want && idx < c->nwant && !want[idx] ? 0 : n;

		/* a field nobody asked for comes out empty: no copy */
		if (keep)
			memcpy(b->arena + b->alen, src, keep);
		b->arena[b->alen + keep] = '\0';
		b->foff[b->nfld] = b->alen;
		b->flen[b->nfld] = keep;
		b->nfld++;
		b->alen += keep + 1;
	}
	/* quoted fields may hold newlines: they are physical lines too */
	for (nl = memchr(src, '\n', n); nl; nl = memchr(nl + 1, '\n',
	    n - (size_t)(nl + 1 - src)))
		c->line++;
}

static void
on_row(int term, void *ctx)
{
	struct csvin *c = ctx;
	struct batch *b = c->cur;
	size_t nf = b->nfld - c->rowf0;

	if (nf > 0) {
		if (b->nrows == b->rcap) {
			b->rcap = b->rcap ? b->rcap * 2 : 256;
			b->rows = xrealloc(b->rows, b->rcap * sizeof(*b->rows));
		}
		b->rows[b->nrows].f0 = c->rowf0;
		b->rows[b->nrows].nf = nf;
		b->rows[b->nrows].line = c->rowline;
		b->rows[b->nrows].nul = c->rownul;
		b->nrows++;
		c->first = 0;
	}
	c->rowf0 = b->nfld;
	c->rownul = 0;
	if (term == '\n')
		c->line++;
	c->rowline = c->line;
}

/* Start filling batch nb, moving the partial row from the current one. */
static void
switch_batch(struct csvin *c, struct batch *nb)
{
	struct batch *ob = c->cur;
	size_t i, keep = ob ? ob->nfld - c->rowf0 : 0, base;
	int infield = ob && c->fast && (c->fstate == FS_FB ||
	    c->fstate == FS_FMHE);

	nb->alen = nb->nfld = nb->nrows = 0;
	nb->last = nb->failed = 0;
	err_clear(&nb->err);
	if (keep || infield) {
		base = keep ? ob->foff[c->rowf0] : c->fstart;
		if (ob->alen - base + 1 > nb->acap) {
			nb->acap = ob->alen - base + (1 << 16);
			nb->arena = xrealloc(nb->arena, nb->acap);
		}
		if (keep > nb->fcap) {
			nb->fcap = keep + 1024;
			nb->foff = xrealloc(nb->foff, nb->fcap *
			    sizeof(*nb->foff));
			nb->flen = xrealloc(nb->flen, nb->fcap *
			    sizeof(*nb->flen));
		}
		memcpy(nb->arena, ob->arena + base, ob->alen - base);
		nb->alen = ob->alen - base;
		for (i = 0; i < keep; i++) {
			nb->foff[i] = ob->foff[c->rowf0 + i] - base;
			nb->flen[i] = ob->flen[c->rowf0 + i];
		}
		nb->nfld = keep;
		ob->nfld = c->rowf0;
		ob->alen = base;
		if (infield)
			c->fstart -= base;
	}
	c->rowf0 = 0;
	c->cur = nb;
}

/* Publish the current batch. Unless it is the last, first wait for a free
 * batch and move the row being built into it, so a published batch is
 * never touched again by this thread. Returns -1 when there is no more to
 * do (the last batch, or asked to stop). */
static int
publish(struct csvin *c, int last)
{
	struct batch *ob = c->cur;
	int slot;

	if (last || ob->failed) {
		pthread_mutex_lock(&c->mu);
		ob->last = 1;
		c->count++;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
		return -1;
	}
	pthread_mutex_lock(&c->mu);
	/* the ring: [head, head+count) full (the reader holds head),
	 * head+count being filled, the one after it free */
	while (!c->stop && c->count + 2 > NBATCH)
		wait_cv(&c->cv, &c->mu);
	if (c->stop) {
		pthread_mutex_unlock(&c->mu);
		return -1;
	}
	slot = (c->head + c->count + 1) % NBATCH;
	pthread_mutex_unlock(&c->mu);
	switch_batch(c, &c->b[slot]);
	pthread_mutex_lock(&c->mu);
	c->count++;
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
	return 0;
}

/*
 * The fast scanner: the same parse as libcsv with CSV_STRICT,
 * CSV_REPALL_NL, CSV_STRICT_FINI and no space trimming, field for field
 * and row for row (fuzz/fuzz_csvin.c checks the two against each other),
 * but it copies runs of bytes straight into the batch, skips the bytes of
 * fields nobody reads, and finds the end of a run with a table (unquoted)
 * or memchr (quoted) instead of a call per byte.
 */
static const unsigned char unq_special[256] = {
	['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1,
};

static void
arena_add(struct batch *b, const unsigned char *s, size_t n)
{
	if (b->alen + n + 1 > b->acap) {
		while (b->alen + n + 1 > b->acap)
			b->acap = b->acap ? b->acap * 2 : 1 << 16;
		b->arena = xrealloc(b->arena, b->acap);
	}
	memcpy(b->arena + b->alen, s, n);
	b->alen += n;
}

static void
field_begin(struct csvin *c, int quoted)
{
	struct batch *b = c->cur;
	unsigned char *want = atomic_load_explicit(&c->want,
	    memory_order_acquire);
	size_t idx = b->nfld - c->rowf0;

	c->fstate = FS_FB;
	c->fquoted = quoted;
	c->fstart = b->alen;
	c->fkeep = !(want && idx < c->nwant && !want[idx]);
}

static void
field_end(struct csvin *c)
{
	struct batch *b = c->cur;

	if (b->alen + 1 > b->acap) {
		b->acap = b->acap ? b->acap * 2 : 1 << 16;
		b->arena = xrealloc(b->arena, b->acap);
	}
	if (b->nfld == b->fcap) {
		b->fcap = b->fcap ? b->fcap * 2 : 1024;
		b->foff = xrealloc(b->foff, b->fcap * sizeof(*b->foff));
		b->flen = xrealloc(b->flen, b->fcap * sizeof(*b->flen));
	}
	b->arena[b->alen] = '\0';
	b->foff[b->nfld] = c->fstart;
	b->flen[b->nfld] = b->alen - c->fstart;
	b->nfld++;
	b->alen++;
	c->fstate = FS_FNB;
}

static void
empty_field(struct csvin *c)
{
	field_begin(c, 0);
	field_end(c);
}

/* Quoted bytes: kept or not, their newlines are physical lines. */
static void
quoted_run(struct csvin *c, const unsigned char *s, size_t n)
{
	const unsigned char *nl;

	if (c->fkeep)
		arena_add(c->cur, s, n);
	for (nl = memchr(s, '\n', n); nl; nl = memchr(nl + 1, '\n',
	    n - (size_t)(nl + 1 - s)))
		c->line++;
}

/* 0, or -1 at a stray quote (strict mode). */
static int
fast_parse(struct csvin *c, const unsigned char *s, size_t n)
{
	const unsigned char *p = s, *end = s + n, *q;

	while (p < end) {
		switch (c->fstate) {
		case FS_RNB:
		case FS_FNB:
			if (*p == '\r' || *p == '\n') {
				if (c->fstate == FS_FNB)
					empty_field(c);
				on_row(*p, c);
				c->fstate = FS_RNB;
				p++;
			} else if (*p == ',') {
				empty_field(c);
				p++;
			} else if (*p == '"') {
				field_begin(c, 1);
				p++;
			} else
				field_begin(c, 0);
			break;
		case FS_FB:
			if (c->fquoted) {
				q = memchr(p, '"', (size_t)(end - p));
				if (q == NULL) {
					quoted_run(c, p, (size_t)(end - p));
					p = end;
					break;
				}
				quoted_run(c, p, (size_t)(q - p));
				c->fstate = FS_FMHE;
				p = q + 1;
				break;
			}
			for (q = p; q < end && !unq_special[*q]; q++)
				;
			if (c->fkeep && q > p)
				arena_add(c->cur, p, (size_t)(q - p));
			p = q;
			if (p == end)
				break;
			if (*p == '"')
				return -1;	/* a quote inside an unquoted field */
			field_end(c);
			if (*p != ',') {
				on_row(*p, c);
				c->fstate = FS_RNB;
			}
			p++;
			break;
		case FS_FMHE:
			if (*p == '"') {	/* "" is a quote */
				quoted_run(c, p, 1);
				c->fstate = FS_FB;
			} else if (*p == ',') {
				field_end(c);
			} else if (*p == '\r' || *p == '\n') {
				field_end(c);
				on_row(*p, c);
				c->fstate = FS_RNB;
			} else
				return -1;	/* text after a closing quote */
			p++;
			break;
		}
	}
	return 0;
}

/* The end of input: 0, or -1 inside a quoted field. */
static int
fast_fini(struct csvin *c)
{
	switch (c->fstate) {
	case FS_FB:
		if (c->fquoted)
			return -1;
		/* FALLTHROUGH */
	case FS_FMHE:
		field_end(c);
		on_row(-1, c);
		break;
	case FS_FNB:
		empty_field(c);
		on_row(-1, c);
		break;
	}
	c->fstate = FS_RNB;
	return 0;
}

/* One slice through the chosen scanner: 0, or -1 at a stray quote. */
static int
scan(struct csvin *c, const char *s, size_t n)
{
	if (c->fast)
		return fast_parse(c, (const unsigned char *)s, n);
	return csv_parse(&c->p, s, n, on_field, on_row, c) == n ? 0 : -1;
}

/* A slice, marking the rows that hold a NUL byte (the consumer rejects
 * them: as a C string the value would be cut short). */
static int
scan_slice(struct csvin *c, const char *s, size_t n)
{
	const char *z;
	size_t off = 0, k;

	while ((z = memchr(s + off, '\0', n - off)) != NULL) {
		k = (size_t)(z - s);
		if (scan(c, s + off, k - off) != 0)
			return -1;
		c->rownul = 1;
		if (scan(c, z, 1) != 0)
			return -1;
		off = k + 1;
	}
	return off < n ? scan(c, s + off, n - off) : 0;
}

/* Parse the whole input into batches, or until told to stop. */
static void
parse_all(struct csvin *c)
{
	const char *blk;
	size_t blen, pos, n, got;
	int rc;

	for (;;) {
		struct err e = { 0 };

		rc = zin_read(c->src, &blk, &blen, &e);
		if (rc < 0) {
			e.line = c->rowline;
			c->cur->err = e;
			c->cur->failed = 1;
			publish(c, 1);
			return;
		}
		if (rc == 0) {
			if ((c->fast ? fast_fini(c) : csv_fini(&c->p, on_field,
			    on_row, c)) != 0) {
				/* the partial row is dropped with the error */
				c->cur->nfld = c->rowf0;
				err_set(&c->cur->err, EXIT_DATA, c->rowline,
				    "unterminated quoted field");
				c->cur->failed = 1;
			}
			publish(c, 1);
			return;
		}
		pos = 0;
		if (c->first && !c->bomchecked) {
			/* a UTF-8 byte-order mark at the very start */
			c->bomchecked = 1;
			if (blen >= 3 && memcmp(blk, "\xef\xbb\xbf", 3) == 0)
				pos = 3;
		}
		for (; pos < blen; pos += n) {
			n = blen - pos < SLICE ? blen - pos : SLICE;
			got = scan_slice(c, blk + pos, n) == 0 ? n : 0;
			if (got != n) {
				/* the rows completed before the error still
				 * come out first */
				err_set(&c->cur->err, EXIT_DATA, c->rowline,
				    "malformed quoting (stray '\"' in a field)");
				c->cur->failed = 1;
				publish(c, 1);
				return;
			}
			if (c->cur->alen >= BATCH_BYTES && c->cur->nrows > 0 &&
			    publish(c, 0) < 0)
				return;
			/* told to stop: no need to fill the batch first */
			if (atomic_load_explicit(&c->stop,
			    memory_order_relaxed))
				return;
		}
		/* the rows of a short read go out now: a slow pipe's rows
		 * are not held back until a batch fills */
		if (blen < BATCH_BYTES / 2 && c->cur->nrows > 0 &&
		    publish(c, 0) < 0)
			return;
	}
}

static void *
parser(void *arg)
{
	struct csvin *c = arg;

	parse_all(c);
	atomic_store(&c->finished, 1);
	return NULL;
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
	csv_set_blk_size(&c->p, 1 << 16);	/* long fields grow fast */
	c->line = c->rowline = 1;
	c->first = 1;
	/* libcsv is the parser of record; CSVIN_PARSER=libcsv selects it */
	{
		const char *ps = getenv("CSVIN_PARSER");

		c->fast = !(ps && strcmp(ps, "libcsv") == 0);
	}
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	switch_batch(c, &c->b[0]);
	return c;
}

void
csvin_want(struct csvin *c, const unsigned char *want, size_t n)
{
	unsigned char *w = xmalloc(n ? n : 1);

	memcpy(w, want, n);
	c->nwant = n;
	atomic_store_explicit(&c->want, w, memory_order_release);
}

int
csvin_next(struct csvin *c, struct csvrow *row, struct err *e)
{
	struct rowrec *r;
	struct batch *b;
	size_t i;

	if (!c->started) {
		if (pthread_create(&c->th, NULL, parser, c) != 0) {
			err_set(e, EXIT_SYS, 0, "cannot start the CSV thread");
			return -1;
		}
		c->started = 1;
	}
	while (c->rd == NULL || c->rnext == c->rd->nrows) {
		if (c->rd != NULL) {
			/* this batch is read out: an error or the end
			 * follows it, or the next batch */
			if (c->rd->failed) {
				*e = c->rd->err;
				c->done = 1;
				return -1;
			}
			if (c->rd->last) {
				c->done = 1;
				return 0;
			}
			pthread_mutex_lock(&c->mu);
			c->head = (c->head + 1) % NBATCH;
			c->count--;
			c->held = 0;
			pthread_cond_broadcast(&c->cv);
			pthread_mutex_unlock(&c->mu);
			c->rd = NULL;
		}
		if (c->done)
			return 0;
		pthread_mutex_lock(&c->mu);
		while (c->count == 0)
			wait_cv(&c->cv, &c->mu);
		c->held = 1;
		c->rd = &c->b[c->head];
		pthread_mutex_unlock(&c->mu);
		c->rnext = 0;
	}
	b = c->rd;
	r = &b->rows[c->rnext++];
	if (r->nf > c->fpcap) {
		c->fpcap = r->nf * 2;
		c->fp = xrealloc(c->fp, c->fpcap * sizeof(*c->fp));
		c->lp = xrealloc(c->lp, c->fpcap * sizeof(*c->lp));
	}
	for (i = 0; i < r->nf; i++) {
		c->fp[i] = b->arena + b->foff[r->f0 + i];
		c->lp[i] = b->flen[r->f0 + i];
	}
	row->nf = r->nf;
	row->f = c->fp;
	row->len = c->lp;
	row->line = r->line;
	row->nul = r->nul;
	return 1;
}

void
csvin_free(struct csvin *c)
{
	int i;

	if (c == NULL)
		return;
	if (c->started) {
		pthread_mutex_lock(&c->mu);
		c->stop = 1;
		pthread_cond_broadcast(&c->cv);
		pthread_mutex_unlock(&c->mu);
		/* it may be blocked reading a pipe that never ends: cancel
		 * it then (a regular file's read always returns) */
		if (!atomic_load(&c->finished) && !zin_regular(c->src))
			pthread_cancel(c->th);
		pthread_join(c->th, NULL);
	}
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	csv_free(&c->p);
	for (i = 0; i < NBATCH; i++) {
		free(c->b[i].arena);
		free(c->b[i].foff);
		free(c->b[i].flen);
		free(c->b[i].rows);
	}
	free(c->fp);
	free(c->lp);
	free(atomic_load(&c->want));
	free(c);
}
