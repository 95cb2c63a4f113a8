/* credit.h: MAP credits (map-model §6). Recognise MAP credits among the
 * bill's credit lines, tell each one's contract, draw them from their
 * grants expiry first, and attribute each month's credit to the workloads
 * whose accruing (TAGGED, eligible) spend earned it, to the cent.
 *
 * One struct credit holds a run; the caller owns it:
 *
 *	credit_init(&cr, &contracts);
 *	cr.month = ...; cr.as_of_opt = ...;	(DAY_NONE: not asked for)
 *	credit_match(&cr, regex, &e) ... or credit_match_defaults(&cr, &e);
 *	credit_read_grants(&cr, path, &e);	(optional; before the lines)
 *	credit_read_claims(&cr, path, &e);	(optional: the previous claims)
 *	credit_read_ledger(&cr, path, &e);	(one or more)
 *	credit_read_lines(&cr, path, &e);	(one or more)
 *	credit_settle(&cr);			(once: received, pools)
 *	credit_write_attribution(&cr, out); and _claims, _pools, _other
 *	credit_free(&cr);
 *
 * The contracts, the paths and the patterns must outlive the run (lines
 * keep their file name for warnings). Readers return 0, or -1 with e set
 * (EXIT_DATA with the line, or EXIT_SYS). Nothing is printed: warnings
 * (a credit no contract explains, an overdrawn grant) go to cr.warn when
 * it is set, as "FILE", LINE and a message without "warning: ".
 *
 * The grants file (only mapcredit reads it): TSV with the columns code,
 * amount (positive), account (a linked account, a payer, or empty for
 * any), start, end (YYYY-MM-DD, end >= start) and, optionally, reference
 * (the contract id the grant belongs to). Codes are unique.
 *
 * The claims (map-formats(5)) are a series: with previous claims read, the
 * months before the run's first month (the month asked for, else the
 * first month of the ledgers) are carried over from them, and every row
 * gets its contract's figures to date (credit_claims). */
#ifndef CREDIT_H
#define CREDIT_H
#include <regex.h>
#include <stddef.h>

#include "core/err.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/tsv.h"
#include "core/u64map.h"
#include "map/contract.h"
#include "map/formats.h"

/* a MAP credit line */
struct credit_line {
	long day;
	char *payer, *account, *service, *code, *desc;	/* code "" when none */
	money_t amount;		/* applied: positive */
	int contract;		/* index in the contracts, or CREDIT_NONE,
				 * CREDIT_SEVERAL */
	const char *file;	/* "<stdin>" for "-" */
	long line;
};

#define CREDIT_NONE	(-1)	/* no contract covers the line */
#define CREDIT_SEVERAL	(-2)	/* more than one does */

/* a pool: a grant from the file, or derived from a code seen in the bill
 * (no amount, no expiry) */
struct credit_grant {
	char *code, *account, *reference;
	money_t amount, used;
	money_t month_used;	/* used in as_of's month */
	long start, end;	/* DAY_NONE when derived */
	int derived;
	long line;
};

/* accruing spend of one workload, account, contract and month */
struct credit_acc {
	long month;
	int contract;
	char *workload, *team, *product, *portfolio, *account;
	money_t accruing;
};

/* ledger spend of one account and month: does one workload hold it all?
 * (auto-claim) */
struct credit_acctw {
	long month;
	char *account, *workload;
	int mixed;		/* more than one workload (or unowned) */
};

/* ledger totals and credit received per contract (-1: none) and month */
struct credit_tot {
	long month;
	int contract;
	const char *id;		/* the contract's id, "" for none */
	money_t eligible, accruing, pending, stale, untrackable, received;
};

/* a claims row: the run's own, or carried over from the previous claims;
 * amounts as written (the run's rounded to the cent) */
struct credit_claim {
	long month;
	char *contract;
	money_t rate;
	money_t v[NCLAIM];	/* CL_* */
	money_t td[NCLAIMTD];	/* CLT_*: the contract to date */
	int carried;		/* from the previous claims */
	long line;		/* its line there */
};

/* a pool as the checkpoint left it (mapcredit --previous-pools) */
struct credit_prevpool {
	char *code, *account, *reference;
	money_t used;
};

/* an attribution row of the checkpoint, as written */
struct credit_prevattr {
	long month;
	char *row;		/* the TSV line, with its newline */
};

typedef void credit_warn_fn(void *arg, const char *file, long line,
    const char *msg);

