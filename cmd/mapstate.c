/* mapstate: derive each billing entity's MAP lifecycle state from
 * contracts x charge lines, replaying the input day by day, oldest first,
 * from the previous state. The engine is lib/map/lifecycle; this is its
 * options, its files and its main. */
#include <getopt.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/tsv.h"
#include "map/contract.h"
#include "map/lifecycle.h"
#include "map/revised.h"
#include "map/shard.h"
#include "map/workload.h"
#include "common.h"

struct opts {
	const char *cpath, *wpath, *spath, *epath, *lpath, *apath;
	const char **fpath, *fopath;	/* --first-seen, --first-seen-out */
	const char *cpath_out;		/* --credit-lines */
	int revised;			/* --revised BEFORE AFTER */
	size_t nf;
	struct lc_opts lc;
};

/* sidefile_prepare's writers take no context */
static struct lifecycle *side_lc;

static void
write_first_seen(struct out *o)
{
	struct shard_seen sn;

	seen_init(&sn);
	lc_first_seen(side_lc, &sn);
	seen_write(&sn, o);
	seen_free(&sn);
}

static void
usage(void)
{
	printf("Usage: %s -c CONTRACTS [OPTION]... [CHARGE_LINES]...\n"
	    "       %s --revised LEDGER_BEFORE LEDGER_AFTER\n"
	    "Derive each billing entity's MAP lifecycle state (ELIGIBLE,\n"
	    "PENDING_TAG, TAGGED, STALE_TAG, INELIGIBLE) from contracts and\n"
	    "curscan's charge lines, replaying new days from the previous\n"
	    "state. The new state goes to standard output.\n\n"
	    "With no CHARGE_LINES, or when one is -, read standard input.\n\n"
	    "  -c, --contracts FILE   MAP contracts (mapcontract(1)); required\n"
	    "  -w, --workloads FILE   ownership claims; adds workload, team,\n"
	    "                         product, portfolio, owner, engineer\n"
	    "  -s, --state FILE       the previous state (yesterday's output)\n"
	    "  -A, --accounts FILE    when each account joined the organisation\n"
	    "                         (mapcontract accounts), for new-accounts\n"
	    "  -a, --as-of DATE       the day the state is for, YYYY-MM-DD\n"
	    "                         (default: the last usage day in the input)\n"
	    "  -e, --events FILE      write every transition to FILE\n"
	    "  -l, --ledger FILE      write per day and entity: cost, eligible\n"
	    "                         and accruing cost, state\n"
	    "      --first-seen FILE  the first days of the whole organisation\n"
	    "                         (a shard of a sharded night: curscan\n"
	    "                         --shards, mapstate --first-seen-out;\n"
	    "                         repeatable: the earliest day wins)\n"
	    "      --first-seen-out FILE\n"
	    "                         write the data's and each account's first\n"
	    "                         day to FILE\n"
	    "      --credit-lines FILE\n"
	    "                         write the Credit and Refund lines read to\n"
	    "                         FILE, a charge lines file for mapcredit\n"
	    "  -R, --revised          compare two ledgers (the night before's\n"
	    "                         and tonight's) on the days both hold: each\n"
	    "                         entity whose eligible or accruing cost or\n"
	    "                         state changed, before and after\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See mapstate(1) and map-formats(5).\n",
	    progname, progname);
}

static int
parse_opts(int argc, char **argv, struct opts *op)
{
	static const struct option longopts[] = {
		{ "contracts", required_argument, NULL, 'c' },
		{ "workloads", required_argument, NULL, 'w' },
		{ "state", required_argument, NULL, 's' },
		{ "accounts", required_argument, NULL, 'A' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "events", required_argument, NULL, 'e' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "first-seen", required_argument, NULL, 'F' },
		{ "first-seen-out", required_argument, NULL, 'O' },
		{ "credit-lines", required_argument, NULL, 'C' },
		{ "revised", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(op, 0, sizeof(*op));
	op->lc.as_of = DAY_NONE;
	while ((ch = getopt_long(argc, argv, "c:w:s:A:a:e:l:RhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			op->cpath = optarg;
			break;
		case 'w':
			op->wpath = optarg;
			break;
		case 'A':
			op->apath = optarg;
			break;
		case 's':
			op->spath = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg),
			    &op->lc.as_of))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
			break;
		case 'e':
			op->epath = optarg;
			break;
		case 'l':
			op->lpath = optarg;
			break;
		case 'F':
			op->fpath = xrealloc(op->fpath, (op->nf + 1) *
			    sizeof(*op->fpath));
			op->fpath[op->nf++] = optarg;
			break;
		case 'O':
			op->fopath = optarg;
			break;
		case 'C':
			op->cpath_out = optarg;
			break;
		case 'R':
			op->revised = 1;
			break;
		default:
			help_version_or_usage(ch, usage);
		}
	}
	if (op->revised) {
		if (op->cpath || op->wpath || op->spath || op->apath ||
		    op->lc.as_of != DAY_NONE || op->epath || op->lpath ||
		    op->nf || op->fopath || op->cpath_out)
			usage_error("--revised compares two ledgers and takes "
			    "no other option");
		if (argc - optind != 2)
			usage_error("--revised wants two ledgers, the one "
			    "before and the one after");
		return optind;
	}
	if (op->cpath == NULL)
		usage_error("a contracts file is required (-c CONTRACTS)");
	if ((op->epath && strcmp(op->epath, "-") == 0) || (op->lpath &&
	    strcmp(op->lpath, "-") == 0) || (op->fopath &&
	    strcmp(op->fopath, "-") == 0) || (op->cpath_out &&
	    strcmp(op->cpath_out, "-") == 0))
		usage_error("--events, --ledger, --first-seen-out and "
		    "--credit-lines write files; the state is what goes to "
		    "standard output");
	return optind;
}

