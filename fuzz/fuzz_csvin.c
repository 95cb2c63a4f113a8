/* fuzz_csvin.c: zin + csvin over the bytes, as curscan reads a CUR file.
 * gzip input is detected by its magic bytes, as in zin_open. For plain
 * input, and gzip input that zlib inflates whole (members back to back),
 * every row is checked against a small reference parser written
 * from the documented rules (RFC 4180, strict: a stray quote or an
 * unterminated quoted field is an error; blank lines skipped; a UTF-8 BOM
 * before the first field dropped; each row's physical start line). */
#include <stdlib.h>
#include <string.h>

#include "../lib/csvin.h"
#include "../lib/zin.h"
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

static void
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

static void
refparse(const unsigned char *d, size_t n, struct ref *r)
{
	size_t i, fstart = 0, cap = 0;
	long line = 1, rowline = 1;
	int st = RNB;

	memset(r, 0, sizeof(*r));
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
out:
	/* the BOM before the first field of the first row is dropped */
	if (r->nrows > 0 && r->flen[0] >= 3 &&
	    memcmp(r->dec + r->foff[0], "\xef\xbb\xbf", 3) == 0) {
		r->foff[0] += 3;
		r->flen[0] -= 3;
	}
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = { 0 };
	struct zin *z;
	struct csvin *c;
	struct csvrow row;
	struct ref ref;
	size_t nrows = 0, i, total = 0;
	long lastline = 0;
	int rc, gz = size >= 2 && data[0] == 0x1f && data[1] == 0x8b, useref;
	uint8_t *unz = NULL;
	const uint8_t *in = data;
	size_t inlen = size;

	z = zin_open(fuzz_file(data, size), &e);
	FUZZ_CHECK(z != NULL);
	FUZZ_CHECK(zin_gzip(z) == gz);
	useref = !gz || fuzz_gunzip(data, size, &unz, &inlen) == 0;
	if (gz && useref)
		in = unz;
	if (useref)
		refparse(in, inlen, &ref);
	c = csvin_new(z);
	while ((rc = csvin_next(c, &row, &e)) == 1) {
		FUZZ_CHECK(row.nf >= 1);
		FUZZ_CHECK(row.line >= 1 && row.line >= lastline);
		lastline = row.line;
		for (i = 0; i < row.nf; i++) {
			FUZZ_CHECK(row.f[i][row.len[i]] == '\0');
			total += row.len[i];
		}
		if (useref) {
			struct rrow *rr;

			FUZZ_CHECK(nrows < ref.nrows);
			rr = &ref.rows[nrows];
			FUZZ_CHECK(row.nf == rr->nf);
			FUZZ_CHECK(row.line == rr->line);
			for (i = 0; i < row.nf; i++) {
				size_t k = rr->f0 + i;

				FUZZ_CHECK(row.len[i] == ref.flen[k]);
				FUZZ_CHECK(memcmp(row.f[i], ref.dec + ref.foff[k],
				    row.len[i]) == 0);
			}
			FUZZ_CHECK(total <= inlen);
		}
		nrows++;
	}
	if (rc == 0) {
		/* the end is sticky */
		FUZZ_CHECK(csvin_next(c, &row, &e) == 0);
	} else {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(e.status == EXIT_DATA);
		FUZZ_CHECK(e.msg[0] != '\0');
	}
	if (useref) {
		FUZZ_CHECK(nrows == ref.nrows);
		FUZZ_CHECK((rc == -1) == (ref.err != 0));
		if (rc == -1)
			FUZZ_CHECK(e.line == ref.errline);
		reffree(&ref);
	}
	free(unz);
	csvin_free(c);
	zin_close(z);
	return 0;
}
