/* score.h: the MAP Compliance Rate of a night's files, and every figure
 * mapscore(1) shows, as a library.
 *
 * A struct score holds one night: mapstate's ledger(s) (and state),
 * maptasks' tasks, mapcredit's attribution and claims, the score history
 * and the scoreboard signals. From them it computes the MAP Compliance
 * Rate (accruing eligible spend over eligible spend; map-model §7) month
 * to date and over a rolling 30 days, overall and per team, product,
 * portfolio and workload, the daily history and 30-day trend, the CFM
 * Scoreboard grades, and the role views (FinOps Lead, Portfolio Manager,
 * Cloud Engineer, Product Owner) as tables of typed cells (core/table.h),
 * which the caller renders (tset_write_tsv, tset_write_text) or reads.
 *
 * Nothing here prints or exits: a failing call returns -1 with a struct
 * err set and, where it is about a file, that file's path in *epath (NULL
 * when the error is about no file). EXIT_USAGE in e->status is a bad
 * setting (a weight no signal has, ...), the rest EXIT_DATA or EXIT_SYS.
 *
 * The FinOps Lead's headline figure of a night, as mapscore --role lead
 * prints it (a night of mapnightly(1): its current/ directory):
 *
 *	const char *led[] = { "current/ledger.tsv" };
 *	struct score_files f = { .ledgers = led, .nledgers = 1,
 *	    .history = "current/score-history.tsv" };
 *	struct score *s = score_new();
 *	struct score_rate r;
 *	const char *epath;
 *	struct err e = { 0 };
 *
 *	score_set_as_of(s, day);	optional: DAY_NONE is the last day
 *	if (score_load(s, &f, &epath, &e) != 0)
 *		report epath (may be NULL), e.line (0: none), e.msg
 *	score_compliance(s, &r);	r.num / r.den = r.rate (4 decimals)
 *	score_free(s);
 *
 * Give the history as mapscore was given it (mapnightly does): the month
 * to date takes the days before the ledger's from it. The state, tasks,
 * attribution and claims do not change the rate.
 *
 * A view: score_view(s, &v, &epath, &e) after score_load, then
 * score_tables(s) (render with tset_write_tsv or tset_write_text, or read
 * the cells), score_head(s), score_gate(s, ...). */
#ifndef SCORE_H
#define SCORE_H
#include <stddef.h>

#include "core/err.h"
#include "core/money.h"
#include "core/table.h"
#include "core/tsv.h"

/* days of the rolling window and of the trend */
#define SCORE_WINDOW 30

struct score;

/* A new, empty night; score_free frees it and everything it returned. */
struct score *score_new(void);
void score_free(struct score *);

/* ---- settings, before score_load ----
 * The day scored: DAY_NONE (the default) is the ledger's last day (else
 * the history's). Ledger days after it are neither scored nor recorded. */
void score_set_as_of(struct score *, long day);
/* a scoreboard signal's weight, "NAME=W" (W >= 0); repeatable, the last
 * wins. Default map_compliance=2, every other signal 1. The name must be
 * map_compliance, ownership or a signal of the signals file (score_load
 * checks that). -1 with e set (EXIT_USAGE) on a bad argument. */
int score_set_weight(struct score *, const char *arg, struct err *e);
/* the grade bands, "NAME=MIN[,NAME=MIN]..." (MIN 0 to 1); a score below
 * every band is F. Default A=0.9,B=0.8,C=0.7,D=0.6. -1 with e set
 * (EXIT_USAGE) on a bad list. */
int score_set_bands(struct score *, const char *arg, struct err *e);
/* a rate 0..1 written "0.85" or "85%" (--fail-below): 0 or -1 */
int score_parse_rate(const char *s, money_t *out);

/* ---- loading a night ----
 * The files of a night; every one but the ledgers may be NULL (not
 * given). The history may also not exist yet or be empty (no history). */
