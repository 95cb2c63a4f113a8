/* curscan: read CUR exports (CUR 2.0, legacy CUR, Athena-named legacy CUR,
 * FOCUS 1.x; plain or gzip; manifests) and write one charge line per input
 * line item as TSV. A map: stateless, streaming, one row in, one row out.
 * Which billing entity a line belongs to is map/charge's to say; where
 * each export format keeps a field, intake/curlayout's. This file reads
 * the files (in parallel, output in input order), counts and reports. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/afile.h"
#include "core/combine.h"
#include "core/date.h"
#include "core/money.h"
#include "core/strtab.h"
#include "core/tsv.h"
#include "core/zin.h"
#include "intake/csvin.h"
#include "intake/curlayout.h"
#include "intake/inputs.h"
#include "intake/jmap.h"
#include "intake/manifest.h"
#include "map/charge.h"
#include "map/formats.h"
#include "map/shard.h"
#include "common.h"

/* ---- options ---- */
static enum cur_fmt opt_format = CUR_AUTO;
static char **opt_tags;
static size_t opt_ntags;
static long opt_max_errors;
static int opt_jobs;
static const char *opt_summary;
static int opt_progress;
static int opt_combine;
static size_t combine_bytes = 4u << 20;	/* CURSCAN_COMBINE_BYTES */
static atomic_ullong prog_bytes, prog_rows;
static atomic_uint prog_files;		/* files read to their end */

/* ---- per-file statistics ---- */
struct tally {
	char *key;
	unsigned long long rows;
	money_t cost;
	int has_cost;
};
struct tallys {
	struct tally *v;	/* in the order first seen */
	size_t n, cap;
	struct strtab ix;	/* key -> id; pos[id] = index in v + 1 */
	uint32_t *pos;
	size_t poscap;
	int init;
};

/* A key's tally, added when new: hashed, since a file can hold tens of
 * thousands of distinct line item types or near-miss keys. */
static struct tally *
stat_get(struct tallys *s, const char *key, size_t klen)
{
	uint32_t id;

	if (!s->init) {
		strtab_init(&s->ix);
		s->init = 1;
	}
	id = strtab_intern(&s->ix, key, klen);
	if (id >= s->poscap) {
		size_t old = s->poscap;

		s->poscap = id * 2 + 16;
		s->pos = xrealloc(s->pos, s->poscap * sizeof(*s->pos));
		memset(s->pos + old, 0, (s->poscap - old) * sizeof(*s->pos));
	}
	if (s->pos[id])
		return &s->v[s->pos[id] - 1];
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	memset(&s->v[s->n], 0, sizeof(s->v[0]));
	s->v[s->n].key = xstrndup(key, klen);
	s->pos[id] = (uint32_t)++s->n;
	return &s->v[s->n - 1];
}

static void
stats_free(struct tallys *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].key);
	free(s->v);
	free(s->pos);
	if (s->init)
		strtab_free(&s->ix);
	memset(s, 0, sizeof(*s));
}

/* A rejected row: where its output would have been. */
struct reject {
	unsigned long long off;	/* bytes of output before it */
	size_t msgoff;		/* end of its message in job->msgs */
	size_t msgstart;	/* its text (after "curscan: FILE:LINE: ") */
	long line;
	const char *reason;	/* a static string */
};

struct job {
	const char *path;	/* as opened */
	const char *display;	/* as shown in messages */
	struct out out;
	int tmpfd;
	struct buf msgs;	/* diagnostic lines, in order */
	struct reject *rej;
	size_t nrej;
	long budget;		/* rejects this job may make */
	int fatal;		/* EXIT_DATA or EXIT_SYS: stopped here */
	int skipped;		/* after the run stopped: not reported */
	size_t nallowed;	/* rejects within the budget (settle) */
	size_t fatal_msgoff;
	struct tallys lines, rejected, nearmiss;
	enum cur_fmt fmt;
	atomic_int done;
};

static int
streq(const char *a, size_t an, const char *b)
{
	return strlen(b) == an && memcmp(a, b, an) == 0;
}

/* ---- per-row work ---- */

struct rowctx {
	struct job *j;
	struct cur_layout *l;
	const struct csvrow *r;
	char *scratch;
	size_t scap;
	/* results */
	const char *maptag, *pmaptag;
	size_t maptaglen, pmaptaglen;
	struct buf tagvals;		/* decoded values for map columns */
	size_t *tagoff, *taglen;	/* per --tag: offset into tagvals, or -1 */
	size_t mapoff, pmapoff;
	int hasmap, haspmap;
	/* the first near miss on the resource's own tags, as tagged */
	size_t misskoff, missklen, missvoff, missvlen;
	int hasmiss;
	struct charge charge;	/* the line's entity; buffers reused */
	struct comb *comb;	/* --combine */
	struct out line;	/* --combine: the line being made */
};

#define NOVAL ((size_t)-1)

static const char *
fld(const struct rowctx *c, enum cur_fld f, size_t *n)
{
	int i = c->l->col[f];

	if (i < 0) {
		*n = 0;
		return "";
	}
	*n = c->r->len[i];
	return c->r->f[i];
}

/* A value and the tab after it. */
static void
out_span(struct out *o, struct span sp)
{
	out_val(o, sp.s, sp.n);
	out_c(o, '\t');
}

/* Keep the first misspelled map-migrated key of the row and its value. */
static void
keep_miss(struct rowctx *c, const char *k, size_t kl, const char *v,
    size_t vl)
{
	if (c->hasmiss)
		return;
	c->misskoff = c->tagvals.len;
	buf_add(&c->tagvals, k, kl);
	c->missklen = kl;
	c->missvoff = c->tagvals.len;
	buf_add(&c->tagvals, v, vl);
	c->missvlen = vl;
	c->hasmiss = 1;
}

