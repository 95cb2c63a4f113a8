/* maptasks: Cloud Engineer tasks for standard MAP and MAP AI, opened and
 * closed by the data. Reads mapstate's state (and events, so a task that
 * opened and closed between two runs is not lost) and yesterday's tasks;
 * writes the full task list, open and closed. The rules are in
 * lib/map/tasks.c; this file is the command line and the I/O. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/tsv.h"
#include "map/contract.h"
#include "map/tasks.h"
#include "common.h"

/* the run; file-level for the notifications side file's writer */
static struct tasks run;

static const struct task_filter *script_filter;

static void
write_notify(struct out *o)
{
	tasks_write_notify(&run, o);
}

static void
write_script(struct out *o)
{
	tasks_write_script(&run, o, script_filter);
}

static void
usage(void)
{
	printf("Usage: %s -c CONTRACTS [OPTION]... [STATE]\n"
	    "Open and close Cloud Engineer tasks from mapstate's state and\n"
	    "events, and write the full task list (open and closed) to\n"
	    "standard output. With no STATE, or when it is -, read standard\n"
	    "input.\n\n"
	    "  -c, --contracts FILE   MAP contracts; required\n"
	    "  -p, --previous FILE    yesterday's task list\n"
	    "  -e, --events FILE      mapstate's events (repeatable)\n"
	    "  -l, --ledger FILE      mapstate's ledger, for exact credit impact\n"
	    "                         (repeatable)\n"
	    "  -i, --inventory FILE   application inference profiles known to\n"
	    "                         exist: profile_arn, account, region, model,\n"
	    "                         tags\n"
	    "  -a, --as-of DATE       the day of the run (default: the state's)\n"
	    "  -o, --open             show open tasks only\n"
	    "  -A, --assignee NAME    show the tasks of one Cloud Engineer\n"
	    "  -t, --type TYPE        show one task type: TAG_RESOURCE,\n"
	    "                         RETAG_RESOURCE, CREATE_PROFILE,\n"
	    "                         ADD_TO_PROFILE, TAG_PROFILE, TAG_PRINCIPAL,\n"
	    "                         RENAME_TAG_KEY\n"
	    "  -n, --notify FILE      write Product Owner notifications\n"
	    "  -s, --script FILE      write the open tasks' commands as a\n"
	    "                         commented set -eu sh script\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n\n"
	    "A filtered list (--open, --assignee, --type) is for reading: give\n"
	    "the unfiltered list to the next run's --previous.\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See maptasks(1) and map-formats(5).\n",
	    progname);
}

/* what the command line asked for */
struct opts {
	const char *cpath, *ppath, *ipath, *npath, *spath, *scpath;
	const char **epaths, **lpaths;
	size_t nev, nled;
	long as_of;
	struct task_filter filt;
};

static void
options(int argc, char **argv, struct opts *op)
{
	static const struct option longopts[] = {
		{ "contracts", required_argument, NULL, 'c' },
		{ "previous", required_argument, NULL, 'p' },
		{ "events", required_argument, NULL, 'e' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "inventory", required_argument, NULL, 'i' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "open", no_argument, NULL, 'o' },
		{ "assignee", required_argument, NULL, 'A' },
		{ "type", required_argument, NULL, 't' },
		{ "notify", required_argument, NULL, 'n' },
		{ "script", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	while ((ch = getopt_long(argc, argv, "c:p:e:l:i:a:oA:t:n:s:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c':
			op->cpath = optarg;
			break;
		case 'p':
			op->ppath = optarg;
			break;
		case 'e':
			op->epaths = xrealloc(op->epaths, (op->nev + 1) *
			    sizeof(*op->epaths));
			op->epaths[op->nev++] = optarg;
			break;
		case 'l':
			op->lpaths = xrealloc(op->lpaths, (op->nled + 1) *
			    sizeof(*op->lpaths));
			op->lpaths[op->nled++] = optarg;
			break;
		case 'i':
			op->ipath = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg), &op->as_of))
				usage_error("--as-of wants YYYY-MM-DD, not '%s'",
				    optarg);
			break;
		case 'o':
			op->filt.open_only = 1;
			break;
		case 'A':
			op->filt.assignee = optarg;
			break;
		case 't':
			if ((op->filt.type = vocab_parse(&vocab_task_type,
			    optarg)) < 0)
				usage_error("unknown task type '%s'", optarg);
			break;
		case 'n':
			op->npath = optarg;
			break;
		case 's':
			op->scpath = optarg;
			break;
		case 'h':
			usage();
			exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
		case 'V':
			print_version();
			exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
		default:
			usage_try();
		}
	}
	if (op->cpath == NULL)
		usage_error("a contracts file is required (-c CONTRACTS)");
	if (argc - optind > 1)
		usage_error("one state file at most");
	op->spath = optind < argc ? argv[optind] : "-";
}

int
main(int argc, char **argv)
{
	static struct opts op;		/* static: reachable at exit */
	static struct contracts contracts;
	struct err e = { 0 };
	struct out o;
	size_t i;

	prog_init("maptasks");
	argv[0] = (char *)progname;
	op.as_of = DAY_NONE;
	op.filt.type = -1;
	options(argc, argv, &op);
	if (contracts_load(op.cpath, &contracts, &e))
		die_err(op.cpath, &e);
	tasks_init(&run, &contracts);
	if (tasks_load_state(&run, op.spath, &e))
		die_err(op.spath, &e);
	if (op.as_of != DAY_NONE && tasks_set_as_of(&run, op.as_of, &e))
		die_err(op.spath, &e);
	if (op.ipath && tasks_load_inventory(&run, op.ipath, &e))
		die_err(op.ipath, &e);
	if (op.ppath && tasks_load_previous(&run, op.ppath, &e))
		die_err(op.ppath, &e);
	for (i = 0; i < op.nev; i++)
		if (tasks_apply_events(&run, op.epaths[i], &e))
			die_err(op.epaths[i], &e);
	tasks_reconcile(&run);
	for (i = 0; i < op.nled; i++)
		if (tasks_apply_ledger(&run, op.lpaths[i], &e))
			die_err(op.lpaths[i], &e);
	tasks_refresh(&run, op.nled > 0);
	tasks_sort(&run);
	if (op.npath)
		sidefile_prepare(op.npath, write_notify);
	script_filter = &op.filt;
	if (op.scpath)
		sidefile_prepare(op.scpath, write_script);
	out_init(&o, 1);
	tasks_write(&run, &o, &op.filt);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();
	tasks_free(&run);
	contracts_free(&contracts);
	free(op.epaths);
	free(op.lpaths);
	return EXIT_OKAY;
}
