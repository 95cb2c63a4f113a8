/* mapask: plain-language answers to MAP questions over one night of
 * mapnightly's state directory, exact and sourced; with --mcp, the same
 * answers for any AI agent as a Model Context Protocol server on stdio.
 * The answers are lib/map/ask.h's (computed by lib/map/score.h and the
 * night's files); this is options, output and exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "map/ask.h"
#include "common.h"

struct opts {
	const char *dir, *roles;
	long as_of;
	int format, mcp;
	size_t max;
};

static void
usage(void)
{
	printf("Usage: %s -d STATEDIR [--as-of DATE] [-f FORMAT] QUESTION "
	    "[ARG]...\n"
	    "       %s --mcp -d STATEDIR [--as-of DATE] [--max-result BYTES]\n"
	    "Answer MAP questions over a night of mapnightly's state "
	    "directory,\nexactly and with their sources; or serve them to AI "
	    "agents over MCP.\n\n"
	    "  -d, --state-dir DIR      mapnightly's state directory; "
	    "required\n"
	    "      --as-of DATE         the night of DATE (history/DATE), "
	    "not current\n"
	    "  -f, --format FORMAT      text (default), tsv or json\n"
	    "      --mcp                a Model Context Protocol server on "
	    "stdio\n"
	    "      --max-result BYTES   the largest MCP result before it is "
	    "paginated\n"
	    "                           (default %d, about 25,000 tokens)\n"
	    "      --roles FILE         who may ask what (default: "
	    "STATEDIR/roles.tsv\n"
	    "                           when it exists; without one, anyone "
	    "anything)\n"
	    "  -h, --help               show this help and exit\n"
	    "  -V, --version            show the version and exit\n\n"
	    "Questions:\n", progname, progname, ASK_MCP_MAX);
	for (int i = 0; i < NQ; i++)
		printf("  %s\n", ask_catalogue[i].synopsis);
	printf("  \"a question in plain English\"\n\n"
	    "Exit status: 0 success, 2 usage error or a question it cannot "
	    "tell,\n3 bad input data or a name not in the data, 4 system or "
	    "I/O error.\nSee mapask(1).\n");
	exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
}

/* the catalogue with an example of each entry, for a question it cannot
 * tell */
