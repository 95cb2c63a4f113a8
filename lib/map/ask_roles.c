/* ask_roles.c: who may ask what. A roles file grants Unix users and
 * groups a role and a scope (map-model §10); a question is allowed when
 * everything it shows lies in a granted scope: a portfolio's groups and
 * entities, an engineer's tasks and entities, an owner's workloads. The
 * organisation-wide questions are the FinOps Lead's. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "map/ask_int.h"

enum { RL_LEAD, RL_PORTFOLIO, RL_ENGINEER, RL_OWNER, NRL };
static const char *const role_names[NRL] = { "lead", "portfolio",
	"engineer", "owner" };

struct grant {
	int role;
	char *scope;
};

struct ask_roles {
	int all;		/* root or lead */
	char *user;
	struct grant *g;
	size_t ng;
};

static void refuse(const struct ask_roles *, const char *, struct err *);

static int
role_find(const char *s)
{
	int i;

	for (i = 0; i < NRL; i++)
		if (strcmp(s, role_names[i]) == 0)
			return i;
	return -1;
}

/* does who (user:NAME, group:NAME) name the caller? -1: malformed */
static int
is_caller(const char *w, const struct ask_who *who)
{
	size_t i;

	if (strncmp(w, "user:", 5) == 0 && w[5] != '\0')
		return who->user && strcmp(w + 5, who->user) == 0;
	if (strncmp(w, "group:", 6) == 0 && w[6] != '\0') {
		for (i = 0; i < who->ngroups; i++)
			if (strcmp(w + 6, who->groups[i]) == 0)
				return 1;
		return 0;
	}
	return -1;
}

/* the fields of a line split at tabs, in place; their number */
static size_t
split(char *s, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = s;
		if ((s = strchr(s, '\t')) == NULL)
			break;
		*s++ = '\0';
	}
	return n;
}

static int
header(char **f, size_t n, int col[3], long line, struct err *e)
{
	static const char *const names[3] = { "who", "role", "scope" };
	size_t i, k;

	for (k = 0; k < 3; k++) {
		col[k] = -1;
		for (i = 0; i < n; i++)
			if (strcmp(f[i], names[k]) == 0)
				col[k] = (int)i;
		if (col[k] < 0) {
			err_set(e, EXIT_DATA, line, "missing column '%s'",
			    names[k]);
			return -1;
		}
	}
	return 0;
}

static int
row(struct ask_roles *r, char **f, size_t n, const int col[3],
    const struct ask_who *who, long line, struct err *e)
{
	const char *scope;
	int role, c;

	if (n <= (size_t)col[0] || n <= (size_t)col[1]) {
		err_set(e, EXIT_DATA, line, "%zu fields, too few", n);
		return -1;
	}
	scope = (size_t)col[2] < n ? f[col[2]] : "";
	if ((role = role_find(f[col[1]])) < 0) {
		err_set(e, EXIT_DATA, line, "column 'role': unknown role '%s' "
		    "(lead, portfolio, engineer, owner)", f[col[1]]);
		return -1;
	}
	if ((role == RL_LEAD) != (*scope == '\0')) {
		err_set(e, EXIT_DATA, line, "column 'scope': %s", role ==
		    RL_LEAD ? "the lead role takes no scope" : "empty");
		return -1;
	}
	if ((c = is_caller(f[col[0]], who)) < 0) {
		err_set(e, EXIT_DATA, line, "column 'who': '%s' is neither "
		    "user:NAME nor group:NAME", f[col[0]]);
		return -1;
	}
	if (!c)
		return 0;
	if (role == RL_LEAD)
		r->all = 1;
	r->g = xrealloc(r->g, (r->ng + 1) * sizeof(*r->g));
	r->g[r->ng].role = role;
	r->g[r->ng++].scope = xstrdup(scope);
	return 0;
}

struct ask_roles *
ask_roles_load(const char *path, const struct ask_who *who, struct err *e)
{
	struct ask_roles *r = xcalloc(1, sizeof(*r));
	char *line = NULL, *f[16];
	size_t cap = 0, n;
	ssize_t len;
	long ln = 0;
	int col[3], have = 0;
	FILE *fp;

	r->all = who->root;
	r->user = xstrdup(who->user ? who->user : "?");
	if ((fp = fopen(path, "r")) == NULL) {
		err_set(e, EXIT_SYS, 0, "%s", strerror(errno));
		ask_roles_free(r);
		return NULL;
	}
	while ((len = getline(&line, &cap, fp)) > 0) {
		ln++;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		n = split(line, f, NELEM(f));
		if (!have ? header(f, n, col, ln, e) != 0 :
		    row(r, f, n, col, who, ln, e) != 0) {
			free(line);
			fclose(fp);
			ask_roles_free(r);
			return NULL;
		}
		have = 1;
	}
	free(line);
	fclose(fp);
	if (!have) {
		err_set(e, EXIT_DATA, 0, "empty roles file: no header line");
		ask_roles_free(r);
		return NULL;
	}
	return r;
}

void
ask_roles_free(struct ask_roles *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ng; i++)
		free(r->g[i].scope);
	free(r->g);
	free(r->user);
	free(r);
}

