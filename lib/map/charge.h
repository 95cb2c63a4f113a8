/* charge.h: the billing entity of one CUR line item (map-model §3).
 *
 * curscan reads the line items of an export; these rules say which billing
 * entity each one belongs to, so that every tool that looks at a charge
 * line agrees:
 *   - only usage (Usage, DiscountedUsage, SavingsPlanCoveredUsage) belongs
 *     to an entity; credits, tax, fees ... belong to none ("none");
 *   - Bedrock usage (a Bedrock product code, or a product name holding
 *     "Bedrock", as a Marketplace model has) belongs to its application
 *     inference profile ("profile", the profile ARN) when it went through
 *     one, else to its caller ("ai-direct": the IAM role, or
 *     ai-direct:ACCOUNT:REGION:MODEL when CUR names no principal);
 *   - other usage belongs to its resource ("resource"), or, with no
 *     resource id, to unattributed:ACCOUNT:SERVICE:REGION.
 * The model is the part of the usage type between its first two dashes
 * (USE1-claude-3-haiku-input-tokens ... see charge_model). A principal
 * arn:P:sts::A:assumed-role/ROLE/SESSION is the role arn:P:iam::A:role/ROLE:
 * the role is what carries the tag.
 *
 * Also here: the line item types CUR has, and how a tag key is recognised
 * as the MAP tag map-migrated, exactly or as a near miss (Map_Migrated),
 * and which near misses keep the key as it was tagged (a task renames it).
 *
 * Nothing here prints or allocates per line: struct charge holds buffers
 * the caller reuses from line to line. */
#ifndef CHARGE_H
#define CHARGE_H
#include <stddef.h>

#include "core/err.h"		/* struct buf */
#include "core/rec.h"		/* struct span */

#define MAP_TAG_KEY "map-migrated"	/* the MAP tag (map-model §2) */
#define CHARGE_NONE (-1)		/* entity kind of a line with none */

/* The fields of one line item that decide its entity: spans into the row
 * (n = 0: empty or not in the export). */
struct charge_in {
	struct span line_type;	/* line_item_line_item_type */
	struct span service;	/* product code */
	struct span account;	/* usage account */
	struct span region;	/* region code, else the region */
	struct span region2;
	struct span az;		/* availability zone */
	struct span resource;	/* resource id or ARN */
	struct span usage_type;
	struct span principal;	/* IAM principal as billed */
	struct span product_name;
	struct span product_map;	/* CUR 2.0 `product` map column */
};

/* The result, and the caller's context from line to line. */
struct charge {
	int kind;		/* K_* of map/vocab.h, or CHARGE_NONE */
	struct span region;	/* the line's region (see charge_region) */
	struct span model;	/* Bedrock only; into usage_type */
	struct buf entity;	/* the entity id, NUL-terminated */
	struct buf principal;	/* the principal, normalised */
	char *scratch;		/* private: for the product map */
	size_t scap;
};

void charge_init(struct charge *);
void charge_free(struct charge *);
/* Fill c for the line in. Spans in c point into in's fields and into c. */
void charge_classify(struct charge *c, const struct charge_in *in);
/* kind_names[kind], or KIND_NONE_NAME for CHARGE_NONE */
const char *charge_kind_name(int kind);

/* The region of a line: the region column, else the region of the
 * resource ARN, else the availability zone less its letter. */
struct span charge_region(const struct charge_in *in);
/* The principal as tagged, into b (emptied first). */
void charge_principal(const char *s, size_t n, struct buf *b);
/* The model of a Bedrock usage type: between the first two dashes, or
 * from the first dash to the end; empty without a dash. */
struct span charge_model(const char *usage_type, size_t n);
/* Is this Bedrock usage? c provides the scratch for the product map. */
int charge_is_bedrock(struct charge *c, const struct charge_in *in);

/* Line item types: usage (belongs to an entity), and every type CUR is
 * known to have (an unknown one is kept, and warned about once). */
int charge_type_is_usage(const char *s, size_t n);
int charge_type_known(const char *s, size_t n);

/* Tag keys in map columns. A key is the tag NAME when it is, in a FOCUS
 * Tags map (focus set), NAME or user:NAME, otherwise resourceTags/user:NAME;
 * a principal's tag is iamPrincipal/NAME (never in FOCUS). */
int charge_tag_key_is(const char *k, size_t kl, int focus, int principal,
    const char *name);
/* Is k spelled like map-migrated once letter case, spaces, dots,
 * underscores and dashes are ignored? */
int charge_tag_mapish(const char *k, size_t n);
/* A key of a map column that is not map-migrated exactly (the caller knows)
 * but is one of its near misses once its source prefix (resourceTags/user:,
 * iamPrincipal/, user:, user_) is taken off. */
int charge_tag_near_miss(const char *k, size_t n);
/* A near miss that names the resource's or profile's own tag as tagged: a
 * key of a map column that keeps the tag's own spelling (the tags column
 * or a legacy column name: resourceTags/user:NAME; with focus set, a
 * FOCUS Tags key: NAME or user:NAME). 1 and NAME in *name, *nl; 0 for an
 * exact key, no near miss, or a near miss on the principal. Snake-cased
 * keys (resource_tags, Athena columns) lost the spelling: not here. */
int charge_tag_misspelled(const char *k, size_t kl, int focus,
    const char **name, size_t *nl);
#endif
