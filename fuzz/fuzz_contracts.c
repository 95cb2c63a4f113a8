/* fuzz_contracts.c: contracts_load and contracts_load_all over the bytes
 * as a file (gzip too, as zin reads it), and on slices of the bytes (the
 * pieces between tabs and newlines): mpe_valid, map_tag_check and
 * contract_excluded against references written from contract.h, and
 * contract_parse_field/contract_validate on contracts built from pieces.
 * contracts_load: on success every contract re-validates, ids are unique,
 * no two contracts overlap (also by a reference check), lines increase;
 * each column's contract_format_field parses back with
 * contract_parse_field to the same text, both into a contract rebuilt
 * from the formatted fields alone (which must validate and be the same
 * contract) and over that contract again (parse replaces); the account
 * lookup (bsearch) agrees with a scan and auto-enrollment with fnmatch.
 * On failure nothing is left allocated and e names a line of the input.
 * contracts_load_all: problems come in line order, each EXIT_DATA with a
 * line; the count returned is the count passed to the callback; the first
 * problem is the error contracts_load gave, and with no problem the two
 * load the same contracts. */
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map/contract.h"
#include "fuzz.h"

/* ---- references ---- */

FUZZ_NOCOV static int
ref_mpe(const char *s)
{
	size_t i, n = strlen(s);
	int letter = 0;

	if (n == 5)
		return strspn(s, "0123456789") == 5;
	if (n != 10)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			letter = 1;
		else if (!(s[i] >= '0' && s[i] <= '9'))
			return 0;
	}
	return letter;
}

static const char *const ref_prefixes[] = { "mig", "sap", "oracle", "comm",
	"comm_ec2_", "mig_ec2_" };

FUZZ_NOCOV static enum tagcheck
ref_tag(const char *v, const char *mpe)
{
	size_t i, pl;
	int other = 0;

	if (*v == '\0')
		return TAG_MISSING;
	for (i = 0; i < sizeof(ref_prefixes) / sizeof(ref_prefixes[0]); i++) {
		pl = strlen(ref_prefixes[i]);
		if (strncmp(v, ref_prefixes[i], pl) != 0)
			continue;
		if (*mpe != '\0' && strcmp(v + pl, mpe) == 0)
			return TAG_OK;
		other |= ref_mpe(v + pl);
	}
	return other ? TAG_OTHER_MPE : TAG_MALFORMED;
}

FUZZ_NOCOV static int
ref_ciprefix(const char *s, const char *p)
{
	size_t i, n = strlen(p);

	if (strlen(s) < n)
		return 0;
	for (i = 0; i < n; i++) {
		char a = s[i], b = p[i];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (char)(b + 32);
		if (a != b)
			return 0;
	}
	return 1;
}

FUZZ_NOCOV static const char *
ref_excluded(unsigned x, const char *svc, const char *ut)
{
	static const char *const unpre[] = { "ElasticMapReduce",
		"datapipeline", "comprehend", "translate", "transcribe",
		"CodeBuild", "OCBPremiumSupport" };
	size_t i;
	int mp;

	if ((x & EXCL_DATA_TRANSFER) && (strcmp(svc, "AWSDataTransfer") == 0 ||
	    strstr(ut, "DataTransfer") || strstr(ut, "-AWS-Out-") ||
	    strstr(ut, "-AWS-In-")))
		return "data-transfer";
	if ((x & EXCL_EKS_FARGATE) && strcmp(svc, "AmazonEKS") == 0 &&
	    strstr(ut, "Fargate"))
		return "eks-fargate";
	if ((x & EXCL_GLACIER_DEEP_ARCHIVE) && strcmp(svc, "AmazonS3") == 0 &&
	    (strstr(ut, "DeepArchive") || strstr(ut, "-GDA")))
		return "glacier-deep-archive";
	mp = *svc != '\0' && !ref_ciprefix(svc, "Amazon") &&
	    !ref_ciprefix(svc, "AWS");
	for (i = 0; mp && i < sizeof(unpre) / sizeof(unpre[0]); i++)
		if (strcmp(svc, unpre[i]) == 0)
			mp = 0;
	if ((x & EXCL_MARKETPLACE) && mp)
		return "marketplace";
	return NULL;
}

