/* accounts.h: the linked accounts of an organisation and the day each
 * joined it (map-formats(5) ACCOUNTS). The new-accounts auto-enrollment
 * rule asks when an account joined; without this file the lifecycle
 * guesses from the data (mapstate(1) AUTO-ENROLLMENT).
 *
 * Read from the accounts TSV (account, name, joined) or from the JSON that
 * `aws organizations list-accounts` prints: {"Accounts": [{"Id": ...,
 * "Name": ..., "JoinedTimestamp": ...}, ...]}, JoinedTimestamp as ISO 8601
 * (2019-03-04T10:00:00.123000+00:00, an offset or Z) or as epoch seconds
 * (1551693600.123), kept as its UTC day. */
#ifndef ACCOUNTS_H
#define ACCOUNTS_H
#include <stddef.h>

#include "core/err.h"
#include "core/tsv.h"
#include "map/contract.h"

struct account {
	char *id, *name;	/* name "" when not known */
	long joined;		/* day; DAY_NONE when not known */
};

struct accounts {
	struct account *v;	/* sorted by id, each id once */
	size_t n;
};

/* The accounts TSV, through account_schema. An id twice is an error. */
int accounts_load(const char *path, struct accounts *, struct err *);
/* The JSON of `aws organizations list-accounts` (several pages may be
 * concatenated, as --no-paginate off prints them); path "-" is stdin. */
int accounts_load_organizations(const char *path, struct accounts *,
    struct err *);
void accounts_free(struct accounts *);
const struct account *accounts_find(const struct accounts *, const char *id);
/* The accounts TSV with its header (HDR_ACCOUNTS), by id. */
void accounts_write(const struct accounts *, struct out *);

/* Where an auto-enrollment rule of one contract could take an account
 * that another contract of the same program and payer lists by id (the
 * list wins: mapstate(1) AUTO-ENROLLMENT). The rule is new-accounts
 * (glob NULL) or name:glob (only when accounts gives the name). */
struct enroll_overlap {
	const struct contract *rule_of, *lister;
	const char *account, *glob;
};
size_t contracts_enroll_overlaps(const struct contracts *,
    const struct accounts *, void (*cb)(void *, const struct enroll_overlap *),
    void *arg);
#endif
