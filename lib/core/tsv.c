#define _GNU_SOURCE		/* qsort_r (POSIX.1-2024; glibc wants this) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/date.h"
#include "core/money.h"
#include "core/tsv.h"

#define OUTSZ (256 * 1024)

void
out_init(struct out *o, int fd)
{
	o->fd = fd;
	o->cap = OUTSZ;
	o->b = xmalloc(o->cap);
	o->n = 0;
	o->err = 0;
	o->total = 0;
}

/* n bytes from p, unless an earlier write failed; counted in total */
static void
out_write(struct out *o, const char *p, size_t n)
{
	size_t off = 0;

	while (off < n && !o->err) {
		ssize_t w = write(o->fd, p + off, n - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			o->err = errno;
			break;
		}
		off += (size_t)w;
	}
	o->total += n;
}

/* A buffer in memory: it grows, nothing is written (out_flush keeps the
 * bytes; the owner reads b[0..n) and resets n). */
void
out_mem(struct out *o)
{
	out_init(o, -1);
}

/* a memory buffer with room for need more bytes */
static void
mem_grow(struct out *o, size_t need)
{
	size_t cap = o->cap;

	while (cap - o->n < need)
		cap *= 2;
	if (cap != o->cap) {
		o->cap = cap;
		o->b = xrealloc(o->b, cap);
	}
}

int
out_flush(struct out *o)
{
	if (o->fd < 0)
		return 0;
	out_write(o, o->b, o->n);
	o->n = 0;
	return o->err ? -1 : 0;
}

void
out_big(struct out *o, const char *s, size_t n)
{
	if (o->fd < 0) {
		mem_grow(o, n);
		memcpy(o->b + o->n, s, n);
		o->n += n;
		return;
	}
	out_flush(o);
	if (n <= o->cap) {
		memcpy(o->b, s, n);
		o->n = n;
	} else
		out_write(o, s, n);
}

void
out_spill(struct out *o, size_t need)
{
	if (o->fd < 0) {
		mem_grow(o, need);
		return;
	}
	out_flush(o);
	if (need > o->cap) {
		o->cap = need;
		o->b = xrealloc(o->b, o->cap);
	}
}

int
out_close(struct out *o)
{
	int rc = out_flush(o);

	free(o->b);
	o->b = NULL;
	return rc;
}

/* The bytes TSV escapes: \t \n \r and the backslash. */
static const unsigned char tsv_special[256] = {
	['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\',
};

/* The first byte of s[0..n) that TSV escapes, or n. Sixteen bytes at a
 * time with SSE2 (in every x86-64), then a byte at a time. */
static size_t
next_special(const char *s, size_t n)
{
	size_t i = 0;

#ifdef __SSE2__
	const __m128i t = _mm_set1_epi8('\t'), l = _mm_set1_epi8('\n');
	const __m128i r = _mm_set1_epi8('\r'), b = _mm_set1_epi8('\\');

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + i));
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, t), _mm_cmpeq_epi8(v, l)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, r), _mm_cmpeq_epi8(v, b))));

		if (m)
			return i + (size_t)__builtin_ctz((unsigned)m);
	}
#endif
	for (; i < n; i++)
		if (tsv_special[(unsigned char)s[i]])
			break;
	return i;
}

void
out_val(struct out *o, const char *s, size_t n)
{
	size_t i;

	while ((i = next_special(s, n)) < n) {
		out_add(o, s, i);
		out_c(o, '\\');
		out_c(o, (char)tsv_special[(unsigned char)s[i]]);
		s += i + 1;
		n -= i + 1;
	}
	out_add(o, s, n);
}

void
tsv_escape(struct buf *b, const char *s, size_t n)
{
	size_t i;

	while ((i = next_special(s, n)) < n) {
		if (i > 0)
			buf_add(b, s, i);
		buf_addc(b, '\\');
		buf_addc(b, (char)tsv_special[(unsigned char)s[i]]);
		s += i + 1;
		n -= i + 1;
	}
	if (n > 0)
		buf_add(b, s, n);
}

void
out_money_dp(struct out *o, __int128 m, int mindec)
{
	char b[MONEY_BUFSZ];
	size_t n = money_fmt(m, b, mindec);

	out_add(o, b, n);
}

void
out_money(struct out *o, __int128 m)
{
	out_money_dp(o, m, 2);
}

void
out_day(struct out *o, long day)
{
	char b[DATE_DAYLEN];

	if (day == DAY_NONE)
		return;
	date_fmt_day(day, b);
	out_add(o, b, 10);
}

void
out_long(struct out *o, long long v)
{
	char b[32];
	int n = snprintf(b, sizeof(b), "%lld", v);

	out_add(o, b, (size_t)n);
}

