/* contract.h: MAP contracts (the contracts file) and MAP tag values.
 *
 * The contracts file is TSV with one header line and these columns (any
 * order; found by name):
 *   id           contract id, unique in the file ([A-Za-z0-9._-]+)
 *   program      map | map-ai
 *   payer        payer (billing) account id, 12 digits
 *   mpe          MPE ID: 5 digits (12345) or 10 upper-case letters and
 *                digits (ABCDE12345)
 *   start, end   YYYY-MM-DD, inclusive; end >= start; term <= 3 years + 1 day
 *   credit_rate  share of eligible tagged spend MAP pays back: 0.25 or 25%
 *   projected    projected credit total (money) or empty
 *   accounts     "all" (all linked accounts of the payer) or a comma list
 *                of 12-digit ids
 *   services     comma list of CUR product codes
 *   auto_enroll  empty, or a comma list of rules: "new-accounts" (linked
 *                accounts first seen after the start date join), or
 *                "name:GLOB" (accounts whose name matches the fnmatch(3)
 *                pattern join)
 *   exclusions   "default" (data-transfer,marketplace,eks-fargate,
 *                glacier-deep-archive), "none", or a comma list of those
 *                names
 *   ai_route     how MAP AI callers get their tag: "profile" (the default,
 *                also when empty: through tagged application inference
 *                profiles) or "principal" (the calling IAM role may be
 *                tagged instead; principal_tagging = 1). Written as
 *                profile or principal when a Bedrock code is eligible,
 *                empty otherwise.
 * Blank lines and lines starting with '#' are ignored. The first line must
 * be the header. Columns projected, auto_enroll, exclusions and ai_route
 * may be left out of the header (empty, empty, "default" and profile);
 * other columns are kept by mapcontract new, which fills them empty in the
 * rows it appends.
 *
 * Further checks on a contract (contract_validate): auto-enrollment rules
 * need an explicit account list (with "all" they would be meaningless); a
 * map-ai contract must make at least one AI service eligible (a Bedrock
 * code or AmazonSageMaker); ai_route principal needs an eligible Bedrock
 * code (contract_ai_evaluation); a name:GLOB pattern holds no ',' tab or
 * newline; no account or service is listed twice.
 *
 * How contract_excluded() recognises each exclusion (service is the CUR
 * product code, usage_type the CUR usage type; all tests are exact and
 * case sensitive unless said otherwise):
 *   data-transfer         service is AWSDataTransfer, or the usage type
 *                         contains "DataTransfer" (USE1-DataTransfer-Out-
 *                         Bytes, DataTransfer-Regional-Bytes) or an
 *                         inter-region transfer "-AWS-Out-" / "-AWS-In-"
 *                         (USE1-USW2-AWS-Out-Bytes), whatever the service.
 *   eks-fargate           service AmazonEKS and the usage type contains
 *                         "Fargate" (USE1-Fargate-vCPU-Hours:perCPU).
 *   glacier-deep-archive  service AmazonS3 and the usage type contains
 *                         "DeepArchive" or "-GDA" (TimedStorage-GDA-ByteHrs,
 *                         Requests-GDA-Tier1, EarlyDelete-GDA,
 *                         S3-GDATransition).
 *   marketplace           the service code does not start with "Amazon" or
 *                         "AWS" (either in any letter case: awskms is AWS)
 *                         and is not one of the few AWS codes without that
 *                         prefix (ElasticMapReduce, datapipeline,
 *                         comprehend, translate, transcribe, CodeBuild,
 *                         OCBPremiumSupport). Bedrock codes start with
 *                         "Amazon" and are never marketplace. A Bedrock
 *                         model sold through AWS Marketplace has a
 *                         marketplace product code: callers that know a
 *                         row is Bedrock (curscan's entity_kind profile or
 *                         ai-direct) should pass "AmazonBedrock" as the
 *                         service, or not ask.
 * The first that applies is returned, in the order above. */
#ifndef CONTRACT_H
#define CONTRACT_H
#include <stddef.h>

#include "core/date.h"
#include "core/err.h"
#include "core/money.h"

enum program { PROG_MAP = 0, PROG_MAP_AI = 1 };

enum excl {
	EXCL_DATA_TRANSFER = 1 << 0,
	EXCL_MARKETPLACE = 1 << 1,
	EXCL_EKS_FARGATE = 1 << 2,
	EXCL_GLACIER_DEEP_ARCHIVE = 1 << 3,
	EXCL_DEFAULT = 0xf
};

struct contract {
	char *id;
	enum program program;
	char *payer;
	char *mpe;
	long start, end;		/* day numbers, inclusive */
	money_t rate;			/* 0.25 = 25% */
	money_t projected;
	int has_projected;
	int all_accounts;
	char **accounts;
	size_t naccounts;
	char **services;
	size_t nservices;
	int auto_new;			/* new-accounts rule */
	char **name_globs;
	size_t nglobs;
	unsigned excl;			/* enum excl bits */
	int principal_tagging;		/* ai_route principal: MAP AI callers
					 * may be tagged on their IAM role */
	long line;			/* line in the file */
	char **sorted_accounts;		/* private: accounts, sorted */
};

struct contracts {
	struct contract *v;
	size_t n;
	const char *path;
};

