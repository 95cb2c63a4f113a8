#include <stdlib.h>
#include <string.h>

#include "intake/curlayout.h"

const char *const cur_fmt_names[NCURFMT] = {
	"auto", "cur2", "legacy", "athena", "focus"
};

/* Column names per format (index by enum cur_fmt - 1). NULL: not in
 * the format. */
static const char *const colname[4][NCURFLD] = {
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

static const enum cur_fld required[] = { CF_START, CF_ACCOUNT, CF_COST };

const char *
cur_colname(enum cur_fmt fmt, enum cur_fld f)
{
	return fmt == CUR_AUTO ? NULL : colname[fmt - 1][f];
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

void
cur_snake(const char *k, struct buf *b)
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

enum cur_fmt
cur_detect(const struct csvrow *h)
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
		return CUR_FOCUS;
	if (find(h, "lineItem/UsageAccountId") >= 0 || (slash && !snakecase))
		return CUR_LEGACY;
	if (snakecase && athena_tags)
		return CUR_ATHENA;
	if (snakecase)
		return CUR_CUR2;
	return CUR_AUTO;
}

int
cur_layout_init(struct cur_layout *l, const struct csvrow *h, enum cur_fmt f,
    char *const *tags, size_t ntags,
    int (*near_miss)(const char *key, size_t n), struct err *e)
{
	struct buf b = { 0 };
	size_t i, k;

	memset(l, 0, sizeof(*l));
	l->fmt = f == CUR_AUTO ? cur_detect(h) : f;
	if (l->fmt == CUR_AUTO) {
		err_set(e, EXIT_DATA, h->line, "cannot tell the export format "
		    "from the header (use --format)");
		return -1;
	}
	l->width = h->nf;
	for (i = 0; i < NCURFLD; i++)
		l->col[i] = find(h, cur_colname(l->fmt, (enum cur_fld)i));
	for (i = 0; i < NELEM(required); i++)
		if (l->col[required[i]] < 0) {
			err_set(e, EXIT_DATA, h->line, "missing required "
			    "column '%s' (%s format)",
			    cur_colname(l->fmt, required[i]),
			    cur_fmt_names[l->fmt]);
			return -1;
		}
	l->tagcol_map = -1;
	l->tagcol = xcalloc(ntags + 1, sizeof(int));
	for (k = 0; k < ntags; k++)
		l->tagcol[k] = -1;
	l->nearcol = xcalloc(h->nf + 1, sizeof(int));
	l->nearname = xcalloc(h->nf + 1, sizeof(char *));
	if (l->fmt == CUR_LEGACY || l->fmt == CUR_ATHENA) {
		const char *pre = l->fmt == CUR_LEGACY ? "resourceTags/user:" :
		    "resource_tags_user_";
		const char *mapcol = l->fmt == CUR_LEGACY ?
		    "resourceTags/user:map-migrated" :
		    "resource_tags_user_map_migrated";

		l->tagcol_map = find(h, mapcol);
		for (k = 0; k < ntags; k++) {
			b.len = 0;
			buf_adds(&b, pre);
			if (l->fmt == CUR_ATHENA)
				cur_snake(tags[k], &b);
			else
				buf_adds(&b, tags[k]);
			l->tagcol[k] = find(h, buf_cstr(&b));
		}
		for (i = 0; i < h->nf; i++) {
			size_t pl = strlen(pre);

			if ((int)i != l->tagcol_map &&
			    strncmp(h->f[i], pre, pl) == 0 &&
			    near_miss(h->f[i] + pl, h->len[i] - pl)) {
				l->nearname[l->nnear] = xstrdup(h->f[i]);
				l->nearcol[l->nnear++] = (int)i;
			}
		}
	}
	buf_free(&b);
	return 0;
}

void
cur_layout_free(struct cur_layout *l)
{
	size_t i;

	for (i = 0; i < l->nnear; i++)
		free(l->nearname[i]);
	free(l->nearname);
	free(l->tagcol);
	free(l->nearcol);
}

unsigned char *
cur_layout_want(const struct cur_layout *l, size_t ntags)
{
	unsigned char *want = xcalloc(l->width + 1, 1);
	size_t i;

	for (i = 0; i < NCURFLD; i++)
		if (l->col[i] >= 0)
			want[l->col[i]] = 1;
	if (l->tagcol_map >= 0)
		want[l->tagcol_map] = 1;
	for (i = 0; i < ntags; i++)
		if (l->tagcol[i] >= 0)
			want[l->tagcol[i]] = 1;
	for (i = 0; i < l->nnear; i++)
		want[l->nearcol[i]] = 1;
	return want;
}