static void
reject(struct rowctx *c, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
reject(struct rowctx *c, const char *reason, const char *fmt, ...)
{
	struct job *j = c->j;
	va_list ap;
	struct tally *s;

	buf_printf(&j->msgs, "%s: %s:%ld: ", progname, j->display, c->r->line);
	j->rej = xrealloc(j->rej, (j->nrej + 1) * sizeof(*j->rej));
	j->rej[j->nrej].msgstart = j->msgs.len;
	j->rej[j->nrej].line = c->r->line;
	j->rej[j->nrej].reason = reason;
	va_start(ap, fmt);
	{
		char tmp[600];

		vsnprintf(tmp, sizeof(tmp), fmt, ap);
		buf_adds(&j->msgs, tmp);
	}
	va_end(ap);
	buf_addc(&j->msgs, '\n');
	/* the lines before it are written before it (--max-errors stops
	 * the output there) */
	if (c->comb)
		comb_flush(c->comb, &j->out);
	j->rej[j->nrej].off = j->out.total + j->out.n;
	j->rej[j->nrej].msgoff = j->msgs.len;
	j->nrej++;
	s = stat_get(&j->rejected, reason, strlen(reason));
	s->rows++;
}

/* Show at most 40 bytes of a bad value. */
static void
shown(const char *s, size_t n, char out[64])
{
	size_t i, k = 0;

	for (i = 0; i < n && k < 40; i++)
		out[k++] = (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ?
		    ' ' : s[i];
	if (i < n) {
		memcpy(out + k, "...", 3);
		k += 3;
	}
	out[k] = '\0';
}

/* Parse a map column, collecting map-migrated, principal tag, --tag values
 * and near misses. kind: 0 tags/Tags (original keys), 1 resource_tags. */
static int
scan_map(struct rowctx *c, int col, int kind, money_t cost)
{
	struct jmap_iter it;
	const char *k, *v;
	size_t kl, vl, t;
	int rc;
	const char *s = c->r->f[col];
	size_t n = c->r->len[col];
	struct buf snk = { 0 };
	int focus = c->l->fmt == CUR_FOCUS;

	if (n + 1 > c->scap) {
		c->scap = (n + 1) * 2;
		c->scratch = xrealloc(c->scratch, c->scap);
	}
	jmap_init(&it, s, n, c->scratch);
	while ((rc = jmap_next(&it, &k, &kl, &v, &vl)) == 1) {
		int hit = 0;

		if (kind == 0) {
			if (charge_tag_key_is(k, kl, focus, 0, MAP_TAG_KEY)) {
				c->mapoff = c->tagvals.len;
				buf_add(&c->tagvals, v, vl);
				c->maptaglen = vl;
				c->hasmap = 1;
				hit = 1;
			} else if (charge_tag_key_is(k, kl, focus, 1,
			    MAP_TAG_KEY)) {
				c->pmapoff = c->tagvals.len;
				buf_add(&c->tagvals, v, vl);
				c->pmaptaglen = vl;
				c->haspmap = 1;
				hit = 1;
			}
			for (t = 0; t < opt_ntags; t++)
				if (charge_tag_key_is(k, kl, focus, 0,
				    opt_tags[t])) {
					c->tagoff[t] = c->tagvals.len;
					buf_add(&c->tagvals, v, vl);
					c->taglen[t] = vl;
				}
		} else {
			/* a key twice in the map: the last value, as in the
			 * tags column */
			if (streq(k, kl, "user_map_migrated")) {
				c->mapoff = c->tagvals.len;
				buf_add(&c->tagvals, v, vl);
				c->maptaglen = vl;
				c->hasmap = 1;
				hit = 1;
			}
			for (t = 0; t < opt_ntags; t++) {
				snk.len = 0;
				buf_adds(&snk, "user_");
				cur_snake(opt_tags[t], &snk);
				if (streq(k, kl, snk.s)) {
					c->tagoff[t] = c->tagvals.len;
					buf_add(&c->tagvals, v, vl);
					c->taglen[t] = vl;
				}
			}
		}
		if (!hit && charge_tag_near_miss(k, kl)) {
			struct tally *st = stat_get(&c->j->nearmiss, k, kl);
			const char *nm;
			size_t nl;

			st->rows++;
			st->cost += cost;
			st->has_cost = 1;
			if (kind == 0 && charge_tag_misspelled(k, kl, focus,
			    &nm, &nl))
				keep_miss(c, nm, nl, v, vl);
		}
	}
	buf_free(&snk);
	if (rc < 0) {
		reject(c, "malformed map column",
		    "column '%s': malformed JSON map: %s at byte %zu",
		    cur_colname(c->l->fmt, kind == 0 ? CF_TAGS : CF_RTAGS),
		    it.why, it.at + 1);
		return -1;
	}
	return 0;
}

/* A field as a span ("" when the column is not in the export). */
static struct span
sfld(const struct rowctx *c, enum cur_fld f)
{
	struct span sp;

	sp.s = fld(c, f, &sp.n);
	return sp;
}

/* The line item type; an export without the column is all usage. */
static struct span
line_type(const struct rowctx *c)
{
	struct span sp = sfld(c, CF_LTYPE);

	if (c->l->col[CF_LTYPE] < 0) {
		sp.s = "Usage";
		sp.n = 5;
	}
	return sp;
}

static void
emit_row(struct rowctx *c, money_t cost, int hascost, utime_t start)
{
	struct out *o = &c->j->out;
	struct charge *ch = &c->charge;
	struct charge_in in;
	char ts[DATE_TSLEN];
	size_t t, split = 0;
	int keyed;	/* --combine, a line with an entity: to the combiner */

	in.line_type = line_type(c);
	in.service = sfld(c, CF_SERVICE);
	in.account = sfld(c, CF_ACCOUNT);
	in.region = sfld(c, CF_REGION);
	in.region2 = sfld(c, CF_REGION2);
	in.az = sfld(c, CF_AZ);
	in.resource = sfld(c, CF_RESOURCE);
	in.usage_type = sfld(c, CF_UTYPE);
	if (in.usage_type.n == 0)
		in.usage_type = sfld(c, CF_UTYPE2);
	in.principal = sfld(c, CF_PRINCIPAL);
	in.product_name = sfld(c, CF_PRODNAME);
	in.product_map = sfld(c, CF_PRODUCT);
	charge_classify(ch, &in);

	/* --combine: the line is made in memory; with an entity, without
	 * its start and cost, for the combiner; any other keeps its place */
	keyed = c->comb != NULL && ch->kind != CHARGE_NONE;
	if (c->comb) {
		o = &c->line;
		o->n = 0;
	}
	if (!keyed) {
		date_fmt_ts(start, ts);
		out_add(o, ts, DATE_TSLEN - 1);
	}
	out_c(o, '\t');
	out_span(o, sfld(c, CF_PAYER));
	out_span(o, in.account);
	out_span(o, sfld(c, CF_ACCNAME));
	out_span(o, in.service);
	out_span(o, ch->region);
	out_span(o, in.line_type);
	out_s(o, charge_kind_name(ch->kind));
	out_c(o, '\t');
	out_val(o, ch->entity.s, ch->entity.len);
	out_c(o, '\t');
	out_span(o, in.usage_type);
	out_span(o, ch->model);
	out_val(o, ch->principal.s, ch->principal.len);
	out_c(o, '\t');
	if (keyed)
		split = o->n;
	else if (hascost)
		out_money_dp(o, cost, 2);
	out_c(o, '\t');
	if (c->hasmap)
		out_val(o, c->tagvals.s + c->mapoff, c->maptaglen);
	out_c(o, '\t');
	if (c->haspmap)
		out_val(o, c->tagvals.s + c->pmapoff, c->pmaptaglen);
	out_c(o, '\t');
	out_span(o, sfld(c, CF_DESC));
	out_val(o, in.resource.s, in.resource.n);
	out_c(o, '\t');
	if (c->hasmiss) {
		out_val(o, c->tagvals.s + c->misskoff, c->missklen);
		out_c(o, '\t');
		out_val(o, c->tagvals.s + c->missvoff, c->missvlen);
	} else
		out_c(o, '\t');
	for (t = 0; t < opt_ntags; t++) {
		out_c(o, '\t');
		if (c->tagoff[t] != NOVAL)
			out_val(o, c->tagvals.s + c->tagoff[t], c->taglen[t]);
	}
	out_c(o, '\n');
	if (keyed)
		comb_add(c->comb, o->b, o->n, split, start, cost, hascost,
		    &c->j->out);
	else if (c->comb)
		comb_pass(c->comb, o->b, o->n, &c->j->out);
}

static void
do_row(struct rowctx *c)
{
	const struct csvrow *r = c->r;
	struct cur_layout *l = c->l;
	const char *s;
	size_t n, t, i;
	money_t cost = 0;
	int hascost = 0;
	utime_t start;
	char show[64];
	struct tally *st;
	struct span lt;

	if (r->nf != l->width) {
		reject(c, "wrong field count", "%zu fields, header has %zu",
		    r->nf, l->width);
		return;
	}
	if (r->nul) {
		reject(c, "NUL byte", "a NUL byte in the row (a binary or "
		    "damaged file?)");
		return;
	}
	s = fld(c, CF_START, &n);
	if (date_parse_ts(s, n, &start)) {
		shown(s, n, show);
		reject(c, "bad timestamp", "column '%s': invalid timestamp '%s'",
		    cur_colname(l->fmt, CF_START), show);
		return;
	}
	s = fld(c, CF_COST, &n);
	if (n) {
		if (money_parse(s, n, &cost)) {
			shown(s, n, show);
			reject(c, "bad number", "column '%s': invalid number '%s'",
			    cur_colname(l->fmt, CF_COST), show);
			return;
		}
		hascost = 1;
	}
	/* tags */
	c->tagvals.len = 0;
	c->hasmap = c->haspmap = c->hasmiss = 0;
	for (t = 0; t < opt_ntags; t++)
		c->tagoff[t] = NOVAL;
	if (l->col[CF_TAGS] >= 0 && scan_map(c, l->col[CF_TAGS], 0, cost))
		return;
	if (l->col[CF_RTAGS] >= 0) {
		/* with the tags column present it is the authority on key
		 * spelling; resource_tags only fills in when it is absent */
		if (l->col[CF_TAGS] < 0) {
			if (scan_map(c, l->col[CF_RTAGS], 1, cost))
				return;
		}
	}
	if (l->tagcol_map >= 0 && r->len[l->tagcol_map]) {
		c->mapoff = c->tagvals.len;
		buf_add(&c->tagvals, r->f[l->tagcol_map], r->len[l->tagcol_map]);
		c->maptaglen = r->len[l->tagcol_map];
		c->hasmap = 1;
	}
	for (t = 0; t < opt_ntags; t++)
		if (l->tagcol[t] >= 0 && r->len[l->tagcol[t]]) {
			c->tagoff[t] = c->tagvals.len;
			buf_add(&c->tagvals, r->f[l->tagcol[t]],
			    r->len[l->tagcol[t]]);
			c->taglen[t] = r->len[l->tagcol[t]];
		}
	for (i = 0; i < l->nnear; i++)
		if (r->len[l->nearcol[i]]) {
			const char *nm;
			size_t nl;

			st = stat_get(&c->j->nearmiss, l->nearname[i],
			    strlen(l->nearname[i]));
			st->rows++;
			st->cost += cost;
			st->has_cost = 1;
			if (l->fmt == CUR_LEGACY &&
			    charge_tag_misspelled(l->nearname[i],
			    strlen(l->nearname[i]), 0, &nm, &nl))
				keep_miss(c, nm, nl, r->f[l->nearcol[i]],
				    r->len[l->nearcol[i]]);
		}
	buf_cstr(&c->tagvals);
	emit_row(c, cost, hascost, start);
	lt = line_type(c);
	st = stat_get(&c->j->lines, lt.s, lt.n);
	if (st->rows == 0 && !charge_type_known(lt.s, lt.n)) {
		shown(lt.s, lt.n, show);
		buf_printf(&c->j->msgs, "%s: %s:%ld: unknown line item type "
		    "'%s' (kept, counted, entity_kind none)\n", progname,
		    c->j->display, r->line, show);
	}
	st->rows++;
	if (hascost) {
		st->cost += cost;
		st->has_cost = 1;
	}
}

static void
job_fatal(struct job *j, const struct err *e)
{
	if (e->line > 0)
		buf_printf(&j->msgs, "%s: %s:%ld: %s\n", progname, j->display,
		    e->line, e->msg);
	else
		buf_printf(&j->msgs, "%s: %s: %s\n", progname, j->display,
		    e->msg);
	j->fatal = e->status ? e->status : EXIT_DATA;
	j->fatal_msgoff = j->msgs.len;
}

static void
run_job(struct job *j)
{
	struct err e = { 0 };
	struct zin *z;
	struct csvin *cv;
	struct csvrow row;
	struct cur_layout l;
	struct rowctx c;
	int rc;
	unsigned long long rows = 0;
	uint64_t lastbytes = 0;

	z = zin_open(j->path, &e);
	if (z == NULL) {
		job_fatal(j, &e);
		return;
	}
	cv = csvin_new(z);
	rc = csvin_next(cv, &row, &e);
	if (rc == 1 && row.nul) {
		err_set(&e, EXIT_DATA, row.line, "a NUL byte in the header (a "
		    "binary or damaged file?)");
		rc = -1;
	}
	if (rc <= 0) {
		if (rc == 0)
			err_set(&e, EXIT_DATA, 1, "empty file: no header line");
		job_fatal(j, &e);
		goto done;
	}
	if (cur_layout_init(&l, &row, opt_format, opt_tags, opt_ntags,
	    charge_tag_mapish, &e)) {
		job_fatal(j, &e);
		goto done;
	}
	j->fmt = l.fmt;
	{
		/* copy only the columns this layout reads */
		unsigned char *want = cur_layout_want(&l, opt_ntags);

		csvin_want(cv, want, l.width);
		free(want);
	}
	memset(&c, 0, sizeof(c));
	c.j = j;
	c.l = &l;
	charge_init(&c.charge);
	c.tagoff = xcalloc(opt_ntags + 1, sizeof(size_t));
	c.taglen = xcalloc(opt_ntags + 1, sizeof(size_t));
	if (opt_combine) {
		c.comb = xmalloc(sizeof(*c.comb));
		comb_init(c.comb, combine_bytes);
		out_mem(&c.line);
	}
	while ((rc = csvin_next(cv, &row, &e)) == 1) {
		c.r = &row;
		do_row(&c);
		if ((long)j->nrej > j->budget)
			break;
		if (opt_progress && (++rows & 0xfff) == 0) {
			uint64_t b = zin_bytes_in(z);

			atomic_fetch_add(&prog_bytes, b - lastbytes);
			atomic_fetch_add(&prog_rows, 0x1000);
			lastbytes = b;
		}
	}
	if (opt_progress) {	/* the last rows and bytes, under 4,096 rows */
		atomic_fetch_add(&prog_bytes, zin_bytes_in(z) - lastbytes);
		atomic_fetch_add(&prog_rows, rows & 0xfff);
	}
	if (c.comb) {	/* what was read is written, also after an error */
		comb_flush(c.comb, &j->out);
		comb_free(c.comb);
		free(c.comb);
		out_close(&c.line);
	}
	if (rc < 0)
		job_fatal(j, &e);
	free(c.tagoff);
	free(c.taglen);
	free(c.scratch);
	buf_free(&c.tagvals);
	charge_free(&c.charge);
	cur_layout_free(&l);
done:
	if (opt_progress)
		atomic_fetch_add(&prog_files, 1);
	csvin_free(cv);
	zin_close(z);
}

/* ---- output assembly ---- */

static struct out so;		/* stdout */
static int status;
static long errors_left;
static int stopped;
static atomic_int run_stopped;	/* for the workers: stop reading */

/* Copy n bytes of a job's temp output to stdout. */
static void
copy_tmp(struct job *j, unsigned long long n)
{
	char b[65536];

	if (lseek(j->tmpfd, 0, SEEK_SET) < 0) {
		warnx("temporary file: %s", strerror(errno));
		status = EXIT_SYS;
		return;
	}
	while (n > 0) {
		ssize_t r = read(j->tmpfd, b, n < sizeof(b) ? n : sizeof(b));

		if (r <= 0) {
			warnx("temporary file: %s", r < 0 ? strerror(errno) :
			    "short read");
			status = EXIT_SYS;
			return;
		}
		out_add(&so, b, (size_t)r);
		n -= (unsigned long long)r;
	}
}

/* Account one finished job: its output up to where the error budget ran
 * out, its messages, the exit status. In streaming mode (tmpfd < 0) its
 * output already went to stdout. */
static void
settle(struct job *j)
{
	size_t allowed = 0, msgend;
	unsigned long long bytes;
	struct stat sb;

	if (stopped) {
		j->skipped = 1;
		return;
	}
	if ((long)j->nrej > errors_left && j->tmpfd >= 0 &&
	    stat(j->path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		/* Read in parallel with the whole allowance, this file ran
		 * past the point where the run stops: read it again with what
		 * is left, so output, messages and summary are those of -j 1. */
		stats_free(&j->lines);
		stats_free(&j->rejected);
		stats_free(&j->nearmiss);
		j->msgs.len = 0;
		j->nrej = 0;
		j->fatal = 0;
		j->out.n = 0;
		j->out.total = 0;
		if (ftruncate(j->tmpfd, 0) != 0 ||
		    lseek(j->tmpfd, 0, SEEK_SET) < 0) {
			warnx("temporary file: %s", strerror(errno));
			status = EXIT_SYS;
		}
		j->budget = errors_left;
		run_job(j);
	}
	msgend = j->msgs.len;
	if ((long)j->nrej > errors_left) {
		/* stop at reject number errors_left (0-based) */
		allowed = (size_t)errors_left;
		bytes = j->rej[allowed].off;
		msgend = j->rej[allowed].msgoff;
		stopped = 1;
		atomic_store(&run_stopped, 1);
		if (status < EXIT_DATA)
			status = EXIT_DATA;
	} else {
		allowed = j->nrej;
		bytes = j->out.total + j->out.n;
		if (j->fatal) {
			stopped = 1;
			atomic_store(&run_stopped, 1);
			if (status < j->fatal)
				status = j->fatal;
		}
	}
	errors_left -= (long)allowed;
	j->nallowed = allowed;
	if (j->tmpfd >= 0) {
		out_flush(&j->out);
		copy_tmp(j, bytes);
	}
	fwrite(j->msgs.s ? j->msgs.s : "", 1, msgend, stderr);
	if (stopped && (long)j->nrej > (long)allowed && opt_max_errors > 0) {
		fprintf(stderr, "%s: %s: too many bad rows (more than "
		    "--max-errors %ld); stopping\n", progname, j->display,
		    opt_max_errors);
	}
	fflush(stderr);
}

static struct job *jobs;
static size_t njobs;
static atomic_size_t nextjob;
static pthread_mutex_t jmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jcv = PTHREAD_COND_INITIALIZER;
static size_t nsettled;		/* files settled so far, in order */
#define WINDOW 16		/* files read ahead of the one being settled */

/* A job's output goes to an unlinked file in $TMPDIR (or /tmp) until its
 * turn comes. */
static int
job_tmp(struct job *j)
{
	const char *dir = getenv("TMPDIR");
	struct buf b = { 0 };
	int fd;

	buf_printf(&b, "%s/curscan.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(b.s);
	if (fd >= 0)
		unlink(b.s);
	else {
		struct err e;

		err_set(&e, EXIT_SYS, 0, "cannot create a temporary file in "
		    "%s: %s", dir && *dir ? dir : "/tmp", strerror(errno));
		job_fatal(j, &e);
	}
	buf_free(&b);
	return fd;
}

static void *
worker(void *arg)
{
	size_t i;

	(void)arg;
	while ((i = atomic_fetch_add(&nextjob, 1)) < njobs) {
		struct job *j = &jobs[i];

		pthread_mutex_lock(&jmu);
		while (i >= nsettled + WINDOW)
			pthread_cond_wait(&jcv, &jmu);
		pthread_mutex_unlock(&jmu);
		/* once the run has stopped, later files are not read */
		if (!atomic_load(&run_stopped)) {
			j->tmpfd = job_tmp(j);
			if (j->tmpfd >= 0) {
				out_init(&j->out, j->tmpfd);
				run_job(j);
			}
		}
		pthread_mutex_lock(&jmu);
		atomic_store(&j->done, 1);
		pthread_cond_broadcast(&jcv);
		pthread_mutex_unlock(&jmu);
	}
	return NULL;
}

/* The scan summary: per file, its line types, its rejects and why, its
 * near-miss tag keys. */
static void
summary_rows(struct out *o)
{
	static const char *const names[3] = {
		"lines", "rejected", "near-miss-tag"
	};
	size_t i, k;
	int s;

	out_s(o, HDR_SUMMARY);
	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];
		struct tallys *sets[3] = { &j->lines, &j->rejected,
			&j->nearmiss };

		if (j->skipped)
			continue;
		for (s = 0; s < 3; s++)
			for (k = 0; k < sets[s]->n; k++) {
				struct tally *st = &sets[s]->v[k];

				out_s(o, names[s]);
				out_c(o, '\t');
				out_vals(o, j->display);
				out_c(o, '\t');
				out_s(o, cur_fmt_names[j->fmt]);
				out_c(o, '\t');
				out_vals(o, st->key);
				out_c(o, '\t');
				out_long(o, (long long)st->rows);
				out_c(o, '\t');
				if (st->has_cost)
					out_money_dp(o, st->cost, 2);
				out_c(o, '\n');
			}
	}
}

/* To a file that appears whole, or with "-" to standard error. */
static void
write_summary(const char *path)
{
	struct afile af;
	struct err e = { 0 };

	if (strcmp(path, "-") == 0) {
		struct out o;

		out_init(&o, 2);
		summary_rows(&o);
		(void)out_close(&o);
		return;
	}
	if (afile_open(&af, path, 0, &e) == 0) {
		summary_rows(&af.o);
		if (afile_commit(&af, &e) == 0)
			return;
	}
	warnx("%s: %s", path, e.msg);
	status = status > EXIT_SYS ? status : EXIT_SYS;
}

/* The rejected rows: file, line, reason, message, each row the run
 * skipped (within --max-errors) or stopped at. */
static void
write_rejects(const char *path)
{
	struct afile af;
	struct err e = { 0 };
	size_t i, k;

	if (afile_open(&af, path, 0, &e) != 0) {
		warnx("%s: %s", path, e.msg);
		status = status > EXIT_SYS ? status : EXIT_SYS;
		return;
	}
	out_s(&af.o, "file\tline\treason\tmessage\n");
	for (i = 0; i < njobs; i++) {
		const struct job *j = &jobs[i];
		size_t n = j->nallowed < j->nrej ? j->nallowed + 1 : j->nrej;

		if (j->skipped)
			continue;
		for (k = 0; k < n; k++) {
			const struct reject *r = &j->rej[k];

			out_vals(&af.o, j->display);
			out_c(&af.o, '\t');
			out_long(&af.o, r->line);
			out_c(&af.o, '\t');
			out_vals(&af.o, r->reason);
			out_c(&af.o, '\t');
			out_val(&af.o, j->msgs.s + r->msgstart, r->msgoff -
			    r->msgstart - 1);
			out_c(&af.o, '\n');
		}
	}
	if (afile_commit(&af, &e) != 0) {
		warnx("%s: %s", path, e.msg);
		status = status > EXIT_SYS ? status : EXIT_SYS;
	}
}

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [FILE]...\n"
	    "Read AWS Cost and Usage Report exports and write one charge line\n"
	    "per line item as TSV on standard output.\n\n"
	    "With no FILE, or when FILE is -, read standard input. A FILE that\n"
	    "is a directory is the *.csv, *.csv.gz and *.zip files in it (not\n"
	    "its subdirectories), by name. gzip and ZIP input is read\n"
	    "transparently.\n\n"
	    "  -f, --format FMT     auto (default), cur2, legacy, athena, focus\n"
	    "  -m, --manifest FILE  read the data files a CUR manifest lists\n"
	    "  -r, --root DIR       local mirror of the export bucket for\n"
	    "                       --manifest (default: .)\n"
	    "  -t, --tag KEY        add a tag_KEY column with tag KEY's value\n"
	    "                       (repeatable)\n"
	    "  -s, --summary FILE   per file and line type: rows and cost; rows\n"
	    "                       rejected and why; near-miss MAP tag keys\n"
	    "                       (- for standard error)\n"
	    "  -e, --max-errors N   skip and report up to N bad rows (default 0)\n"
	    "      --rejects FILE   the rows rejected: file, line, reason, message\n"
	    "  -c, --combine        one line for an entity's lines of a day that\n"
	    "                       differ only in time and cost: the latest\n"
	    "                       start, the costs summed (all mapstate needs)\n"
	    "  -j, --jobs N         read N files in parallel (default: all cores)\n"
	    "  -p, --progress       progress on standard error (default: when it\n"
	    "                       is a terminal)\n"
	    "      --no-progress    no progress line\n"
	    "      --shards N       split the lines into the N shards of a sharded\n"
	    "                       night: DIR/0.tsv .. DIR/N-1.tsv (-o DIR) and\n"
	    "                       their first days, DIR/first-seen.tsv\n"
	    "      --shard K/N      write only shard K of N; with N alone, K is\n"
	    "                       SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX\n"
	    "                       or JOB_COMPLETION_INDEX\n"
	    "  -o, --output PATH    the shards' directory (--shards; default .)\n"
	    "      --first-seen FILE  with --shard: the lines' first days (the\n"
	    "                       data's and each account's) for mapstate\n"
	    "  -h, --help           show this help and exit\n"
	    "  -V, --version        show the version and exit\n\n"
	    "Exit status: 0 success, 2 usage error, 3 bad input data,\n"
	    "4 system or I/O error. See curscan(1) and map-formats(5).\n",
	    progname);
}

