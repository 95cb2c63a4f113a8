#include <string.h>

#include "core/date.h"

long
date_from_civil(int y, int m, int d)
{
	/* H. Hinnant's days_from_civil */
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_to_civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
num(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
mdays(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

static int
civil(const char *s, int *y, int *m, int *d)
{
	if (num(s, 4, y) || s[4] != '-' || num(s + 5, 2, m) || s[7] != '-' ||
	    num(s + 8, 2, d))
		return -1;
	if (*m < 1 || *m > 12 || *d < 1 || *d > mdays(*y, *m))
		return -1;
	return 0;
}

int
date_parse_day(const char *s, size_t n, long *day)
{
	int y, m, d;

	if (n != 10 || civil(s, &y, &m, &d))
		return -1;
	*day = date_from_civil(y, m, d);
	return 0;
}

int
date_parse_ts(const char *s, size_t n, utime_t *out)
{
	int y, m, d, hh = 0, mm = 0, ss = 0;
	size_t i;

	if (n < 10 || civil(s, &y, &m, &d))
		return -1;
	i = 10;
	if (n > 10) {
		if (n < 19 || (s[10] != 'T' && s[10] != ' ') ||
		    num(s + 11, 2, &hh) || s[13] != ':' || num(s + 14, 2, &mm) ||
		    s[16] != ':' || num(s + 17, 2, &ss))
			return -1;
		if (hh > 23 || mm > 59 || ss > 60)
			return -1;
		/* a leap second is the next second: past 9999-12-31 that
		 * is year 10000, which has no YYYY form */
		if (ss == 60 && y == 9999 && m == 12 && d == 31 && hh == 23 &&
		    mm == 59)
			return -1;
		i = 19;
		if (i < n && s[i] == '.') {
			i++;
			if (i >= n || s[i] < '0' || s[i] > '9')
				return -1;
			while (i < n && s[i] >= '0' && s[i] <= '9')
				i++;
		}
		if (i < n && s[i] == 'Z')
			i++;
	}
	if (i != n)
		return -1;
	*out = (utime_t)date_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
	return 0;
}

long
date_day(utime_t t)
{
	return (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

static void
digits(char *p, unsigned v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
date_fmt_day(long day, char buf[DATE_DAYLEN])
{
	int y, m, d;

	date_to_civil(day, &y, &m, &d);
	if (y < 0)
		y = 0;
	digits(buf, (unsigned)y % 10000, 4);
	buf[4] = '-';
	digits(buf + 5, (unsigned)m, 2);
	buf[7] = '-';
	digits(buf + 8, (unsigned)d, 2);
	buf[10] = '\0';
}

void
date_fmt_ts(utime_t t, char buf[DATE_TSLEN])
{
	long day = date_day(t);
	unsigned s = (unsigned)(t - (utime_t)day * 86400);

	date_fmt_day(day, buf);
	buf[10] = 'T';
	digits(buf + 11, s / 3600, 2);
	buf[13] = ':';
	digits(buf + 14, s / 60 % 60, 2);
	buf[16] = ':';
	digits(buf + 17, s % 60, 2);
	buf[19] = 'Z';
	buf[20] = '\0';
}

long
date_month(long day)
{
	int y, m, d;

	date_to_civil(day, &y, &m, &d);
	return (long)y * 12 + m - 1;
}

long
date_month_first(long month)
{
	return date_from_civil((int)(month / 12), (int)(month % 12) + 1, 1);
}

int
date_parse_month(const char *s, size_t n, long *month)
{
	char b[16];
	long d;

	if (n != 7)
		return -1;
	memcpy(b, s, 7);
	memcpy(b + 7, "-01", 4);
	if (date_parse_day(b, 10, &d))
		return -1;
	*month = date_month(d);
	return 0;
}

void
date_fmt_month(long month, char buf[DATE_MONTHLEN])
{
	char d[DATE_DAYLEN];

	date_fmt_day(date_month_first(month), d);
	memcpy(buf, d, 7);
	buf[7] = '\0';
}
