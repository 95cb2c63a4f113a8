/* mapscore: the MAP Compliance Rate (accruing eligible spend over eligible
 * spend, month to date and over a rolling 30 days, overall and per team,
 * product, portfolio and workload), its daily history and trend, the CFM
 * Scoreboard grade per team, and the four role views (FinOps Lead,
 * Portfolio Manager, Cloud Engineer, Product Owner).
 *
 * Reads mapstate's ledger (and state), maptasks' tasks, and mapcredit's
 * attribution and claims. The figures and views are lib/map/score.h's;
 * this is options, output and exit status. */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "core/table.h"
#include "map/ask.h"
#include "map/score.h"
#include "common.h"

struct opts {
	const char **ledgers;
	struct score_files f;
	struct score_view v;
	int scoreboard, fail;
	money_t fail_below;
};

static struct score *sc;	/* for the history side file */

static void
write_history(struct out *o)
{
	score_write_history(sc, o);
}

/* a library error: a bad setting is a usage error (2) */
_Noreturn static void
fail(const char *path, const struct err *e)
{
	if (e->status == EXIT_USAGE)
		usage_error("%s", e->msg);
	die_err(path, e);
}

static void
usage(void)
{
	printf("Usage: %s -l LEDGER [OPTION]...\n"
	    "Score MAP compliance from mapstate's ledger: the MAP Compliance\n"
	    "Rate (accruing eligible spend / eligible spend) month to date and\n"
	    "over 30 days, overall and per group, the daily history and trend,\n"
	    "the CFM Scoreboard grade per team, and the role views.\n\n"
	    "  -l, --ledger FILE        mapstate's ledger; required, repeatable\n"
	    "  -s, --state FILE         mapstate's state (engineer, owner views)\n"
	    "  -t, --tasks FILE         maptasks' task list\n"
	    "  -a, --attribution FILE   mapcredit's credit attribution\n"
	    "  -C, --claims FILE        mapcredit's claimed vs projected\n"
	    "  -H, --history FILE       the daily history: read, then rewritten\n"
	    "                           with the ledger's days\n"
	    "      --as-of DATE         the day scored (default: the ledger's\n"
	    "                           last)\n"
	    "  -b, --by GROUP           rates per team, product, portfolio or\n"
	    "                           workload as well as overall\n"
	    "      --scoreboard         the CFM Scoreboard: a grade per team\n"
	    "      --signals FILE       more scoreboard signals: team, signal,\n"
	    "                           value (0 to 1)\n"
	    "      --weight NAME=W      a signal's weight (repeatable; default\n"
	    "                           map_compliance=2, every other 1)\n"
	    "      --bands LIST         grade bands (default A=0.9,B=0.8,C=0.7,\n"
	    "                           D=0.6; below every band: F)\n"
	    "  -r, --role ROLE          lead, portfolio, engineer or owner\n"
	    "      --scope NAME         the portfolio, engineer or owner\n"
	    "  -f, --format FORMAT      tsv (default) or text\n"
	    "      --fail-below RATE    exit 1 when the view's month-to-date\n"
	    "                           rate is below RATE (0.8 or 80%%)\n"
	    "  -h, --help               show this help and exit\n"
	    "  -V, --version            show the version and exit\n\n"
	    "Exit status: 0 success, 1 rate below --fail-below, 2 usage error,\n"
	    "3 bad input data, 4 system or I/O error. See mapscore(1).\n",
	    progname);
}

static int
role_of(const char *s)
{
	static const char *const roles[] = { "lead", "portfolio", "engineer",
		"owner" };
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, roles[i]) == 0)
			return SV_LEAD + i;
	usage_error("--role wants lead, portfolio, engineer or owner, not "
	    "'%s'", s);
}

static int
by_of(const char *s)
{
	int by;

	for (by = SB_TEAM; by <= SB_WORKLOAD; by++)
		if (strcmp(s, score_by_names[by]) == 0)
			return by;
	usage_error("--by wants team, product, portfolio or workload, not "
	    "'%s'", s);
}