static void *
progress_thread(void *arg)
{
	struct timespec t0, t, d = { 0, 500000000 };
	int *stop = arg;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!atomic_load((atomic_int *)stop)) {
		unsigned long long rows;
		double s, mb;

		nanosleep(&d, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t);
		s = (double)(t.tv_sec - t0.tv_sec) +
		    (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
		mb = (double)atomic_load(&prog_bytes) / 1e6;
		rows = atomic_load(&prog_rows);
		fprintf(stderr, "\r%s: %u of %zu files, %.1f MB read, %llu rows, "
		    "%.0f rows/s, %.1f MB/s   ", progname,
		    atomic_load(&prog_files), njobs, mb, rows,
		    s > 0 ? (double)rows / s : 0.0, s > 0 ? mb / s : 0.0);
	}
	fputs("\r\033[K", stderr);
	return NULL;
}

/* ---- main ---- */

static char **opt_manifests;
static size_t opt_nman;
static unsigned opt_shards, opt_k;	/* 0: not sharded */
static long opt_keep = -1;		/* --shard K, or -1: all (--shards) */
static const char *opt_output, *opt_seen, *opt_rejects;
static const char *opt_root = ".";

static void
parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "root", required_argument, NULL, 'r' },
		{ "tag", required_argument, NULL, 't' },
		{ "summary", required_argument, NULL, 's' },
		{ "max-errors", required_argument, NULL, 'e' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "progress", no_argument, NULL, 'p' },
		{ "no-progress", no_argument, NULL, 'P' },
		{ "shards", required_argument, NULL, 'N' },
		{ "shard", required_argument, NULL, 'K' },
		{ "output", required_argument, NULL, 'o' },
		{ "first-seen", required_argument, NULL, 'F' },
		{ "rejects", required_argument, NULL, 'R' },
		{ "combine", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int ch, progress = -1;
	size_t k;
	char *end;

	argv[0] = (char *)progname;	/* getopt's messages */
	while ((ch = getopt_long(argc, argv, "f:m:r:t:s:e:j:o:cphV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'f':
			for (k = 0; k < NCURFMT; k++)
				if (strcmp(optarg, cur_fmt_names[k]) == 0)
					break;
			if (k == NCURFMT)
				usage_error("unknown format '%s' (auto, cur2, "
				    "legacy, athena, focus)", optarg);
			opt_format = (enum cur_fmt)k;
			break;
		case 'm':
			opt_manifests = xrealloc(opt_manifests, (opt_nman + 1) *
			    sizeof(*opt_manifests));
			opt_manifests[opt_nman++] = optarg;
			break;
		case 'r':
			opt_root = optarg;
			break;
		case 't':
			if (*optarg == '\0' || strpbrk(optarg, "\t\n"))
				usage_error("bad tag key '%s'", optarg);
			opt_tags = xrealloc(opt_tags, (opt_ntags + 1) *
			    sizeof(*opt_tags));
			opt_tags[opt_ntags++] = optarg;
			break;
		case 's':
			opt_summary = optarg;
			break;
		case 'e':
			errno = 0;
			opt_max_errors = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || errno || opt_max_errors < 0)
				usage_error("--max-errors wants a count, not "
				    "'%s'", optarg);
			break;
		case 'j':
			errno = 0;
			opt_jobs = (int)strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end || errno || opt_jobs < 1 ||
			    opt_jobs > 256)
				usage_error("--jobs wants 1 to 256, not '%s'",
				    optarg);
			break;
		case 'p':
			progress = 1;
			break;
		case 'P':
			progress = 0;
			break;
		case 'N':
			opt_shards = shards_arg("--shards", optarg);
			opt_keep = -1;
			break;
		case 'K':
			shard_arg("--shard", optarg, &opt_k, &opt_shards);
			opt_keep = (long)opt_k;
			break;
		case 'o':
			opt_output = optarg;
			break;
		case 'F':
			opt_seen = optarg;
			break;
		case 'R':
			opt_rejects = optarg;
			break;
		case 'c':
			opt_combine = 1;
			break;
		case 'h':
			usage();
			exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
		case 'V':
			print_version();
			exit(fflush(stdout) ? EXIT_SYS : EXIT_OKAY);
		default:
			usage_try();
		}
	}
	opt_progress = progress < 0 ? isatty(2) : progress;
	if (opt_output && !(opt_shards && opt_keep < 0))
		usage_error("-o is the directory of --shards N (--shard K/N "
		    "writes to standard output)");
	if (opt_seen && !(opt_shards && opt_keep >= 0))
		usage_error("--first-seen is for --shard K/N (--shards writes "
		    "DIR/first-seen.tsv)");
	if (opt_jobs == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		opt_jobs = n < 1 ? 1 : n > 64 ? 64 : (int)n;
	}
}

