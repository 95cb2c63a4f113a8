#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

const char *progname = "map";

static void
oom(void)
{
	static const char tail[] = ": out of memory\n";

	(void)!write(2, progname, strlen(progname));
	(void)!write(2, tail, sizeof(tail) - 1);
	_exit(EXIT_SYS);
}

void
prog_init(const char *name)
{
	progname = name;
	mem_oom_hook = oom;
}

void
warnx(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
die(int status, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

void
report(const char *file, const struct err *e)
{
	if (file && strcmp(file, "-") == 0)
		file = "<stdin>";
	if (file && e->line > 0)
		fprintf(stderr, "%s: %s:%ld: %s\n", progname, file, e->line,
		    e->msg);
	else if (file)
		fprintf(stderr, "%s: %s: %s\n", progname, file, e->msg);
	else
		fprintf(stderr, "%s: %s\n", progname, e->msg);
}

void
die_err(const char *file, const struct err *e)
{
	report(file, e);
	exit(e->status ? e->status : EXIT_DATA);
}

void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", progname);
	exit(EXIT_USAGE);
}

void
usage_try(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(EXIT_USAGE);
}

void
print_version(void)
{
	printf("%s (FinOps Center MAP toolchain) %s\n", progname,
	    TOOLKIT_VERSION);
}
