#include <string.h>

#include "map/vocab.h"

const char *const state_names[NSTATE] = { "", "ELIGIBLE", "PENDING_TAG",
	"TAGGED", "STALE_TAG", "INELIGIBLE" };
const struct vocab vocab_state = { "state", state_names, ST_ELIGIBLE,
	NSTATE };

const char *const reason_names[NREASON] = { "", "no-contract",
	"account-out-of-scope", "service-not-eligible", "excluded:data-transfer",
	"excluded:marketplace", "excluded:eks-fargate",
	"excluded:glacier-deep-archive", "eligible", "untrackable", "tag-ok",
	"tag-missing", "tag-malformed", "tag-other-mpe", "direct-invocation",
	"drift:removed", "drift:altered", "drift:direct-fallback",
	"routed-through-profile", "tag-key-misspelled" };
/* "" (R_NONE) is a valid reason: a state row may have none */
const struct vocab vocab_reason = { "reason", reason_names, R_NONE,
	NREASON };

const char *const kind_names[NKIND] = { "resource", "profile", "ai-direct",
	"unattributed" };
const struct vocab vocab_kind = { "kind", kind_names, 0, NKIND };

int
kind_is_ai(int kind)
{
	return kind == K_PROFILE || kind == K_AIDIRECT;
}

const char *const task_type_names[NTTYPE] = { "TAG_RESOURCE",
	"RETAG_RESOURCE", "CREATE_PROFILE", "ADD_TO_PROFILE", "TAG_PROFILE",
	"TAG_PRINCIPAL", "RENAME_TAG_KEY" };
const struct vocab vocab_task_type = { "task type", task_type_names, 0,
	NTTYPE };

const char *const task_status_names[NTSTATUS] = { "open", "closed" };
const struct vocab vocab_task_status = { "status", task_status_names, 0,
	NTSTATUS };

const char *const bedrock_codes[] = { "AmazonBedrock",
	"AmazonBedrockService", "AmazonBedrockFoundationModels",
	"AmazonBedrockAgentCore" };
const size_t nbedrock_codes = NELEM(bedrock_codes);

int
is_bedrock_code(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nbedrock_codes; i++)
		if (strlen(bedrock_codes[i]) == n &&
		    memcmp(bedrock_codes[i], s, n) == 0)
			return 1;
	return 0;
}
