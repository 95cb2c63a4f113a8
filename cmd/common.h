/* common.h: what every command does the same way: messages, exit status,
 * the OOM hook, closing stdout with its error checked. */
#ifndef COMMON_H
#define COMMON_H
#include "../lib/err.h"

#define TOOLKIT_VERSION "0.1.0"

extern const char *progname;

void prog_init(const char *name);
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "prog: FILE:LINE: msg" (":LINE" left out when e->line is 0) */
void report(const char *file, const struct err *e);
_Noreturn void die_err(const char *file, const struct err *e);
_Noreturn void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* after getopt has printed its own message */
_Noreturn void usage_try(void);
void print_version(void);
#endif
