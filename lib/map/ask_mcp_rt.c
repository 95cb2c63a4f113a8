/* ask_mcp_rt.c: the MCP server's tools (the catalogue's questions),
 * resources (the files of the state directory, read only, paginated) and
 * prompts (the questions of each role of the product). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/date.h"
#include "map/ask_mcp.h"

/* ---- tools ---- */

struct prop {
	const char *name, *type, *desc, *pattern;
	const char *opt;	/* the command-line option; NULL: a word */
};

struct tool {
	int q;
	const char *title, *desc;
	struct prop p[4];
	const char *required;	/* a property that must be given, or NULL */
};

#define P_DATE "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

static const struct tool tools[] = {
	{ Q_RATE, "MAP Compliance Rate", "Why a team, product, portfolio or "
	    "workload (or the whole organisation) is at its MAP Compliance "
	    "Rate: the rate with its numerator and denominator, the gap split "
	    "into PENDING_TAG, STALE_TAG and untrackable spend, the entities "
	    "that cost the most, and the state changes of the last 1, 7 and "
	    "30 days with the effect of each on the rate. Give at most one "
	    "group.", {
	    { "team", "string", "a team", NULL, "--team" },
	    { "product", "string", "a product", NULL, "--product" },
	    { "portfolio", "string", "a portfolio", NULL, "--portfolio" },
	    { "workload", "string", "a workload", NULL, "--workload" } },
	    NULL },
	{ Q_LOST, "MAP credit lost", "The untagged or drifted billing "
	    "entities that cost the most MAP credit in the last N days, with "
	    "the credit lost per day and to date and the open task for "
	    "each.", {
	    { "days", "integer", "the window in days (default 7)", NULL,
	    "--days" },
	    { "team", "string", "only this team's entities", NULL, "--team" } },
	    NULL },
	{ Q_EXPLAIN, "Explain an entity", "A billing entity's story: why it "
	    "is or is not eligible, each state change with its date and "
	    "cause, its tag values, its tasks, the credit it earned and "
	    "lost.", {
	    { "entity", "string", "the entity key (resource id, profile ARN, "
	    "caller) or a unique part of it", NULL, NULL } }, "entity" },
	{ Q_CREDITS, "MAP credits", "MAP credit received vs earned vs "
	    "projected for a month and contract, the gap and its causes, "
	    "contract-to-date figures, the attribution by workload, the "
	    "grants expiring soonest and the amount forecast to expire "
	    "unused.", {
	    { "month", "string", "YYYY-MM (default: the night's month)",
	    "^[0-9]{4}-[0-9]{2}$", "--month" },
	    { "contract", "string", "a contract id", NULL, "--contract" } },
	    NULL },
	{ Q_TASKS, "Cloud Engineer tasks", "The open Cloud Engineer tasks, "
	    "most MAP credit lost per day first, with the action and the AWS "
	    "CLI command of each.", {
	    { "engineer", "string", "the assignee, as in the workloads file",
	    NULL, "--engineer" } }, NULL },
	{ Q_CHANGES, "What changed", "What the last nights changed: state "
	    "changes with their effect on the rate, tasks opened and closed, "
	    "the month-to-date rate before and after.", {
	    { "since", "string", "YYYY-MM-DD (default: the day after the "
	    "night before)", P_DATE, "--since" } }, NULL },
};

static json_t *
schema_of(const struct tool *t)
{
	json_t *s = json_object(), *props = json_object(), *p;
	size_t i;

	json_object_set_new(s, "type", json_string("object"));
	for (i = 0; i < NELEM(t->p) && t->p[i].name; i++) {
		p = json_object();
		json_object_set_new(p, "type", json_string(t->p[i].type));
		json_object_set_new(p, "description", json_string(t->p[i].desc));
		if (t->p[i].pattern)
			json_object_set_new(p, "pattern",
			    json_string(t->p[i].pattern));
		if (strcmp(t->p[i].type, "integer") == 0)
			json_object_set_new(p, "minimum", json_integer(1));
		json_object_set_new(props, t->p[i].name, p);
	}
	p = json_object();
	json_object_set_new(p, "type", json_string("string"));
	json_object_set_new(p, "description", json_string("the night "
	    "YYYY-MM-DD of the state directory's history (default: the "
	    "current night)"));
	json_object_set_new(p, "pattern", json_string(P_DATE));
	json_object_set_new(props, "as_of", p);
	p = json_object();
	json_object_set_new(p, "type", json_string("string"));
	json_object_set_new(p, "description", json_string("next_cursor of "
	    "the previous page of this answer"));
	json_object_set_new(props, "cursor", p);
	json_object_set_new(s, "properties", props);
	json_object_set_new(s, "additionalProperties", json_false());
	if (t->required) {
		json_t *r = json_array();

		json_array_append_new(r, json_string(t->required));
		json_object_set_new(s, "required", r);
	}
	return s;
}