/* The files to read: those the manifests list (under --root), then the
 * operands, a directory's files in its place; with neither, standard
 * input. */
static char **
input_files(char **operands, size_t nop, size_t *np)
{
	char **paths = NULL;
	size_t npaths = 0, i, k;
	struct stat st;
	int rc;

	for (i = 0; i < opt_nman; i++) {
		struct err e = { 0 };
		struct manifest m;
		size_t len;
		char *txt = zin_slurp(opt_manifests[i], &len, &e);

		if (txt == NULL)
			die_err(opt_manifests[i], &e);
		rc = manifest_parse(txt, len, &m, &e);
		free(txt);
		if (rc)
			die_err(opt_manifests[i], &e);
		for (k = 0; k < m.n; k++) {
			struct buf b = { 0 };

			buf_adds(&b, opt_root);
			if (b.len && b.s[b.len - 1] != '/')
				buf_addc(&b, '/');
			buf_adds(&b, m.keys[k]);
			if (manifest_entry_ok(opt_root, b.s, &e) != 0)
				die_err(opt_manifests[i], &e);
			inputs_add(&paths, &npaths, b.s);
		}
		manifest_free(&m);
	}
	for (i = 0; i < nop; i++) {
		struct err e = { 0 };

		if (strcmp(operands[i], "-") != 0 && stat(operands[i], &st) ==
		    0 && S_ISDIR(st.st_mode)) {
			if (inputs_add_dir(operands[i], &paths, &npaths, &e))
				die_err(operands[i], &e);
		} else
			inputs_add(&paths, &npaths, xstrdup(operands[i]));
	}
	if (npaths == 0 && opt_nman == 0)
		inputs_add(&paths, &npaths, xstrdup("-"));
	if (npaths == 0)
		die(EXIT_DATA, "%s: the manifest lists no data files",
		    opt_manifests[opt_nman - 1]);
	/* every input opens before anything is written */
	for (i = 0; i < npaths; i++) {
		struct err e = { 0 };

		if (inputs_probe(paths[i], &e))
			die_err(paths[i], &e);
	}
	*np = npaths;
	return paths;
}

