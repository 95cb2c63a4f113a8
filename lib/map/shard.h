/* shard.h: a sharded night (mapnightly --shards N; map-model.md, the
 * scale-out notes): which shard each billing entity's rows go to, the
 * split of a file into N, the first days every shard must share, and the
 * merge of the shards' sorted outputs back into the files one machine
 * writes.
 *
 * The shard of a row is XXH64(key, seed 0) mod N over the exact (decoded)
 * bytes of its key: the entity key, except for Amazon Bedrock's entities
 * (an application inference profile's ARN, a caller's IAM or STS ARN,
 * ai-direct:ACCOUNT:...), whose key is the account their own key names,
 * so that a profile and every caller of its account that routes through
 * it or falls back from it meet in one shard (Create vs Add to Profile,
 * direct fallback), and every row of one entity goes to one shard
 * whatever its usage account. A row of
 * no billing entity (entity_kind none: credits, refunds, tax, fees) goes
 * to shard 0, where mapcredit finds every credit line. */
#ifndef SHARD_H
#define SHARD_H
#include <stddef.h>

#include "core/afile.h"
#include "core/err.h"
#include "core/strtab.h"
#include "core/tsv.h"

#define SHARD_MAX 4096

unsigned shard_of(const char *kind, size_t kn, const char *entity,
    size_t en, unsigned n);

/* ---- first days ----
 * The new-accounts rule compares the day an account was first seen with
 * the first day of the data, over the whole organisation. Each shard sees
 * part of it: the first-seen file (map-formats(5)) carries the whole
 * organisation's to every shard (mapstate --first-seen). */
struct shard_seen {
	struct strtab accts;
	long *day;		/* per account id */
	size_t cap;
	long data;		/* the data's first day, DAY_NONE */
};
void seen_init(struct shard_seen *);
void seen_free(struct shard_seen *);
/* keep the earlier day */
void seen_account(struct shard_seen *, const char *acct, size_t n,
    long day);
void seen_data(struct shard_seen *, long day);
/* Add a first-seen file (the earlier day of each wins). 0, or -1 with e. */
int seen_read(struct shard_seen *, const char *path, struct err *e);
/* The file: the data row, then the accounts in byte order. */
void seen_write(const struct shard_seen *, struct out *);

/* ---- the split ----
 * Rows of a TSV with entity_kind, entity and account columns (the key
 * needs the first two, the first days the account too: charge
 * lines, a state, a task list) into N files DIR/0.tsv .. DIR/N-1.tsv, each
 * with the header, each row in its input order; or, with keep >= 0, only
 * shard keep's rows into one output. The files are written to
 * temporaries and appear only at shard_split_commit: a failed run leaves
 * none half-written. With seen, the first days of the rows read are kept
 * in it: a charge line's usage_start, a state's first_seen (the days
 * mapstate keeps from each, for the new-accounts rule). */
struct shard_split {
	unsigned n;
	long keep;
	struct out *keep_out;
	struct afile *f;	/* n of them, keep < 0 */
	struct shard_seen *seen;
	char *dir;
	int header_done;
	struct tsvr hdr;	/* the first file's header (nf, hdr only) */
};
int shard_split_open(struct shard_split *, const char *dir, unsigned n,
    long keep, struct out *keep_out, struct shard_seen *seen,
    struct err *e);
/* one input file (or "-", or /dev/fd/N); 0, or -1 with e (its line) */
int shard_split_read(struct shard_split *, const char *path, struct err *e);
int shard_split_commit(struct shard_split *, struct err *e);
void shard_split_abort(struct shard_split *);

/* ---- the merge ----
 * Files of one format, each sorted as its tool writes it, into one: the
 * first file's header (every file must have the same), rows in key
 * order, equal keys in file order (the rows of one entity all come from
 * one shard, so each entity's rows keep their order). The keys follow
 * from the header (shard_merge_keys): a state by entity; events and a
 * ledger by date, entity; tasks by opened, entity. Notifications follow
 * their task's place in the merged task list (shard_merge_by_task). A
 * file out of order is an error naming its line. */
/* NULL for a header of no format merged by key */
const char *const *shard_merge_keys(const struct tsvr *, size_t *nkeys);
/* On error, *bad is the path the error is about (e->line its line). */
int shard_merge(const char *const *paths, size_t n, struct out *o,
    const char **bad, struct err *e);
int shard_merge_by_task(const char *const *paths, size_t n,
    const char *tasks, struct out *o, const char **bad, struct err *e);
/* is this header a notifications file (merged by task)? */
int shard_is_notify(const struct tsvr *);
#endif
