#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/rec.h"
#include "core/tsv.h"
#include "map/contract_edit.h"
#include "map/formats.h"

/* Does v hold exactly the names of set (NULL-terminated), in any order? */
static int
set_eq(char *const *v, size_t n, const char *const *set)
{
	size_t i, k, m;

	for (m = 0; set[m]; m++)
		;
	if (n != m)
		return 0;
	for (i = 0; i < n; i++) {
		for (k = 0; k < m; k++)
			if (strcmp(v[i], set[k]) == 0)
				break;
		if (k == m)
			return 0;
	}
	return 1;
}

void
contract_join(struct buf *b, const char *const *set, const char *sep)
{
	size_t i;

	for (i = 0; set[i]; i++) {
		if (i)
			buf_adds(b, sep);
		buf_adds(b, set[i]);
	}
	buf_cstr(b);
}

void
contract_services_value(const char *v, int short_names, struct buf *b)
{
	b->len = 0;
	if (strcmp(v, "standard") == 0 || (short_names && strcmp(v, "s") == 0))
		contract_join(b, services_standard, ",");
	else if (strcmp(v, "ai") == 0 || (short_names && strcmp(v, "a") == 0))
		contract_join(b, services_ai, ",");
	else
		buf_adds(b, v);
	buf_cstr(b);
}

const char *
contract_services_set(const struct contract *c)
{
	if (set_eq(c->services, c->nservices, services_standard))
		return "standard";
	if (set_eq(c->services, c->nservices, services_ai))
		return "ai";
	return NULL;
}

int
contract_set_option(struct contract *c, const char *column, const char *v,
    struct err *e)
{
	struct buf b = { 0 };
	int rc;

	if (strcmp(column, "services") == 0) {
		contract_services_value(v, 0, &b);
		v = b.s;
	}
	rc = contract_parse_field(c, column, v, e);
	buf_free(&b);
	return rc;
}

void
contract_set_defaults(struct contract *c, int accounts_given,
    int services_given)
{
	struct err e = { 0 };

	/* the defaults are valid values: these cannot fail */
	if (!accounts_given)
		(void)contract_parse_field(c, "accounts", "all", &e);
	if (!services_given)
		(void)contract_set_option(c, "services",
		    c->program == PROG_MAP_AI ? "ai" : "standard", &e);
}

long
contract_default_end(long start)
{
	int y, m, d;

	date_to_civil(start, &y, &m, &d);
	return date_from_civil(y + 3, m, d) - 1;
}

int
contract_has_ai_service(const struct contract *c)
{
	size_t i;

	for (i = 0; i < c->nservices; i++)
		if (service_is_bedrock(c->services[i]) ||
		    strcmp(c->services[i], "AmazonSageMaker") == 0)
			return 1;
	return 0;
}

void
contract_show_field(const struct contract *c, const char *column,
    struct buf *b)
{
	const char *set;

	b->len = 0;
	if (strcmp(column, "credit_rate") == 0) {
		char m[MONEY_BUFSZ];

		money_fmt(c->rate * 100, m, 0);
		buf_adds(b, m);
		buf_addc(b, '%');
	} else if (strcmp(column, "services") == 0 &&
	    (set = contract_services_set(c)) != NULL)
		buf_adds(b, set);
	else
		contract_format_field(c, column, b);
	if (b->len == 0)
		buf_adds(b, "-");
	buf_cstr(b);
}

/* ---- the contracts file ---- */

static int
has_column(const char *hdr, size_t hlen, const char *name)
{
	size_t i = 0, n = strlen(name);

	for (;;) {
		size_t j = i;

		while (j < hlen && hdr[j] != '\t')
			j++;
		if (j - i == n && memcmp(hdr + i, name, n) == 0)
			return 1;
		if (j >= hlen)
			return 0;
		i = j + 1;
	}
}

int
contract_row(const struct contract *c, const char *hdr, size_t hlen,
    struct buf *row, struct err *e)
{
	struct buf v = { 0 }, name = { 0 };
	size_t i = 0, k;
	const char *what = NULL;

	/* checked first: nothing is appended when a field would be lost */
	if (c->has_projected && !has_column(hdr, hlen, "projected"))
		what = "projected credit";
	else if ((c->auto_new || c->nglobs) &&
	    !has_column(hdr, hlen, "auto_enroll"))
		what = "auto-enrollment rules";
	else if (c->excl != EXCL_DEFAULT &&
	    !has_column(hdr, hlen, "exclusions"))
		what = "exclusions";
	else if (c->principal_tagging && !has_column(hdr, hlen, "ai_route"))
		what = "AI route (ai_route principal)";
	if (what != NULL) {
		err_set(e, EXIT_DATA, 1, "the header has no column for the "
		    "new contract's %s; nothing written", what);
		return -1;
	}
	for (;;) {
		size_t j = i;

		while (j < hlen && hdr[j] != '\t')
			j++;
		name.len = 0;
		buf_add(&name, hdr + i, j - i);
		buf_cstr(&name);
		if (i > 0)
			buf_addc(row, '\t');
		for (k = 0; contract_columns[k]; k++)
			if (strcmp(name.s, contract_columns[k]) == 0)
				break;
		if (contract_columns[k]) {
			v.len = 0;
			contract_format_field(c, contract_columns[k], &v);
			tsv_escape(row, v.s, v.len);
		}
		if (j >= hlen)
			break;
		i = j + 1;
	}
	buf_free(&v);
	buf_free(&name);
	buf_cstr(row);
	return 0;
}

