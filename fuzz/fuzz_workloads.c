/* fuzz_workloads.c: workloads_load and workloads_load_all over the bytes
 * as a file, then owner queries built from the file's own claims.
 * Loading: on success every workload has its six fields non-empty and a
 * unique name, every claim is well formed as workload.h says (kind, text
 * "KIND:VALUE", 12-digit accounts, tag keys without '=' and listed once in
 * tagkeys, profile and principal ARNs), no claim is written twice and
 * lines increase; on failure nothing is left and e names a line of the
 * input. workloads_load_all reports its problems in line order, returns
 * their count, and agrees with workloads_load (same first problem, or the
 * same workloads and claims when there is none).
 * Resolution: for the first claims, queries use the claim's value (and
 * its neighbours') as entity, account, principal and tag values, whole,
 * extended and cut short. Each is resolved twice (same answer, same tie
 * message) and checked against a linear-scan reference of the documented
 * specificity rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map/workload.h"
#include "fuzz.h"

#define MAXQ 48		/* claims that get queries */

/* ---- reference resolution: a scan over the claims ---- */

FUZZ_NOCOV static long
ref_find(const struct workloads *ws, enum claimkind k, const char *key,
    const char *v)
{
	size_t i;

	for (i = 0; i < ws->nc; i++)
		if (ws->c[i].kind == k && strcmp(ws->c[i].value, v) == 0 &&
		    (k != CL_TAG || strcmp(ws->c[i].key, key) == 0))
			return (long)i;
	return -1;
}

FUZZ_NOCOV static long
ref_resolve(const struct workloads *ws, const struct owner_query *q)
{
	const char *ent = q->entity ? q->entity : "";
	const char *pr = q->principal ? q->principal : "";
	size_t i, n, bestn = 0;
	long a, b, best = -1;

	if (*ent && (a = ref_find(ws, CL_RESOURCE, NULL, ent)) >= 0)
		return (long)ws->c[a].w;
	for (i = 0; i < ws->nc; i++) {
		n = strlen(ws->c[i].value);
		if (ws->c[i].kind == CL_PREFIX && n > bestn &&
		    strncmp(ent, ws->c[i].value, n) == 0) {
			best = (long)i;
			bestn = n;
		}
	}
	if (best >= 0)
		return (long)ws->c[best].w;
	a = *ent ? ref_find(ws, CL_PROFILE, NULL, ent) : -1;
	b = *pr ? ref_find(ws, CL_PRINCIPAL, NULL, pr) : -1;
	if (a >= 0 && b >= 0 && ws->c[a].w != ws->c[b].w)
		return -2;
	if (a >= 0 || b >= 0)
		return (long)ws->c[a >= 0 ? a : b].w;
	best = -1;
	for (i = 0; q->tagvals && i < ws->ntagkeys; i++) {
		if (q->tagvals[i] == NULL || *q->tagvals[i] == '\0')
			continue;
		a = ref_find(ws, CL_TAG, ws->tagkeys[i], q->tagvals[i]);
		if (a < 0)
			continue;
		if (best >= 0 && ws->c[best].w != ws->c[a].w)
			return -2;
		if (best < 0)
			best = a;
	}
	if (best >= 0)
		return (long)ws->c[best].w;
	if (q->account && *q->account &&
	    (a = ref_find(ws, CL_ACCOUNT, NULL, q->account)) >= 0)
		return (long)ws->c[a].w;
	return -1;
}

static int
err_eq(const struct err *a, const struct err *b)
{
	return a->status == b->status && a->line == b->line &&
	    strcmp(a->msg, b->msg) == 0;
}

