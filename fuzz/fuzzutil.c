/* fuzzutil.c: helpers for the fuzz targets (see fuzz.h). */
#define _GNU_SOURCE		/* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

void
fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	abort();
}

static int memfd = -1;
static char mempath[64];

static void
rmtemp(void)
{
	unlink(mempath);
}

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	size_t off = 0;

	if (memfd < 0) {
		memfd = memfd_create("fuzz-input", MFD_CLOEXEC);
		if (memfd >= 0) {
			snprintf(mempath, sizeof(mempath), "/proc/self/fd/%d",
			    memfd);
		} else {	/* no memfd: an unlinked-at-exit temp file */
			const char *d = getenv("TMPDIR");

			snprintf(mempath, sizeof(mempath), "%s/fuzzXXXXXX",
			    d && *d && snprintf(NULL, 0, "%s", d) < 40 ? d :
			    "/tmp");
			memfd = mkstemp(mempath);
			if (memfd < 0) {
				perror("fuzz_file: mkstemp");
				abort();
			}
			atexit(rmtemp);
		}
	}
	if (ftruncate(memfd, 0) != 0) {
		perror("fuzz_file: ftruncate");
		abort();
	}
	while (off < size) {
		ssize_t w = pwrite(memfd, data + off, size - off, (off_t)off);

		if (w <= 0) {
			perror("fuzz_file: pwrite");
			abort();
		}
		off += (size_t)w;
	}
	return mempath;
}
