/* digest.c: what is new for each engineer and owner since the night
 * before, one mail message each (see digest.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/afile.h"
#include "core/date.h"
#include "core/hash.h"
#include "core/table.h"
#include "map/digest.h"
#include "map/formats.h"
#include "map/report.h"
#include "map/score.h"
#include "map/workload.h"

/* what a digest lists, in this order */
enum { I_NEW, I_REOPENED, I_DRIFT, I_NOTE, NITEM };

static const char *const item_title[NITEM] = {
	"New tasks", "Reopened tasks", "Drift", "Notifications"
};
static const char *const item_one[NITEM] = {
	"new task", "reopened task", "drift alert", "notification"
};
static const char *const item_many[NITEM] = {
	"new tasks", "reopened tasks", "drift alerts", "notifications"
};

struct item {
	int kind;
	char *engineer, *owner;	/* who gets it; "" nobody */
	char *text;		/* its lines, each ending in '\n' */
};

struct otask {			/* an open task, for the totals */
	char *assignee, *owner;
	money_t daily;
};

struct ent {			/* an entity's people, from the state */
	char *entity, *engineer, *owner, *workload;
};

struct strv {			/* a set of strings, sorted once filled */
	char **v;
	size_t n, cap;
};

struct dg {
	const struct digest_opts *o;
	struct buf path;
	long as_of, prevday;
	char *prev;		/* the night before's directory, or NULL */
	struct strv prev_ids, prev_closed, prev_notes, rcpt;
	struct ent *ent;
	size_t nent, entcap;
	struct item *it;
	size_t nit, itcap;
	struct otask *ot;
	size_t not, otcap;
};

static void *
grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(p, *cap * size);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
sv_add(struct strv *s, char *str)
{
	s->v = grow(s->v, &s->cap, s->n, sizeof(*s->v));
	s->v[s->n++] = str;
}

/* sort, and drop repeats */
static void
sv_sort(struct strv *s)
{
	size_t i, j = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_str);
	for (i = 1; i < s->n; i++) {
		if (strcmp(s->v[i], s->v[j]) == 0)
			free(s->v[i]);
		else
			s->v[++j] = s->v[i];
	}
	s->n = j + 1;
}

static int
sv_has(const struct strv *s, const char *str)
{
	return s->n && bsearch(&str, s->v, s->n, sizeof(*s->v),
	    cmp_str) != NULL;
}

static void
sv_free(struct strv *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

/* "a\tb" of two spans, malloc'd */
static char *
key2(struct span a, struct span b)
{
	char *k = xmalloc(a.n + b.n + 2);

	memcpy(k, a.s, a.n);
	k[a.n] = '\t';
	memcpy(k + a.n + 1, b.s, b.n);
	k[a.n + b.n + 1] = '\0';
	return k;
}

/* dir/name in d->path */
static const char *
path_of(struct dg *d, const char *dir, const char *name)
{
	d->path.len = 0;
	buf_printf(&d->path, "%s/%s", dir, name);
	return buf_cstr(&d->path);
}

/* e's message, prefixed with the file (and line) it is about */
static int
at_file(struct err *e, const char *path)
{
	char m[sizeof(e->msg)];
	long line = e->line;

	memcpy(m, e->msg, sizeof(m));
	if (line > 0)
		err_set(e, e->status ? e->status : EXIT_DATA, 0, "%s:%ld: %s",
		    path, line, m);
	else
		err_set(e, e->status ? e->status : EXIT_DATA, 0, "%s: %s",
		    path, m);
	return -1;
}

/* read every row of dir/name through schema, passing each to fn;
 * a file that is not there is no rows when optional */
static int
each_row(struct dg *d, const char *dir, const char *name,
    const struct rschema *schema, void *rec, int optional,
    int (*fn)(struct dg *, void *, struct err *), struct err *e)
{
	const char *path = path_of(d, dir, name);
	struct recr *r;
	int rc;

	if (optional && access(path, F_OK) != 0 && errno == ENOENT)
		return 0;
	if ((r = recr_open(path, schema, e)) == NULL)
		return at_file(e, path);
	while ((rc = recr_next(r, rec, e)) == 1)
		if (fn(d, rec, e) != 0) {
			rc = -1;
			break;
		}
	recr_close(r);
	if (rc < 0) {
		path = path_of(d, dir, name);
		return at_file(e, path);
	}
	return 0;
}

/* ---------------------------------------------------------------- inputs */

static int
prev_state(struct dg *d, void *rec, struct err *e)
{
	(void)e;
	if (d->prevday == DAY_NONE)
		d->prevday = ((struct state_rec *)rec)->as_of;
	return 0;
}

static int
prev_task(struct dg *d, void *rec, struct err *e)
{
	struct task_rec *t = rec;

	(void)e;
	sv_add(&d->prev_ids, span_dup(t->task_id));
	if (t->status == TS_CLOSED) {
		struct span ty = { task_type_names[t->type],
			strlen(task_type_names[t->type]) };

		sv_add(&d->prev_closed, key2(t->entity, ty));
	}
	return 0;
}

static int
prev_note(struct dg *d, void *rec, struct err *e)
{
	struct notify_rec *n = rec;

	(void)e;
	sv_add(&d->prev_notes, key2(n->owner, n->task_id));
	return 0;
}

static int
night_state(struct dg *d, void *rec, struct err *e)
{
	struct state_rec *s = rec;
	struct ent *x;

	(void)e;
	if (d->as_of == DAY_NONE)
		d->as_of = s->as_of;
	d->ent = grow(d->ent, &d->entcap, d->nent, sizeof(*d->ent));
	x = &d->ent[d->nent++];
	x->entity = span_dup(s->entity);
	x->engineer = span_dup(s->engineer);
	x->owner = span_dup(s->owner);
	x->workload = span_dup(s->workload);
	return 0;
}

static int
cmp_ent(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->entity,
	    ((const struct ent *)b)->entity);
}

