/* csvin.c: CSV intake, on its own thread.
 *
 * A parser thread feeds the input to a scanner (the mask scanner, the
 * scalar one or libcsv) and collects whole rows into batches (field bytes
 * in an arena, offsets beside them); the reader takes full batches and
 * hands out rows. So parsing overlaps with whatever the caller does per
 * row, and with gzip inflating (lib/zin.c's own thread). A row cut by the
 * end of a batch is moved whole to the next batch. The header row goes
 * out alone, and the parser waits for the fields wanted before it goes
 * on, so the mask scanner stores only those fields of every later row. */
#include <csv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "intake/csvin.h"
#include "intake/csvsimd.h"

#define SLICE (64 * 1024)
#define SLICE_WORDS (SLICE / 64 + 1)

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
	/* 1: only the wanted fields are stored (those csvin_want names,
	 * and all past its length); 0: every field */
	int sparse;
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
	struct err kinderr;	/* CSVIN_PARSER names no scanner this CPU runs */
	/* the fast scanners' state (see fast_parse, mask_parse) */
	int fast;		/* 1: fast_parse or mask_parse, 0: libcsv */
	int fstate, fquoted, fkeep;
	size_t fstart;		/* the field being read: its bytes from here */
	unsigned char *_Atomic want;	/* fields to copy, or NULL: all */
	size_t nwant;
	size_t *nxt;		/* nwant + 1: the first wanted field from i on */
	size_t *wl, nwl;	/* the wanted fields below nwant */
	/* the mask scanner's (mask_parse) */
	csvclass_fn *classify;	/* NULL: not the mask scanner */
	int (*mparse)(struct csvin *, const unsigned char *, size_t);
	struct csvclass *cls;	/* a slice's byte classes */
	uint64_t inq;		/* all ones inside a quoted run */
	uint64_t prev_sep, prev_cq;	/* the byte before: a separator
					 * (or the start), a closing quote */
	size_t fidx;		/* the field of the row being read */
	int skipping;		/* in unwanted fields: counting separators */
	size_t need;		/* the separators to the next wanted field */
	int rsparse;		/* the row being read is sparse */
	/* the hand-over */
	struct batch b[NBATCH];
	int head, count;	/* ring of full batches */
	int held;		/* the reader holds b[head] */
	atomic_int stop;	/* csvin_free (seen at every slice) */
	int started;
	int header_out;		/* the header row was handed over alone */
	int hungry;		/* the reader waits for a batch: with count 0,
				 * it has read out all there is */
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
	int blank;		/* fp holds "" at every unwanted field */
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
		b->rows[b->nrows].sparse = 0;
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

/*
 * The mask scanner: the same parse again, from the byte classes of a whole
 * slice at once (lib/intake/csvsimd.c, AVX-512 or AVX2 where the CPU has
 * them). For each word of 64 bytes:
 * - inside: the bytes within a quoted run, a prefix XOR of the quotes
 *   carried from the word before. A quote that turns it on opens a run, one
 *   that turns it off closes one;
 * - the separators are the commas and line ends outside quoted runs;
 * - strict mode, as a mask: an opening quote must follow a separator (or
 *   the start), or a closing quote ("" is a quote); what follows a closing
 *   quote must be a quote, a comma or a line end. The first stray stops
 *   the slice after the rows before it;
 * - a field's bytes are those between its separators but its first
 *   opening quote and every closing quote (the first of each "");
 * - physical lines are the '\n' bytes counted, inside quotes or not.
 * Only the words are walked, a separator at a time. Past the last wanted
 * field of a row, not even that: the commas to the row's end are counted.
 */
#define MASK_INLINE inline __attribute__((always_inline))

/* The mask scanner's state while it walks a slice, the batch's and the
 * row's: a local copy, loaded and stored once a slice, so that it stays in
 * registers (field bytes are written through a char pointer, which could
 * alias anything in memory). The slice's room was made beforehand: no
 * capacity is checked a field or a row. */