FUZZ_NOCOV static int
ref_inlist(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

FUZZ_NOCOV static int
ref_overlap(const struct contract *a, const struct contract *b)
{
	size_t i;

	if (a->program != b->program || strcmp(a->payer, b->payer) != 0 ||
	    a->end < b->start || b->end < a->start)
		return 0;
	if (a->all_accounts || b->all_accounts)
		return 1;
	for (i = 0; i < a->naccounts; i++)
		if (ref_inlist(b->accounts, b->naccounts, a->accounts[i]))
			return 1;
	return 0;
}

FUZZ_NOCOV static int
ref_enrolls(const struct contract *c, const char *name)
{
	size_t i;

	for (i = 0; *name && i < c->nglobs; i++)
		if (fnmatch(c->name_globs[i], name, 0) == 0)
			return 1;
	return 0;
}

/* ---- slices ---- */

static void
check_tag(const char *v, const char *mpe)
{
	const char *x;
	char buf[128];
	unsigned bits;

	FUZZ_CHECK(mpe_valid(v) == ref_mpe(v));
	FUZZ_CHECK(map_tag_check(v, mpe) == ref_tag(v, mpe));
	if (strlen(mpe) < 64) {
		map_tag_expected(mpe, buf, sizeof(buf));
		FUZZ_CHECK(strncmp(buf, "mig", 3) == 0 &&
		    strcmp(buf + 3, mpe) == 0);
		FUZZ_CHECK(*mpe == '\0' || map_tag_check(buf, mpe) == TAG_OK);
	}
	for (bits = 0; bits <= EXCL_DEFAULT; bits += 5) {
		struct contract c;

		contract_init(&c);
		c.excl = bits;
		x = contract_excluded(&c, v, mpe);
		FUZZ_CHECK(x == ref_excluded(bits, v, mpe) ||
		    (x && ref_excluded(bits, v, mpe) &&
		    strcmp(x, ref_excluded(bits, v, mpe)) == 0));
	}
}

/* ---- one loaded contract ---- */

static void
fmt(const struct contract *c, const char *col, struct buf *b)
{
	b->len = 0;
	contract_format_field(c, col, b);
	FUZZ_CHECK(b->s != NULL && strlen(b->s) == b->len);
}

static int
strv_eq(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

static int
same(const struct contract *a, const struct contract *b)
{
	return strcmp(a->id, b->id) == 0 && a->program == b->program &&
	    strcmp(a->payer, b->payer) == 0 && strcmp(a->mpe, b->mpe) == 0 &&
	    a->start == b->start && a->end == b->end && a->rate == b->rate &&
	    a->has_projected == b->has_projected &&
	    a->projected == b->projected &&
	    a->all_accounts == b->all_accounts &&
	    strv_eq(a->accounts, a->naccounts, b->accounts, b->naccounts) &&
	    strv_eq(a->services, a->nservices, b->services, b->nservices) &&
	    a->auto_new == b->auto_new &&
	    strv_eq(a->name_globs, a->nglobs, b->name_globs, b->nglobs) &&
	    a->excl == b->excl && a->principal_tagging == b->principal_tagging;
}

static void
check_contract(const struct contract *c)
{
	struct err e = { 0 };
	struct contract d;
	struct buf b = { 0 }, b2 = { 0 };
	size_t i, k;

	FUZZ_CHECK(contract_validate(c, &e) == 0);
	FUZZ_CHECK(c->line >= 2);
	/* rebuild from the formatted fields alone */
	contract_init(&d);
	d.line = c->line;
	for (i = 0; contract_columns[i] != NULL; i++) {
		fmt(c, contract_columns[i], &b);
		FUZZ_CHECK(contract_parse_field(&d, contract_columns[i],
		    b.s, &e) == 0);
	}
	FUZZ_CHECK(contract_validate(&d, &e) == 0);
	FUZZ_CHECK(same(c, &d));
	/* each field again over the rebuilt contract */
	for (i = 0; contract_columns[i] != NULL; i++) {
		fmt(c, contract_columns[i], &b);
		FUZZ_CHECK(contract_parse_field(&d, contract_columns[i],
		    b.s, &e) == 0);
		fmt(&d, contract_columns[i], &b2);
		FUZZ_CHECK(b.len == b2.len && strcmp(b.s, b2.s) == 0);
	}
	FUZZ_CHECK(same(c, &d));
	FUZZ_CHECK(contract_validate(&d, &e) == 0);
	FUZZ_CHECK(contracts_overlap(c, &d) == 1);
	fmt(c, "no-such-column", &b);
	FUZZ_CHECK(b.len == 0);
	FUZZ_CHECK(contract_parse_field(&d, "no-such-column", "", &e) == -1 &&
	    e.status == EXIT_DATA && e.line == 0);
	/* scope and services */
	for (i = 0; i < c->naccounts; i++)
		FUZZ_CHECK(contract_has_account(c, c->accounts[i]));
	for (i = 0; i < c->nservices; i++)
		FUZZ_CHECK(contract_has_service(c, c->services[i]));
	FUZZ_CHECK(contract_has_account(c, "") == c->all_accounts);
	FUZZ_CHECK(contract_active(c, c->start) && contract_active(c, c->end));
	FUZZ_CHECK(!contract_active(c, c->start - 1) &&
	    !contract_active(c, c->end + 1));
	FUZZ_CHECK(map_tag_check(c->mpe, c->mpe) == TAG_MALFORMED);
	for (k = 0; k < sizeof(ref_prefixes) / sizeof(ref_prefixes[0]); k++) {
		char t[64];

		strcpy(t, ref_prefixes[k]);
		strcat(t, c->mpe);
		FUZZ_CHECK(map_tag_check(t, c->mpe) == TAG_OK);
	}
	/* auto-enrollment: new accounts after the start; names by glob */
	FUZZ_CHECK(contract_auto_enrolls(c, NULL, c->start + 1) == c->auto_new);
	FUZZ_CHECK(contract_auto_enrolls(c, "", c->start) == 0);
	for (i = 0; i < c->nglobs; i++)
		FUZZ_CHECK(contract_auto_enrolls(c, c->name_globs[i],
		    c->start) == ref_enrolls(c, c->name_globs[i]));
	FUZZ_CHECK(contract_auto_enrolls(c, c->id, c->start) ==
	    ref_enrolls(c, c->id));
	contract_free(&d);
	buf_free(&b);
	buf_free(&b2);
}

/* A contract from pieces of the input, one per column in order (a field
 * that does not parse is left unset): contract_validate must not trip
 * over it, and one that validates must round-trip like a loaded one. */
static void
check_pieces(char **piece, int n)
{
	struct contract c;
	struct err e;
	int i, rc;

	contract_init(&c);
	c.line = n + 1;	/* as a line after the header */
	for (i = 0; contract_columns[i] != NULL; i++) {
		memset(&e, 0, sizeof(e));
		rc = contract_parse_field(&c, contract_columns[i],
		    piece[i % n], &e);
		FUZZ_CHECK(rc == 0 ? e.status == 0 : rc == -1 &&
		    e.status == EXIT_DATA && e.line == 0 && e.msg[0] != '\0');
	}
	memset(&e, 0, sizeof(e));
	if (contract_validate(&c, &e) == 0) {
		FUZZ_CHECK(e.status == 0);
		check_contract(&c);
	} else {
		FUZZ_CHECK(e.status == EXIT_DATA && e.line == n + 1 &&
		    e.msg[0] != '\0');
	}
	contract_free(&c);
}

static void
check_set(const struct contracts *cs)
{
	size_t i, k, m;

	FUZZ_CHECK(cs->n == 0 || cs->v != NULL);
	for (i = 0; i < cs->n; i++) {
		check_contract(&cs->v[i]);
		if (i)
			FUZZ_CHECK(cs->v[i].line > cs->v[i - 1].line);
		for (k = 0; k < i; k++) {
			const struct contract *a = &cs->v[i], *b = &cs->v[k];

			FUZZ_CHECK(strcmp(a->id, b->id) != 0);
			FUZZ_CHECK(!contracts_overlap(a, b));
			FUZZ_CHECK(!contracts_overlap(b, a));
			FUZZ_CHECK(!ref_overlap(a, b));
			/* bsearch over the sorted copy against a scan */
			for (m = 0; m < b->naccounts && m < 16; m++)
				FUZZ_CHECK(contract_has_account(a,
				    b->accounts[m]) == (a->all_accounts ||
				    ref_inlist(a->accounts, a->naccounts,
				    b->accounts[m])));
		}
	}
}

/* The input split at tabs and newlines (a NUL ends a piece early), at
 * most 64 pieces: each piece against the next one (as value and MPE ID,
 * as service and usage type), and every 13 pieces from the start of the
 * input and of each following group of 13 as the columns of a contract
 * (a contracts row in contract_columns order lines up with them). */
static void
check_slices(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), *piece[64];
	size_t pos = 0, i;
	int n, k;

	memcpy(s, data, size);
	s[size] = '\0';
	for (n = 0; n < 64 && pos <= size; n++) {
		piece[n] = s + pos;
		for (i = pos; i < size && s[i] != '\t' && s[i] != '\n'; i++)
			;
		s[i] = '\0';
		pos = i + 1;
		if (n > 0)
			check_tag(piece[n - 1], piece[n]);
		check_tag(piece[n], "");
	}
	for (k = 0; k < n; k += 13)
		check_pieces(piece + k, n - k);
	free(s);
	/* NULL: missing, not an MPE ID */
	FUZZ_CHECK(map_tag_check(NULL, NULL) == TAG_MISSING);
	FUZZ_CHECK(mpe_valid(NULL) == 0);
}

/* ---- load_all's problems ---- */

struct probs {
	int n;
	long last;
	int bad;
	struct err first;
};

static void
onproblem(void *arg, const struct err *e)
{
	struct probs *p = arg;

	if (e->status != EXIT_DATA || e->line < 1 || e->line < p->last ||
	    e->msg[0] == '\0')
		p->bad = 1;
	if (p->n++ == 0)
		p->first = *e;
	p->last = e->line;
}

static int
err_eq(const struct err *a, const struct err *b)
{
	return a->status == b->status && a->line == b->line &&
	    strcmp(a->msg, b->msg) == 0;
}

/* Lines in the input as the loader reads it: gzip input inflated; no
 * bound (SIZE_MAX) when the gzip is broken. */
static size_t
count_lines(const uint8_t *data, size_t size)
{
	uint8_t *unz = NULL;
	size_t i, n = 1;

	if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
		if (fuzz_gunzip(data, size, &unz, &size) != 0)
			return SIZE_MAX;
		data = unz;
	}
	for (i = 0; i < size; i++)
		n += data[i] == '\n';
	free(unz);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	struct contracts cs, cs2;
	struct err e, e2;
	struct probs p;
	size_t i, lines;
	int rc, rc2;

	lines = count_lines(data, size);
	memset(&e, 0xa5, sizeof(e));
	rc = contracts_load(path, &cs, &e);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK(cs.path == path);
	if (rc == 0) {
		FUZZ_CHECK(e.status == 0);
		check_set(&cs);
	} else {
		FUZZ_CHECK(cs.n == 0 && cs.v == NULL);
		FUZZ_CHECK(e.status == EXIT_DATA && e.msg[0] != '\0');
		FUZZ_CHECK(e.line >= 0 && (size_t)e.line <= lines);
	}

	memset(&p, 0, sizeof(p));
	memset(&e2, 0x5a, sizeof(e2));
	rc2 = contracts_load_all(path, &cs2, onproblem, &p, &e2);
	FUZZ_CHECK(!p.bad);
	FUZZ_CHECK(cs2.path == path);
	if (rc2 >= 0) {
		FUZZ_CHECK(rc2 == p.n);
		FUZZ_CHECK(p.n == 0 || (size_t)p.last <= lines);
		check_set(&cs2);
	} else {
		FUZZ_CHECK(rc2 == -1);
		FUZZ_CHECK(cs2.n == 0 && cs2.v == NULL);
		FUZZ_CHECK(e2.status == EXIT_DATA && e2.msg[0] != '\0');
	}
	if (rc == 0) {
		/* no problem for one, none for the other, same contracts */
		FUZZ_CHECK(rc2 == 0 && cs2.n == cs.n);
		for (i = 0; i < cs.n; i++) {
			FUZZ_CHECK(same(&cs.v[i], &cs2.v[i]));
			FUZZ_CHECK(cs.v[i].line == cs2.v[i].line);
		}
	} else if (p.n > 0) {
		/* contracts_load stopped at the first problem */
		FUZZ_CHECK(err_eq(&e, &p.first));
	} else {
		FUZZ_CHECK(rc2 == -1 && err_eq(&e, &e2));
	}
	/* every contract load_all kept passes the checks load makes
	 * against the ones before it */
	for (i = 0; rc2 > 0 && i < cs2.n; i++) {
		struct contracts before = { cs2.v, i, path };

		FUZZ_CHECK(contract_check_against(&before, &cs2.v[i], &e2) ==
		    0);
	}
	contracts_free(&cs);
	contracts_free(&cs2);
	FUZZ_CHECK(cs.v == NULL && cs.n == 0);
	contracts_free(&cs);	/* harmless twice */

	check_slices(data, size);
	return 0;
}
