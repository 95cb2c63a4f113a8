/* contract.c: the contracts file, contract checks, MAP tag values. */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "map/contract.h"
#include "map/vocab.h"
#include "core/date.h"
#include "core/tsv.h"

const char *const services_standard[] = { "AmazonEC2", "AWSLambda",
	"AmazonEKS", "AmazonRDS", "AmazonDynamoDB", "AmazonS3", NULL };
const char *const services_ai[] = { "AmazonEC2", "AWSLambda", "AmazonEKS",
	"AmazonRDS", "AmazonDynamoDB", "AmazonS3", "AmazonBedrock",
	"AmazonBedrockService", "AmazonBedrockFoundationModels",
	"AmazonSageMaker", NULL };

const char *const contract_columns[] = { "id", "program", "payer", "mpe",
	"start", "end", "credit_rate", "projected", "accounts", "services",
	"auto_enroll", "exclusions", "ai_route", NULL };

/* Columns a header may leave out. */
static const char *const optional_columns[] = { "projected", "auto_enroll",
	"exclusions", "ai_route" };

/* AWS product codes without an Amazon/AWS prefix (not marketplace). */
static const char *const aws_unprefixed[] = { "ElasticMapReduce",
	"datapipeline", "comprehend", "translate", "transcribe", "CodeBuild",
	"OCBPremiumSupport" };

static const struct {
	const char *name;
	unsigned bit;
} exclnames[] = {
	{ "data-transfer", EXCL_DATA_TRANSFER },
	{ "marketplace", EXCL_MARKETPLACE },
	{ "eks-fargate", EXCL_EKS_FARGATE },
	{ "glacier-deep-archive", EXCL_GLACIER_DEEP_ARCHIVE },
};

/* MAP tag value prefixes, longest first. */
static const char *const tagprefixes[] = { "comm_ec2_", "mig_ec2_",
	"oracle", "comm", "mig", "sap" };

#define ID_MAX 64

/* ---- small helpers ---- */

static int
digits(const char *s, size_t n)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
account_valid(const char *s)
{
	return digits(s, 12);
}

static int
id_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > ID_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int
code_valid(const char *s)
{
	return id_valid(s);
}

static int
glob_valid(const char *s)
{
	return *s != '\0' && strpbrk(s, ",\t\n\r") == NULL;
}

/* Shown value: at most 40 bytes. */
static const char *
shown(const char *s, char out[48])
{
	size_t n = strlen(s);

	if (n <= 40)
		return s;
	memcpy(out, s, 40);
	memcpy(out + 40, "...", 4);
	return out;
}

/* Split a comma list into trimmed-free items (empty items are kept so
 * the caller can complain about them). */
static char **
split_commas(const char *s, size_t *np)
{
	char **v = NULL;
	size_t n = 0;
	const char *p = s, *c;

	for (;;) {
		c = strchr(p, ',');
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = xstrndup(p, c ? (size_t)(c - p) : strlen(p));
		if (c == NULL)
			break;
		p = c + 1;
	}
	*np = n;
	return v;
}

static int
in_set(const char *s, const char *const *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(s, set[i]) == 0)
			return 1;
	return 0;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sort_accounts(struct contract *c)
{
	size_t i;

	free(c->sorted_accounts);
	c->sorted_accounts = NULL;
	if (c->naccounts == 0)
		return;
	c->sorted_accounts = xcalloc(c->naccounts, sizeof(char *));
	for (i = 0; i < c->naccounts; i++)
		c->sorted_accounts[i] = c->accounts[i];
	qsort(c->sorted_accounts, c->naccounts, sizeof(char *), cmpstr);
}

static void
fmt_day(long day, char out[DATE_DAYLEN])
{
	date_fmt_day(day, out);
}

/* ---- public small functions ---- */

const char *
program_name(enum program p)
{
	return p == PROG_MAP_AI ? "map-ai" : "map";
}

int
service_is_bedrock(const char *s)
{
	return s != NULL && is_bedrock_code(s, strlen(s));
}

int
contract_ai_evaluation(const struct contract *c)
{
	size_t i;

	for (i = 0; i < c->nservices; i++)
		if (service_is_bedrock(c->services[i]))
			return 1;
	return 0;
}

int
contract_active(const struct contract *c, long day)
{
	return day >= c->start && day <= c->end;
}

