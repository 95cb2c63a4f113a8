#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/afile.h"
#include "core/tsv.h"
#include "map/shard.h"
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
help_version_or_usage(int ch, void (*usage)(void))
{
	if (ch == 'h')
		usage();
	else if (ch == 'V')
		print_version();
	else
		usage_try();
	exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
}

void
print_version(void)
{
	printf("%s (FinOps Center MAP toolchain) %s\n", progname,
	    TOOLKIT_VERSION);
}

static const char *const index_vars[] = { "SLURM_ARRAY_TASK_ID",
	"AWS_BATCH_JOB_ARRAY_INDEX", "JOB_COMPLETION_INDEX" };

/* a decimal count below lim, or -1 */
static long
count_below(const char *s, size_t n, long lim)
{
	long v = 0;
	size_t i;

	if (n == 0 || n > 6)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v < lim ? v : -1;
}

unsigned
shards_arg(const char *opt, const char *arg)
{
	long n = count_below(arg, strlen(arg), SHARD_MAX + 1);

	if (n < 1)
		usage_error("%s wants a number of shards, 1 to %d, not '%s'",
		    opt, SHARD_MAX, arg);
	return (unsigned)n;
}

unsigned long long
env_count(const char *name, unsigned long long lo, unsigned long long hi,
    int empty_unset)
{
	const char *v = getenv(name);
	char *end;
	unsigned long long n;

	if (v == NULL || (empty_unset && *v == '\0'))
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (*v < '0' || *v > '9' || *end || errno || n < lo || n > hi)
		usage_error("%s wants a count from %llu to %llu, not '%s'",
		    name, lo, hi, v);
	return n;
}

void
shard_arg(const char *opt, const char *arg, unsigned *k, unsigned *n)
{
	const char *slash = strchr(arg, '/');
	const char *v = NULL, *var = NULL;
	size_t i;
	long kk;

	if (slash == NULL) {
		*n = shards_arg(opt, arg);
		for (i = 0; i < NELEM(index_vars) && v == NULL; i++)
			if ((v = getenv(index_vars[i])) != NULL && *v)
				var = index_vars[i];
			else
				v = NULL;
		if (v == NULL)
			usage_error("%s %s: no shard index: give K/%s, or run "
			    "it as an array task (SLURM_ARRAY_TASK_ID, "
			    "AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX)",
			    opt, arg, arg);
		if ((kk = count_below(v, strlen(v), *n)) < 0)
			usage_error("%s %s: %s is '%s', not a shard index 0 to "
			    "%u", opt, arg, var, v, *n - 1);
		*k = (unsigned)kk;
		return;
	}
	*n = shards_arg(opt, slash + 1);
	if ((kk = count_below(arg, (size_t)(slash - arg), *n)) < 0)
		usage_error("%s wants K/N with K a shard index 0 to %u, not "
		    "'%s'", opt, *n - 1, arg);
	*k = (unsigned)kk;
}

static struct afile **side;	/* each on the heap: its out is kept by
				 * callers of sidefile_open */
static const char **sidepath;
static size_t nside;

static void
sidefile_discard(void)
{
	size_t i;

	for (i = 0; i < nside; i++)
		afile_abort(side[i]);
}

/* Killed by SIGINT, SIGTERM or SIGHUP before the commit: the temporaries
 * go (unlink is async-signal-safe), then the signal does what it would. */
static void
sidefile_signal(int sig)
{
	size_t i;

	for (i = 0; i < nside; i++)
		if (side[i]->tmp != NULL)
			(void)unlink(side[i]->tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

struct out *
sidefile_open(const char *path)
{
	struct err e = { 0 };
	struct afile *a;
	sigset_t sigs, old;

	if (nside == 0) {
		atexit(sidefile_discard);
		signal(SIGINT, sidefile_signal);
		signal(SIGTERM, sidefile_signal);
		signal(SIGHUP, sidefile_signal);
	}
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	/* the handler reads side[]: not while it moves */
	sigprocmask(SIG_BLOCK, &sigs, &old);
	side = xrealloc(side, (nside + 1) * sizeof(*side));
	sidepath = xrealloc(sidepath, (nside + 1) * sizeof(*sidepath));
	sidepath[nside] = path;
	a = xcalloc(1, sizeof(*a));
	if (afile_open(a, path, 0, &e) != 0)
		die_err(path, &e);
	side[nside++] = a;
	sigprocmask(SIG_SETMASK, &old, NULL);
	return &a->o;
}

static void
side_sync(size_t i)
{
	struct err e = { 0 };
	struct afile *a = side[i];

	if (out_flush(&a->o) != 0 || (a->tmp && fsync(a->fd) != 0)) {
		err_set(&e, EXIT_SYS, 0, "%s", strerror(a->o.err ? a->o.err :
		    errno));
		die_err(sidepath[i], &e);
	}
}

void
sidefile_prepare(const char *path, void (*fn)(struct out *))
{
	fn(sidefile_open(path));
	side_sync(nside - 1);	/* written and synced now */
}

void
sidefile_sync(void)
{
	size_t i;

	for (i = 0; i < nside; i++)
		side_sync(i);
}

void
sidefile_commit(void)
{
	struct err e = { 0 };
	size_t i;

	sidefile_sync();	/* every one whole before any is renamed */
	for (i = 0; i < nside; i++)
		if (afile_commit(side[i], &e) != 0)
			die_err(sidepath[i], &e);
}
