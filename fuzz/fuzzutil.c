/* fuzzutil.c: helpers for the fuzz targets (see fuzz.h). */
#define _GNU_SOURCE		/* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

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

int
fuzz_gunzip(const uint8_t *data, size_t size, uint8_t **out, size_t *outlen)
{
	z_stream z;
	size_t cap = 1 << 16, n = 0;
	uint8_t *o = malloc(cap);
	int rc;

	if (size < 2 || data[0] != 0x1f || data[1] != 0x8b)
		goto bad;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		goto bad;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	for (;;) {
		if (n == cap) {
			if (cap >= FUZZ_GUNZIP_MAX)
				goto badz;
			cap *= 2;
			o = realloc(o, cap);
		}
		z.next_out = o + n;
		z.avail_out = (uInt)(cap - n);
		rc = inflate(&z, Z_NO_FLUSH);
		n = cap - z.avail_out;
		if (rc == Z_STREAM_END) {
			if (z.avail_in == 0)
				break;
			inflateReset(&z);	/* another member */
		} else if (rc != Z_OK && !(rc == Z_BUF_ERROR && n == cap))
			goto badz;
		else if (rc == Z_OK && z.avail_in == 0 && n < cap)
			goto badz;	/* truncated */
	}
	inflateEnd(&z);
	*out = o;
	*outlen = n;
	return 0;
badz:
	inflateEnd(&z);
bad:
	free(o);
	return -1;
}