struct mst {
	char *arena;
	size_t alen, nfld, nrows;
	size_t *foff, *flen;
	struct rowrec *rows;
	size_t rowf0, fidx, fstart, need;
	int fstate, skipping, rownul, first;
	long line, rowline;
	uint64_t inq, prev_sep, prev_cq;
	const unsigned char *want;	/* csvin_want's, or NULL */
	size_t nw;			/* its length; 0 without */
	const size_t *nxt;		/* csvin_want's next wanted field */
	const unsigned char *kw;	/* the row's: want, or NULL (all) */
	size_t knw;			/* its length */
	const unsigned char *lim;	/* the slice's end: no read past it */
};

/* A row begins: fields wanted as the slice sees them. Unwanted first
 * fields are counted, not stored. The row is not begun until a byte or a
 * separator of it is seen (a line end first is a blank line). */
static MASK_INLINE void
row_setup(struct mst *m)
{
	m->kw = m->want;
	m->knw = m->nw;
	m->fidx = 0;
	m->fstate = FS_RNB;
	m->fstart = m->alen;
	m->skipping = m->knw > 0 && !m->kw[0];
	m->need = m->skipping ? m->nxt[0] : 0;
}

/* After a comma: the next field, counted if unwanted. */
static MASK_INLINE void
after_comma(struct mst *m)
{
	m->fstate = FS_FNB;
	if (m->fidx < m->knw && !m->kw[m->fidx]) {
		m->skipping = 1;
		m->need = m->nxt[m->fidx] - m->fidx;
		m->fstate = FS_FB;
		m->fstart = m->alen;
	}
}

static MASK_INLINE void
mst_load(struct csvin *c, struct mst *m, const unsigned char *lim)
{
	struct batch *b = c->cur;
	const unsigned char *want = atomic_load_explicit(&c->want,
	    memory_order_acquire);

	m->arena = b->arena;
	m->alen = b->alen;
	m->nfld = b->nfld;
	m->nrows = b->nrows;
	m->foff = b->foff;
	m->flen = b->flen;
	m->rows = b->rows;
	m->rowf0 = c->rowf0;
	m->fidx = c->fidx;
	m->fstart = c->fstart;
	m->need = c->need;
	m->fstate = c->fstate;
	m->skipping = c->skipping;
	m->rownul = c->rownul;
	m->first = c->first;
	m->line = c->line;
	m->rowline = c->rowline;
	m->inq = c->inq;
	m->prev_sep = c->prev_sep;
	m->prev_cq = c->prev_cq;
	m->want = want;
	m->nw = want ? c->nwant : 0;
	m->nxt = want ? c->nxt : NULL;
	m->kw = c->rsparse ? want : NULL;
	m->knw = c->rsparse ? m->nw : 0;
	m->lim = lim;
	if (m->fstate == FS_RNB && m->fidx == 0)
		row_setup(m);	/* not begun: as this slice wants it */
}

static MASK_INLINE void
mst_store(struct csvin *c, const struct mst *m)
{
	struct batch *b = c->cur;

	b->alen = m->alen;
	b->nfld = m->nfld;
	b->nrows = m->nrows;
	c->rowf0 = m->rowf0;
	c->fidx = m->fidx;
	c->fstart = m->fstart;
	c->need = m->need;
	c->fstate = m->fstate;
	c->skipping = m->skipping;
	c->rsparse = m->kw != NULL;
	c->rownul = m->rownul;
	c->first = m->first;
	c->line = m->line;
	c->rowline = m->rowline;
	c->inq = m->inq;
	c->prev_sep = m->prev_sep;
	c->prev_cq = m->prev_cq;
}

/* Room in the current batch for n more bytes, f fields and r rows. */
static void
mask_room(struct csvin *c, size_t n, size_t f, size_t r)
{
	struct batch *b = c->cur;

	if (b->alen + n > b->acap) {
		while (b->alen + n > b->acap)
			b->acap = b->acap ? b->acap * 2 : 1 << 16;
		b->arena = xrealloc(b->arena, b->acap);
	}
	if (b->nfld + f > b->fcap) {
		while (b->nfld + f > b->fcap)
			b->fcap = b->fcap ? b->fcap * 2 : 1024;
		b->foff = xrealloc(b->foff, b->fcap * sizeof(*b->foff));
		b->flen = xrealloc(b->flen, b->fcap * sizeof(*b->flen));
	}
	if (b->nrows + r > b->rcap) {
		while (b->nrows + r > b->rcap)
			b->rcap = b->rcap ? b->rcap * 2 : 256;
		b->rows = xrealloc(b->rows, b->rcap * sizeof(*b->rows));
	}
}

