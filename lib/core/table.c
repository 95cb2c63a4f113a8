#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/table.h"

void
tset_init(struct tset *ts)
{
	memset(ts, 0, sizeof(*ts));
}

void
tset_free(struct tset *ts)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		free(ts->t[i].cells);
	free(ts->t);
	for (i = 0; i < ts->npool; i++)
		free(ts->pool[i]);
	free(ts->pool);
	memset(ts, 0, sizeof(*ts));
}

struct table *
tset_add(struct tset *ts, const char *section, const char *title,
    const struct col *cols, size_t ncol)
{
	struct table *t;

	if (ts->n == ts->cap) {
		ts->cap = ts->cap ? ts->cap * 2 : 8;
		ts->t = xrealloc(ts->t, ts->cap * sizeof(*ts->t));
	}
	t = &ts->t[ts->n++];
	memset(t, 0, sizeof(*t));
	t->section = section;
	t->title = title;
	t->cols = cols;
	t->ncol = ncol;
	return t;
}

const char *
tset_keep(struct tset *ts, char *s)
{
	if (ts->npool == ts->poolcap) {
		ts->poolcap = ts->poolcap ? ts->poolcap * 2 : 64;
		ts->pool = xrealloc(ts->pool, ts->poolcap * sizeof(*ts->pool));
	}
	ts->pool[ts->npool++] = s;
	return s;
}

const struct table *
tset_find(const struct tset *ts, const char *section)
{
	size_t i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].section, section) == 0)
			return &ts->t[i];
	return NULL;
}

