/* zin.h: byte input from a file or stdin, gzip read transparently.
 * gzip is detected by its magic bytes, not by the file name; concatenated
 * members are read in turn. For gzip input, inflate runs on its own thread
 * a few blocks ahead of the reader, so parsing and inflating overlap. */
#ifndef ZIN_H
#define ZIN_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct zin;

/* path "-" is stdin. NULL and e set on failure (EXIT_SYS). */
struct zin *zin_open(const char *path, struct err *e);
/* Next block of bytes: 1 with *buf and *len (valid until the next call), 0 at
 * end, -1 with e set (EXIT_DATA for a truncated or corrupt gzip, EXIT_SYS
 * for a read error). */
int zin_read(struct zin *, const char **buf, size_t *len, struct err *e);
int zin_gzip(const struct zin *);
int zin_regular(const struct zin *);	/* a regular file (reads return) */
uint64_t zin_bytes_in(const struct zin *);	/* raw bytes consumed so far */
void zin_close(struct zin *);
/* Read a whole (small) file into a NUL-terminated buffer (gzip too). */
char *zin_slurp(const char *path, size_t *len, struct err *e);
#endif
