/* fuzz_jmap.c: jmap_init/jmap_next over the bytes with a scratch buffer
 * of exactly n bytes (the size jmap.h promises is enough; ASan sees any
 * write past it). Checks: spans are NUL-terminated and inside scratch;
 * errors and the end are sticky; valid UTF-8 in gives valid UTF-8 out; and
 * each decoded pair, written back as JSON strings, parses to the same
 * bytes. */
#include <stdlib.h>
#include <string.h>

#include "intake/jmap.h"
#include "fuzz.h"

/* 1 if s[0..n) is well-formed UTF-8 (no surrogates, no overlongs). */
static int
utf8ok(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], cp, k, j;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			k = 1, cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			k = 2, cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3, cp = c & 0x07;
		} else
			return 0;
		if (n - i <= k)
			return 0;
		for (j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Append s as a JSON string. */
static size_t
jstr(char *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, w = 0;

	o[w++] = '"';
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			o[w++] = '\\';
			o[w++] = (char)c;
		} else if (c < 0x20) {
			memcpy(o + w, "\\u00", 4);
			o[w + 4] = hex[c >> 4];
			o[w + 5] = hex[c & 15];
			w += 6;
		} else
			o[w++] = (char)c;
	}
	o[w++] = '"';
	return w;
}

static void
check_span(const char *p, size_t len, const char *scratch, size_t n)
{
	FUZZ_CHECK(p >= scratch && p + len < scratch + n);
	FUZZ_CHECK(p[len] == '\0');
}

/* {"key":"val"} re-encoded must give back key and val. */
static void
roundtrip(const char *k, size_t kl, const char *v, size_t vl)
{
	size_t cap = 6 * (kl + vl) + 8, n = 0;
	char *j = malloc(cap), *scratch;
	struct jmap_iter it;
	const char *k2, *v2;
	size_t kl2, vl2;

	j[n++] = '{';
	n += jstr(j + n, k, kl);
	j[n++] = ':';
	n += jstr(j + n, v, vl);
	j[n++] = '}';
	scratch = malloc(n);
	jmap_init(&it, j, n, scratch);
	FUZZ_CHECK(jmap_next(&it, &k2, &kl2, &v2, &vl2) == 1);
	FUZZ_CHECK(kl2 == kl && memcmp(k2, k, kl) == 0);
	FUZZ_CHECK(vl2 == vl && memcmp(v2, v, vl) == 0);
	FUZZ_CHECK(jmap_next(&it, &k2, &kl2, &v2, &vl2) == 0);
	free(scratch);
	free(j);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *scratch = malloc(size);	/* exactly n bytes, as promised */
	const char *s = (const char *)data;
	struct jmap_iter it;
	const char *k, *v;
	size_t kl, vl, pairs = 0;
	int rc, valid = utf8ok(data, size);

	jmap_init(&it, s, size, scratch);
	while ((rc = jmap_next(&it, &k, &kl, &v, &vl)) == 1) {
		FUZZ_CHECK(++pairs <= size / 5);	/* "":0, per pair */
		check_span(k, kl, scratch, size);
		check_span(v, vl, scratch, size);
		/* key and value do not overlap */
		FUZZ_CHECK(k + kl < v || v + vl < k);
		if (valid) {
			FUZZ_CHECK(utf8ok((const unsigned char *)k, kl));
			FUZZ_CHECK(utf8ok((const unsigned char *)v, vl));
		}
		roundtrip(k, kl, v, vl);
	}
	if (rc == 0) {
		FUZZ_CHECK(jmap_next(&it, &k, &kl, &v, &vl) == 0);
	} else {
		FUZZ_CHECK(rc == -1);
		FUZZ_CHECK(it.why != NULL && it.at <= size);
		FUZZ_CHECK(jmap_next(&it, &k, &kl, &v, &vl) == -1);
	}
	free(scratch);
	return 0;
}