int
mpe_valid(const char *s)
{
	size_t i, n;
	int letter = 0;

	if (s == NULL)
		return 0;
	n = strlen(s);
	if (n == 5)
		return digits(s, 5);
	if (n != 10)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letter = 1;
		else if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return letter;
}

enum tagcheck
map_tag_check(const char *value, const char *mpe)
{
	size_t i, pl;
	int other = 0;

	if (value == NULL || *value == '\0')
		return TAG_MISSING;
	for (i = 0; i < NELEM(tagprefixes); i++) {
		pl = strlen(tagprefixes[i]);
		if (strncmp(value, tagprefixes[i], pl) != 0)
			continue;
		if (mpe != NULL && *mpe != '\0' && strcmp(value + pl, mpe) == 0)
			return TAG_OK;
		if (mpe_valid(value + pl))
			other = 1;
	}
	return other ? TAG_OTHER_MPE : TAG_MALFORMED;
}

void
map_tag_expected(const char *mpe, char *out, size_t outsz)
{
	if (outsz == 0)
		return;
	if ((size_t)snprintf(out, outsz, "mig%s", mpe) >= outsz)
		out[outsz - 1] = '\0';
}

int
contract_has_account(const struct contract *c, const char *account)
{
	size_t i;

	if (c->all_accounts)
		return 1;
	if (account == NULL)
		return 0;
	if (c->sorted_accounts != NULL) {
		const char *k = account;

		return bsearch(&k, c->sorted_accounts, c->naccounts,
		    sizeof(char *), cmpstr) != NULL;
	}
	for (i = 0; i < c->naccounts; i++)
		if (strcmp(c->accounts[i], account) == 0)
			return 1;
	return 0;
}

int
contract_auto_enrolls(const struct contract *c, const char *account_name,
    long first_seen_day)
{
	size_t i;

	if (c->auto_new && first_seen_day > c->start)
		return 1;
	if (account_name == NULL || *account_name == '\0')
		return 0;
	for (i = 0; i < c->nglobs; i++)
		if (fnmatch(c->name_globs[i], account_name, 0) == 0)
			return 1;
	return 0;
}

int
contract_has_service(const struct contract *c, const char *service)
{
	size_t i;

	if (service == NULL)
		return 0;
	for (i = 0; i < c->nservices; i++)
		if (strcmp(c->services[i], service) == 0)
			return 1;
	return 0;
}

static int
has_prefix_ci(const char *s, const char *p)
{
	for (; *p; s++, p++) {
		char a = *s, b = *p;

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return 0;
	}
	return 1;
}

static int
is_marketplace(const char *service)
{
	if (*service == '\0')
		return 0;
	if (has_prefix_ci(service, "Amazon") || has_prefix_ci(service, "AWS"))
		return 0;
	return !in_set(service, aws_unprefixed, NELEM(aws_unprefixed));
}

const char *
contract_excluded(const struct contract *c, const char *service,
    const char *usage_type)
{
	unsigned x = c->excl;

	if (service == NULL)
		service = "";
	if (usage_type == NULL)
		usage_type = "";
	if ((x & EXCL_DATA_TRANSFER) &&
	    (strcmp(service, "AWSDataTransfer") == 0 ||
	    strstr(usage_type, "DataTransfer") != NULL ||
	    strstr(usage_type, "-AWS-Out-") != NULL ||
	    strstr(usage_type, "-AWS-In-") != NULL))
		return "data-transfer";
	if ((x & EXCL_EKS_FARGATE) && strcmp(service, "AmazonEKS") == 0 &&
	    strstr(usage_type, "Fargate") != NULL)
		return "eks-fargate";
	if ((x & EXCL_GLACIER_DEEP_ARCHIVE) &&
	    strcmp(service, "AmazonS3") == 0 &&
	    (strstr(usage_type, "DeepArchive") != NULL ||
	    strstr(usage_type, "-GDA") != NULL))
		return "glacier-deep-archive";
	if ((x & EXCL_MARKETPLACE) && is_marketplace(service))
		return "marketplace";
	return NULL;
}

/* ---- one contract ---- */

void
contract_init(struct contract *c)
{
	memset(c, 0, sizeof(*c));
	c->program = PROG_MAP;
	c->start = c->end = DAY_NONE;
	c->excl = EXCL_DEFAULT;
}