static void
check_query(const struct workloads *ws, const struct owner_query *q)
{
	struct err e1, e2;
	long r1, r2;

	memset(&e1, 0, sizeof(e1));
	memset(&e2, 0, sizeof(e2));
	r1 = workloads_resolve(ws, q, &e1);
	r2 = workloads_resolve(ws, q, &e2);
	FUZZ_CHECK(r1 == r2);
	FUZZ_CHECK(r1 >= -2 && r1 < (long)ws->nw);
	FUZZ_CHECK(r1 == ref_resolve(ws, q));
	if (r1 == -2) {
		FUZZ_CHECK(e1.status == EXIT_DATA && e1.msg[0] != '\0');
		FUZZ_CHECK(strstr(e1.msg, " tie") != NULL);
		FUZZ_CHECK(err_eq(&e1, &e2));
	} else {
		FUZZ_CHECK(e1.status == 0 && e2.status == 0);
	}
}

static char *
cat(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *s = malloc(na + nb + 1);

	memcpy(s, a, na);
	memcpy(s + na, b, nb + 1);
	return s;
}

static void
check_resolve(const struct workloads *ws)
{
	const char **tv = calloc(ws->ntagkeys + 1, sizeof(*tv));
	size_t *first = calloc(ws->ntagkeys + 1, sizeof(*first));
	struct owner_query q;
	size_t j, k, i, nc = ws->nc;

	memset(&q, 0, sizeof(q));
	check_query(ws, &q);		/* all NULL */
	q.entity = q.account = q.principal = "";
	q.tagvals = tv;
	for (k = 0; k < ws->ntagkeys; k++)
		tv[k] = "";
	check_query(ws, &q);		/* all empty */
	/* for each tag key, its first claim + 1 (0: none) */
	for (i = 0; i < nc; i++)
		if (ws->c[i].kind == CL_TAG)
			for (k = 0; k < ws->ntagkeys; k++)
				if (!first[k] &&
				    strcmp(ws->tagkeys[k], ws->c[i].key) == 0)
					first[k] = i + 1;
	for (j = 0; j < nc && j < MAXQ; j++) {
		const char *v = ws->c[j].value;
		const char *v1 = ws->c[(j + 1) % nc].value;
		const char *v2 = ws->c[(j + 2) % nc].value;
		char *ext = cat(v, "/x"), *cut = cat(v, "");

		cut[strlen(cut) - 1] = '\0';
		/* the value everywhere */
		q.account = q.entity = q.principal = v;
		q.entity_kind = "resource";
		for (k = 0; k < ws->ntagkeys; k++)
			tv[k] = v;
		check_query(ws, &q);
		/* extended (prefixes), with neighbours' values */
		q.entity = ext;
		q.account = v1;
		q.principal = "";
		for (k = 0; k < ws->ntagkeys; k++)
			tv[k] = ws->c[(j + k) % nc].value;
		check_query(ws, &q);
		/* cut short; no tag values */
		q.entity = cut;
		q.principal = v1;
		q.account = v2;
		q.tagvals = NULL;
		check_query(ws, &q);
		/* a neighbour as entity, the value as principal, and every
		 * key's first tag value (ties across keys) */
		q.entity = v1;
		q.principal = v;
		q.entity_kind = "profile";
		q.tagvals = tv;
		for (k = 0; k < ws->ntagkeys; k++)
			tv[k] = first[k] ? ws->c[first[k] - 1].value : "";
		if (ws->c[j].kind == CL_TAG)
			for (k = 0; k < ws->ntagkeys; k++)
				if (strcmp(ws->tagkeys[k], ws->c[j].key) == 0)
					tv[k] = v;
		check_query(ws, &q);
		free(ext);
		free(cut);
	}
	free(tv);
	free(first);
}

/* ---- a loaded file ---- */

static const char *const kinds[] = { "", "account", "tag", "profile",
	"principal", "prefix", "resource" };

