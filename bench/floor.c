/* floor.c: the inflate floors curscan is measured against (bench/README).
 *
 *   floor zlib FILE.gz   a zlib gzread loop: all zlib can do, in-process
 *   floor isal FILE.gz   an ISA-L streaming inflate loop (every member)
 *
 * Prints the bytes inflated. Nothing is parsed: a reader cannot be faster
 * than its inflater, so these are what "x the floor" is about. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <isa-l/igzip_lib.h>

#define INSZ (256 * 1024)
#define OUTSZ (1024 * 1024)

static uint64_t
zlib_floor(const char *path)
{
	gzFile g = gzopen(path, "rb");
	static char buf[OUTSZ];
	uint64_t total = 0;
	int n;

	if (g == NULL) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		exit(4);
	}
	gzbuffer(g, INSZ);
	while ((n = gzread(g, buf, sizeof(buf))) > 0)
		total += (uint64_t)n;
	if (n < 0) {
		fprintf(stderr, "floor: %s: gzread failed\n", path);
		exit(4);
	}
	gzclose(g);
	return total;
}

static uint64_t
isal_floor(const char *path)
{
	static uint8_t in[INSZ], out[OUTSZ];
	struct inflate_state st;
	uint64_t total = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		exit(4);
	}
	isal_inflate_init(&st);
	st.crc_flag = ISAL_GZIP;
	st.avail_in = 0;
	for (;;) {
		if (st.avail_in == 0) {
			if ((r = read(fd, in, sizeof(in))) <= 0)
				break;
			st.next_in = in;
			st.avail_in = (uint32_t)r;
		}
		st.next_out = out;
		st.avail_out = sizeof(out);
		if (isal_inflate(&st) < 0) {
			fprintf(stderr, "floor: %s: corrupt\n", path);
			exit(4);
		}
		total += sizeof(out) - st.avail_out;
		if (st.block_state == ISAL_BLOCK_FINISH) {
			uint8_t *next = st.next_in;
			uint32_t left = st.avail_in;

			isal_inflate_reset(&st);	/* the next member */
			st.crc_flag = ISAL_GZIP;
			st.next_in = next;
			st.avail_in = left;
		}
	}
	close(fd);
	return total;
}

int
main(int argc, char **argv)
{
	uint64_t n;

	if (argc != 3 || (strcmp(argv[1], "zlib") && strcmp(argv[1], "isal"))) {
		fprintf(stderr, "usage: floor zlib|isal FILE.gz\n");
		return 2;
	}
	n = strcmp(argv[1], "zlib") == 0 ? zlib_floor(argv[2]) :
	    isal_floor(argv[2]);
	printf("%llu\n", (unsigned long long)n);
	return 0;
}
