/* csvsimd.c: CSV byte classes, 64 bytes to a word (csvsimd.h).
 * The vector versions are compiled for their instruction sets with target
 * attributes, so the rest of the build stays baseline x86-64, and are
 * chosen at run time from what the CPU reports. */
#include <string.h>

#include "intake/csvsimd.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CSVSIMD_X86 1
#include <immintrin.h>
#endif

static const unsigned char cls[256] = {
	['"'] = 1, [','] = 2, ['\r'] = 4, ['\n'] = 12,
};

/* One word from up to 64 bytes, a byte at a time. */
static void
word_generic(const unsigned char *s, size_t n, struct csvclass *o)
{
	uint64_t q = 0, cm = 0, nl = 0, lf = 0, bit;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char k = cls[s[i]];

		if (k == 0)
			continue;
		bit = (uint64_t)1 << i;
		if (k & 1)
			q |= bit;
		if (k & 2)
			cm |= bit;
		if (k & 4)
			nl |= bit;
		if (k & 8)
			lf |= bit;
	}
	o->q = q;
	o->cm = cm;
	o->nl = nl;
	o->lf = lf;
}

static void
classify_generic(const unsigned char *s, size_t n, struct csvclass *out)
{
	size_t w;

	for (w = 0; w * 64 < n; w++)
		word_generic(s + w * 64, n - w * 64 < 64 ? n - w * 64 : 64,
		    &out[w]);
}

#ifdef CSVSIMD_X86
__attribute__((target("avx2"))) static inline uint32_t
eq32(__m256i v, char ch)
{
	return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v,
	    _mm256_set1_epi8(ch)));
}

__attribute__((target("avx2"))) static inline void
word_avx2(const unsigned char *s, struct csvclass *o)
{
	__m256i a = _mm256_loadu_si256((const __m256i *)(const void *)s);
	__m256i b = _mm256_loadu_si256((const __m256i *)(const void *)
	    (s + 32));

	o->q = eq32(a, '"') | (uint64_t)eq32(b, '"') << 32;
	o->cm = eq32(a, ',') | (uint64_t)eq32(b, ',') << 32;
	o->lf = eq32(a, '\n') | (uint64_t)eq32(b, '\n') << 32;
	o->nl = o->lf | eq32(a, '\r') | (uint64_t)eq32(b, '\r') << 32;
}

__attribute__((target("avx2"))) static void
classify_avx2(const unsigned char *s, size_t n, struct csvclass *out)
{
	unsigned char pad[64];
	size_t w;

	for (w = 0; (w + 1) * 64 <= n; w++)
		word_avx2(s + w * 64, &out[w]);
	if (w * 64 < n) {
		memset(pad, 0, sizeof(pad));
		memcpy(pad, s + w * 64, n - w * 64);
		word_avx2(pad, &out[w]);
	}
}

__attribute__((target("avx512f,avx512bw"))) static inline void
word_avx512(__m512i v, struct csvclass *o)
{
	o->q = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
	o->cm = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(','));
	o->lf = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
	o->nl = o->lf | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
}

__attribute__((target("avx512f,avx512bw"))) static void
classify_avx512(const unsigned char *s, size_t n, struct csvclass *out)
{
	size_t w;

	for (w = 0; (w + 1) * 64 <= n; w++)
		word_avx512(_mm512_loadu_si512((const void *)(s + w * 64)),
		    &out[w]);
	if (w * 64 < n) {
		/* a masked load: the bytes past n read as NUL */
		__mmask64 k = ((uint64_t)1 << (n - w * 64)) - 1;

		word_avx512(_mm512_maskz_loadu_epi8(k, s + w * 64), &out[w]);
	}
}
#endif

csvclass_fn *
csvsimd_classifier(enum csvsimd_kind kind)
{
	switch (kind) {
	case CSVSIMD_NONE:
		return NULL;
	case CSVSIMD_GENERIC:
		return classify_generic;
#ifdef CSVSIMD_X86
	case CSVSIMD_AVX2:
		return __builtin_cpu_supports("avx2") ? classify_avx2 : NULL;
	case CSVSIMD_AVX512:
		return __builtin_cpu_supports("avx512bw") ? classify_avx512 :
		    NULL;
#else
	case CSVSIMD_AVX2:
	case CSVSIMD_AVX512:
		return NULL;
#endif
	}
	return NULL;
}

enum csvsimd_kind
csvsimd_best(void)
{
#ifdef CSVSIMD_X86
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512bw"))
		return CSVSIMD_AVX512;
	if (__builtin_cpu_supports("avx2"))
		return CSVSIMD_AVX2;
#endif
	return CSVSIMD_GENERIC;
}
