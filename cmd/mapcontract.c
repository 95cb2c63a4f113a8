/* mapcontract: create, list and check MAP contracts (the contracts file);
 * check a workloads file.
 *
 *   mapcontract new -f FILE [--id ID ...] [--yes | --wizard]
 *   mapcontract list -f FILE [--format text|tsv]
 *   mapcontract check -f FILE
 *   mapcontract check-workloads -w FILE
 *
 * new runs the guided four-step wizard on a terminal (or with --wizard on
 * any standard input), or writes from flags alone with --yes. The file is
 * replaced atomically (core/afile): the old bytes and the new row go to a
 * temporary file in the same directory, which is synced and renamed over
 * it. The contract rules are in map/contract and map/contract_edit. */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "core/afile.h"
#include "core/date.h"
#include "core/tsv.h"
#include "map/accounts.h"
#include "map/contract.h"
#include "map/contract_edit.h"
#include "map/workload.h"
#include "common.h"

enum cmd { CMD_NEW, CMD_LIST, CMD_CHECK, CMD_CHECKW, CMD_ACCOUNTS, NCMD };
static const char *const cmdname[NCMD] = { "new", "list", "check",
	"check-workloads", "accounts" };
#define CMDLIST "(new, list, check, check-workloads, accounts)"

/* Contract columns, in contract_columns[] order. */
enum col { C_ID, C_PROGRAM, C_PAYER, C_MPE, C_START, C_END, C_RATE,
	C_PROJECTED, C_ACCOUNTS, C_SERVICES, C_AUTO, C_EXCL, C_AIROUTE, NCOL };
static const char *const colflag[NCOL] = { "--id", "--program", "--payer",
	"--mpe", "--start", "--end", "--credit-rate", "--projected",
	"--accounts", "--services", "--auto-enroll", "--exclusions",
	"--ai-route" };

enum {
	/* OPT_ID to OPT_AIROUTE in the order of enum col */
	OPT_ID = 256, OPT_PROGRAM, OPT_PAYER, OPT_MPE, OPT_START, OPT_END,
	OPT_RATE, OPT_PROJECTED, OPT_ACCOUNTS, OPT_SERVICES, OPT_AUTO,
	OPT_EXCL, OPT_AIROUTE, OPT_ACCFROM, OPT_WIZARD, OPT_FORMAT,
	OPT_ACCTS
};

static const char *opt_val[NCOL];	/* contract fields from flags */
static struct buf opt_auto;		/* --auto-enroll, joined */
static int opt_has_auto;
static const char *opt_file, *opt_workloads, *opt_accfrom, *opt_accounts;
static const char *opt_json = "-";	/* accounts: the JSON */
static int opt_yes, opt_wizard, opt_tsv;

/* ---- small helpers ---- */

static const char usage_text[] =
"Usage: mapcontract new -f FILE [CONTRACT OPTION]... [--yes | --wizard]\n"
"       mapcontract list -f FILE [--format text|tsv]\n"
"       mapcontract check -f FILE [--accounts-file FILE]\n"
"       mapcontract check-workloads -w FILE\n"
"       mapcontract accounts [JSON]\n"
"Create, list and check MAP contracts; check a workloads file;\n"
"turn the JSON of aws organizations list-accounts (a file or\n"
"standard input) into an accounts file on standard output.\n"
"\n"
"new writes one contract to the contracts FILE (created with its\n"
"header if absent). On a terminal it is a guided four-step wizard\n"
"(basics, eligible services, accounts in scope, auto-enrollment);\n"
"options given fill in its defaults. With --yes it writes from the\n"
"options alone.\n"
"\n"
"  -f, --file FILE        the contracts file\n"
"  -w, --workloads FILE   the workloads file (check-workloads)\n"
"      --accounts-file F  check: the accounts file (mapcontract\n"
"                         accounts), for the names name:PATTERN\n"
"                         rules match\n"
"      --id ID            contract id (letters, digits, . _ -)\n"
"      --program PROG     map (standard MAP) or map-ai\n"
"      --payer ACCOUNT    payer (billing) account, 12 digits\n"
"      --mpe MPE_ID       5 digits, or 10 upper-case letters and\n"
"                         digits\n"
"      --start DATE       first day of the term, YYYY-MM-DD\n"
"      --end DATE         last day of the term (at most 3 years on)\n"
"      --credit-rate R    share of eligible tagged spend paid back:\n"
"                         0.25 or 25%\n"
"      --projected AMOUNT projected credit total (optional)\n"
"      --accounts LIST    all (default) or ACCOUNT,ACCOUNT,...\n"
"      --services LIST    standard, ai, or CODE,CODE,... (default:\n"
"                         standard for map, ai for map-ai)\n"
"      --auto-enroll RULE new-accounts or name:PATTERN (repeatable)\n"
"      --exclusions LIST  default, none, or a list of data-transfer,\n"
"                         marketplace, eks-fargate,\n"
"                         glacier-deep-archive\n"
"      --ai-route ROUTE   how Bedrock callers are tagged: profile\n"
"                         (default: application inference profiles)\n"
"                         or principal (the calling IAM role)\n"
"      --accounts-from F  charge lines (curscan output) whose\n"
"                         accounts the wizard offers\n"
"  -y, --yes              write without asking (needs every required\n"
"                         option: --id --program --payer --mpe\n"
"                         --start --end --credit-rate)\n"
"      --wizard           run the wizard even when standard input is\n"
"                         not a terminal\n"
"      --format FMT       list: text (default) or tsv\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Exit status: 0 success, 1 the wizard's confirmation was declined,\n"
"2 usage error, 3 bad input data or a conflicting contract,\n"
"4 system or I/O error. See mapcontract(1).\n";

