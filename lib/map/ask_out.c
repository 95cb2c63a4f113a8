/* ask_out.c: an answer as text, TSV and JSON, and its pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/date.h"
#include "map/ask_int.h"

/* sections every page carries whole: the sentences and the sources */
static int
always(const struct table *t)
{
	return strcmp(t->section, "answer") == 0 ||
	    strcmp(t->section, "sources") == 0 ||
	    strcmp(t->section, "reproduce") == 0;
}

/* a task table's action and command under each row, as mapscore's */
static void
text_actions(const struct table *t, struct out *o)
{
	int ci = table_col(t, "task_id"), ca = table_col(t, "action");
	int cc = table_col(t, "command");
	size_t k;

	text_table(t, o);
	for (k = 0; k < t->nrows; k++) {
		out_s(o, "  ");
		out_s(o, TABLE_CELL(t, k, ci)->s);
		out_s(o, ": ");
		out_s(o, TABLE_CELL(t, k, ca)->s);
		out_c(o, '\n');
		if (!TABLE_CELL(t, k, cc)->empty) {
			out_s(o, "    $ ");
			out_s(o, TABLE_CELL(t, k, cc)->s);
			out_c(o, '\n');
		}
	}
}

void
ask_write(const struct ask_answer *r, struct out *o, int format)
{
	struct tset rest;	/* the tables after the sentences */
	const struct table *say = &r->t.t[0];
	size_t i;

	if (format == ASK_TSV) {
		tset_write_tsv(&r->t, o, r->as_of, 0);
		return;
	}
	out_s(o, r->head);
	out_c(o, '\n');
	if (say->nrows > 0)
		out_c(o, '\n');
	for (i = 0; i < say->nrows; i++) {
		out_s(o, TABLE_CELL(say, i, 0)->s);
		out_c(o, '\n');
	}
	rest = r->t;
	rest.t = r->t.t + 1;
	rest.n = r->t.n - 1;
	for (i = 0; i < rest.n; i++) {
		const struct table *t = &rest.t[i];

		out_c(o, '\n');
		out_s(o, t->title);
		out_c(o, '\n');
		if (t->nrows == 0)
			out_s(o, "  (none)\n");
		else if (strcmp(t->section, "reproduce") == 0) {
			size_t k;

			for (k = 0; k < t->nrows; k++) {
				out_s(o, "  $ ");
				out_s(o, TABLE_CELL(t, k, 0)->s);
				out_c(o, '\n');
			}
		} else if (t->text == TX_ACTIONS)
			text_actions(t, o);
		else
			text_table(t, o);
	}
}

/* ---- JSON ---- */

static json_t *
cell_json(const struct cell *c)
{
	char b[MONEY_BUFSZ], d[DATE_DAYLEN];

	if (c->empty)
		return json_null();
	switch (c->type) {
	case C_STR:
	case C_FRAC:
		return json_string(c->s);
	case C_MONEY:
		money_fmt(c->m, b, 2);
		return json_string(b);
	case C_RATE:
		money_fmt(c->m, b, RATE_DP);
		return json_string(b);
	case C_COUNT:
		return json_integer(c->n);
	case C_DAY:
		date_fmt_day((long)c->n, d);
		return json_string(d);
	}
	return json_null();
}

static json_t *
row_json(const struct table *t, size_t r)
{
	json_t *o = json_object();
	size_t c;

	for (c = 0; c < t->ncol; c++)
		json_object_set_new(o, t->cols[c].name,
		    cell_json(TABLE_CELL(t, r, c)));
	return o;
}

json_t *
ask_json(const struct ask_answer *r)
{
	json_t *o = json_object(), *secs = json_array(), *say = json_array();
	char d[DATE_DAYLEN];
	size_t i, k;

	date_fmt_day(r->as_of, d);
	json_object_set_new(o, "question",
	    json_string(ask_catalogue[r->q].name));
	json_object_set_new(o, "command", json_string(r->cmdline));
	json_object_set_new(o, "as_of", json_string(d));
	json_object_set_new(o, "night", json_string(r->night));
	if (r->asked)
		json_object_set_new(o, "asked", json_string(r->asked));
	for (i = 0; i < r->t.n; i++) {
		const struct table *t = &r->t.t[i];
		json_t *s, *rows;

		if (i == 0) {
			for (k = 0; k < t->nrows; k++)
				json_array_append_new(say,
				    json_string(TABLE_CELL(t, k, 0)->s));
			continue;
		}
		s = json_object();
		rows = json_array();
		json_object_set_new(s, "section", json_string(t->section));
		json_object_set_new(s, "title", json_string(t->title));
		for (k = 0; k < t->nrows; k++)
			json_array_append_new(rows, row_json(t, k));
		json_object_set_new(s, "rows", rows);
		json_array_append_new(secs, s);
	}
	json_object_set_new(o, "answer", say);
	json_object_set_new(o, "sections", secs);
	return o;
}