void
contract_free(struct contract *c)
{
	free(c->id);
	free(c->payer);
	free(c->mpe);
	strv_free(c->accounts, c->naccounts);
	strv_free(c->services, c->nservices);
	strv_free(c->name_globs, c->nglobs);
	free(c->sorted_accounts);
	c->id = c->payer = c->mpe = NULL;
	c->accounts = c->services = c->name_globs = NULL;
	c->sorted_accounts = NULL;
	c->naccounts = c->nservices = c->nglobs = 0;
}

static int
parse_rate(const char *v, money_t *out, struct err *e)
{
	size_t n = strlen(v);
	int pct = n > 0 && v[n - 1] == '%';
	money_t r;
	char sb[48];

	if (money_parse(v, pct ? n - 1 : n, &r) != 0) {
		err_set(e, EXIT_DATA, 0, "bad credit rate '%s' (want a share "
		    "such as 0.25 or a percentage such as 25%%)", shown(v, sb));
		return -1;
	}
	if (pct)
		r = money_div(r, 100 * MONEY_ONE);
	if (r <= 0) {
		err_set(e, EXIT_DATA, 0, "credit rate '%s' is not above 0",
		    shown(v, sb));
		return -1;
	}
	if (r > MONEY_ONE) {
		err_set(e, EXIT_DATA, 0, "credit rate '%s' is above 100%% "
		    "(write 0.25 or 25%% for a quarter)", shown(v, sb));
		return -1;
	}
	*out = r;
	return 0;
}

static int
parse_accounts(struct contract *c, const char *v, struct err *e)
{
	char **v2;
	size_t n, i, k;
	char sb[48];

	if (strcmp(v, "all") == 0) {
		strv_free(c->accounts, c->naccounts);
		c->accounts = NULL;
		c->naccounts = 0;
		c->all_accounts = 1;
		sort_accounts(c);
		return 0;
	}
	if (*v == '\0') {
		err_set(e, EXIT_DATA, 0, "no accounts (write 'all' or a comma "
		    "list of 12-digit account ids)");
		return -1;
	}
	v2 = split_commas(v, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(v2[i], "all") == 0) {
			err_set(e, EXIT_DATA, 0, "'all' cannot be part of a "
			    "list of accounts");
			goto bad;
		}
		if (!account_valid(v2[i])) {
			err_set(e, EXIT_DATA, 0, "bad account id '%s' (want 12 "
			    "digits)", shown(v2[i], sb));
			goto bad;
		}
		for (k = 0; k < i; k++)
			if (strcmp(v2[k], v2[i]) == 0) {
				err_set(e, EXIT_DATA, 0, "account %s is listed "
				    "twice", v2[i]);
				goto bad;
			}
	}
	strv_free(c->accounts, c->naccounts);
	c->accounts = v2;
	c->naccounts = n;
	c->all_accounts = 0;
	sort_accounts(c);
	return 0;
bad:
	strv_free(v2, n);
	return -1;
}

static int
parse_services(struct contract *c, const char *v, struct err *e)
{
	char **v2;
	size_t n, i, k;
	char sb[48];

	if (*v == '\0') {
		err_set(e, EXIT_DATA, 0, "no eligible services (a comma list "
		    "of CUR product codes)");
		return -1;
	}
	v2 = split_commas(v, &n);
	for (i = 0; i < n; i++) {
		if (!code_valid(v2[i])) {
			err_set(e, EXIT_DATA, 0, "bad product code '%s' "
			    "(letters, digits, '.', '_' and '-')",
			    shown(v2[i], sb));
			goto bad;
		}
		for (k = 0; k < i; k++)
			if (strcmp(v2[k], v2[i]) == 0) {
				err_set(e, EXIT_DATA, 0, "service %s is listed "
				    "twice", v2[i]);
				goto bad;
			}
	}
	strv_free(c->services, c->nservices);
	c->services = v2;
	c->nservices = n;
	return 0;
bad:
	strv_free(v2, n);
	return -1;
}

