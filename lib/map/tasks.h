/* tasks.h: Cloud Engineer tasks for standard MAP and MAP AI (map-model
 * §5), opened and closed by the data.
 *
 * A struct tasks holds one run: the state's entities, the application
 * inference profiles known to exist, and the task list. Fill it in this
 * order (each step may be left out except the state):
 *   tasks_init, tasks_load_state (then tasks_set_as_of for --as-of),
 *   tasks_load_inventory, tasks_load_previous, tasks_apply_events (each
 *   events file), tasks_reconcile, tasks_apply_ledger (each ledger),
 *   tasks_refresh, tasks_sort; then tasks_write / tasks_write_notify.
 * The *_load and *_apply functions read their file through its schema
 * (map/formats.h) and return 0, or -1 with e set (e->line the row's line);
 * the row functions beside them do the same for one record, with
 * e->line 0. Nothing here prints or exits. */
#ifndef TASKS_H
#define TASKS_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/tsv.h"
#include "map/contract.h"
#include "map/formats.h"

/* one entity of the state; strings live in the context's string table */
struct task_entity {
	const char *entity, *account, *region, *model, *principal;
	const char *model_source, *service, *contract, *last_good_tag;
	const char *workload, *owner, *engineer;
	/* reason tag-key-misspelled: the near-miss keys the state holds in
	 * tag_KEY columns (Map-Migrated ...), tab-separated, and the value of
	 * the first; "" when it holds none */
	const char *miskeys, *misvalue;
	int kind, state, reason;	/* map/vocab.h */
	long state_since, drift_date, first_seen;
	money_t daily_cost;
	uint32_t id;		/* the entity's id in the string table */
};

/* an application inference profile known to exist */
struct task_profile {
	const char *arn, *account, *region, *model, *principal;
	long since;		/* first seen in CUR; DAY_NONE: inventory */
	int tagged;
};

/* A task. Its strings live in the context's string table (or are
 * literals), so a long value is held once however many tasks name it;
 * the action and the command are built as they are written (task_text),
 * never kept. */
struct task {
	char id[17];
	int type;		/* enum task_type */
	int open;
	int kind;		/* enum entity_kind */
	const char *entity, *account, *region, *model, *principal;
	const char *contract, *expected, *last_good_tag, *resolution;
	const char *assignee, *workload, *owner, *profile;
	uint32_t eid;		/* the entity's id in the string table */
	uint32_t row;		/* its state row + 1 (tasks_refresh), 0: none */
	long drift_date, opened, closed;
	money_t daily_impact, impact, risk_spend;
	long risk_days;
	int fresh;		/* opened or changed in this run */
};

struct tasks {
	const struct contracts *contracts;
	long as_of;		/* the day of the run; DAY_NONE until known */
	long prev_as_of;	/* the previous task list's */

	struct strtab strs;	/* the state's, the inventory's and the
				 * tasks' strings */
	struct task_entity *rows;
	size_t nrows, rowcap;
	uint32_t *row_of;	/* string id of an entity -> row + 1 */
	size_t row_of_cap;
	struct task_profile *profiles;
	size_t nprofiles, profcap;

	struct task *v;		/* the task list */
	size_t n, cap;
	/* lookups: a task by id, the tasks of an entity (a chain) */
	struct strtab keys;	/* task ids */
	uint32_t *byid;		/* key -> task + 1 */
	size_t keycap;
	int32_t *head;		/* entity's string id -> its first task */
	size_t headcap;
	int32_t *next;		/* task -> next task of the same entity */
	size_t nextcap;
};

/* which tasks tasks_write shows */
struct task_filter {
	int open_only;
	const char *assignee;	/* NULL: all */
	int type;		/* -1: all */
};

void tasks_init(struct tasks *, const struct contracts *);
void tasks_free(struct tasks *);

