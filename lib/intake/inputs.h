/* inputs.h: the files a curscan run reads, named before any is read.
 * A directory stands for the export files directly in it; every file is
 * checked to open before the run writes anything. */
#ifndef INPUTS_H
#define INPUTS_H
#include <stddef.h>

#include "core/err.h"

/* Append PATH (taken, malloc'd) to the list. */
void inputs_add(char ***paths, size_t *np, char *path);
/* Append DIR's export files: *.csv, *.csv.gz and *.zip directly in it,
 * not hidden, not directories, in byte order of their names; -1 with e
 * when DIR cannot be read or holds none. */
int inputs_add_dir(const char *dir, char ***paths, size_t *np,
    struct err *e);
/* 0 when PATH ("-": standard input) is there and, if a regular file, opens
 * for reading; -1 with e (the system's words) otherwise. */
int inputs_probe(const char *path, struct err *e);
#endif
