#include <stdlib.h>
#include <string.h>

#include "intake/jmap.h"
#include "map/charge.h"
#include "map/vocab.h"

static const char *const usage_types[] = { "Usage", "DiscountedUsage",
	"SavingsPlanCoveredUsage" };
static const char *const known_types[] = { "Usage", "DiscountedUsage",
	"SavingsPlanCoveredUsage", "Credit", "Refund", "Tax", "Fee", "RIFee",
	"SavingsPlanUpfrontFee", "SavingsPlanRecurringFee",
	"SavingsPlanNegation", "Discount", "BundledDiscount", "EdpDiscount",
	"PrivateRateDiscount", "Purchase", "Adjustment" };

#define PROFILE "application-inference-profile/"
#define PROFILE_LEN (sizeof(PROFILE) - 1)

static int
streq(const char *a, size_t an, const char *b)
{
	return strlen(b) == an && memcmp(a, b, an) == 0;
}

static int
is_in(const char *s, size_t n, const char *const *set, size_t nset)
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
	size_t m = strlen(needle);
	const char *p = s, *end = s + n, *q;

	/* the needle's first byte by memchr, then the rest */
	while (m > 0 && (size_t)(end - p) >= m &&
	    (q = memchr(p, needle[0], (size_t)(end - p) - m + 1)) != NULL) {
		if (memcmp(q + 1, needle + 1, m - 1) == 0)
			return 1;
		p = q + 1;
	}
	return m == 0;
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

void
charge_init(struct charge *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = CHARGE_NONE;
}

void
charge_free(struct charge *c)
{
	buf_free(&c->entity);
	buf_free(&c->principal);
	free(c->scratch);
	charge_init(c);
}

const char *
charge_kind_name(int kind)
{
	return kind >= 0 && kind < NKIND ? kind_names[kind] : KIND_NONE_NAME;
}

int
charge_type_is_usage(const char *s, size_t n)
{
	return is_in(s, n, usage_types, NELEM(usage_types));
}

int
charge_type_known(const char *s, size_t n)
{
	return is_in(s, n, known_types, NELEM(known_types));
}

struct span
charge_region(const struct charge_in *in)
{
	struct span r = in->region;
	const char *p;
	size_t n;

	if (r.n == 0)
		r = in->region2;
	if (r.n == 0 && arn_field(in->resource.s, in->resource.n, 3, &p,
	    &n) == 0 && n > 0) {
		r.s = p;
		r.n = n;
	}
	if (r.n == 0) {		/* the availability zone: us-east-1a */
		r = in->az;
		if (r.n > 1 && r.s[r.n - 1] >= 'a' && r.s[r.n - 1] <= 'z' &&
		    r.s[r.n - 2] >= '0' && r.s[r.n - 2] <= '9')
			r.n--;
	}
	return r;
}

void
charge_principal(const char *pr, size_t pn, struct buf *b)
{
	const char *part, *svcp, *acct, *resp;
	size_t partn, svcn, an, resn;

	b->len = 0;
	if (pn == 0) {
		buf_cstr(b);
		return;
	}
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
			buf_adds(b, "arn:");
			buf_add(b, part, partn);
			buf_adds(b, ":iam::");
			buf_add(b, acct, an);
			buf_adds(b, ":role/");
			buf_add(b, role, rl);
		}
	}
	if (b->len == 0)
		buf_add(b, pr, pn);
	buf_cstr(b);
}

struct span
charge_model(const char *ut, size_t un)
{
	struct span m = { "", 0 };
	const char *d1 = un ? memchr(ut, '-', un) : NULL, *d2;

	if (d1) {
		d1++;
		d2 = memchr(d1, '-', (size_t)(ut + un - d1));
		m.s = d1;
		m.n = d2 ? (size_t)(d2 - d1) : (size_t)(ut + un - d1);
	}
	return m;
}

/* CUR 2.0 keeps the product name in the `product` map column: a Bedrock
 * model sold through AWS Marketplace says "Bedrock" there. The map is only
 * parsed when the word is in it at all. */