struct score_files {
	const char *const *ledgers;	/* mapstate --ledger; at least one,
					 * each day in one file only */
	size_t nledgers;
	const char *state;		/* mapstate's state */
	const char *tasks;		/* maptasks' task list */
	const char *attribution;	/* mapcredit --attribution */
	const char *claims;		/* mapcredit --claims */
	const char *history;		/* mapscore --history: read here,
					 * written by score_write_history */
	const char *signals;		/* scoreboard signals: team, signal,
					 * value */
};
/* Read every file of f through its schema (map/formats.h) and fix the
 * as-of day and the windows. Call once. 0, or -1 with e and *epath set. */
int score_load(struct score *, const struct score_files *f,
    const char **epath, struct err *e);

/* the day scored (after score_load) */
long score_as_of(const struct score *);

/* ---- the headline figure ----
 * The MAP Compliance Rate of the whole organisation, month to date as of
 * the as-of day: accruing eligible spend (num) over eligible spend (den),
 * rate = num / den rounded half away from zero to RATE_DP (4) decimals, in
 * money units. has is 0 when there is no eligible spend (no rate: never 0
 * or 1). It is exactly the accruing_cost, eligible_cost and rate of the
 * first row (window mtd, by all, group all) of mapscore --role lead (and
 * of the default view), and the "rate" of its text. Call after
 * score_load. */
struct score_rate {
	int has;
	money_t num, den, rate;
};
void score_compliance(struct score *, struct score_rate *out);

/* ---- views ---- */
enum score_role { SV_RATE, SV_SCOREBOARD, SV_LEAD, SV_PORTFOLIO,
	SV_ENGINEER, SV_OWNER };
enum score_by { SB_ALL, SB_TEAM, SB_PRODUCT, SB_PORTFOLIO, SB_WORKLOAD };
/* the --by names, indexed by enum score_by ("all", "team", ...) */
extern const char *const score_by_names[SB_WORKLOAD + 1];

struct score_view {
	int role;		/* enum score_role */
	int by;			/* SV_RATE: enum score_by */
	const char *scope;	/* the portfolio, engineer or owner (those
				 * roles need it; the others take none) */
	int text;		/* the layout of --format text: the rate
				 * section has one row per group */
};
/* Compute a view into tables (score_tables). The engineer and owner
 * views take their workloads from the state (without it they find none);
 * by goes with SV_RATE only. -1 with e set: the ledger has no ownership
 * columns (a view other than rate or lead, or by a group), or the scope
 * names no portfolio, engineer or owner of the data. One view at a time:
 * a second call replaces the first. */
int score_view(struct score *, const struct score_view *,
    const char **epath, struct err *e);
/* The view's tables, in the order shown; their sections and columns are
 * those of mapscore(1)'s TSV output (find them with tset_find, table_col,
 * TABLE_CELL of core/table.h):
 *	SV_RATE		rate
 *	SV_SCOREBOARD	scoreboard
 *	SV_LEAD		rate, exposure, credits, scoreboard, trend
 *	SV_PORTFOLIO	rate, pending, scoreboard, attribution, trend
 *	SV_ENGINEER	rate, drift, tasks, ai_queue, lifecycle
 *	SV_OWNER	rate, lifecycle, attribution, notifications
 * With text set the rate table has the text layout instead (one row per
 * group, a sparkline of the trend). */
const struct tset *score_tables(const struct score *);
/* does the view's TSV go without a section column (rate, scoreboard)? */
int score_single(const struct score *);
/* the text heading: "FinOps Lead view as of ..." and, for text, the
 * windows' days of data */
const char *score_head(const struct score *);
/* the rate the view gates on (--fail-below): its month-to-date rate, and
 * what it is of ("all" or the scope) */
struct score_rate score_gate(const struct score *, const char **what);
/* Is the view's rate below target (--fail-below)? A view with no rate is
 * not. */
int score_below(const struct score *, money_t target);

/* Write the history: the loaded one with the ledger's days replaced. */
void score_write_history(const struct score *, struct out *);
#endif