/* the option of getopt's ch; -1 when it is not one of these */
static int
option(struct opts *op, int ch)
{
	struct err e = { 0 };
	long d;

	switch (ch) {
	case 'l':
		op->ledgers = xrealloc(op->ledgers, (op->f.nledgers + 1) *
		    sizeof(*op->ledgers));
		op->ledgers[op->f.nledgers++] = optarg;
		return 0;
	case 's': op->f.state = optarg; return 0;
	case 't': op->f.tasks = optarg; return 0;
	case 'a': op->f.attribution = optarg; return 0;
	case 'C': op->f.claims = optarg; return 0;
	case 'H': op->f.history = optarg; return 0;
	case 'G': op->f.signals = optarg; return 0;
	case 'A':
		if (date_parse_day(optarg, strlen(optarg), &d))
			usage_error("--as-of wants YYYY-MM-DD, not '%s'",
			    optarg);
		score_set_as_of(sc, d);
		return 0;
	case 'b': op->v.by = by_of(optarg); return 0;
	case 'S': op->scoreboard = 1; return 0;
	case 'r': op->v.role = role_of(optarg); return 0;
	case 'P': op->v.scope = optarg; return 0;
	case 'f':
		if (strcmp(optarg, "tsv") != 0 && strcmp(optarg, "text") != 0)
			usage_error("--format wants tsv or text, not '%s'",
			    optarg);
		op->v.text = strcmp(optarg, "text") == 0;
		return 0;
	case 'F':
		if (score_parse_rate(optarg, &op->fail_below))
			usage_error("--fail-below wants a rate from 0 to 1 (or "
			    "0%% to 100%%), not '%s'", optarg);
		op->fail = 1;
		return 0;
	case 'W':
	case 'B':
		if ((ch == 'W' ? score_set_weight(sc, optarg, &e) :
		    score_set_bands(sc, optarg, &e)) != 0)
			fail(NULL, &e);
		return 0;
	}
	return -1;
}

/* the options that go together, and what the views need */
static void
check(struct opts *op)
{
	int r = op->v.role;

	if (op->f.nledgers == 0)
		usage_error("a ledger is required (-l LEDGER)");
	if (r >= 0 && (op->scoreboard || op->v.by != SB_ALL))
		usage_error("--role shows its own view: not with %s",
		    op->scoreboard ? "--scoreboard" : "--by");
	if (op->scoreboard && op->v.by != SB_ALL)
		usage_error("--scoreboard is per team: not with --by");
	if (r == SV_PORTFOLIO || r == SV_ENGINEER || r == SV_OWNER) {
		if (op->v.scope == NULL)
			usage_error("--role %s needs --scope NAME", r ==
			    SV_PORTFOLIO ? "portfolio" : r == SV_ENGINEER ?
			    "engineer" : "owner");
		if (*op->v.scope == '\0')
			usage_error("--scope: empty name");
	} else if (op->v.scope)
		usage_error("--scope goes with --role portfolio, engineer or "
		    "owner");
	if ((r == SV_ENGINEER || r == SV_OWNER) && op->f.state == NULL)
		usage_error("--role %s needs mapstate's state (-s STATE, "
		    "from mapstate -w)", r == SV_ENGINEER ? "engineer" :
		    "owner");
	if (r < 0)
		op->v.role = op->scoreboard ? SV_SCOREBOARD : SV_RATE;
	op->f.ledgers = op->ledgers;
}

/* A roles file beside the data (roles.tsv in the ledger's directory or
 * one of the two above it: STATEDIR/current/ledger.tsv finds
 * STATEDIR/roles.tsv) grants who may see what: only a role and scope it
 * grants the calling user, unless they are root or the FinOps Lead. */