static MASK_INLINE uint64_t
lowmask(unsigned n)
{
	return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
}

static MASK_INLINE uint64_t
prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* n bytes from src into the arena: 16 at a time where the slice has the
 * bytes to read (the arena's room covers the overshoot). */
static MASK_INLINE void
put_bytes(struct mst *m, const unsigned char *src, size_t n)
{
	char *dst = m->arena + m->alen;
	size_t k;

	if (src + ((n + 15) & ~(size_t)15) <= m->lim)
		for (k = 0; k < n; k += 16)
			memcpy(dst + k, src + k, 16);
	else
		memcpy(dst, src, n);
	m->alen += n;
}

/* Bytes [a, e) of the word at P into the arena, less those in drop. */
static MASK_INLINE void
copy_span(struct mst *m, const unsigned char *P, unsigned a, unsigned e,
    uint64_t drop)
{
	uint64_t d = drop & lowmask(e) & ~lowmask(a);
	unsigned j;

	while (d) {
		j = (unsigned)__builtin_ctzll(d);
		put_bytes(m, P + a, j - a);
		a = j + 1;
		d &= d - 1;
	}
	put_bytes(m, P + a, e - a);
}

/* The field being read ends, stored; [a, e) of the word at P are its last
 * bytes (its first, when it began in this word). */
static MASK_INLINE void
mask_field(struct mst *m, const unsigned char *P, unsigned a, unsigned e,
    uint64_t drop)
{
	if (m->fstate != FS_FB)
		m->fstart = m->alen;
	copy_span(m, P, a, e, drop);
	m->arena[m->alen] = '\0';
	m->foff[m->nfld] = m->fstart;
	m->flen[m->nfld] = m->alen - m->fstart;
	m->nfld++;
	m->alen++;
	m->fidx++;
}

/* The row ends, its last field ended; the next is set up. */
static MASK_INLINE void
mask_row(struct mst *m)
{
	struct rowrec *r = &m->rows[m->nrows++];

	r->f0 = m->rowf0;
	r->nf = m->fidx;
	r->sparse = m->kw != NULL;
	r->line = m->rowline;
	r->nul = m->rownul;
	m->first = 0;
	m->rowf0 = m->nfld;
	m->rownul = 0;
	row_setup(m);
}

/* One word, L bytes at P: 0, or -1 at a stray quote. */
static MASK_INLINE int
mask_word(struct mst *ms, const unsigned char *P, unsigned L,
    const struct csvclass *k)
{
	uint64_t valid = lowmask(L), q = k->q, nl = k->nl;
	uint64_t inside, sep, cq, oq, psep, pcq, bad, drop, m, end;
	long lbase = ms->line;
	unsigned fb = 0, i, n;
	int stray = 0;

	inside = prefix_xor(q) ^ ms->inq;
	sep = (k->cm | nl) & ~inside;
	cq = q & ~inside;
	oq = q & inside;
	psep = sep << 1 | ms->prev_sep;
	pcq = cq << 1 | ms->prev_cq;
	bad = ((oq & ~(psep | pcq)) | (pcq & ~(q | k->cm | nl))) & valid;
	drop = cq | (oq & psep);
	/* the bytes past L are NULs: no class, so the last byte's carry */
	ms->inq = (uint64_t)((int64_t)inside >> 63);
	ms->prev_sep = sep >> (L - 1) & 1;
	ms->prev_cq = cq >> (L - 1) & 1;
	m = sep;
	if (bad) {
		m &= lowmask((unsigned)__builtin_ctzll(bad));
		stray = 1;
	}
	while (m) {
		i = (unsigned)__builtin_ctzll(m);
		if (ms->fstate == FS_RNB && i == fb && (nl >> i & 1)) {
			/* a blank line */
			m &= m - 1;
			ms->rowline = lbase + __builtin_popcountll(k->lf &
			    lowmask(i + 1));
			fb = i + 1;
			continue;
		}
		if (ms->skipping) {
			/* unwanted fields: pass ms->need separators, or to
			 * the row's end if it comes first */
			uint64_t run;

			ms->fstate = FS_FB;	/* the row has begun */
			end = m & nl;
			run = end ? m & lowmask((unsigned)__builtin_ctzll(end) +
			    1) : m;
			n = (unsigned)__builtin_popcountll(run);
			if (n >= ms->need) {
				for (n = 1; n < ms->need; n++)
					run &= run - 1;
				i = (unsigned)__builtin_ctzll(run);
				ms->fidx += ms->need;
				ms->skipping = 0;
			} else if (end) {
				i = (unsigned)__builtin_ctzll(end);
				ms->fidx += n;
			} else {
				ms->fidx += n;
				ms->need -= n;
				m = 0;
				break;
			}
			m &= ~lowmask(i + 1);
			fb = i + 1;
			if (nl >> i & 1) {
				ms->skipping = 0;
				mask_row(ms);
				ms->rowline = lbase + __builtin_popcountll(k->lf &
				    lowmask(i + 1));
			} else
				after_comma(ms);
			continue;
		}
		m &= m - 1;
		mask_field(ms, P, fb, i, drop);
		if (nl >> i & 1) {
			mask_row(ms);
			ms->rowline = lbase + __builtin_popcountll(k->lf &
			    lowmask(i + 1));
		} else
			after_comma(ms);
		fb = i + 1;
	}
	if (stray)
		return -1;
	if (fb < L) {
		/* the field goes on into the next word */
		if (ms->fstate != FS_FB) {
			ms->fstate = FS_FB;
			ms->fstart = ms->alen;
		}
		if (!ms->skipping)
			copy_span(ms, P, fb, L, drop);
	}
	ms->line = lbase + __builtin_popcountll(k->lf & valid);
	return 0;
}

/* 0, or -1 at a stray quote. */
static MASK_INLINE int
mask_parse_body(struct csvin *c, const unsigned char *s, size_t n)
{
	struct mst m;
	size_t w, nw = (n + 63) / 64, nsep = 0, nnl = 0;
	int rc = 0;

	if (n == 0)
		return 0;
	c->classify(s, n, c->cls);
	for (w = 0; w < nw; w++) {
		nsep += (size_t)__builtin_popcountll(c->cls[w].cm |
		    c->cls[w].nl);
		nnl += (size_t)__builtin_popcountll(c->cls[w].nl);
	}
	/* the bytes, a NUL a field and a copy's overshoot; a field a
	 * separator and one; a row a line end and one */
	mask_room(c, n + nsep + 64, nsep + 2, nnl + 2);
	mst_load(c, &m, s + n);
	for (w = 0; w < nw; w++)
		if (mask_word(&m, s + w * 64, n - w * 64 < 64 ?
		    (unsigned)(n - w * 64) : 64, &c->cls[w]) != 0) {
			rc = -1;
			break;
		}
	mst_store(c, &m);
	return rc;
}

static int
mask_parse_base(struct csvin *c, const unsigned char *s, size_t n)
{
	return mask_parse_body(c, s, n);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The same, where the CPU counts bits and trailing zeros in one
 * instruction (every CPU with AVX2 does): inlined, the bodies above are
 * compiled for it here. */
__attribute__((target("popcnt,bmi,bmi2"))) static int
mask_parse_bmi(struct csvin *c, const unsigned char *s, size_t n)
{
	return mask_parse_body(c, s, n);
}
#define HAVE_MASK_BMI 1
#endif

/* The end of input: 0, or -1 inside a quoted field. */
static int
mask_fini(struct csvin *c)
{
	static const unsigned char none[1];
	struct mst m;

	if (c->inq)
		return -1;
	mask_room(c, 1, 1, 1);
	mst_load(c, &m, none);
	if (m.fstate != FS_RNB) {
		if (m.skipping)
			m.fidx++;
		else
			mask_field(&m, none, 0, 0, 0);
		mask_row(&m);
	}
	mst_store(c, &m);
	return 0;
}

/* One slice through the chosen scanner: 0, or -1 at a stray quote. */
static int
scan(struct csvin *c, const char *s, size_t n)
{
	if (c->classify)
		return c->mparse(c, (const unsigned char *)s, n);
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

/* The header row (and any blank lines after it) goes out alone, then the
 * parser waits for the fields wanted (csvin_want), or for the reader to
 * want rows without saying: so every row after the header is parsed with
 * the same wanted fields, whatever the threads' timing. -1: told to
 * stop. */
static int
header_alone(struct csvin *c)
{
	int stop;

	c->header_out = 1;
	if (publish(c, 0) < 0)
		return -1;
	pthread_mutex_lock(&c->mu);
	while (!c->stop && atomic_load(&c->want) == NULL &&
	    !(c->hungry && c->count == 0))
		wait_cv(&c->cv, &c->mu);
	stop = c->stop;
	pthread_mutex_unlock(&c->mu);
	return stop ? -1 : 0;
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
			if ((c->classify ? mask_fini(c) : c->fast ?
			    fast_fini(c) : csv_fini(&c->p, on_field, on_row,
			    c)) != 0) {
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
			if (c->first) {
				/* up to a line end at a time until the header
				 * is read, so that it can go out alone */
				const char *nl = memchr(blk + pos, '\n', n);

				if (nl != NULL)
					n = (size_t)(nl - (blk + pos)) + 1;
			}
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
			if (!c->first && !c->header_out) {
				if (header_alone(c) < 0)
					return;
			} else if (c->cur->alen >= BATCH_BYTES &&
			    c->cur->nrows > 0 && publish(c, 0) < 0)
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

static const char *const scanner_names[] = {
	[CSVIN_AUTO] = "auto", [CSVIN_LIBCSV] = "libcsv",
	[CSVIN_SCALAR] = "scalar", [CSVIN_GENERIC] = "generic",
	[CSVIN_AVX2] = "avx2", [CSVIN_AVX512] = "avx512",
};

static const enum csvsimd_kind scanner_simd[] = {
	[CSVIN_GENERIC] = CSVSIMD_GENERIC, [CSVIN_AVX2] = CSVSIMD_AVX2,
	[CSVIN_AVX512] = CSVSIMD_AVX512,
};

int
csvin_scanner_byname(const char *name, enum csvin_scanner *s)
{
	size_t i;

	for (i = 0; i < sizeof(scanner_names) / sizeof(scanner_names[0]); i++)
		if (strcmp(name, scanner_names[i]) == 0) {
			*s = (enum csvin_scanner)i;
			return 0;
		}
	return -1;
}

/* The scanner s stands for on this CPU: itself, or for CSVIN_AUTO the
 * mask scanner on the widest vectors the CPU has, else the scalar one. */
static enum csvin_scanner
resolve(enum csvin_scanner s)
{
	if (s != CSVIN_AUTO)
		return s;
	switch (csvsimd_best()) {
	case CSVSIMD_AVX512:
		return CSVIN_AVX512;
	case CSVSIMD_AVX2:
		return CSVIN_AVX2;
	default:
		return CSVIN_SCALAR;
	}
}

int
csvin_scanner_runs(enum csvin_scanner s)
{
	s = resolve(s);
	return s == CSVIN_LIBCSV || s == CSVIN_SCALAR ||
	    csvsimd_classifier(scanner_simd[s]) != NULL;
}

/* The error of a scanner the CPU cannot run. */
static void
cpu_lacks(struct err *e, enum csvin_scanner s)
{
	err_set(e, EXIT_USAGE, 0, "CSVIN_PARSER=%s: this CPU has no %s",
	    scanner_names[s], s == CSVIN_AVX512 ? "AVX-512BW" : "AVX2");
}

struct csvin *
csvin_new_with(struct zin *src, enum csvin_scanner kind)
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
	kind = resolve(kind);
	c->fast = kind != CSVIN_LIBCSV;
	if (kind >= CSVIN_GENERIC) {
		c->classify = csvsimd_classifier(scanner_simd[kind]);
		if (c->classify == NULL)
			cpu_lacks(&c->kinderr, kind);
		c->cls = xmalloc(SLICE_WORDS * sizeof(*c->cls));
		c->mparse = mask_parse_base;
#ifdef HAVE_MASK_BMI
		if (__builtin_cpu_supports("popcnt") &&
		    __builtin_cpu_supports("bmi") &&
		    __builtin_cpu_supports("bmi2"))
			c->mparse = mask_parse_bmi;
#endif
	}
	c->prev_sep = 1;	/* the start: as after a separator */
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	switch_batch(c, &c->b[0]);
	return c;
}

int
csvin_env(enum csvin_scanner *s, struct err *e)
{
	const char *ps = getenv("CSVIN_PARSER");

	*s = CSVIN_AUTO;
	if (ps == NULL || *ps == '\0')
		return 0;
	if (csvin_scanner_byname(ps, s) != 0) {
		err_set(e, EXIT_USAGE, 0, "CSVIN_PARSER=%s: no such scanner "
		    "(libcsv, scalar, generic, avx2, avx512 or auto)", ps);
		return -1;
	}
	if (!csvin_scanner_runs(*s)) {
		cpu_lacks(e, *s);
		return -1;
	}
	return 0;
}

struct csvin *
csvin_new(struct zin *src)
{
	enum csvin_scanner kind;
	struct err e = { 0 };
	struct csvin *c;

	if (csvin_env(&kind, &e) == 0)
		return csvin_new_with(src, kind);
	c = csvin_new_with(src, CSVIN_AUTO);
	c->kinderr = e;
	return c;
}

void
csvin_want(struct csvin *c, const unsigned char *want, size_t n)
{
	unsigned char *w = xmalloc(n ? n : 1);
	size_t i;

	memcpy(w, want, n);
	c->nwant = n;
	c->nxt = xmalloc((n + 1) * sizeof(*c->nxt));
	c->wl = xmalloc((n ? n : 1) * sizeof(*c->wl));
	c->nxt[n] = n;
	for (i = n; i > 0; i--)
		c->nxt[i - 1] = want[i - 1] ? i - 1 : c->nxt[i];
	for (i = 0; i < n; i++)
		if (want[i])
			c->wl[c->nwl++] = i;
	pthread_mutex_lock(&c->mu);
	atomic_store_explicit(&c->want, w, memory_order_release);
	pthread_cond_broadcast(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

int
csvin_next(struct csvin *c, struct csvrow *row, struct err *e)
{
	struct rowrec *r;
	struct batch *b;
	size_t i;

	if (c->kinderr.status) {
		*e = c->kinderr;
		return -1;
	}
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
		while (c->count == 0) {
			c->hungry = 1;
			pthread_cond_broadcast(&c->cv);
			wait_cv(&c->cv, &c->mu);
		}
		c->hungry = 0;
		c->held = 1;
		c->rd = &c->b[c->head];
		pthread_mutex_unlock(&c->mu);
		c->rnext = 0;
	}
	b = c->rd;
	r = &b->rows[c->rnext++];
	if (r->nf > c->fpcap) {
		c->blank = 0;
		c->fpcap = r->nf * 2;
		c->fp = xrealloc(c->fp, c->fpcap * sizeof(*c->fp));
		c->lp = xrealloc(c->lp, c->fpcap * sizeof(*c->lp));
	}
	if (!r->sparse) {
		for (i = 0; i < r->nf; i++) {
			c->fp[i] = b->arena + b->foff[r->f0 + i];
			c->lp[i] = b->flen[r->f0 + i];
		}
		c->blank = 0;
	} else {
		size_t j = r->f0, k;

		/* the unwanted fields are "", left so from row to row */
		if (!c->blank) {
			for (i = 0; i < c->fpcap; i++) {
				c->fp[i] = "";
				c->lp[i] = 0;
			}
			c->blank = 1;
		}
		for (k = 0; k < c->nwl && c->wl[k] < r->nf; k++, j++) {
			c->fp[c->wl[k]] = b->arena + b->foff[j];
			c->lp[c->wl[k]] = b->flen[j];
		}
		for (i = c->nwant; i < r->nf; i++, j++) {
			c->fp[i] = b->arena + b->foff[j];
			c->lp[i] = b->flen[j];
		}
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
	free(c->cls);
	free(c->nxt);
	free(c->wl);
	free(atomic_load(&c->want));
	free(c);
}