static json_t *
tools_list(void)
{
	json_t *r = json_object(), *v = json_array();
	size_t i;

	for (i = 0; i < NELEM(tools); i++) {
		json_t *t = json_object(), *ann = json_object();

		json_object_set_new(t, "name",
		    json_string(ask_catalogue[tools[i].q].name));
		json_object_set_new(t, "title", json_string(tools[i].title));
		json_object_set_new(t, "description",
		    json_string(tools[i].desc));
		json_object_set_new(t, "inputSchema", schema_of(&tools[i]));
		json_object_set_new(ann, "readOnlyHint", json_true());
		json_object_set_new(ann, "openWorldHint", json_false());
		json_object_set_new(t, "annotations", ann);
		json_array_append_new(v, t);
	}
	json_object_set_new(r, "tools", v);
	return r;
}

static json_t *
tool_error(const char *fmt, const char *a1, const char *a2)
{
	json_t *r = json_object(), *c = json_array(), *t = json_object();
	char b[1024];

	snprintf(b, sizeof(b), fmt, a1, a2);
	json_object_set_new(t, "type", json_string("text"));
	json_object_set_new(t, "text", json_string(b));
	json_array_append_new(c, t);
	json_object_set_new(r, "content", c);
	json_object_set_new(r, "isError", json_true());
	return r;
}

/* a cursor: the decimal offset of the next row */
static int
cursor_of(json_t *c, size_t *off)
{
	const char *s = json_string_value(c);
	char *end;

	*off = 0;
	if (c == NULL)
		return 0;
	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	*off = strtoul(s, &end, 10);
	return *end != '\0' || errno ? -1 : 0;
}

static json_t *
tool_result(struct ask_mcp *m, const struct ask_answer *r, size_t off,
    const char *name, const char *tag)
{
	struct ask_answer page;
	json_t *res = json_object(), *sc, *c = json_array(), *t = json_object();
	size_t next, total = ask_nrows(r);
	struct buf b = { 0 };
	char *text;

	ask_slice(r, off, m->max, &page, &next);
	sc = ask_json(&page);
	text = ask_render(&page, ASK_TEXT);
	buf_adds(&b, text);
	free(text);
	json_object_set_new(sc, "rows_total", json_integer((json_int_t)total));
	json_object_set_new(sc, "rows_from", json_integer((json_int_t)off));
	if (next > 0) {
		char n[48];

		/* the offset and the night: a cursor of another night is
		 * refused, not answered from the wrong rows */
		snprintf(n, sizeof(n), "%zu.%.12s", next, tag);
		json_object_set_new(sc, "next_cursor", json_string(n));
		buf_printf(&b, "\n(Rows %zu to %zu of %zu: not complete. Call "
		    "%s again with cursor \"%s\" for the rest.)\n", off + 1,
		    next, total, name, n);
	}
	json_object_set_new(t, "type", json_string("text"));
	json_object_set_new(t, "text", json_string(buf_cstr(&b)));
	json_array_append_new(c, t);
	json_object_set_new(res, "content", c);
	json_object_set_new(res, "structuredContent", sc);
	json_object_set_new(res, "isError", json_false());
	buf_free(&b);
	ask_answer_free(&page);
	return res;
}

