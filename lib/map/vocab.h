/* vocab.h: the words of the MAP model, each defined once: lifecycle
 * states, reasons, billing entity kinds, task types and statuses, the
 * Bedrock product codes. Every file of map-formats(5) spells them as the
 * name tables here do, and every reader parses them with vocab_parse. */
#ifndef VOCAB_H
#define VOCAB_H
#include <stddef.h>

#include "core/rec.h"		/* struct vocab */

/* ---- lifecycle states (map-model §4) ----
 * ST_NONE is an entity not seen yet; it is never written. */
enum map_state { ST_NONE, ST_ELIGIBLE, ST_PENDING, ST_TAGGED, ST_STALE,
	ST_INELIGIBLE, NSTATE };
extern const char *const state_names[NSTATE];
extern const struct vocab vocab_state;

/* ---- the reason of a state ---- */
enum map_reason {
	R_NONE, R_NO_CONTRACT, R_OUT_OF_SCOPE, R_SERVICE, R_EX_DT, R_EX_MP,
	R_EX_EKS, R_EX_GDA, R_ELIGIBLE, R_UNTRACKABLE, R_TAG_OK, R_TAG_MISSING,
	R_TAG_MALFORMED, R_TAG_OTHER, R_DIRECT, R_DRIFT_REMOVED,
	R_DRIFT_ALTERED, R_DRIFT_FALLBACK, R_ROUTED,
	R_KEY_MISSPELLED,	/* no map-migrated, but a near miss (Map-Migrated) */
	NREASON
};
extern const char *const reason_names[NREASON];
extern const struct vocab vocab_reason;

/* ---- billing entity kinds (map-model §3) ----
 * curscan writes the kind "none" (KIND_NONE_NAME) for a charge line that
 * belongs to no billing entity (tax, credits, ...): it is not a kind of
 * entity, and no state, ledger or task holds it. */
enum entity_kind { K_RESOURCE, K_PROFILE, K_AIDIRECT, K_UNATTRIBUTED,
	NKIND };
extern const char *const kind_names[NKIND];
extern const struct vocab vocab_kind;
#define KIND_NONE_NAME "none"
/* profile or ai-direct: Bedrock usage, counted in MAP AI coverage */
int kind_is_ai(int kind);

/* ---- Cloud Engineer tasks (map-model §5) ---- */
enum task_type { T_TAG_RESOURCE, T_RETAG_RESOURCE, T_CREATE_PROFILE,
	T_ADD_TO_PROFILE, T_TAG_PROFILE, T_TAG_PRINCIPAL, T_RENAME_TAG_KEY,
	NTTYPE };
extern const char *const task_type_names[NTTYPE];
extern const struct vocab vocab_task_type;

enum task_status { TS_OPEN, TS_CLOSED, NTSTATUS };
extern const char *const task_status_names[NTSTATUS];
extern const struct vocab vocab_task_status;

/* ---- Bedrock ----
 * The product codes Bedrock usage bills under (map-model §3). */
extern const char *const bedrock_codes[];
extern const size_t nbedrock_codes;
int is_bedrock_code(const char *s, size_t n);
#endif
