/* workload.c: the workloads file and ownership resolution.
 *
 * Resolution looks claims up in one open-addressing hash table keyed by
 * (kind, tag key, value): exact claims cost one probe each, prefixes one
 * probe per distinct prefix length, longest first. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/tsv.h"
#include "map/workload.h"

static const char *const kindnames[] = { "", "account", "tag", "profile",
	"principal", "prefix", "resource" };

static const char *const wcols[] = { "workload", "product", "portfolio",
	"team", "owner", "engineer", "claim" };

struct slot {
	uint64_t h;
	size_t claim;		/* claim index + 1; 0: empty */
};

struct windex {
	struct slot *slots;
	size_t mask;
	size_t *ctag;		/* per claim: tag key index (tag claims) */
	size_t *plen;		/* distinct prefix lengths, longest 1st */
	size_t nplen;
	long *wline;		/* per workload: first line */
};

const char *
claimkind_name(enum claimkind k)
{
	if ((size_t)k < NELEM(kindnames))
		return kindnames[k];
	return "?";
}

static uint64_t
khash(enum claimkind k, size_t tag, const char *v, size_t n)
{
	uint64_t h = hash64(v, n);

	h ^= (uint64_t)k * 0x9E3779B97F4A7C15ULL;
	h ^= (uint64_t)(tag + 1) * 0xC2B2AE3D27D4EB4FULL;
	return h;
}

/* The claim index matching (k, tag, v[0..n)), or -1. */
static long
lookup(const struct workloads *ws, enum claimkind k, size_t tag,
    const char *v, size_t n)
{
	const struct windex *x = ws->index;
	uint64_t h;
	size_t i;

	if (x == NULL || x->slots == NULL)
		return -1;
	h = khash(k, tag, v, n);
	for (i = (size_t)h & x->mask; x->slots[i].claim;
	    i = (i + 1) & x->mask) {
		const struct claim *c;

		if (x->slots[i].h != h)
			continue;
		c = &ws->c[x->slots[i].claim - 1];
		if (c->kind == k && (k != CL_TAG ||
		    x->ctag[x->slots[i].claim - 1] == tag) &&
		    strlen(c->value) == n && memcmp(c->value, v, n) == 0)
			return (long)(x->slots[i].claim - 1);
	}
	return -1;
}

static void
insert(struct workloads *ws, size_t ci)
{
	struct windex *x = ws->index;
	const struct claim *c = &ws->c[ci];
	uint64_t h = khash(c->kind, x->ctag[ci], c->value, strlen(c->value));
	size_t i;

	for (i = (size_t)h & x->mask; x->slots[i].claim; i = (i + 1) & x->mask)
		;
	x->slots[i].h = h;
	x->slots[i].claim = ci + 1;
}

static void
rehash(struct workloads *ws, size_t want)
{
	struct windex *x = ws->index;
	size_t cap = 16, i;

	while (cap < want * 2)
		cap *= 2;
	free(x->slots);
	x->slots = xcalloc(cap, sizeof(*x->slots));
	x->mask = cap - 1;
	for (i = 0; i < ws->nc; i++)
		insert(ws, i);
}

/* Workload names: a small separate table while loading. */
struct names {
	size_t *slot;		/* workload index + 1 */
	size_t mask;
};

static long
name_find(const struct workloads *ws, const struct names *nm, const char *s)
{
	size_t i;

	if (nm->slot == NULL)
		return -1;
	for (i = (size_t)hash64(s, strlen(s)) & nm->mask; nm->slot[i];
	    i = (i + 1) & nm->mask)
		if (strcmp(ws->w[nm->slot[i] - 1].name, s) == 0)
			return (long)(nm->slot[i] - 1);
	return -1;
}

static void
name_add(const struct workloads *ws, struct names *nm, size_t wi)
{
	size_t i, cap;

	if (nm->slot == NULL || ws->nw * 2 > nm->mask + 1) {
		cap = nm->slot ? (nm->mask + 1) * 2 : 64;
		free(nm->slot);
		nm->slot = xcalloc(cap, sizeof(*nm->slot));
		nm->mask = cap - 1;
		for (wi = 0; wi < ws->nw; wi++) {
			const char *s = ws->w[wi].name;

			for (i = (size_t)hash64(s, strlen(s)) & nm->mask;
			    nm->slot[i]; i = (i + 1) & nm->mask)
				;
			nm->slot[i] = wi + 1;
		}
		return;
	}
	for (i = (size_t)hash64(ws->w[wi].name, strlen(ws->w[wi].name)) &
	    nm->mask; nm->slot[i]; i = (i + 1) & nm->mask)
		;
	nm->slot[i] = wi + 1;
}

