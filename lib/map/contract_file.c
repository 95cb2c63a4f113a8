/* contract_file.c: append one contract to a contracts file, atomically
 * (core/afile): the old bytes and the new row go to a temporary beside the
 * file, synced and renamed over it. One writer at a time in the
 * directory (flock on it, best effort). */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/afile.h"
#include "map/contract.h"
#include "map/contract_edit.h"

/* Read a whole regular file. NULL with errno on failure. */
static char *
read_all(int fd, size_t *len)
{
	struct buf b = { 0 };
	char tmp[65536];
	ssize_t r;

	buf_cstr(&b);
	for (;;) {
		r = read(fd, tmp, sizeof(tmp));
		if (r < 0) {
			if (errno == EINTR)
				continue;
			buf_free(&b);
			return NULL;
		}
		if (r == 0)
			break;
		buf_add(&b, tmp, (size_t)r);
	}
	*len = b.len;
	return b.s;
}

/* The directory of the file a path names (through a symlink: the
 * target's, so the temporary and the lock are where the bytes are). */
static char *
dir_of_target(const char *path, struct err *e)
{
	struct stat st;
	char *real = NULL, *sl, *d;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		real = realpath(path, NULL);
		if (real == NULL && errno != ENOENT) {
			err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
			return NULL;
		}
	}
	d = xstrdup(real ? real : path);
	free(real);
	if ((sl = strrchr(d, '/')) == NULL) {
		free(d);
		return xstrdup(".");
	}
	if (sl == d)
		sl++;
	*sl = '\0';
	return d;
}

/* e's message between two texts */
static void
wrap(struct err *e, int status, const char *before, const char *after)
{
	char msg[sizeof(e->msg)];

	(void)snprintf(msg, sizeof(msg), "%s", e->msg);
	err_set(e, status, 0, "%.200s%.280s%s", before, msg, after);
}

/* the old file: read, not gzip, loads, and c fits with its contracts */
static int
check_old(struct afile *af, const struct contract *c, char **old,
    size_t *oldlen, struct err *e)
{
	struct contracts cs;
	struct stat st;
	int fd;

	if (stat(af->target, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		return -1;
	}
	if ((fd = open(af->target, O_RDONLY)) < 0 ||
	    (*old = read_all(fd, oldlen)) == NULL) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	if (*oldlen >= 2 && (unsigned char)(*old)[0] == 0x1f &&
	    (unsigned char)(*old)[1] == 0x8b) {
		err_set(e, EXIT_DATA, 0, "gzip-compressed; new appends to "
		    "plain files only");
		return -1;
	}
	if (contracts_load(af->target, &cs, e) != 0)
		return -2;
	if (contract_check_against(&cs, c, e) != 0) {
		contracts_free(&cs);
		wrap(e, EXIT_DATA, "", "; nothing written");
		return -1;
	}
	contracts_free(&cs);
	return 0;
}

int
contract_file_append(const char *path, const struct contract *c,
    struct err *e)
{
	struct afile af;
	struct buf out = { 0 };
	char *dir, *old = NULL;
	size_t oldlen = 0;
	int dfd, rc;

	if ((dir = dir_of_target(path, e)) == NULL)
		return -1;
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd < 0) {
		err_set(e, EXIT_SYS, 0, "cannot open the directory: %s",
		    strerror(errno));
		free(dir);
		return -1;
	}
	(void)flock(dfd, LOCK_EX);	/* best effort */
	if (afile_open(&af, path, AF_REGULAR, e) != 0) {
		if (e->status != EXIT_DATA) {	/* not a regular file */
			struct buf b = { 0 };

			buf_printf(&b, "cannot create a temporary file in "
			    "%.150s: ", dir);
			wrap(e, EXIT_SYS, b.s, "");
			buf_free(&b);
		}
		e->status = EXIT_SYS;
		rc = -1;
	} else if ((rc = check_old(&af, c, &old, &oldlen, e)) != 0 ||
	    (rc = contract_append_text(old, oldlen, c, &out, e)) != 0) {
		afile_abort(&af);
	} else {
		out_add(&af.o, out.s, out.len);
		if ((rc = afile_commit(&af, e)) != 0)
			wrap(e, EXIT_SYS, "cannot replace the file: ",
			    "; nothing written");
	}
	close(dfd);
	free(dir);
	free(old);
	buf_free(&out);
	return rc;
}
