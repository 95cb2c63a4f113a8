#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/tsv.h"
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

struct sidefile {
	char *tmp;
	const char *path;
};
static struct sidefile *side;
static size_t nside;

static void
sidefile_discard(void)
{
	size_t i;

	for (i = 0; i < nside; i++)
		if (side[i].tmp)
			unlink(side[i].tmp);
}

void
sidefile_prepare(const char *path, void (*fn)(struct out *))
{
	struct out o;
	size_t n = strlen(path);
	char *tmp = xmalloc(n + 16);
	mode_t m;
	int fd;

	if (nside == 0)
		atexit(sidefile_discard);
	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		die(EXIT_SYS, "%s: %s", path, strerror(errno));
	side = xrealloc(side, (nside + 1) * sizeof(*side));
	side[nside].tmp = tmp;
	side[nside].path = path;
	nside++;
	m = umask(0);
	umask(m);
	(void)fchmod(fd, 0666 & ~m);
	out_init(&o, fd);
	fn(&o);
	if (out_close(&o) != 0 || fsync(fd) != 0 || close(fd) != 0)
		die(EXIT_SYS, "%s: %s", path, strerror(o.err ? o.err : errno));
}

void
sidefile_commit(void)
{
	size_t i;

	for (i = 0; i < nside; i++) {
		if (rename(side[i].tmp, side[i].path) != 0)
			die(EXIT_SYS, "%s: %s", side[i].path,
			    strerror(errno));
		free(side[i].tmp);
		side[i].tmp = NULL;
	}
}

int
need_col(const struct tsvr *t, const char *name, const char *path)
{
	struct err e = { 0 };
	int c = tsvr_need(t, name, &e);

	if (c < 0)
		die_err(path, &e);
	return c;
}

char *
dup_field(const struct tsvr *t, int col)
{
	return col < 0 ? xstrdup("") : xstrndup(t->f[col], t->len[col]);
}
