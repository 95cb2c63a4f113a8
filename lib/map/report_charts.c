/* report_charts.c: the SVG charts of mapreport's pages, drawn from the
 * cells of the score's tables: horizontal bars (grouped or stacked, money
 * or rates with a target line), the 30-day trend as a line across month
 * boundaries, and the lifecycle timeline of entities. Coordinates are
 * whole pixels worked out in exact money arithmetic, so the same night
 * draws the same bytes. Each chart's numbers are also in a table the
 * caller writes beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/html.h"
#include "map/report_int.h"

#define W	720		/* every chart's width */
#define LABELMAX 34		/* bytes of a label shown in a chart */

const char *
chart_id(struct rw *w, char buf[16])
{
	snprintf(buf, 16, "f%d", ++w->nfig);
	return buf;
}

/* a label cut to LABELMAX bytes on a UTF-8 character boundary: an id
 * (an ARN, a path) keeps its end, which tells it apart, a name its
 * start; the whole label is in the table and the tooltips */
static const char *
cut(const char *s, struct buf *b)
{
	size_t n = strlen(s), k;

	b->len = 0;
	if (n <= LABELMAX) {
		buf_adds(b, s);
		return buf_cstr(b);
	}
	if (strchr(s, ':') || strchr(s, '/')) {
		k = n - (LABELMAX - 1);
		while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
			k++;
		buf_adds(b, "\xe2\x80\xa6");
		buf_add(b, s + k, n - k);
		return buf_cstr(b);
	}
	k = LABELMAX - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	buf_add(b, s, k);
	buf_adds(b, "\xe2\x80\xa6");
	return buf_cstr(b);
}

/* the end of a scale at or above max: for money 1, 2, 4 or 5 times a
 * power of ten dollars (or cents), for counts a multiple of 4, so that
 * the quarter ticks are round */
static money_t
nice_max(money_t max, int type)
{
	static const int step[] = { 1, 2, 4, 5, 10 };
	money_t unit = type == C_COUNT ? MONEY_ONE : MONEY_ONE / 100;
	money_t m = (max + unit - 1) / unit, p = 1;
	size_t i;

	if (m < 1)
		m = 1;
	if (type == C_COUNT)
		return (m <= 4 ? 4 : (m + 3) / 4 * 4) * unit;
	while (p * 10 < m)
		p *= 10;
	for (i = 0; i < NELEM(step) && step[i] * p < m; i++)
		;
	return step[i < NELEM(step) ? i : NELEM(step) - 1] * p * unit;
}

/* a tick of the scale: whole dollars and percents where they are whole */
static void
tick(struct buf *b, int type, money_t v)
{
	size_t n;

	if (type == C_RATE) {
		buf_printf(b, "%d%%", (int)(v * 100 / MONEY_ONE));
		return;
	}
	n = b->len;
	rp_fmt(b, type, v);
	if (type == C_MONEY && b->len > n + 3 &&
	    memcmp(b->s + b->len - 3, ".00", 3) == 0)
		b->s[b->len -= 3] = '\0';
}

/* v of max as pixels of width span: exact, then truncated */
static long
px(money_t v, money_t max, long span)
{
	if (v <= 0 || max <= 0)
		return 0;
	if (v >= max)
		return span;
	return (long)(v * span / max);
}

static void
fig_open(struct rw *w, const char *title)
{
	buf_adds(w->b, "<figure>\n<figcaption>");
	html_text(w->b, title);
	buf_adds(w->b, "</figcaption>\n");
}

static void
legend(struct rw *w, const struct series *ser, size_t n)
{
	size_t i;

	buf_adds(w->b, "<div class=\"legend\" aria-hidden=\"true\">");
	for (i = 0; i < n; i++) {
		buf_printf(w->b, "<span><i class=\"k%c\"></i>",
		    ser[i].cls[1]);
		html_text(w->b, ser[i].name);
		buf_adds(w->b, "</span>");
	}
	buf_adds(w->b, "</div>\n");
}

