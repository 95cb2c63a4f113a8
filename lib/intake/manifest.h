/* manifest.h: the data files a CUR manifest lists.
 * CUR 2.0 (Data Exports) manifests list full s3:// URIs in "dataFiles";
 * legacy CUR manifests list bucket keys in "reportKeys" (with "bucket").
 * Each is resolved to ROOT/KEY, ROOT being a local mirror of the bucket. */
#ifndef MANIFEST_H
#define MANIFEST_H
#include <stddef.h>

#include "core/err.h"

struct manifest {
	char **keys;		/* bucket keys, in manifest order */
	size_t n;
	int legacy;		/* 1 reportKeys, 0 dataFiles */
};

int manifest_parse(const char *json, size_t n, struct manifest *, struct err *);
void manifest_free(struct manifest *);
/* ROOT/KEY as resolved: 0 when it is a regular file inside root (through
 * symlinks too) or absent; -1 with e when it is something else or leaves
 * the mirror. manifest_parse has refused keys with ".." and NULs. */
int manifest_entry_ok(const char *root, const char *path, struct err *e);
#endif
