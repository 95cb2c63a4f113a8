/* digest.h: each Cloud Engineer's and Product Owner's mail of one night
 * (mapreport --digest, mapnightly --mail).
 *
 * A digest holds only what is new since the night before: the tasks that
 * opened (new, or reopened: a new task for an entity and type whose
 * earlier task was closed), the drift (events with a drift: reason dated
 * after the night before, up to the as-of day) and the Product Owner
 * notifications that were not there the night before. An engineer gets
 * the tasks assigned to them and the drift of the entities they are the
 * engineer of; an owner the new notifications and the drift of the
 * entities they own. Each is plain text with the figures (dollars a day,
 * to date, the open tasks' totals) and the recipient's report pages
 * attached.
 *
 * One RFC 5322 message per recipient with something new, written to
 * OUTDIR/ADDRESS.eml: MIME multipart/mixed, the text as UTF-8 8bit (base64
 * if a line is over RFC 5322's 998 bytes), each page as text/html in
 * base64, a boundary made from a hash of the parts
 * (the same night gives the same bytes). There is no Date: or
 * Message-ID: (the mail submission agent adds them) and no From: unless
 * given. Recipients are the engineers and owners of the workloads file
 * that are mail addresses (one '@', no space, quote, comma, angle bracket
 * or control character), in byte order; other names get no message.
 *
 * Nothing here prints or exits: -1 with e set, its message naming the
 * file it is about. */
#ifndef DIGEST_H
#define DIGEST_H
#include <stddef.h>

#include "core/err.h"

struct digest_opts {
	const char *statedir;	/* mapnightly's state directory: the night
				 * is statedir/current/, the nights before
				 * statedir/history/YYYY-MM-DD/ */
	const char *prevdir;	/* the night before's files, or NULL: the
				 * newest dated copy before the as-of day
				 * (none: everything is new) */
	const char *reportdir;	/* the published pages to attach, or NULL:
				 * the pages are made again (lib/map/report) */
	const char *workloads;	/* the workloads file: the recipients */
	long as_of;		/* DAY_NONE: the night's state's */
	const char *from;	/* the From: address, or NULL: none */
};

/* Write the messages into outdir (created if missing; other files in it
 * are left alone). *nmsg is the number written. 0, or -1 with e set
 * (EXIT_DATA bad input, EXIT_SYS unreadable input or unwritable outdir). */
int digest_write(const struct digest_opts *o, const char *outdir,
    size_t *nmsg, struct err *e);
#endif
