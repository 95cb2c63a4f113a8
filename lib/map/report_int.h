/* report_int.h: the inside of struct report, shared by report.c (loading,
 * the page frame, tables), report_charts.c (the SVG charts),
 * report_lead.c (the index and the Lead's page) and report_pages.c (the
 * portfolio, engineer and owner pages). Not for callers: map/report.h. */
#ifndef REPORT_INT_H
#define REPORT_INT_H
#include "core/strtab.h"
#include "core/table.h"
#include "map/formats.h"
#include "map/report.h"
#include "map/score.h"

struct rpage {
	int role;		/* RP_* */
	char *name;		/* the scope; NULL for the index and lead */
	char *file;
	int indata;		/* the data names it (score_view takes it) */
	int want;		/* of the role and scope asked for */
};

/* the night's own rows the score views do not carry; the events and the
 * tasks are sorted by entity (then file order, then task id) */
struct rev {			/* events.tsv */
	long date;
	char *entity;
	int from, to, reason;
	size_t seq;		/* the row's place in the file */
};
struct rtask {			/* tasks.tsv */
	char *id, *entity, *assignee, *owner, *workload;
	int type, open;
	long opened, closed;
	money_t daily, todate;
};
struct rent {			/* state.tsv: PENDING_TAG, STALE_TAG */
	char *entity, *workload, *team, *product, *portfolio;
	int st;
	money_t daily, risk;
};
struct rscan {			/* scan-summary.tsv: rejected rows and
				 * near-miss tag keys, summed over files */
	char *kind, *key;
	long rows;
	money_t cost;
	int has_cost;
};
struct rpool {			/* pools.tsv */
	char *code, *reference, *note;
	money_t granted, used, remaining, burn, expiring;
	long start, end, days_left;
};
/* claims.tsv: the month's figures and, where mapcredit wrote them, the
 * contract's to date (CLT_*) */
struct rclaim {
	long month;
	char *contract;
	money_t v[NCLAIM];
	money_t td[NCLAIMTD];
};

struct report {
	struct report_opts o;
	struct score *sc;
	long as_of;
	char *night;		/* statedir/current as it was at the start */
	struct buf path;	/* scratch: night/FILE */
	char *files[9];		/* the night's files (owned) */

	struct rpage *pg;
	size_t npg;

	struct rev *ev;
	size_t nev;
	struct rtask *tk;
	size_t ntk;
	struct rent *ent;
	size_t nent;
	struct rscan *scan;
	size_t nscan;
	int have_scan;
	struct rpool *pl;
	size_t npl;
	int have_pools;
	struct rclaim *cl;
	size_t ncl;
	int have_claims, have_td;

	/* names of the state and tasks: who is in the data */
	struct strtab people;	/* "e\tNAME" engineers, "o\tNAME" owners */
	int have_unassigned;	/* open tasks of no engineer */

	struct tset lead;	/* the Lead's view, kept for every page */
};

/* a page being written */
struct rw {
	struct report *r;
	struct buf *b;
	int nfig;		/* figures so far: ids f1, f2, ... */
};

/* a column of a score table as a page shows it */
struct rcol {
	const char *name;	/* the table's column */
	const char *title;	/* the header */
};

/* ---- report.c ---- */
/* a copy of a view of the score (the caller frees it), with its rate
 * section also as "ratetext" in the layout of mapscore's text */
int report_view(struct report *, int role, int by, const char *scope,
    struct tset *out, const char **epath, struct err *e);
const struct cell *rp_cell(const struct table *, size_t row,
    const char *col);
/* the cell's money (C_MONEY, C_RATE); 0 when empty or missing */
money_t rp_money(const struct table *, size_t row, const char *col,
    int *has);
const char *rp_str(const struct table *, size_t row, const char *col);
/* a cell as mapscore's text shows it ($1,234.56, 12.34%, -) */
void rp_fmt_cell(struct buf *, const struct cell *);
void rp_fmt(struct buf *, int type, money_t v);
/* the frame of a page */
void rp_begin(struct rw *, const char *title, const char *lede);
void rp_end(struct rw *);
void rp_section(struct rw *, const char *id, const char *title);
void rp_section_end(struct rw *);
void rp_note(struct rw *, const char *text);
/* a table of t's rows (only those whose column selc is selv, when selc
 * is not NULL), with the columns cols; tid: its id, for a filter box */
