#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

int
afile_open(struct afile *a, const char *path, unsigned flags, struct err *e)
{
	struct stat st;
	size_t n;
	mode_t mode;

	memset(a, 0, sizeof(*a));
	a->fd = -1;
	a->target = resolve(path);
	if (stat(a->target, &st) == 0) {
		if (!S_ISREG(st.st_mode)) {
			if (flags & AF_REGULAR) {
				err_set(e, EXIT_DATA, 0, "not a regular file; "
				    "it cannot be replaced atomically");
				afile_abort(a);
				return -1;
			}
			/* a device, FIFO or terminal: written in place */
			if ((a->fd = open(a->target, O_WRONLY)) < 0) {
				err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
				afile_abort(a);
				return -1;
			}
			out_init(&a->o, a->fd);
			return 0;
		}
		mode = st.st_mode & 07777;
	} else {
		mode_t um = umask(0);

		umask(um);
		mode = 0666 & ~um;
	}
	n = strlen(a->target);
	a->tmp = xmalloc(n + 16);
	memcpy(a->tmp, a->target, n);
	memcpy(a->tmp + n, ".tmpXXXXXX", 11);
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
