/* workload.h: workloads and their ownership claims (the workloads file).
 *
 * TSV, one header line, one row per claim (a workload with several claims
 * repeats its row; the other columns must agree):
 *   workload  product  portfolio  team  owner  engineer  claim
 * claim is one of:
 *   account:ID         every charge of that account
 *   tag:KEY=VALUE      charges whose tag KEY has VALUE (curscan --tag KEY)
 *   resource:ARN       that exact resource id
 *   prefix:ARNPREFIX   resource ids starting with it (longest prefix wins)
 *   profile:ARN        that Bedrock application inference profile
 *   principal:ARN      Bedrock calls by that IAM principal
 * Specificity (most specific wins): resource > prefix > profile = principal
 * > tag > account. Two matching claims of different workloads at the same
 * specificity (for prefixes: the same length) are an error naming both.
 *
 * Checks on loading (each an error with the line): the seven columns are
 * present; no field is empty; the claim kind is one of the six; account
 * ids have 12 digits; tag claims have a key and a value (KEY=VALUE, the
 * key holds no '='); profile claims are application inference profile
 * ARNs (arn:...:application-inference-profile/ID); principal claims are
 * ARNs and not assumed-role sessions (claim the role:
 * arn:aws:iam::ACCOUNT:role/NAME); every row of a workload has the same
 * product, portfolio, team, owner and engineer; no claim is written
 * twice: twice for one workload is a duplicate, once each for two
 * workloads is a tie that would hit every entity it matches. Blank lines
 * and lines starting with '#' are ignored.
 *
 * Matching: resource and prefix claims compare with the entity id (of any
 * kind); profile claims with the entity id; principal claims with the
 * query's principal; tag claims with the query's value for that key (an
 * empty value never matches); account claims with the account. */
#ifndef WORKLOAD_H
#define WORKLOAD_H
#include <stddef.h>

#include "core/err.h"

enum claimkind { CL_ACCOUNT = 1, CL_TAG, CL_PROFILE, CL_PRINCIPAL, CL_PREFIX,
	CL_RESOURCE };

struct workload {
	char *name, *product, *portfolio, *team, *owner, *engineer;
};

struct claim {
	enum claimkind kind;
	char *key;		/* tag key for CL_TAG */
	char *value;		/* account id, tag value, ARN or prefix */
	size_t w;		/* index into workloads */
	long line;
	char *text;		/* as written, for messages */
};

struct workloads {
	struct workload *w;
	size_t nw;
	struct claim *c;
	size_t nc;
	char **tagkeys;		/* distinct tag keys used by tag: claims */
	size_t ntagkeys;
	const char *path;
	void *index;		/* private lookup tables */
};

int workloads_load(const char *path, struct workloads *, struct err *e);
void workloads_free(struct workloads *);

/* What the resolver looks at for one billing entity. */
struct owner_query {
	const char *account;
	const char *entity;		/* resource id, profile ARN, caller ... */
	const char *entity_kind;	/* resource, profile, ai-direct, ... */
	const char *principal;		/* caller ARN or "" */
	const char *const *tagvals;	/* value per tagkeys[i], "" if none */
};

/* Index of the owning workload, -1 for unowned, or -2 for a tie with e set
 * (EXIT_DATA, naming both claims and their lines). */
long workloads_resolve(const struct workloads *, const struct owner_query *,
    struct err *e);

/* ---- additions (mapcontract) ---- */

/* Like workloads_load, but goes on after a problem in a row: each one is
 * passed to fn in line order and the row is left out. Returns the number
 * of problems, or -1 with e set when the file cannot be read at all
 * (EXIT_SYS unreadable; EXIT_DATA no header or a missing column). */
typedef void workload_problem_fn(void *arg, const struct err *e);
int workloads_load_all(const char *path, struct workloads *,
    workload_problem_fn *fn, void *arg, struct err *e);

/* "account", "tag", "profile", "principal", "prefix", "resource". */
const char *claimkind_name(enum claimkind);
#endif