/* ---- the state and the profiles ---- */
int tasks_load_state(struct tasks *, const char *path, struct err *e);
int tasks_add_entity(struct tasks *, const struct state_rec *,
    struct err *e);
/* The day of the run, when not the state's (--as-of): not before it. */
int tasks_set_as_of(struct tasks *, long day, struct err *e);
const struct task_entity *tasks_entity(const struct tasks *,
    const char *entity);
/* The inventory file: profile_arn, account, region, model, tags. */
int tasks_load_inventory(struct tasks *, const char *path, struct err *e);
/* The profile an AI caller should route through on day: one for the same
 * account, region and model that existed that day, preferring a tagged
 * one, then the smallest ARN; NULL when there is none. */
const struct task_profile *profile_for(const struct tasks *,
    const char *account, const char *region, const char *model, long day);
/* The smallest tagged profile the principal called through, or NULL. */
const struct task_profile *profile_of_caller(const struct tasks *,
    const char *principal);

/* ---- the rules ---- */
/* The task type an entity in state to (PENDING_TAG or STALE_TAG) for
 * reason calls for on day, and in *pp the profile to route through (for
 * ADD_TO_PROFILE); -1 for none. */
int task_decide(const struct tasks *, const struct task_entity *, int to,
    int reason, long day, const struct task_profile **pp);
/* Open the task that situation calls for, unless one with its id is
 * known. last_good: the event's last_good_tag, or NULL for the state's. */
void task_open(struct tasks *, const struct task_entity *, int to,
    int reason, long day, const char *last_good);
void task_close(struct tasks *, struct task *, long day,
    const char *resolution);
struct task *task_find(const struct tasks *, const char *id);
/* the open task of an entity, or NULL */
struct task *task_open_of(const struct tasks *, const char *entity);
/* PENDING_TAG and STALE_TAG call for a task */
int task_state_open(int state);

/* ---- the run ---- */
/* Yesterday's task list; then its as_of must not be after c->as_of. */
int tasks_load_previous(struct tasks *, const char *path, struct err *e);
int tasks_add_previous(struct tasks *, const struct task_rec *,
    struct err *e);
/* Open and close tasks on the transitions of an events file (those after
 * the previous list and up to as_of), so that a task that opened and
 * closed between two runs is kept. */
int tasks_apply_events(struct tasks *, const char *path, struct err *e);
int tasks_event(struct tasks *, const struct event_rec *, int has_good,
    struct err *e);
/* The state has the last word: open what is pending without a task,
 * close what no longer is, turn Create Profile into Add to Profile when a
 * profile appeared. */
void tasks_reconcile(struct tasks *);
/* Add the eligible spend of days at risk from a ledger. */
int tasks_apply_ledger(struct tasks *, const char *path, struct err *e);
void tasks_ledger_row(struct tasks *, const struct ledger_rec *);
/* What tasks show from today's state: the expected tag, who, how much
 * (daily impact: from the ledgers' days at risk when have_ledger, else
 * from the state's daily spend), the entity's row for task_text. */
void tasks_refresh(struct tasks *, int have_ledger);
/* Sort the list into the order of the tasks file. */
void tasks_sort(struct tasks *);

/* ---- the action and the command ----
 * The action (one sentence) into act and the command (an AWS CLI line,
 * every value from the data single-quoted) into cmd, each replacing what
 * the buffer held, for a task after tasks_refresh: both empty when its
 * entity is not in the state. Built when written, into buffers the
 * writer reuses: a task list holds no copy of them. */
void task_text(const struct tasks *, const struct task *, struct buf *act,
    struct buf *cmd);

/* ---- output ---- */
void tasks_write(const struct tasks *, struct out *,
    const struct task_filter *);
void tasks_write_notify(const struct tasks *, struct out *);
/* The open tasks the filter shows as a commented sh script (set -eu),
 * in the order of the list; a task with no command is a comment. */
void tasks_write_script(const struct tasks *, struct out *,
    const struct task_filter *);
#endif
