/* revised.h: what a night revised in the days before it (mapstate
 * --revised; map-model.md §9): two ledgers, the night before's and
 * tonight's, compared day by day on the days both hold. An entity whose
 * eligible cost, accruing cost or state on such a day differs, or that
 * only one ledger has on it, is a revision (an entity with several rows on
 * a day, one per service or contract, is compared by its last row).
 *
 * Both ledgers are read once, side by side, in the order mapstate writes
 * them (by date, entity): memory is one day's revisions, whatever the
 * length of the month. The output is TSV, a header and one row per
 * revision, by date, then entity (as sort(1) orders the night log's lines
 * in the C locale). */
#ifndef REVISED_H
#define REVISED_H
#include "core/err.h"
#include "core/tsv.h"

#define REVISED_HDR "date\tentity\teligible_before\teligible_after\t" \
	"accruing_before\taccruing_after\tstate_before\tstate_after\n"

/* 0, or -1 with e set and *bad the path it is about (e->line its line) */
int ledger_revised(const char *before, const char *after, struct out *o,
    const char **bad, struct err *e);
#endif