static void
usage(void)
{
	fputs(usage_text, stdout);
}

static void
reset(struct buf *b)
{
	b->len = 0;
	buf_add(b, "", 0);
}

static void
close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		die(EXIT_SYS, "write error: %s", strerror(errno ? errno : EIO));
}

static char *
fmt_field(const struct contract *c, enum col k)
{
	struct buf b = { 0 };

	contract_format_field(c, contract_columns[k], &b);
	return b.s;
}

/* ---- the contracts file: atomic append (map/contract_file) ---- */

static void
write_contract(const char *path, const struct contract *c)
{
	struct err e = { 0 };
	int rc = contract_file_append(path, c, &e);

	if (rc == -2) {
		report(path, &e);
		die(e.status ? e.status : EXIT_DATA, "%s: fix the file first "
		    "(mapcontract check); nothing written", path);
	}
	if (rc != 0)
		die_err(path, &e);
}

/* ---- new: from flags ---- */

static void
apply_flags(struct contract *c)
{
	struct err e = { 0 };
	size_t k;

	for (k = 0; k < NCOL; k++) {
		const char *v = opt_val[k];

		if (k == C_AUTO)
			v = opt_has_auto ? opt_auto.s : NULL;

		if (v == NULL)
			continue;
		if (contract_set_option(c, contract_columns[k], v, &e) != 0)
			usage_error("%s: %s", colflag[k], e.msg);
	}
}

