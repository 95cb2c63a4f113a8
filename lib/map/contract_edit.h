/* contract_edit.h: a new contract as mapcontract new makes it, from
 * options or from the wizard's answers, and the contracts file with it
 * appended (map/contract.h has the file and the checks).
 *
 * The service sets have names: "standard" (services_standard) and "ai"
 * (services_ai); an option or answer may give the name for the list. */
#ifndef CONTRACT_EDIT_H
#define CONTRACT_EDIT_H
#include <stddef.h>

#include "core/err.h"
#include "map/contract.h"

/* Into b (emptied first): v, or the list of the set v names ("standard",
 * "ai"; with short_names also "s" and "a"), comma-separated. */
void contract_services_value(const char *v, int short_names, struct buf *b);
/* "standard" or "ai" when c's services are exactly that set, else NULL. */
const char *contract_services_set(const struct contract *);
/* Set one field from an option's value: contract_parse_field, with the
 * services set names expanded. 0, or -1 with e. */
int contract_set_option(struct contract *, const char *column,
    const char *value, struct err *e);
/* What a contract made from options has when they leave it out: accounts
 * all; the standard services for map, the ai ones for map-ai. */
void contract_set_defaults(struct contract *, int accounts_given,
    int services_given);
/* The end a term starting on start has by default: three years less a
 * day (contract_term_limit is the latest it may be). */
long contract_default_end(long start);
/* Does c make an AI service eligible (a Bedrock code or AmazonSageMaker),
 * as program map-ai needs? */
int contract_has_ai_service(const struct contract *);

/* The field as a person reads it (mapcontract list, the review): the rate
 * as a percentage, the services by set name when they are one, "-" when
 * empty. Into b (emptied first). */
void contract_show_field(const struct contract *, const char *column,
    struct buf *b);
/* names (NULL-terminated) joined by sep, appended to b */
void contract_join(struct buf *b, const char *const *names,
    const char *sep);

/* Append c's row to row, in the column order of the header hdr (hlen
 * bytes, no line end), TSV-escaped, no line end. 0, or -1 with e (EXIT_DATA,
 * line 1) when the header has no column for a field c does not leave at
 * its default (projected credit, auto-enrollment rules, exclusions, the
 * AI route): the row would lose it. */
int contract_row(const struct contract *c, const char *hdr, size_t hlen,
    struct buf *row, struct err *e);
/* The text of a contracts file with c appended, into out: old (oldlen
 * bytes) and c's row, with old's line ends (CRLF kept; a last line without
 * one gets one); with old NULL a new file, the header of contract_columns
 * then the row. 0, or -1 with e as contract_row. Checks nothing else: the
 * caller has checked c against the file (contract_check_against). */
/* Check c against the contracts file at path and append it atomically
 * (map/contract_file.c). 0; -1 with e; -2 when the file there does not
 * load (e is its error: fix it first). */
int contract_file_append(const char *path, const struct contract *c,
    struct err *e);
int contract_append_text(const char *old, size_t oldlen,
    const struct contract *c, struct buf *out, struct err *e);

/* The accounts charge lines (curscan output) show, to offer for a new
 * contract: each once, by id, with its name (the first non-empty one) and
 * payer. */
struct seen_account {
	char *id, *name, *payer;
};
struct seen_accounts {
	struct seen_account *v;
	size_t n;
};
/* 0, or -1 with e (the file's problem, as the charge lines reader says
 * it). */
int seen_accounts_load(const char *path, struct seen_accounts *,
    struct err *e);
void seen_accounts_free(struct seen_accounts *);
/* The accounts offered for a contract of this payer (those whose payer is
 * unknown too), as indices into sa; idx holds sa->n. Returns how many. */
size_t seen_accounts_of(const struct seen_accounts *sa, const char *payer,
    size_t *idx);
/* An answer naming accounts: comma-separated ids, and numbers (1-based)
 * of the nidx accounts offered. Into list (emptied first), the numbers
 * replaced by ids, blanks around the commas dropped. 0, or -1 with e ("no
 * account number N in the list"). */
int seen_accounts_answer(const struct seen_accounts *sa, const size_t *idx,
    size_t nidx, const char *answer, struct buf *list, struct err *e);
#endif