static const struct ent *
ent_find(const struct dg *d, const char *entity)
{
	struct ent k;

	k.entity = (char *)entity;
	return d->nent ? bsearch(&k, d->ent, d->nent, sizeof(*d->ent),
	    cmp_ent) : NULL;
}

static void
item_add(struct dg *d, int kind, const char *engineer, const char *owner,
    struct buf *text)
{
	struct item *it;

	d->it = grow(d->it, &d->itcap, d->nit, sizeof(*d->it));
	it = &d->it[d->nit++];
	it->kind = kind;
	it->engineer = xstrdup(engineer);
	it->owner = xstrdup(owner);
	it->text = xstrdup(buf_cstr(text));
}

static void
add_dollars(struct buf *b, money_t m)
{
	fmt_dollars(m, b);
}

static void
add_day(struct buf *b, long day)
{
	char s[DATE_DAYLEN];

	date_fmt_day(day, s);
	buf_adds(b, s);
}

static void
add_span(struct buf *b, struct span s)
{
	buf_add(b, s.s, s.n);
}

static int
night_task(struct dg *d, void *rec, struct err *e)
{
	struct task_rec *t = rec;
	struct buf b = { 0 };
	const char *type = task_type_names[t->type];
	struct span ty = { type, strlen(type) };
	char *id, *k;
	int kind;
	struct otask *o;

	(void)e;
	if (t->status != TS_OPEN)
		return 0;
	d->ot = grow(d->ot, &d->otcap, d->not, sizeof(*d->ot));
	o = &d->ot[d->not++];
	o->assignee = span_dup(t->assignee);
	o->owner = span_dup(t->owner);
	o->daily = t->daily_impact;
	id = span_dup(t->task_id);
	if (sv_has(&d->prev_ids, id)) {
		free(id);
		return 0;
	}
	free(id);
	k = key2(t->entity, ty);
	kind = sv_has(&d->prev_closed, k) ? I_REOPENED : I_NEW;
	free(k);
	buf_adds(&b, "  ");
	add_span(&b, t->task_id);
	buf_printf(&b, "  %s", type);
	if (t->workload.n) {
		buf_adds(&b, " on ");
		add_span(&b, t->workload);
	}
	if (t->opened != DAY_NONE) {
		buf_adds(&b, ", opened ");
		add_day(&b, t->opened);
	}
	buf_adds(&b, "\n    ");
	add_span(&b, t->entity);
	buf_adds(&b, " (account ");
	add_span(&b, t->account);
	buf_adds(&b, ")\n    ");
	add_dollars(&b, t->daily_impact);
	buf_adds(&b, " a day of MAP credit accrual blocked, ");
	add_dollars(&b, t->impact_to_date);
	buf_adds(&b, " so far\n");
	if (t->action.n) {
		buf_adds(&b, "    ");
		add_span(&b, t->action);
		buf_addc(&b, '\n');
	}
	if (t->command.n) {
		buf_adds(&b, "    $ ");
		add_span(&b, t->command);
		buf_addc(&b, '\n');
	}
	k = span_dup(t->assignee);
	id = span_dup(t->owner);
	item_add(d, kind, k, id, &b);
	free(k);
	free(id);
	buf_free(&b);
	return 0;
}

