#include <stdint.h>
#include <string.h>

#include "core/money.h"

/* MONEY_MAX, the largest amount a field may hold, is 1e15 (a quadrillion
 * dollars), so that sums of 1e11 of them still fit the 128 bits (1.7e26
 * with 12 decimals) without overflow: 10^LIM_EXP picodollars. */
#define LIM_EXP (15 + MONEY_DP)

static const long long pow10tab[19] = {
	1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
	100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
	1000000000000LL, 10000000000000LL, 100000000000000LL,
	1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
	1000000000000000000LL
};

static money_t
p10(int e)
{
	money_t r = 1;

	while (e > 18) {
		r *= pow10tab[18];
		e -= 18;
	}
	return r * pow10tab[e];
}

int
money_parse(const char *s, size_t n, money_t *out)
{
	const char *p = s, *end = s + n, *d0, *d1, *dot = NULL;
	int neg = 0, eneg = 0, ndig = 0, edig = 0, up = 0;
	long long exp = 0, place;
	money_t m = 0;
	const money_t lim = MONEY_MAX;
	unsigned long long m64 = 0;
	int nfast = 0;

	if (p < end && (*p == '-' || *p == '+'))
		neg = (*p++ == '-');
	for (d0 = p; p < end; p++) {
		if (*p >= '0' && *p <= '9')
			ndig++;
		else if (*p == '.' && dot == NULL)
			dot = p;
		else
			break;
	}
	d1 = p;
	if (ndig == 0)
		return -1;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = (*p++ == '-');
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			edig++;
			/* past 1e12 the value is 0 or out of range */
			if (exp < 1000000000000LL)
				exp = exp * 10 + (*p - '0');
		}
		if (edig == 0)
			return -1;
		if (eneg)
			exp = -exp;
	}
	if (p != end)
		return -1;
	/* Each digit's place, as a power of ten in units of 1e-12: digits
	 * down to place 0 are summed exactly (with an overflow check), the
	 * one at place -1 rounds half away from zero, the rest cannot
	 * matter. */
	place = (long long)((dot ? dot : d1) - d0) - 1 + exp + MONEY_DP;
	for (p = d0; p < d1 && place >= -1; p++) {
		int dg;

		if (p == dot)
			continue;
		dg = *p - '0';
		if (place == -1) {
			up = dg >= 5;
			break;
		}
		if (nfast < 18) {
			/* 18 digits fit 64 bits, far below lim */
			m64 = m64 * 10 + (unsigned)dg;
			nfast++;
		} else {
			if (nfast == 18) {
				m = (money_t)m64;
				nfast++;
			}
			/* m * 10 + dg > lim, without a 128-bit division */
			if (m > lim / 10 || (m == lim / 10 && dg > lim % 10))
				return -1;
			m = m * 10 + dg;
		}
		place--;
	}
	if (nfast <= 18)
		m = (money_t)m64;
	if (place >= 0 && m != 0) {	/* trailing zeros from the exponent */
		/* lim is 10^LIM_EXP: m * 10^k <= lim is m <= 10^(LIM_EXP - k),
		 * with no 128-bit division */
		if (place + 1 > LIM_EXP || m > p10(LIM_EXP - (int)place - 1))
			return -1;
		m *= p10((int)place + 1);
	}
	if (up && ++m > lim)
		return -1;
	*out = neg ? -m : m;
	return 0;
}

size_t
money_fmt(money_t m, char *buf, int mindec)
{
	char tmp[MONEY_BUFSZ];
	unsigned __int128 u, ip;
	uint64_t ip64, fp;	/* in 64 bits where they fit: a 128-bit
				 * division a digit is slow */
	size_t i = 0, n = 0;
	int d, last;
	char frac[MONEY_DP];

	if (mindec < 0)
		mindec = 0;
	if (mindec > MONEY_DP)
		mindec = MONEY_DP;
	u = m < 0 ? (unsigned __int128)(-(m + 1)) + 1 : (unsigned __int128)m;
	if (u >> 64 == 0) {
		ip = (uint64_t)u / (uint64_t)MONEY_ONE;
		fp = (uint64_t)u % (uint64_t)MONEY_ONE;
	} else {
		ip = u / (unsigned __int128)MONEY_ONE;
		fp = (uint64_t)(u % (unsigned __int128)MONEY_ONE);
	}
	if (m < 0)
		buf[n++] = '-';
	while (ip >> 64 != 0) {
		tmp[i++] = (char)('0' + (int)(ip % 10));
		ip /= 10;
	}
	ip64 = (uint64_t)ip;
	do {
		tmp[i++] = (char)('0' + (int)(ip64 % 10));
		ip64 /= 10;
	} while (ip64);
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

static money_t
divround(money_t a, money_t d)
{
	money_t q = a / d, r = a % d;

	if (r < 0)
		r = -r;
	if (r * 2 >= d)
		q += a < 0 ? -1 : 1;
	return q;
}

money_t
money_round(money_t m, int dp)
{
	money_t d;

	if (dp >= MONEY_DP)
		return m;
	d = p10(MONEY_DP - dp);
	return divround(m, d) * d;
}

money_t
money_mul(money_t a, money_t b)
{
	money_t hi, lo;

	/* split the larger factor, so lo * b stays far from the limit */
	if ((a < 0 ? -a : a) < (b < 0 ? -b : b)) {
		money_t t = a;

		a = b;
		b = t;
	}
	hi = a / MONEY_ONE;
	lo = a % MONEY_ONE;

	return hi * b + divround(lo * b, MONEY_ONE);
}

money_t
money_div(money_t a, money_t b)
{
	money_t q = a / b, r = a % b, f;
	int neg = (a < 0) != (b < 0);

	/* q + r/b, r/b to 12 places; r*1e12 may overflow only for |b| > 1.7e26 */
	if (b < 0)
		b = -b;
	if (r < 0)
		r = -r;
	f = divround(r * MONEY_ONE, b);
	return q * MONEY_ONE + (neg ? -f : f);
}

money_t
money_scale(money_t a, long long n, long long d)
{
	return divround(a * n, d);
}