/* ---- bars ---- */

#define LW	250		/* label column */
#define VW	110		/* value column */
#define BW	(W - LW - VW)	/* bar area */

void
chart_bars(struct rw *w, const struct bars *c)
{
	struct buf *b = w->b, t = { 0 }, l = { 0 };
	money_t max = c->type == C_RATE ? MONEY_ONE : 0;
	long y, rowh, top = c->has_target ? 20 : 6, h;
	size_t i, k;
	char id[16];

	rowh = c->stacked || c->nser == 1 ? 26 : (long)c->nser * 16 + 10;
	for (i = 0; c->type != C_RATE && i < c->nrows; i++) {
		money_t sum = 0;

		for (k = 0; k < c->nser; k++) {
			money_t v = c->v[i * c->nser + k];

			if (!c->has[i * c->nser + k] || v <= 0)
				continue;
			if (c->stacked)
				sum += v;
			else if (v > max)
				max = v;
		}
		if (sum > max)
			max = sum;
	}
	if (c->type != C_RATE)
		max = nice_max(max, c->type);
	h = top + rowh * (long)(c->nrows ? c->nrows : 1) + 22;
	fig_open(w, c->title);
	svg_open(b, W, (int)h, chart_id(w, id), c->title, c->desc);
	/* the scale: 0, a quarter, ..., the largest */
	for (k = 0; k <= 4; k++) {
		long x = LW + (long)k * BW / 4;

		svg_line(b, x, top - 2, x, h - 20, k ? "grid" : "axis");
		t.len = 0;
		tick(&t, c->type, max * (money_t)k / 4);
		svg_text(b, x, h - 6, "middle", "mute", buf_cstr(&t));
	}
	for (i = 0, y = top; i < c->nrows; i++, y += rowh) {
		long x = LW, by = y + 4;
		money_t sum = 0;
		int any = 0;

		svg_text(b, LW - 8, y + rowh / 2 + 4, "end", NULL,
		    cut(c->labels[i], &l));
		for (k = 0; k < c->nser; k++) {
			size_t j = i * c->nser + k;
			long bw;

			if (!c->has[j])
				continue;
			any = 1;
			t.len = 0;
			buf_printf(&t, "%s, %s: ", c->labels[i],
			    c->ser[k].name);
			rp_fmt(&t, c->type, c->v[j]);
			bw = px(c->v[j], max, BW);
			if (c->stacked) {
				svg_rect(b, x, by, bw, 18, c->ser[k].cls,
				    buf_cstr(&t));
				x += bw;
				sum += c->v[j];
				continue;
			}
			svg_rect(b, LW, by, bw, 13, c->ser[k].cls,
			    buf_cstr(&t));
			t.len = 0;
			rp_fmt(&t, c->type, c->v[j]);
			svg_text(b, LW + bw + 4, by + 11, "start", NULL,
			    buf_cstr(&t));
			by += 16;
		}
		if (c->stacked || !any) {
			t.len = 0;
			if (any)
				rp_fmt(&t, c->type, sum);
			else
				buf_adds(&t, c->type == C_RATE ? "-" : "");
			svg_text(b, x + 4, y + rowh / 2 + 4, "start", NULL,
			    buf_cstr(&t));
		}
	}
	if (c->has_target) {
		long x = LW + px(c->target, MONEY_ONE, BW);

		svg_line(b, x, top - 4, x, h - 20, "target");
		t.len = 0;
		buf_adds(&t, "target ");
		fmt_pct(c->target, &t);
		svg_text(b, x, 12, "middle", NULL, buf_cstr(&t));
	}
	svg_close(b);
	if (c->nser > 1)
		legend(w, c->ser, c->nser);
	buf_adds(b, "</figure>\n");
	buf_free(&t);
	buf_free(&l);
}

/* ---- the trend ---- */

#define LL	52		/* left margin: the rate axis */
#define LR	96		/* right margin: the target's label */
#define LT	14
#define LH	200		/* plot height */