static int
parse_auto(struct contract *c, const char *v, struct err *e)
{
	char **v2 = NULL, **globs = NULL;
	size_t n = 0, i, k, ng = 0;
	int anew = 0;
	char sb[48];

	if (*v != '\0' && strcmp(v, "none") != 0)
		v2 = split_commas(v, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(v2[i], "new-accounts") == 0) {
			if (anew) {
				err_set(e, EXIT_DATA, 0, "rule new-accounts is "
				    "listed twice");
				goto bad;
			}
			anew = 1;
		} else if (strncmp(v2[i], "name:", 5) == 0) {
			if (!glob_valid(v2[i] + 5)) {
				err_set(e, EXIT_DATA, 0, "empty pattern in "
				    "rule 'name:'");
				goto bad;
			}
			for (k = 0; k < ng; k++)
				if (strcmp(globs[k], v2[i] + 5) == 0) {
					err_set(e, EXIT_DATA, 0, "rule '%s' is "
					    "listed twice", shown(v2[i], sb));
					goto bad;
				}
			globs = xrealloc(globs, (ng + 1) * sizeof(*globs));
			globs[ng++] = xstrdup(v2[i] + 5);
		} else {
			err_set(e, EXIT_DATA, 0, "unknown auto-enrollment rule "
			    "'%s' (new-accounts or name:PATTERN)",
			    shown(v2[i], sb));
			goto bad;
		}
	}
	strv_free(v2, n);
	strv_free(c->name_globs, c->nglobs);
	c->name_globs = globs;
	c->nglobs = ng;
	c->auto_new = anew;
	return 0;
bad:
	strv_free(v2, n);
	strv_free(globs, ng);
	return -1;
}

static int
parse_excl(struct contract *c, const char *v, struct err *e)
{
	char **v2;
	size_t n, i, k;
	unsigned x = 0;
	char sb[48];

	if (strcmp(v, "default") == 0) {
		c->excl = EXCL_DEFAULT;
		return 0;
	}
	if (strcmp(v, "none") == 0) {
		c->excl = 0;
		return 0;
	}
	if (*v == '\0') {
		err_set(e, EXIT_DATA, 0, "no exclusions given (write default, "
		    "none, or a comma list)");
		return -1;
	}
	v2 = split_commas(v, &n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < NELEM(exclnames); k++)
			if (strcmp(v2[i], exclnames[k].name) == 0)
				break;
		if (k == NELEM(exclnames)) {
			err_set(e, EXIT_DATA, 0, "unknown exclusion '%s' "
			    "(data-transfer, marketplace, eks-fargate, "
			    "glacier-deep-archive; or default, none)",
			    shown(v2[i], sb));
			strv_free(v2, n);
			return -1;
		}
		if (x & exclnames[k].bit) {
			err_set(e, EXIT_DATA, 0, "exclusion %s is listed twice",
			    exclnames[k].name);
			strv_free(v2, n);
			return -1;
		}
		x |= exclnames[k].bit;
	}
	strv_free(v2, n);
	c->excl = x;
	return 0;
}

int
contract_parse_field(struct contract *c, const char *col, const char *v,
    struct err *e)
{
	char sb[48];
	long day;
	money_t m;