static json_t *
tools_call(struct ask_mcp *m, json_t *params, int *code, char *msg,
    size_t msz)
{
	const char *name = json_string_value(json_object_get(params, "name"));
	json_t *args = json_object_get(params, "arguments"), *v, *res;
	const struct tool *t = NULL;
	char *argv[16], nb[32];
	const char *key, *ctag = NULL;
	struct ask_args q;
	struct ask_answer r;
	struct err e = { 0 };
	struct ask *a, *own = NULL;
	long as_of = DAY_NONE;
	size_t i, off = 0;
	int argc = 0;

	for (i = 0; name && i < NELEM(tools); i++)
		if (strcmp(ask_catalogue[tools[i].q].name, name) == 0)
			t = &tools[i];
	if (t == NULL) {
		*code = E_PARAMS;
		snprintf(msg, msz, "unknown tool: %.200s", name ? name :
		    "(no name)");
		return NULL;
	}
	if (args != NULL && !json_is_object(args))
		return tool_error("%s: arguments must be an object%s", name,
		    "");
	json_object_foreach(args, key, v) {
		const struct prop *p = NULL;

		if (strcmp(key, "cursor") == 0) {
			const char *c = json_string_value(v);
			char *end;

			/* OFFSET.NIGHT, as tool_result makes it */
			if (c == NULL || *c < '0' || *c > '9')
				return tool_error("%s: invalid cursor%s", name,
				    "");
			off = strtoul(c, &end, 10);
			if (*end != '.' || strlen(end + 1) != 12)
				return tool_error("%s: invalid cursor%s", name,
				    "");
			ctag = end + 1;
			continue;
		}
		if (strcmp(key, "as_of") == 0) {
			const char *s = json_string_value(v);

			if (s == NULL || date_parse_day(s, strlen(s),
			    &as_of) != 0)
				return tool_error("%s: as_of wants YYYY-MM-DD%s",
				    name, "");
			continue;
		}
		for (i = 0; i < NELEM(t->p) && t->p[i].name; i++)
			if (strcmp(t->p[i].name, key) == 0)
				p = &t->p[i];
		if (p == NULL)
			return tool_error("%s: unknown argument '%s'", name,
			    key);
		if (strcmp(p->type, "integer") == 0) {
			if (!json_is_integer(v))
				return tool_error("%s: %s must be an integer",
				    name, key);
			snprintf(nb, sizeof(nb), "%lld",
			    (long long)json_integer_value(v));
		} else if (!json_is_string(v))
			return tool_error("%s: %s must be a string", name, key);
		if (p->opt)
			argv[argc++] = (char *)p->opt;
		argv[argc++] = (char *)(json_is_integer(v) ? nb :
		    json_string_value(v));
	}
	ask_args_init(&q, t->q);
	if (ask_args_parse(&q, argc, argv, &e) != 0)
		return tool_error("%s%s", e.msg, "");
	if (as_of != DAY_NONE) {
		const char *ep;

		if ((a = own = ask_open(m->statedir, as_of, &ep, &e)) == NULL)
			return tool_error("%s%s", e.msg, "");
	} else if ((a = mcp_night(m)) == NULL)
		return tool_error("%s%s", m->ae.msg, "");
	if (ctag != NULL && strncmp(ctag, mcp_night_tag(a), 12) != 0) {
		ask_close(own);
		return tool_error("%s: the cursor is of another night (the "
		    "state directory has a new one): ask again without a "
		    "cursor%s", name, "");
	}
	if (ask_allowed(m->roles, a, &q, &e) != 0 ||
	    ask_answer(a, &q, &r, &e) != 0) {
		ask_close(own);
		return tool_error("%s%s", e.msg, "");
	}
	res = tool_result(m, &r, off, name, mcp_night_tag(a));
	ask_answer_free(&r);
	ask_close(own);
	return res;
}

/* ---- resources ---- */

#define RES_PAGE 100	/* resources per resources/list page */

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int
cmp_rstr(const void *x, const void *y)
{
	return -cmp_str(x, y);
}

/* the regular files of dir/sub, sorted, appended as "sub/name" */
static void
list_dir(const char *dir, const char *sub, char ***v, size_t *n)
{
	struct buf p = { 0 };
	struct dirent *d;
	struct stat sb;
	size_t first = *n;
	DIR *dd;

	buf_printf(&p, "%s/%s", dir, sub);
	if ((dd = opendir(buf_cstr(&p))) == NULL) {
		buf_free(&p);
		return;
	}
	while ((d = readdir(dd)) != NULL) {
		struct buf f = { 0 };

		if (d->d_name[0] == '.')
			continue;
		buf_printf(&f, "%s/%s", buf_cstr(&p), d->d_name);
		if (lstat(buf_cstr(&f), &sb) == 0 && S_ISREG(sb.st_mode)) {
			buf_free(&f);
			buf_printf(&f, "%s/%s", sub, d->d_name);
			*v = xrealloc(*v, (*n + 1) * sizeof(**v));
			(*v)[(*n)++] = (char *)buf_cstr(&f);
		} else
			buf_free(&f);
	}
	closedir(dd);
	qsort(*v + first, *n - first, sizeof(**v), cmp_str);
	buf_free(&p);
}

