/* fuzz_tsvr.c: tsvr_open/tsvr_next over the bytes as a file, checked
 * against a reference reading of the documented format: lines end at
 * '\n' (one trailing '\r' is dropped), the first line is the header (no
 * empty names), blank lines are skipped, every row has the header's
 * width, and \t \n \r \\ are the only escapes. */
#include <stdlib.h>
#include <string.h>

#include "core/tsv.h"
#include "fuzz.h"

struct rline {
	const char *p;
	size_t n;
	long no;
};

/* Next physical line from *pos; 0 at the end. */
FUZZ_NOCOV static int
nextline(const char *d, size_t size, size_t *pos, long *no, struct rline *l)
{
	const char *nl;

	if (*pos >= size)
		return 0;
	l->p = d + *pos;
	nl = memchr(l->p, '\n', size - *pos);
	l->n = nl ? (size_t)(nl - l->p) : size - *pos;
	*pos += l->n + (nl != NULL);
	l->no = ++*no;
	if (l->n && l->p[l->n - 1] == '\r')
		l->n--;
	return 1;
}

/* Fields of a line in turn: *cur starts at l->p; 0 after the last. */
FUZZ_NOCOV static int
nextfield(const struct rline *l, const char **cur, const char **p, size_t *n)
{
	const char *end = l->p + l->n, *tab;

	if (*cur == NULL)
		return 0;
	tab = memchr(*cur, '\t', (size_t)(end - *cur));
	*p = *cur;
	*n = (size_t)((tab ? tab : end) - *cur);
	*cur = tab ? tab + 1 : NULL;
	return 1;
}

FUZZ_NOCOV static size_t
nfields(const struct rline *l)
{
	size_t n = 1;
	const char *s = l->p, *end = l->p + l->n;

	while ((s = memchr(s, '\t', (size_t)(end - s))) != NULL) {
		s++;
		n++;
	}
	return n;
}

/* Decode an escaped value into o; -1 on a bad escape. */
FUZZ_NOCOV static int
unesc(const char *s, size_t n, char *o, size_t *on)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		if (s[i] != '\\') {
			o[w++] = s[i];
			continue;
		}
		if (++i == n)
			return -1;
		switch (s[i]) {
		case 't': o[w++] = '\t'; break;
		case 'n': o[w++] = '\n'; break;
		case 'r': o[w++] = '\r'; break;
		case '\\': o[w++] = '\\'; break;
		default: return -1;
		}
	}
	*on = w;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *unz = NULL;
	const char *d = (const char *)data;
	struct err e = { 0 };
	struct tsvr *t;
	struct rline hl, l;
	size_t pos = 0, nf, i, fl, ol;
	long no = 0;
	const char *fp, *cur;
	char *dec = NULL;
	int rc, want, bad;

	t = tsvr_open(fuzz_file(data, size), &e);
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		if (fuzz_gunzip(data, size, &unz, &size) != 0) {
			/* broken gzip: no reference, just read it all */
			if (t != NULL)
				while (tsvr_next(t, &e) == 1)
					FUZZ_CHECK(t->lineno >= 2);
			goto out;
		}
		d = (const char *)unz;	/* check the inflated bytes */
	}
	/* header: the first line, even when blank */
	dec = malloc(size + 1);
	if (!nextline(d, size, &pos, &no, &hl)) {
		FUZZ_CHECK(t == NULL && e.status == EXIT_DATA);
		goto out;
	}
	/* a byte-order mark before the header is not part of it */
	if (hl.n >= 3 && memcmp(hl.p, "\xef\xbb\xbf", 3) == 0) {
		hl.p += 3;
		hl.n -= 3;
	}
	/* a NUL byte anywhere in a line is a data error */
	if (memchr(hl.p, '\0', hl.n) != NULL) {
		FUZZ_CHECK(t == NULL && e.status == EXIT_DATA && e.line == 1);
		goto out;
	}
	nf = nfields(&hl);
	for (cur = hl.p; nextfield(&hl, &cur, &fp, &fl);) {
		if (fl == 0) {
			FUZZ_CHECK(t == NULL && e.status == EXIT_DATA &&
			    e.line == 1);
			goto out;
		}
	}
	/* a column named twice is a data error */
	{
		const char *c2, *f2;
		size_t l2, j = 0;

		for (cur = hl.p, i = 0; nextfield(&hl, &cur, &fp, &fl); i++)
			for (c2 = cur, j = i + 1; nextfield(&hl, &c2, &f2,
			    &l2); j++)
				if (l2 == fl && memcmp(fp, f2, fl) == 0) {
					FUZZ_CHECK(t == NULL &&
					    e.status == EXIT_DATA &&
					    e.line == 1);
					goto out;
				}
	}
	FUZZ_CHECK(t != NULL);
	FUZZ_CHECK(t->nf == nf);
	for (i = 0, cur = hl.p; nextfield(&hl, &cur, &fp, &fl); i++) {
		FUZZ_CHECK(memcmp(t->hdr[i], fp, fl) == 0 && t->hdr[i][fl] == 0);
		if (i < 64 && memchr(fp, '\0', fl) == NULL)
			FUZZ_CHECK(tsvr_col(t, t->hdr[i]) >= 0 &&
			    (size_t)tsvr_col(t, t->hdr[i]) <= i);
	}
	/* rows */
	for (;;) {
		do
			want = nextline(d, size, &pos, &no, &l);
		while (want && l.n == 0);
		rc = tsvr_next(t, &e);
		if (!want) {
			FUZZ_CHECK(rc == 0);
			FUZZ_CHECK(tsvr_next(t, &e) == 0);
			break;
		}
		if (memchr(l.p, '\0', l.n) != NULL) {
			FUZZ_CHECK(rc == -1 && e.status == EXIT_DATA &&
			    e.line == l.no);
			break;
		}
		if (nfields(&l) != nf) {
			FUZZ_CHECK(rc == -1 && e.status == EXIT_DATA &&
			    e.line == l.no);
			break;
		}
		bad = 0;
		for (cur = l.p; !bad && nextfield(&l, &cur, &fp, &fl);)
			bad = unesc(fp, fl, dec, &ol) != 0;
		if (bad) {
			FUZZ_CHECK(rc == -1 && e.status == EXIT_DATA &&
			    e.line == l.no);
			break;
		}
		FUZZ_CHECK(rc == 1);
		for (i = 0, cur = l.p; nextfield(&l, &cur, &fp, &fl); i++) {
			FUZZ_CHECK(unesc(fp, fl, dec, &ol) == 0);
			FUZZ_CHECK(t->len[i] == ol);
			FUZZ_CHECK(memcmp(t->f[i], dec, ol) == 0);
			FUZZ_CHECK(t->f[i][ol] == '\0');
		}
		FUZZ_CHECK(t->lineno == l.no);
	}
out:
	tsvr_close(t);
	free(dec);
	free(unz);
	return 0;
}
