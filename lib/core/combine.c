/* combine.c: see combine.h. The lines live in one arena, in the order
 * first seen, each a header and its bytes; an open-addressed table finds
 * a line's entry by its day and bytes. A slot holds the entry's arena
 * offset and 32 bits of its hash, so a probe reads an entry only when the
 * hashes agree; the table starts small and doubles at half full, so it
 * stays in cache for the lines of a day. */
#include <stdlib.h>
#include <string.h>

#include "core/combine.h"
#include "core/err.h"
#include "core/hash.h"

struct cent {
	money_t cost;
	utime_t start;
	uint64_t hash;
	uint32_t n, split;
	uint32_t slot;		/* its table slot, cleared at a flush */
	int32_t day;
	uint8_t hascost, pass;
};

#define ALIGN 16

static size_t
esize(size_t n)
{
	return sizeof(struct cent) + ((n + ALIGN - 1) & ~(size_t)(ALIGN - 1));
}

static struct cent *
ent_at(const struct comb *c, size_t off)
{
	return (struct cent *)(void *)(c->arena + off);
}

void
comb_init(struct comb *c, size_t bytes)
{
	memset(c, 0, sizeof(*c));
	if (bytes < 4096)
		bytes = 4096;
	c->cap = bytes & ~(size_t)(ALIGN - 1);
	c->arena = xmalloc(c->cap);	/* malloc aligns for money_t */
	c->htsz = 1024;
	c->ht = xcalloc(c->htsz, sizeof(*c->ht));
}

void
comb_free(struct comb *c)
{
	free(c->arena);
	free(c->ht);
	memset(c, 0, sizeof(*c));
}

static void
put(struct out *o, utime_t start, const char *key, size_t n, size_t split,
    money_t cost, int hascost)
{
	char ts[DATE_TSLEN];

	date_fmt_ts(start, ts);
	out_add(o, ts, DATE_TSLEN - 1);
	out_add(o, key, split);
	if (hascost)
		out_money_dp(o, cost, 2);
	out_add(o, key + split, n - split);
}

void
comb_flush(struct comb *c, struct out *o)
{
	size_t off = 0;

	while (off < c->n) {
		struct cent *e = ent_at(c, off);
		const char *b = (const char *)(e + 1);

		if (e->pass)
			out_add(o, b, e->n);
		else {
			put(o, e->start, b, e->n, e->split, e->cost,
			    e->hascost);
			c->ht[e->slot] = 0;
		}
		off += esize(e->n);
	}
	c->n = 0;
	c->nent = 0;
}

/* room for an entry of n bytes, flushing if the table is full: 0, or -1
 * when the entry is larger than the whole arena (then the table is
 * empty and the caller writes it straight out, in its place) */
static int
room(struct comb *c, size_t n, struct out *o)
{
	if (c->n + esize(n) <= c->cap)
		return 0;
	comb_flush(c, o);
	return esize(n) <= c->cap ? 0 : -1;
}

static struct cent *
place(struct comb *c, const char *b, size_t n)
{
	struct cent *e = ent_at(c, c->n);

	memset(e, 0, sizeof(*e));
	e->n = (uint32_t)n;
	memcpy(e + 1, b, n);
	c->n += esize(n);
	return e;
}

#define SLOT(off, h) ((uint64_t)(h) << 32 | ((off) / ALIGN + 1))
#define SLOT_OFF(v) ((size_t)((uint32_t)(v) - 1) * ALIGN)

/* twice the slots, the entries placed again */
static void
grow(struct comb *c)
{
	size_t off = 0, mask, i;

	free(c->ht);
	c->htsz *= 2;
	c->ht = xcalloc(c->htsz, sizeof(*c->ht));
	mask = c->htsz - 1;
	for (; off < c->n; off += esize(ent_at(c, off)->n)) {
		struct cent *e = ent_at(c, off);

		if (e->pass)
			continue;
		for (i = (size_t)e->hash & mask; c->ht[i]; i = (i + 1) & mask)
			;
		c->ht[i] = SLOT(off, e->hash >> 32);
		e->slot = (uint32_t)i;
	}
}

void
comb_add(struct comb *c, const char *key, size_t n, size_t split,
    utime_t start, money_t cost, int hascost, struct out *o)
{
	int32_t day = (int32_t)date_day(start);
	uint64_t h = hash64(key, n) ^ ((uint64_t)(uint32_t)day *
	    0x9E3779B97F4A7C15ULL);
	uint64_t tag = h >> 32 << 32;
	size_t mask = c->htsz - 1, i = (size_t)h & mask;
	struct cent *e;

	for (; c->ht[i]; i = (i + 1) & mask) {
		if ((c->ht[i] & ~(uint64_t)UINT32_MAX) != tag)
			continue;
		e = ent_at(c, SLOT_OFF(c->ht[i]));
		if (e->hash == h && e->day == day && e->n == n &&
		    e->split == split && e->hascost == (hascost != 0) &&
		    memcmp(e + 1, key, n) == 0) {
			money_t sum = e->cost + cost;

			/* a sum a reader could not parse: the line alone */
			if (sum > MONEY_MAX || sum < -MONEY_MAX) {
				put(o, start, key, n, split, cost, hascost);
				return;
			}
			e->cost = sum;
			if (start > e->start)
				e->start = start;
			return;
		}
	}
	if (n > UINT32_MAX || room(c, n, o) != 0) {
		put(o, start, key, n, split, cost, hascost);
		return;
	}
	if (2 * (c->nent + 1) > c->htsz)
		grow(c);
	/* after a flush or a growth the probe starts again */
	mask = c->htsz - 1;
	for (i = (size_t)h & mask; c->ht[i]; i = (i + 1) & mask)
		;
	c->ht[i] = SLOT(c->n, h >> 32);
	e = place(c, key, n);
	e->cost = cost;
	e->start = start;
	e->hash = h;
	e->split = (uint32_t)split;
	e->slot = (uint32_t)i;
	e->day = day;
	e->hascost = (uint8_t)(hascost != 0);
	c->nent++;
}

void
comb_pass(struct comb *c, const char *line, size_t n, struct out *o)
{
	if (n > UINT32_MAX || room(c, n, o) != 0) {
		out_add(o, line, n);
		return;
	}
	place(c, line, n)->pass = 1;
}
