/* csvparse: the benchmark's floor. Read a file (plain or gzip, through
 * zlib's gzread, on one thread) or standard input, feed it to libcsv alone
 * with the options lib/csvin.c uses, and count fields and rows in callbacks
 * that do nothing else. Prints "rows R fields F bytes B" (B: uncompressed).
 *
 * Usage: csvparse [FILE]    (none or - : standard input)
 * Exit status: 0 success, 3 malformed CSV, 4 I/O error. */
#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#define BUFSZ (256 * 1024)

struct count {
	unsigned long long fields, rows;
};

static int
nospace(unsigned char c)
{
	(void)c;
	return 0;
}

static void
on_field(void *s, size_t n, void *ctx)
{
	struct count *k = ctx;

	(void)s;
	(void)n;
	k->fields++;
}

static void
on_row(int term, void *ctx)
{
	struct count *k = ctx;

	(void)term;
	k->rows++;
}

int
main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "-";
	struct csv_parser p;
	struct count k = { 0, 0 };
	unsigned long long bytes = 0;
	static char buf[BUFSZ];
	gzFile gz;
	int n;

	if (argc > 2) {
		fputs("usage: csvparse [FILE]\n", stderr);
		return 2;
	}
	gz = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") :
	    gzopen(path, "rb");
	if (gz == NULL) {
		fprintf(stderr, "csvparse: %s: %s\n", path, strerror(errno));
		return 4;
	}
	gzbuffer(gz, BUFSZ);
	/* the options lib/csvin.c sets */
	if (csv_init(&p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0)
		return 4;
	csv_set_space_func(&p, nospace);
	while ((n = gzread(gz, buf, sizeof(buf))) > 0) {
		bytes += (unsigned long long)n;
		if (csv_parse(&p, buf, (size_t)n, on_field, on_row, &k) !=
		    (size_t)n) {
			fprintf(stderr, "csvparse: %s: %s\n", path,
			    csv_strerror(csv_error(&p)));
			return 3;
		}
	}
	if (n < 0) {
		int zerr;
		const char *m = gzerror(gz, &zerr);

		fprintf(stderr, "csvparse: %s: %s\n", path,
		    zerr == Z_ERRNO ? strerror(errno) : m);
		return 4;
	}
	if (csv_fini(&p, on_field, on_row, &k) != 0) {
		fprintf(stderr, "csvparse: %s: %s\n", path,
		    csv_strerror(csv_error(&p)));
		return 3;
	}
	csv_free(&p);
	gzclose(gz);
	printf("rows %llu fields %llu bytes %llu\n", k.rows, k.fields, bytes);
	return fflush(stdout) != 0 ? 4 : 0;
}