	if (strcmp(col, "id") == 0) {
		if (!id_valid(v)) {
			if (*v == '\0')
				err_set(e, EXIT_DATA, 0, "empty contract id");
			else
				err_set(e, EXIT_DATA, 0, "bad contract id '%s' "
				    "(1 to %d letters, digits, '.', '_', '-')",
				    shown(v, sb), ID_MAX);
			return -1;
		}
		free(c->id);
		c->id = xstrdup(v);
	} else if (strcmp(col, "program") == 0) {
		if (strcmp(v, "map") == 0)
			c->program = PROG_MAP;
		else if (strcmp(v, "map-ai") == 0)
			c->program = PROG_MAP_AI;
		else {
			err_set(e, EXIT_DATA, 0, "unknown program '%s' (map or "
			    "map-ai)", shown(v, sb));
			return -1;
		}
	} else if (strcmp(col, "payer") == 0) {
		if (!account_valid(v)) {
			err_set(e, EXIT_DATA, 0, "bad payer account '%s' (want "
			    "12 digits)", shown(v, sb));
			return -1;
		}
		free(c->payer);
		c->payer = xstrdup(v);
	} else if (strcmp(col, "mpe") == 0) {
		if (!mpe_valid(v)) {
			err_set(e, EXIT_DATA, 0, "bad MPE ID '%s' (want 5 "
			    "digits, or 10 upper-case letters and digits)",
			    shown(v, sb));
			return -1;
		}
		free(c->mpe);
		c->mpe = xstrdup(v);
	} else if (strcmp(col, "start") == 0 || strcmp(col, "end") == 0) {
		if (date_parse_day(v, strlen(v), &day) != 0) {
			err_set(e, EXIT_DATA, 0, "bad date '%s' (want "
			    "YYYY-MM-DD)", shown(v, sb));
			return -1;
		}
		if (col[0] == 's')
			c->start = day;
		else
			c->end = day;
	} else if (strcmp(col, "credit_rate") == 0) {
		if (parse_rate(v, &m, e) != 0)
			return -1;
		c->rate = m;
	} else if (strcmp(col, "projected") == 0) {
		if (*v == '\0') {
			c->has_projected = 0;
			c->projected = 0;
			return 0;
		}
		if (money_parse(v, strlen(v), &m) != 0) {
			err_set(e, EXIT_DATA, 0, "bad amount '%s'",
			    shown(v, sb));
			return -1;
		}
		if (m < 0) {
			err_set(e, EXIT_DATA, 0, "negative amount '%s'",
			    shown(v, sb));
			return -1;
		}
		c->projected = m;
		c->has_projected = 1;
	} else if (strcmp(col, "accounts") == 0) {
		return parse_accounts(c, v, e);
	} else if (strcmp(col, "services") == 0) {
		return parse_services(c, v, e);
	} else if (strcmp(col, "auto_enroll") == 0) {
		return parse_auto(c, v, e);
	} else if (strcmp(col, "exclusions") == 0) {
		return parse_excl(c, v, e);
	} else if (strcmp(col, "ai_route") == 0) {
		if (*v == '\0' || strcmp(v, "profile") == 0)
			c->principal_tagging = 0;
		else if (strcmp(v, "principal") == 0)
			c->principal_tagging = 1;
		else {
			err_set(e, EXIT_DATA, 0, "unknown AI route '%s' (profile "
			    "or principal)", shown(v, sb));
			return -1;
		}
	} else {
		err_set(e, EXIT_DATA, 0, "unknown column '%s'", shown(col, sb));
		return -1;
	}
	return 0;
}

static void
add_list(struct buf *b, char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_addc(b, ',');
		buf_adds(b, v[i]);
	}
}

void
contract_format_field(const struct contract *c, const char *col,
    struct buf *b)
{
	char m[MONEY_BUFSZ], d[DATE_DAYLEN];
	size_t i;
	int first = 1;

	if (strcmp(col, "id") == 0)
		buf_adds(b, c->id ? c->id : "");
	else if (strcmp(col, "program") == 0)
		buf_adds(b, program_name(c->program));
	else if (strcmp(col, "payer") == 0)
		buf_adds(b, c->payer ? c->payer : "");
	else if (strcmp(col, "mpe") == 0)
		buf_adds(b, c->mpe ? c->mpe : "");
	else if (strcmp(col, "start") == 0 || strcmp(col, "end") == 0) {
		long day = col[0] == 's' ? c->start : c->end;

		if (day != DAY_NONE) {
			fmt_day(day, d);
			buf_adds(b, d);
		}
	} else if (strcmp(col, "credit_rate") == 0) {
		money_fmt(c->rate, m, 0);
		buf_adds(b, m);
	} else if (strcmp(col, "projected") == 0) {
		if (c->has_projected) {
			money_fmt(c->projected, m, 2);
			buf_adds(b, m);
		}
	} else if (strcmp(col, "accounts") == 0) {
		if (c->all_accounts)
			buf_adds(b, "all");
		else
			add_list(b, c->accounts, c->naccounts);
	} else if (strcmp(col, "services") == 0) {
		add_list(b, c->services, c->nservices);
	} else if (strcmp(col, "auto_enroll") == 0) {
		if (c->auto_new) {
			buf_adds(b, "new-accounts");
			first = 0;
		}
		for (i = 0; i < c->nglobs; i++) {
			if (!first)
				buf_addc(b, ',');
			buf_adds(b, "name:");
			buf_adds(b, c->name_globs[i]);
			first = 0;
		}
	} else if (strcmp(col, "exclusions") == 0) {
		if (c->excl == EXCL_DEFAULT)
			buf_adds(b, "default");
		else if (c->excl == 0)
			buf_adds(b, "none");
		else
			for (i = 0; i < NELEM(exclnames); i++)
				if (c->excl & exclnames[i].bit) {
					if (!first)
						buf_addc(b, ',');
					buf_adds(b, exclnames[i].name);
					first = 0;
				}
	} else if (strcmp(col, "ai_route") == 0) {
		/* says something only where there are Bedrock callers */
		if (c->principal_tagging)
			buf_adds(b, "principal");
		else if (contract_ai_evaluation(c))
			buf_adds(b, "profile");
	}
	buf_add(b, "", 0);	/* NUL-terminated even when nothing added */
}

