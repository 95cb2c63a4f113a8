/* mapreport: the role dashboards of one night (FinOps Lead, Portfolio
 * Manager, Cloud Engineer, Product Owner) as self-contained HTML pages
 * with inline SVG charts, from the files mapnightly leaves in
 * STATEDIR/current/.
 *
 * The pages are lib/map/report.h's; this is options, the output
 * directory and the atomic writing of each page. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/afile.h"
#include "core/date.h"
#include "map/digest.h"
#include "map/report.h"
#include "map/score.h"
#include "common.h"

struct opts {
	struct report_opts r;
	const char *outdir;
	const char *digest;	/* --digest DIR: the night's mail instead */
};

static void
usage(void)
{
	printf("Usage: %s -d STATEDIR [OPTION]...\n"
	    "Write the role dashboards of one night as HTML pages: an index,\n"
	    "the FinOps Lead's, and one per portfolio, Cloud Engineer and\n"
	    "Product Owner, from the files in STATEDIR/current/.\n\n"
	    "  -d, --state-dir DIR      mapnightly's state dir (required)\n"
	    "  -o, --output DIR         where the pages go (default:\n"
	    "                           STATEDIR/report)\n"
	    "  -w, --workloads FILE     the workloads file: its portfolios,\n"
	    "                           engineers and owners get a page\n"
	    "                           (default: those of the data)\n"
	    "      --role ROLE          only the pages of lead, portfolio,\n"
	    "                           engineer or owner (no index)\n"
	    "      --scope NAME         with --role: only that one's page\n"
	    "      --as-of DATE         the day shown (default: the ledger's\n"
	    "                           last)\n"
	    "      --target RATE        the rate the figures are set against\n"
	    "                           (0.8 or 80%%; default %s)\n"
	    "      --digest DIR         instead, write into DIR one mail per\n"
	    "                           engineer and owner of the workloads:\n"
	    "                           what is new since the night before\n"
	    "  -h, --help               show this help and exit\n"
	    "  -V, --version            show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See mapreport(1).\n", progname,
	    REPORT_TARGET);
}

/* the option of getopt's ch; -1 when it is not one of these */
static int
option(struct opts *op, int ch)
{
	long d;

	switch (ch) {
	case 'd': op->r.statedir = optarg; return 0;
	case 'o': op->outdir = optarg; return 0;
	case 'G': op->digest = optarg; return 0;
	case 'w': op->r.workloads = optarg; return 0;
	case 'r':
		if ((op->r.role = report_role_parse(optarg)) < 0)
			usage_error("--role wants lead, portfolio, engineer or "
			    "owner, not '%s'", optarg);
		return 0;
	case 'P': op->r.scope = optarg; return 0;
	case 'A':
		if (date_parse_day(optarg, strlen(optarg), &d))
			usage_error("--as-of wants YYYY-MM-DD, not '%s'",
			    optarg);
		op->r.as_of = d;
		return 0;
	case 'T':
		if (score_parse_rate(optarg, &op->r.target))
			usage_error("--target wants a rate from 0 to 1 (or 0%% "
			    "to 100%%), not '%s'", optarg);
		return 0;
	}
	return -1;
}

static void
check(struct opts *op)
{
	if (op->r.statedir == NULL)
		usage_error("a state directory is required (-d STATEDIR)");
	if (op->r.scope && op->r.role <= RP_LEAD)
		usage_error("--scope goes with --role portfolio, engineer or "
		    "owner");
	if (op->r.scope && *op->r.scope == '\0')
		usage_error("--scope: empty name");
}

/* the output directory, made when it is not there (its parent must be) */
static char *
output_dir(const struct opts *op)
{
	struct buf b = { 0 };
	struct stat st;

	if (op->outdir)
		buf_adds(&b, op->outdir);
	else
		buf_printf(&b, "%s/report", op->r.statedir);
	if (mkdir(buf_cstr(&b), 0777) != 0 && errno != EEXIST)
		die(EXIT_SYS, "%s: %s", b.s, strerror(errno));
	if (stat(b.s, &st) != 0 || !S_ISDIR(st.st_mode))
		die(EXIT_SYS, "%s: %s", b.s, errno ? strerror(errno) :
		    "not a directory");
	return b.s;
}

/* each page wanted, whole or not at all */
static void
write_pages(struct report *r, const char *dir)
{
	struct buf html = { 0 }, path = { 0 };
	struct err e = { 0 };
	const char *epath;
	struct afile af;
	size_t i;

	for (i = 0; i < report_npages(r); i++) {
		if (!report_wanted(r, i))
			continue;
		html.len = path.len = 0;
		if (report_page(r, i, &html, &epath, &e) != 0)
			die_err(epath, &e);
		buf_printf(&path, "%s/%s", dir, report_file(r, i));
		if (afile_open(&af, buf_cstr(&path), AF_REGULAR, &e) != 0)
			die_err(path.s, &e);
		out_add(&af.o, html.s, html.len);
		if (afile_commit(&af, &e) != 0) {
			afile_abort(&af);
			die_err(path.s, &e);
		}
	}
	buf_free(&html);
	buf_free(&path);
}

/* --digest: lib/map/digest.h's messages, the pages read from -o if given */
static int
write_digest(const struct opts *op)
{
	struct digest_opts d = { op->r.statedir, NULL, op->outdir,
		op->r.workloads, op->r.as_of, NULL };
	struct err e = { 0 };
	size_t n;

	if (op->r.workloads == NULL)
		usage_error("--digest needs the workloads file (-w)");
	if (digest_write(&d, op->digest, &n, &e) != 0)
		die_err(NULL, &e);
	return EXIT_OKAY;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "state-dir", required_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "workloads", required_argument, NULL, 'w' },
		{ "role", required_argument, NULL, 'r' },
		{ "scope", required_argument, NULL, 'P' },
		{ "as-of", required_argument, NULL, 'A' },
		{ "target", required_argument, NULL, 'T' },
		{ "digest", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts op = { .r = { .as_of = DAY_NONE, .role = RP_ALL } };
	struct err e = { 0 };
	const char *epath;
	/* static: the report stays reachable when a later step dies (a leak
	 * checker counts it as such then, not as lost) */
	static struct report *r;
	char *dir;
	int ch;

	prog_init("mapreport");
	argv[0] = (char *)progname;
	score_parse_rate(REPORT_TARGET, &op.r.target);
	while ((ch = getopt_long(argc, argv, "d:o:w:hV", longopts, NULL)) !=
	    -1) {
		if (option(&op, ch) == 0)
			continue;
		help_version_or_usage(ch, usage);
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	check(&op);
	if (op.digest)
		return write_digest(&op);

	r = report_new();
	if (report_load(r, &op.r, &epath, &e) != 0) {
		if (e.status == EXIT_USAGE)
			usage_error("%s", e.msg);
		die_err(epath, &e);
	}
	dir = output_dir(&op);
	write_pages(r, dir);
	report_free(r);
	free(dir);
	return EXIT_OKAY;
}