static int
digits12(const char *s)
{
	size_t i;

	for (i = 0; i < 12; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[12] == '\0';
}

/* A value for a message: at most SHOWN bytes of it. */
#define SHOWN 160
static const char *
shown(const char *s, char out[SHOWN + 4])
{
	size_t n = strlen(s);

	if (n <= SHOWN)
		return s;
	memcpy(out, s, SHOWN);
	memcpy(out + SHOWN, "...", 4);
	return out;
}

/* Parse a claim; fills c (kind, key, value, text); 0 or -1 with e. */
static int
parse_claim(const char *s, struct claim *c, struct err *e, long line)
{
	const char *colon = strchr(s, ':'), *v, *eq;
	size_t k;
	char sb[SHOWN + 4];

	memset(c, 0, sizeof(*c));
	if (colon == NULL) {
		err_set(e, EXIT_DATA, line, "column 'claim': '%s' is not "
		    "KIND:VALUE (account, tag, resource, prefix, profile, "
		    "principal)", shown(s, sb));
		return -1;
	}
	for (k = 1; k < NELEM(kindnames); k++)
		if (strlen(kindnames[k]) == (size_t)(colon - s) &&
		    memcmp(kindnames[k], s, (size_t)(colon - s)) == 0)
			break;
	if (k == NELEM(kindnames)) {
		char kind[SHOWN + 4];
		size_t n = (size_t)(colon - s);

		if (n > 40)
			n = 40;
		memcpy(kind, s, n);
		kind[n] = '\0';
		err_set(e, EXIT_DATA, line, "column 'claim': unknown claim "
		    "kind '%s' (account, tag, resource, prefix, profile, "
		    "principal)", kind);
		return -1;
	}
	v = colon + 1;
	c->kind = (enum claimkind)k;
	if (*v == '\0') {
		err_set(e, EXIT_DATA, line, "column 'claim': empty %s claim",
		    kindnames[k]);
		return -1;
	}
	switch (c->kind) {
	case CL_ACCOUNT:
		if (strlen(v) != 12 || !digits12(v)) {
			err_set(e, EXIT_DATA, line, "column 'claim': bad "
			    "account id '%s' (want 12 digits)", shown(v, sb));
			return -1;
		}
		break;
	case CL_TAG:
		eq = strchr(v, '=');
		if (eq == NULL || eq == v || eq[1] == '\0') {
			err_set(e, EXIT_DATA, line, "column 'claim': tag claim "
			    "'%s' is not tag:KEY=VALUE", shown(s, sb));
			return -1;
		}
		c->key = xstrndup(v, (size_t)(eq - v));
		v = eq + 1;
		break;
	case CL_PROFILE:
		if (strncmp(v, "arn:", 4) != 0 ||
		    strstr(v, ":application-inference-profile/") == NULL) {
			err_set(e, EXIT_DATA, line, "column 'claim': profile "
			    "claim '%s' is not an application inference "
			    "profile ARN", shown(v, sb));
			return -1;
		}
		break;
	case CL_PRINCIPAL:
		if (strncmp(v, "arn:", 4) != 0) {
			err_set(e, EXIT_DATA, line, "column 'claim': principal "
			    "claim '%s' is not an ARN", shown(v, sb));
			return -1;
		}
		if (strstr(v, ":assumed-role/") != NULL) {
			err_set(e, EXIT_DATA, line, "column 'claim': principal "
			    "claim '%s' is a role session; claim the role "
			    "(arn:aws:iam::ACCOUNT:role/NAME)", shown(v, sb));
			return -1;
		}
		break;
	default:
		break;
	}
	c->value = xstrdup(v);
	c->text = xstrdup(s);
	return 0;
}

static void
claim_free(struct claim *c)
{
	free(c->key);
	free(c->value);
	free(c->text);
}

static size_t
tagkey_index(struct workloads *ws, const char *key)
{
	size_t i;

	for (i = 0; i < ws->ntagkeys; i++)
		if (strcmp(ws->tagkeys[i], key) == 0)
			return i;
	ws->tagkeys = xrealloc(ws->tagkeys, (ws->ntagkeys + 1) *
	    sizeof(*ws->tagkeys));
	ws->tagkeys[ws->ntagkeys] = xstrdup(key);
	return ws->ntagkeys++;
}

/* "claims 'A' (line N, workload a) and 'B' (line M, workload b) tie",
 * the earlier line first. */
static void
tie_msg(const struct claim *a, const char *wa, const struct claim *b,
    const char *wb, struct err *e, long line, const char *tail)
{
	char s1[SHOWN + 4], s2[SHOWN + 4];

	if (b->line < a->line) {
		const struct claim *t = a;
		const char *tw = wa;

		a = b;
		b = t;
		wa = wb;
		wb = tw;
	}
	err_set(e, EXIT_DATA, line, "claims '%s' (line %ld, workload %s) and "
	    "'%s' (line %ld, workload %s) tie%s", shown(a->text, s1), a->line,
	    wa, shown(b->text, s2), b->line, wb, tail);
}

struct loader {
	workload_problem_fn *fn;
	void *arg;
	int all;
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
plen_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? 1 : x > y ? -1 : 0;
}

static int
load(const char *path, struct workloads *ws, struct loader *l,
    struct err *e)
{
	struct tsvr *t;
	struct windex *x;
	struct names nm = { NULL, 0 };
	int col[NELEM(wcols)];
	size_t i, k;
	int rc;

	memset(ws, 0, sizeof(*ws));
	ws->path = path;
	x = xcalloc(1, sizeof(*x));
	ws->index = x;
	t = tsvr_open(path, e);
	if (t == NULL)
		goto fail;
	for (i = 0; i < NELEM(wcols); i++)
		if ((col[i] = tsvr_need(t, wcols[i], e)) < 0)
			goto fail;
	rehash(ws, 8);
	for (;;) {
		struct err fe = { 0 };
		struct claim c;
		const char *f[NELEM(wcols)];
		long wi, ci;

		rc = tsvr_next(t, &fe);
		if (rc == 0)
			break;
		if (rc < 0) {
			if (fe.status == EXIT_DATA && t->line.len > 0 &&
			    t->line.s[0] == '#')
				continue;
			if (fe.status == EXIT_SYS || fe.line != t->lineno) {
				*e = fe;
				goto fail;
			}
			if (problem(l, &fe))
				goto fail;
			continue;
		}
		if (t->line.len > 0 && t->line.s[0] == '#')
			continue;
		for (i = 0; i < NELEM(wcols); i++) {
			f[i] = t->f[col[i]];
			if (*f[i] == '\0')
				break;
		}
		if (i < NELEM(wcols)) {
			err_set(&fe, EXIT_DATA, t->lineno, "column '%s': empty",
			    wcols[i]);
			if (problem(l, &fe))
				goto fail;
			continue;
		}
		if (parse_claim(f[6], &c, &fe, t->lineno) != 0) {
			if (problem(l, &fe))
				goto fail;
			continue;
		}
		c.line = t->lineno;
		wi = name_find(ws, &nm, f[0]);
		if (wi >= 0) {
			const struct workload *w = &ws->w[wi];
			const char *have[5] = { w->product, w->portfolio,
				w->team, w->owner, w->engineer };
			char s1[SHOWN + 4], s2[SHOWN + 4];

			for (i = 0; i < 5; i++)
				if (strcmp(have[i], f[i + 1]) != 0)
					break;
			if (i < 5) {
				err_set(&fe, EXIT_DATA, t->lineno,
				    "workload '%s': %s '%s' differs from '%s' "
				    "on line %ld", w->name, wcols[i + 1],
				    shown(f[i + 1], s1), shown(have[i], s2),
				    x->wline[wi]);
				claim_free(&c);
				if (problem(l, &fe))
					goto fail;
				continue;
			}
		}
		/* the claim must be new */
		{
			size_t tag = 0;

			if (c.kind == CL_TAG) {
				for (tag = 0; tag < ws->ntagkeys &&
				    strcmp(ws->tagkeys[tag], c.key) != 0; tag++)
					;
			}
			ci = lookup(ws, c.kind, tag, c.value, strlen(c.value));
		}
		if (ci >= 0) {
			const struct claim *o = &ws->c[ci];

			if (wi >= 0 && o->w == (size_t)wi)
				err_set(&fe, EXIT_DATA, t->lineno,
				    "workload '%s': duplicate claim '%s' (also "
				    "on line %ld)", f[0], c.text, o->line);
			else
				tie_msg(o, ws->w[o->w].name, &c, f[0], &fe,
				    t->lineno, "");
			claim_free(&c);
			if (problem(l, &fe))
				goto fail;
			continue;
		}
		if (wi < 0) {
			struct workload *w;

			ws->w = xrealloc(ws->w, (ws->nw + 1) * sizeof(*ws->w));
			x->wline = xrealloc(x->wline, (ws->nw + 1) *
			    sizeof(*x->wline));
			w = &ws->w[ws->nw];
			w->name = xstrdup(f[0]);
			w->product = xstrdup(f[1]);
			w->portfolio = xstrdup(f[2]);
			w->team = xstrdup(f[3]);
			w->owner = xstrdup(f[4]);
			w->engineer = xstrdup(f[5]);
			x->wline[ws->nw] = t->lineno;
			wi = (long)ws->nw++;
			name_add(ws, &nm, (size_t)wi);
		}
		c.w = (size_t)wi;
		ws->c = xrealloc(ws->c, (ws->nc + 1) * sizeof(*ws->c));
		x->ctag = xrealloc(x->ctag, (ws->nc + 1) * sizeof(*x->ctag));
		x->ctag[ws->nc] = c.kind == CL_TAG ?
		    tagkey_index(ws, c.key) : 0;
		ws->c[ws->nc++] = c;
		if (ws->nc * 2 > x->mask + 1)
			rehash(ws, ws->nc);
		else
			insert(ws, ws->nc - 1);
		if (c.kind == CL_PREFIX) {
			size_t n = strlen(c.value);

			for (k = 0; k < x->nplen; k++)
				if (x->plen[k] == n)
					break;
			if (k == x->nplen) {
				x->plen = xrealloc(x->plen, (x->nplen + 1) *
				    sizeof(*x->plen));
				x->plen[x->nplen++] = n;
			}
		}
	}
	if (x->nplen > 1)
		qsort(x->plen, x->nplen, sizeof(*x->plen), plen_cmp);
	tsvr_close(t);
	free(nm.slot);
	return 0;
fail:
	tsvr_close(t);
	free(nm.slot);
	if (e->status == 0)
		*e = l->first;
	workloads_free(ws);
	ws->path = path;
	return -1;
}

int
workloads_load(const char *path, struct workloads *ws, struct err *e)
{
	struct loader l;

	memset(&l, 0, sizeof(l));
	err_clear(e);
	return load(path, ws, &l, e);
}

int
workloads_load_all(const char *path, struct workloads *ws,
    workload_problem_fn *fn, void *arg, struct err *e)
{
	struct loader l;

	memset(&l, 0, sizeof(l));
	l.fn = fn;
	l.arg = arg;
	l.all = 1;
	err_clear(e);
	if (load(path, ws, &l, e) != 0)
		return -1;
	return l.problems;
}

void
workloads_free(struct workloads *ws)
{
	struct windex *x = ws->index;
	size_t i;

	for (i = 0; i < ws->nw; i++) {
		free(ws->w[i].name);
		free(ws->w[i].product);
		free(ws->w[i].portfolio);
		free(ws->w[i].team);
		free(ws->w[i].owner);
		free(ws->w[i].engineer);
	}
	free(ws->w);
	for (i = 0; i < ws->nc; i++)
		claim_free(&ws->c[i]);
	free(ws->c);
	for (i = 0; i < ws->ntagkeys; i++)
		free(ws->tagkeys[i]);
	free(ws->tagkeys);
	if (x) {
		free(x->slots);
		free(x->ctag);
		free(x->plen);
		free(x->wline);
		free(x);
	}
	memset(ws, 0, sizeof(*ws));
}

static void
tie(const struct workloads *ws, long a, long b, struct err *e)
{
	tie_msg(&ws->c[a], ws->w[ws->c[a].w].name, &ws->c[b],
	    ws->w[ws->c[b].w].name, e, 0, "");
}

long
workloads_resolve(const struct workloads *ws, const struct owner_query *q,
    struct err *e)
{
	const struct windex *x = ws->index;
	const char *ent = q->entity ? q->entity : "";
	const char *pr = q->principal ? q->principal : "";
	size_t en = strlen(ent), i;
	long a, b, best;

	if (x == NULL || ws->nc == 0)
		return -1;
	/* resource */
	if (en && (a = lookup(ws, CL_RESOURCE, 0, ent, en)) >= 0)
		return (long)ws->c[a].w;
	/* longest prefix */
	for (i = 0; i < x->nplen; i++)
		if (x->plen[i] <= en &&
		    (a = lookup(ws, CL_PREFIX, 0, ent, x->plen[i])) >= 0)
			return (long)ws->c[a].w;
	/* profile = principal */
	a = en ? lookup(ws, CL_PROFILE, 0, ent, en) : -1;
	b = *pr ? lookup(ws, CL_PRINCIPAL, 0, pr, strlen(pr)) : -1;
	if (a >= 0 && b >= 0 && ws->c[a].w != ws->c[b].w) {
		tie(ws, a, b, e);
		return -2;
	}
	if (a >= 0)
		return (long)ws->c[a].w;
	if (b >= 0)
		return (long)ws->c[b].w;
	/* tags */
	best = -1;
	if (q->tagvals != NULL)
		for (i = 0; i < ws->ntagkeys; i++) {
			const char *v = q->tagvals[i];

			if (v == NULL || *v == '\0')
				continue;
			a = lookup(ws, CL_TAG, i, v, strlen(v));
			if (a < 0)
				continue;
			if (best >= 0 && ws->c[best].w != ws->c[a].w) {
				tie(ws, best, a, e);
				return -2;
			}
			if (best < 0)
				best = a;
		}
	if (best >= 0)
		return (long)ws->c[best].w;
	/* account */
	if (q->account && *q->account && (a = lookup(ws, CL_ACCOUNT, 0,
	    q->account, strlen(q->account))) >= 0)
		return (long)ws->c[a].w;
	return -1;
}
