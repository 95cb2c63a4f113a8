/* lifecycle_callers.c: who routed through which inference profile, for
 * the direct-fallback rule (map-model.md §5.3). A profile can be shared:
 * every caller ever seen on it is kept, not only its latest, so a caller
 * that falls back to direct calls is drift whichever caller the profile
 * saw last. The callers outlive a night in the state's callers column. */
#define _GNU_SOURCE		/* qsort_r (POSIX.1-2024; glibc wants this) */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "map/lifecycle.h"
#include "map/lifecycle_int.h"

void
lc_pcall_add(struct lifecycle *lc, uint32_t ent, uint32_t principal,
    int32_t day)
{
	struct lc_pcall *p;

	if (principal == 0)
		return;
	if (lc->npcalls == lc->pcallcap) {
		lc->pcallcap = lc->pcallcap ? lc->pcallcap * 2 : 256;
		lc->pcalls = xrealloc(lc->pcalls, lc->pcallcap *
		    sizeof(*lc->pcalls));
	}
	p = &lc->pcalls[lc->npcalls++];
	p->ent = ent;
	p->principal = principal;
	p->day = day;
}

/* The callers column of a previous state: principals separated by
 * spaces (an IAM ARN has none). */
void
lc_pcall_load(struct lifecycle *lc, uint32_t ent, const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n) {
		for (j = i; j < n && s[j] != ' '; j++)
			;
		if (j > i)
			lc_pcall_add(lc, ent, lc_intern(lc, s + i, j - i),
			    INT32_MIN);
		i = j + 1;
	}
}

/* by day, then profile and caller by their strings, so that the order
 * of the input never matters */
static int
cmp_pcall(const void *a, const void *b, void *arg)
{
	const struct lifecycle *lc = arg;
	const struct lc_pcall *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = lc_keycmp(lc, x->ent, y->ent)) != 0)
		return c;
	return x->principal == y->principal ? 0 :
	    strcmp(S(x->principal), S(y->principal));
}

/* Before the replay: sorted, each (profile, caller, day) once. */
void
lc_pcalls_prepare(struct lifecycle *lc)
{
	size_t i, n = 0;

	if (lc->npcalls > 1)
		qsort_r(lc->pcalls, lc->npcalls, sizeof(*lc->pcalls),
		    cmp_pcall, lc);
	for (i = 0; i < lc->npcalls; i++)
		if (n == 0 || cmp_pcall(&lc->pcalls[n - 1], &lc->pcalls[i],
		    lc) != 0)
			lc->pcalls[n++] = lc->pcalls[i];
	lc->npcalls = n;
	lc->pcall_next = 0;
}

static void
know(struct lifecycle *lc, const struct lc_pcall *p)
{
	uint64_t k = (uint64_t)p->ent << 32 | p->principal;

	if (u64map_get(&lc->known_ht, k) != UINT32_MAX)
		return;
	u64map_put(&lc->known_ht, k, (uint32_t)lc->nknown);
	if (lc->nknown == lc->knowncap) {
		lc->knowncap = lc->knowncap ? lc->knowncap * 2 : 256;
		lc->known = xrealloc(lc->known, lc->knowncap *
		    sizeof(*lc->known));
		lc->callers = xrealloc(lc->callers, lc->knowncap *
		    sizeof(*lc->callers));
	}
	lc->known[lc->nknown].principal = p->principal;
	lc->known[lc->nknown].ent = p->ent;
	lc->nknown++;
}

/* Every caller seen before day becomes known; [*from, *to) are the
 * routings of day itself. day LONG_MAX: all of them. */
void
lc_pcalls_until(struct lifecycle *lc, long day, size_t *from, size_t *to)
{
	size_t i = lc->pcall_next;

	while (i < lc->npcalls && lc->pcalls[i].day < day)
		know(lc, &lc->pcalls[i++]);
	*from = i;
	while (i < lc->npcalls && lc->pcalls[i].day == day)
		i++;
	*to = i;
	lc->pcall_next = *from;
}

static int
cmp_caller(const void *a, const void *b, void *arg)
{
	const struct lifecycle *lc = arg;
	const struct lc_caller *x = a, *y = b;

	if (x->principal != y->principal)
		return x->principal < y->principal ? -1 : 1;
	/* several tagged profiles of one caller: the smallest ARN first */
	return lc_keycmp(lc, x->ent, y->ent);
}

/* The known callers of the profiles that are TAGGED now: rebuilt at the
 * start of each day. */
void
lc_index_tagged_profiles(struct lifecycle *lc)
{
	size_t i;

	lc->ncallers = 0;
	for (i = 0; i < lc->nknown; i++)
		if (lc->ents[lc->known[i].ent].state == ST_TAGGED)
			lc->callers[lc->ncallers++] = lc->known[i];
	if (lc->ncallers > 1)
		qsort_r(lc->callers, lc->ncallers, sizeof(*lc->callers),
		    cmp_caller, lc);
}

/* The tagged profile a caller routed through, or NULL. */
struct lc_ent *
lc_tagged_profile_of(struct lifecycle *lc, uint32_t principal)
{
	size_t lo = 0, hi = lc->ncallers;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (lc->callers[mid].principal < principal)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < lc->ncallers && lc->callers[lo].principal == principal ?
	    &lc->ents[lc->callers[lo].ent] : NULL;
}

static int
cmp_known(const void *a, const void *b, void *arg)
{
	const struct lifecycle *lc = arg;
	const struct lc_caller *x = a, *y = b;

	if (x->ent != y->ent)
		return x->ent < y->ent ? -1 : 1;
	return x->principal == y->principal ? 0 :
	    strcmp(S(x->principal), S(y->principal));
}

/* After the replay, for the state file: every known pair, by entity, the
 * callers of each in byte order. */
void
lc_callers_finish(struct lifecycle *lc)
{
	size_t from, to;

	lc_pcalls_until(lc, LONG_MAX, &from, &to);
	if (lc->nknown > 1)
		qsort_r(lc->known, lc->nknown, sizeof(*lc->known), cmp_known,
		    lc);
}

/* The callers of entity ent: known[*first .. return). */
size_t
lc_callers_of(const struct lifecycle *lc, uint32_t ent, size_t *first)
{
	size_t lo = 0, hi = lc->nknown, end;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (lc->known[mid].ent < ent)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (end = lo; end < lc->nknown && lc->known[end].ent == ent; end++)
		;
	return end;
}
