/* ask_int.h: the night mapask reads (lib/map/ask.c) and what the
 * questions (ask_q.c, ask_q2.c) and renderers (ask_out.c) share. Strings
 * are ids of the ask's string table. */
#ifndef ASK_INT_H
#define ASK_INT_H
#include <stdint.h>

#include "core/strtab.h"
#include "map/ask.h"
#include "map/formats.h"
#include "map/score.h"

typedef uint32_t sid;	/* a string of struct ask's table */

struct aent {		/* a row of the state */
	sid entity, account, account_name, service, region, model, contract;
	sid map_tag, last_good, workload, team, product, portfolio, owner;
	sid engineer, principal;
	int kind, state, reason;
	long elig_date, since, drift, first_seen, last_seen;
	money_t eligible, accruing, at_risk;
};

struct aev {		/* a row of the events */
	long date;
	sid entity, map_tag, last_good;
	int from, to, reason;
};

struct atask {
	sid id, entity, account, region, contract, expected, last_good;
	sid resolution, assignee, workload, owner, action, command;
	int type, status, kind;
	long drift, opened, closed;
	money_t daily, to_date;
};

struct aled {		/* a row of the ledger */
	long date;
	sid entity, contract, workload, team, product, portfolio;
	int state;
	money_t eligible, accruing;
};

struct aclaim {
	long month;
	sid contract;
	money_t rate, v[NCLAIM], td[NCLAIMTD];
};

struct apool {
	sid code, account, reference, note;
	int has_granted;
	money_t granted, used, remaining, burn, expiring;
	long start, end, days_left;
};

struct aattr {
	long month;
	sid contract, workload, team, product, portfolio, method;
	int has_share;
	money_t accruing, share, credit;
};

/* the files of a night, in the order the sources list them */
enum { AF_STATE, AF_EVENTS, AF_LEDGER, AF_TASKS, AF_NOTIFY,
	AF_ATTRIBUTION, AF_CLAIMS, AF_POOLS, AF_HISTORY, AF_SUMMARY, AF_LOG,
	NAF };
extern const char *const ask_file_names[NAF];
#define AFB(x) (1u << (x))

struct ask_file {
	char *path;		/* nightdir/name, NULL when absent */
	char sha[65];
	long long size;
};

struct ask {
	char *statedir, *nightdir;
	long as_of, want;	/* want: the --as-of given, or DAY_NONE */
	long prev;		/* the newest dated night before as_of, or
				 * DAY_NONE */
	struct strtab st;
	struct ask_file f[NAF];
	struct score *sc;
	struct aent *ent;
	size_t nent;
	struct aev *ev;
	size_t nev;
	struct atask *tk;
	size_t ntk;
	struct aled *led;
	size_t nled;
	size_t *by_ent;		/* ledger rows by entity, then date (made
				 * on first use: ask_since) */
	struct aclaim *cl;
	size_t ncl;
	int have_td;		/* claims has the to-date columns */
	struct apool *pl;
	size_t npl;
	struct aattr *at;
	size_t nat;
};

static inline const char *
S(const struct ask *a, sid id)
{
	return strtab_get(&a->st, id);
}
sid ask_sid(struct ask *, struct span);
sid ask_sidz(struct ask *, const char *);
/* the state row of an entity, or NULL */
const struct aent *ask_entity(const struct ask *, const char *name);
/* an entity's eligible and accruing spend of the ledger's days from
 * day on */
void ask_since(struct ask *, sid entity, long day, money_t *el,
    money_t *ac);
/* the entity named exactly, or by the one key that holds the name */
const struct aent *ask_find_entity(const struct ask *, const char *name);
/* a contract's credit rate from the claims; 0 when none (*has 0) */
money_t ask_credit_rate(const struct ask *, sid contract, int *has);

/* building answers (ask.c) */
struct table *ans_table(struct ask_answer *, const char *section,
    const char *title, const struct col *, size_t ncol);
void ans_say(struct ask_answer *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ans_sources(struct ask *, struct ask_answer *, unsigned files,
    const char *const *cmds, size_t ncmd);
/* append a cell like x to t, with s as its string (C_STR, C_FRAC) */
void ask_cell_put(struct table *t, const struct cell *x, const char *s);
/* "$1,234.56" and "12.34%" in a static-free way: into b */
const char *dollars(struct buf *, money_t);
const char *pct(struct buf *, money_t rate);
/* the mapscore command line that reads the night's files (-l, -H copy,
 * and the options in extra), malloc'd */
char *mapscore_cmd(const struct ask *, const char *extra);

/* the questions */
int q_rate(struct ask *, const struct ask_args *, struct ask_answer *,
    struct err *);
int q_lost(struct ask *, const struct ask_args *, struct ask_answer *,
    struct err *);
int q_explain(struct ask *, const struct ask_args *, struct ask_answer *,
    struct err *);
int q_credits(struct ask *, const struct ask_args *, struct ask_answer *,
    struct err *);
int q_tasks(struct ask *, const struct ask_args *, struct ask_answer *,
    struct err *);
int q_changes(struct ask *, const struct ask_args *, struct ask_answer *,
    struct err *);

/* the state changes of the events in [from, to] of the entities that
 * pass keep (NULL: all), one row per entity and day, with their effect on
 * the month-to-date rate of the group whose sums are num / den (ask_q.c) */
struct table *changes_table(struct ask *, struct ask_answer *, long from,
    long to, int (*keep)(const struct ask *, const struct aent *,
    const void *), const void *arg, money_t num, money_t den, int window);
#endif