void
chart_line(struct rw *w, const struct line *c)
{
	struct buf *b = w->b, t = { 0 };
	long pw = W - LL - LR, h = LT + LH + 44, *xy;
	size_t i, k, run = 0;
	char id[16], d[DATE_DAYLEN], m[DATE_MONTHLEN];

	xy = xcalloc(2 * c->n + 2, sizeof(*xy));
	fig_open(w, c->title);
	svg_open(b, W, (int)h, chart_id(w, id), c->title, c->desc);
	for (k = 0; k <= 4; k++) {
		long y = LT + LH - (long)k * LH / 4;

		svg_line(b, LL, y, LL + pw, y, k ? "grid" : "axis");
		t.len = 0;
		buf_printf(&t, "%zu%%", k * 25);
		svg_text(b, LL - 6, y + 4, "end", "mute", buf_cstr(&t));
	}
	for (i = 0; i < c->n; i++) {
		long x = LL + (c->n > 1 ? (long)i * pw / (long)(c->n - 1) :
		    pw / 2);
		int yy, mm, dd;

		date_to_civil(c->days[i], &yy, &mm, &dd);
		if (i == 0 || dd == 1) {
			if (i > 0)
				svg_line(b, x, LT, x, LT + LH + 4, "month");
			date_fmt_month(date_month(c->days[i]), m);
			svg_text(b, x, LT + LH + 34, i == 0 ? "start" :
			    "middle", NULL, m);
		}
		if (i == 0 || i + 1 == c->n || dd == 1 || dd % 7 == 0) {
			t.len = 0;
			buf_printf(&t, "%d", dd);
			svg_text(b, x, LT + LH + 16, "middle", "mute",
			    buf_cstr(&t));
		}
		xy[2 * i] = x;
		xy[2 * i + 1] = LT + LH - px(c->v[i], MONEY_ONE, LH);
	}
	{
		long y = LT + LH - px(c->target, MONEY_ONE, LH);

		svg_line(b, LL, y, LL + pw, y, "target");
		t.len = 0;
		buf_adds(&t, "target ");
		fmt_pct(c->target, &t);
		svg_text(b, LL + pw + 6, y + 4, "start", NULL, buf_cstr(&t));
	}
	/* the line, broken at days with no rate */
	for (i = 0; i <= c->n; i++) {
		if (i < c->n && c->has[i]) {
			run++;
			continue;
		}
		if (run > 1)
			svg_polyline(b, xy + 2 * (i - run), run, "trend");
		run = 0;
	}
	for (i = 0; i < c->n; i++) {
		date_fmt_day(c->days[i], d);
		t.len = 0;
		buf_printf(&t, "%s: ", d);
		if (c->has[i])
			fmt_pct(c->v[i], &t);
		else
			buf_adds(&t, "no rate");
		if (c->has[i])
			svg_circle(b, xy[2 * i], xy[2 * i + 1], 3, "pt",
			    buf_cstr(&t));
	}
	svg_close(b);
	buf_adds(b, "</figure>\n");
	free(xy);
	buf_free(&t);
}

/* ---- the lifecycle timeline ---- */

#define TL	270		/* lane labels */
#define TR	12
#define TLANE	24

