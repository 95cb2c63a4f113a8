/* lifecycle.h: the MAP lifecycle (map-model §4) as an engine. It derives
 * each billing entity's state from contracts x charge lines, replaying the
 * input day by day, oldest first, from the previous state. A reduce keyed
 * by billing entity: it holds one record per entity and, up to a budget,
 * one per entity, day, service and exclusion category of new usage (past
 * it, those go to a temporary file), never the input lines; the events and
 * the ledger it writes as it goes.
 *
 * The caller owns a struct lifecycle and drives it, in this order:
 *	lc_init(&lc, &contracts, workloads_or_NULL, &opts);
 *	lc_load_state(&lc, "state.tsv", &e);	(optional, once: yesterday's)
 *	lc_read_lines(&lc, path, &e);		(each charge lines file)
 *	lc_run(&lc, &e);			(once: replay, then ownership;
 *						 it writes opts' events, ledger)
 *	lc_write_state(&lc, &out);		(and _first_seen)
 *	lc_free(&lc);
 * The contracts and workloads stay the caller's and must outlive lc. Every
 * call that can fail returns 0, or -1 with e set (EXIT_DATA with the
 * file's line, or EXIT_SYS); nothing here prints or exits. After lc_run the
 * entities are lc.ents[0 .. lc.nents) in no order (strings by lc_str,
 * lc_find by key), lc.as_of the day they are for: read them, do not change
 * them. Nothing is global: contexts are independent (one per shard). */
#ifndef LIFECYCLE_H
#define LIFECYCLE_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/tsv.h"
#include "core/u64map.h"
#include "map/accounts.h"
#include "map/contract.h"
#include "map/vocab.h"
#include "map/workload.h"

struct lc_opts {
	long as_of;		/* the day the state is for; DAY_NONE: the
				 * input's last usage day */
	/* where the events and the ledger (a row per entity and day) go:
	 * lc_run writes them as the replay makes them, in the files' order
	 * (a day's events are held until its end only when callers route
	 * through profiles that day) (NULL: not written, not kept) */
	struct out *events, *ledger;
	/* entity-days of new usage held in memory; past it, they go to a
	 * temporary file in tmpdir (NULL: /tmp) in sorted runs, merged by
	 * the replay (0: LC_SLOT_BUDGET) */
	size_t slot_budget;
	const char *tmpdir;
	const struct accounts *accounts;	/* when accounts joined; NULL:
						 * guess from the data */
	/* where the Credit and Refund lines read go, every one, as read,
	 * under the HDR_LINES columns (lc_init writes the header): a charge
	 * lines file of its own, all mapcredit(1) reads of them; none is
	 * held in memory (NULL: not written) */
	struct out *credit_lines;
};

/* Timestamps held per entity are seconds since LC_TS_BASE in 32 bits
 * (good until 2068); LC_TS_NONE is "never". */
#define LC_TS_BASE ((int64_t)946684800)	/* 2000-01-01T00:00:00Z */
#define LC_TS_NONE INT32_MIN

struct lc_tagkv {
	uint32_t key, val;	/* string ids: tag key, value */
};

/* One billing entity: 128 bytes (bench/mapstate.sh measures memory per
 * entity; keep it so: 129 would be 144, money_t aligns to 16). Strings are ids in lc->strs, 0 is "". */
struct lc_ent {
	money_t eligible, accruing;	/* month to date; at risk is derived */
	uint32_t key;
	uint32_t payer, account, account_name, service, region, model;
	uint32_t principal, map_tag, last_good_tag;
	uint32_t model_source;		/* ai-direct: model or system profile ARN */
	int32_t elig_date, state_since, drift_date, first_seen, last_seen;
	uint16_t elig_days;		/* this month's (at most 31) */
	int16_t contract;		/* index or -1 */
	int32_t attr_ts;	/* this run's latest line, LC_TS_BASE relative */
	int32_t kind_ts;	/* this run's latest line of the kind's own:
				 * ai-direct, of model_source; other kinds, of
				 * a line not ai-direct (the misspelled tags) */
	int32_t owner;			/* workload index, -1 unowned */
	uint32_t ntags;
	uint8_t kind, state, reason;	/* entity_kind, map_state, map_reason */
	struct lc_tagkv *tags;
};

/* exclusion category of a charge, contract-independent */
enum lc_cat { CAT_NONE, CAT_DT, CAT_MP, CAT_EKS, CAT_GDA };

#define LC_SLOT_BUDGET ((size_t)1 << 18)	/* 16 MiB of slots */

/* One entity, day, service and exclusion category of new usage: 64 bytes.
 * The time of the latest line of each value is in seconds of that day, -1
 * for none. */
struct lc_slot {
	money_t cost;
	uint32_t ent, svc;
	int32_t day;
	int32_t tag_ts, ptag_ts, princ_ts, name_ts;
	uint32_t tag, ptag, princ, name;
	uint8_t cat;
	uint8_t keymiss;	/* the tag's line: a near miss, no map-migrated */
};

/* a transition (the events file) */
struct lc_event {
	int32_t day;
	uint32_t ent, seq;
	uint8_t from, to, reason;
	uint32_t map_tag, last_good_tag;
};

/* a ledger row: one entity and day */
struct lc_lrow {
	int32_t day;
	uint32_t ent;
	uint8_t state;
	int16_t contract;
	uint32_t svc;
	int32_t owner;		/* that day's workload, -1 unowned */
	money_t cost, eligible, accruing;
};

