/* fuzz_scanners.c: every CSV scanner of csvin on the same bytes (issue 18).
 * libcsv (the parser of record), the scalar scanner and the mask scanner
 * with each byte classifier this CPU runs (generic, AVX2, AVX-512BW) must
 * give the same rows: field count, every field's bytes, the physical line,
 * the NUL mark, and the same end: its status, message and line. For odd
 * sizes only some fields are wanted after the header, as curscan does, so
 * the mask scanner skips the fields after the last wanted one; an unwanted
 * field's bytes are not compared (csvin may give them or not), its being
 * there is. gzip and ZIP input is read through zin as curscan reads it.
 * For gzip input it also checks ISA-L's inflate against zlib's: ISA-L may
 * give fewer bytes before an error, never other ones.
 * fuzz_csvin.c checks the default scanner against a reference parser; this
 * one checks the scanners against each other, on inputs that the corpus
 * makes cross the 64-byte words and 64 KB slices the mask scanner works
 * in. */
#include <stdlib.h>
#include <string.h>

#include "intake/csvin.h"
#include "core/zin.h"
#include "fuzz.h"

struct out {
	unsigned char *b;
	size_t len, cap;
};

FUZZ_NOCOV static void
put(struct out *o, const void *p, size_t n)
{
	if (o->len + n > o->cap) {
		while (o->len + n > o->cap)
			o->cap = o->cap ? o->cap * 2 : 4096;
		o->b = realloc(o->b, o->cap);
		if (o->b == NULL)
			abort();
	}
	memcpy(o->b + o->len, p, n);
	o->len += n;
}

FUZZ_NOCOV static void
putz(struct out *o, size_t v)
{
	put(o, &v, sizeof(v));
}

/* One scanner over the input, written out as bytes to compare. */
FUZZ_NOCOV static void
run(enum csvin_scanner s, const uint8_t *data, size_t size, struct out *o)
{
	struct err e = { 0 };
	struct zin *z;
	struct csvin *c;
	struct csvrow row;
	unsigned char *want = NULL;
	size_t nwant = 0, nrows = 0, i;
	int rc;

	o->len = 0;
	z = zin_open(fuzz_file(data, size), &e);
	if (z == NULL) {
		putz(o, (size_t)e.status);
		put(o, e.msg, strlen(e.msg));
		return;
	}
	c = csvin_new_with(z, s);
	while ((rc = csvin_next(c, &row, &e)) == 1) {
		putz(o, row.nf);
		putz(o, (size_t)row.line);
		putz(o, (size_t)row.nul);
		for (i = 0; i < row.nf; i++) {
			FUZZ_CHECK(row.f[i][row.len[i]] == '\0');
			if (want && i < nwant && !want[i]) {
				putz(o, 0);
				continue;
			}
			putz(o, row.len[i] + 1);
			put(o, row.f[i], row.len[i]);
		}
		if (nrows++ == 0 && (size & 1)) {
			/* every third field from one a size picks, and all
			 * after a width the size picks too (the skip) */
			nwant = row.nf;
			want = malloc(nwant + 1);
			for (i = 0; i < nwant; i++)
				want[i] = (i + size / 2) % 3 == 0 &&
				    i <= (size / 6) % (nwant + 1);
			csvin_want(c, want, nwant);
		}
	}
	putz(o, (size_t)(rc + 1));
	if (rc < 0) {
		putz(o, (size_t)e.status);
		putz(o, (size_t)e.line);
		put(o, e.msg, strlen(e.msg));
	}
	csvin_free(c);
	zin_close(z);
	free(want);
}

/* Every byte zin gives for the input, ISA-L or zlib inflating. */
FUZZ_NOCOV static int
inflated(const uint8_t *data, size_t size, int zlib, struct out *o)
{
	struct err e = { 0 };
	struct zin *z;
	const char *b;
	size_t n;
	int rc;

	if (zlib)
		setenv("ZIN_INFLATE", "zlib", 1);
	else
		unsetenv("ZIN_INFLATE");
	z = zin_open(fuzz_file(data, size), &e);
	unsetenv("ZIN_INFLATE");
	o->len = 0;
	if (z == NULL)
		return -1;
	while ((rc = zin_read(z, &b, &n, &e)) > 0)
		put(o, b, n);
	zin_close(z);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum csvin_scanner all[] = {
		CSVIN_SCALAR, CSVIN_GENERIC, CSVIN_AVX2, CSVIN_AVX512,
	};
	struct out ref = { 0 }, o = { 0 };
	size_t i;

	run(CSVIN_LIBCSV, data, size, &ref);
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (!csvin_scanner_runs(all[i]))
			continue;
		run(all[i], data, size, &o);
		FUZZ_CHECK(o.len == ref.len);
		FUZZ_CHECK(memcmp(o.b, ref.b, ref.len) == 0);
	}
	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		/* gzip: ISA-L gives no byte zlib would not (a prefix of
		 * zlib's, all of it when neither fails), and fails when zlib
		 * does */
		int zr = inflated(data, size, 1, &ref), ir = inflated(data,
		    size, 0, &o);

		FUZZ_CHECK((zr < 0) == (ir < 0));
		FUZZ_CHECK(o.len <= ref.len);
		FUZZ_CHECK(memcmp(o.b, ref.b, o.len) == 0);
		FUZZ_CHECK(zr < 0 || o.len == ref.len);
	}
	free(ref.b);
	free(o.b);
	return 0;
}
