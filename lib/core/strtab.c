#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/hash.h"
#include "core/strtab.h"

#define BLOCK (1 << 20)

static char *
store(struct strtab *t, const char *s, size_t n)
{
	char *p;

	if (t->nblocks == 0 || t->bused + n + 1 > t->bcap) {
		size_t cap = n + 1 > BLOCK ? n + 1 : BLOCK;

		t->blocks = xrealloc(t->blocks, (t->nblocks + 1) *
		    sizeof(*t->blocks));
		t->blocks[t->nblocks++] = xmalloc(cap);
		t->bcap = cap;
		t->bused = 0;
	}
	p = t->blocks[t->nblocks - 1] + t->bused;
	memcpy(p, s, n);
	p[n] = '\0';
	t->bused += n + 1;
	return p;
}

static void
rehash(struct strtab *t, size_t nslots)
{
	uint32_t i;

	free(t->slots);
	t->slots = xcalloc(nslots, sizeof(*t->slots));
	t->nslots = nslots;
	for (i = 0; i < t->n; i++) {
		size_t j = (size_t)hash64(t->str[i], t->len[i]) & (nslots - 1);

		while (t->slots[j])
			j = (j + 1) & (nslots - 1);
		t->slots[j] = i + 1;
	}
}

void
strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof(*t));
	rehash(t, 1024);
	strtab_intern(t, "", 0);
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t n)
{
	uint64_t h = hash64(s, n);
	size_t j = (size_t)h & (t->nslots - 1);

	while (t->slots[j]) {
		uint32_t id = t->slots[j] - 1;

		if (t->len[id] == n && memcmp(t->str[id], s, n) == 0)
			return id;
		j = (j + 1) & (t->nslots - 1);
	}
	return UINT32_MAX;
}

uint32_t
strtab_intern(struct strtab *t, const char *s, size_t n)
{
	uint64_t h = hash64(s, n);
	size_t j = (size_t)h & (t->nslots - 1);
	uint32_t id;

	while (t->slots[j]) {
		id = t->slots[j] - 1;
		if (t->len[id] == n && memcmp(t->str[id], s, n) == 0)
			return id;
		j = (j + 1) & (t->nslots - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->str = xrealloc(t->str, t->cap * sizeof(*t->str));
		t->len = xrealloc(t->len, t->cap * sizeof(*t->len));
	}
	id = t->n++;
	t->str[id] = store(t, s, n);
	t->len[id] = (uint32_t)n;
	t->slots[j] = id + 1;
	if ((size_t)t->n * 4 > t->nslots * 3)	/* load factor 3/4 */
		rehash(t, t->nslots * 2);
	return id;
}

void
strtab_free(struct strtab *t)
{
	size_t i;

	for (i = 0; i < t->nblocks; i++)
		free(t->blocks[i]);
	free(t->blocks);
	free(t->str);
	free(t->len);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}