void
chart_timeline(struct rw *w, const char *title, const char *desc, long from,
    long to, const struct lane *ln, size_t n)
{
	static const struct series states[] = { { "ELIGIBLE", "s4" },
		{ "PENDING_TAG", "s1" }, { "TAGGED", "s3" },
		{ "STALE_TAG", "s2" }, { "INELIGIBLE", "s5" } };
	struct buf *b = w->b, t = { 0 }, l = { 0 };
	long days = to - from + 1, pw = W - TL - TR, top = 30;
	long h = top + TLANE * (long)(n ? n : 1) + 8, dd;
	char id[16], d1[DATE_DAYLEN], d2[DATE_DAYLEN];
	size_t i, k;

	if (days < 1)
		days = 1;
	fig_open(w, title);
	svg_open(b, W, (int)h, chart_id(w, id), title, desc);
	for (dd = 0; dd <= days; dd++) {
		long x = TL + dd * pw / days;
		int y, m, day;

		date_to_civil(from + dd, &y, &m, &day);
		if (dd < days && (dd == 0 || day == 1 || day % 7 == 0)) {
			t.len = 0;
			if (dd == 0 || day == 1) {
				date_fmt_day(from + dd, d1);
				buf_adds(&t, d1);
			} else
				buf_printf(&t, "%d", day);
			svg_text(b, x, 14, "start", "mute", buf_cstr(&t));
			svg_line(b, x, 20, x, h - 4, day == 1 ? "month" :
			    "grid");
		}
	}
	for (i = 0; i < n; i++) {
		long y = top + (long)i * TLANE;

		svg_text(b, TL - 8, y + 15, "end", NULL, cut(ln[i].label, &l));
		for (k = 0; k < ln[i].nsegs; k++) {
			const struct seg *s = &ln[i].segs[k];
			long x1 = TL + (s->from - from) * pw / days;
			long x2 = TL + (s->to + 1 - from) * pw / days;

			date_fmt_day(s->from, d1);
			date_fmt_day(s->to, d2);
			t.len = 0;
			buf_printf(&t, "%s: %s from %s to %s", ln[i].label,
			    state_names[s->st], d1, d2);
			svg_rect(b, x1, y + 4, x2 - x1, 14, states[s->st -
			    1].cls, buf_cstr(&t));
		}
		for (k = 0; k < ln[i].nmarks; k++) {
			const struct mark *mk = &ln[i].marks[k];
			long x = TL + (mk->day - from) * pw / days + pw /
			    days / 2;

			date_fmt_day(mk->day, d1);
			t.len = 0;
			buf_printf(&t, "task %s %s %s", mk->what, mk->closed ?
			    "closed" : "opened", d1);
			svg_circle(b, x, y + 11, 5, mk->closed ? "shut" :
			    "open", buf_cstr(&t));
		}
	}
	svg_close(b);
	legend(w, states, NELEM(states));
	buf_adds(b, "<div class=\"legend\" aria-hidden=\"true\"><span>"
	    "\xe2\x97\x8b task opened</span><span>\xe2\x97\x8f task closed"
	    "</span></div>\n</figure>\n");
	buf_free(&t);
	buf_free(&l);
}

void
chart_tbars(struct rw *w, const struct table *t, const struct tbars *tb)
{
	struct bars c = { 0 };
	const char **labels;
	money_t *v;
	unsigned char *has;
	size_t i, k, n = 0;

	labels = xcalloc(t->nrows + 1, sizeof(*labels));
	v = xcalloc((t->nrows + 1) * tb->nser, sizeof(*v));
	has = xcalloc((t->nrows + 1) * tb->nser, 1);
	for (i = 0; i < t->nrows; i++) {
		if (tb->selc && strcmp(rp_str(t, i, tb->selc), tb->selv) != 0)
			continue;
		labels[n] = rp_str(t, i, tb->labc);
		for (k = 0; k < tb->nser; k++) {
			const struct cell *cl = rp_cell(t, i, tb->cols[k]);
			size_t j = n * tb->nser + k;

			if (cl == NULL || cl->empty)
				continue;
			has[j] = 1;
			v[j] = cl->type == C_COUNT ? (money_t)cl->n *
			    MONEY_ONE : cl->m;
		}
		n++;
	}
	c.title = tb->title;
	c.desc = tb->desc;
	c.nrows = n;
	c.nser = tb->nser;
	c.labels = labels;
	c.v = v;
	c.has = has;
	c.ser = tb->ser;
	c.stacked = tb->stacked;
	c.type = tb->type;
	c.has_target = tb->has_target;
	c.target = tb->target;
	chart_bars(w, &c);
	free(labels);
	free(v);
	free(has);
}