static int
night_event(struct dg *d, void *rec, struct err *e)
{
	struct event_rec *v = rec;
	struct buf b = { 0 };
	const struct ent *x;
	char *entity;

	(void)e;
	if (v->reason != R_DRIFT_REMOVED && v->reason != R_DRIFT_ALTERED &&
	    v->reason != R_DRIFT_FALLBACK)
		return 0;
	if ((d->prevday != DAY_NONE && v->date <= d->prevday) ||
	    v->date > d->as_of)
		return 0;
	entity = span_dup(v->entity);
	x = ent_find(d, entity);
	free(entity);
	buf_adds(&b, "  ");
	add_day(&b, v->date);
	buf_adds(&b, "  ");
	add_span(&b, v->entity);
	if (x && x->workload[0])
		buf_printf(&b, " (%s)", x->workload);
	buf_printf(&b, "\n    %s -> %s, %s", vocab_event_from.names[v->from],
	    state_names[v->to], reason_names[v->reason]);
	if (v->map_tag.n) {
		buf_adds(&b, ": map-migrated is ");
		add_span(&b, v->map_tag);
	} else if (v->reason == R_DRIFT_REMOVED)
		buf_adds(&b, ": map-migrated removed");
	if (v->last_good_tag.n) {
		buf_adds(&b, v->map_tag.n || v->reason == R_DRIFT_REMOVED ?
		    ", " : ": ");
		buf_adds(&b, "last good value ");
		add_span(&b, v->last_good_tag);
	}
	buf_addc(&b, '\n');
	item_add(d, I_DRIFT, x ? x->engineer : "", x ? x->owner : "", &b);
	buf_free(&b);
	return 0;
}

static int
night_note(struct dg *d, void *rec, struct err *e)
{
	struct notify_rec *n = rec;
	struct buf b = { 0 };
	char *k = key2(n->owner, n->task_id);
	int seen = sv_has(&d->prev_notes, k);

	(void)e;
	free(k);
	if (seen)
		return 0;
	buf_adds(&b, "  ");
	add_span(&b, n->task_id);
	buf_adds(&b, "  ");
	add_span(&b, n->workload);
	buf_adds(&b, ": ");
	add_span(&b, n->note.n ? n->note : n->action);
	buf_addc(&b, '\n');
	k = span_dup(n->owner);
	item_add(d, I_NOTE, "", k, &b);
	free(k);
	buf_free(&b);
	return 0;
}

/* the newest statedir/history/YYYY-MM-DD before the as-of day that holds
 * a state, or NULL */
static char *
find_prev(struct dg *d)
{
	const char *hist = path_of(d, d->o->statedir, "history");
	char *best = NULL, *dir = xstrdup(hist);
	long bestday = DAY_NONE, day;
	struct dirent *de;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return NULL;
	}
	while ((de = readdir(dp)) != NULL) {
		struct buf p = { 0 };

		if (strlen(de->d_name) != DATE_DAYLEN - 1 ||
		    date_parse_day(de->d_name, DATE_DAYLEN - 1, &day) != 0 ||
		    day >= d->as_of ||
		    (bestday != DAY_NONE && day <= bestday))
			continue;
		buf_printf(&p, "%s/%s/state.tsv", dir, de->d_name);
		if (access(buf_cstr(&p), F_OK) == 0) {
			free(best);
			best = xstrndup(p.s, p.len - strlen("/state.tsv"));
			bestday = day;
		}
		buf_free(&p);
	}
	closedir(dp);
	free(dir);
	return best;
}

static int
is_address(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 127 ||
		    strchr("\"(),:;<>[\\]/", *s))
			return 0;
	return 1;
}

