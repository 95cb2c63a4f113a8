/* csvin.h: CSV intake, one small interface over two scanners.
 * The parser of record is libcsv (strict mode: a stray quote or an
 * unterminated quoted field is an error). By default a faster scanner of
 * our own gives the same parse field for field (it copies runs of bytes
 * and skips unread fields instead of a call per byte); the environment
 * variable CSVIN_PARSER=libcsv selects libcsv. The test suite checks the
 * two against each other (tests/cases/curscan/scanner-libcsv.sh, and the
 * fuzz corpus replayed with each).
 *
 * Rows come out one at a time with their fields decoded ("" unescaped) and
 * NUL-terminated, and the physical line the row starts on. Blank lines are
 * skipped. A UTF-8 byte-order mark at the very start is dropped.
 * Field bytes stay valid until the next csvin_next call. */
#ifndef CSVIN_H
#define CSVIN_H
#include <stddef.h>

#include "core/err.h"
#include "core/zin.h"

struct csvrow {
	size_t nf;
	const char **f;		/* nf NUL-terminated fields */
	const size_t *len;	/* their lengths */
	long line;		/* physical line the row starts on (1-based) */
	int nul;		/* a field holds a NUL byte: a bad row */
};

struct csvin;

struct csvin *csvin_new(struct zin *src);
/* Only the fields whose index has want[i] != 0 need their bytes (the
 * others may come out empty); fields past n are kept. Call it once, after
 * reading the header. The field count of every row is kept exactly. */
void csvin_want(struct csvin *, const unsigned char *want, size_t n);
/* 1 and *row, 0 at end of input, -1 with e set (e->line: the line). */
int csvin_next(struct csvin *, struct csvrow *row, struct err *e);
void csvin_free(struct csvin *);
#endif
