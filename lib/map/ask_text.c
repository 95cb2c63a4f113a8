/* ask_text.c: a question in plain English to the catalogue, by the
 * words it holds: the names of the data (teams, products, portfolios,
 * workloads, engineers, contracts, entities) and each entry's question
 * words. No model, no guessing: the same text gives the same question,
 * and a text that fits no entry, or two equally, is refused. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "map/ask_int.h"

struct kw {
	int q, w;
	const char *word;	/* lower case; a phrase when it has a space */
};

static const struct kw kws[] = {
	{ Q_RATE, 2, "rate" }, { Q_RATE, 2, "compliance" },
	{ Q_RATE, 2, "compliant" }, { Q_RATE, 2, "%" },
	{ Q_RATE, 2, "percent" }, { Q_RATE, 1, "coverage" },
	{ Q_RATE, 1, "score" }, { Q_RATE, 1, "gap" },
	{ Q_LOST, 3, "lost" }, { Q_LOST, 3, "lose" }, { Q_LOST, 3, "losing" },
	{ Q_LOST, 2, "loss" }, { Q_LOST, 1, "untagged" },
	{ Q_LOST, 1, "drifted" }, { Q_LOST, 2, "cost the most" },
	{ Q_LOST, 2, "costing" },
	{ Q_EXPLAIN, 3, "explain" }, { Q_EXPLAIN, 2, "story" },
	{ Q_EXPLAIN, 2, "what happened" }, { Q_EXPLAIN, 1, "history" },
	{ Q_CREDITS, 2, "credit" }, { Q_CREDITS, 2, "credits" },
	{ Q_CREDITS, 2, "claimed" }, { Q_CREDITS, 1, "claim" },
	{ Q_CREDITS, 2, "received" }, { Q_CREDITS, 1, "earned" },
	{ Q_CREDITS, 2, "projected" }, { Q_CREDITS, 2, "projection" },
	{ Q_CREDITS, 2, "grant" }, { Q_CREDITS, 2, "grants" },
	{ Q_CREDITS, 2, "expire" }, { Q_CREDITS, 2, "expiring" },
	{ Q_CREDITS, 2, "attribution" }, { Q_CREDITS, 2, "attributed" },
	{ Q_TASKS, 3, "task" }, { Q_TASKS, 3, "tasks" },
	{ Q_TASKS, 2, "todo" }, { Q_TASKS, 2, "to do" },
	{ Q_TASKS, 2, "fix" }, { Q_TASKS, 2, "queue" },
	{ Q_CHANGES, 3, "changed" }, { Q_CHANGES, 2, "changes" },
	{ Q_CHANGES, 1, "change" }, { Q_CHANGES, 1, "since" },
	{ Q_CHANGES, 2, "last night" }, { Q_CHANGES, 2, "new" },
	{ Q_CHANGES, 1, "yesterday" },
};

/* does the lower-case text hold w as a word (or phrase)? */
static int
has_word(const char *text, const char *w)
{
	size_t n = strlen(w);
	const char *p = text;

	if (n == 0)
		return 0;
	while ((p = strstr(p, w)) != NULL) {
		int lb = p == text || !isalnum((unsigned char)p[-1]);
		int rb = !isalnum((unsigned char)p[n]) ||
		    !isalnum((unsigned char)w[n - 1]);

		if ((lb || !isalnum((unsigned char)w[0])) && rb)
			return 1;
		p++;
	}
	return 0;
}

static char *
lower(const char *s)
{
	char *t = xstrdup(s), *p;

	for (p = t; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return t;
}

/* a name of the data found in the text: the longest wins */
struct hit {
	int by;			/* SB_* for a group, -1 none */
	sid name;
	size_t len;
};

static void
try_name(const struct ask *a, const char *text, sid id, int by,
    struct hit *h)
{
	const char *s = S(a, id);
	char *l;
	size_t n = strlen(s);

	if (n < 3 || strcmp(s, "unowned") == 0 || strcmp(s, "unassigned") == 0)
		return;
	if (h->by >= 0 && (n < h->len || h->name == id))
		return;
	l = lower(s);
	if (has_word(text, l) && (h->by < 0 || n > h->len)) {
		h->by = by;
		h->name = id;
		h->len = n;
	}
	free(l);
}

/* the entity named by its key, or by the part after its last '/' or ':'
 * (an instance id, a profile id) when that is long enough to be its own */
static const struct aent *
find_ent(const struct ask *a, const char *text)
{
	const struct aent *best = NULL;
	size_t i, blen = 0;

	for (i = 0; i < a->nent; i++) {
		const char *k = S(a, a->ent[i].entity), *t;
		char *l;
		size_t n;

		t = strrchr(k, '/');
		if (t == NULL || strrchr(k, ':') > t)
			t = strrchr(k, ':');
		t = t ? t + 1 : k;
		l = lower(strlen(k) <= strlen(text) && strstr(text, k) ? k : t);
		n = strlen(l);
		if (n >= 8 && has_word(text, l) && n > blen) {
			best = &a->ent[i];
			blen = n;
		}
		free(l);
	}
	return best;
}

/* the number before "days" ("last 30 days"), or 7 for "week", 1 for
 * "today"/"yesterday", else 0 */
static long
days_of(const char *text)
{
	const char *p = strstr(text, " days");
	long n = 0;

	if (p != NULL) {
		const char *q = p;

		while (q > text && isdigit((unsigned char)q[-1]))
			q--;
		if (q < p)
			n = strtol(q, NULL, 10);
	}
	if (n > 0 && n <= 3660)
		return n;
	if (has_word(text, "week"))
		return 7;
	if (has_word(text, "today") || has_word(text, "yesterday"))
		return 1;
	if (has_word(text, "month"))
		return 30;
	return 0;
}

static int
scan_date(const char *text, long *day, long *month)
{
	const char *p;

	for (p = text; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > text &&
		    isdigit((unsigned char)p[-1])))
			continue;
		size_t rem = strlen(p);

		if (rem >= 10 && date_parse_day(p, 10, day) == 0 &&
		    !isdigit((unsigned char)p[10]))
			return 1;
		if (rem >= 7 && date_parse_month(p, 7, month) == 0 &&
		    !isdigit((unsigned char)p[7]))
			return 2;
	}
	return 0;
}

