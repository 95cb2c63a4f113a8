/* fuzz_formats.c: the schema-bound record readers of map/formats.h over
 * the bytes as a file. The first byte chooses the schema; the rest is the
 * file. Checked against the documented behaviour: a read either ends or
 * fails with exit status 3 (4 for I/O) and a message naming a line; every
 * record's enumerations are names of their vocabulary, its dates and
 * months print back as the field's text, its strings are the field's
 * bytes, and an RF_SAME column holds one value throughout. */
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/rec.h"
#include "map/formats.h"
#include "fuzz.h"

static const struct rschema *const schemas[] = { &line_schema,
	&state_schema, &event_schema, &ledger_schema, &task_schema,
	&notify_schema, &attribution_schema, &claims_schema, &pool_schema,
	&other_schema, &history_schema, &summary_schema, &account_schema };
#define NSCHEMA (sizeof(schemas) / sizeof(schemas[0]))

/* The record's field f agrees with the row's text. */
static void
check_field(const struct recr *r, size_t i, const char *rec)
{
	const struct rfield *f = &r->s->f[i];
	const void *p = rec + f->off;
	int col = r->col[i];
	const char *txt = col >= 0 ? r->t->f[col] : "";
	size_t len = col >= 0 ? r->t->len[col] : 0;
	char b[DATE_DAYLEN];

	switch (f->type) {
	case RT_STR: {
		const struct span *s = p;

		FUZZ_CHECK(s->n == len && memcmp(s->s, txt, len) == 0);
		FUZZ_CHECK(s->s[s->n] == '\0');
		FUZZ_CHECK(!(f->flags & RF_NONEMPTY) || col < 0 || s->n > 0);
		break;
	}
	case RT_DAY:
		if (len == 0)
			FUZZ_CHECK(*(const long *)p == DAY_NONE);
		else {
			date_fmt_day(*(const long *)p, b);
			FUZZ_CHECK(len == 10 && memcmp(b, txt, 10) == 0);
		}
		break;
	case RT_MONTH:
		if (len > 0) {
			char m[DATE_MONTHLEN];

			date_fmt_month(*(const long *)p, m);
			FUZZ_CHECK(len == 7 && memcmp(m, txt, 7) == 0);
		}
		break;
	case RT_COUNT:
		FUZZ_CHECK(len == 0 ? *(const long *)p == -1 :
		    *(const long *)p >= 0);
		break;
	case RT_ENUM:
		if (col >= 0) {
			int v = *(const int *)p;

			FUZZ_CHECK(v >= f->voc->first && v < f->voc->n);
			FUZZ_CHECK(strcmp(f->voc->names[v], txt) == 0);
		}
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct rschema *s;
	struct err e = { 0 };
	struct recr *r;
	char *rec, *same = NULL;
	size_t i;
	int rc;

	if (size < 1)
		return 0;
	s = schemas[data[0] % NSCHEMA];
	if ((r = recr_open(fuzz_file(data + 1, size - 1), s, &e)) == NULL) {
		FUZZ_CHECK(e.status == EXIT_DATA || e.status == EXIT_SYS);
		FUZZ_CHECK(e.msg[0] != '\0');
		return 0;
	}
	rec = calloc(1, 4096);
	FUZZ_CHECK(rec != NULL);
	while ((rc = recr_next(r, rec, &e)) == 1) {
		for (i = 0; i < s->n; i++) {
			check_field(r, i, rec);
			if ((s->f[i].flags & RF_SAME) && r->col[i] >= 0) {
				const char *v = r->t->f[r->col[i]];

				if (same == NULL)
					same = strdup(v);
				FUZZ_CHECK(same && strcmp(same, v) == 0);
			}
		}
	}
	if (rc < 0) {
		FUZZ_CHECK(e.status == EXIT_DATA || e.status == EXIT_SYS);
		FUZZ_CHECK(e.line >= 1 && e.msg[0] != '\0');
	}
	free(same);
	free(rec);
	recr_close(r);
	return 0;
}