/* The last day a term starting on start may end on: three years later,
 * same month and day (one day more than three full years). */
static long
term_limit(long start)
{
	int y, m, d;

	date_to_civil(start, &y, &m, &d);
	if (m == 2 && d == 29)
		return date_from_civil(y + 3, 3, 1);
	return date_from_civil(y + 3, m, d);
}

int
contract_validate(const struct contract *c, struct err *e)
{
	char d1[DATE_DAYLEN], d2[DATE_DAYLEN], sb[48];
	size_t i, k;
	int ai = 0;

#define BAD(...) do { err_set(e, EXIT_DATA, c->line, __VA_ARGS__); \
	return -1; } while (0)
	if (c->id == NULL || !id_valid(c->id))
		BAD("bad or missing contract id");
	if (c->program != PROG_MAP && c->program != PROG_MAP_AI)
		BAD("contract '%s': unknown program", c->id);
	if (c->payer == NULL || !account_valid(c->payer))
		BAD("contract '%s': bad or missing payer account", c->id);
	if (c->mpe == NULL || !mpe_valid(c->mpe))
		BAD("contract '%s': bad or missing MPE ID", c->id);
	if (c->start == DAY_NONE || c->end == DAY_NONE)
		BAD("contract '%s': missing %s date", c->id,
		    c->start == DAY_NONE ? "start" : "end");
	fmt_day(c->start, d1);
	fmt_day(c->end, d2);
	if (c->end < c->start)
		BAD("contract '%s': end %s is before start %s", c->id, d2, d1);
	if (c->end > term_limit(c->start))
		BAD("contract '%s': term %s to %s is longer than three years",
		    c->id, d1, d2);
	if (c->rate <= 0 || c->rate > MONEY_ONE)
		BAD("contract '%s': credit rate must be above 0 and at most 1",
		    c->id);
	if (c->has_projected && c->projected < 0)
		BAD("contract '%s': negative projected credit", c->id);
	if (!c->all_accounts && c->naccounts == 0)
		BAD("contract '%s': no accounts in scope", c->id);
	for (i = 0; i < c->naccounts; i++) {
		if (!account_valid(c->accounts[i]))
			BAD("contract '%s': bad account id '%s'", c->id,
			    shown(c->accounts[i], sb));
		for (k = 0; k < i; k++)
			if (strcmp(c->accounts[i], c->accounts[k]) == 0)
				BAD("contract '%s': account %s is listed twice",
				    c->id, c->accounts[i]);
	}
	if (c->nservices == 0)
		BAD("contract '%s': no eligible services", c->id);
	for (i = 0; i < c->nservices; i++) {
		if (!code_valid(c->services[i]))
			BAD("contract '%s': bad product code '%s'", c->id,
			    shown(c->services[i], sb));
		for (k = 0; k < i; k++)
			if (strcmp(c->services[i], c->services[k]) == 0)
				BAD("contract '%s': service %s is listed twice",
				    c->id, c->services[i]);
		if (service_is_bedrock(c->services[i]) ||
		    strcmp(c->services[i], "AmazonSageMaker") == 0)
			ai = 1;
	}
	for (i = 0; i < c->nglobs; i++)
		if (!glob_valid(c->name_globs[i]))
			BAD("contract '%s': bad account-name pattern '%s'",
			    c->id, shown(c->name_globs[i], sb));
	if (c->excl & ~(unsigned)EXCL_DEFAULT)
		BAD("contract '%s': unknown exclusion", c->id);
	if (c->all_accounts && (c->auto_new || c->nglobs > 0))
		BAD("contract '%s': auto-enrollment rules need an explicit "
		    "account list (with accounts 'all' every linked account is "
		    "in scope already)", c->id);
	if (c->program == PROG_MAP_AI && !ai)
		BAD("contract '%s': program map-ai but no AI service is "
		    "eligible (add AmazonBedrock or AmazonSageMaker, or use "
		    "program map)", c->id);
	if (c->principal_tagging && !contract_ai_evaluation(c))
		BAD("contract '%s': ai_route principal but no Bedrock service "
		    "is eligible, so there is no AI caller to tag (add "
		    "AmazonBedrock, or use ai_route profile)", c->id);
