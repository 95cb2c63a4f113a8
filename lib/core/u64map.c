#include <stdlib.h>

#include "core/err.h"
#include "core/u64map.h"

static size_t
slot(const struct u64map *m, uint64_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 32 ^ h) & (m->size - 1);
}

uint32_t
u64map_get(const struct u64map *m, uint64_t key)
{
	size_t j;

	if (m->size == 0)
		return UINT32_MAX;
	for (j = slot(m, key); m->vals[j]; j = (j + 1) & (m->size - 1))
		if (m->keys[j] == key)
			return m->vals[j] - 1;
	return UINT32_MAX;
}

void
u64map_put(struct u64map *m, uint64_t key, uint32_t val)
{
	size_t j;

	if ((m->n + 1) * 4 > m->size * 3) {
		struct u64map g = { 0 };
		size_t i;

		g.size = m->size ? m->size * 2 : 64;
		g.keys = xcalloc(g.size, sizeof(*g.keys));
		g.vals = xcalloc(g.size, sizeof(*g.vals));
		for (i = 0; i < m->size; i++)
			if (m->vals[i])
				u64map_put(&g, m->keys[i], m->vals[i] - 1);
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	for (j = slot(m, key); m->vals[j]; j = (j + 1) & (m->size - 1))
		if (m->keys[j] == key) {
			m->vals[j] = val + 1;
			return;
		}
	m->keys[j] = key;
	m->vals[j] = val + 1;
	m->n++;
}

void
u64map_free(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->size = m->n = 0;
}
