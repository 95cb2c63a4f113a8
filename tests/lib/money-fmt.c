/* tests/lib/money-fmt: money_fmt against a reference that works a digit
 * at a time in 128 bits (money_fmt as it was before it took the 64-bit
 * path), on the edges of the 64-bit path and on seeded random values of
 * every width, each with mindec 0, 2, 4 and 12. Prints a few formatted
 * values, then how many were compared and how many differed (each
 * difference on a line of its own). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/money.h"

static size_t
ref_fmt(money_t m, char *buf, int mindec)
{
	char tmp[MONEY_BUFSZ], frac[MONEY_DP];
	unsigned __int128 u, ip, fp;
	size_t i = 0, n = 0;
	int d, last;

	u = m < 0 ? (unsigned __int128)(-(m + 1)) + 1 : (unsigned __int128)m;
	ip = u / (unsigned __int128)MONEY_ONE;
	fp = u % (unsigned __int128)MONEY_ONE;
	if (m < 0)
		buf[n++] = '-';
	do {
		tmp[i++] = (char)('0' + (int)(ip % 10));
		ip /= 10;
	} while (ip);
	while (i)
		buf[n++] = tmp[--i];
	for (d = MONEY_DP - 1; d >= 0; d--) {
		frac[d] = (char)('0' + (int)(fp % 10));
		fp /= 10;
	}
	last = mindec;
	for (d = MONEY_DP; d > mindec; d--)
		if (frac[d - 1] != '0') {
			last = d;
			break;
		}
	if (last > 0) {
		buf[n++] = '.';
		memcpy(buf + n, frac, (size_t)last);
		n += (size_t)last;
	}
	buf[n] = '\0';
	return n;
}

static uint64_t rs = 0x9e3779b97f4a7c15u;

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static unsigned long ncmp, ndiff;

static void
check(money_t m)
{
	static const int dec[] = { 0, 2, 4, 12 };
	char a[MONEY_BUFSZ], b[MONEY_BUFSZ];
	size_t k, na, nb;

	for (k = 0; k < sizeof(dec) / sizeof(dec[0]); k++) {
		na = money_fmt(m, a, dec[k]);
		nb = ref_fmt(m, b, dec[k]);
		ncmp++;
		if (na != nb || strcmp(a, b) != 0) {
			ndiff++;
			printf("differs: mindec %d: money_fmt %s, reference %s\n",
			    dec[k], a, b);
		}
	}
}

int
main(void)
{
	const unsigned __int128 two64 = (unsigned __int128)1 << 64;
	const money_t top = (money_t)(((unsigned __int128)1 << 127) - 1);
	money_t shown[] = { 0, 1, -1, MONEY_ONE, -MONEY_ONE / 4,
	    (money_t)two64 - 1, (money_t)two64, (money_t)two64 + 1,
	    MONEY_MAX, top, -top - 1 };
	char b[MONEY_BUFSZ];
	size_t i;
	int w, j;

	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		money_fmt(shown[i], b, 2);
		printf("%s\n", b);
		check(shown[i]);
		if (shown[i] != -top - 1)	/* its negation overflows */
			check(-shown[i]);
	}
	/* around 2^64 and around each power of ten */
	for (j = -1000; j <= 1000; j++) {
		check((money_t)two64 + j);
		check(-(money_t)two64 + j);
	}
	for (i = 0; i < 38; i++) {
		unsigned __int128 p = 1;
		int k;

		for (k = 0; (size_t)k < i; k++)
			p *= 10;
		for (j = -3; j <= 3; j++) {
			check((money_t)p + j);
			check(-(money_t)p + j);
		}
	}
	/* random values of each width, 1 to 127 bits */
	for (w = 1; w <= 127; w++)
		for (j = 0; j < 2000; j++) {
			unsigned __int128 v = ((unsigned __int128)rnd() << 64) |
			    rnd();

			v &= (((unsigned __int128)1 << w) - 1);
			check((money_t)v);
			check(-(money_t)v);
		}
	printf("%lu compared, %lu differ\n", ncmp, ndiff);
	return ndiff != 0;
}
