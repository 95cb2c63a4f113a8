/* replay.c: run a fuzz target's LLVMFuzzerTestOneInput over files, without
 * libFuzzer, so the corpus can be replayed by the normal test suite (with
 * any compiler, with or without sanitizers).
 *   replay_TARGET FILE|DIR...
 * Directories are read one level deep, in name order. Each input is given
 * in a buffer of exactly its size, as libFuzzer does. Prints nothing on
 * success; a failed check aborts. Exit 0, 2 usage, 4 unreadable input. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int
runfile(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b = NULL, *d;
	size_t n = 0, cap = 0, r;

	if (f == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			b = realloc(b, cap);
			if (b == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				exit(4);
			}
		}
		r = fread(b + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(b);
		return -1;
	}
	fclose(f);
	/* exactly n bytes, so ASan sees a read past the end */
	d = malloc(n ? n : 1);
	if (d == NULL) {
		fprintf(stderr, "replay: out of memory\n");
		exit(4);
	}
	if (n)
		memcpy(d, b, n);
	free(b);
	LLVMFuzzerTestOneInput(d, n);
	free(d);
	return 0;
}

static int
run(const char *path)
{
	struct stat st;
	struct dirent **ents;
	int i, n, rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return runfile(path);
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t len = strlen(path) + strlen(name) + 2;
		char *p;

		if (name[0] == '.')
			goto next;
		p = malloc(len);
		if (p == NULL) {
			fprintf(stderr, "replay: out of memory\n");
			exit(4);
		}
		snprintf(p, len, "%s/%s", path, name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && runfile(p))
			rc = -1;
		free(p);
next:
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (run(argv[i]))
			rc = 4;
	return rc;
}
