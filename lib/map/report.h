/* report.h: the role dashboards of one night as static HTML pages
 * (mapreport(1)).
 *
 * A struct report reads the files of a night (STATEDIR/current/, as
 * mapnightly(1) leaves them) and makes one self-contained HTML page per
 * role and scope: an index, the FinOps Lead's, and one per portfolio,
 * Cloud Engineer and Product Owner named in the workloads file (or, with
 * none, in the data). Every figure of a role view is mapscore's, taken
 * from lib/map/score.h's tables and printed as its text views print it;
 * the charts are inline SVG drawn from the same cells, each with a
 * <title>, a <desc> and the numbers as a table. The rest comes from the
 * night's files as mapcredit and maptasks wrote them (pools, claims to
 * date, events, tasks): nothing is worked out twice.
 *
 * The bytes depend only on the files and the options: no clock, no
 * paths, a defined order everywhere.
 *
 *	struct report *r = report_new();
 *	if (report_load(r, &opts, &epath, &e) != 0)
 *		report epath (may be NULL), e
 *	for (i = 0; i < report_npages(r); i++) {
 *		struct buf b = { 0 };
 *		if (report_page(r, i, &b, &epath, &e) != 0) ...
 *		write b to OUTDIR/report_file(r, i)
 *	}
 *	report_free(r);
 *
 * Nothing here prints or exits: -1 with e set (and *epath the file it
 * is about, or NULL). */
#ifndef REPORT_H
#define REPORT_H
#include <stddef.h>

#include "core/err.h"
#include "core/money.h"

/* the pages' roles; RP_INDEX is the index, RP_ALL every page */
enum { RP_ALL = -1, RP_INDEX, RP_LEAD, RP_PORTFOLIO, RP_ENGINEER,
	RP_OWNER };

/* "lead", "portfolio", "engineer", "owner": RP_LEAD ..., else -1 */
int report_role_parse(const char *name);

#define REPORT_TARGET "0.80"	/* the default target rate */

struct report_opts {
	const char *statedir;	/* the night: statedir/current/FILE */
	const char *workloads;	/* the workloads file, or NULL: the
				 * portfolios, engineers and owners of
				 * the data */
	long as_of;		/* DAY_NONE: the ledger's last day */
	int role;		/* RP_ALL, or only that role's pages */
	const char *scope;	/* with role: only that page */
	money_t target;		/* the rate the Lead's figure is set
				 * against (score_parse_rate) */
};

struct report;

struct report *report_new(void);
void report_free(struct report *);
/* Read the night and list the pages. 0, or -1 with e set (EXIT_USAGE for
 * a scope no page has). Call once. */
int report_load(struct report *, const struct report_opts *,
    const char **epath, struct err *e);
/* the pages, in the order of the index */
size_t report_npages(const struct report *);
/* page i's file name (index.html, lead.html, portfolio-SLUG.html,
 * engineer-SLUG.html, owner-SLUG.html), its role and scope name */
const char *report_file(const struct report *, size_t i);
int report_role(const struct report *, size_t i);
const char *report_scope(const struct report *, size_t i);
/* is page i one of the role and scope of the options (all are, without
 * a role; the index only then)? The others are listed for links. */
int report_wanted(const struct report *, size_t i);
/* the page of a role and name (-1: none), for callers that link or
 * attach one person's page */
long report_find(const struct report *, int role, const char *name);
/* Append page i's HTML to out. 0, or -1 with e set. */
int report_page(struct report *, size_t i, struct buf *out,
    const char **epath, struct err *e);
/* the as-of day of the night (after report_load) */
long report_as_of(const struct report *);
#endif
