/* fuzz_csvin.c: zin + csvin over the bytes, as curscan reads a CUR file.
 * gzip input is detected by its magic bytes, as in zin_open, and so is a
 * ZIP (PK\3\4: zin_open may refuse it, EXIT_DATA; its member is read
 * without the reference). For plain input, and gzip input that zlib
 * inflates whole (members back to back), every row is checked against a
 * small reference parser written from the documented rules (RFC 4180,
 * strict: a stray quote or an unterminated quoted field is an error;
 * blank lines skipped; a UTF-8 BOM before the first field dropped; each
 * row's physical start line).
 * Each input is read twice: to the end (for odd sizes with csvin_want
 * dropping some fields after the header, as curscan does), then stopped
 * after 0 to 2 rows, so csvin_free must wind the parser thread down
 * mid-stream. The corpus holds a small gzip file that inflates to 1.8 MB,
 * for fields across 64 KB slices and rows across 512 KB batches: such
 * inputs are slow, so fuzz with -entropic_scale_per_exec_time=1 (see
 * fuzz/build.sh). */
#include <stdlib.h>
#include <string.h>

#include "intake/csvin.h"
#include "core/zin.h"
#include "fuzz.h"

struct rrow {
	size_t f0, nf;
	long line;
};

struct ref {
	char *dec;		/* decoded field bytes */
	size_t declen;
	size_t *foff, *flen, nf;
	struct rrow *rows;
	size_t nrows;
	int err;		/* 0, or 1 stray quote, 2 unterminated */
	long errline;
};

enum { RNB, FNB, INF, INQ, QQ };

FUZZ_NOCOV static void
grow(struct ref *r, size_t *cap)
{
	if (r->nf < *cap && r->nrows < *cap)
		return;
	*cap = *cap ? *cap * 2 : 64;
	r->foff = realloc(r->foff, *cap * sizeof(*r->foff));
	r->flen = realloc(r->flen, *cap * sizeof(*r->flen));
	r->rows = realloc(r->rows, *cap * sizeof(*r->rows));
	if (r->foff == NULL || r->flen == NULL || r->rows == NULL)
		abort();
}

FUZZ_NOCOV static void
refparse(const unsigned char *d, size_t n, struct ref *r)
{
	size_t i, fstart = 0, cap = 0;
	long line = 1, rowline = 1;
	int st = RNB;

	memset(r, 0, sizeof(*r));
	/* a UTF-8 byte-order mark at the very start is dropped */
	if (n >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0) {
		d += 3;
		n -= 3;
	}
	r->dec = malloc(n + 1);	/* decoded bytes never outgrow the input */
	grow(r, &cap);
#define BEGINFIELD() (fstart = r->declen)
#define ENDFIELD() (r->foff[r->nf] = fstart, \
	r->flen[r->nf] = r->declen - fstart, r->nf++, grow(r, &cap))
#define ENDROW() (r->rows[r->nrows].nf = r->nf - r->rows[r->nrows].f0, \
	r->nrows++, grow(r, &cap), st = RNB)
	for (i = 0; i < n; i++) {
		unsigned char c = d[i];

		switch (st) {
		case RNB:
			if (c == '\r' || c == '\n') {
				if (c == '\n')
					line++;
				rowline = line;
				continue;
			}
			r->rows[r->nrows].f0 = r->nf;
			r->rows[r->nrows].line = rowline;
			/* FALLTHROUGH */
		case FNB:
			BEGINFIELD();
			if (c == '\r' || c == '\n') {
				ENDFIELD();
				ENDROW();
				if (c == '\n')
					line++;
				rowline = line;
			} else if (c == ',') {
				ENDFIELD();
				st = FNB;
			} else if (c == '"') {
				st = INQ;
			} else {
				r->dec[r->declen++] = (char)c;
				st = INF;
			}
			break;
		case INF:
			if (c == '"') {
				r->err = 1;
				r->errline = rowline;
				goto out;
			} else if (c == ',') {
				ENDFIELD();
				st = FNB;
			} else if (c == '\r' || c == '\n') {
				ENDFIELD();
				ENDROW();
				if (c == '\n')
					line++;
				rowline = line;
			} else
				r->dec[r->declen++] = (char)c;
			break;
		case INQ:
			if (c == '"') {
				st = QQ;
			} else {
				r->dec[r->declen++] = (char)c;
				if (c == '\n')
					line++;
			}
			break;
		case QQ:
			if (c == '"') {
				r->dec[r->declen++] = '"';
				st = INQ;
			} else if (c == ',') {
				ENDFIELD();
				st = FNB;
			} else if (c == '\r' || c == '\n') {
				ENDFIELD();
				ENDROW();
				if (c == '\n')
					line++;
				rowline = line;
			} else {
				r->err = 1;
				r->errline = rowline;
				goto out;
			}
			break;
		}
	}
	switch (st) {
	case INQ:
		r->err = 2;
		r->errline = rowline;
		break;
	case FNB:
		BEGINFIELD();
		/* FALLTHROUGH */
	case INF:
	case QQ:
		ENDFIELD();
		ENDROW();
		break;
	}