/* every file of current/, then of each dated night, newest first */
static char **
all_files(const char *dir, size_t *n)
{
	char **v = NULL, **days = NULL;
	size_t nd = 0, i;
	struct buf p = { 0 };
	struct dirent *d;
	DIR *dd;
	long day;

	*n = 0;
	list_dir(dir, "current", &v, n);
	buf_printf(&p, "%s/history", dir);
	if ((dd = opendir(buf_cstr(&p))) != NULL) {
		while ((d = readdir(dd)) != NULL)
			if (date_parse_day(d->d_name, strlen(d->d_name),
			    &day) == 0) {
				days = xrealloc(days, (nd + 1) * sizeof(*days));
				days[nd++] = xstrdup(d->d_name);
			}
		closedir(dd);
	}
	qsort(days, nd, sizeof(*days), cmp_rstr);
	for (i = 0; i < nd; i++) {
		struct buf s = { 0 };

		buf_printf(&s, "history/%s", days[i]);
		list_dir(dir, buf_cstr(&s), &v, n);
		buf_free(&s);
		free(days[i]);
	}
	free(days);
	buf_free(&p);
	return v;
}

static json_t *
resources_list(struct ask_mcp *m, json_t *params, int *code, char *msg,
    size_t msz)
{
	char real[PATH_MAX];
	json_t *r, *v;
	size_t n, i, off;
	char **f;

	if (cursor_of(json_object_get(params, "cursor"), &off) != 0) {
		*code = E_PARAMS;
		snprintf(msg, msz, "invalid cursor");
		return NULL;
	}
	if (realpath(m->statedir, real) == NULL) {
		*code = E_INTERNAL;
		snprintf(msg, msz, "%s: %s", m->statedir, strerror(errno));
		return NULL;
	}
	/* the files hold the whole organisation: the Lead's */
	f = ask_roles_all(m->roles) ? all_files(m->statedir, &n) : NULL;
	if (f == NULL)
		n = 0;
	r = json_object();
	v = json_array();
	for (i = off; i < n && i < off + RES_PAGE; i++) {
		json_t *x = json_object();
		struct buf u = { 0 };
		struct stat sb;

		buf_printf(&u, "file://%s/%s", real, f[i]);
		json_object_set_new(x, "uri", json_string(buf_cstr(&u)));
		json_object_set_new(x, "name", json_string(f[i]));
		json_object_set_new(x, "mimeType",
		    json_string("text/tab-separated-values"));
		if (stat(buf_cstr(&u) + 7, &sb) == 0)
			json_object_set_new(x, "size",
			    json_integer((json_int_t)sb.st_size));
		json_array_append_new(v, x);
		buf_free(&u);
	}
	if (i < n) {
		char c[32];

		snprintf(c, sizeof(c), "%zu", i);
		json_object_set_new(r, "nextCursor", json_string(c));
	}
	for (i = 0; i < n; i++)
		free(f[i]);
	free(f);
	json_object_set_new(r, "resources", v);
	return r;
}

/* the path of a file:// URI if it names a regular file inside the state
 * directory, no '..', no link leading out of it; else NULL with msg */