static void
jobs_init(char **paths, size_t n)
{
	size_t i;

	njobs = n;
	jobs = xcalloc(njobs, sizeof(*jobs));
	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];

		j->path = paths[i];
		j->display = strcmp(paths[i], "-") == 0 ? "<stdin>" : paths[i];
		j->budget = opt_max_errors;
		j->tmpfd = -1;
	}
}

static void
jobs_free(void)
{
	size_t i;

	for (i = 0; i < njobs; i++) {
		stats_free(&jobs[i].lines);
		stats_free(&jobs[i].rejected);
		stats_free(&jobs[i].nearmiss);
		buf_free(&jobs[i].msgs);
		free(jobs[i].rej);
		free((char *)jobs[i].path);
	}
	free(jobs);
}

/* The charge lines' header: map-formats(5), then a tag_KEY per --tag. */
static void
write_header(void)
{
	size_t k;

	out_s(&so, HDR_LINES);
	for (k = 0; k < opt_ntags; k++) {
		out_s(&so, "\ttag_");
		out_vals(&so, opt_tags[k]);
	}
	out_c(&so, '\n');
}

/* One file at a time, straight to stdout; a job's budget is what is left
 * of the run's. */
static void
run_serial(void)
{
	size_t i;

	for (i = 0; i < njobs && !stopped; i++) {
		struct job *j = &jobs[i];

		j->out = so;	/* shares the stdout buffer */
		j->budget = errors_left;
		run_job(j);
		so = j->out;
		settle(j);
	}
}