static int
load_existing(const char *path, struct contracts *cs)
{
	struct err e = { 0 };

	struct stat st;

	memset(cs, 0, sizeof(*cs));
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		die(EXIT_SYS, "%s: %s", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		die(EXIT_SYS, "%s: not a regular file; it cannot be replaced "
		    "atomically", path);
	if (contracts_load(path, cs, &e) != 0) {
		report(path, &e);
		die(e.status ? e.status : EXIT_DATA, "%s: fix the file first "
		    "(mapcontract check); nothing written", path);
	}
	return 0;
}

/* ---- new: the wizard ---- */

static struct seen_accounts seen;	/* --accounts-from */

static int tty_in;		/* standard input is a terminal */
static struct termios tty_saved;
static volatile sig_atomic_t tty_raw;

static void
tty_restore(void)
{
	if (tty_raw) {
		tcsetattr(0, TCSANOW, &tty_saved);
		tty_raw = 0;
	}
}

static void
on_signal(int sig)
{
	if (tty_raw)
		tcsetattr(0, TCSANOW, &tty_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

static _Noreturn void
eof_die(void)
{
	tty_restore();
	fputc('\n', stdout);
	fflush(stdout);
	die(EXIT_USAGE, "standard input ended before the contract was "
	    "complete; nothing written");
}

/* One line from standard input, byte by byte (no stdio buffering, so a
 * terminal can switch modes between answers). 0, or -1 at end. */
static int
read_line(struct buf *b)
{
	char ch;
	ssize_t r;
	int any = 0;

	reset(b);
	for (;;) {
		r = read(0, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die(EXIT_SYS, "standard input: %s", strerror(errno));
		if (r == 0)
			break;
		any = 1;
		if (ch == '\n')
			break;
		buf_addc(b, ch);
	}
	buf_cstr(b);
	if (!any)
		return -1;
	if (b->len && b->s[b->len - 1] == '\r')
		b->s[--b->len] = '\0';
	return 0;
}

static void
trim(struct buf *b)
{
	size_t i = 0, n = b->len;

	buf_cstr(b);
	while (n > 0 && (b->s[n - 1] == ' ' || b->s[n - 1] == '\t'))
		n--;
	while (i < n && (b->s[i] == ' ' || b->s[i] == '\t'))
		i++;
	memmove(b->s, b->s + i, n - i);
	b->len = n - i;
	b->s[b->len] = '\0';
}

/* Drop blanks around the commas of a typed list. */
static void
squeeze_commas(struct buf *b)
{
	size_t r, w = 0;

	for (r = 0; r < b->len; r++) {
		if (b->s[r] == ' ' || b->s[r] == '\t') {
			size_t k = r;

			while (k < b->len &&
			    (b->s[k] == ' ' || b->s[k] == '\t'))
				k++;
			if ((w > 0 && b->s[w - 1] == ',') || (k < b->len &&
			    b->s[k] == ',')) {
				r = k - 1;
				continue;
			}
		}
		b->s[w++] = b->s[r];
	}
	b->len = w;
	buf_add(b, "", 0);
}

static void
prompt(const char *label, const char *def)
{
	if (def != NULL && *def != '\0')
		printf("  %s [%s]: ", label, def);
	else
		printf("  %s: ", label);
	fflush(stdout);
}

/* Ask one question; the answer (trimmed, default when empty) in b. */
static void
ask(const char *label, const char *def, struct buf *b)
{
	prompt(label, def);
	if (read_line(b) < 0)
		eof_die();
	trim(b);
	if (!tty_in) {		/* show scripted answers as typed */
		fputs(b->s, stdout);
		fputc('\n', stdout);
	}
	if (b->len == 0 && def != NULL) {
		buf_adds(b, def);
	}
}

/* Ask with single keystrokes on a terminal: s or a (or Enter) answer at
 * once; anything else starts a line, edited with Backspace and ^U. */
static void
ask_key(const char *label, const char *def, struct buf *b)
{
	struct termios raw;
	unsigned char ch;
	ssize_t r;

	if (!tty_in || tcgetattr(0, &tty_saved) != 0) {
		ask(label, def, b);
		return;
	}
	raw = tty_saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tty_raw = 1;
	if (tcsetattr(0, TCSANOW, &raw) != 0) {
		tty_raw = 0;
		ask(label, def, b);
		return;
	}
	prompt(label, def);
	reset(b);
	for (;;) {
		r = read(0, &ch, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (b->len == 0)
				eof_die();
			break;
		}
		if (ch == '\n' || ch == '\r')
			break;
		if (b->len == 0 && (ch == 's' || ch == 'a' || ch == 'S' ||
		    ch == 'A')) {
			buf_addc(b, ch | 0x20);
			fputc(ch, stdout);
			break;
		}
		if (ch == 0x7f || ch == '\b') {
			if (b->len > 0) {
				b->len--;
				fputs("\b \b", stdout);
			}
		} else if (ch == 0x15) {
			while (b->len > 0) {
				b->len--;
				fputs("\b \b", stdout);
			}
		} else if (ch == 0x04) {
			if (b->len == 0)
				eof_die();
		} else if (ch >= 0x20) {
			buf_addc(b, ch);
			fputc(ch, stdout);
		}
		fflush(stdout);
	}
	fputc('\n', stdout);
	fflush(stdout);
	tty_restore();
	buf_cstr(b);
	trim(b);
	if (b->len == 0 && def != NULL)
		buf_adds(b, def);
}

static void
complain(const char *msg)
{
	printf("  ! %s\n", msg);
}

/* Ask for column k until contract_parse_field accepts it. */
static void
ask_field(struct contract *c, enum col k, const char *label, const char *def)
{
	struct buf b = { 0 };
	struct err e = { 0 };

	for (;;) {
		ask(label, def, &b);
		squeeze_commas(&b);
		if (contract_parse_field(c, contract_columns[k], b.s, &e) == 0)
			break;
		complain(e.msg);
	}
	buf_free(&b);
}

/* "  Label  a, b, c" wrapped at 76 columns under the first item. */
static void
print_wrapped(const char *label, int lw, char *const *v, size_t n)
{
	size_t i;
	int col, ind;

	col = printf("  %-*s ", lw, label);
	ind = col;
	for (i = 0; i < n; i++) {
		int len = (int)strlen(v[i]) + (i + 1 < n ? 1 : 0);

		if (i > 0 && col + 1 + len > 76) {
			printf("\n%*s", ind, "");
			col = ind;
		} else if (i > 0) {
			putchar(' ');
			col++;
		}
		col += printf("%s%s", v[i], i + 1 < n ? "," : "");
	}
	putchar('\n');
}

static void
services_note(const struct contract *c)
{
	print_wrapped("Eligible:", 9, c->services, c->nservices);
	if (contract_ai_evaluation(c))
		printf("  Note: Amazon Bedrock is selected, so AI workload "
		    "evaluation is on: every AI\n  workload in the covered "
		    "accounts is checked for inference profile coverage,\n"
		    "  and Cloud Engineers get Create Profile, Add to Profile "
		    "or Tag Profile tasks.\n");
}

static void
step_basics(struct contract *c, const struct contracts *cs)
{
	struct err e = { 0 };
	struct buf b = { 0 };
	char *def;
	int i;

	printf("\nStep 1 of 4: Basics\n");
	for (;;) {
		def = fmt_field(c, C_ID);
		ask_field(c, C_ID, "Contract id", def);
		free(def);
		if ((i = contracts_find(cs, c->id)) < 0)
			break;
		err_set(&e, EXIT_DATA, 0, "contract id '%s' is already used "
		    "(line %ld)", c->id, cs->v[i].line);
		complain(e.msg);
		free(c->id);
		c->id = NULL;
	}
	def = fmt_field(c, C_PROGRAM);
	ask_field(c, C_PROGRAM, "Program (map = standard, map-ai = AI "
	    "Modernization)", def);
	free(def);
	def = fmt_field(c, C_PAYER);
	ask_field(c, C_PAYER, "Payer account (12 digits)", def);
	free(def);
	def = fmt_field(c, C_MPE);
	ask_field(c, C_MPE, "MPE ID (5 digits, or 10 upper-case letters and "
	    "digits)", def);
	free(def);
	def = fmt_field(c, C_START);
	ask_field(c, C_START, "Start date (YYYY-MM-DD)", def);
	free(def);
	for (;;) {
		char d1[DATE_DAYLEN], d2[DATE_DAYLEN];

		if (c->end == DAY_NONE || c->end < c->start)
			c->end = contract_default_end(c->start);
		def = fmt_field(c, C_END);
		ask_field(c, C_END, "End date (YYYY-MM-DD)", def);
		free(def);
		date_fmt_day(c->start, d1);
		date_fmt_day(c->end, d2);
		if (c->end < c->start)
			buf_printf(&b, "end %s is before start %s", d2, d1);
		else if (c->end > contract_term_limit(c->start))
			buf_printf(&b, "term %s to %s is longer than three "
			    "years", d1, d2);
		else
			break;
		complain(b.s);
		reset(&b);
		c->end = DAY_NONE;
	}
	def = c->rate > 0 ? fmt_field(c, C_RATE) : NULL;
	ask_field(c, C_RATE, "Credit rate (0.25 or 25%)", def);
	free(def);
	def = fmt_field(c, C_PROJECTED);
	ask_field(c, C_PROJECTED, "Projected credit total (empty for none)",
	    def);
	free(def);
	buf_free(&b);
}

/* Part of step 2, only when Bedrock is selected: how AI callers are
 * tagged. */
static void
step_ai_route(struct contract *c)
{
	char *def;

	if (!contract_ai_evaluation(c)) {
		if (c->principal_tagging)
			complain("no Bedrock service is selected, so the AI "
			    "route is the default (profile)");
		c->principal_tagging = 0;
		return;
	}
	printf("  The profile route is the default; principal tags the calling "
	    "IAM role.\n");
	def = fmt_field(c, C_AIROUTE);
	ask_field(c, C_AIROUTE, "AI route (profile or principal)", def);
	free(def);
}

static void
step_services(struct contract *c)
{
	struct buf b = { 0 }, v = { 0 };
	struct err e = { 0 };
	const char *def;
	char *cur = NULL;

	printf("\nStep 2 of 4: Eligible services\n");
	printf("  s  Standard defaults: AmazonEC2, AWSLambda, AmazonEKS, "
	    "AmazonRDS,\n"
	    "     AmazonDynamoDB, AmazonS3\n"
	    "  a  AI Modernization defaults: the Standard set and "
	    "AmazonBedrock,\n"
	    "     AmazonBedrockService, AmazonBedrockFoundationModels, "
	    "AmazonSageMaker\n"
	    "  or type CUR product codes separated by commas\n");
	if (c->nservices == 0)
		def = c->program == PROG_MAP_AI ? "a" : "s";
	else if ((def = contract_services_set(c)) != NULL)
		def = def[0] == 's' ? "s" : "a";	/* its key */
	else
		def = cur = fmt_field(c, C_SERVICES);
	for (;;) {
		ask_key("Services", def, &b);
		squeeze_commas(&b);
		contract_services_value(b.s, 1, &v);
		if (contract_parse_field(c, "services", v.s, &e) != 0) {
			complain(e.msg);
			continue;
		}
		if (c->program == PROG_MAP_AI && !contract_has_ai_service(c)) {
			complain("program map-ai needs an AI service (a "
			    "Bedrock code or AmazonSageMaker): choose a, or "
			    "add one");
			continue;
		}
		break;
	}
	services_note(c);
	step_ai_route(c);
	free(cur);
	buf_free(&b);
	buf_free(&v);
}

static void
step_accounts(struct contract *c)
{
	struct buf b = { 0 }, list = { 0 };
	struct err e = { 0 };
	size_t i, shownn = 0;
	size_t *idx = xcalloc(seen.n + 1, sizeof(*idx));
	char *def;

	printf("\nStep 3 of 4: Accounts in scope\n");
	if (opt_accfrom != NULL) {
		shownn = seen_accounts_of(&seen, c->payer, idx);
		if (shownn == 0)
			printf("  No accounts of payer %s in %s.\n", c->payer,
			    opt_accfrom);
		else {
			printf("  Accounts of payer %s in %s:\n", c->payer,
			    opt_accfrom);
			for (i = 0; i < shownn; i++)
				printf("  %3zu  %s  %s\n", i + 1,
				    seen.v[idx[i]].id, seen.v[idx[i]].name[0] ?
				    seen.v[idx[i]].name : "(no name)");
		}
	}
	printf("  Type 'all' for every linked account of the payer, or a comma "
	    "list of\n  account ids%s.\n", shownn ? " and numbers from the "
	    "list above" : "");
	def = c->naccounts ? fmt_field(c, C_ACCOUNTS) : xstrdup("all");
	for (;;) {
		ask("Accounts", def, &b);
		if (seen_accounts_answer(&seen, idx, shownn, b.s, &list,
		    &e) == 0 &&
		    contract_parse_field(c, "accounts", list.s, &e) == 0)
			break;
		complain(e.msg);
	}
	free(def);
	free(idx);
	buf_free(&b);
	buf_free(&list);
}

static void
step_auto(struct contract *c)
{
	char *def;

	printf("\nStep 4 of 4: Auto-enrollment\n");
	if (c->all_accounts) {
		printf("  Every linked account of the payer is in scope: no "
		    "rules needed.\n");
		contract_parse_field(c, "auto_enroll", "", NULL);
		return;
	}
	printf("  new-accounts   linked accounts first seen after the start "
	    "date join\n"
	    "  name:PATTERN   accounts whose name matches PATTERN join "
	    "(e.g. name:prod-*)\n");
	def = fmt_field(c, C_AUTO);
	ask_field(c, C_AUTO, "Rules, separated by commas, or none",
	    *def ? def : "none");
	free(def);
}

static void
review(const struct contract *c, const char *path)
{
	static const char *const label[NCOL] = { "Id", "Program", "Payer",
		"MPE ID", "Start", "End", "Credit rate", "Projected",
		"Accounts", "Services", "Auto-enroll", "Exclusions",
		"AI route" };
	struct buf b = { 0 };
	size_t k;
	char *v, tag[64];

	printf("\nReview: the contract to add to %s\n", path);
	for (k = 0; k < NCOL; k++) {
		v = fmt_field(c, (enum col)k);
		if (k == C_SERVICES)
			print_wrapped(label[k], 12, c->services, c->nservices);
		else if (k == C_ACCOUNTS && !c->all_accounts)
			print_wrapped(label[k], 12, c->accounts, c->naccounts);
		else if (k == C_RATE) {
			contract_show_field(c, contract_columns[k], &b);
			printf("  %-12s %s\n", label[k], b.s);
		} else if (k == C_AIROUTE && *v == '\0')
			;	/* asked only when Bedrock is eligible */
		else if (k == C_AIROUTE)
			printf("  %-12s %s (%s)\n", label[k], v,
			    c->principal_tagging ? "the calling IAM role may "
			    "carry the tag" : "application inference "
			    "profiles carry the tag");
		else
			printf("  %-12s %s\n", label[k], *v ? v : k == C_AUTO ?
			    "none" : "-");
		free(v);
	}
	map_tag_expected(c->mpe, tag, sizeof(tag));
	printf("  %-12s %s (resources%s)\n", "MAP tag", tag,
	    !contract_ai_evaluation(c) ? "" : c->principal_tagging ?
	    ", inference profiles, IAM roles" :
	    " and inference profiles");
	printf("  %-12s %s\n", "AI workloads", contract_ai_evaluation(c) ?
	    "evaluated (Bedrock is eligible)" : "not evaluated");
	buf_free(&b);
}

static int
wizard(struct contract *c, const char *path)
{
	struct contracts cs;
	struct err e = { 0 };
	struct buf b = { 0 };
	int rc;

	load_existing(path, &cs);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	printf("Create a MAP contract in %s\n", path);
	for (;;) {
		step_basics(c, &cs);
		step_services(c);
		step_accounts(c);
		step_auto(c);
		if (contract_validate(c, &e) != 0 ||
		    contract_check_against(&cs, c, &e) != 0) {
			printf("\n");
			complain(e.msg);
			printf("  Let's go through the steps again; Enter "
			    "keeps an answer.\n");
			continue;
		}
		review(c, path);
		if (opt_yes) {
			buf_adds(&b, "y");
			buf_cstr(&b);
		}
		while (!opt_yes) {
			ask("Write it? (y = write, e = edit, n = quit)", NULL,
			    &b);
			if (strcmp(b.s, "y") == 0 || strcmp(b.s, "yes") == 0 ||
			    strcmp(b.s, "n") == 0 || strcmp(b.s, "no") == 0 ||
			    strcmp(b.s, "e") == 0 || strcmp(b.s, "edit") == 0)
				break;
			complain("answer y, e or n");
		}
		if (b.s[0] != 'e')
			break;
	}
	if (b.s[0] == 'n') {
		printf("Nothing written.\n");
		rc = EXIT_CHECK;
	} else {
		write_contract(path, c);
		printf("Contract '%s' added to %s.\n", c->id, path);
		rc = EXIT_OKAY;
	}
	contracts_free(&cs);
	buf_free(&b);
	return rc;
}

static int
cmd_new(void)
{
	struct contract c;
	struct err e = { 0 };
	int run_wizard;
	size_t k;
	int rc;

	if (strcmp(opt_file, "-") == 0)
		usage_error("new needs a file, not standard input");
	contract_init(&c);
	apply_flags(&c);
	tty_in = isatty(0);
	run_wizard = opt_wizard || (!opt_yes && tty_in);
	if (opt_accfrom && seen_accounts_load(opt_accfrom, &seen, &e) != 0)
		die_err(opt_accfrom, &e);
	if (run_wizard) {
		rc = wizard(&c, opt_file);
		contract_free(&c);
		seen_accounts_free(&seen);
		return rc;
	}
	for (k = 0; k <= C_RATE; k++)
		if (opt_val[k] == NULL)
			usage_error("missing %s (needed without the wizard)",
			    colflag[k]);
	contract_set_defaults(&c, opt_val[C_ACCOUNTS] != NULL,
	    opt_val[C_SERVICES] != NULL);
	if (contract_validate(&c, &e) != 0)
		usage_error("%s", e.msg);
	if (!opt_yes)
		usage_error("standard input is not a terminal: give --yes to "
		    "write from the options, or --wizard to answer the "
		    "questions from standard input");
	write_contract(opt_file, &c);
	contract_free(&c);
	return EXIT_OKAY;
}

/* ---- list, check ---- */

static void
cell_out(const char *s, int w, int last)
{
	if (last)
		printf("%s\n", s);
	else
		printf("%-*s  ", w, s);
}

static int
cmd_list(void)
{
	struct contracts cs;
	struct err e = { 0 };
	size_t i, k, w[NCOL];
	static const char *const head[NCOL] = { "ID", "PROGRAM", "PAYER", "MPE",
		"START", "END", "RATE", "PROJECTED", "ACCOUNTS", "SERVICES",
		"AUTO-ENROLL", "EXCLUSIONS", "AI-ROUTE" };
	char ***cell;
	struct buf b = { 0 };

	if (contracts_load(opt_file, &cs, &e) != 0)
		die_err(opt_file, &e);
	if (opt_tsv) {
		contract_join(&b, contract_columns, "\t");
		printf("%s\n", b.s);
		for (i = 0; i < cs.n; i++) {
			for (k = 0; k < NCOL; k++) {
				char *v = fmt_field(&cs.v[i], (enum col)k);

				reset(&b);
				tsv_escape(&b, v, strlen(v));
				printf("%s%s", k ? "\t" : "", buf_cstr(&b));
				free(v);
			}
			putchar('\n');
		}
		goto out;
	}
	cell = xcalloc(cs.n + 1, sizeof(*cell));
	for (k = 0; k < NCOL; k++)
		w[k] = strlen(head[k]);
	for (i = 0; i < cs.n; i++) {
		const struct contract *c = &cs.v[i];

		cell[i] = xcalloc(NCOL, sizeof(char *));
		for (k = 0; k < NCOL; k++) {
			contract_show_field(c, contract_columns[k], &b);
			cell[i][k] = xstrdup(b.s);
			if (b.len > w[k])
				w[k] = b.len;
		}
	}
	for (k = 0; k < NCOL; k++)
		cell_out(head[k], (int)w[k], k + 1 == NCOL);
	for (i = 0; i < cs.n; i++) {
		for (k = 0; k < NCOL; k++) {
			cell_out(cell[i][k], (int)w[k], k + 1 == NCOL);
			free(cell[i][k]);
		}
		free(cell[i]);
	}
	free(cell);
out:
	buf_free(&b);
	contracts_free(&cs);
	close_stdout();
	return EXIT_OKAY;
}

static void
problem(void *arg, const struct err *e)
{
	report(arg, e);
}

static void
enroll_warning(void *arg, const struct enroll_overlap *v)
{
	const char *path = strcmp(arg, "-") == 0 ? "<stdin>" : arg;

	fprintf(stderr, "%s: %s:%ld: warning: contract %s: auto_enroll %s%s "
	    "could take account %s, which contract %s (line %ld) lists: "
	    "it stays with %s\n", progname, path,
	    v->rule_of->line, v->rule_of->id, v->glob ? "name:" : "",
	    v->glob ? v->glob : "new-accounts", v->account, v->lister->id,
	    v->lister->line, v->lister->id);
}

static int
cmd_check(void)
{
	struct contracts cs;
	struct accounts as = { 0 };
	struct err e = { 0 };
	int n;

	if (opt_accounts && accounts_load(opt_accounts, &as, &e) != 0)
		die_err(opt_accounts, &e);
	n = contracts_load_all(opt_file, &cs, problem, (void *)opt_file, &e);
	if (n < 0)
		die_err(opt_file, &e);
	if (n == 0)
		contracts_enroll_overlaps(&cs, &as, enroll_warning,
		    (void *)opt_file);
	contracts_free(&cs);
	accounts_free(&as);
	return n > 0 ? EXIT_DATA : EXIT_OKAY;
}

/* The JSON of aws organizations list-accounts as an accounts file. */
static int
cmd_accounts(const char *json)
{
	struct accounts as;
	struct err e = { 0 };
	struct out o;

	if (accounts_load_organizations(json, &as, &e) != 0)
		die_err(json, &e);
	out_init(&o, 1);
	accounts_write(&as, &o);
	if (out_close(&o) != 0)
		die(EXIT_SYS, "write error: %s", strerror(o.err));
	accounts_free(&as);
	return EXIT_OKAY;
}

static int
cmd_check_workloads(void)
{
	struct workloads ws;
	struct err e = { 0 };
	int n = workloads_load_all(opt_workloads, &ws, problem,
	    (void *)opt_workloads, &e);

	if (n < 0)
		die_err(opt_workloads, &e);
	workloads_free(&ws);
	return n > 0 ? EXIT_DATA : EXIT_OKAY;
}

/* ---- main ---- */

/* Does option ch apply to command c? */
static int
applies(enum cmd c, int ch)
{
	switch (c) {
	case CMD_NEW:
		return ch == 'f' || ch == 'y' || ch == OPT_WIZARD ||
		    (ch >= OPT_ID && ch <= OPT_ACCFROM);
	case CMD_LIST:
		return ch == 'f' || ch == OPT_FORMAT;
	case CMD_CHECK:
		return ch == 'f' || ch == OPT_ACCTS;
	case CMD_ACCOUNTS:
		return 0;
	default:
		return ch == 'w';
	}
}

/* The command (argv[1]); -h and -V there are handled here. */
static enum cmd
parse_command(int argc, char **argv)
{
	const char *cmd;
	int i;

	if (argc < 2)
		usage_error("missing command " CMDLIST);
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		usage();
		close_stdout();
		exit(EXIT_OKAY);
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		print_version();
		close_stdout();
		exit(EXIT_OKAY);
	}
	for (i = 0; i < NCMD; i++)
		if (strcmp(cmd, cmdname[i]) == 0)
			return (enum cmd)i;
	if (cmd[0] == '-')
		usage_error("missing command before '%s' " CMDLIST, cmd);
	usage_error("unknown command '%s' " CMDLIST, cmd);
}

/* One option of the command (applies() has checked it). */
static void
set_option(int ch, char *arg)
{
	switch (ch) {
	case 'f':
		opt_file = arg;
		break;
	case 'w':
		opt_workloads = arg;
		break;
	case 'y':
		opt_yes = 1;
		break;
	case OPT_AUTO:
		if (*arg == '\0' || strchr(arg, ','))
			usage_error("--auto-enroll: give one rule at a time "
			    "(new-accounts or name:PATTERN), not '%s'", arg);
		if (opt_has_auto)
			buf_addc(&opt_auto, ',');
		buf_adds(&opt_auto, arg);
		opt_has_auto = 1;
		break;
	case OPT_ACCFROM:
		opt_accfrom = arg;
		break;
	case OPT_ACCTS:
		opt_accounts = arg;
		break;
	case OPT_WIZARD:
		opt_wizard = 1;
		break;
	case OPT_FORMAT:
		if (strcmp(arg, "tsv") == 0)
			opt_tsv = 1;
		else if (strcmp(arg, "text") == 0)
			opt_tsv = 0;
		else
			usage_error("--format: text or tsv, not '%s'", arg);
		break;
	default:	/* a contract field */
		opt_val[ch - OPT_ID] = arg;
		break;
	}
}

/* The options after the command; argv[0] is the command. */
static void
parse_options(enum cmd which, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "workloads", required_argument, NULL, 'w' },
		{ "id", required_argument, NULL, OPT_ID },
		{ "program", required_argument, NULL, OPT_PROGRAM },
		{ "payer", required_argument, NULL, OPT_PAYER },
		{ "mpe", required_argument, NULL, OPT_MPE },
		{ "start", required_argument, NULL, OPT_START },
		{ "end", required_argument, NULL, OPT_END },
		{ "credit-rate", required_argument, NULL, OPT_RATE },
		{ "projected", required_argument, NULL, OPT_PROJECTED },
		{ "accounts", required_argument, NULL, OPT_ACCOUNTS },
		{ "services", required_argument, NULL, OPT_SERVICES },
		{ "auto-enroll", required_argument, NULL, OPT_AUTO },
		{ "exclusions", required_argument, NULL, OPT_EXCL },
		{ "ai-route", required_argument, NULL, OPT_AIROUTE },
		{ "accounts-from", required_argument, NULL, OPT_ACCFROM },
		{ "accounts-file", required_argument, NULL, OPT_ACCTS },
		{ "yes", no_argument, NULL, 'y' },
		{ "wizard", no_argument, NULL, OPT_WIZARD },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, li;

	for (;;) {
		li = -1;
		ch = getopt_long(argc, argv, "f:w:yhV", longopts, &li);
		if (ch == -1)
			break;
		if (ch == 'h' || ch == 'V') {
			if (ch == 'h')
				usage();
			else
				print_version();
			close_stdout();
			exit(EXIT_OKAY);
		}
		if (ch == '?' || ch == ':') {
			fprintf(stderr, "Try '%s --help' for more "
			    "information.\n", progname);
			exit(EXIT_USAGE);
		}
		if (!applies(which, ch)) {
			if (li >= 0)
				usage_error("option '--%s' does not apply to "
				    "'%s'", longopts[li].name, cmdname[which]);
			usage_error("option '-%c' does not apply to '%s'", ch,
			    cmdname[which]);
		}
		set_option(ch, optarg);
	}
	if (which == CMD_ACCOUNTS && optind < argc)
		opt_json = argv[optind++];
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
}

int
main(int argc, char **argv)
{
	enum cmd which;

	prog_init("mapcontract");
	which = parse_command(argc, argv);
	/* parse the rest, with getopt's messages under our name */
	argv[1] = (char *)progname;
	parse_options(which, argc - 1, argv + 1);
	if (which == CMD_ACCOUNTS)
		return cmd_accounts(opt_json);
	if (which == CMD_CHECKW) {
		if (opt_workloads == NULL)
			usage_error("missing --workloads FILE");
		return cmd_check_workloads();
	}
	if (opt_file == NULL)
		usage_error("missing --file FILE");
	switch (which) {
	case CMD_NEW:
		return cmd_new();
	case CMD_LIST:
		return cmd_list();
	case CMD_CHECK:
		return cmd_check();
	default:
		break;
	}
	return EXIT_OKAY;
}