/* --revised BEFORE AFTER: the revisions, to standard output */
static int
revised(const char *before, const char *after)
{
	struct err e = { 0 };
	const char *bad = NULL;
	struct out o;

	out_init(&o, 1);
	if (ledger_revised(before, after, &o, &bad, &e) != 0)
		die_err(bad, &e);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	return EXIT_OKAY;
}

/* --as-of before the previous state: said before reading any line */
static void
check_rewind(const struct lifecycle *lc, const char *spath)
{
	char a[DATE_DAYLEN], b[DATE_DAYLEN];

	if (!lc->as_of_given || lc->prev_as_of == DAY_NONE ||
	    lc->prev_as_of <= lc->as_of)
		return;
	date_fmt_day(lc->prev_as_of, a);
	date_fmt_day(lc->as_of, b);
	die(EXIT_DATA, "%s: the previous state is as of %s, later than "
	    "--as-of %s: refusing to rewind history", spath, a, b);
}

/* TMPDIR for the replay's temporary file; MAPSTATE_SLOTS, its budget (for
 * tests: a small one makes a small input spill) */
static void
check_environment(struct lc_opts *lo)
{
	unsigned long long n = env_count("MAPSTATE_SLOTS", 1, UINT32_MAX, 0);

	lo->tmpdir = getenv("TMPDIR");
	if (lo->tmpdir && *lo->tmpdir == '\0')
		lo->tmpdir = NULL;
	if (n)
		lo->slot_budget = (size_t)n;
}

static void
read_lines(struct lifecycle *lc, const char *path)
{
	struct err e = { 0 };

	if (lc_read_lines(lc, path, &e) != 0)
		die_err(path, &e);
}

int
main(int argc, char **argv)
{
	static struct contracts contracts;
	static struct workloads workloads;
	static struct accounts accounts;
	static struct lifecycle lc;
	struct opts op;
	struct err e = { 0 };
	struct out o;
	int i;

	prog_init("mapstate");
	argv[0] = (char *)progname;	/* getopt's messages */
	i = parse_opts(argc, argv, &op);
	if (op.revised)
		return revised(argv[i], argv[i + 1]);
	check_environment(&op.lc);
	if (contracts_load(op.cpath, &contracts, &e))
		die_err(op.cpath, &e);
	if (op.wpath && workloads_load(op.wpath, &workloads, &e))
		die_err(op.wpath, &e);
	if (op.apath && accounts_load(op.apath, &accounts, &e))
		die_err(op.apath, &e);
	op.lc.accounts = op.apath ? &accounts : NULL;
	/* written as the replay goes, renamed with the others at the end */
	op.lc.events = op.epath ? sidefile_open(op.epath) : NULL;
	op.lc.ledger = op.lpath ? sidefile_open(op.lpath) : NULL;
	op.lc.credit_lines = op.cpath_out ? sidefile_open(op.cpath_out) :
	    NULL;
	lc_init(&lc, &contracts, op.wpath ? &workloads : NULL, &op.lc);
	if (op.spath) {
		if (lc_load_state(&lc, op.spath, &e))
			die_err(op.spath, &e);
		check_rewind(&lc, op.spath);
	}
	if (op.nf) {
		struct shard_seen sn;
		size_t k;

		seen_init(&sn);
		for (k = 0; k < op.nf; k++)
			if (seen_read(&sn, op.fpath[k], &e) != 0)
				die_err(op.fpath[k], &e);
		lc_seed_first_seen(&lc, &sn);
		seen_free(&sn);
		free(op.fpath);
	}
	if (i == argc)
		read_lines(&lc, "-");
	for (; i < argc; i++)
		read_lines(&lc, argv[i]);
	if (lc_run(&lc, &e))
		die_err(lc.efile, &e);
	side_lc = &lc;
	if (op.fopath)
		sidefile_prepare(op.fopath, write_first_seen);
	sidefile_sync();	/* the events and ledger whole before the state */
	out_init(&o, 1);
	lc_write_state(&lc, &o);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();
	return EXIT_OKAY;
}