int
ask_roles_all(const struct ask_roles *r)
{
	return r == NULL || r->all;
}

/* the entity's portfolio, engineer or owner for a role */
static const char *
attr(const struct ask *a, const struct aent *x, int role)
{
	switch (role) {
	case RL_PORTFOLIO:
		return S(a, x->portfolio);
	case RL_ENGINEER:
		return S(a, x->engineer);
	case RL_OWNER:
		return S(a, x->owner);
	}
	return "";
}

static const char *
group_of(const struct ask *a, const struct aent *x, int by)
{
	switch (by) {
	case SB_TEAM:
		return S(a, x->team);
	case SB_PRODUCT:
		return S(a, x->product);
	case SB_PORTFOLIO:
		return S(a, x->portfolio);
	}
	return S(a, x->workload);
}

/* does every entity of the group (at least one) lie in grant g? */
static int
group_in(const struct ask *a, int by, const char *name,
    const struct grant *g)
{
	size_t i, n = 0;

	if (strcmp(name, "unowned") == 0)
		return 0;
	for (i = 0; i < a->nent; i++) {
		const struct aent *x = &a->ent[i];

		if (strcmp(group_of(a, x, by), name) != 0 ||
		    strcmp(S(a, x->workload), "unowned") == 0)
			continue;
		if (strcmp(attr(a, x, g->role), g->scope) != 0)
			return 0;
		n++;
	}
	return n > 0;
}

int
ask_roles_grants(const struct ask_roles *r, const char *role,
    const char *scope)
{
	size_t i;
	int k = role_find(role);

	if (ask_roles_all(r))
		return 1;
	for (i = 0; k >= 0 && i < r->ng; i++)
		if (r->g[i].role == k && strcmp(r->g[i].scope, scope) == 0)
			return 1;
	return 0;
}

int
ask_who_self(struct ask_who *w)
{
	struct passwd *pw = getpwuid(getuid());
	const char **g;
	gid_t gid[256];
	int i, n;

	memset(w, 0, sizeof(*w));
	n = getgroups((int)NELEM(gid) - 1, gid);
	if (n < 0)
		n = 0;
	gid[n++] = getgid();
	g = xcalloc((size_t)n, sizeof(*g));
	for (i = 0; i < n; i++) {
		struct group *gr = getgrgid(gid[i]);

		g[w->ngroups++] = xstrdup(gr ? gr->gr_name : "");
	}
	w->user = xstrdup(pw ? pw->pw_name : "");
	w->groups = g;
	w->root = getuid() == 0;
	return 0;
}

void
ask_who_free(struct ask_who *w)
{
	size_t i;

	for (i = 0; i < w->ngroups; i++)
		free((char *)w->groups[i]);
	free((void *)w->groups);
	free((char *)w->user);
	memset(w, 0, sizeof(*w));
}

void
ask_roles_refuse(const struct ask_roles *r, const char *what, struct err *e)
{
	refuse(r, what, e);
}

static void
refuse(const struct ask_roles *r, const char *what, struct err *e)
{
	struct buf b = { 0 };
	size_t i;

	for (i = 0; i < r->ng; i++)
		buf_printf(&b, "%s%s '%s'", i ? ", " : "",
		    role_names[r->g[i].role], r->g[i].scope);
	err_set(e, EXIT_USAGE, 0, "user '%s' may not ask %s (granted: %s)",
	    r->user, what, r->ng ? buf_cstr(&b) : "nothing; see the roles "
	    "file");
	buf_free(&b);
}

int
ask_allowed(const struct ask_roles *r, struct ask *a,
    const struct ask_args *q, struct err *e)
{
	const char *qn = ask_catalogue[q->q].name;
	const struct aent *x;
	struct buf what = { 0 };
	size_t i;
	int by = q->by;
	const char *name = q->name;

	if (ask_roles_all(r))
		return 0;
	if (q->q == Q_LOST) {
		by = SB_TEAM;
		name = q->team;
	}
	for (i = 0; i < r->ng; i++) {
		const struct grant *g = &r->g[i];

		switch (q->q) {
		case Q_RATE:
		case Q_LOST:
			if (name != NULL && by != SB_ALL &&
			    group_in(a, by, name, g))
				return 0;
			break;
		case Q_EXPLAIN:
			x = ask_find_entity(a, q->name);
			if (x != NULL && strcmp(attr(a, x, g->role),
			    g->scope) == 0)
				return 0;
			break;
		case Q_TASKS:
			if (q->engineer && g->role == RL_ENGINEER &&
			    strcmp(q->engineer, g->scope) == 0)
				return 0;
			break;
		}
	}
	if ((q->q == Q_RATE || q->q == Q_LOST) && name != NULL &&
	    by != SB_ALL)
		buf_printf(&what, "about %s '%s'", score_by_names[by], name);
	else if (q->q == Q_EXPLAIN)
		buf_printf(&what, "about entity '%s'", q->name);
	else if (q->q == Q_TASKS && q->engineer)
		buf_printf(&what, "about the tasks of '%s'", q->engineer);
	else
		buf_printf(&what, "'%s' of the whole organisation: that is "
		    "the FinOps Lead's", qn);
	refuse(r, buf_cstr(&what), e);
	buf_free(&what);
	return -1;
}