int
contract_append_text(const char *old, size_t oldlen,
    const struct contract *c, struct buf *out, struct err *e)
{
	struct buf hdr = { 0 };
	size_t hlen;
	int crlf = 0, rc;

	if (old == NULL) {
		contract_join(&hdr, contract_columns, "\t");
		buf_add(out, hdr.s, hdr.len);
		buf_addc(out, '\n');
		rc = contract_row(c, hdr.s, hdr.len, out, e);
		buf_addc(out, '\n');
		buf_free(&hdr);
		return rc;
	}
	for (hlen = 0; hlen < oldlen && old[hlen] != '\n'; hlen++)
		;
	if (hlen > 0 && old[hlen - 1] == '\r') {
		hlen--;
		crlf = 1;
	}
	buf_add(out, old, oldlen);
	if (oldlen > 0 && old[oldlen - 1] != '\n')
		buf_adds(out, crlf ? "\r\n" : "\n");
	if (contract_row(c, old, hlen, out, e) != 0)
		return -1;
	buf_adds(out, crlf ? "\r\n" : "\n");
	return 0;
}

/* ---- accounts seen in charge lines ---- */

static int
seen_cmp(const void *a, const void *b)
{
	return strcmp(((const struct seen_account *)a)->id,
	    ((const struct seen_account *)b)->id);
}

int
seen_accounts_load(const char *path, struct seen_accounts *sa,
    struct err *e)
{
	struct recr *r = recr_open(path, &line_schema, e);
	struct line_rec rec;
	struct seen_account *a;
	size_t i;
	int rc;

	memset(sa, 0, sizeof(*sa));
	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &rec, e)) == 1) {
		if (rec.account.n == 0)
			continue;
		for (i = 0; i < sa->n; i++)
			if (strcmp(sa->v[i].id, rec.account.s) == 0)
				break;
		if (i == sa->n) {
			sa->v = xrealloc(sa->v, (sa->n + 1) * sizeof(*sa->v));
			a = &sa->v[sa->n++];
			a->id = xstrdup(rec.account.s);
			a->name = xstrndup(rec.account_name.s,
			    rec.account_name.n);
			a->payer = span_dup(rec.payer);
		} else if (sa->v[i].name[0] == '\0' && rec.account_name.n) {
			free(sa->v[i].name);
			sa->v[i].name = xstrndup(rec.account_name.s,
			    rec.account_name.n);
		}
	}
	recr_close(r);
	if (rc < 0) {
		seen_accounts_free(sa);
		return -1;
	}
	qsort(sa->v, sa->n, sizeof(*sa->v), seen_cmp);
	return 0;
}

void
seen_accounts_free(struct seen_accounts *sa)
{
	size_t i;

	for (i = 0; i < sa->n; i++) {
		free(sa->v[i].id);
		free(sa->v[i].name);
		free(sa->v[i].payer);
	}
	free(sa->v);
	sa->v = NULL;
	sa->n = 0;
}

size_t
seen_accounts_of(const struct seen_accounts *sa, const char *payer,
    size_t *idx)
{
	size_t i, n = 0;

	for (i = 0; i < sa->n; i++)
		if (sa->v[i].payer[0] == '\0' ||
		    strcmp(sa->v[i].payer, payer) == 0)
			idx[n++] = i;
	return n;
}

int
seen_accounts_answer(const struct seen_accounts *sa, const size_t *idx,
    size_t nidx, const char *answer, struct buf *list, struct err *e)
{
	char *copy = xstrdup(answer), *p, *q;
	int rc = 0;

	list->len = 0;
	for (p = copy;; p = q + 1) {
		char *end;
		unsigned long num;

		q = strchr(p, ',');
		if (q)
			*q = '\0';
		while (*p == ' ')
			p++;
		end = p + strlen(p);
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		if (list->len)
			buf_addc(list, ',');
		num = strtoul(p, &end, 10);
		if (*p >= '1' && *p <= '9' && *end == '\0' && strlen(p) < 6) {
			if (num < 1 || num > nidx) {
				err_set(e, EXIT_DATA, 0, "no account number %s "
				    "in the list", p);
				rc = -1;
				break;
			}
			buf_adds(list, sa->v[idx[num - 1]].id);
		} else
			buf_adds(list, p);
		if (q == NULL)
			break;
	}
	buf_cstr(list);
	free(copy);
	return rc;
}