static void
catalogue(void)
{
	int i;

	printf("mapask answers these questions:\n");
	for (i = 0; i < NQ; i++)
		printf("  %-52s %s\n      e.g. \"%s\"\n",
		    ask_catalogue[i].synopsis, ask_catalogue[i].what,
		    ask_catalogue[i].example);
	fflush(stdout);
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lo[] = {
		{ "state-dir", required_argument, NULL, 'd' },
		{ "as-of", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "mcp", no_argument, NULL, 'M' },
		{ "max-result", required_argument, NULL, 'X' },
		{ "roles", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	int c;

	o->as_of = DAY_NONE;
	while ((c = getopt_long(argc, argv, "+d:f:hV", lo, NULL)) != -1) {
		switch (c) {
		case 'd':
			o->dir = optarg;
			break;
		case 'a':
			if (date_parse_day(optarg, strlen(optarg),
			    &o->as_of) != 0)
				usage_error("--as-of wants YYYY-MM-DD, not "
				    "'%s'", optarg);
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o->format = ASK_TEXT;
			else if (strcmp(optarg, "tsv") == 0)
				o->format = ASK_TSV;
			else if (strcmp(optarg, "json") == 0)
				o->format = ASK_JSON;
			else
				usage_error("--format wants text, tsv or json, "
				    "not '%s'", optarg);
			break;
		case 'M':
			o->mcp = 1;
			break;
		case 'X':
			o->max = strtoul(optarg, &end, 10);
			if (*optarg < '0' || *optarg > '9' || *end != '\0' ||
			    o->max < 1024)
				usage_error("--max-result wants a number of "
				    "bytes from 1024, not '%s'", optarg);
			break;
		case 'R':
			o->roles = optarg;
			break;
		case 'h':
			usage();
			break;
		case 'V':
			print_version();
			exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
		default:
			usage_try();
		}
	}
	if (o->dir == NULL)
		usage_error("a state directory is required (-d STATEDIR)");
	if (o->mcp && optind < argc)
		usage_error("--mcp takes no question");
	if (!o->mcp && optind >= argc)
		usage_error("a question is required (see --help)");
	return optind;
}

/* STATEDIR/roles.tsv, or --roles where there is none, for the calling
 * user and their groups; NULL when there is neither. */
static struct ask_roles *
roles(const struct opts *o)
{
	struct ask_who who;
	struct ask_roles *r;
	struct buf path = { 0 };
	struct err e = { 0 };

	/* the file beside the data always applies: --roles only where the
	 * state directory has none (a caller could otherwise name a file
	 * granting itself everything) */
	buf_printf(&path, "%s/roles.tsv", o->dir);
	if (access(buf_cstr(&path), F_OK) != 0) {
		path.len = 0;
		if (o->roles == NULL) {
			buf_free(&path);
			return NULL;
		}
		buf_adds(&path, o->roles);
	}
	ask_who_self(&who);
	if ((r = ask_roles_load(buf_cstr(&path), &who, &e)) == NULL)
		die_err(buf_cstr(&path), &e);
	ask_who_free(&who);
	buf_free(&path);
	return r;
}

/* the MCP server: one JSON-RPC message a line in, one out */
static int
serve(const struct opts *o)
{
	struct ask_mcp *m = ask_mcp_new(o->dir, o->as_of, o->max,
	    TOOLKIT_VERSION);
	struct ask_roles *r = roles(o);
	char *line = NULL, *resp;
	size_t cap = 0;
	ssize_t n;

	ask_mcp_set_roles(m, r);
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	while ((n = getline(&line, &cap, stdin)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		if ((resp = ask_mcp_handle(m, line, (size_t)n)) == NULL)
			continue;
		fputs(resp, stdout);
		putchar('\n');
		free(resp);
		if (fflush(stdout) != 0)
			break;
	}
	free(line);
	ask_mcp_free(m);
	ask_roles_free(r);
	if (ferror(stdout))
		die(EXIT_SYS, "write error");
	return 0;
}

static void
answer(struct ask *a, struct ask_args *q, const struct opts *op)
{
	struct ask_roles *who = roles(op);
	int format = op->format;
	struct ask_answer r;
	struct err e = { 0 };
	struct out o;

	if (ask_allowed(who, a, q, &e) != 0)
		die(EXIT_USAGE, "%s", e.msg);
	ask_roles_free(who);
	if (ask_answer(a, q, &r, &e) != 0)
		die_err(NULL, &e);
	out_init(&o, 1);
	if (format == ASK_JSON) {
		char *s = ask_json_dump(&r);

		out_s(&o, s);
		out_c(&o, '\n');
		free(s);
	} else
		ask_write(&r, &o, format);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error");
	ask_answer_free(&r);
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct ask_args q;
	struct err e = { 0 };
	struct buf text = { 0 };
	struct ask *a;
	const char *epath;
	int i, qn;

	prog_init("mapask");
	i = parse_opts(argc, argv, &o);
	if (o.mcp)
		return serve(&o);
	if ((qn = ask_q_find(argv[i])) >= 0) {
		ask_args_init(&q, qn);
		if (ask_args_parse(&q, argc - i - 1, argv + i + 1, &e) != 0)
			usage_error("%s", e.msg);
	}
	if ((a = ask_open(o.dir, o.as_of, &epath, &e)) == NULL)
		die_err(epath, &e);
	if (qn < 0) {
		for (; i < argc; i++) {
			if (text.len)
				buf_addc(&text, ' ');
			buf_adds(&text, argv[i]);
		}
		if (ask_free_text(a, buf_cstr(&text), &q, &e) != 0) {
			catalogue();
			die(EXIT_USAGE, "%s", e.msg);
		}
		q.asked = buf_cstr(&text);
	}
	answer(a, &q, &o);
	ask_close(a);
	buf_free(&text);
	return 0;
}
