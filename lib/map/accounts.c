/* accounts.c: the accounts file and `aws organizations list-accounts`.
 * The JSON is nested (an array of objects), which intake/jmap does not
 * read: it goes through jansson, Debian's well-kept JSON library. */
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/date.h"
#include "core/rec.h"
#include "map/accounts.h"
#include "map/formats.h"

static int
cmp_account(const void *a, const void *b)
{
	return strcmp(((const struct account *)a)->id,
	    ((const struct account *)b)->id);
}

static void
add(struct accounts *as, size_t *cap, const char *id, size_t idn,
    const char *name, size_t namen, long joined)
{
	struct account *a;

	if (as->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		as->v = xrealloc(as->v, *cap * sizeof(*as->v));
	}
	a = &as->v[as->n++];
	a->id = xstrndup(id, idn);
	a->name = xstrndup(name, namen);
	a->joined = joined;
}

/* sorted; an id twice is an error naming it */
static int
finish(struct accounts *as, struct err *e)
{
	size_t i;

	if (as->n > 1)
		qsort(as->v, as->n, sizeof(*as->v), cmp_account);
	for (i = 1; i < as->n; i++)
		if (strcmp(as->v[i - 1].id, as->v[i].id) == 0) {
			err_set(e, EXIT_DATA, 0, "account '%s' appears twice",
			    as->v[i].id);
			accounts_free(as);
			return -1;
		}
	return 0;
}

static int
valid_id(const char *s, size_t n)
{
	size_t i;

	if (n != 12)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
accounts_load(const char *path, struct accounts *as, struct err *e)
{
	struct recr *r = recr_open(path, &account_schema, e);
	struct account_rec a;
	size_t cap = 0;
	int rc;

	memset(as, 0, sizeof(*as));
	if (r == NULL)
		return -1;
	while ((rc = recr_next(r, &a, e)) == 1) {
		if (!valid_id(a.account.s, a.account.n)) {
			rec_bad(r->t, e, "column 'account': '%s' is not a "
			    "12-digit account id", a.account.s);
			rc = -1;
			break;
		}
		add(as, &cap, a.account.s, a.account.n, a.name.s, a.name.n,
		    a.joined);
	}
	recr_close(r);
	if (rc < 0) {
		accounts_free(as);
		return -1;
	}
	return finish(as, e);
}

/* digits at s[*i..], exactly n of them */
static int
digits(const char *s, size_t *i, int n, int *out)
{
	int v = 0, k;

	for (k = 0; k < n; k++, (*i)++) {
		if (s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + s[*i] - '0';
	}
	*out = v;
	return 0;
}

/* ISO 8601 as the AWS CLI prints it, to its UTC day: a date, and maybe a
 * time with a fraction and Z or an offset (±HH:MM or ±HHMM). */
static int
iso_day(const char *s, long *day)
{
	size_t i = 10;
	int h = 0, m = 0, sec = 0, oh = 0, om = 0, sign = 0;
	long d;
	int64_t t;

	if (strlen(s) < 10 || date_parse_day(s, 10, &d))
		return -1;
	if (s[i] == '\0') {
		*day = d;
		return 0;
	}
	if (s[i] != 'T' && s[i] != ' ')
		return -1;
	i++;
	if (digits(s, &i, 2, &h) || s[i++] != ':' || digits(s, &i, 2, &m) ||
	    s[i++] != ':' || digits(s, &i, 2, &sec) || h > 23 || m > 59 ||
	    sec > 60)
		return -1;
	if (s[i] == '.' || s[i] == ',') {
		i++;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (s[i] == 'Z')
		i++;
	else if (s[i] == '+' || s[i] == '-') {
		sign = s[i++] == '+' ? 1 : -1;
		if (digits(s, &i, 2, &oh))
			return -1;
		if (s[i] == ':')
			i++;
		if (digits(s, &i, 2, &om) || oh > 23 || om > 59)
			return -1;
	} else if (s[i] != '\0')
		return -1;
	if (s[i] != '\0')
		return -1;
	t = (int64_t)d * 86400 + h * 3600 + m * 60 + sec -
	    sign * (oh * 3600 + om * 60);
	*day = (long)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
	return 0;
}

static int
epoch_day(double v, long *day)
{
	if (!(v >= 0 && v < 4102444800.0))	/* 1970 .. 2100 */
		return -1;
	*day = (long)(v / 86400);
	return 0;
}

static int
joined_day(json_t *j, long *day)
{
	const char *s;
	char *end;
	double v;

	if (j == NULL || json_is_null(j)) {
		*day = DAY_NONE;
		return 0;
	}
	if (json_is_number(j))
		return epoch_day(json_number_value(j), day);
	if (!json_is_string(j))
		return -1;
	s = json_string_value(j);
	if (iso_day(s, day) == 0)
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || *end != '\0' || errno)
		return -1;
	return epoch_day(v, day);
}

static int
take_page(json_t *doc, long line, struct accounts *as, size_t *cap,
    struct err *e)
{
	json_t *list = json_is_object(doc) ? json_object_get(doc, "Accounts") :
	    NULL, *a;
	size_t i;

	if (!json_is_array(list)) {
		err_set(e, EXIT_DATA, line, "no \"Accounts\" array: not the "
		    "output of aws organizations list-accounts");
		return -1;
	}
	json_array_foreach(list, i, a) {
		json_t *id = json_object_get(a, "Id");
		json_t *name = json_object_get(a, "Name");
		const char *ids;
		long day;

		if (!json_is_string(id) || !valid_id(json_string_value(id),
		    json_string_length(id))) {
			err_set(e, EXIT_DATA, line, "Accounts[%zu]: \"Id\" is "
			    "not a 12-digit account id", i);
			return -1;
		}
		ids = json_string_value(id);
		if (name != NULL && !json_is_string(name)) {
			err_set(e, EXIT_DATA, line, "Accounts[%zu] (%s): "
			    "\"Name\" is not a string", i, ids);
			return -1;
		}
		if (joined_day(json_object_get(a, "JoinedTimestamp"), &day)) {
			err_set(e, EXIT_DATA, line, "Accounts[%zu] (%s): "
			    "\"JoinedTimestamp\" is not an ISO 8601 time or "
			    "epoch seconds", i, ids);
			return -1;
		}
		if (name && (strchr(json_string_value(name), '\t') ||
		    strchr(json_string_value(name), '\n'))) {
			err_set(e, EXIT_DATA, line, "Accounts[%zu] (%s): "
			    "\"Name\" holds a tab or a newline", i, ids);
			return -1;
		}
		add(as, cap, ids, 12, name ? json_string_value(name) : "",
		    name ? json_string_length(name) : 0, day);
	}
	return 0;
}

static char *
slurp(const char *path, size_t *n, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, got;

	*n = 0;
	if (f == NULL) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		return NULL;
	}
	do {
		if (cap - *n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap + 1);
		}
		got = fread(buf + *n, 1, cap - *n, f);
		*n += got;
	} while (got > 0);
	if (ferror(f)) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	return buf;
}