void rp_table(struct rw *, const struct table *t, const struct rcol *cols,
    size_t ncols, const char *caption, const char *selc, const char *selv,
    const char *tid);
/* a table with all its columns, under their text titles (else names) */
void rp_table_all(struct rw *, const struct table *, const char *caption);
/* the rate section as mapscore's text shows it: a row per group, month
 * to date and 30 days, at risk, the sparkline */
void rp_rate_text(struct rw *, const struct tset *, const char *caption);
/* a filter box for the table tid (shown only with scripts) */
void rp_filter(struct rw *, const char *tid, const char *what);
/* a link to a page of the report: the page's file, or the name as text */
void rp_link(struct rw *, int role, const char *name);

/* ---- report_charts.c ---- */
struct series {
	const char *name;
	const char *cls;	/* s0, s1, ... of the stylesheet */
};
/* horizontal bars: a row per label, one bar per series (stacked: one
 * bar of the series' parts); type C_MONEY (scaled to the largest) or
 * C_RATE (0 to 100%, with the target line when has_target) */
struct bars {
	const char *title, *desc;
	size_t nrows, nser;
	const char *const *labels;
	const money_t *v;		/* nrows x nser */
	const unsigned char *has;	/* nrows x nser */
	const struct series *ser;
	int stacked, type, has_target;
	money_t target;
};
void chart_bars(struct rw *, const struct bars *);
/* the same from the rows of a table: a series per column (money, rate or
 * count cells), labelled by column labc */
struct tbars {
	const char *title, *desc;
	const char *selc, *selv;	/* only rows whose selc is selv */
	const char *labc;
	const char *const *cols;
	const struct series *ser;
	size_t nser;
	int stacked, type, has_target;
	money_t target;
};
void chart_tbars(struct rw *, const struct table *, const struct tbars *);
/* the rate on each of n days, with the target line and a line at each
 * month's first day */
struct line {
	const char *title, *desc;
	size_t n;
	const long *days;
	const money_t *v;
	const unsigned char *has;
	money_t target;
};
void chart_line(struct rw *, const struct line *);
/* the lifecycle of entities: one lane each, a band per state held, and
 * marks for tasks opened and closed */
struct seg {
	long from, to;		/* days, to inclusive */
	int st;
};
struct mark {
	long day;
	int closed;		/* task closed, else opened */
	const char *what;
};
struct lane {
	const char *label;
	struct seg *segs;
	size_t nsegs;
	struct mark *marks;
	size_t nmarks;
};
void chart_timeline(struct rw *, const char *title, const char *desc,
    long from, long to, const struct lane *, size_t n);
/* the id of the next chart of the page (f1, f2, ...), in buf */
const char *chart_id(struct rw *, char buf[16]);

/* ---- report_pages.c: sections the pages share ---- */
/* the scoreboard, the trend and the attribution of a view, as sections */
void rp_scoreboard(struct rw *, const struct tset *, const char *title);
void rp_trend(struct rw *, const struct tset *, const char *what);
void rp_attribution(struct rw *, const struct tset *, int owner);
/* the month-to-date rate of the groups of a rate table, as bars against
 * the target; per names the groups after the whole */
void rp_rate_bars(struct rw *, const struct table *, const char *per);
/* the drift alerts, open tasks and MAP AI queue of an engineer view, each
 * task with its command: as sections (level 2) or under h3 headings with
 * ids prefixed idp (level 3); at most max tasks of each (0: all) */
void rp_engineer_tasks(struct rw *, const struct tset *, const char *idp,
    int level, size_t max);

/* ---- the pages: report_lead.c, report_pages.c ---- */
int page_index(struct rw *, const char **epath, struct err *e);
int page_lead(struct rw *, const char **epath, struct err *e);
int page_portfolio(struct rw *, const struct rpage *, const char **epath,
    struct err *e);
int page_engineer(struct rw *, const struct rpage *, const char **epath,
    struct err *e);
int page_owner(struct rw *, const struct rpage *, const char **epath,
    struct err *e);
#endif