int
ask_free_text(struct ask *a, const char *text, struct ask_args *q,
    struct err *e)
{
	static const char *const qual[] = { NULL, "team", "product",
	    "portfolio", "workload" };
	int score[NQ] = { 0 }, best = -1, second = 0, by, k;
	struct hit g = { -1, 0, 0 }, eng = { -1, 0, 0 }, con = { -1, 0, 0 };
	const struct aent *x;
	char *t = lower(text);
	long day = DAY_NONE, month = -1;
	size_t i;
	int dk;

	for (i = 0; i < NELEM(kws); i++)
		if (has_word(t, kws[i].word))
			score[kws[i].q] += kws[i].w;
	/* a qualifier word picks the grouping; else team, workload,
	 * product, portfolio in that order for the same name */
	for (by = SB_TEAM; by <= SB_WORKLOAD; by++) {
		struct hit h = { -1, 0, 0 };

		for (i = 0; i < a->nent; i++) {
			const struct aent *y = &a->ent[i];
			sid id = by == SB_TEAM ? y->team : by == SB_PRODUCT ?
			    y->product : by == SB_PORTFOLIO ? y->portfolio :
			    y->workload;

			try_name(a, t, id, by, &h);
		}
		if (h.by < 0)
			continue;
		if (has_word(t, qual[by]))
			h.len += 1000;
		if (g.by < 0 || h.len > g.len)
			g = h;
	}
	for (i = 0; i < a->nent; i++) {
		char *l = lower(S(a, a->ent[i].engineer)), *at = strchr(l, '@');

		/* an engineer by address or by the name before the '@' */
		if (*l && (has_word(t, l) || (at && (*at = '\0', strlen(l) >= 4
		    && has_word(t, l))))) {
			eng.by = 0;
			eng.name = a->ent[i].engineer;
		}
		free(l);
	}
	for (i = 0; i < a->ncl; i++)
		try_name(a, t, a->cl[i].contract, 0, &con);
	x = find_ent(a, t);
	dk = scan_date(t, &day, &month);
	if (x != NULL)
		score[Q_EXPLAIN] += 3;
	if (eng.by >= 0)
		score[Q_TASKS] += 2;
	if (con.by >= 0)
		score[Q_CREDITS] += 2;
	if (g.by >= 0)
		score[Q_RATE] += 1;
	if (dk == 2)
		score[Q_CREDITS] += 1;
	/* the best entry must lead the next by 2: one question word more
	 * is not enough to tell */
	for (k = 0; k < NQ; k++) {
		if (best < 0 || score[k] > score[best]) {
			if (best >= 0)
				second = score[best];
			best = k;
		} else if (score[k] > second)
			second = score[k];
	}
	if (score[best] == 0 || score[best] - second < 2) {
		err_set(e, EXIT_USAGE, 0, "cannot tell which question '%s' "
		    "is%s", text, score[best] == 0 ? "" :
		    " (it fits more than one)");
		free(t);
		return -1;
	}
	ask_args_init(q, best);
	switch (best) {
	case Q_RATE:
		if (g.by >= 0) {
			q->by = g.by;
			q->name = S(a, g.name);
		}
		break;
	case Q_LOST:
		if (days_of(t) > 0)
			q->days = days_of(t);
		if (g.by == SB_TEAM)
			q->team = S(a, g.name);
		break;
	case Q_EXPLAIN:
		if (x == NULL) {
			err_set(e, EXIT_USAGE, 0, "explain: no entity of the "
			    "state is named in '%s'", text);
			free(t);
			return -1;
		}
		q->name = S(a, x->entity);
		break;
	case Q_CREDITS:
		if (dk == 2)
			q->month = month;
		if (con.by >= 0)
			q->contract = S(a, con.name);
		break;
	case Q_TASKS:
		if (eng.by >= 0)
			q->engineer = S(a, eng.name);
		break;
	case Q_CHANGES:
		if (dk == 1)
			q->since = day;
		break;
	}
	free(t);
	return 0;
}
