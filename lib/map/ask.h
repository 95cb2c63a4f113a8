/* ask.h: plain-language answers to MAP questions over one night of
 * mapnightly(1)'s state directory (mapask(1)), exact and sourced.
 *
 * A struct ask reads one night (STATEDIR/current/, or the dated copy
 * STATEDIR/history/DAY/) through the schemas of map/formats.h and scores
 * it with map/score.h, so every rate and amount is mapscore's for the
 * same files. An answer is a set of tables of typed cells (core/table.h):
 * the sentences of the answer first (section "answer"), then the
 * question's tables, then its sources: the night, every file read with its
 * size and SHA-256, and the mapscore/mapask commands that reproduce it.
 * The caller renders it as text or TSV (ask_write) or JSON (ask_json).
 *
 *	struct ask *a = ask_open(statedir, DAY_NONE, &epath, &e);
 *	struct ask_args q;
 *	ask_args_init(&q, Q_RATE);  q.by = SB_TEAM;  q.name = "payments";
 *	struct ask_answer r;
 *	if (ask_answer(a, &q, &r, &e) == 0) { ask_write(&r, o, ASK_TEXT);
 *	    ask_answer_free(&r); }
 *	ask_close(a);
 *
 * Nothing here prints or exits: -1 with e set (and *epath the file it is
 * about, or NULL). EXIT_USAGE: a question, argument or free text that
 * cannot be answered as asked; EXIT_DATA: a name not in the data, bad
 * input; EXIT_SYS: a file that cannot be read. */
#ifndef ASK_H
#define ASK_H
#include <stddef.h>

#include <jansson.h>

#include "core/err.h"
#include "core/table.h"
#include "core/tsv.h"

/* the catalogue, in the order it is listed */
enum ask_q { Q_RATE, Q_LOST, Q_EXPLAIN, Q_CREDITS, Q_TASKS, Q_CHANGES,
	NQ };

struct ask_qinfo {
	const char *name;	/* "rate" */
	const char *synopsis;	/* "rate [--team|--product|...] NAME" */
	const char *what;	/* one line */
	const char *example;	/* a plain-English question it answers */
};
extern const struct ask_qinfo ask_catalogue[NQ];
/* the index of a question's name, or -1 */
int ask_q_find(const char *name);

/* A question and its arguments. Strings are the caller's. */
struct ask_args {
	int q;			/* enum ask_q */
	int by;			/* rate: enum score_by (SB_ALL: overall) */
	const char *name;	/* rate: the group; explain: the entity */
	const char *team;	/* lost */
	const char *engineer;	/* tasks */
	const char *contract;	/* credits */
	long days;		/* lost: the window (default 7) */
	long month;		/* credits: month number, -1 the as-of's */
	long since;		/* changes: DAY_NONE, the night before */
	const char *asked;	/* the free text it was taken from, or NULL */
};
void ask_args_init(struct ask_args *, int q);
/* Parse a question's command-line arguments (argv[0] is the first after
 * the question's name; strings stay argv's). -1 with e (EXIT_USAGE). */
int ask_args_parse(struct ask_args *, int argc, char **argv, struct err *e);
/* The mapask command line of a question's arguments (malloc'd), without
 * "mapask -d DIR". */
char *ask_args_cmdline(const struct ask_args *);

struct ask;

/* Read the night of statedir: as_of DAY_NONE is current/, else the dated
 * copy history/YYYY-MM-DD/. NULL with e set (its message names the file
 * it is about; *epath NULL). */
struct ask *ask_open(const char *statedir, long as_of, const char **epath,
    struct err *e);
void ask_close(struct ask *);
long ask_as_of(const struct ask *);
/* the night's directory as given (STATEDIR/current or .../history/DAY) */
const char *ask_nightdir(const struct ask *);

/* Map a question in plain English to the catalogue, deterministically:
 * the names of the data it holds (teams, products, portfolios, workloads,
 * engineers, contracts, entities) and the question words of each entry.
 * The strings set in *q point into the ask's own storage. 0, or -1 with
 * e (EXIT_USAGE) when it cannot tell which question is meant. */
int ask_free_text(struct ask *, const char *text, struct ask_args *q,
    struct err *e);