/* Workers read ahead; each file is settled as soon as it and those
 * before it are read: output in input order, at most WINDOW files
 * ahead. */
static void
run_parallel(void)
{
	size_t nth = (size_t)opt_jobs < njobs ? (size_t)opt_jobs : njobs, i;
	pthread_t *th = xcalloc(nth, sizeof(*th));

	for (i = 0; i < nth; i++)
		if (pthread_create(&th[i], NULL, worker, NULL) != 0)
			die(EXIT_SYS, "cannot start a thread");
	for (i = 0; i < njobs; i++) {
		struct job *j = &jobs[i];

		pthread_mutex_lock(&jmu);
		while (!atomic_load(&j->done))
			pthread_cond_wait(&jcv, &jmu);
		pthread_mutex_unlock(&jmu);
		settle(j);
		if (j->tmpfd >= 0) {
			out_close(&j->out);
			close(j->tmpfd);
			j->tmpfd = -1;
		}
		pthread_mutex_lock(&jmu);
		nsettled = i + 1;
		pthread_cond_broadcast(&jcv);
		pthread_mutex_unlock(&jmu);
	}
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	free(th);
}

/* ---- --shards, --shard: the lines go through a pipe to a thread that
 * splits them (lib/map/shard.c), so the reading above is the same ---- */