int
table_col(const struct table *t, const char *name)
{
	size_t c;

	for (c = 0; c < t->ncol; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

static struct cell *
cell_next(struct table *t)
{
	struct cell *c;

	if (t->ci == 0 && t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * t->ncol *
		    sizeof(*t->cells));
	}
	c = &t->cells[t->nrows * t->ncol + t->ci++];
	memset(c, 0, sizeof(*c));
	c->type = t->cols[t->ci - 1].type;
	if (t->ci == t->ncol) {
		t->ci = 0;
		t->nrows++;
	}
	return c;
}

void
c_str(struct table *t, const char *s)
{
	struct cell *c = cell_next(t);

	c->s = s;
	c->empty = s == NULL || *s == '\0';
}

void
c_money(struct table *t, int has, money_t m)
{
	struct cell *c = cell_next(t);

	c->m = m;
	c->empty = !has;
}

void
c_rate(struct table *t, int has, money_t v)
{
	struct cell *c = cell_next(t);

	c->m = v;
	c->empty = !has;
}

void
c_count(struct table *t, int has, long long n)
{
	struct cell *c = cell_next(t);

	c->n = n;
	c->empty = !has;
}

void
c_day(struct table *t, long d)
{
	struct cell *c = cell_next(t);

	c->n = d;
	c->empty = d == DAY_NONE;
}

void
c_frac(struct table *t, const char *raw, money_t m)
{
	struct cell *c = cell_next(t);

	c->s = raw;
	c->m = m;
	c->empty = *raw == '\0';
}

void
tsv_cell(struct out *o, const struct cell *c)
{
	if (c->empty)
		return;
	switch (c->type) {
	case C_STR:
	case C_FRAC:
		out_vals(o, c->s);
		break;
	case C_MONEY:
		out_money(o, c->m);
		break;
	case C_RATE:
		out_money_dp(o, c->m, RATE_DP);
		break;
	case C_COUNT:
		out_long(o, c->n);
		break;
	case C_DAY:
		out_day(o, (long)c->n);
		break;
	}
}

/* ---- text ---- */

void
fmt_dollars(money_t m, struct buf *b)
{
	char d[MONEY_BUFSZ];
	size_t n, i, ip;
	const char *p;

	n = money_fmt(money_round(m, 2), d, 2);
	p = d;
	if (*p == '-') {
		buf_addc(b, '-');
		p++;
		n--;
	}
	buf_addc(b, '$');
	ip = (size_t)(strchr(p, '.') - p);
	for (i = 0; i < ip; i++) {
		if (i && (ip - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, p[i]);
	}
	buf_add(b, p + ip, n - ip);
}

void
fmt_pct(money_t v, struct buf *b)
{
	char d[MONEY_BUFSZ];

	money_fmt(money_round(v * 100, 2), d, 2);
	buf_adds(b, d);
	buf_addc(b, '%');
}

static void
text_cell(const struct cell *c, struct buf *b)
{
	char d[DATE_DAYLEN];

	b->len = 0;
	buf_grow(b, 0);
	b->s[0] = '\0';
	if (c->empty) {
		if (c->type == C_RATE || c->type == C_FRAC)
			buf_adds(b, "-");
		return;
	}
	switch (c->type) {
	case C_STR:
		buf_adds(b, c->s);
		break;
	case C_MONEY:
		fmt_dollars(c->m, b);
		break;
	case C_RATE:
	case C_FRAC:
		fmt_pct(c->m, b);
		break;
	case C_COUNT:
		buf_printf(b, "%lld", c->n);
		break;
	case C_DAY:
		date_fmt_day((long)c->n, d);
		buf_adds(b, d);
		break;
	}
}

size_t
text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

void
ttab_print(struct ttab *tt, struct out *o)
{
	size_t *w = xcalloc(tt->ncol + 1, sizeof(*w));
	struct buf line = { 0 };
	size_t r, c, k;

	for (r = 0; r < tt->nrows; r++)
		for (c = 0; c < tt->ncol; c++) {
			size_t x = text_width(tt->v[r * tt->ncol + c]);

			if (x > w[c])
				w[c] = x;
		}
	for (r = 0; r < tt->nrows; r++) {
		line.len = 0;
		buf_adds(&line, "  ");
		for (c = 0; c < tt->ncol; c++) {
			const char *s = tt->v[r * tt->ncol + c];
			size_t pad = w[c] - text_width(s);

			if (c)
				buf_adds(&line, "  ");
			if (tt->right[c])
				for (k = 0; k < pad; k++)
					buf_addc(&line, ' ');
			buf_adds(&line, s);
			if (!tt->right[c])
				for (k = 0; k < pad; k++)
					buf_addc(&line, ' ');
		}
		while (line.len && line.s[line.len - 1] == ' ')
			line.len--;
		out_add(o, line.s, line.len);
		out_c(o, '\n');
	}
	for (k = 0; k < tt->nrows * tt->ncol; k++)
		free(tt->v[k]);
	free(tt->v);
	free(tt->right);
	free(w);
	buf_free(&line);
}

void
text_table(const struct table *t, struct out *o)
{
	struct ttab tt;
	struct buf b = { 0 };
	size_t c, r, n = 0, *map;

	map = xcalloc(t->ncol + 1, sizeof(*map));
	for (c = 0; c < t->ncol; c++)
		if (t->cols[c].title)
			map[n++] = c;
	tt.ncol = n;
	tt.nrows = t->nrows + 1;
	tt.v = xcalloc(tt.nrows * n + 1, sizeof(*tt.v));
	tt.right = xcalloc(n + 1, 1);
	for (c = 0; c < n; c++) {
		int ty = t->cols[map[c]].type;

		tt.v[c] = xstrdup(t->cols[map[c]].title);
		tt.right[c] = ty != C_STR && ty != C_DAY;
	}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < n; c++) {
			text_cell(&t->cells[r * t->ncol + map[c]], &b);
			tt.v[(r + 1) * n + c] = xstrdup(buf_cstr(&b));
		}
	ttab_print(&tt, o);
	buf_free(&b);
	free(map);
}

/* the action and command of each row, under its table */
static void
text_actions(const struct table *t, struct out *o)
{
	size_t r, c_id = 0, c_act = 0, c_cmd = 0, c;

	text_table(t, o);
	for (c = 0; c < t->ncol; c++) {
		if (strcmp(t->cols[c].name, "task_id") == 0)
			c_id = c;
		else if (strcmp(t->cols[c].name, "action") == 0)
			c_act = c;
		else if (strcmp(t->cols[c].name, "command") == 0)
			c_cmd = c;
	}
	for (r = 0; r < t->nrows; r++) {
		const struct cell *row = &t->cells[r * t->ncol];

		out_s(o, "  ");
		out_s(o, row[c_id].s);
		out_s(o, ": ");
		out_s(o, row[c_act].s);
		out_c(o, '\n');
		if (!row[c_cmd].empty) {
			out_s(o, "    $ ");
			out_s(o, row[c_cmd].s);
			out_c(o, '\n');
		}
	}
}

/* ---- a set of tables ---- */

void
tset_write_tsv(const struct tset *ts, struct out *o, long as_of, int single)
{
	const char **u = NULL;
	size_t nu = 0, i, j, k, r;
	int **map;

	map = xcalloc(ts->n + 1, sizeof(*map));
	for (i = 0; i < ts->n; i++)
		for (j = 0; j < ts->t[i].ncol; j++) {
			for (k = 0; k < nu; k++)
				if (strcmp(u[k], ts->t[i].cols[j].name) == 0)
					break;
			if (k == nu) {
				u = xrealloc(u, (nu + 1) * sizeof(*u));
				u[nu++] = ts->t[i].cols[j].name;
			}
		}
	for (i = 0; i < ts->n; i++) {
		map[i] = xcalloc(nu + 1, sizeof(**map));
		for (k = 0; k < nu; k++) {
			map[i][k] = -1;
			for (j = 0; j < ts->t[i].ncol; j++)
				if (strcmp(u[k], ts->t[i].cols[j].name) == 0)
					map[i][k] = (int)j;
		}
	}
	out_s(o, single ? "as_of" : "as_of\tsection");
	for (k = 0; k < nu; k++) {
		out_c(o, '\t');
		out_s(o, u[k]);
	}
	out_c(o, '\n');
	for (i = 0; i < ts->n; i++) {
		const struct table *t = &ts->t[i];

		for (r = 0; r < t->nrows; r++) {
			out_day(o, as_of);
			if (!single) {
				out_c(o, '\t');
				out_s(o, t->section);
			}
			for (k = 0; k < nu; k++) {
				out_c(o, '\t');
				if (map[i][k] >= 0)
					tsv_cell(o, &t->cells[r * t->ncol +
					    map[i][k]]);
			}
			out_c(o, '\n');
		}
		free(map[i]);
	}
	free(map);
	free(u);
}

void
tset_write_text(const struct tset *ts, struct out *o, const char *head)
{
	size_t i;

	out_s(o, head);
	out_c(o, '\n');
	for (i = 0; i < ts->n; i++) {
		const struct table *t = &ts->t[i];

		out_c(o, '\n');
		out_s(o, t->title);
		out_c(o, '\n');
		if (t->text == TX_NOTE)
			out_s(o, t->note ? t->note : "");
		else if (t->nrows == 0)
			out_s(o, "  (none)\n");
		else if (t->text == TX_ACTIONS)
			text_actions(t, o);
		else
			text_table(t, o);
	}
}
