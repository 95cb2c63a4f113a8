/* afile.h: an output file that appears whole or not at all.
 *
 * afile_open creates a temporary in the target's own directory (beside
 * the file a symlink points to: the link is followed, never replaced);
 * afile_commit flushes it, syncs it, renames it over the target and syncs
 * the directory; afile_abort removes it. A new file gets 0666 less the
 * umask, a replaced one keeps its mode.
 *
 * A target that exists and is not a regular file (a terminal, a FIFO, a
 * device such as /dev/null) cannot be replaced atomically and must never
 * be replaced: it is written directly, or with AF_REGULAR refused.
 * /dev/stdout, /dev/stderr and /dev/fd/N are the process's own
 * descriptors (a log opened for appending stays appended to). */
#ifndef AFILE_H
#define AFILE_H
#include "core/err.h"
#include "core/tsv.h"

#define AF_REGULAR 1u	/* refuse a target that is not a regular file */

struct afile {
	struct out o;		/* write through this */
	char *target;		/* the file renamed over (symlinks resolved) */
	char *tmp;		/* NULL when written directly */
	int fd;
};

/* 0, or -1 with e set (EXIT_SYS; EXIT_DATA for AF_REGULAR refusals). The
 * message does not name the path: report it with the path. */
int afile_open(struct afile *, const char *path, unsigned flags,
    struct err *e);
/* 0, or -1 with e set; the temporary is removed on failure. */
int afile_commit(struct afile *, struct err *e);
/* After a failure: remove the temporary, free. Safe to call twice. */
void afile_abort(struct afile *);

/* The reader's side of a directory published by swapping a symlink (a
 * state directory's current and history/D): the directory the link names
 * now, so that every file a reader opens from it is of one night however
 * often the link is swapped meanwhile. A path that is not a symlink is
 * itself; a relative target is taken from the link's directory. Always a
 * new string (free it). */
char *afile_pin_dir(const char *path);
#endif