static struct {
	struct shard_split sp;
	struct shard_seen seen;
	struct out keep;	/* --shard K: standard output */
	int rfd, wfd, rc;
	struct err e;
	pthread_t th;
} spl;

static void *
split_thread(void *arg)
{
	char path[32], b[65536];

	(void)arg;
	snprintf(path, sizeof(path), "/dev/fd/%d", spl.rfd);
	spl.rc = shard_split_read(&spl.sp, path, &spl.e);
	/* after an error, what is left is read and dropped: the writer
	 * never blocks on a full pipe */
	while (read(spl.rfd, b, sizeof(b)) > 0)
		;
	close(spl.rfd);
	return NULL;
}

/* a run that dies (die, exit) leaves no shard temporary behind */
static void
split_atexit(void)
{
	shard_split_abort(&spl.sp);
}

static void
split_start(void)
{
	struct err e = { 0 };
	int fd[2];

	seen_init(&spl.seen);
	out_init(&spl.keep, 1);
	if (shard_split_open(&spl.sp, opt_output ? opt_output : ".",
	    opt_shards, opt_keep, &spl.keep, &spl.seen, &e) != 0)
		die_err(NULL, &e);
	atexit(split_atexit);
	if (pipe(fd) != 0)
		die(EXIT_SYS, "pipe: %s", strerror(errno));
	spl.rfd = fd[0];
	spl.wfd = fd[1];
	if (pthread_create(&spl.th, NULL, split_thread, NULL) != 0)
		die(EXIT_SYS, "cannot start a thread");
	out_init(&so, spl.wfd);
}