static void
roles_gate(const struct opts *op)
{
	static const char *const names[] = { "lead", "portfolio", "engineer",
		"owner" };
	char *dir = xstrdup(op->ledgers[0]);
	struct buf path = { 0 }, what = { 0 };
	struct ask_roles *r = NULL;
	struct ask_who who;
	struct err e = { 0 };
	int up, role = op->v.role, refused = 0;

	for (up = 0; up < 3; up++) {
		char *d = xstrdup(dirname(dir));

		free(dir);
		dir = d;
		path.len = 0;
		buf_printf(&path, "%s/roles.tsv", dir);
		if (access(buf_cstr(&path), F_OK) == 0)
			break;
	}
	if (access(buf_cstr(&path), F_OK) == 0) {
		ask_who_self(&who);
		r = ask_roles_load(buf_cstr(&path), &who, &e);
		ask_who_free(&who);
		if (r == NULL) {
			static char at[4096];	/* the name outlives path */

			(void)snprintf(at, sizeof(at), "%s", buf_cstr(&path));
			free(dir);
			buf_free(&path);
			die_err(at, &e);
		}
		if (role < SV_PORTFOLIO || op->v.scope == NULL ||
		    !ask_roles_grants(r, names[role - SV_LEAD], op->v.scope)) {
			if (role >= SV_PORTFOLIO && op->v.scope)
				buf_printf(&what, "the %s view of '%s'",
				    names[role - SV_LEAD], op->v.scope);
			else
				buf_adds(&what, "the organisation-wide views, "
				    "which are the FinOps Lead's");
			ask_roles_refuse(r, buf_cstr(&what), &e);
			if (!ask_roles_all(r)) {
				err_set(&e, EXIT_USAGE, 0, "%s (roles file %s)",
				    e.msg, buf_cstr(&path));
				refused = 1;
			}
		}
		ask_roles_free(r);
	}
	free(dir);
	buf_free(&path);
	buf_free(&what);
	if (refused)	/* everything freed: a clean exit under LSan */
		die(EXIT_USAGE, "%s", e.msg);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ledger", required_argument, NULL, 'l' },
		{ "state", required_argument, NULL, 's' },
		{ "tasks", required_argument, NULL, 't' },
		{ "attribution", required_argument, NULL, 'a' },
		{ "claims", required_argument, NULL, 'C' },
		{ "history", required_argument, NULL, 'H' },
		{ "signals", required_argument, NULL, 'G' },
		{ "as-of", required_argument, NULL, 'A' },
		{ "by", required_argument, NULL, 'b' },
		{ "scoreboard", no_argument, NULL, 'S' },
		{ "role", required_argument, NULL, 'r' },
		{ "scope", required_argument, NULL, 'P' },
		{ "format", required_argument, NULL, 'f' },
		{ "fail-below", required_argument, NULL, 'F' },
		{ "weight", required_argument, NULL, 'W' },
		{ "bands", required_argument, NULL, 'B' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts op = { .v = { .role = -1 } };
	struct err e = { 0 };
	const char *epath, *what;
	struct score_rate gate;
	struct out o;
	int ch, below;

	prog_init("mapscore");
	argv[0] = (char *)progname;
	sc = score_new();
	while ((ch = getopt_long(argc, argv, "l:s:t:a:C:H:b:r:f:hV",
	    longopts, NULL)) != -1) {
		if (option(&op, ch) == 0)
			continue;
		help_version_or_usage(ch, usage);
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	check(&op);
	roles_gate(&op);
	if (score_load(sc, &op.f, &epath, &e) != 0 ||
	    score_view(sc, &op.v, &epath, &e) != 0)
		fail(epath, &e);

	if (op.f.history)
		sidefile_prepare(op.f.history, write_history);
	out_init(&o, 1);
	if (op.v.text)
		tset_write_text(score_tables(sc), &o, score_head(sc));
	else
		tset_write_tsv(score_tables(sc), &o, score_as_of(sc),
		    score_single(sc));
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	sidefile_commit();	/* the history, now the view is out */
	gate = score_gate(sc, &what);	/* what: "all" or the scope */
	below = op.fail && score_below(sc, op.fail_below);
	score_free(sc);
	free(op.ledgers);
	if (below) {
		char r[MONEY_BUFSZ], f[MONEY_BUFSZ];

		money_fmt(gate.rate, r, RATE_DP);
		money_fmt(op.fail_below, f, RATE_DP);
		warnx("MAP Compliance Rate %s (%s, month to date) is below %s",
		    r, what, f);
		return EXIT_CHECK;
	}
	return EXIT_OKAY;
}