out:;
#undef BEGINFIELD
#undef ENDFIELD
#undef ENDROW
}

static void
reffree(struct ref *r)
{
	free(r->dec);
	free(r->foff);
	free(r->flen);
	free(r->rows);
}

/* Field i of row k matches the reference (an unwanted field may also come
 * out empty). */
FUZZ_NOCOV static void
check_row(const struct ref *ref, size_t k, const struct csvrow *row,
    const unsigned char *want, size_t nwant)
{
	const struct rrow *rr;
	size_t i;

	FUZZ_CHECK(k < ref->nrows);
	rr = &ref->rows[k];
	FUZZ_CHECK(row->nf == rr->nf);
	FUZZ_CHECK(row->line == rr->line);
	for (i = 0; i < row->nf; i++) {
		size_t j = rr->f0 + i;

		if (want && i < nwant && !want[i] && row->len[i] == 0)
			continue;
		FUZZ_CHECK(row->len[i] == ref->flen[j]);
		FUZZ_CHECK(memcmp(row->f[i], ref->dec + ref->foff[j],
		    row->len[i]) == 0);
	}
}

/* What every row of the first read must be. No coverage feedback from it
 * either: its per-field compares would cost more than the parse. */
FUZZ_NOCOV static void
check_any(const struct csvrow *row, long *lastline, size_t *total)
{
	size_t i;

	FUZZ_CHECK(row->nf >= 1);
	FUZZ_CHECK(row->line >= 1 && row->line >= *lastline);
	*lastline = row->line;
	for (i = 0; i < row->nf; i++) {
		FUZZ_CHECK(row->f[i][row->len[i]] == '\0');
		*total += row->len[i];
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = { 0 };
	struct zin *z;
	struct csvin *c;
	struct csvrow row;
	struct ref ref;
	size_t nrows = 0, i, total = 0, nwant = 0, stop;
	long lastline = 0;
	int rc, gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b, useref;
	int zip = size >= 4 && memcmp(data, "PK\3\4", 4) == 0;
	uint8_t *unz = NULL;
	const uint8_t *in = data;
	size_t inlen = size;
	unsigned char *want = NULL;

	useref = !zip && (!gz || fuzz_gunzip(data, size, &unz, &inlen) == 0);
	if (gz && useref)
		in = unz;
	if (useref)
		refparse(in, inlen, &ref);

	/* 1. every row; for odd sizes, only some fields wanted (csvin_want,
	 * after the header as curscan does) */
	z = zin_open(fuzz_file(data, size), &e);
	if (z == NULL) {
		/* only a ZIP's local header is judged at open */
		FUZZ_CHECK(zip && e.status == EXIT_DATA && e.msg[0] != '\0');
		goto out;
	}
	FUZZ_CHECK(zin_gzip(z) == (gz || zip));
	c = csvin_new(z);
	while ((rc = csvin_next(c, &row, &e)) == 1) {
		check_any(&row, &lastline, &total);
		if (useref) {
			check_row(&ref, nrows, &row, want, nwant);
			FUZZ_CHECK(total <= inlen);
		}
		if (nrows++ == 0 && (size & 1)) {
			/* drop every third field; those past the header's
			 * width minus one are kept */
			nwant = row.nf - 1;
			want = malloc(nwant + 1);
			for (i = 0; i < nwant; i++)
				want[i] = (i + size / 2) % 3 != 0;
			csvin_want(c, want, nwant);
		}
	}
	if (rc == 0) {
		/* the end is sticky */
		FUZZ_CHECK(csvin_next(c, &row, &e) == 0);
	} else {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(e.status == EXIT_DATA || (!useref &&
		    e.status == EXIT_SYS));
		FUZZ_CHECK(e.msg[0] != '\0');
		FUZZ_CHECK(csvin_next(c, &row, &e) == -1);	/* sticky */
	}
	if (useref) {
		FUZZ_CHECK(nrows == ref.nrows);
		FUZZ_CHECK((rc == -1) == (ref.err != 0));
		if (rc == -1)
			FUZZ_CHECK(e.line == ref.errline);
	}
	csvin_free(c);
	zin_close(z);

	/* 2. stop early, after 0 to 2 rows: the threads must wind down */
	stop = size % 3;
	z = zin_open(fuzz_file(data, size), &e);
	FUZZ_CHECK(z != NULL);
	c = csvin_new(z);
	for (i = 0; i < stop && csvin_next(c, &row, &e) == 1; i++)
		if (useref)
			check_row(&ref, i, &row, NULL, 0);
	csvin_free(c);
	zin_close(z);
out:
	if (useref)
		reffree(&ref);
	free(want);
	free(unz);
	return 0;
}