/* --- input ------------------------------------------------------------- */

/* Read one physical line into t->line (without the newline). 1, 0, -1. */
static int
getline_z(struct tsvr *t, struct err *e)
{
	t->line.len = 0;
	for (;;) {
		const char *nl;
		int rc;

		if (t->bpos < t->blen) {
			nl = memchr(t->blk + t->bpos, '\n', t->blen - t->bpos);
			if (nl) {
				buf_add(&t->line, t->blk + t->bpos,
				    (size_t)(nl - (t->blk + t->bpos)));
				t->bpos = (size_t)(nl - t->blk) + 1;
				t->lineno++;
				return 1;
			}
			buf_add(&t->line, t->blk + t->bpos, t->blen - t->bpos);
			t->bpos = t->blen;
		}
		if (t->eof)
			break;
		rc = zin_read(t->z, &t->blk, &t->blen, e);
		if (rc < 0) {
			e->line = t->lineno + 1;
			return -1;
		}
		t->bpos = 0;
		if (rc == 0) {
			t->eof = 1;
			t->blen = 0;
		}
	}
	if (t->line.len == 0)
		return 0;
	t->lineno++;		/* last line without newline */
	return 1;
}

static int
unescape(char *s, size_t *n)
{
	char *r = s, *w = s, *end = s + *n;

	while (r < end) {
		if (*r != '\\') {
			*w++ = *r++;
			continue;
		}
		if (r + 1 >= end)
			return -1;
		switch (r[1]) {
		case 't': *w++ = '\t'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case '\\': *w++ = '\\'; break;
		default: return -1;
		}
		r += 2;
	}
	*w = '\0';
	*n = (size_t)(w - s);
	return 0;
}

/* Split t->line at tabs into t->f; returns field count. */
enum { SP_NUL = 1, SP_BACKSLASH = 2 };

static inline void
cut(struct tsvr *t, size_t max, size_t *nf, char **from, char *tab)
{
	if (*nf < max) {
		t->f[*nf] = *from;
		t->len[*nf] = (size_t)(tab - *from);
	}
	++*nf;
	*tab = '\0';
	*from = tab + 1;
}

/* The fields of t->line, cut at its tabs (NUL-terminated in place; the
 * first max of them stored), in one pass that also tells whether the
 * line has a NUL byte or a backslash (*special: SP_ bits). Returns the
 * number of fields. */
static size_t
split(struct tsvr *t, size_t max, unsigned *special)
{
	char *from, *q, *end;
	size_t nf = 0;
	unsigned sp = 0;

	buf_cstr(&t->line);
	from = q = t->line.s;
	end = q + t->line.len;
	if (t->line.len && end[-1] == '\r')	/* tolerate CRLF */
		*--end = '\0';
#ifdef __SSE2__
	{
		const __m128i tab = _mm_set1_epi8('\t'), bs = _mm_set1_epi8('\\');
		const __m128i zero = _mm_setzero_si128();

		for (; end - q >= 16; q += 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(void *)q);
			unsigned mt = (unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, tab));

			if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)))
				sp |= SP_NUL;
			if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, bs)))
				sp |= SP_BACKSLASH;
			while (mt) {	/* the block was loaded before the cuts */
				char *tp = q + __builtin_ctz(mt);

				mt &= mt - 1;
				cut(t, max, &nf, &from, tp);
			}
		}
	}
#endif
	for (; q < end; q++) {
		if (*q == '\t')
			cut(t, max, &nf, &from, q);
		else if (*q == '\0')
			sp |= SP_NUL;
		else if (*q == '\\')
			sp |= SP_BACKSLASH;
	}
	if (nf < max) {
		t->f[nf] = from;
		t->len[nf] = (size_t)(end - from);
	}
	*special = sp;
	return nf + 1;
}

/* A NUL byte would cut a value short where it is used as a string (two
 * resources would become one): a data error. */
static void
nul_error(const struct tsvr *t, struct err *e)
{
	err_set(e, EXIT_DATA, t->lineno, "a NUL byte in the line (a binary "
	    "or damaged file?)");
}

static int
cmp_hdr(const void *a, const void *b, void *arg)
{
	const struct tsvr *t = arg;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(t->hdr[x], t->hdr[y]);

	return c ? c : x < y ? -1 : x > y;
}

/* Every tool binds columns by name: a name twice would be first-wins,
 * silently. An error naming both, sorted in O(n log n). */