#undef BAD
	return 0;
}

int
contracts_overlap(const struct contract *a, const struct contract *b)
{
	size_t i;

	if (a->program != b->program || a->payer == NULL || b->payer == NULL ||
	    strcmp(a->payer, b->payer) != 0)
		return 0;
	if (a->end < b->start || b->end < a->start)
		return 0;
	if (a->all_accounts || b->all_accounts)
		return 1;
	for (i = 0; i < a->naccounts; i++)
		if (contract_has_account(b, a->accounts[i]))
			return 1;
	return 0;
}

/* Why a and b overlap, for a message. */
static void
overlap_why(const struct contract *a, const struct contract *b,
    struct buf *o)
{
	char s[DATE_DAYLEN], t[DATE_DAYLEN];
	size_t i, n = 0;
	struct buf l = { 0 };

	fmt_day(a->start > b->start ? a->start : b->start, s);
	fmt_day(a->end < b->end ? a->end : b->end, t);
	buf_printf(o, "both %s for payer %s, terms share %s to %s, ",
	    program_name(a->program), a->payer, s, t);
	if (a->all_accounts && b->all_accounts) {
		buf_adds(o, "both cover all linked accounts");
		return;
	}
	if (a->all_accounts || b->all_accounts) {
		buf_printf(o, "'%s' covers all linked accounts",
		    a->all_accounts ? a->id : b->id);
		return;
	}
	for (i = 0; i < a->naccounts; i++)
		if (contract_has_account(b, a->accounts[i])) {
			if (n < 3) {
				if (n)
					buf_adds(&l, ", ");
				buf_adds(&l, a->accounts[i]);
			}
			n++;
		}
	buf_printf(o, "account%s %s", n > 1 ? "s" : "", buf_cstr(&l));
	if (n > 3)
		buf_printf(o, " and %zu more", n - 3);
	buf_adds(o, " in both");
	buf_free(&l);
}

int
contract_check_against(const struct contracts *cs, const struct contract *c,
    struct err *e)
{
	size_t i;
	struct buf why = { 0 };

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].id, c->id) == 0) {
			err_set(e, EXIT_DATA, c->line, "contract id '%s' is "
			    "already used (line %ld)", c->id, cs->v[i].line);
			return -1;
		}
	for (i = 0; i < cs->n; i++)
		if (contracts_overlap(c, &cs->v[i])) {
			overlap_why(&cs->v[i], c, &why);
			err_set(e, EXIT_DATA, c->line, "contract '%s' overlaps "
			    "contract '%s' (line %ld): %s", c->id, cs->v[i].id,
			    cs->v[i].line, buf_cstr(&why));
			buf_free(&why);
			return -1;
		}
	return 0;
}

/* ---- the file ---- */

struct loader {
	contract_problem_fn *fn;
	void *arg;
	int all;		/* go on after problems */
	int problems;
	struct err first;
};

static int
problem(struct loader *l, const struct err *e)
{
	l->problems++;
	if (l->problems == 1)
		l->first = *e;
	if (l->fn)
		l->fn(l->arg, e);
	return l->all ? 0 : -1;
}

static int
is_comment(const struct tsvr *t)
{
	return t->line.len > 0 && t->line.s[0] == '#';
}