static char *
resource_path(struct ask_mcp *m, const char *uri, char *msg, size_t msz)
{
	char root[PATH_MAX], real[PATH_MAX];
	const char *p;
	struct stat sb;
	size_t n;

	if (strncmp(uri, "file://", 7) != 0) {
		snprintf(msg, msz, "not a file:// URI: %.200s", uri);
		return NULL;
	}
	p = uri + 7;
	if (strstr(p, "/../") || strncmp(p, "../", 3) == 0 ||
	    (strlen(p) >= 3 && strcmp(p + strlen(p) - 3, "/..") == 0) ||
	    strcmp(p, "..") == 0 || strchr(p, '%')) {
		snprintf(msg, msz, "refused: '..' or an escape in %.200s",
		    uri);
		return NULL;
	}
	if (realpath(m->statedir, root) == NULL ||
	    realpath(p, real) == NULL) {
		snprintf(msg, msz, "no such resource: %.200s", uri);
		return NULL;
	}
	n = strlen(root);
	if (strncmp(real, root, n) != 0 || real[n] != '/' ||
	    strstr(real + n, "/.") != NULL) {
		snprintf(msg, msz, "refused: %.200s is outside the state "
		    "directory", uri);
		return NULL;
	}
	if (stat(real, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(msg, msz, "not a file: %.200s", uri);
		return NULL;
	}
	return xstrdup(real);
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char blk[65536];
	size_t k;

	*n = 0;
	if (f == NULL)
		return NULL;
	while ((k = fread(blk, 1, sizeof(blk), f)) > 0)
		buf_add(&b, blk, k);
	fclose(f);
	*n = b.len;
	return (char *)buf_cstr(&b);
}

static json_t *
resources_read(struct ask_mcp *m, json_t *params, int *code, char *msg,
    size_t msz)
{
	const char *uri = json_string_value(json_object_get(params, "uri"));
	json_t *r, *c, *x;
	char *path, *s, *p, *end;
	size_t n, off, line = 0, hdr;
	struct buf page = { 0 };

	if (uri == NULL) {
		*code = E_PARAMS;
		snprintf(msg, msz, "resources/read needs a uri");
		return NULL;
	}
	if (cursor_of(json_object_get(params, "cursor"), &off) != 0) {
		*code = E_PARAMS;
		snprintf(msg, msz, "invalid cursor");
		return NULL;
	}
	if (!ask_roles_all(m->roles)) {
		*code = E_PARAMS;
		snprintf(msg, msz, "refused: the night's files hold the whole "
		    "organisation, which only the FinOps Lead may read");
		return NULL;
	}
	if ((path = resource_path(m, uri, msg, msz)) == NULL) {
		*code = strncmp(msg, "no such", 7) == 0 ? E_RESOURCE : E_PARAMS;
		return NULL;
	}
	if ((s = slurp(path, &n)) == NULL) {
		*code = E_RESOURCE;
		snprintf(msg, msz, "%.200s: %s", uri, strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	/* whole lines: the header, then from line off + 1 on, up to max */
	end = s + n;
	p = memchr(s, '\n', n);
	hdr = p ? (size_t)(p - s) + 1 : n;
	buf_add(&page, s, hdr);
	r = json_object();
	for (p = s + hdr, line = 1; p < end; line++) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (line > off) {
			if (page.len + len > m->max && page.len > hdr) {
				char cur[32];

				snprintf(cur, sizeof(cur), "%zu", line - 1);
				json_object_set_new(r, "nextCursor",
				    json_string(cur));
				break;
			}
			buf_add(&page, p, len);
		}
		p += len;
	}
	c = json_array();
	x = json_object();
	json_object_set_new(x, "uri", json_string(uri));
	json_object_set_new(x, "mimeType",
	    json_string("text/tab-separated-values"));
	json_object_set_new(x, "text", json_stringn(page.s ? page.s : "",
	    page.len));
	json_array_append_new(c, x);
	json_object_set_new(r, "contents", c);
	free(s);
	buf_free(&page);
	if (json_object_get(x, "text") == NULL) {
		json_decref(r);
		*code = E_RESOURCE;
		snprintf(msg, msz, "%.200s: not UTF-8 text", uri);
		return NULL;
	}
	return r;
}

/* ---- prompts ---- */

struct prompt {
	const char *name, *title, *arg, *argdesc, *text;
};

static const struct prompt prompts[] = {
	{ "lead", "FinOps Lead", NULL, NULL,
	    "I am the FinOps Lead. Using the mapask tools, answer: "
	    "1. What is the portfolio-wide MAP Compliance Rate, and why is it "
	    "there? (rate) "
	    "2. How much MAP credit have we claimed this month versus what we "
	    "projected? (credits) "
	    "3. What is our PENDING_TAG exposure in dollar terms? (rate, lost) "
	    "4. How has compliance moved over the rolling 30 days, and what "
	    "changed since last night? (rate, changes)" },
	{ "portfolio", "Portfolio Manager", "portfolio", "the portfolio",
	    "I am the Portfolio Manager of the portfolio %s. Using the mapask "
	    "tools, answer: "
	    "1. What is the compliance breakdown of %s by product, and its MAP "
	    "Compliance Rate? (rate with portfolio, then with each product) "
	    "2. Which PENDING_TAG resources does each product team have? "
	    "(lost with team, rate) "
	    "3. How is the MAP credit attributed across %s? (credits)" },
	{ "engineer", "Cloud Engineer", "engineer", "the Cloud Engineer, as "
	    "in the workloads file",
	    "I am the Cloud Engineer %s. Using the mapask tools, answer: "
	    "1. Which PENDING_TAG tasks are assigned to me, most credit first? "
	    "(tasks with engineer) "
	    "2. Which STALE_TAG drift alerts do I have? (tasks, changes) "
	    "3. When were my entities tagged, and what is each one's lifecycle "
	    "state? (explain) "
	    "4. What is in my MAP AI queue: Create Profile, Add to Profile, "
	    "Tag Profile? (tasks)" },
	{ "owner", "Product Owner", "owner", "the Product Owner, as in the "
	    "workloads file",
	    "I am the Product Owner %s. Using the mapask tools, answer: "
	    "1. What is the MAP eligibility status of my workloads (derived, "
	    "read-only)? (rate with workload, explain) "
	    "2. What is the monthly credit attribution to my workloads? "
	    "(credits) "
	    "3. What is the coverage rate of my workloads? (rate with "
	    "workload) "
	    "4. Is a Cloud Engineer action needed to unblock credit on them? "
	    "(tasks)" },
};

static json_t *
prompts_list(void)
{
	json_t *r = json_object(), *v = json_array();
	size_t i;

	for (i = 0; i < NELEM(prompts); i++) {
		json_t *p = json_object();

		json_object_set_new(p, "name", json_string(prompts[i].name));
		json_object_set_new(p, "title", json_string(prompts[i].title));
		json_object_set_new(p, "description", json_string("The "
		    "questions the product answers for this role."));
		if (prompts[i].arg) {
			json_t *a = json_array(), *x = json_object();

			json_object_set_new(x, "name",
			    json_string(prompts[i].arg));
			json_object_set_new(x, "description",
			    json_string(prompts[i].argdesc));
			json_object_set_new(x, "required", json_true());
			json_array_append_new(a, x);
			json_object_set_new(p, "arguments", a);
		}
		json_array_append_new(v, p);
	}
	json_object_set_new(r, "prompts", v);
	return r;
}

static json_t *
prompts_get(json_t *params, int *code, char *msg, size_t msz)
{
	const char *name = json_string_value(json_object_get(params, "name"));
	json_t *args = json_object_get(params, "arguments");
	const struct prompt *p = NULL;
	const char *arg = "";
	json_t *r, *msgs, *m1, *c;
	char text[2048];
	size_t i;

	for (i = 0; name && i < NELEM(prompts); i++)
		if (strcmp(prompts[i].name, name) == 0)
			p = &prompts[i];
	if (p == NULL) {
		*code = E_PARAMS;
		snprintf(msg, msz, "unknown prompt: %.200s", name ? name :
		    "(no name)");
		return NULL;
	}
	if (p->arg) {
		arg = json_string_value(json_object_get(args, p->arg));
		if (arg == NULL || *arg == '\0') {
			*code = E_PARAMS;
			snprintf(msg, msz, "prompt %s needs the argument %s",
			    p->name, p->arg);
			return NULL;
		}
	}
	/* each %s of the text is the argument */
	snprintf(text, sizeof(text), p->text, arg, arg, arg);
	r = json_object();
	msgs = json_array();
	m1 = json_object();
	c = json_object();
	json_object_set_new(c, "type", json_string("text"));
	json_object_set_new(c, "text", json_string(text));
	json_object_set_new(m1, "role", json_string("user"));
	json_object_set_new(m1, "content", c);
	json_array_append_new(msgs, m1);
	json_object_set_new(r, "description", json_string(p->title));
	json_object_set_new(r, "messages", msgs);
	return r;
}

json_t *
mcp_method(struct ask_mcp *m, const char *method, json_t *params,
    int *code, char *msg, size_t msz, json_t **data)
{
	*code = 0;
	*data = NULL;
	if (strcmp(method, "tools/list") == 0)
		return tools_list();
	if (strcmp(method, "tools/call") == 0)
		return tools_call(m, params, code, msg, msz);
	if (strcmp(method, "resources/list") == 0)
		return resources_list(m, params, code, msg, msz);
	if (strcmp(method, "resources/templates/list") == 0) {
		json_t *r = json_object();

		json_object_set_new(r, "resourceTemplates", json_array());
		return r;
	}
	if (strcmp(method, "resources/read") == 0)
		return resources_read(m, params, code, msg, msz);
	if (strcmp(method, "prompts/list") == 0)
		return prompts_list();
	if (strcmp(method, "prompts/get") == 0)
		return prompts_get(params, code, msg, msz);
	return NULL;
}
