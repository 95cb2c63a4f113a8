#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/afile.h"

/* The directory part of p ("." when none). */
static char *
dir_of(const char *p)
{
	const char *s = strrchr(p, '/');

	if (s == NULL)
		return xstrdup(".");
	if (s == p)
		return xstrdup("/");
	return xstrndup(p, (size_t)(s - p));
}

/* Follow a chain of symlinks to the path that is written. */
static char *
resolve(const char *path)
{
	char *cur = xstrdup(path);
	int hops;

	for (hops = 0; hops < 40; hops++) {
		struct stat st;
		char buf[PATH_MAX];
		ssize_t n;
		char *next, *d;

		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		if ((n = readlink(cur, buf, sizeof(buf) - 1)) < 0)
			return cur;
		buf[n] = '\0';
		if (buf[0] == '/')
			next = xstrdup(buf);
		else {
			size_t dl;

			d = dir_of(cur);
			dl = strlen(d);
			next = xmalloc(dl + (size_t)n + 2);
			memcpy(next, d, dl);
			next[dl] = '/';
			memcpy(next + dl + 1, buf, (size_t)n + 1);
			free(d);
		}
		free(cur);
		cur = next;
	}
	return cur;
}

/* /dev/stdout, /dev/stderr, /dev/fd/N: the descriptor the process has,
 * as the shell gave it (a pipe, or a log file opened for appending), not
 * a new open of what the link names; -1 for any other path. */
static int
std_fd(const char *path)
{
	const char *p;
	long n = 0;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) != 0 || path[8] == '\0')
		return -1;
	for (p = path + 8; *p; p++) {
		if (*p < '0' || *p > '9' || n > 1000000)
			return -1;
		n = n * 10 + (*p - '0');
	}
	return (int)n;
}

/* Temporaries of TARGET whose writer is no longer running. */
static void
remove_stale(const char *target)
{
	const char *sl = strrchr(target, '/');
	char *dir = sl ? xstrndup(target, (size_t)(sl - target) + (sl ==
	    target)) : xstrdup(".");
	const char *base = sl ? sl + 1 : target;
	size_t bl = strlen(base);
	struct dirent *de;
	DIR *d = opendir(dir);

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			const char *p = de->d_name;
			char *end;
			long pid;

			if (strncmp(p, base, bl) != 0 ||
			    strncmp(p + bl, ".tmp.", 5) != 0)
				continue;
			pid = strtol(p + bl + 5, &end, 10);
			if (pid <= 0 || *end != '.' || strlen(end) != 7 ||
			    !(kill((pid_t)pid, 0) != 0 && errno == ESRCH))
				continue;
			(void)unlinkat(dirfd(d), p, 0);
		}
		closedir(d);
	}
	free(dir);
}

int
afile_open(struct afile *a, const char *path, unsigned flags, struct err *e)
{
	struct stat st;
	size_t n;
	mode_t mode;
	int sfd;

	memset(a, 0, sizeof(*a));
	a->fd = -1;
	if ((sfd = std_fd(path)) >= 0 && !(flags & AF_REGULAR)) {
		if ((a->fd = dup(sfd)) < 0) {
			err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
			return -1;
		}
		out_init(&a->o, a->fd);
		return 0;
	}
	/* stat follows the links: a device, FIFO or terminal behind any
	 * chain of them (/dev/stderr -> /proc/self/fd/2 -> pipe:[N]) is
	 * opened by the name given, never resolved or replaced */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		if (flags & AF_REGULAR) {
			err_set(e, EXIT_DATA, 0, "not a regular file; it "
			    "cannot be replaced atomically");
			return -1;
		}
		if ((a->fd = open(path, O_WRONLY)) < 0) {
			err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
			return -1;
		}
		out_init(&a->o, a->fd);
		return 0;
	}
	a->target = resolve(path);
	if (stat(a->target, &st) == 0)
		mode = st.st_mode & 07777;
	else {
		mode_t um = umask(0);

		umask(um);
		mode = 0666 & ~um;
	}
	n = strlen(a->target);
	a->tmp = xmalloc(n + 40);
	/* TARGET.tmp.PID.XXXXXX: a run killed before its rename leaves one,
	 * which the next writer of TARGET removes once PID is gone */
	(void)snprintf(a->tmp, n + 40, "%s.tmp.%ld.XXXXXX", a->target,
	    (long)getpid());
	remove_stale(a->target);
	if ((a->fd = mkstemp(a->tmp)) < 0) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		free(a->tmp);
		a->tmp = NULL;
		afile_abort(a);
		return -1;
	}
	(void)fchmod(a->fd, mode);
	out_init(&a->o, a->fd);
	return 0;
}

int
afile_commit(struct afile *a, struct err *e)
{
	int en = 0;

	if (out_close(&a->o) != 0)
		en = a->o.err ? a->o.err : EIO;
	else if (a->tmp && fsync(a->fd) != 0)
		en = errno;
	if (close(a->fd) != 0 && en == 0)
		en = errno;
	a->fd = -1;
	if (en == 0 && a->tmp) {
		if (rename(a->tmp, a->target) != 0)
			en = errno;
		else {
			char *d = dir_of(a->target);
			int dfd = open(d, O_RDONLY);

			if (dfd >= 0) {
				(void)fsync(dfd);
				close(dfd);
			}
			free(d);
			free(a->tmp);
			a->tmp = NULL;
		}
	}
	if (en) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(en));
		afile_abort(a);
		return -1;
	}
	afile_abort(a);		/* frees */
	return 0;
}

void
afile_abort(struct afile *a)
{
	if (a->fd >= 0) {
		free(a->o.b);	/* unwritten: dropped */
		a->o.b = NULL;
		close(a->fd);
		a->fd = -1;
	}
	if (a->tmp) {
		unlink(a->tmp);
		free(a->tmp);
		a->tmp = NULL;
	}
	free(a->target);
	a->target = NULL;
}

/* one hop of afile_pin_dir: NULL when path is not a symlink */
static char *
pin_once(const char *path)
{
	struct buf b = { 0 };
	char t[PATH_MAX];
	const char *slash;
	ssize_t n = readlink(path, t, sizeof(t) - 1);

	if (n <= 0)
		return NULL;
	t[n] = '\0';
	slash = strrchr(path, '/');
	if (t[0] != '/' && slash) {
		size_t dn = (size_t)(slash - path);	/* the link's directory */
		const char *rel = t;

		/* history/D -> ../nights/D.N: STATEDIR/nights/D.N, not
		 * STATEDIR/history/../nights/D.N (a name, not a "..") */
		while (strncmp(rel, "../", 3) == 0 && dn > 0) {
			size_t k = dn;

			while (k > 0 && path[k - 1] != '/')
				k--;
			if ((dn - k == 2 && memcmp(path + k, "..", 2) == 0) ||
			    (dn - k == 1 && path[k] == '.') || dn == k)
				break;
			dn = k ? k - 1 : 0;
			rel += 3;
			if (k == 0)
				break;
		}
		if (dn > 0 || path[0] == '/') {
			buf_add(&b, path, dn);
			buf_addc(&b, '/');
		}
		buf_adds(&b, rel);
	} else
		buf_adds(&b, t);
	return (char *)buf_cstr(&b);
}

char *
afile_pin_dir(const char *path)
{
	char *p = xstrdup(path), *q;
	int hops = 0;

	/* a link to a link: to the end of the chain (as the kernel would,
	 * at most 40 links) */
	while (hops++ < 40 && (q = pin_once(p)) != NULL) {
		free(p);
		p = q;
	}
	return p;
}