static int
load(const char *path, struct contracts *cs, struct loader *l, struct err *e)
{
	struct tsvr *t;
	int col[16];
	size_t i, ncol;
	int rc;

	memset(cs, 0, sizeof(*cs));
	cs->path = path;
	t = tsvr_open(path, e);
	if (t == NULL)
		return -1;
	for (ncol = 0; contract_columns[ncol] != NULL; ncol++) {
		col[ncol] = tsvr_col(t, contract_columns[ncol]);
		if (col[ncol] < 0 && !in_set(contract_columns[ncol],
		    optional_columns, NELEM(optional_columns))) {
			tsvr_need(t, contract_columns[ncol], e);
			tsvr_close(t);
			return -1;
		}
	}
	/* a column twice is refused by tsvr_open, in O(n log n) */
	for (;;) {
		struct contract c;
		struct err fe = { 0 };
		int bad = 0;

		rc = tsvr_next(t, &fe);
		if (rc == 0)
			break;
		if (rc < 0) {
			if (fe.status == EXIT_DATA && is_comment(t))
				continue;
			if (fe.status == EXIT_SYS || fe.line != t->lineno) {
				/* the stream itself failed: no going on */
				*e = fe;
				goto fail;
			}
			if (problem(l, &fe))
				goto fail;
			continue;
		}
		if (is_comment(t))
			continue;
		contract_init(&c);
		c.line = t->lineno;
		for (i = 0; i < ncol; i++) {
			const char *v = col[i] >= 0 ? t->f[col[i]] :
			    strcmp(contract_columns[i], "exclusions") == 0 ?
			    "default" : "";

			if (contract_parse_field(&c, contract_columns[i], v,
			    &fe) != 0) {
				char msg[sizeof(fe.msg)];

				memcpy(msg, fe.msg, sizeof(msg));
				err_set(&fe, EXIT_DATA, t->lineno,
				    "column '%s': %s", contract_columns[i],
				    msg);
				bad = 1;
				if (problem(l, &fe)) {
					contract_free(&c);
					goto fail;
				}
			}
		}
		if (!bad && (contract_validate(&c, &fe) != 0 ||
		    contract_check_against(cs, &c, &fe) != 0)) {
			bad = 1;
			if (problem(l, &fe)) {
				contract_free(&c);
				goto fail;
			}
		}
		if (bad) {
			contract_free(&c);
			continue;
		}
		cs->v = xrealloc(cs->v, (cs->n + 1) * sizeof(*cs->v));
		cs->v[cs->n++] = c;
	}
	tsvr_close(t);
	return 0;
fail:
	tsvr_close(t);
	if (e->status == 0)
		*e = l->first;
	contracts_free(cs);
	cs->path = path;
	return -1;
}

int
contracts_load(const char *path, struct contracts *cs, struct err *e)
{
	struct loader l;

	memset(&l, 0, sizeof(l));
	err_clear(e);
	return load(path, cs, &l, e);
}

int
contracts_load_all(const char *path, struct contracts *cs,
    contract_problem_fn *fn, void *arg, struct err *e)
{
	struct loader l;

	memset(&l, 0, sizeof(l));
	l.fn = fn;
	l.arg = arg;
	l.all = 1;
	err_clear(e);
	if (load(path, cs, &l, e) != 0)
		return -1;
	return l.problems;
}

void
contracts_free(struct contracts *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		contract_free(&cs->v[i]);
	free(cs->v);
	cs->v = NULL;
	cs->n = 0;
}

int
contracts_find(const struct contracts *cs, const char *id)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		if (strcmp(cs->v[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
contracts_listing(const struct contracts *cs, size_t self, const char *account)
{
	const struct contract *c = &cs->v[self];
	size_t i;

	for (i = 0; i < cs->n; i++) {
		const struct contract *o = &cs->v[i];

		if (i != self && o->program == c->program && !o->all_accounts &&
		    strcmp(o->payer, c->payer) == 0 &&
		    contract_has_account(o, account))
			return (int)i;
	}
	return -1;
}

long
contract_term_limit(long start)
{
	return term_limit(start);
}

/* mapstate's coverage test (lifecycle.c cover()) for a charge known only by
 * payer, account and service, as a credit line is: no usage type, so no
 * exclusion applies. */
int
contract_covers(const struct contract *c, const char *payer,
    const char *account, const char *service, long day, int enrolled)
{
	size_t i;

	if (strcmp(c->payer, payer) != 0 || !contract_active(c, day))
		return 0;
	if (!enrolled && !contract_has_account(c, account))
		return 0;
	if (!service_is_bedrock(service))
		return contract_has_service(c, service);
	for (i = 0; i < nbedrock_codes; i++)
		if (contract_has_service(c, bedrock_codes[i]))
			return 1;
	return 0;
}