/* the first days, then the shards, only when the whole scan succeeded */
static void
split_finish(void)
{
	struct buf p = { 0 };
	struct afile af;
	struct err e = { 0 };
	const char *seen = opt_seen;

	close(spl.wfd);
	pthread_join(spl.th, NULL);
	if (spl.rc != 0 && status == EXIT_OKAY) {
		warnx("the shard split: line %ld: %s", spl.e.line, spl.e.msg);
		status = spl.e.status ? spl.e.status : EXIT_SYS;
	}
	if (opt_keep < 0) {
		buf_printf(&p, "%s/first-seen.tsv", opt_output ? opt_output :
		    ".");
		seen = p.s;
	}
	if (status == EXIT_OKAY && seen) {
		if (afile_open(&af, seen, 0, &e) != 0) {
			report(seen, &e);
			status = e.status;
		} else {
			seen_write(&spl.seen, &af.o);
			if (afile_commit(&af, &e) != 0) {
				report(seen, &e);
				status = e.status;
			}
		}
	}
	if (status == EXIT_OKAY && out_close(&spl.keep) != 0) {
		warnx("write error: %s", strerror(spl.keep.err));
		status = EXIT_SYS;
	}
	if (status == EXIT_OKAY) {
		if (shard_split_commit(&spl.sp, &e) != 0) {
			report(NULL, &e);
			status = e.status;
		}
	} else {
		shard_split_abort(&spl.sp);
		if (opt_keep < 0)
			warnx("%s: no shard written (the scan failed)",
			    opt_output ? opt_output : ".");
	}
	seen_free(&spl.seen);
	buf_free(&p);
}

/* A scanner CSVIN_PARSER cannot give is a usage error before any output;
 * so is a bad CURSCAN_COMBINE_BYTES, --combine's table (for tests: a
 * small one writes a line in several parts). */
static void
check_environment(void)
{
	enum csvin_scanner kind;
	struct err e = { 0 };
	unsigned long long n;

	if (csvin_env(&kind, &e) != 0)
		die_err(NULL, &e);
	n = env_count("CURSCAN_COMBINE_BYTES", 4096, 1u << 30, 1);
	if (n)
		combine_bytes = (size_t)n;
}

int
main(int argc, char **argv)
{
	char **paths;
	size_t npaths;
	pthread_t pth;
	atomic_int pstop = 0;

	prog_init("curscan");
	parse_options(argc, argv);
	check_environment();
	paths = input_files(argv + optind, (size_t)(argc - optind), &npaths);
	jobs_init(paths, npaths);
	if (opt_shards)
		split_start();
	else
		out_init(&so, 1);
	write_header();
	errors_left = opt_max_errors;
	if (opt_progress)
		pthread_create(&pth, NULL, progress_thread, &pstop);
	if (opt_jobs == 1 || njobs == 1)
		run_serial();
	else
		run_parallel();
	if (opt_progress) {
		atomic_store(&pstop, 1);
		pthread_join(pth, NULL);
	}
	if (out_close(&so) != 0) {
		warnx("write error: %s", strerror(so.err));
		status = EXIT_SYS;
		if (opt_summary)	/* it would describe lines not written */
			warnx("%s: not written: the charge lines were not",
			    opt_summary);
	}
	if (opt_shards)
		split_finish();
	if (status == EXIT_OKAY || !opt_shards) {
		if (opt_summary && so.err == 0)
			write_summary(opt_summary);
		if (opt_rejects && so.err == 0)
			write_rejects(opt_rejects);
	}
	jobs_free();
	free(paths);
	free(opt_manifests);
	free(opt_tags);
	return status;
}
