/* money.h: exact fixed-point money.
 * A money_t is a signed count of 10^-12 units (picodollars) in 128 bits:
 * 12 decimal places are kept exactly and about 1.7e26 can be summed, far
 * beyond a year of any organisation's bill. One parsed amount is at most
 * 1e15 in magnitude, so 1e11 of them add up without overflow. */
#ifndef MONEY_H
#define MONEY_H
#include <stddef.h>

typedef __int128 money_t;

#define MONEY_DP 12
#define MONEY_ONE ((money_t)1000000000000LL)
/* the largest magnitude money_parse reads: 1e15 */
#define MONEY_MAX (MONEY_ONE * 1000000000000000LL)

/* Parse "12", "-0.5", "1.25e3", "-7.0E-10", "+3.", ".5". Digits beyond
 * the 12th decimal place are rounded half away from zero. Returns 0, or -1
 * for an empty, malformed or out-of-range (beyond 1e15) number. */
int money_parse(const char *s, size_t n, money_t *out);

/* Format into buf (at least MONEY_BUFSZ bytes), no locale: at least mindec
 * and at most 12 decimals, trailing zeros beyond mindec trimmed. Returns
 * the length. */
#define MONEY_BUFSZ 64
size_t money_fmt(money_t, char *buf, int mindec);

/* Round to dp decimal places, half away from zero. */
money_t money_round(money_t, int dp);

/* a * b where both are money_t (e.g. spend x rate), rounded half away from
 * zero to 12 places. */
money_t money_mul(money_t a, money_t b);

/* a / b as a money_t (a ratio with 12 decimals), rounded half away from
 * zero; b must not be 0. */
money_t money_div(money_t a, money_t b);

/* Multiply by a small integer factor n / d (d > 0), rounded. */
money_t money_scale(money_t a, long long n, long long d);
#endif
