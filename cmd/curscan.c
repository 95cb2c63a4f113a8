/* curscan: read CUR exports (CUR 2.0, legacy CUR, Athena-named legacy CUR,
 * FOCUS 1.x; plain or gzip; manifests) and write one charge line per input
 * line item as TSV. A map: stateless, streaming, one row in, one row out. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "intake/csvin.h"
#include "core/date.h"
#include "intake/jmap.h"
#include "intake/manifest.h"
#include "core/money.h"
#include "core/tsv.h"
#include "core/zin.h"
#include "common.h"

enum fmt { FMT_AUTO, FMT_CUR2, FMT_LEGACY, FMT_ATHENA, FMT_FOCUS, NFMT };
static const char *fmtname[NFMT] = {
	"auto", "cur2", "legacy", "athena", "focus"
};

enum fld {
	F_START, F_PAYER, F_ACCOUNT, F_ACCNAME, F_SERVICE, F_REGION, F_REGION2,
	F_LTYPE, F_RESOURCE, F_UTYPE, F_UTYPE2, F_COST, F_DESC, F_PRINCIPAL,
	F_PRODNAME, F_RTAGS, F_TAGS, F_AZ, F_PRODUCT, NFLD
};

/* Column names per format (index by enum fmt - 1). NULL: not in format. */
static const char *colname[4][NFLD] = {
	[0] = {		/* CUR 2.0 */
		"line_item_usage_start_date", "bill_payer_account_id",
		"line_item_usage_account_id", "line_item_usage_account_name",
		"line_item_product_code", "product_region_code",
		"product_region", "line_item_line_item_type",
		"line_item_resource_id", "line_item_usage_type",
		"product_usagetype", "line_item_unblended_cost",
		"line_item_line_item_description", "line_item_iam_principal",
		"product_product_name", "resource_tags", "tags",
		"line_item_availability_zone", "product",
	},
	[1] = {		/* legacy CUR, category/Name headers */
		"lineItem/UsageStartDate", "bill/PayerAccountId",
		"lineItem/UsageAccountId", "lineItem/UsageAccountName",
		"lineItem/ProductCode", "product/regionCode", "product/region",
		"lineItem/LineItemType", "lineItem/ResourceId",
		"lineItem/UsageType", "product/usagetype",
		"lineItem/UnblendedCost", "lineItem/LineItemDescription",
		"lineItem/IamPrincipal", "product/ProductName", NULL, NULL,
		"lineItem/AvailabilityZone",
	},
	[2] = {		/* legacy CUR, Athena/Parquet names */
		"line_item_usage_start_date", "bill_payer_account_id",
		"line_item_usage_account_id", "line_item_usage_account_name",
		"line_item_product_code", "product_region_code",
		"product_region", "line_item_line_item_type",
		"line_item_resource_id", "line_item_usage_type",
		"product_usagetype", "line_item_unblended_cost",
		"line_item_line_item_description", "line_item_iam_principal",
		"product_product_name", NULL, NULL,
		"line_item_availability_zone",
	},
	[3] = {		/* FOCUS 1.x as exported by AWS */
		"ChargePeriodStart", "BillingAccountId", "SubAccountId",
		"SubAccountName", "x_ServiceCode", "RegionId", "Region",
		"ChargeCategory", "ResourceId", "x_UsageType", "SkuMeter",
		"BilledCost", "ChargeDescription", NULL, "ServiceName", NULL,
		"Tags", "AvailabilityZone",
	},
};

static const enum fld required[] = { F_START, F_ACCOUNT, F_COST };

static const char *usage_types[] = { "Usage", "DiscountedUsage",
	"SavingsPlanCoveredUsage" };
static const char *known_types[] = { "Usage", "DiscountedUsage",
	"SavingsPlanCoveredUsage", "Credit", "Refund", "Tax", "Fee", "RIFee",
	"SavingsPlanUpfrontFee", "SavingsPlanRecurringFee",
	"SavingsPlanNegation", "Discount", "BundledDiscount", "EdpDiscount",
	"PrivateRateDiscount", "Purchase", "Adjustment" };
static const char *bedrock_codes[] = { "AmazonBedrock", "AmazonBedrockService",
	"AmazonBedrockFoundationModels", "AmazonBedrockAgentCore" };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- options ---- */
static enum fmt opt_format = FMT_AUTO;
static char **opt_tags;
static size_t opt_ntags;
static long opt_max_errors;
static int opt_jobs;
static const char *opt_summary;
static int opt_progress;
static atomic_ullong prog_bytes, prog_rows;

/* ---- per-file statistics ---- */
struct tally {
	char *key;
	unsigned long long rows;
	money_t cost;
	int has_cost;
};
struct tallys {
	struct tally *v;
	size_t n;
};

static struct tally *
stat_get(struct tallys *s, const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strlen(s->v[i].key) == klen &&
		    memcmp(s->v[i].key, key, klen) == 0)
			return &s->v[i];
	s->v = xrealloc(s->v, (s->n + 1) * sizeof(*s->v));
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	s->v[s->n].key = xstrndup(key, klen);
	return &s->v[s->n++];
}

static void
stats_free(struct tallys *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].key);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* A rejected row: where its output would have been. */
struct reject {
	unsigned long long off;	/* bytes of output before it */
	size_t msgoff;		/* end of its message in job->msgs */
};

struct job {
	const char *path;	/* as opened */
	const char *display;	/* as shown in messages */
	struct out out;
	int tmpfd;
	struct buf msgs;	/* diagnostic lines, in order */
	struct reject *rej;
	size_t nrej;
	long budget;		/* rejects this job may make */
	int fatal;		/* EXIT_DATA or EXIT_SYS: stopped here */
	int skipped;		/* after the run stopped: not reported */
	size_t fatal_msgoff;
	struct tallys lines, rejected, nearmiss;
	enum fmt fmt;
	atomic_int done;
};

/* ---- the column layout of one file ---- */
struct layout {
	enum fmt fmt;
	int col[NFLD];
	int tagcol_map, tagcol_pmap;	/* legacy/athena map-migrated */
	int *tagcol;			/* per --tag (legacy/athena) */
	int *nearcol;			/* near-miss tag columns */
	char **nearname;
	size_t nnear;
	size_t width;
};

