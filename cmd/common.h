/* common.h: what every command does the same way: messages, exit status,
 * the OOM hook, closing stdout with its error checked. */
#ifndef COMMON_H
#define COMMON_H
#include "core/err.h"

#define TOOLKIT_VERSION "0.1.0"

extern const char *progname;

void prog_init(const char *name);
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "prog: FILE:LINE: msg" (":LINE" left out when e->line is 0) */
void report(const char *file, const struct err *e);
_Noreturn void die_err(const char *file, const struct err *e);
_Noreturn void usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* after getopt has printed its own message */
_Noreturn void usage_try(void);
/* after a tool's own options: -h prints usage, -V the version (exit 0,
 * or 4 when stdout fails); anything else is a usage error */
_Noreturn void help_version_or_usage(int ch, void (*usage)(void));
void print_version(void);

/* --shard K/N, or --shard N with K from the engine's array index:
 * SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX,
 * the first one set (a usage error otherwise, or when K >= N). */
void shard_arg(const char *opt, const char *arg, unsigned *k, unsigned *n);
/* --shards N: 1 to SHARD_MAX */
unsigned shards_arg(const char *opt, const char *arg);

/* The environment variable NAME as a count from lo (at least 1) to hi, or
 * 0 when it is unset (with empty_unset, also when it is empty); anything
 * else is a usage error naming it (for test knobs: MAPSTATE_SLOTS ...). */
unsigned long long env_count(const char *name, unsigned long long lo,
    unsigned long long hi, int empty_unset);

/* Side files (events, ledger, pools, notifications ...): each is written
 * to a temporary in its own directory, through the out sidefile_open
 * returns (it stays valid until exit) or by fn in sidefile_prepare, and
 * all are synced, then renamed into place, by sidefile_commit, called once
 * the main output has gone out whole; a run that dies before leaves none
 * of them half-written (the temporaries are removed at exit). Errors exit
 * 4. */
struct out;
struct out *sidefile_open(const char *path);
void sidefile_prepare(const char *path, void (*fn)(struct out *));
/* flush and sync the side files opened (prepare does it for its own), so
 * that a write error on one comes before the main output */
void sidefile_sync(void);
void sidefile_commit(void);
#endif