struct ask_answer {
	struct tset t;		/* "answer", the question's, "sources",
				 * "reproduce" */
	char *head;		/* "mapask rate --team payments: 2026-04-30" */
	char *cmdline;		/* the question as a mapask command */
	char *night;		/* the night's directory */
	char *asked;		/* the free text it came from, or NULL */
	long as_of;
	int q;
};
/* Answer q. 0, or -1 with e set. */
int ask_answer(struct ask *, const struct ask_args *q, struct ask_answer *,
    struct err *e);
void ask_answer_free(struct ask_answer *);

enum { ASK_TEXT, ASK_TSV, ASK_JSON };
/* ---- who may ask what (ask_roles.c) ----
 * A roles file grants a Unix user or group a role and a scope: TSV with
 * the columns who (user:NAME or group:NAME), role (lead, portfolio,
 * engineer, owner) and scope (the portfolio, engineer or owner; empty for
 * lead); blank lines and lines starting with '#' are skipped. The caller
 * says who is asking. Root, and a user granted lead, may ask anything;
 * other users only about what lies wholly in a scope they are granted. */
struct ask_who {
	const char *user;
	const char *const *groups;
	size_t ngroups;
	int root;
};
struct ask_roles;
/* NULL with e set (EXIT_SYS unreadable, EXIT_DATA malformed) */
struct ask_roles *ask_roles_load(const char *path, const struct ask_who *,
    struct err *e);
void ask_roles_free(struct ask_roles *);
/* the calling process's user and groups (ask_who_free frees them) */
int ask_who_self(struct ask_who *);
void ask_who_free(struct ask_who *);
/* is role ("lead", "portfolio", ...) with scope granted (or everything)? */
int ask_roles_grants(const struct ask_roles *, const char *role,
    const char *scope);
/* e (EXIT_USAGE): the caller may not see what; the grants they have */
void ask_roles_refuse(const struct ask_roles *, const char *what,
    struct err *e);
/* may the caller ask anything (no roles file, root, lead)? */
int ask_roles_all(const struct ask_roles *);
/* may the caller ask q? 0, or -1 with e set (EXIT_USAGE) saying why */
int ask_allowed(const struct ask_roles *, struct ask *,
    const struct ask_args *q, struct err *e);

/* ---- the MCP server (ask_mcp.c) ----
 * One JSON-RPC 2.0 message in (one line of newline-delimited stdio), its
 * response out: a malloc'd compact JSON text without the newline, or NULL
 * for a notification. The night is read on the first request that needs
 * it. max_bytes bounds a tool result or a resource page (0: the default,
 * about 25,000 tokens); beyond it the result is paginated with a cursor. */
struct ask_mcp;
struct ask_mcp *ask_mcp_new(const char *statedir, long as_of,
    size_t max_bytes, const char *version);
char *ask_mcp_handle(struct ask_mcp *, const char *msg, size_t n);
/* enforce the roles (NULL: none); they stay the caller's */
void ask_mcp_set_roles(struct ask_mcp *, const struct ask_roles *);
void ask_mcp_free(struct ask_mcp *);
#define ASK_MCP_MAX 60000

/* Render as text or TSV (ASK_JSON: ask_json_dump). */
void ask_write(const struct ask_answer *, struct out *, int format);
/* The tables from row off (over all sections in order) on, the next
 * row to show in *next (0 when none is left), at most max bytes of JSON
 * and text together (max 0: all). At least one row is kept. */
void ask_slice(const struct ask_answer *, size_t off, size_t max,
    struct ask_answer *page, size_t *next);
size_t ask_nrows(const struct ask_answer *);

/* JSON (jansson): the answer as an object; money and rates are decimal
 * strings, counts integers, days YYYY-MM-DD, no value null. */
json_t *ask_json(const struct ask_answer *);
/* the answer as text, TSV or JSON in a malloc'd string */
char *ask_render(const struct ask_answer *, int format);
/* ask_json compact with sorted keys, malloc'd */
char *ask_json_dump(const struct ask_answer *);

/* SHA-256 of a file as 64 hex digits; -1 with e set */
int ask_sha256_file(const char *path, char hex[65], long long *size,
    struct err *e);
void ask_sha256(const void *, size_t, char hex[65]);
#endif