static int
streq(const char *a, size_t an, const char *b)
{
	return strlen(b) == an && memcmp(a, b, an) == 0;
}

static int
find(const struct csvrow *h, const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < h->nf; i++)
		if (strcmp(h->f[i], name) == 0)
			return (int)i;
	return -1;
}

/* Tag key spelled like map-migrated once case, spaces, underscores and
 * dashes are ignored. */
static int
mapish(const char *k, size_t n)
{
	static const char want[] = "mapmigrated";
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		char c = k[i];

		if (c == ' ' || c == '_' || c == '-' || c == '.')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (j >= sizeof(want) - 1 || c != want[j])
			return 0;
		j++;
	}
	return j == sizeof(want) - 1;
}

/* CUR's snake_case of a tag key: CostCenter -> cost_center. */
static void
snake(const char *k, struct buf *b)
{
	size_t i, n = strlen(k);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k[i];

		if (c >= 'A' && c <= 'Z') {
			if (i > 0 && b->len > 0 && b->s[b->len - 1] != '_' &&
			    ((k[i - 1] >= 'a' && k[i - 1] <= 'z') ||
			    (k[i - 1] >= '0' && k[i - 1] <= '9')))
				buf_addc(b, '_');
			buf_addc(b, c - 'A' + 'a');
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_addc(b, c);
		else if (b->len == 0 || b->s[b->len - 1] != '_')
			buf_addc(b, '_');
	}
	buf_cstr(b);
}

static enum fmt
detect(const struct csvrow *h)
{
	size_t i;
	int slash = 0, snakecase = 0, athena_tags = 0, focus = 0;

	for (i = 0; i < h->nf; i++) {
		const char *c = h->f[i];

		if (strchr(c, '/'))
			slash++;
		if (strncmp(c, "line_item_", 10) == 0 ||
		    strncmp(c, "bill_", 5) == 0)
			snakecase++;
		if (strncmp(c, "resource_tags_", 14) == 0)
			athena_tags++;
		if (strcmp(c, "BilledCost") == 0 ||
		    strcmp(c, "ChargeCategory") == 0 ||
		    strcmp(c, "ChargePeriodStart") == 0)
			focus++;
	}
	if (focus)
		return FMT_FOCUS;
	if (find(h, "lineItem/UsageAccountId") >= 0 || (slash && !snakecase))
		return FMT_LEGACY;
	if (snakecase && athena_tags)
		return FMT_ATHENA;
	if (snakecase)
		return FMT_CUR2;
	return FMT_AUTO;
}

static int
layout_init(struct layout *l, const struct csvrow *h, enum fmt f,
    struct err *e)
{
	struct buf b = { 0 };
	size_t i, k;

	memset(l, 0, sizeof(*l));
	l->fmt = f == FMT_AUTO ? detect(h) : f;
	if (l->fmt == FMT_AUTO) {
		err_set(e, EXIT_DATA, h->line, "cannot tell the export format "
		    "from the header (use --format)");
		return -1;
	}
	l->width = h->nf;
	for (i = 0; i < NFLD; i++)
		l->col[i] = find(h, colname[l->fmt - 1][i]);
	for (i = 0; i < NELEM(required); i++)
		if (l->col[required[i]] < 0) {
			err_set(e, EXIT_DATA, h->line, "missing required column "
			    "'%s' (%s format)", colname[l->fmt - 1][required[i]],
			    fmtname[l->fmt]);
			return -1;
		}
	l->tagcol_map = l->tagcol_pmap = -1;
	l->tagcol = xcalloc(opt_ntags + 1, sizeof(int));
	for (k = 0; k < opt_ntags; k++)
		l->tagcol[k] = -1;
	l->nearcol = xcalloc(h->nf + 1, sizeof(int));
	l->nearname = xcalloc(h->nf + 1, sizeof(char *));
	if (l->fmt == FMT_LEGACY || l->fmt == FMT_ATHENA) {
		const char *pre = l->fmt == FMT_LEGACY ? "resourceTags/user:" :
		    "resource_tags_user_";
		const char *mapcol = l->fmt == FMT_LEGACY ?
		    "resourceTags/user:map-migrated" :
		    "resource_tags_user_map_migrated";

		l->tagcol_map = find(h, mapcol);
		for (k = 0; k < opt_ntags; k++) {
			b.len = 0;
			buf_adds(&b, pre);
			if (l->fmt == FMT_ATHENA)
				snake(opt_tags[k], &b);
			else
				buf_adds(&b, opt_tags[k]);
			l->tagcol[k] = find(h, buf_cstr(&b));
		}
		for (i = 0; i < h->nf; i++) {
			size_t pl = strlen(pre);

			if ((int)i != l->tagcol_map &&
			    strncmp(h->f[i], pre, pl) == 0 &&
			    mapish(h->f[i] + pl, h->len[i] - pl)) {
				l->nearname[l->nnear] = xstrdup(h->f[i]);
				l->nearcol[l->nnear++] = (int)i;
			}
		}
	}
	buf_free(&b);
	return 0;
}

static void
layout_free(struct layout *l)
{
	size_t i;

	for (i = 0; i < l->nnear; i++)
		free(l->nearname[i]);
	free(l->nearname);
	free(l->tagcol);
	free(l->nearcol);
}

/* ---- per-row work ---- */

struct rowctx {
	struct job *j;
	struct layout *l;
	const struct csvrow *r;
	char *scratch;
	size_t scap;
	/* results */
	const char *maptag, *pmaptag;
	size_t maptaglen, pmaptaglen;
	struct buf tagvals;		/* decoded values for map columns */
	size_t *tagoff, *taglen;	/* per --tag: offset into tagvals, or -1 */
	size_t mapoff, pmapoff;
	int hasmap, haspmap;
};

#define NOVAL ((size_t)-1)

