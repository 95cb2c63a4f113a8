/* lifecycle_int.h: what lifecycle.c (the tables, the charge lines, the
 * replay) and lifecycle_io.c (the state file, the writers) share. Not for
 * callers of the engine: see lifecycle.h. */
#ifndef LIFECYCLE_INT_H
#define LIFECYCLE_INT_H
#include <string.h>

#include "map/lifecycle.h"

#define S(id) lc_str(lc, (id))

/* two entities (indices) by key: the order of every file */
static inline int
lc_keycmp(const struct lifecycle *lc, uint32_t a, uint32_t b)
{
	return a == b ? 0 : strcmp(S(lc->ents[a].key), S(lc->ents[b].key));
}

uint32_t lc_intern(struct lifecycle *, const char *s, size_t n);
/* the entity of a key (a string id), created when new */
struct lc_ent *lc_ent_get(struct lifecycle *, uint32_t key);
void lc_ent_settag(struct lc_ent *, uint32_t key, uint32_t val);
/* the index of a tag key among the columns, added when new */
size_t lc_tagkey_index(struct lifecycle *, uint32_t key);
/* The tag_KEY columns of a header (named: only those with a KEY). */
struct lc_tagcols {
	int *col;
	uint32_t *key;		/* string ids of the KEYs */
	size_t n;
};
void lc_tagcols(struct lifecycle *, const struct tsvr *, int named,
    struct lc_tagcols *);
void lc_tagcols_free(struct lc_tagcols *);
/* an account was seen on day: keep its first day */
void lc_acct_seen(struct lifecycle *, uint32_t acct, long day);
/* a day of data was read (the first one is not "new" for accounts) */
void lc_data_day(struct lifecycle *, long day);

/* lifecycle_callers.c: the callers of each profile. Add while reading,
 * prepare before the replay, then each day: until (the day's own
 * routings), index (the TAGGED profiles' callers), profile_of; finish
 * after the replay, then callers_of for the state. */
void lc_pcall_add(struct lifecycle *, uint32_t ent, uint32_t principal,
    int32_t day);
void lc_pcall_load(struct lifecycle *, uint32_t ent, const char *, size_t);
void lc_pcalls_prepare(struct lifecycle *);
void lc_pcalls_until(struct lifecycle *, long day, size_t *from,
    size_t *to);
void lc_index_tagged_profiles(struct lifecycle *);
struct lc_ent *lc_tagged_profile_of(struct lifecycle *, uint32_t principal);
void lc_callers_finish(struct lifecycle *);
size_t lc_callers_of(const struct lifecycle *, uint32_t ent, size_t *first);

/* lifecycle_io.c: the events and ledger, written as the replay goes (in
 * the files' order: by day, then entity key) */
void lc_events_head(struct out *);
void lc_event_row(const struct lifecycle *, struct out *,
    const struct lc_event *);
void lc_events_flush(struct lifecycle *);
void lc_ledger_head(const struct lifecycle *, struct out *);
void lc_ledger_row(const struct lifecycle *, struct out *,
    const struct lc_lrow *);
#endif
