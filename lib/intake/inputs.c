/* inputs.c: the files a curscan run reads; see inputs.h. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "intake/inputs.h"

void
inputs_add(char ***paths, size_t *np, char *path)
{
	*paths = xrealloc(*paths, (*np + 1) * sizeof(**paths));
	(*paths)[(*np)++] = path;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
export_name(const char *s)
{
	static const char *const ext[] = { ".csv", ".csv.gz", ".zip" };
	size_t len = strlen(s), k;

	if (s[0] == '.')
		return 0;
	for (k = 0; k < NELEM(ext); k++)
		if (len > strlen(ext[k]) &&
		    strcmp(s + len - strlen(ext[k]), ext[k]) == 0)
			return 1;
	return 0;
}

/* Subdirectories are not read: a mirror of an export keeps other
 * deliveries of the same period in them, which would count twice (a
 * manifest says which files are one delivery). */
int
inputs_add_dir(const char *dir, char ***paths, size_t *np, struct err *e)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n = 0, i, len = strlen(dir), before = *np;

	if (d == NULL) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (export_name(de->d_name))
			inputs_add(&names, &n, xstrdup(de->d_name));
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		struct buf b = { 0 };

		buf_adds(&b, dir);
		if (len && dir[len - 1] != '/')
			buf_addc(&b, '/');
		buf_adds(&b, names[i]);
		free(names[i]);
		if (stat(b.s, &st) == 0 && S_ISDIR(st.st_mode))
			buf_free(&b);	/* a subdirectory, even named x.csv */
		else
			inputs_add(paths, np, b.s);
	}
	free(names);
	if (*np == before) {
		err_set(e, EXIT_DATA, 0, "a directory with no export files "
		    "(*.csv, *.csv.gz, *.zip; subdirectories are not read)");
		return -1;
	}
	return 0;
}

/* Only a regular file is opened (and closed): a FIFO or a device would
 * lose what a probe read from it, or its writer. */
int
inputs_probe(const char *path, struct err *e)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
}