/* account -> first day seen: open addressing on the string id */
struct lc_acctday {
	uint32_t acct1;		/* account string id + 1, 0 empty */
	int32_t day;
};

/* a profile and one of its callers (the direct-fallback rule) */
struct lc_caller {
	uint32_t principal, ent;
};

/* a caller routed through a profile on a day (INT32_MIN: before the run) */
struct lc_pcall {
	uint32_t ent, principal;
	int32_t day;
};

struct lifecycle {
	const struct contracts *contracts;
	const struct workloads *workloads;	/* NULL: no ownership */
	struct strtab strs;

	struct lc_ent *ents;
	size_t nents, entcap;
	uint32_t *ent_of_key;	/* string id -> ent index + 1 */
	size_t ent_of_cap;

	struct lc_slot *slots;
	size_t nslots, slotcap;
	uint32_t *slot_ht;	/* open addressing: slot index + 1 */
	size_t slot_htsz;
	uint32_t *ent_slot;	/* entity -> its last slot's index + 1: the
				 * next line of an entity is most often on
				 * the same day, service and category */
	size_t nent_slot;
	uint32_t *order;	/* slot indices by (day, entity key, ...) */
	uint32_t *ent_rank;	/* entity -> its place in key order, for
				 * sorting slots by number; of ents[0..nranked) */
	size_t nranked, nents_sorted;	/* nents at the last slot sort */

	struct lc_event *events;	/* the replay's day's, for events_out,
					 * when events_hold */
	size_t nevents, eventcap;
	int events_hold;	/* the day has routings through profiles: its
				 * fallbacks add events out of key order */
	uint32_t event_seq;
	struct out *events_out, *ledger_out;

	/* the slots spilled: runs sorted like the replay, in spill_fd */
	size_t slot_budget;
	const char *tmpdir;
	int spill_fd;		/* -1: none yet */
	uint64_t nspilled;	/* slots in it */
	struct lc_srun *runs;
	size_t nruns;

	uint32_t *tagkeys;	/* tag key ids, in order seen */
	size_t ntagkeys;
	uint32_t *wl_tagkey;	/* workloads->tagkeys[i] -> string id */
	const char **owner_vals;

	long as_of, prev_as_of, max_day, cur_month;	/* DAY_NONE: none */
	long first_day;		/* of the data (lines and state), DAY_NONE */
	const struct accounts *accounts;
	int as_of_given;

	struct lc_acctday *acct_first;
	size_t acct_first_sz, acct_first_n;

	/* every (profile, caller, day) of the lines and the previous state;
	 * the pairs seen before the replay's day; of those, the TAGGED
	 * profiles of the day, by caller */
	struct lc_pcall *pcalls;
	size_t npcalls, pcallcap, pcall_next;
	struct lc_caller *known;
	size_t nknown, knowncap;
	struct u64map known_ht;
	struct lc_caller *callers;
	size_t ncallers;

	struct contract all;	/* every exclusion: categorises charges */
	struct out *credits_out;	/* opts.credit_lines */
	const char *state_path;	/* as given to lc_load_state */
	const char *efile;	/* the file an error of lc_run is about */
	struct err err;		/* the first ownership tie of the replay */
};

void lc_init(struct lifecycle *, const struct contracts *,
    const struct workloads *, const struct lc_opts *);
void lc_free(struct lifecycle *);

/* The previous state (map-formats(5), read through state_schema): each
 * entity as it was on its as_of day; their lines of that day and before
 * are not read again. At most once, before any charge lines; path must
 * outlive lc (lc_run's errors name it). */
int lc_load_state(struct lifecycle *, const char *path, struct err *);

/* One file of charge lines (curscan's, through line_schema; entity_kind,
 * entity and map_tag are required too). Lines of days already in the
 * previous state, or after a given as-of day, are left out; lines of kind
 * "none" belong to no entity. Before lc_run. */
int lc_read_lines(struct lifecycle *, const char *path, struct err *);

/* The first days of the whole organisation (a sharded night gives each
 * shard those of every shard: shard.h), kept as if their lines had been
 * read: the data's first day and each account's, for the new-accounts
 * rule. Days after a given as-of day are left out. Before lc_run. */
struct shard_seen;
void lc_seed_first_seen(struct lifecycle *, const struct shard_seen *);
/* The first days after lc_run, into an empty seen. */
void lc_first_seen(const struct lifecycle *, struct shard_seen *);

/* Settle the as-of day, replay the new days and resolve each entity's
 * owner. On an error lc->efile names the file it is about (the state file
 * for a rewind of history, the workloads file for a tie). */
int lc_run(struct lifecycle *, struct err *);

/* The files of map-formats(5), each with its header (lc_run writes the
 * events, HDR_EVENTS, and the ledger, HDR_LEDGER but for the ownership
 * columns without workloads). */
void lc_write_state(struct lifecycle *, struct out *);

static inline const char *
lc_str(const struct lifecycle *lc, uint32_t id)
{
	return strtab_get(&lc->strs, id);
}

/* An entity by its key (resource id, ARN ...), or NULL. */
const struct lc_ent *lc_find(const struct lifecycle *, const char *key);
/* The value of tag key (a string id) on an entity, 0 ("") if none. */
uint32_t lc_ent_tag(const struct lc_ent *, uint32_t key);

/* Spend at risk month to date: eligible spend of days not TAGGED, but for
 * unattributed spend, which no tag can ever make accrue. */
static inline money_t
lc_at_risk(const struct lc_ent *en)
{
	return en->kind == K_UNATTRIBUTED ? 0 : en->eligible - en->accruing;
}
#endif