static int
load(struct dg *d, struct err *e)
{
	/* current/ as it is now: every file of one night (afile.h) */
	char *night = afile_pin_dir(path_of(d, d->o->statedir, "current"));
	union {
		struct state_rec s;
		struct task_rec t;
		struct event_rec v;
		struct notify_rec n;
	} rec;
	struct workloads wl = { 0 };
	size_t i;
	int rc = -1;

	if (each_row(d, night, "state.tsv", &state_schema, &rec, 0,
	    night_state, e) != 0)
		goto out;
	if (d->as_of == DAY_NONE) {
		err_set(e, EXIT_DATA, 0, "%s/state.tsv: no rows, so no as-of "
		    "day: give one", night);
		goto out;
	}
	qsort(d->ent, d->nent, sizeof(*d->ent), cmp_ent);
	d->prev = d->o->prevdir ? xstrdup(d->o->prevdir) : find_prev(d);
	if (d->prev && (each_row(d, d->prev, "state.tsv", &state_schema,
	    &rec, 1, prev_state, e) != 0 ||
	    each_row(d, d->prev, "tasks.tsv", &task_schema, &rec, 1,
	    prev_task, e) != 0 ||
	    each_row(d, d->prev, "notify.tsv", &notify_schema, &rec, 1,
	    prev_note, e) != 0))
		goto out;
	sv_sort(&d->prev_ids);
	sv_sort(&d->prev_closed);
	sv_sort(&d->prev_notes);
	if (each_row(d, night, "tasks.tsv", &task_schema, &rec, 0,
	    night_task, e) != 0 ||
	    each_row(d, night, "events.tsv", &event_schema, &rec, 0,
	    night_event, e) != 0 ||
	    each_row(d, night, "notify.tsv", &notify_schema, &rec, 0,
	    night_note, e) != 0)
		goto out;
	if (workloads_load(d->o->workloads, &wl, e) != 0) {
		at_file(e, d->o->workloads);
		goto out;
	}
	for (i = 0; i < wl.nw; i++) {
		if (is_address(wl.w[i].engineer))
			sv_add(&d->rcpt, xstrdup(wl.w[i].engineer));
		if (is_address(wl.w[i].owner))
			sv_add(&d->rcpt, xstrdup(wl.w[i].owner));
	}
	workloads_free(&wl);
	sv_sort(&d->rcpt);
	rc = 0;
out:
	free(night);
	return rc;
}

/* ---------------------------------------------------------------- output */