/* Load and check a contracts file. On a problem: -1, e set with the line
 * (EXIT_DATA), or EXIT_SYS when unreadable. Checks: columns present, every
 * field well formed, unique ids, and no two contracts of the same program
 * for the same payer whose terms overlap and whose account scopes
 * intersect ("all" intersects everything). */
int contracts_load(const char *path, struct contracts *, struct err *e);
void contracts_free(struct contracts *);
/* The index of the contract with this id, or -1. */
int contracts_find(const struct contracts *, const char *id);

/* Validate one contract's fields (as in the file); 0, or -1 with e. */
int contract_validate(const struct contract *, struct err *e);
/* 1 when a and b overlap as described above. */
int contracts_overlap(const struct contract *a, const struct contract *b);

/* Is the account in scope on its own (explicit list or "all")? The
 * auto-enrollment rules are applied by the caller, who knows when an
 * account was first seen: contract_auto_enrolls(). */
int contract_has_account(const struct contract *, const char *account);
int contract_auto_enrolls(const struct contract *, const char *account_name,
    long first_seen_day);
/* Another contract of the same program and payer that lists the account
 * by id (never auto-enrolled into contract self), or -1. */
int contracts_listing(const struct contracts *, size_t self,
    const char *account);
int contract_has_service(const struct contract *, const char *service);
/* The exclusion that applies to a charge, as a reason suffix
 * ("data-transfer", "marketplace", "eks-fargate", "glacier-deep-archive"),
 * or NULL. */
const char *contract_excluded(const struct contract *, const char *service,
    const char *usage_type);

/* MAP tag values. */
enum tagcheck { TAG_OK = 0, TAG_MISSING, TAG_MALFORMED, TAG_OTHER_MPE };
/* Is value a valid map-migrated value for the MPE ID? The valid forms are
 * mig, sap, oracle, comm, comm_ec2_, mig_ec2_ followed by the MPE ID
 * (prefix lower case, ID as in the contract). A well-formed value for a
 * different MPE ID is TAG_OTHER_MPE; anything else TAG_MALFORMED; empty is
 * TAG_MISSING. */
enum tagcheck map_tag_check(const char *value, const char *mpe);
/* The value tasks ask for: "mig" + MPE ID. */
void map_tag_expected(const char *mpe, char *out, size_t outsz);
/* 1 if s is an MPE ID in one of the two accepted forms. */
int mpe_valid(const char *s);

/* Product code sets. */
extern const char *const services_standard[];	/* NULL-terminated */
extern const char *const services_ai[];		/* standard + Bedrock + SageMaker */

/* ---- additions (mapcontract) ---- */

/* The columns of a contracts file, in the order mapcontract writes them;
 * NULL-terminated. */
extern const char *const contract_columns[];

/* "map" or "map-ai". */
const char *program_name(enum program);

/* 1 for the Bedrock product codes (AmazonBedrock, AmazonBedrockService,
 * AmazonBedrockFoundationModels, AmazonBedrockAgentCore). */
int service_is_bedrock(const char *service);

/* 1 when a Bedrock code is eligible: AI workload evaluation (profile
 * coverage, Create/Add/Tag Profile tasks) is on for this contract. */
int contract_ai_evaluation(const struct contract *);

/* 1 when day is within the contract's term. */
int contract_active(const struct contract *, long day);

/* Parse one field written as in the file (column name as in the header)
 * into c, replacing what was there. 0, or -1 with e (EXIT_DATA, line 0,
 * a message that does not name the column). Checks the field alone;
 * contract_validate() checks the whole. */
int contract_parse_field(struct contract *c, const char *column,
    const char *value, struct err *e);
/* Append the field as it is written in the file (canonical form, not
 * TSV-escaped) to b. Unknown columns append nothing. */
void contract_format_field(const struct contract *, const char *column,
    struct buf *b);
/* A contract with every field unset: program map, exclusions default,
 * start/end DAY_NONE. */
void contract_init(struct contract *);
void contract_free(struct contract *);

/* Does c conflict with the contracts already in cs: an id used before
 * ("contract id 'x' is already used (line N)") or an overlap ("contract
 * 'x' overlaps contract 'y' (line N): ...")? 0, or -1 with e (EXIT_DATA,
 * e->line = c->line). */
int contract_check_against(const struct contracts *cs,
    const struct contract *c, struct err *e);

/* Like contracts_load, but goes on after a problem: each one is passed to
 * fn in line order, and rows with problems are left out of cs. Returns the
 * number of problems, or -1 with e set when the file cannot be read at all
 * (unreadable: EXIT_SYS; no header or a required column missing:
 * EXIT_DATA). */
typedef void contract_problem_fn(void *arg, const struct err *e);
int contracts_load_all(const char *path, struct contracts *,
    contract_problem_fn *fn, void *arg, struct err *e);
/* The last day a term starting on start may end on: three years later,
 * same month and day (1 March for 29 February). */
long contract_term_limit(long start);
/* Does c cover a charge of this payer, account and service on day, as
 * mapstate's coverage decides: the payer's contract, active that day, the
 * account in scope (listed, "all", or enrolled: the caller's answer for
 * the auto-enrollment rules, which need the account's history) and the
 * service eligible (a Bedrock code: any Bedrock code eligible). */
int contract_covers(const struct contract *, const char *payer,
    const char *account, const char *service, long day, int enrolled);
#endif