static void
check_set(const struct workloads *ws, const char *path)
{
	size_t i, k;
	int *used = calloc(ws->nw + 1, sizeof(*used));
	int *keyused = calloc(ws->ntagkeys + 1, sizeof(*keyused));

	FUZZ_CHECK(ws->path == path && ws->index != NULL);
	FUZZ_CHECK(ws->nw == 0 || ws->w != NULL);
	FUZZ_CHECK(ws->nc == 0 || ws->c != NULL);
	for (i = 0; i < ws->nw; i++) {
		const struct workload *w = &ws->w[i];

		FUZZ_CHECK(*w->name && *w->product && *w->portfolio &&
		    *w->team && *w->owner && *w->engineer);
		for (k = 0; k < i; k++)
			FUZZ_CHECK(strcmp(ws->w[k].name, w->name) != 0);
	}
	for (i = 0; i < ws->ntagkeys; i++)
		for (k = 0; k < i; k++)
			FUZZ_CHECK(strcmp(ws->tagkeys[i], ws->tagkeys[k]) != 0);
	for (i = 0; i < ws->nc; i++) {
		const struct claim *c = &ws->c[i];
		size_t kl = strlen(kinds[c->kind > 0 && c->kind <= CL_RESOURCE ?
		    c->kind : 0]);

		FUZZ_CHECK(c->kind >= CL_ACCOUNT && c->kind <= CL_RESOURCE);
		FUZZ_CHECK(strcmp(claimkind_name(c->kind), kinds[c->kind]) == 0);
		FUZZ_CHECK(c->w < ws->nw);
		used[c->w] = 1;
		FUZZ_CHECK(c->line >= 2);
		if (i)
			FUZZ_CHECK(c->line > ws->c[i - 1].line);
		FUZZ_CHECK(c->value != NULL && *c->value != '\0');
		/* text is KIND:VALUE or tag:KEY=VALUE */
		FUZZ_CHECK(strncmp(c->text, kinds[c->kind], kl) == 0 &&
		    c->text[kl] == ':');
		if (c->kind == CL_TAG) {
			size_t n = strlen(c->key);

			FUZZ_CHECK(n > 0 && strchr(c->key, '=') == NULL);
			FUZZ_CHECK(strncmp(c->text + kl + 1, c->key, n) == 0 &&
			    c->text[kl + 1 + n] == '=' &&
			    strcmp(c->text + kl + 2 + n, c->value) == 0);
			for (k = 0; k < ws->ntagkeys; k++)
				if (strcmp(ws->tagkeys[k], c->key) == 0)
					break;
			FUZZ_CHECK(k < ws->ntagkeys);
			keyused[k] = 1;
		} else {
			FUZZ_CHECK(c->key == NULL);
			FUZZ_CHECK(strcmp(c->text + kl + 1, c->value) == 0);
		}
		switch (c->kind) {
		case CL_ACCOUNT:
			FUZZ_CHECK(strlen(c->value) == 12 &&
			    strspn(c->value, "0123456789") == 12);
			break;
		case CL_PROFILE:
			FUZZ_CHECK(strncmp(c->value, "arn:", 4) == 0 &&
			    strstr(c->value, ":application-inference-profile/"));
			break;
		case CL_PRINCIPAL:
			FUZZ_CHECK(strncmp(c->value, "arn:", 4) == 0 &&
			    !strstr(c->value, ":assumed-role/"));
			break;
		default:
			break;
		}
		for (k = 0; k < i; k++)
			FUZZ_CHECK(ws->c[k].kind != c->kind ||
			    strcmp(ws->c[k].value, c->value) != 0 ||
			    (c->kind == CL_TAG &&
			    strcmp(ws->c[k].key, c->key) != 0));
	}
	for (i = 0; i < ws->nw; i++)
		FUZZ_CHECK(used[i]);
	for (i = 0; i < ws->ntagkeys; i++)
		FUZZ_CHECK(keyused[i]);
	free(used);
	free(keyused);
	check_resolve(ws);
}

/* ---- load_all's problems ---- */

struct probs {
	int n;
	long last;
	int bad;
	struct err first;
};

