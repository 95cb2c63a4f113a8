/* combine.h: charge lines that differ only in their start time and cost,
 * combined: one line for each day and the rest of the bytes, with the
 * latest start of the day and the costs summed (exact).
 *
 * A reader that keeps, per entity and day, the cost summed and each
 * attribute of the latest line (ties by value: mapstate) gets the same
 * results from the combined lines as from the lines themselves, in any
 * order. The table is bounded: when it is full every line in it is
 * written and it starts again, so a line may be written in several parts
 * (still the same sums). Lines are written in the order of their first
 * line; a line that must not be combined (comb_pass) keeps its place. A
 * line whose cost would take the sum past what money_parse reads (1e15)
 * is written alone. */
#ifndef COMBINE_H
#define COMBINE_H
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/money.h"
#include "core/tsv.h"

struct comb {
	char *arena;		/* the lines, in the order first seen */
	size_t n, cap;
	uint64_t *ht;		/* hash >> 32 << 32 | arena offset / 16 + 1;
				 * 0 empty */
	size_t htsz, nent;
};

/* a table of about `bytes` (at least 4 KiB) */
void comb_init(struct comb *, size_t bytes);
void comb_free(struct comb *);

/* A line without its start: key[0..split) is what comes before the cost
 * (from the tab after the start), key[split..n) what comes after it (to
 * the newline). Combined with the lines of the same day and bytes and the
 * same hascost; what the table cannot hold goes to o first. */
void comb_add(struct comb *, const char *key, size_t n, size_t split,
    utime_t start, money_t cost, int hascost, struct out *o);
/* A whole line that keeps its place and is never combined. */
void comb_pass(struct comb *, const char *line, size_t n, struct out *o);
/* Every line held, to o, in order; the table is empty after. */
void comb_flush(struct comb *, struct out *o);
#endif
