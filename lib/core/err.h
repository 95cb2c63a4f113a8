/* err.h: error values and memory helpers shared by lib/ and cmd/.
 * lib/ never prints and never exits: it fills a struct err and returns. */
#ifndef ERR_H
#define ERR_H
#include <stdarg.h>
#include <stddef.h>

/* Exit status, the same in every tool (see map-formats(5)). */
enum {
	EXIT_OKAY = 0,	/* success */
	EXIT_CHECK = 1,	/* a check the user asked for failed */
	EXIT_USAGE = 2,	/* usage error */
	EXIT_DATA = 3,	/* bad input data */
	EXIT_SYS = 4	/* system or I/O error */
};

/* the number of elements of an array */
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct err {
	int status;		/* EXIT_DATA or EXIT_SYS; 0 when no error */
	long line;		/* input line the error is about, 0 if none */
	char msg[512];
};

void err_set(struct err *, int status, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with a va_list (for wrappers such as rec_bad). A value's
 * control bytes are escaped in the message: \n, \t, \r, \xHH. */
void err_vset(struct err *, int status, long line, const char *fmt,
    va_list ap);
void err_clear(struct err *);

/* Allocation: on failure the hook is called (set by the command; it may
 * exit), then abort(). */
extern void (*mem_oom_hook)(void);
void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* free n strings and the array holding them */
void strv_free(char **, size_t n);

/* A growable byte buffer. */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_grow(struct buf *, size_t extra);
void buf_add(struct buf *, const void *, size_t);
void buf_addc(struct buf *, int);
void buf_adds(struct buf *, const char *);
void buf_printf(struct buf *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *);	/* NUL-terminated view */
void buf_free(struct buf *);
#endif
