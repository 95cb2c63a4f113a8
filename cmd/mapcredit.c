/* mapcredit: recognise MAP credits among the bill's credit lines, draw them
 * from their grants expiry first, and attribute each month's credit to the
 * workloads whose accruing (TAGGED, eligible) spend earned it. The rules
 * are in lib/map/credit.c; this is the command line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/tsv.h"
#include "map/contract.h"
#include "map/credit.h"
#include "common.h"

/* the run, for the side file writers (sidefile_prepare takes no argument) */
static struct contracts contracts;
static struct credit cr;

static void
warn_line(void *arg, const char *file, long line, const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s: %s:%ld: warning: %s\n", progname, file, line, msg);
}

static void
write_pools(struct out *o)
{
	credit_write_pools(&cr, o);
}

static void
write_other(struct out *o)
{
	credit_write_other(&cr, o);
}

static void
write_claims(struct out *o)
{
	credit_write_claims(&cr, o);
}

/* Read everything, the grants first (a line's code may name its
 * contract), and settle the run. */
static void
load(const char *cpath, const char *gpath, const char *prevpath,
    const char **lpaths, size_t nled, char **lines, int nlines)
{
	struct err e = { 0 };
	size_t i;

	if (contracts_load(cpath, &contracts, &e))
		die_err(cpath, &e);
	if (gpath && credit_read_grants(&cr, gpath, &e) != 0)
		die_err(gpath, &e);
	if (prevpath && credit_read_claims(&cr, prevpath, &e) != 0)
		die_err(prevpath, &e);
	for (i = 0; i < nled; i++)
		if (credit_read_ledger(&cr, lpaths[i], &e) != 0)
			die_err(lpaths[i], &e);
	if (nlines == 0 && credit_read_lines(&cr, "-", &e) != 0)
		die_err("-", &e);
	for (i = 0; i < (size_t)nlines; i++)
		if (credit_read_lines(&cr, lines[i], &e) != 0)
			die_err(lines[i], &e);
	credit_settle(&cr);
}

static void
usage(void)
{
	printf("Usage: %s -c CONTRACTS -l LEDGER [OPTION]... [CHARGE_LINES]...\n"
	    "Recognise MAP credits among the credit lines of curscan's charge\n"
	    "lines, draw them from their grants expiry first, and attribute\n"
	    "each month's MAP credit to the workloads whose accruing spend\n"
	    "(mapstate's ledger) earned it. The attribution goes to standard\n"
	    "output. With no CHARGE_LINES, or when one is -, read standard\n"
	    "input.\n\n"
	    "  -c, --contracts FILE   MAP contracts; required\n"
	    "  -l, --ledger FILE      mapstate's ledger (with -w for workloads);\n"
	    "                         required, repeatable\n"
	    "  -g, --grants FILE      credit grants: code, amount, account,\n"
	    "                         start, end[, reference]\n"
	    "  -m, --month YYYY-MM    only this month\n"
	    "  -M, --match REGEX      a MAP credit description pattern (POSIX\n"
	    "                         extended; repeatable; replaces the\n"
	    "                         defaults: a mig promotion code, _MPE)\n"
	    "  -p, --pools FILE       write the pools: granted, used, remaining,\n"
	    "                         expiry, burn, what will expire unused\n"
	    "  -o, --other FILE       write every credit line that is not MAP\n"
	    "  -C, --claims FILE      write claimed vs projected per contract\n"
	    "                         and month, and to date\n"
	    "  -P, --previous-claims FILE\n"
	    "                         an earlier run's claims: keep its months\n"
	    "                         before the ledgers' first (or -m's)\n"
	    "      --previous-pools FILE\n"
	    "                         the pools of the closed period the run\n"
	    "                         starts from: each grant starts with what\n"
	    "                         was drawn then; its days are not drawn again\n"
	    "      --previous-attribution FILE\n"
	    "                         that period's attribution: its months\n"
	    "                         before the run's first come first\n"
	    "  -a, --as-of DATE       the day the pools are for, YYYY-MM-DD\n"
	    "                         (default: the latest day in the input)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See mapcredit(1) and map-formats(5).\n",
	    progname);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "contracts", required_argument, NULL, 'c' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "grants", required_argument, NULL, 'g' },
		{ "month", required_argument, NULL, 'm' },
		{ "match", required_argument, NULL, 'M' },
		{ "pools", required_argument, NULL, 'p' },
		{ "other", required_argument, NULL, 'o' },
		{ "claims", required_argument, NULL, 'C' },
		{ "previous-claims", required_argument, NULL, 'P' },
		{ "previous-pools", required_argument, NULL, 'Q' },
		{ "previous-attribution", required_argument, NULL, 'A' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cpath = NULL, *gpath = NULL, *ppath = NULL, *opath = NULL;
	const char *clpath = NULL, *prevpath = NULL;
	const char *pppath = NULL, *papath = NULL;
	static const char **lpaths;	/* static: reachable at exit */
	size_t nled = 0;
	struct err e = { 0 };
	struct out o;
	int ch;

	prog_init("mapcredit");
	argv[0] = (char *)progname;
	credit_init(&cr, &contracts);
	cr.warn = warn_line;
	while ((ch = getopt_long(argc, argv, "c:l:g:m:M:p:o:C:P:a:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			cpath = optarg;
			break;
		case 'l':
			lpaths = xrealloc(lpaths, (nled + 1) * sizeof(*lpaths));
			lpaths[nled++] = optarg;
			break;
		case 'g':
			gpath = optarg;
			break;
		case 'm':
			if (date_parse_month(optarg, strlen(optarg), &cr.month))
				usage_error("--month wants YYYY-MM, not '%s'",
				    optarg);
			break;
		case 'M':
			if (credit_match(&cr, optarg, &e) != 0)
				usage_error("--match '%s': %s", optarg, e.msg);
			break;
		case 'p':
			ppath = optarg;
			break;
		case 'o':
			opath = optarg;
			break;
		case 'C':
			clpath = optarg;
			break;
		case 'P':
			prevpath = optarg;
			break;
		case 'Q':
			pppath = optarg;
			break;
		case 'A':
			papath = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg), &cr.as_of_opt))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
			break;
		case 'h':
			usage();
			return fflush(stdout) ? EXIT_SYS : EXIT_OKAY;
		case 'V':
			print_version();
			return fflush(stdout) ? EXIT_SYS : EXIT_OKAY;
		default:
			usage_try();
		}
	}
	if (cpath == NULL)
		usage_error("a contracts file is required (-c CONTRACTS)");
	if (nled == 0)
		usage_error("a ledger is required (-l LEDGER, from mapstate "
		    "--ledger)");
	if (prevpath && clpath == NULL)
		usage_error("--previous-claims is for the claims: give "
		    "--claims FILE too");
	if (credit_match_defaults(&cr, &e) != 0)
		die_err(NULL, &e);
	if (pppath && credit_read_pools(&cr, pppath, &e) != 0)
		die_err(pppath, &e);
	if (papath && credit_read_attribution(&cr, papath, &e) != 0)
		die_err(papath, &e);
	load(cpath, gpath, prevpath, lpaths, nled, argv + optind,
	    argc - optind);
	if (ppath)
		sidefile_prepare(ppath, write_pools);
	if (opath)
		sidefile_prepare(opath, write_other);
	if (clpath)
		sidefile_prepare(clpath, write_claims);
	out_init(&o, 1);
	credit_write_attribution(&cr, &o);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();
	return EXIT_OKAY;
}
