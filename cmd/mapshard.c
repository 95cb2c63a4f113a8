/* mapshard: split a billing entity's files into the shards of a sharded
 * night, or merge the shards' outputs back into the files one machine
 * writes (mapnightly --shards). The shard key and the merge orders are in
 * lib/map/shard.c; this is the command line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/afile.h"
#include "core/tsv.h"
#include "map/shard.h"
#include "common.h"

static void
usage(void)
{
	printf("Usage: mapshard --shards N [-o DIR] [FILE]...\n"
	    "       mapshard --shard K/N [FILE]...\n"
	    "       mapshard --merge [-T TASKS] [-o FILE] FILE...\n"
	    "Split charge lines, a state or a task list (any file with "
	    "entity_kind,\n"
	    "entity and account columns) into the shards of a sharded "
	    "night, by\n"
	    "XXH64 of the entity key mod N (Amazon Bedrock's profiles and "
	    "callers\n"
	    "by their ARN's account; lines of no entity in shard 0); or merge "
	    "the\n"
	    "shards' sorted outputs (state, events, ledger, tasks, "
	    "notifications)\n"
	    "into the one file an unsharded night writes.\n"
	    "\n"
	    "  -n, --shards N         split into DIR/0.tsv .. DIR/N-1.tsv "
	    "(1 to %d)\n"
	    "  -s, --shard K/N        write only shard K of N to standard "
	    "output; with\n"
	    "                         N alone, K is SLURM_ARRAY_TASK_ID,\n"
	    "                         AWS_BATCH_JOB_ARRAY_INDEX or "
	    "JOB_COMPLETION_INDEX\n"
	    "  -o, --output PATH      the directory of the shards (default "
	    ".), or the\n"
	    "                         merged file (default: standard "
	    "output)\n"
	    "  -f, --first-seen FILE  also write the charge lines' first "
	    "days (the\n"
	    "                         data's and each account's), for "
	    "mapstate\n"
	    "                         --first-seen\n"
	    "  -m, --merge            merge the FILEs, shards of one file\n"
	    "  -T, --tasks FILE       the merged task list whose order "
	    "notifications\n"
	    "                         follow (merging notify.tsv)\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n"
	    "\n"
	    "Files are written whole or not at all. Exit status: 0 success, "
	    "2 usage\n"
	    "error, 3 bad input data, 4 system or I/O error. See "
	    "mapshard(1).\n", SHARD_MAX);
}

struct opts {
	unsigned n, k;
	int keep, merge;
	const char *out, *seen, *tasks;
};

static void
parse_options(int argc, char **argv, struct opts *op)
{
	static const struct option longopts[] = {
		{ "shards", required_argument, NULL, 'n' },
		{ "shard", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "first-seen", required_argument, NULL, 'f' },
		{ "merge", no_argument, NULL, 'm' },
		{ "tasks", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(op, 0, sizeof(*op));
	argv[0] = (char *)progname;
	while ((ch = getopt_long(argc, argv, "n:s:o:f:mT:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'n':
			op->n = shards_arg("--shards", optarg);
			op->keep = 0;
			break;
		case 's':
			shard_arg("--shard", optarg, &op->k, &op->n);
			op->keep = 1;
			break;
		case 'o':
			op->out = optarg;
			break;
		case 'f':
			op->seen = optarg;
			break;
		case 'm':
			op->merge = 1;
			break;
		case 'T':
			op->tasks = optarg;
			break;
		default:
			help_version_or_usage(ch, usage);
		}
	}
	if (op->merge && op->n)
		usage_error("--merge or --shards/--shard, not both");
	if (!op->merge && op->n == 0)
		usage_error("give --shards N, --shard K/N or --merge");
	if (op->merge && optind == argc)
		usage_error("--merge wants the shards' files");
	if (op->tasks && !op->merge)
		usage_error("--tasks is for --merge");
	if (op->seen && op->merge)
		usage_error("--first-seen is for a split of charge lines");
	if (op->keep && op->out)
		usage_error("--shard writes to standard output: -o is for "
		    "--shards or --merge");
}

static void
split(const struct opts *op, char **files, int nfiles)
{
	struct shard_split sp;
	struct shard_seen seen;
	struct out so;
	struct err e = { 0 };
	int i;

	seen_init(&seen);
	out_init(&so, 1);
	if (shard_split_open(&sp, op->out ? op->out : ".", op->n,
	    op->keep ? (long)op->k : -1, &so, op->seen ? &seen : NULL, &e))
		die_err(NULL, &e);
	for (i = 0; i < nfiles || (i == 0 && nfiles == 0); i++) {
		const char *f = nfiles ? files[i] : "-";

		if (shard_split_read(&sp, f, &e) != 0) {
			shard_split_abort(&sp);
			die_err(f, &e);
		}
	}
	if (op->seen) {
		struct afile af;

		if (afile_open(&af, op->seen, 0, &e) != 0) {
			shard_split_abort(&sp);
			die_err(op->seen, &e);
		}
		seen_write(&seen, &af.o);
		if (afile_commit(&af, &e) != 0) {
			shard_split_abort(&sp);
			die_err(op->seen, &e);
		}
	}
	if (out_close(&so) != 0) {
		shard_split_abort(&sp);
		die(EXIT_SYS, "write error: %s", strerror(so.err));
	}
	if (shard_split_commit(&sp, &e) != 0)
		die_err(NULL, &e);
	seen_free(&seen);
}

static void
merge(const struct opts *op, char **files, int nfiles)
{
	struct afile af;
	struct out so, *o = &so;
	struct err e = { 0 };
	const char *bad = NULL;
	int rc;

	if (op->out) {
		if (afile_open(&af, op->out, 0, &e) != 0)
			die_err(op->out, &e);
		o = &af.o;
	} else
		out_init(&so, 1);
	if (op->tasks)
		rc = shard_merge_by_task((const char *const *)files,
		    (size_t)nfiles, op->tasks, o, &bad, &e);
	else
		rc = shard_merge((const char *const *)files, (size_t)nfiles, o,
		    &bad, &e);
	if (rc != 0) {
		if (op->out)
			afile_abort(&af);
		die_err(bad, &e);
	}
	if (op->out) {
		if (afile_commit(&af, &e) != 0)
			die_err(op->out, &e);
	} else if (out_close(&so) != 0)
		die(EXIT_SYS, "write error: %s", strerror(so.err));
}

int
main(int argc, char **argv)
{
	struct opts op;

	prog_init("mapshard");
	parse_options(argc, argv, &op);
	if (op.merge)
		merge(&op, argv + optind, argc - optind);
	else
		split(&op, argv + optind, argc - optind);
	return EXIT_OKAY;
}