struct credit {
	/* set by the caller */
	const struct contracts *contracts;
	long month;		/* only this month number, or DAY_NONE */
	long as_of_opt;		/* the pools' day, or DAY_NONE: the latest */
	credit_warn_fn *warn;
	void *warn_arg;
	/* the results */
	long as_of;		/* the day the pools are for, or DAY_NONE */
	struct credit_line *lines;
	size_t nlines;
	struct credit_grant *grants;	/* the file's, then derived ones */
	size_t ngrants, nfilegrants;
	struct credit_acc *accs;
	size_t naccs;
	struct credit_acctw *acctws;
	size_t nacctws;
	struct credit_tot *tots;	/* after settle: by month, contract */
	size_t ntots;
	struct credit_claim *claims;	/* after settle: by month, contract */
	size_t nclaims;
	long ledger_first;	/* the first month of the ledgers, or DAY_NONE */
	struct buf other;	/* the other credits, as TSV rows */
	/* private */
	regex_t *pats;
	size_t npats;
	struct credit_claim *prev;	/* the previous claims */
	size_t nprev;
	struct credit_prevpool *prevpools;	/* the checkpoint's pools */
	size_t nprevpools;
	long prevpools_as_of;	/* their day: lines up to it are in them */
	struct credit_prevattr *prevattr;	/* the checkpoint's attribution */
	size_t nprevattr;
	struct strtab keys;	/* ledger keys -> ids */
	struct u64map acctw_of, acc_of;	/* key id -> index */
	struct u64map enr_of;	/* auto-enrolled (contract, account) */
	struct buf key;
};

void credit_init(struct credit *, const struct contracts *);
void credit_free(struct credit *);

/* A MAP credit description pattern (POSIX extended). -1 with e->msg the
 * regcomp message when it does not compile. */
int credit_match(struct credit *, const char *regex, struct err *e);
/* Unless a pattern was added, the default ones: a mig promotion code (mig12345, mig_ec2_12345,
 * migABCDE12345, standing as a word; not "migration"), or _MPE. */
int credit_match_defaults(struct credit *, struct err *e);
/* Is the description a MAP credit's? */
int credit_is_map(const struct credit *, const char *desc);
/* The promotion code in a description (mig or mig_ec2_ and five or more
 * digits and capitals, as a word), malloc'd; "" when there is none. */
char *credit_find_code(const char *desc);
/* The contract of a MAP credit line (map-model 6): the one whose scope
 * covers its payer, usage account and service that day (contract_covers;
 * auto-enrolled accounts are those the ledger read so far shows the
 * contract covering). A Bedrock or SageMaker line goes to a map-ai
 * contract where one covers it, any other line to a map contract where
 * one does. Where several remain and the code's MPE ID (mig12345,
 * mig_ec2_12345) is the MPE ID of exactly one of them, that one: the ID
 * is a hint, never a requirement. CREDIT_NONE or CREDIT_SEVERAL
 * otherwise. A grant's reference naming a contract is applied before
 * (credit_read_lines). */
int credit_contract_for(struct credit *, const char *payer,
    const char *account, const char *service, const char *code, long day);

int credit_read_grants(struct credit *, const char *path, struct err *e);
/* mapstate's ledger: totals per contract and month, accruing spend per
 * workload, who holds each account's spend */
int credit_read_ledger(struct credit *, const char *path, struct err *e);
/* The previous claims (mapcredit --claims of an earlier run): kept for
 * the months before the run's first (credit_claims). A month and contract
 * twice, or an empty contract, is an error (EXIT_DATA). */
int credit_read_claims(struct credit *, const char *path, struct err *e);
/* The pools of the checkpoint the run starts from (mapcredit --pools of
 * the closed period before): each grant starts with what was drawn from
 * it then, and the credit lines of its as-of day and before are not drawn
 * again. A pool no grant matches (by code, account and reference) stays a
 * pool of its own, derived. */
int credit_read_pools(struct credit *, const char *path, struct err *e);
/* The attribution of that checkpoint: its rows for the months before the
 * run's first come first in the run's attribution. */
int credit_read_attribution(struct credit *, const char *path,
    struct err *e);
/* curscan's charge lines: the Credit and Refund lines, MAP or other */
int credit_read_lines(struct credit *, const char *path, struct err *e);

/* Once everything is read: apply as_of_opt and month, add up the credit
 * received per contract and month, sort the totals, draw the lines from
 * their pools. Warns through cr.warn. */
void credit_settle(struct credit *);

/* The claims rows (cr.claims), credit_settle's last step: the run's
 * rows of contracts (its totals rounded to the cent), for the months
 * before the run's first month the previous claims' rows in their place
 * or beside them, sorted by month and contract id; then each row's
 * contract-to-date figures: sums over the contract's rows up to its month,
 * projected_to_date the contract's projected total when it has one, and
 * gap_to_date = projected_to_date - earned_to_date. */
void credit_claims(struct credit *);

/* Auto-claim: does the workload (not "unowned") hold all of the account's
 * spend that month? key is scratch space. */
int credit_auto(const struct credit *, struct buf *key, long month,
    const char *account, const char *workload);

/* The outputs of map-formats(5) (HDR_* headers), after credit_settle. */
void credit_write_attribution(const struct credit *, struct out *);
void credit_write_claims(const struct credit *, struct out *);
void credit_write_pools(const struct credit *, struct out *);
void credit_write_other(const struct credit *, struct out *);
#endif
