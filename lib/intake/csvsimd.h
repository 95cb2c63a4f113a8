/* csvsimd.h: the byte classes of CSV input, 64 bytes to a word.
 *
 * The first stage of csvin's structural scanner: for every 64 bytes of a
 * slice, one bit a byte for '"', ',', '\r' or '\n' and '\n' alone. The
 * second stage (csvin.c) works on these words only: which quotes open and
 * close a quoted run (a prefix XOR), which separators are outside quotes,
 * which quotes are strays, where rows and lines end. A short last word is
 * padded as if with NUL bytes, which are in none of the classes.
 *
 * Three classifiers give the same words: AVX-512BW and AVX2, chosen by what
 * the CPU has, and a portable one (a table lookup a byte) for any CPU and
 * for the tests. */
#ifndef CSVSIMD_H
#define CSVSIMD_H
#include <stddef.h>
#include <stdint.h>

struct csvclass {
	uint64_t q;		/* '"' */
	uint64_t cm;		/* ',' */
	uint64_t nl;		/* '\r' or '\n' */
	uint64_t lf;		/* '\n' */
};

/* Classify s[0..n): (n + 63) / 64 words into out. */
typedef void csvclass_fn(const unsigned char *s, size_t n,
    struct csvclass *out);

enum csvsimd_kind {
	CSVSIMD_NONE,		/* no classifier */
	CSVSIMD_GENERIC,
	CSVSIMD_AVX2,
	CSVSIMD_AVX512
};

/* The classifier of that kind, or NULL when this CPU cannot run it (and
 * for CSVSIMD_NONE). */
csvclass_fn *csvsimd_classifier(enum csvsimd_kind kind);
/* The fastest kind this CPU runs. */
enum csvsimd_kind csvsimd_best(void);
#endif