static void
onproblem(void *arg, const struct err *e)
{
	struct probs *p = arg;

	if (e->status != EXIT_DATA || e->line < 2 || e->line <= p->last ||
	    e->msg[0] == '\0')
		p->bad = 1;
	if (p->n++ == 0)
		p->first = *e;
	p->last = e->line;
}

/* Lines in the input as the loader reads it: gzip input inflated; no
 * bound (SIZE_MAX) when the gzip is broken. */
static size_t
count_lines(const uint8_t *data, size_t size)
{
	uint8_t *unz = NULL;
	size_t i, n = 1;

	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		if (fuzz_gunzip(data, size, &unz, &size) != 0)
			return SIZE_MAX;
		data = unz;
	}
	for (i = 0; i < size; i++)
		n += data[i] == '\n';
	free(unz);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct workloads ws, ws2;
	struct owner_query q;
	struct err e, e2;
	struct probs p;
	size_t i, k, lines;
	int rc, rc2;

	lines = count_lines(data, size);
	memset(&e, 0xa5, sizeof(e));
	rc = workloads_load(path, &ws, &e);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		FUZZ_CHECK(e.status == 0);
		check_set(&ws, path);
	} else {
		FUZZ_CHECK(ws.path == path);
		FUZZ_CHECK(ws.nw == 0 && ws.nc == 0 && ws.ntagkeys == 0 &&
		    ws.w == NULL && ws.c == NULL && ws.index == NULL);
		FUZZ_CHECK(e.status == EXIT_DATA && e.msg[0] != '\0');
		FUZZ_CHECK(e.line >= 0 && (size_t)e.line <= lines);
		/* resolving over what a failed load leaves: unowned */
		memset(&q, 0, sizeof(q));
		q.entity = q.account = q.principal = "x";
		FUZZ_CHECK(workloads_resolve(&ws, &q, &e2) == -1);
	}

	memset(&p, 0, sizeof(p));
	memset(&e2, 0x5a, sizeof(e2));
	rc2 = workloads_load_all(path, &ws2, onproblem, &p, &e2);
	FUZZ_CHECK(!p.bad);
	if (rc2 >= 0) {
		FUZZ_CHECK(rc2 == p.n);
		FUZZ_CHECK(p.n == 0 || (size_t)p.last <= lines);
		check_set(&ws2, path);
	} else {
		FUZZ_CHECK(rc2 == -1 && ws2.path == path);
		FUZZ_CHECK(ws2.nw == 0 && ws2.nc == 0 && ws2.index == NULL);
		FUZZ_CHECK(e2.status == EXIT_DATA && e2.msg[0] != '\0');
	}
	if (rc == 0) {
		FUZZ_CHECK(rc2 == 0 && ws2.nw == ws.nw && ws2.nc == ws.nc &&
		    ws2.ntagkeys == ws.ntagkeys);
		for (i = 0; i < ws.nc; i++) {
			FUZZ_CHECK(ws.c[i].kind == ws2.c[i].kind &&
			    ws.c[i].w == ws2.c[i].w &&
			    ws.c[i].line == ws2.c[i].line &&
			    strcmp(ws.c[i].text, ws2.c[i].text) == 0);
		}
		for (i = 0; i < ws.nw; i++)
			FUZZ_CHECK(strcmp(ws.w[i].name, ws2.w[i].name) == 0);
		for (k = 0; k < ws.ntagkeys; k++)
			FUZZ_CHECK(strcmp(ws.tagkeys[k], ws2.tagkeys[k]) == 0);
	} else if (p.n > 0) {
		FUZZ_CHECK(err_eq(&e, &p.first));
	} else {
		FUZZ_CHECK(rc2 == -1 && err_eq(&e, &e2));
	}
	workloads_free(&ws);
	workloads_free(&ws2);
	FUZZ_CHECK(ws.index == NULL && ws.nc == 0);
	workloads_free(&ws);	/* harmless twice */
	return 0;
}
