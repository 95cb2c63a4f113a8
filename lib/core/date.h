/* date.h: UTC dates and timestamps, no time zones, no locale. */
#ifndef DATE_H
#define DATE_H
#include <stddef.h>
#include <stdint.h>

/* "No day": an empty date column, a date never set. Every day number a
 * real date gives is far above it. */
#define DAY_NONE (-2147483647L)

/* Seconds since 1970-01-01T00:00:00Z. */
typedef int64_t utime_t;

/* Parse one of the forms CUR uses, all UTC:
 *   2026-04-01T00:00:00.000Z  2026-04-01T00:00:00Z  2026-04-01 00:00:00.000
 * and also 2026-04-01T00:00:00, 2026-04-01 00:00:00 and a bare 2026-04-01.
 * Fractions of a second are dropped. Returns 0 or -1. */
int date_parse_ts(const char *s, size_t n, utime_t *out);

/* Parse exactly YYYY-MM-DD; returns the day number (days since epoch) in
 * *day. Returns 0 or -1. */
int date_parse_day(const char *s, size_t n, long *day);

long date_day(utime_t);		/* day number of a timestamp */
long date_from_civil(int y, int m, int d);
void date_to_civil(long day, int *y, int *m, int *d);

/* "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with NUL) */
#define DATE_TSLEN 21
void date_fmt_ts(utime_t, char buf[DATE_TSLEN]);
/* "YYYY-MM-DD" (11 bytes with NUL) */
#define DATE_DAYLEN 11
void date_fmt_day(long day, char buf[DATE_DAYLEN]);
/* month number: y * 12 + m - 1 */
long date_month(long day);
/* first day of month number */
long date_month_first(long month);
/* "YYYY-MM" (8 bytes with NUL) */
#define DATE_MONTHLEN 8
/* Parse exactly YYYY-MM into a month number. Returns 0 or -1. */
int date_parse_month(const char *s, size_t n, long *month);
void date_fmt_month(long month, char buf[DATE_MONTHLEN]);
#endif
