/* csvin.h: CSV intake, one small interface over several scanners.
 * The parser of record is libcsv (strict mode: a stray quote or an
 * unterminated quoted field is an error). By default a faster scanner of
 * our own gives the same parse field for field: the mask scanner, which
 * classifies 64 bytes at a time with AVX-512BW or AVX2 (csvsimd.h) and
 * walks only the separators, or on other CPUs the scalar one, which copies
 * runs of bytes. CSVIN_PARSER selects one (enum csvin_scanner). The test
 * suite checks each against libcsv (tests/cases/curscan/scanner-libcsv.sh,
 * fuzz/fuzz_scanners.c, and the fuzz corpus replayed with each).
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

/* The scanners (CSVIN_PARSER's values). All give the same rows, fields,
 * lines and errors. auto: avx512 or avx2 as the CPU has them, else
 * scalar. */
enum csvin_scanner {
	CSVIN_AUTO,
	CSVIN_LIBCSV,		/* libcsv itself */
	CSVIN_SCALAR,		/* runs of bytes, a state machine */
	CSVIN_GENERIC,		/* the mask scanner, classes a byte at a time */
	CSVIN_AVX2,		/* the mask scanner, classes by AVX2 */
	CSVIN_AVX512		/* the mask scanner, classes by AVX-512BW */
};

/* The scanner CSVIN_PARSER names (unset or empty: auto). A name that is
 * none, or a scanner the CPU cannot run, is the first csvin_next's error
 * (EXIT_USAGE). */
struct csvin *csvin_new(struct zin *src);
struct csvin *csvin_new_with(struct zin *src, enum csvin_scanner s);
/* The scanner CSVIN_PARSER names: 0 and *s, or -1 and e (EXIT_USAGE): a
 * name that is none, or a scanner the CPU cannot run. */
int csvin_env(enum csvin_scanner *s, struct err *e);
/* 0 and *s, or -1: no scanner of that name. */
int csvin_scanner_byname(const char *name, enum csvin_scanner *s);
/* 1: this CPU runs it. */
int csvin_scanner_runs(enum csvin_scanner s);
/* Only the fields whose index has want[i] != 0 need their bytes (the
 * others may come out empty); fields past n are kept. Call it once, after
 * reading the header. The field count of every row is kept exactly. */
void csvin_want(struct csvin *, const unsigned char *want, size_t n);
/* 1 and *row, 0 at end of input, -1 with e set (e->line: the line). */
int csvin_next(struct csvin *, struct csvrow *row, struct err *e);
void csvin_free(struct csvin *);
#endif