static const char *
fld(const struct rowctx *c, enum fld f, size_t *n)
{
	int i = c->l->col[f];

	if (i < 0) {
		*n = 0;
		return "";
	}
	*n = c->r->len[i];
	return c->r->f[i];
}

static void
reject(struct rowctx *c, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
reject(struct rowctx *c, const char *reason, const char *fmt, ...)
{
	struct job *j = c->j;
	va_list ap;
	struct tally *s;

	buf_printf(&j->msgs, "%s: %s:%ld: ", progname, j->display, c->r->line);
	va_start(ap, fmt);
	{
		char tmp[600];

		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		buf_adds(&j->msgs, tmp);
	}
	va_end(ap);
	buf_addc(&j->msgs, '\n');
	j->rej = xrealloc(j->rej, (j->nrej + 1) * sizeof(*j->rej));
	j->rej[j->nrej].off = j->out.total + j->out.n;
	j->rej[j->nrej].msgoff = j->msgs.len;
	j->nrej++;
	s = stat_get(&j->rejected, reason, strlen(reason));
	s->rows++;
}

/* Show at most 40 bytes of a bad value. */
static void
shown(const char *s, size_t n, char out[64])
{
	size_t i, k = 0;

	for (i = 0; i < n && k < 40; i++)
		out[k++] = (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ?
		    ' ' : s[i];
	if (i < n) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
}

static int
tagkey_is(const char *k, size_t kl, enum fmt f, int principal,
    const char *name)
{
	/* The key a tag NAME has in this map column: PREFIX + NAME */
	const char *pre;
	size_t pl;

	if (f == FMT_FOCUS) {
		if (principal)
			return 0;
		if (streq(k, kl, name))
			return 1;
		pre = "user:";
	} else
		pre = principal ? "iamPrincipal/" : "resourceTags/user:";
	pl = strlen(pre);
	return kl > pl && memcmp(k, pre, pl) == 0 && streq(k + pl, kl - pl,
	    name);
}

/* Parse a map column, collecting map-migrated, principal tag, --tag values
 * and near misses. kind: 0 tags/Tags (original keys), 1 resource_tags. */
static int
scan_map(struct rowctx *c, int col, int kind, money_t cost)
{
	struct jmap_iter it;
	const char *k, *v;
	size_t kl, vl, t;
	int rc;
	const char *s = c->r->f[col];
	size_t n = c->r->len[col];
	struct buf snk = { 0 };

	if (n + 1 > c->scap) {
		c->scap = (n + 1) * 2;
		c->scratch = xrealloc(c->scratch, c->scap);
	}
	jmap_init(&it, s, n, c->scratch);
	while ((rc = jmap_next(&it, &k, &kl, &v, &vl)) == 1) {
		int hit = 0;

		if (kind == 0) {
			if (tagkey_is(k, kl, c->l->fmt, 0, "map-migrated")) {
				c->mapoff = c->tagvals.len;
				buf_add(&c->tagvals, v, vl);
				c->maptaglen = vl;
				c->hasmap = 1;
				hit = 1;
			} else if (tagkey_is(k, kl, c->l->fmt, 1,
			    "map-migrated")) {
				c->pmapoff = c->tagvals.len;
				buf_add(&c->tagvals, v, vl);
				c->pmaptaglen = vl;
				c->haspmap = 1;
				hit = 1;
			}
			for (t = 0; t < opt_ntags; t++)
				if (tagkey_is(k, kl, c->l->fmt, 0, opt_tags[t])) {
					c->tagoff[t] = c->tagvals.len;
					buf_add(&c->tagvals, v, vl);
					c->taglen[t] = vl;
				}
		} else {
			if (streq(k, kl, "user_map_migrated")) {
				if (!c->hasmap) {
					c->mapoff = c->tagvals.len;
					buf_add(&c->tagvals, v, vl);
					c->maptaglen = vl;
					c->hasmap = 1;
				}
				hit = 1;
			}
			for (t = 0; t < opt_ntags; t++) {
				snk.len = 0;
				buf_adds(&snk, "user_");
				snake(opt_tags[t], &snk);
				if (c->tagoff[t] == NOVAL &&
				    streq(k, kl, snk.s)) {
					c->tagoff[t] = c->tagvals.len;
					buf_add(&c->tagvals, v, vl);
					c->taglen[t] = vl;
				}
			}
		}
		if (!hit) {
			/* strip the source prefix, then compare loosely */
			const char *p = k;
			size_t pl = kl;
			const char *pre[] = {
				"resourceTags/user:",
				"iamPrincipal/", "user:", "user_" };
			size_t q;

			for (q = 0; q < NELEM(pre); q++)
				if (kl > strlen(pre[q]) &&
				    memcmp(k, pre[q], strlen(pre[q])) == 0) {
					p = k + strlen(pre[q]);
					pl = kl - strlen(pre[q]);
					break;
				}
			if (mapish(p, pl)) {
				struct tally *st = stat_get(&c->j->nearmiss, k, kl);

				st->rows++;
				st->cost += cost;
				st->has_cost = 1;
			}
		}
	}
	buf_free(&snk);
	if (rc < 0) {
		reject(c, "malformed map column",
		    "column '%s': malformed JSON map: %s at byte %zu",
		    colname[c->l->fmt - 1][kind == 0 ? F_TAGS : F_RTAGS],
		    it.why, it.at + 1);
		return -1;
	}
	return 0;
}

static int
is_in(const char *s, size_t n, const char **set, size_t nset)
{
	size_t i;

	for (i = 0; i < nset; i++)
		if (streq(s, n, set[i]))
			return 1;
	return 0;
}

static int
contains(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle), i;

	for (i = 0; i + m <= n; i++)
		if (memcmp(s + i, needle, m) == 0)
			return 1;
	return 0;
}

/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE -> field k (0-based) */
static int
arn_field(const char *s, size_t n, int k, const char **out, size_t *on)
{
	size_t i, start = 0;
	int f = 0;

	if (n < 4 || memcmp(s, "arn:", 4) != 0)
		return -1;
	for (i = 0; i <= n; i++)
		if (i == n || s[i] == ':') {
			if (f == k) {
				*out = s + start;
				*on = i - start;
				return 0;
			}
			f++;
			start = i + 1;
			if (f == 5)	/* the resource part may hold ':' */
				break;
		}
	if (f == 5 && k == 5) {
		*out = s + start;
		*on = n - start;
		return 0;
	}
	return -1;
}

/* CUR 2.0 keeps the product name in the `product` map column: a Bedrock
 * model sold through AWS Marketplace says "Bedrock" there. The map is only
 * parsed when the word is in it at all. */
static int
product_map_bedrock(struct rowctx *c)
{
	struct jmap_iter it;
	const char *k, *v, *s;
	size_t kl, vl, n;
	int col = c->l->col[F_PRODUCT], found = 0;

	if (col < 0)
		return 0;
	s = c->r->f[col];
	n = c->r->len[col];
	if (!contains(s, n, "Bedrock"))
		return 0;
	if (n + 1 > c->scap) {
		c->scap = (n + 1) * 2;
		c->scratch = xrealloc(c->scratch, c->scap);
	}
	jmap_init(&it, s, n, c->scratch);
	while (jmap_next(&it, &k, &kl, &v, &vl) == 1)
		if (streq(k, kl, "product_name") && contains(v, vl, "Bedrock"))
			found = 1;
	return found;
}

static void
emit_row(struct rowctx *c, money_t cost, int hascost, utime_t start)
{
	struct out *o = &c->j->out;
	size_t n, ltn, rn, un, pn, svn, acn, regn;
	const char *lt, *res, *ut, *pr, *sv, *ac, *reg;
	char ts[DATE_TSLEN];
	const char *kind = "none";
	struct buf ent = { 0 };
	const char *model = "";
	size_t modeln = 0;
	struct buf princ = { 0 };
	const char *p;
	size_t t;

	lt = fld(c, F_LTYPE, &ltn);
	if (c->l->col[F_LTYPE] < 0) {
		lt = "Usage";
		ltn = 5;
	}
	res = fld(c, F_RESOURCE, &rn);
	ut = fld(c, F_UTYPE, &un);
	if (un == 0)
		ut = fld(c, F_UTYPE2, &un);
	pr = fld(c, F_PRINCIPAL, &pn);
	sv = fld(c, F_SERVICE, &svn);
	ac = fld(c, F_ACCOUNT, &acn);
	reg = fld(c, F_REGION, &regn);
	if (regn == 0)
		reg = fld(c, F_REGION2, &regn);
	if (regn == 0 && arn_field(res, rn, 3, &p, &n) == 0 && n > 0) {
		reg = p;
		regn = n;
	}
	if (regn == 0) {	/* from the availability zone: us-east-1a */
		reg = fld(c, F_AZ, &regn);
		if (regn > 1 && reg[regn - 1] >= 'a' && reg[regn - 1] <= 'z' &&
		    reg[regn - 2] >= '0' && reg[regn - 2] <= '9')
			regn--;
	}
	/* principal: arn:PART:sts::ACCT:assumed-role/ROLE/SESSION becomes
	 * arn:PART:iam::ACCT:role/ROLE (the role carries the tag) */
	if (pn) {
		const char *part, *svcp, *acct, *resp;
		size_t partn, svcn, an, resn;

		if (arn_field(pr, pn, 1, &part, &partn) == 0 &&
		    arn_field(pr, pn, 2, &svcp, &svcn) == 0 &&
		    arn_field(pr, pn, 4, &acct, &an) == 0 &&
		    arn_field(pr, pn, 5, &resp, &resn) == 0 &&
		    streq(svcp, svcn, "sts") && resn > 13 &&
		    memcmp(resp, "assumed-role/", 13) == 0) {
			const char *role = resp + 13;
			const char *sess = memchr(role, '/', resn - 13);
			size_t rl = sess ? (size_t)(sess - role) : resn - 13;

			if (rl > 0) {
				buf_adds(&princ, "arn:");
				buf_add(&princ, part, partn);
				buf_adds(&princ, ":iam::");
				buf_add(&princ, acct, an);
				buf_adds(&princ, ":role/");
				buf_add(&princ, role, rl);
			}
		}
		if (princ.len == 0)
			buf_add(&princ, pr, pn);
	}
	buf_cstr(&princ);
	if (is_in(lt, ltn, usage_types, NELEM(usage_types))) {
		size_t prn;
		const char *prod = fld(c, F_PRODNAME, &prn);
		int bedrock = is_in(sv, svn, bedrock_codes,
		    NELEM(bedrock_codes)) || contains(prod, prn, "Bedrock") ||
		    product_map_bedrock(c);

		if (bedrock) {
			const char *d1 = memchr(ut, '-', un), *d2;

			if (d1) {
				d1++;
				d2 = memchr(d1, '-', (size_t)(ut + un - d1));
				model = d1;
				modeln = d2 ? (size_t)(d2 - d1) :
				    (size_t)(ut + un - d1);
			}
			if (arn_field(res, rn, 5, &p, &n) == 0 &&
			    n > 30 && memcmp(p, "application-inference-profile/",
			    30) == 0) {
				kind = "profile";
				buf_add(&ent, res, rn);
			} else {
				kind = "ai-direct";
				if (princ.len) {
					buf_add(&ent, princ.s, princ.len);
				} else {
					buf_adds(&ent, "ai-direct:");
					buf_add(&ent, ac, acn);
					buf_addc(&ent, ':');
					buf_add(&ent, reg, regn);
					buf_addc(&ent, ':');
					buf_add(&ent, model, modeln);
				}
			}
		} else if (rn) {
			kind = "resource";
			buf_add(&ent, res, rn);
		} else {
			kind = "unattributed";
			buf_adds(&ent, "unattributed:");
			buf_add(&ent, ac, acn);
			buf_addc(&ent, ':');
			buf_add(&ent, sv, svn);
			buf_addc(&ent, ':');
			buf_add(&ent, reg, regn);
		}
	}
	buf_cstr(&ent);

	date_fmt_ts(start, ts);
	out_add(o, ts, DATE_TSLEN - 1);
	out_c(o, '\t');
	p = fld(c, F_PAYER, &n);
	out_val(o, p, n);
	out_c(o, '\t');
	out_val(o, ac, acn);
	out_c(o, '\t');
	p = fld(c, F_ACCNAME, &n);
	out_val(o, p, n);
	out_c(o, '\t');
	out_val(o, sv, svn);
	out_c(o, '\t');
	out_val(o, reg, regn);
	out_c(o, '\t');
	out_val(o, lt, ltn);
	out_c(o, '\t');
	out_s(o, kind);
	out_c(o, '\t');
	out_val(o, ent.s, ent.len);
	out_c(o, '\t');
	out_val(o, ut, un);
	out_c(o, '\t');
	out_val(o, model, modeln);
	out_c(o, '\t');
	out_val(o, princ.s, princ.len);
	out_c(o, '\t');
	if (hascost)
		out_money_dp(o, cost, 2);
	out_c(o, '\t');
	if (c->hasmap)
		out_val(o, c->tagvals.s + c->mapoff, c->maptaglen);
	out_c(o, '\t');
	if (c->haspmap)
		out_val(o, c->tagvals.s + c->pmapoff, c->pmaptaglen);
	out_c(o, '\t');
	p = fld(c, F_DESC, &n);
	out_val(o, p, n);
	out_c(o, '\t');
	out_val(o, res, rn);
	for (t = 0; t < opt_ntags; t++) {
		out_c(o, '\t');
		if (c->tagoff[t] != NOVAL)
			out_val(o, c->tagvals.s + c->tagoff[t], c->taglen[t]);
	}
	out_c(o, '\n');
	buf_free(&ent);
	buf_free(&princ);
}

static void
do_row(struct rowctx *c)
{
	const struct csvrow *r = c->r;
	struct layout *l = c->l;
	const char *s;
	size_t n, t, i;
	money_t cost = 0;
	int hascost = 0;
	utime_t start;
	char show[64];
	struct tally *st;

	if (r->nf != l->width) {
		reject(c, "wrong field count", "%zu fields, header has %zu",
		    r->nf, l->width);
		return;
	}
	s = fld(c, F_START, &n);
	if (date_parse_ts(s, n, &start)) {
		shown(s, n, show);
		reject(c, "bad timestamp", "column '%s': invalid timestamp '%s'",
		    colname[l->fmt - 1][F_START], show);
		return;
	}
	s = fld(c, F_COST, &n);
	if (n) {
		if (money_parse(s, n, &cost)) {
			shown(s, n, show);
			reject(c, "bad number", "column '%s': invalid number '%s'",
			    colname[l->fmt - 1][F_COST], show);
			return;
		}
		hascost = 1;
	}
	/* tags */
	c->tagvals.len = 0;
	c->hasmap = c->haspmap = 0;
	for (t = 0; t < opt_ntags; t++)
		c->tagoff[t] = NOVAL;
	if (l->col[F_TAGS] >= 0 && scan_map(c, l->col[F_TAGS], 0, cost))
		return;
	if (l->col[F_RTAGS] >= 0) {
		/* with the tags column present it is the authority on key
		 * spelling; resource_tags only fills in when it is absent */
		if (l->col[F_TAGS] < 0) {
			if (scan_map(c, l->col[F_RTAGS], 1, cost))
				return;
		}
	}
	if (l->tagcol_map >= 0 && r->len[l->tagcol_map]) {
		c->mapoff = c->tagvals.len;
		buf_add(&c->tagvals, r->f[l->tagcol_map], r->len[l->tagcol_map]);
		c->maptaglen = r->len[l->tagcol_map];
		c->hasmap = 1;
	}
	for (t = 0; t < opt_ntags; t++)
		if (l->tagcol[t] >= 0 && r->len[l->tagcol[t]]) {
			c->tagoff[t] = c->tagvals.len;
			buf_add(&c->tagvals, r->f[l->tagcol[t]],
			    r->len[l->tagcol[t]]);
			c->taglen[t] = r->len[l->tagcol[t]];
		}
	for (i = 0; i < l->nnear; i++)
		if (r->len[l->nearcol[i]]) {
			st = stat_get(&c->j->nearmiss, l->nearname[i],
			    strlen(l->nearname[i]));
			st->rows++;
			st->cost += cost;
			st->has_cost = 1;
		}
	buf_cstr(&c->tagvals);
	emit_row(c, cost, hascost, start);
	s = fld(c, F_LTYPE, &n);
	if (l->col[F_LTYPE] < 0) {
		s = "Usage";
		n = 5;
	}
	st = stat_get(&c->j->lines, s, n);
	if (st->rows == 0 && !is_in(s, n, known_types, NELEM(known_types))) {
		shown(s, n, show);
		buf_printf(&c->j->msgs, "%s: %s:%ld: unknown line item type "
		    "'%s' (kept, counted, entity_kind none)\n", progname,
		    c->j->display, r->line, show);
	}
	st->rows++;
	if (hascost) {
		st->cost += cost;
		st->has_cost = 1;
	}
}

static void
job_fatal(struct job *j, const struct err *e)
{
	if (e->line > 0)
		buf_printf(&j->msgs, "%s: %s:%ld: %s\n", progname, j->display,
		    e->line, e->msg);
	else
		buf_printf(&j->msgs, "%s: %s: %s\n", progname, j->display,
		    e->msg);
	j->fatal = e->status ? e->status : EXIT_DATA;
	j->fatal_msgoff = j->msgs.len;
}

static void
run_job(struct job *j)
{
	struct err e = { 0 };
	struct zin *z;
	struct csvin *cv;
	struct csvrow row;
	struct layout l;
	struct rowctx c;
	int rc;
	unsigned long long rows = 0;
	uint64_t lastbytes = 0;

	z = zin_open(j->path, &e);
	if (z == NULL) {
		job_fatal(j, &e);
		return;
	}
	cv = csvin_new(z);
	rc = csvin_next(cv, &row, &e);
	if (rc <= 0) {
		if (rc == 0)
			err_set(&e, EXIT_DATA, 1, "empty file: no header line");
		job_fatal(j, &e);
		goto done;
	}
	if (layout_init(&l, &row, opt_format, &e)) {
		job_fatal(j, &e);
		goto done;
	}
	j->fmt = l.fmt;
	{
		/* copy only the columns this layout reads */
		unsigned char *want = xcalloc(l.width + 1, 1);
		size_t i;

		for (i = 0; i < NFLD; i++)
			if (l.col[i] >= 0)
				want[l.col[i]] = 1;
		if (l.tagcol_map >= 0)
			want[l.tagcol_map] = 1;
		for (i = 0; i < opt_ntags; i++)
			if (l.tagcol[i] >= 0)
				want[l.tagcol[i]] = 1;
		for (i = 0; i < l.nnear; i++)
			want[l.nearcol[i]] = 1;
		csvin_want(cv, want, l.width);
		free(want);
	}
	memset(&c, 0, sizeof(c));
	c.j = j;
	c.l = &l;
	c.tagoff = xcalloc(opt_ntags + 1, sizeof(size_t));
	c.taglen = xcalloc(opt_ntags + 1, sizeof(size_t));
	while ((rc = csvin_next(cv, &row, &e)) == 1) {
		c.r = &row;
		do_row(&c);
		if ((long)j->nrej > j->budget)
			break;
		if (opt_progress && (++rows & 0xffff) == 0) {
			uint64_t b = zin_bytes_in(z);

			atomic_fetch_add(&prog_bytes, b - lastbytes);
			atomic_fetch_add(&prog_rows, 0x10000);
			lastbytes = b;
		}
	}
	if (rc < 0)
		job_fatal(j, &e);
	free(c.tagoff);
	free(c.taglen);
	free(c.scratch);
	buf_free(&c.tagvals);
	layout_free(&l);
done:
	csvin_free(cv);
	zin_close(z);
}

/* ---- output assembly ---- */

static struct out so;		/* stdout */
static int status;
static long errors_left;
static int stopped;
static atomic_int run_stopped;	/* for the workers: stop reading */

/* Copy n bytes of a job's temp output to stdout. */
static void
copy_tmp(struct job *j, unsigned long long n)
{
	char b[65536];

	if (lseek(j->tmpfd, 0, SEEK_SET) < 0) {
		warnx("temporary file: %s", strerror(errno));
		status = EXIT_SYS;
		return;
	}
	while (n > 0) {
		ssize_t r = read(j->tmpfd, b, n < sizeof(b) ? n : sizeof(b));

		if (r <= 0) {
			warnx("temporary file: %s", r < 0 ? strerror(errno) :
			    "short read");
			status = EXIT_SYS;
			return;
		}
		out_add(&so, b, (size_t)r);
		n -= (unsigned long long)r;
	}
}

/* Account one finished job: its output up to where the error budget ran
 * out, its messages, the exit status. In streaming mode (tmpfd < 0) its
 * output already went to stdout. */
static void
settle(struct job *j)
{
	size_t allowed = 0, msgend;
	unsigned long long bytes;
	struct stat sb;

	if (stopped) {
		j->skipped = 1;
		return;
	}
	if ((long)j->nrej > errors_left && j->tmpfd >= 0 &&
	    stat(j->path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		/* Read in parallel with the whole allowance, this file ran
		 * past the point where the run stops: read it again with what
		 * is left, so output, messages and summary are those of -j 1. */
		stats_free(&j->lines);
		stats_free(&j->rejected);
		stats_free(&j->nearmiss);
		j->msgs.len = 0;
		j->nrej = 0;
		j->fatal = 0;
		j->out.n = 0;
		j->out.total = 0;
		if (ftruncate(j->tmpfd, 0) != 0 ||
		    lseek(j->tmpfd, 0, SEEK_SET) < 0) {
			warnx("temporary file: %s", strerror(errno));
			status = EXIT_SYS;
		}
		j->budget = errors_left;
		run_job(j);
	}
	msgend = j->msgs.len;
	if ((long)j->nrej > errors_left) {
		/* stop at reject number errors_left (0-based) */
		allowed = (size_t)errors_left;
		bytes = j->rej[allowed].off;
		msgend = j->rej[allowed].msgoff;
		stopped = 1;
		atomic_store(&run_stopped, 1);
		if (status < EXIT_DATA)
			status = EXIT_DATA;
	} else {
		allowed = j->nrej;
		bytes = j->out.total + j->out.n;
		if (j->fatal) {
			stopped = 1;
			atomic_store(&run_stopped, 1);
			if (status < j->fatal)
				status = j->fatal;
		}
	}
	errors_left -= (long)allowed;
	if (j->tmpfd >= 0) {
		out_flush(&j->out);
		copy_tmp(j, bytes);
	}
	fwrite(j->msgs.s ? j->msgs.s : "", 1, msgend, stderr);
	if (stopped && (long)j->nrej > (long)allowed && opt_max_errors > 0) {
		fprintf(stderr, "%s: %s: too many bad rows (more than "
		    "--max-errors %ld); stopping\n", progname, j->display,
		    opt_max_errors);
	}
	fflush(stderr);
}

static struct job *jobs;
static size_t njobs;
static atomic_size_t nextjob;
static pthread_mutex_t jmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jcv = PTHREAD_COND_INITIALIZER;
static size_t nsettled;		/* files settled so far, in order */
#define WINDOW 16		/* files read ahead of the one being settled */

/* A job's output goes to an unlinked file in $TMPDIR (or /tmp) until its
 * turn comes. */
static int
job_tmp(struct job *j)
{
	const char *dir = getenv("TMPDIR");
	struct buf b = { 0 };
	int fd;

	buf_printf(&b, "%s/curscan.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(b.s);
	if (fd >= 0)
		unlink(b.s);
	else {
		struct err e;

		err_set(&e, EXIT_SYS, 0, "cannot create a temporary file in "
		    "%s: %s", dir && *dir ? dir : "/tmp", strerror(errno));
		job_fatal(j, &e);
	}
	buf_free(&b);
	return fd;
}

static void *
worker(void *arg)
{
	size_t i;

	(void)arg;
	while ((i = atomic_fetch_add(&nextjob, 1)) < njobs) {
		struct job *j = &jobs[i];

		pthread_mutex_lock(&jmu);
		while (i >= nsettled + WINDOW)
			pthread_cond_wait(&jcv, &jmu);
		pthread_mutex_unlock(&jmu);
		/* once the run has stopped, later files are not read */
		if (!atomic_load(&run_stopped)) {
			j->tmpfd = job_tmp(j);
			if (j->tmpfd >= 0) {
				out_init(&j->out, j->tmpfd);
				run_job(j);
			}
		}
		pthread_mutex_lock(&jmu);
		atomic_store(&j->done, 1);
		pthread_cond_broadcast(&jcv);
		pthread_mutex_unlock(&jmu);
	}
	return NULL;
}

static void
write_summary(const char *path)
{
	FILE *f;
	size_t i, k;
	char m[MONEY_BUFSZ];
	int tostdout = strcmp(path, "-") == 0;

	struct buf tmp = { 0 };

	if (tostdout)
		f = stderr;
	else {
		/* through a temporary beside it, renamed when complete */
		int fd;

		buf_printf(&tmp, "%s.tmpXXXXXX", path);
		fd = mkstemp(tmp.s);
		f = fd < 0 ? NULL : fdopen(fd, "w");
		if (f == NULL) {
			warnx("%s: %s", path, strerror(errno));
			status = status > EXIT_SYS ? status : EXIT_SYS;
			if (fd >= 0) {
				close(fd);
				unlink(tmp.s);
			}
			buf_free(&tmp);
			return;
		}
		{
			mode_t um = umask(0);

			umask(um);
			(void)fchmod(fd, 0666 & ~um);
		}
	}
	fputs("kind\tfile\tformat\tkey\trows\tcost\n", f);
	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];
		struct tallys *sets[3] = { &j->lines, &j->rejected, &j->nearmiss };

		if (j->skipped)
			continue;
		const char *names[3] = {
			"lines", "rejected", "near-miss-tag"
		};
		int s;

		for (s = 0; s < 3; s++)
			for (k = 0; k < sets[s]->n; k++) {
				struct tally *st = &sets[s]->v[k];
				struct buf b = { 0 };

				tsv_escape(&b, j->display, strlen(j->display));
				buf_cstr(&b);
				fprintf(f, "%s\t%s\t%s\t", names[s], b.s,
				    fmtname[j->fmt]);
				b.len = 0;
				tsv_escape(&b, st->key, strlen(st->key));
				buf_cstr(&b);
				fprintf(f, "%s\t%llu\t", b.s, st->rows);
				buf_free(&b);
				if (st->has_cost) {
					money_fmt(st->cost, m, 2);
					fputs(m, f);
				}
				fputc('\n', f);
			}
	}
	if (!tostdout) {
		if (fclose(f) != 0 || rename(tmp.s, path) != 0) {
			warnx("%s: %s", path, strerror(errno));
			status = status > EXIT_SYS ? status : EXIT_SYS;
			unlink(tmp.s);
		}
		buf_free(&tmp);
	}
}

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	    "Read AWS Cost and Usage Report exports and write one charge line\n"
	    "per line item as TSV on standard output.\n\n"
	    "With no FILE, or when FILE is -, read standard input. gzip input\n"
	    "is read transparently.\n\n"
	    "  -f, --format FMT     auto (default), cur2, legacy, athena, focus\n"
	    "  -m, --manifest FILE  read the data files a CUR manifest lists\n"
	    "  -r, --root DIR       local mirror of the export bucket for\n"
	    "                       --manifest (default: .)\n"
	    "  -t, --tag KEY        add a tag_KEY column with tag KEY's value\n"
	    "                       (repeatable)\n"
	    "  -s, --summary FILE   per file and line type: rows and cost; rows\n"
	    "                       rejected and why; near-miss MAP tag keys\n"
	    "                       (- for standard error)\n"
	    "  -e, --max-errors N   skip and report up to N bad rows (default 0)\n"
	    "  -j, --jobs N         read N files in parallel (default: all cores)\n"
	    "  -p, --progress       progress on standard error (default: when it\n"
	    "                       is a terminal)\n"
	    "      --no-progress    no progress line\n"
	    "  -h, --help           show this help and exit\n"
	    "  -V, --version        show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See curscan(1) and map-formats(5).\n",
	    progname);
}