int
accounts_load_organizations(const char *path, struct accounts *as,
    struct err *e)
{
	size_t n, off = 0, cap = 0, pages = 0;
	char *buf = slurp(path, &n, e);
	long line = 1;

	memset(as, 0, sizeof(*as));
	if (buf == NULL)
		return -1;
	for (;;) {
		json_error_t je;
		json_t *doc;
		size_t k;

		while (off < n && strchr(" \t\r\n", buf[off]) && buf[off]) {
			if (buf[off] == '\n')
				line++;
			off++;
		}
		if (off == n)
			break;
		doc = json_loadb(buf + off, n - off, JSON_DISABLE_EOF_CHECK |
		    JSON_REJECT_DUPLICATES, &je);
		if (doc == NULL) {
			err_set(e, EXIT_DATA, line + je.line - 1, "%s",
			    je.text);
			goto fail;
		}
		if (take_page(doc, line, as, &cap, e)) {
			json_decref(doc);
			goto fail;
		}
		json_decref(doc);
		for (k = 0; k < (size_t)je.position; k++)
			if (buf[off + k] == '\n')
				line++;
		off += (size_t)je.position;
		pages++;
	}
	free(buf);
	if (pages == 0) {
		err_set(e, EXIT_DATA, 1, "empty: no JSON document");
		return -1;
	}
	return finish(as, e);
fail:
	free(buf);
	accounts_free(as);
	return -1;
}

void
accounts_free(struct accounts *as)
{
	size_t i;

	for (i = 0; i < as->n; i++) {
		free(as->v[i].id);
		free(as->v[i].name);
	}
	free(as->v);
	memset(as, 0, sizeof(*as));
}

const struct account *
accounts_find(const struct accounts *as, const char *id)
{
	struct account k;

	if (as == NULL || as->n == 0)
		return NULL;
	k.id = (char *)(uintptr_t)id;
	return bsearch(&k, as->v, as->n, sizeof(*as->v), cmp_account);
}

void
accounts_write(const struct accounts *as, struct out *o)
{
	size_t i;

	out_s(o, HDR_ACCOUNTS);
	for (i = 0; i < as->n; i++) {
		out_s(o, as->v[i].id);
		out_c(o, '\t');
		out_vals(o, as->v[i].name);
		out_c(o, '\t');
		out_day(o, as->v[i].joined);
		out_c(o, '\n');
	}
}

static int
overlap(const struct contracts *cs, const struct accounts *as,
    const struct contract *c, const struct contract *o, const char *acct,
    void (*cb)(void *, const struct enroll_overlap *), void *arg)
{
	const struct account *a = accounts_find(as, acct);
	struct enroll_overlap v;
	size_t g;

	(void)cs;
	v.rule_of = c;
	v.lister = o;
	v.account = acct;
	v.glob = NULL;
	if (!c->auto_new) {
		for (g = 0; g < c->nglobs; g++)
			if (a != NULL && *a->name && fnmatch(c->name_globs[g],
			    a->name, 0) == 0)
				break;
		if (g == c->nglobs)
			return 0;
		v.glob = c->name_globs[g];
	}
	cb(arg, &v);
	return 1;
}

size_t
contracts_enroll_overlaps(const struct contracts *cs,
    const struct accounts *as, void (*cb)(void *, const struct enroll_overlap *),
    void *arg)
{
	size_t i, j, k, n = 0;

	for (i = 0; i < cs->n; i++) {
		const struct contract *c = &cs->v[i];

		if (!c->auto_new && c->nglobs == 0)
			continue;
		for (j = 0; j < cs->n; j++) {
			const struct contract *o = &cs->v[j];

			if (j == i || o->program != c->program ||
			    o->all_accounts || strcmp(o->payer, c->payer) != 0)
				continue;
			for (k = 0; k < o->naccounts; k++)
				if (!contract_has_account(c, o->accounts[k]))
					n += (size_t)overlap(cs, as, c, o,
					    o->accounts[k], cb, arg);
		}
	}
	return n;
}