static void
base64(struct buf *b, const char *s, size_t n)
{
	static const char a[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = (const unsigned char *)s;
	size_t i, col = 0;

	for (i = 0; i < n; i += 3) {
		unsigned long v = (unsigned long)p[i] << 16;
		char q[4];

		if (i + 1 < n)
			v |= (unsigned long)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = a[v >> 18 & 63];
		q[1] = a[v >> 12 & 63];
		q[2] = i + 1 < n ? a[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? a[v & 63] : '=';
		buf_add(b, q, 4);
		if ((col += 4) == 76) {
			buf_addc(b, '\n');
			col = 0;
		}
	}
	if (col)
		buf_addc(b, '\n');
}

/* the text of rcpt's digest into b, and the counts of what is new; 0 when
 * there is nothing new for them */
static size_t
digest_text(const struct dg *d, const char *rcpt, struct buf *b,
    size_t count[NITEM])
{
	size_t i, total = 0, nmine = 0, nowned = 0;
	money_t mine = 0, owned = 0;
	int k;
	char day[DATE_DAYLEN];

	for (k = 0; k < NITEM; k++)
		count[k] = 0;
	for (i = 0; i < d->nit; i++) {
		const struct item *it = &d->it[i];

		if (strcmp(it->engineer, rcpt) == 0 ||
		    (it->kind != I_NEW && it->kind != I_REOPENED &&
		    strcmp(it->owner, rcpt) == 0)) {
			count[it->kind]++;
			total++;
		}
	}
	if (total == 0)
		return 0;
	date_fmt_day(d->as_of, day);
	buf_printf(b, "MAP compliance: what is new for %s\non the night of "
	    "%s", rcpt, day);
	if (d->prevday != DAY_NONE) {
		date_fmt_day(d->prevday, day);
		buf_printf(b, ", since the night of %s.\n", day);
	} else
		buf_adds(b, " (the first night: everything is new).\n");
	for (k = 0; k < NITEM; k++) {
		if (count[k] == 0)
			continue;
		buf_printf(b, "\n%s (%zu)\n", item_title[k], count[k]);
		for (i = 0; i < d->nit; i++) {
			const struct item *it = &d->it[i];

			if (it->kind == k && (strcmp(it->engineer, rcpt) == 0 ||
			    (k != I_NEW && k != I_REOPENED &&
			    strcmp(it->owner, rcpt) == 0)))
				buf_adds(b, it->text);
		}
	}
	for (i = 0; i < d->not; i++) {
		if (strcmp(d->ot[i].assignee, rcpt) == 0) {
			nmine++;
			mine += d->ot[i].daily;
		}
		if (strcmp(d->ot[i].owner, rcpt) == 0) {
			nowned++;
			owned += d->ot[i].daily;
		}
	}
	buf_addc(b, '\n');
	if (nmine) {
		buf_printf(b, "Open tasks assigned to you: %zu, ", nmine);
		add_dollars(b, mine);
		buf_adds(b, " a day of MAP credit accrual blocked.\n");
	}
	if (nowned) {
		buf_printf(b, "Open tasks on the workloads you own: %zu, ",
		    nowned);
		add_dollars(b, owned);
		buf_adds(b, " a day of MAP credit accrual blocked.\n");
	}
	return total;
}

/* rcpt's pages (engineer, owner): their file names and HTML */
struct page {
	const char *file;
	struct buf html;
};

static int
pages_of(struct dg *d, struct report *r, const char *rcpt, struct page *pg,
    size_t *npg, struct err *e)
{
	static const int role[2] = { RP_ENGINEER, RP_OWNER };
	const char *epath = NULL;
	size_t k;

	*npg = 0;
	for (k = 0; k < 2; k++) {
		long i = report_find(r, role[k], rcpt);
		struct page *p = &pg[*npg];

		if (i < 0)
			continue;
		p->file = report_file(r, (size_t)i);
		p->html.len = 0;
		if (d->o->reportdir) {
			const char *path = path_of(d, d->o->reportdir,
			    p->file);
			char chunk[8192];
			ssize_t n;
			int fd = open(path, O_RDONLY);

			if (fd < 0) {
				err_set(e, EXIT_SYS, 0, "%s: %s", path,
				    strerror(errno));
				return -1;
			}
			while ((n = read(fd, chunk, sizeof(chunk))) > 0)
				buf_add(&p->html, chunk, (size_t)n);
			if (n < 0) {
				err_set(e, EXIT_SYS, 0, "%s: %s", path,
				    strerror(errno));
				close(fd);
				return -1;
			}
			close(fd);
		} else if (report_page(r, (size_t)i, &p->html, &epath,
		    e) != 0)
			return epath ? at_file(e, epath) : -1;
		(*npg)++;
	}
	return 0;
}

static void
subject(struct buf *b, const struct dg *d, const size_t count[NITEM])
{
	char day[DATE_DAYLEN];
	const char *sep = ": ";
	int k;

	date_fmt_day(d->as_of, day);
	buf_printf(b, "Subject: MAP digest, %s", day);
	for (k = 0; k < NITEM; k++) {
		if (count[k] == 0)
			continue;
		buf_printf(b, "%s%zu %s", sep, count[k],
		    count[k] == 1 ? item_one[k] : item_many[k]);
		sep = ", ";
	}
	buf_addc(b, '\n');
}

/* can the text go as 8bit: no line over RFC 5322's 998 bytes, no NUL
 * or bare CR? */
static int
text_8bit(const struct buf *t)
{
	size_t i, col = 0;

	for (i = 0; i < t->len; i++) {
		if (t->s[i] == '\n')
			col = 0;
		else if (t->s[i] == '\0' || t->s[i] == '\r' || ++col > 998)
			return 0;
	}
	return 1;
}

/* the whole message of rcpt into m */
static void
message(const struct dg *d, const char *rcpt, struct buf *text,
    const size_t count[NITEM], struct page *pg, size_t npg, struct buf *m)
{
	char bound[32], h[17];
	uint64_t x = hash64(text->s, text->len);
	size_t i;
	int eight;

	for (i = 0; i < npg; i++)
		x ^= hash64(pg[i].html.s, pg[i].html.len) + i;
	hash_hex(&x, sizeof(x), h);
	snprintf(bound, sizeof(bound), "=_map_%s", h);
	if (d->o->from)
		buf_printf(m, "From: %s\n", d->o->from);
	buf_printf(m, "To: %s\n", rcpt);
	subject(m, d, count);
	buf_printf(m, "MIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"%s\"\n\n"
	    "This is a MIME message: the digest as text, then the report "
	    "page%s.\n\n", bound, npg == 1 ? "" : "s");
	if (npg) {
		buf_adds(text, "\nAttached: ");
		for (i = 0; i < npg; i++)
			buf_printf(text, "%s%s", i ? ", " : "", pg[i].file);
		buf_adds(text, " (open in a browser).\n");
	}
	eight = text_8bit(text);
	buf_printf(m, "--%s\nContent-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: %s\n\n", bound,
	    eight ? "8bit" : "base64");
	if (eight)
		buf_add(m, text->s, text->len);
	else
		base64(m, text->s, text->len);
	for (i = 0; i < npg; i++) {
		buf_printf(m, "\n--%s\nContent-Type: text/html; charset=utf-8; "
		    "name=\"%s\"\nContent-Disposition: attachment; "
		    "filename=\"%s\"\nContent-Transfer-Encoding: base64\n\n",
		    bound, pg[i].file, pg[i].file);
		base64(m, pg[i].html.s, pg[i].html.len);
	}
	buf_printf(m, "\n--%s--\n", bound);
}

static int
write_file(const char *path, const struct buf *m, struct err *e)
{
	struct afile af;

	if (afile_open(&af, path, AF_REGULAR, e) != 0)
		return at_file(e, path);
	out_add(&af.o, m->s, m->len);
	if (afile_commit(&af, e) != 0)
		return at_file(e, path);
	return 0;
}

static void
dg_free(struct dg *d)
{
	size_t i;

	for (i = 0; i < d->nent; i++) {
		free(d->ent[i].entity);
		free(d->ent[i].engineer);
		free(d->ent[i].owner);
		free(d->ent[i].workload);
	}
	free(d->ent);
	for (i = 0; i < d->nit; i++) {
		free(d->it[i].engineer);
		free(d->it[i].owner);
		free(d->it[i].text);
	}
	free(d->it);
	for (i = 0; i < d->not; i++) {
		free(d->ot[i].assignee);
		free(d->ot[i].owner);
	}
	free(d->ot);
	sv_free(&d->prev_ids);
	sv_free(&d->prev_closed);
	sv_free(&d->prev_notes);
	sv_free(&d->rcpt);
	free(d->prev);
	buf_free(&d->path);
}

int
digest_write(const struct digest_opts *o, const char *outdir, size_t *nmsg,
    struct err *e)
{
	struct dg d = { 0 };
	struct report *r = NULL;
	struct report_opts ro = { 0 };
	struct page pg[2] = { { NULL, { 0 } }, { NULL, { 0 } } };
	struct buf text = { 0 }, m = { 0 }, path = { 0 };
	const char *epath = NULL;
	size_t i, npg, count[NITEM];
	int rc = -1;

	*nmsg = 0;
	d.o = o;
	d.as_of = o->as_of;
	d.prevday = DAY_NONE;
	if (load(&d, e) != 0)
		goto out;
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		err_set(e, EXIT_SYS, 0, "%s: %s", outdir, strerror(errno));
		goto out;
	}
	ro.statedir = o->statedir;
	ro.workloads = o->workloads;
	ro.as_of = d.as_of;
	ro.role = RP_ALL;
	score_parse_rate(REPORT_TARGET, &ro.target);
	for (i = 0; i < d.rcpt.n; i++) {
		const char *rcpt = d.rcpt.v[i];

		text.len = 0;
		if (digest_text(&d, rcpt, &text, count) == 0)
			continue;
		if (r == NULL) {
			r = report_new();
			if (report_load(r, &ro, &epath, e) != 0) {
				if (epath)
					at_file(e, epath);
				goto out;
			}
		}
		if (pages_of(&d, r, rcpt, pg, &npg, e) != 0)
			goto out;
		m.len = 0;
		message(&d, rcpt, &text, count, pg, npg, &m);
		path.len = 0;
		buf_printf(&path, "%s/%s.eml", outdir, rcpt);
		if (write_file(buf_cstr(&path), &m, e) != 0)
			goto out;
		(*nmsg)++;
	}
	rc = 0;
out:
	if (r)
		report_free(r);
	buf_free(&pg[0].html);
	buf_free(&pg[1].html);
	buf_free(&text);
	buf_free(&m);
	buf_free(&path);
	dg_free(&d);
	return rc;
}