static int
product_map_bedrock(struct charge *c, const char *s, size_t n)
{
	struct jmap_iter it;
	const char *k, *v;
	size_t kl, vl;
	int found = 0;

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

int
charge_is_bedrock(struct charge *c, const struct charge_in *in)
{
	return is_bedrock_code(in->service.s, in->service.n) ||
	    contains(in->product_name.s, in->product_name.n, "Bedrock") ||
	    product_map_bedrock(c, in->product_map.s, in->product_map.n);
}

/* PREFIX A:B:C, the id of an entity CUR gives no id of its own */
static void
entity_key(struct buf *b, const char *prefix, struct span x, struct span y,
    struct span z)
{
	buf_adds(b, prefix);
	buf_add(b, x.s, x.n);
	buf_addc(b, ':');
	buf_add(b, y.s, y.n);
	buf_addc(b, ':');
	buf_add(b, z.s, z.n);
}

void
charge_classify(struct charge *c, const struct charge_in *in)
{
	struct buf *ent = &c->entity;
	const struct span *res = &in->resource;
	const char *p;
	size_t n;

	c->kind = CHARGE_NONE;
	c->model.s = "";
	c->model.n = 0;
	c->region = charge_region(in);
	charge_principal(in->principal.s, in->principal.n, &c->principal);
	ent->len = 0;
	if (!charge_type_is_usage(in->line_type.s, in->line_type.n))
		;
	else if (charge_is_bedrock(c, in)) {
		c->model = charge_model(in->usage_type.s, in->usage_type.n);
		if (arn_field(res->s, res->n, 5, &p, &n) == 0 &&
		    n > PROFILE_LEN && memcmp(p, PROFILE, PROFILE_LEN) == 0) {
			c->kind = K_PROFILE;
			buf_add(ent, res->s, res->n);
		} else {
			c->kind = K_AIDIRECT;
			if (c->principal.len)
				buf_add(ent, c->principal.s, c->principal.len);
			else
				entity_key(ent, "ai-direct:", in->account,
				    c->region, c->model);
		}
	} else if (res->n) {
		c->kind = K_RESOURCE;
		buf_add(ent, res->s, res->n);
	} else {
		c->kind = K_UNATTRIBUTED;
		entity_key(ent, "unattributed:", in->account, in->service,
		    c->region);
	}
	buf_cstr(ent);
}

/* ---- tag keys ---- */

int
charge_tag_key_is(const char *k, size_t kl, int focus, int principal,
    const char *name)
{
	/* The key a tag NAME has in this map column: PREFIX + NAME */
	const char *pre;
	size_t pl;

	if (focus) {
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

int
charge_tag_mapish(const char *k, size_t n)
{
	static const char want[] = "mapmigrated";
	size_t i, j = 0;

	for (i = 0; i < n; i++) {
		char ch = k[i];

		if (ch == ' ' || ch == '_' || ch == '-' || ch == '.')
			continue;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (j >= sizeof(want) - 1 || ch != want[j])
			return 0;
		j++;
	}
	return j == sizeof(want) - 1;
}

int
charge_tag_near_miss(const char *k, size_t kl)
{
	static const char *const pre[] = { "resourceTags/user:",
		"iamPrincipal/", "user:", "user_" };
	const char *p = k;
	size_t pl = kl, q;

	for (q = 0; q < NELEM(pre); q++)
		if (kl > strlen(pre[q]) &&
		    memcmp(k, pre[q], strlen(pre[q])) == 0) {
			p = k + strlen(pre[q]);
			pl = kl - strlen(pre[q]);
			break;
		}
	return charge_tag_mapish(p, pl);
}

int
charge_tag_misspelled(const char *k, size_t kl, int focus, const char **name,
    size_t *nl)
{
	static const char rt[] = "resourceTags/user:", fu[] = "user:";
	const char *pre = focus ? fu : rt;
	size_t pl = strlen(pre);

	if (kl > pl && memcmp(k, pre, pl) == 0) {
		k += pl;
		kl -= pl;
	} else if (!focus)
		return 0;	/* iamPrincipal/, resourceTags/aws:, ... */
	if (streq(k, kl, MAP_TAG_KEY) || !charge_tag_mapish(k, kl))
		return 0;
	*name = k;
	*nl = kl;
	return 1;
}