static int
repeated_column(const struct tsvr *t, struct err *e)
{
	size_t i, *ix;
	int rc = 0;

	if (t->nf < 2)
		return 0;
	ix = xmalloc(t->nf * sizeof(*ix));
	for (i = 0; i < t->nf; i++)
		ix[i] = i;
	qsort_r(ix, t->nf, sizeof(*ix), cmp_hdr, (void *)t);
	for (i = 1; i < t->nf && rc == 0; i++)
		if (strcmp(t->hdr[ix[i - 1]], t->hdr[ix[i]]) == 0) {
			err_set(e, EXIT_DATA, 1, "column '%s' appears twice "
			    "(columns %zu and %zu)", t->hdr[ix[i]], ix[i - 1] +
			    1, ix[i] + 1);
			rc = 1;
		}
	free(ix);
	return rc;
}

struct tsvr *
tsvr_open(const char *path, struct err *e)
{
	struct tsvr *t = xcalloc(1, sizeof(*t));
	size_t i, cap = 1;
	unsigned sp;
	int rc;

	t->name = path;
	t->z = zin_open(path, e);
	if (t->z == NULL) {
		free(t);
		return NULL;
	}
	rc = getline_z(t, e);
	if (rc <= 0) {
		if (rc == 0)
			err_set(e, EXIT_DATA, 1, "empty input: no header line");
		tsvr_close(t);
		return NULL;
	}
	/* a UTF-8 byte-order mark, as some editors write: not a column */
	if (t->line.len >= 3 && memcmp(t->line.s, "\xef\xbb\xbf", 3) == 0) {
		memmove(t->line.s, t->line.s + 3, t->line.len - 3);
		t->line.len -= 3;
	}
	if (t->line.len && memchr(t->line.s, '\0', t->line.len)) {
		nul_error(t, e);
		tsvr_close(t);
		return NULL;
	}
	/* size the field arrays from the tab count, then split once (a
	 * second split could not undo the NULs and the CR the first wrote) */
	for (i = 0; i < t->line.len; i++)
		cap += t->line.s[i] == '\t';
	t->f = xcalloc(cap, sizeof(*t->f));
	t->len = xcalloc(cap, sizeof(*t->len));
	t->nf = split(t, cap, &sp);
	t->hdr = xcalloc(t->nf, sizeof(*t->hdr));
	for (i = 0; i < t->nf; i++) {
		t->hdr[i] = xstrndup(t->f[i], t->len[i]);
		if (t->len[i] == 0) {
			err_set(e, EXIT_DATA, 1, "empty column name in header");
			tsvr_close(t);
			return NULL;
		}
	}
	if (repeated_column(t, e)) {
		tsvr_close(t);
		return NULL;
	}
	return t;
}

int
tsvr_col(const struct tsvr *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nf; i++)
		if (strcmp(t->hdr[i], name) == 0)
			return (int)i;
	return -1;
}

int
tsvr_need(const struct tsvr *t, const char *name, struct err *e)
{
	int c = tsvr_col(t, name);

	if (c < 0)
		err_set(e, EXIT_DATA, 1, "missing column '%s'", name);
	return c;
}

int
tsvr_next(struct tsvr *t, struct err *e)
{
	size_t i, nf;
	int rc;
	unsigned sp;

	do {
		rc = getline_z(t, e);
		if (rc <= 0)
			return rc;
	} while (t->line.len == 0 || (t->line.len == 1 && t->line.s[0] == '\r'));
	nf = split(t, t->nf, &sp);
	if (sp & SP_NUL) {
		nul_error(t, e);
		return -1;
	}
	if (nf != t->nf) {
		err_set(e, EXIT_DATA, t->lineno, "%zu fields, header has %zu",
		    nf, t->nf);
		return -1;
	}
	for (i = 0; i < nf && (sp & SP_BACKSLASH); i++)
		if (memchr(t->f[i], '\\', t->len[i]) &&
		    unescape(t->f[i], &t->len[i])) {
			err_set(e, EXIT_DATA, t->lineno,
			    "column '%s': bad escape", t->hdr[i]);
			return -1;
		}
	return 1;
}

void
tsvr_line(const struct tsvr *t, struct buf *b)
{
	size_t i;

	for (i = 0; i < t->nf; i++) {
		if (i)
			buf_addc(b, '\t');
		tsv_escape(b, t->f[i], t->len[i]);
	}
	buf_addc(b, '\n');
}

void
tsvr_close(struct tsvr *t)
{
	size_t i;

	if (t == NULL)
		return;
	zin_close(t->z);
	buf_free(&t->line);
	if (t->hdr)
		for (i = 0; i < t->nf; i++)
			free(t->hdr[i]);
	free(t->hdr);
	free(t->f);
	free(t->len);
	free(t);
}
