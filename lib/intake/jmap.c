#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "intake/jmap.h"

void
jmap_init(struct jmap_iter *it, const char *s, size_t n, char *scratch)
{
	it->p = it->start = s;
	it->end = s + n;
	it->scratch = scratch;
	it->used = 0;
	it->state = 0;
	it->why = NULL;
	it->at = 0;
}

static int
fail(struct jmap_iter *it, const char *why)
{
	it->why = why;
	it->at = (size_t)(it->p - it->start);
	it->state = 3;
	return -1;
}

static void
ws(struct jmap_iter *it)
{
	while (it->p < it->end && (*it->p == ' ' || *it->p == '\t' ||
	    *it->p == '\n' || *it->p == '\r'))
		it->p++;
}

static int
hex4(const char *p, unsigned *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		unsigned c = (unsigned char)p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

static char *
utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/* The end of the run at p of bytes a string holds as they are (no quote,
 * backslash or control character): sixteen at a time with SSE2 (in every
 * x86-64), then a byte at a time. */
static const char *
plain_run(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i qu = _mm_set1_epi8('"'), bs = _mm_set1_epi8('\\');
	const __m128i c1f = _mm_set1_epi8(0x1f);

	for (; end - p >= 16; p += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, qu), _mm_cmpeq_epi8(v, bs)),
		    _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v)));

		if (m)
			return p + __builtin_ctz((unsigned)m);
	}
#endif
	while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	return p;
}

/* Decode a string at it->p (on the opening quote) into scratch. */
static int
string(struct jmap_iter *it, const char **out, size_t *len)
{
	char *o = it->scratch + it->used, *begin = o;
	unsigned cp, lo;

	it->p++;
	for (;;) {
		const char *q;

		if (it->p >= it->end)
			return fail(it, "unterminated string");
		/* fast path: copy a run without quote or backslash */
		q = plain_run(it->p, it->end);
		memcpy(o, it->p, (size_t)(q - it->p));
		o += q - it->p;
		it->p = q;
		if (it->p >= it->end)
			return fail(it, "unterminated string");
		if (*it->p == '"') {
			it->p++;
			break;
		}
		if ((unsigned char)*it->p < 0x20)
			return fail(it, "control character in string");
		/* backslash */
		if (it->end - it->p < 2)
			return fail(it, "unterminated string");
		it->p++;
		switch (*it->p) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (it->end - it->p < 5 || hex4(it->p + 1, &cp))
				return fail(it, "bad \\u escape");
			it->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (it->end - it->p < 7 || it->p[1] != '\\' ||
				    it->p[2] != 'u' || hex4(it->p + 3, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff)
					return fail(it, "unpaired surrogate");
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				it->p += 6;
			} else if (cp >= 0xdc00 && cp < 0xe000)
				return fail(it, "unpaired surrogate");
			o = utf8(o, cp);
			break;
		default:
			return fail(it, "bad escape");
		}
		it->p++;
	}
	*o = '\0';
	*out = begin;
	*len = (size_t)(o - begin);
	it->used += *len + 1;
	return 0;
}

static int
scalar(struct jmap_iter *it, const char **out, size_t *len)
{
	const char *q = it->p;
	char *o = it->scratch + it->used;

	while (q < it->end && *q != ',' && *q != '}' && *q != ' ' &&
	    *q != '\t' && *q != '\n' && *q != '\r')
		q++;
	if (q == it->p)
		return fail(it, "missing value");
	if (!((q - it->p == 4 && (!memcmp(it->p, "true", 4) ||
	    !memcmp(it->p, "null", 4))) ||
	    (q - it->p == 5 && !memcmp(it->p, "false", 5)) ||
	    *it->p == '-' || (*it->p >= '0' && *it->p <= '9')))
		return fail(it, *it->p == '{' || *it->p == '[' ?
		    "nested value (map columns are flat)" : "bad value");
	memcpy(o, it->p, (size_t)(q - it->p));
	*len = (size_t)(q - it->p);
	o[*len] = '\0';
	*out = o;
	it->used += *len + 1;
	it->p = q;
	return 0;
}

/* the whole field is null or NULL, maybe with blanks around it */
static int
null_word(const struct jmap_iter *it)
{
	const char *q = it->end;

	while (q > it->p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r' ||
	    q[-1] == '\n'))
		q--;
	return q - it->p == 4 && (memcmp(it->p, "null", 4) == 0 ||
	    memcmp(it->p, "NULL", 4) == 0);
}

int
jmap_next(struct jmap_iter *it, const char **key, size_t *klen,
    const char **val, size_t *vlen)
{
	if (it->state == 2)
		return 0;
	if (it->state == 3)
		return -1;
	it->used = 0;
	if (it->state == 0) {
		ws(it);
		/* an empty field, JSON null, or the NULL other tools write
		 * into FOCUS exports: an empty map */
		if (it->p == it->end || null_word(it)) {
			it->state = 2;
			return 0;
		}
		if (*it->p != '{')
			return fail(it, "expected '{'");
		it->p++;
		ws(it);
		if (it->p < it->end && *it->p == '}') {
			it->p++;
			goto done;
		}
		it->state = 1;
	} else {
		ws(it);
		if (it->p >= it->end)
			return fail(it, "unterminated object");
		if (*it->p == '}') {
			it->p++;
			goto done;
		}
		if (*it->p != ',')
			return fail(it, "expected ',' or '}'");
		it->p++;
		ws(it);
	}
	if (it->p >= it->end || *it->p != '"')
		return fail(it, "expected a quoted key");
	if (string(it, key, klen))
		return -1;
	ws(it);
	if (it->p >= it->end || *it->p != ':')
		return fail(it, "expected ':'");
	it->p++;
	ws(it);
	if (it->p >= it->end)
		return fail(it, "missing value");
	if (*it->p == '"') {
		if (string(it, val, vlen))
			return -1;
	} else if (scalar(it, val, vlen))
		return -1;
	return 1;
done:
	ws(it);
	if (it->p != it->end)
		return fail(it, "text after '}'");
	it->state = 2;
	return 0;
}