char *
ask_json_dump(const struct ask_answer *r)
{
	json_t *j = ask_json(r);
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(j);
	if (s == NULL)
		s = xstrdup("{}");
	return s;
}

/* ---- pages ---- */

void
ask_cell_put(struct table *t, const struct cell *x, const char *s)
{
	switch (x->type) {
	case C_STR:
		c_str(t, x->empty ? "" : s);
		break;
	case C_MONEY:
		c_money(t, !x->empty, x->m);
		break;
	case C_RATE:
		c_rate(t, !x->empty, x->m);
		break;
	case C_COUNT:
		c_count(t, !x->empty, x->n);
		break;
	case C_DAY:
		c_day(t, x->empty ? DAY_NONE : (long)x->n);
		break;
	default:
		c_frac(t, x->empty ? "" : s, x->m);
		break;
	}
}

size_t
ask_nrows(const struct ask_answer *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->t.n; i++)
		if (!always(&r->t.t[i]))
			n += r->t.t[i].nrows;
	return n;
}

/* the bytes row r of t takes as JSON (about as many again as text) */
static size_t
row_cost(const struct table *t, size_t r)
{
	json_t *j = row_json(t, r);
	char *s = json_dumps(j, JSON_COMPACT);
	size_t n = s ? strlen(s) : 0;

	free(s);
	json_decref(j);
	return 2 * n + 2;
}

static size_t
fixed_cost(const struct ask_answer *r)
{
	size_t i, k, n = 1024;

	for (i = 0; i < r->t.n; i++)
		if (always(&r->t.t[i]))
			for (k = 0; k < r->t.t[i].nrows; k++)
				n += row_cost(&r->t.t[i], k);
	return n;
}

void
ask_slice(const struct ask_answer *r, size_t off, size_t max,
    struct ask_answer *page, size_t *next)
{
	size_t i, k, at = 0, used = fixed_cost(r), kept = 0;
	int full = 0;

	memset(page, 0, sizeof(*page));
	tset_init(&page->t);
	page->head = xstrdup(r->head);
	page->cmdline = xstrdup(r->cmdline);
	page->night = xstrdup(r->night);
	page->asked = r->asked ? xstrdup(r->asked) : NULL;
	page->as_of = r->as_of;
	page->q = r->q;
	*next = 0;
	for (i = 0; i < r->t.n; i++) {
		const struct table *t = &r->t.t[i];
		struct table *p = tset_add(&page->t, t->section, t->title,
		    t->cols, t->ncol);

		p->text = t->text;
		p->note = t->note;
		for (k = 0; k < t->nrows; k++) {
			size_t c, cost;

			if (!always(t)) {
				if (at++ < off)
					continue;
				if (full)
					continue;
				cost = max > 0 ? row_cost(t, k) : 0;
				if (max > 0 && kept > 0 && used + cost > max) {
					full = 1;
					*next = at - 1;
					continue;
				}
				used += cost;
				kept++;
			}
			/* the strings stay the answer's */
			for (c = 0; c < t->ncol; c++)
				ask_cell_put(p, TABLE_CELL(t, k, c),
				    TABLE_CELL(t, k, c)->s);
		}
	}
}

/* the answer rendered into a malloc'd string */
char *
ask_render(const struct ask_answer *r, int format)
{
	FILE *f = tmpfile();
	struct out o;
	char *s;
	long n;

	if (format == ASK_JSON || f == NULL) {
		if (f)
			fclose(f);
		return ask_json_dump(r);
	}
	out_init(&o, fileno(f));
	ask_write(r, &o, format);
	out_close(&o);
	n = lseek(fileno(f), 0, SEEK_END);
	s = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	if (n > 0 && pread(fileno(f), s, (size_t)n, 0) != n)
		n = 0;
	s[n > 0 ? n : 0] = '\0';
	fclose(f);
	return s;
}