static void *
progress_thread(void *arg)
{
	struct timespec t0, t, d = { 0, 500000000 };
	int *stop = arg;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!atomic_load((atomic_int *)stop)) {
		double s, mb;

		nanosleep(&d, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t);
		s = (double)(t.tv_sec - t0.tv_sec) +
		    (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
		mb = (double)atomic_load(&prog_bytes) / 1e6;
		fprintf(stderr, "\r%s: %.1f MB read, %llu rows, %.1f MB/s   ",
		    progname, mb, (unsigned long long)atomic_load(&prog_rows),
		    s > 0 ? mb / s : 0.0);
	}
	fputs("\r\033[K", stderr);
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "root", required_argument, NULL, 'r' },
		{ "tag", required_argument, NULL, 't' },
		{ "summary", required_argument, NULL, 's' },
		{ "max-errors", required_argument, NULL, 'e' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "progress", no_argument, NULL, 'p' },
		{ "no-progress", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char **manifests = NULL;
	size_t nman = 0, i, k;
	const char *root = ".";
	char **paths = NULL;
	size_t npaths = 0;
	int ch, progress = -1, single;
	pthread_t *th = NULL, pth;
	atomic_int pstop = 0;
	char *end;

	prog_init("curscan");
	argv[0] = (char *)progname;	/* getopt's messages */
	while ((ch = getopt_long(argc, argv, "f:m:r:t:s:e:j:pPhV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			for (k = 0; k < NFMT; k++)
				if (strcmp(optarg, fmtname[k]) == 0)
					break;
			if (k == NFMT)
				usage_error("unknown format '%s' (auto, cur2, "
				    "legacy, athena, focus)", optarg);
			opt_format = (enum fmt)k;
			break;
		case 'm':
			manifests = xrealloc(manifests, (nman + 1) *
			    sizeof(*manifests));
			manifests[nman++] = optarg;
			break;
		case 'r':
			root = optarg;
			break;
		case 't':
			if (*optarg == '\0' || strpbrk(optarg, "\t\n"))
				usage_error("bad tag key '%s'", optarg);
			opt_tags = xrealloc(opt_tags, (opt_ntags + 1) *
			    sizeof(*opt_tags));
			opt_tags[opt_ntags++] = optarg;
			break;
		case 's':
			opt_summary = optarg;
			break;
		case 'e':
			errno = 0;
			opt_max_errors = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || errno || opt_max_errors < 0)
				usage_error("--max-errors wants a count, not "
				    "'%s'", optarg);
			break;
		case 'j':
			errno = 0;
			opt_jobs = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || errno || opt_jobs < 1 ||
			    opt_jobs > 256)
				usage_error("--jobs wants 1 to 256, not '%s'",
				    optarg);
			break;
		case 'p':
			progress = 1;
			break;
		case 'P':
			progress = 0;
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
	opt_progress = progress < 0 ? isatty(2) : progress;
	if (opt_jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		opt_jobs = n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
	/* the file list: manifests first, then operands */
	for (i = 0; i < nman; i++) {
		struct err e = { 0 };
		struct manifest m;
		size_t len;
		char *txt = zin_slurp(manifests[i], &len, &e);

		if (txt == NULL)
			die_err(manifests[i], &e);
		if (manifest_parse(txt, len, &m, &e))
			die_err(manifests[i], &e);
		free(txt);
		for (k = 0; k < m.n; k++) {
			struct buf b = { 0 };

			buf_adds(&b, root);
			if (b.len && b.s[b.len - 1] != '/')
				buf_addc(&b, '/');
			buf_adds(&b, m.keys[k]);
			paths = xrealloc(paths, (npaths + 1) * sizeof(*paths));
			paths[npaths++] = b.s;
		}
		manifest_free(&m);
	}
	for (i = (size_t)optind; i < (size_t)argc; i++) {
		paths = xrealloc(paths, (npaths + 1) * sizeof(*paths));
		paths[npaths++] = xstrdup(argv[i]);
	}
	if (npaths == 0 && nman == 0) {
		paths = xrealloc(paths, sizeof(*paths));
		paths[npaths++] = xstrdup("-");
	}
	if (npaths == 0)
		die(EXIT_DATA, "%s: the manifest lists no data files",
		    manifests[nman - 1]);
	njobs = npaths;
	jobs = xcalloc(njobs, sizeof(*jobs));
	single = opt_jobs == 1 || njobs == 1;
	out_init(&so, 1);
	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];

		j->path = paths[i];
		j->display = strcmp(paths[i], "-") == 0 ? "<stdin>" : paths[i];
		j->budget = opt_max_errors;
		j->tmpfd = -1;
		if (single)
			j->out = so;	/* shares the stdout buffer; see below */
	}
	/* header */
	out_s(&so, "usage_start\tpayer\taccount\taccount_name\tservice\tregion"
	    "\tline_type\tentity_kind\tentity\tusage_type\tmodel\tprincipal"
	    "\tcost\tmap_tag\tprincipal_map_tag\tdescription\tresource_id");
	for (k = 0; k < opt_ntags; k++) {
		out_s(&so, "\ttag_");
		out_vals(&so, opt_tags[k]);
	}
	out_c(&so, '\n');
	errors_left = opt_max_errors;
	if (opt_progress)
		pthread_create(&pth, NULL, progress_thread, &pstop);
	if (single) {
		/* one at a time, straight to stdout; a job's budget is what
		 * is left of the run's */
		for (i = 0; i < njobs && !stopped; i++) {
			struct job *j = &jobs[i];

			j->out = so;
			j->budget = errors_left;
			run_job(j);
			so = j->out;
			settle(j);
		}
	} else {
		size_t nth = (size_t)opt_jobs < njobs ? (size_t)opt_jobs : njobs;

		th = xcalloc(nth, sizeof(*th));
		for (i = 0; i < nth; i++)
			if (pthread_create(&th[i], NULL, worker, NULL) != 0)
				die(EXIT_SYS, "cannot start a thread");
		/* settle each file as soon as it and those before it are
		 * read: output in input order, at most WINDOW files ahead */
		for (i = 0; i < njobs; i++) {
			struct job *j = &jobs[i];

			pthread_mutex_lock(&jmu);
			while (!atomic_load(&j->done))
				pthread_cond_wait(&jcv, &jmu);
			pthread_mutex_unlock(&jmu);
			settle(j);
			if (j->tmpfd >= 0) {
				out_close(&j->out);
				close(j->tmpfd);
				j->tmpfd = -1;
			}
			pthread_mutex_lock(&jmu);
			nsettled = i + 1;
			pthread_cond_broadcast(&jcv);
			pthread_mutex_unlock(&jmu);
		}
		for (i = 0; i < nth; i++)
			pthread_join(th[i], NULL);
		free(th);
	}
	if (opt_progress) {
		atomic_store(&pstop, 1);
		pthread_join(pth, NULL);
	}
	if (out_close(&so) != 0) {
		warnx("write error: %s", strerror(so.err));
		status = EXIT_SYS;
	}
	if (opt_summary)
		write_summary(opt_summary);
	for (i = 0; i < njobs; i++) {
		struct tallys *sets[3] = { &jobs[i].lines, &jobs[i].rejected,
			&jobs[i].nearmiss };
		int s;

		for (s = 0; s < 3; s++) {
			for (k = 0; k < sets[s]->n; k++)
				free(sets[s]->v[k].key);
			free(sets[s]->v);
		}
		buf_free(&jobs[i].msgs);
		free(jobs[i].rej);
		free(paths[i]);
	}
	free(jobs);
	free(paths);
	free(manifests);
	free(opt_tags);
	return status;
}
