#include <string.h>

#include "money.h"

#define MAXINT ((money_t)100000000000000000LL * (money_t)1000000000LL)	/* 1e26 */

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
	const char *p = s, *end = s + n;
	int neg = 0, ndig = 0, fracdig = 0, seendot = 0, exp = 0, eneg = 0;
	int edig = 0;
	/* Significant digits kept as mantissa; beyond 36 digits we only
	 * track scale (they cannot matter at 12 places past 1e26). */
	money_t mant = 0;
	int dropped = 0;	/* digits dropped from the mantissa */
	int roundup = 0;	/* first dropped digit >= 5 */
	int scale;

	if (p < end && (*p == '-' || *p == '+'))
		neg = (*p++ == '-');
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			ndig++;
			if (seendot)
				fracdig++;
			if (mant < p10(36)) {
				mant = mant * 10 + (*p - '0');
			} else {
				if (dropped == 0 && *p >= '5')
					roundup = 1;
				dropped++;
			}
		} else if (*p == '.' && !seendot) {
			seendot = 1;
		} else
			break;
	}
	if (ndig == 0)
		return -1;
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '-' || *p == '+'))
			eneg = (*p++ == '-');
		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			edig++;
			if (exp < 10000)
				exp = exp * 10 + (*p - '0');
		}
		if (edig == 0)
			return -1;
		if (eneg)
			exp = -exp;
	}
	if (p != end)
		return -1;
	/* value = mant * 10^(dropped - fracdig + exp); want units of 1e-12 */
	scale = dropped - fracdig + exp + MONEY_DP;
	if (mant == 0) {
		*out = 0;
		return 0;
	}
	if (scale >= 0) {
		if (scale > 38)
			return -1;
		if (mant > MAXINT * MONEY_ONE / p10(scale))
			return -1;
		mant *= p10(scale);
	} else {
		int drop = -scale;
		money_t d, q, r;

		if (drop > 38) {
			mant = 0;
		} else {
			d = p10(drop);
			q = mant / d;
			r = mant % d;
			if (r * 2 >= d || (r * 2 + 1 == d && roundup))
				q++;
			mant = q;
		}
	}
	if (mant > MAXINT * MONEY_ONE)
		return -1;
	*out = neg ? -mant : mant;
	return 0;
}

size_t
money_fmt(money_t m, char *buf, int mindec)
{
	char tmp[MONEY_BUFSZ];
	unsigned __int128 u, ip, fp;
	size_t i = 0, n = 0;
	int d, last;
	char frac[MONEY_DP];

	if (mindec < 0)
		mindec = 0;
	if (mindec > MONEY_DP)
		mindec = MONEY_DP;
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
	money_t hi = a / MONEY_ONE, lo = a % MONEY_ONE;

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
