/* score_int.h: the inside of struct score, shared by score.c (figures,
 * groups, settings), score_load.c (the readers) and score_views.c (the
 * views as tables). Not for callers: use map/score.h. */
#ifndef SCORE_INT_H
#define SCORE_INT_H
#include <stdint.h>

#include "core/strtab.h"
#include "map/formats.h"
#include "map/score.h"
#include "map/vocab.h"

#define WINDOW SCORE_WINDOW

#define SIG_MAP "map_compliance"
#define SIG_OWN "ownership"

/* The owner labels of a ledger row: the finest group. Spend no claim
 * covers has the workload "unowned"; a ledger without the ownership
 * columns gives the empty workload (no ownership data). */
struct tuple {
	uint32_t w, t, p, f;	/* workload, team, product, portfolio */
};

struct fig {
	money_t cost;		/* all usage spend */
	money_t owned;		/* spend a workload claims */
	money_t unowned;	/* spend no workload claims */
	money_t share;		/* share of the accounts' unowned spend */
	money_t elig, accr, pend, stale, untr;
	money_t ai_elig, ai_accr;
	long n[NSTATE];		/* entities by the state their day ended
				 * in; n[ST_NONE] unused */
};

/* one group (tuple) on one day: from the ledger or from the history */
struct dfig {
	long day;
	uint32_t tup;
	struct fig f;
};

/* owned spend of a group on an account and day, to share the unowned */
struct adt {
	uint32_t ad, df;
	money_t o;
};

/* an exact rate: money units, rounded to RATE_DP */
struct rt {
	int has;
	money_t v;
};

/* the state, tasks, attribution, claims rows mapscore shows */
struct srow {
	char *entity, *account, *last_good_tag;
	char *workload, *owner, *engineer;
	int kind, st, reason;
	long elig_date, since, drift;
	money_t elig, accr, risk;
};
struct task {
	char *id, *entity, *account, *region, *model;
	char *principal, *expected, *last_good_tag, *assignee, *workload;
	char *owner, *profile, *action, *command;
	int type, kind;
	long drift, opened;
	money_t daily, todate;
	int open;
};
struct arow {
	long month;
	char *contract, *workload, *team, *product, *portfolio, *share_s;
	char *method;
	money_t accr, share, credit;
};
struct crow {
	long month;
	char *contract;
	money_t v[NCLAIM];	/* CL_* of map/formats.h */
};

struct signal {
	uint32_t team, name;
	money_t v;
};
struct weight {
	char *name;
	money_t w;
};
struct band {
	char *name;
	money_t min;
};

/* a CFM Scoreboard row */
struct grade {
	uint32_t team;
	struct rt comp, own, score;
	const char *grade;
	money_t *sv;		/* per signal name */
	unsigned char *svhas;
};

/* groups over the windows */
struct gacc {
	uint32_t a, b;
	struct fig mtd, d30, today;
	struct fig tr[WINDOW];
};
struct gset {
	struct gacc **g;
	size_t n;
	struct strtab idx;
};
enum { G_ALL, G_TEAM, G_PRODUCT, G_PORTFOLIO, G_WORKLOAD, G_PRODTEAM,
	G_ONE };

struct score {
	/* settings */
	long given_as_of;
	struct weight *weights;
	size_t nweights;
	struct band *bands;
	size_t nbands;

	/* every name: workloads, teams, accounts */
	struct strtab S;
	uint32_t id_all, id_unowned;
	struct strtab tuptab;
	struct tuple *tup;
	size_t tupcap;
	struct strtab dftab;	/* (day, tuple) -> id */
	struct dfig *dfs;
	size_t dfcap;
	/* days the ledger covers, and which file holds each */
	struct strtab ldtab;
	int *ldfile;
	size_t ldcap;
	/* unowned and owned spend per account and day, and per account,
	 * day and group, to share the unowned spend out */
	struct strtab adtab, adttab;
	money_t *adU, *adO;
	size_t adcap, adUcap;
	struct adt *adts;
	size_t adtcap;

	long as_of, ledger_last, hist_last;
	long mfirst, wfirst, wstart;	/* month, window, both */
	unsigned char known[WINDOW + 1];	/* days with data, from
						 * wstart */
	int have_owners;		/* some ledger had ownership */
	const char *ledger0;		/* the first ledger, for messages */

	struct srow *srows;
	size_t nsrows;
	struct task *tasks;
	size_t ntasks;
	struct arow *arows;
	size_t narows;
	struct crow *crows;
	size_t ncrows;
	struct signal *sigs;
	size_t nsigs;
	uint32_t *signames;	/* distinct names of the signals, sorted */
	size_t nsignames;

	/* the view */
	struct score_view v;
	uint32_t scope_pf;	/* portfolio scope */
	unsigned char *wsel;	/* workloads of an engineer or owner */
	size_t wselcap;
	struct grade *grades;
	size_t ngrades;
	struct col *score_cols;
	size_t nscore_cols;
	struct gset gs_all, gs_by, gs_scope;
	struct tset ts;
	struct buf head;
	struct score_rate gate;	/* the view's month-to-date rate */
	const char *gate_what;
};

#define SS(s, id) strtab_get(&(s)->S, (id))

/* score.c */
uint32_t score_sid(struct score *, const char *s, size_t n);
void *score_grow(void *p, size_t *cap, size_t need, size_t elt);
uint32_t score_tuple(struct score *, uint32_t w, uint32_t t, uint32_t p,
    uint32_t f);
int tuple_owned(const struct score *, const struct tuple *);
uint32_t score_dfig(struct score *, long day, uint32_t tup, int *isnew);
int score_ledger_day(const struct score *, long day);
void fig_add(struct fig *, const struct fig *);
money_t score_ratio(money_t a, money_t b, int dp);
struct rt rate_of(money_t a, money_t b);
money_t fig_unowned(const struct fig *);
struct rt own_of(const struct fig *);
money_t weight_of(const struct score *, const char *name);
const char *grade_of(const struct score *, money_t score);
/* sort keys: a then b by name, each "unowned" (ua, ub) last */
struct skey {
	const char *a, *b;
	int ua, ub;
	size_t i;		/* the caller's */
};
void score_sort(struct skey *, size_t n);
void score_sort_ids(const struct score *, uint32_t *v, size_t n);
void gather(struct score *, struct gset *, int by, uint32_t one,
    int (*keep)(const struct score *, const struct tuple *));
void gset_free(struct gset *);
void gset_ensure(struct gset *, uint32_t a);
struct gacc *gset_find(const struct gset *, uint32_t a);
int keep_portfolio(const struct score *, const struct tuple *);
int keep_wsel(const struct score *, const struct tuple *);
int wsel_has(const struct score *, const char *workload);
int known_day(const struct score *, long d);
long known_days(const struct score *, long from);
int score_scope(struct score *, struct err *e);

/* score_views.c */
void score_views_reset(struct score *);
#endif
