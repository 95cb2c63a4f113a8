/* fuzz_scalars.c: money_parse, date_parse_ts and date_parse_day on the
 * bytes.
 * money: the value must match a decimal-string reference (digits shifted
 * by the exponent, rounded half away from zero at 12 places, range
 * |v| <= 1e15); money_fmt then money_parse must give the same value.
 * dates: date_fmt_ts / date_fmt_day of a parsed value must re-parse to
 * the same value, and a timestamp's day must be its date's day (or the
 * next, for a leap second written as :60). */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "fuzz.h"

/* Reference: the canonical text money_fmt(v, 0) must print for s, in out
 * (at least 2 * n + 64 bytes). Returns 1 in range, 0 out of range, -1 not
 * a number in the documented syntax. */
static int
refmoney(const char *s, size_t n, char *out)
{
	size_t i = 0, nd = 0, ni = 0, k;
	long long e = 0, p;
	int neg = 0, eneg = 0, edig = 0, dot = 0;
	char *d = malloc(n + 1);	/* all mantissa digits */
	char *ip, *fp, *o = out;
	size_t il, fl;
	int rc = 1;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			d[nd++] = s[i];
			if (!dot)
				ni++;
		} else if (s[i] == '.' && !dot)
			dot = 1;
		else
			break;
	}
	if (nd == 0)
		goto bad;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, edig++)
			if (e < 1000000000000LL)
				e = e * 10 + (s[i] - '0');
		if (edig == 0)
			goto bad;
	}
	if (i != n)
		goto bad;
	if (eneg)
		e = -e;
	/* drop leading zeros: p is where the point goes in d */
	p = (long long)ni + e;
	for (k = 0; k < nd && d[k] == '0'; k++)
		p--;
	memmove(d, d + k, nd - k);
	nd -= k;
	while (nd > 0 && d[nd - 1] == '0')
		nd--;
	if (nd == 0 || p < -12) {	/* zero, or rounds to zero */
		strcpy(out, "0");
		goto done;
	}
	if (p > 27) {		/* >= 1e27 */
		rc = 0;
		goto done;
	}
	/* integer part: digits d[0..p), zero-padded; fraction d[p..) */
	ip = malloc((size_t)(p > 0 ? p : 0) + 2);
	fp = malloc(nd + 40);
	il = fl = 0;
	for (k = 0; (long long)k < p; k++)
		ip[il++] = k < nd ? d[k] : '0';
	for (k = 0; (long long)k < -p; k++)
		fp[fl++] = '0';
	for (k = p > 0 ? (size_t)p : 0; k < nd; k++)
		fp[fl++] = d[k];
	if (fl > 12) {	/* round half away from zero at 12 places */
		int carry = fp[12] >= '5';

		fl = 12;
		for (k = fl; carry && k > 0; k--) {
			if (fp[k - 1] == '9') {
				fp[k - 1] = '0';
			} else {
				fp[k - 1]++;
				carry = 0;
			}
		}
		for (k = il; carry && k > 0; k--) {
			if (ip[k - 1] == '9') {
				ip[k - 1] = '0';
			} else {
				ip[k - 1]++;
				carry = 0;
			}
		}
		if (carry) {
			memmove(ip + 1, ip, il);
			ip[0] = '1';
			il++;
		}
	}
	while (fl > 0 && fp[fl - 1] == '0')
		fl--;
	ip[il] = '\0';
	/* |v| <= 1e15 */
	if (il > 16 || (il == 16 && (ip[0] != '1' || fl > 0 ||
	    strspn(ip + 1, "0") < 15)))
		rc = 0;
	if (il == 0 && fl == 0) {
		strcpy(o, "0");
	} else {
		if (neg)
			*o++ = '-';
		if (il == 0)
			*o++ = '0';
		memcpy(o, ip, il);
		o += il;
		if (fl) {
			*o++ = '.';
			memcpy(o, fp, fl);
			o += fl;
		}
		*o = '\0';
	}
	free(ip);
	free(fp);
done:
	free(d);
	return rc;
bad:
	free(d);
	return -1;
}

static void
check_money(const char *s, size_t n)
{
	money_t m, m2;
	char buf[MONEY_BUFSZ], *want = malloc(2 * n + 64);
	int rc = money_parse(s, n, &m), ref = refmoney(s, n, want), dp;
	size_t len;

	if (ref == 1) {
		FUZZ_CHECK(rc == 0);
		len = money_fmt(m, buf, 0);
		FUZZ_CHECK(strcmp(buf, want) == 0);
	} else {
		FUZZ_CHECK(rc == -1);
	}
	if (rc == 0) {
		for (dp = 0; dp <= MONEY_DP; dp += 2) {
			len = money_fmt(m, buf, dp);
			FUZZ_CHECK(len < MONEY_BUFSZ && strlen(buf) == len);
			FUZZ_CHECK(money_parse(buf, len, &m2) == 0 && m2 == m);
		}
	}
	free(want);
}

static void
check_dates(const char *s, size_t n)
{
	utime_t t, t2;
	long day, day2;
	char b[DATE_TSLEN], db[DATE_DAYLEN];

	if (date_parse_ts(s, n, &t) == 0) {
		date_fmt_ts(t, b);
		FUZZ_CHECK(strlen(b) == DATE_TSLEN - 1);
		FUZZ_CHECK(date_parse_ts(b, DATE_TSLEN - 1, &t2) == 0 && t2 == t);
		FUZZ_CHECK(date_parse_day(s, 10, &day) == 0);
		FUZZ_CHECK(date_day(t) == day || date_day(t) == day + 1);
	}
	if (date_parse_day(s, n, &day) == 0) {
		date_fmt_day(day, db);
		FUZZ_CHECK(strlen(db) == DATE_DAYLEN - 1);
		FUZZ_CHECK(memcmp(db, s, 10) == 0);
		FUZZ_CHECK(date_parse_day(db, 10, &day2) == 0 && day2 == day);
		FUZZ_CHECK(date_parse_ts(s, n, &t) == 0 && t == day * 86400LL);
		FUZZ_CHECK(date_month_first(date_month(day)) <= day);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;

	check_money(s, size);
	check_dates(s, size);
	return 0;
}
