#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

void (*mem_oom_hook)(void);

void
err_vset(struct err *e, int status, long line, const char *fmt, va_list ap)
{
	char raw[sizeof(e->msg)];
	size_t i, o = 0;

	e->status = status;
	e->line = line;
	vsnprintf(raw, sizeof(raw), fmt, ap);
	/* a message is one line: a value's control bytes are shown escaped,
	 * so that no value can forge lines in a log or in cron's mail */
	for (i = 0; raw[i] != '\0' && o + 5 < sizeof(e->msg); i++) {
		unsigned char c = (unsigned char)raw[i];

		if (c >= 0x20 && c != 0x7f)
			e->msg[o++] = (char)c;
		else if (c == '\n' || c == '\t' || c == '\r') {
			e->msg[o++] = '\\';
			e->msg[o++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		} else
			o += (size_t)snprintf(e->msg + o, 5, "\\x%02x", c);
	}
	e->msg[o] = '\0';
}

void
err_set(struct err *e, int status, long line, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	err_vset(e, status, line, fmt, ap);
	va_end(ap);
}

void
err_clear(struct err *e)
{
	e->status = 0;
	e->line = 0;
	e->msg[0] = '\0';
}

static void *
oom(void)
{
	if (mem_oom_hook != NULL)
		mem_oom_hook();
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	return p ? p : oom();
}

void *
xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);

	return p ? p : oom();
}

void *
xrealloc(void *o, size_t n)
{
	void *p = realloc(o, n ? n : 1);

	return p ? p : oom();
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xrealloc(b->s, b->cap);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_addc(struct buf *b, int c)
{
	buf_grow(b, 1);
	b->s[b->len++] = (char)c;
	b->s[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *
buf_cstr(struct buf *b)
{
	if (b->s == NULL)
		buf_grow(b, 0), b->s[0] = '\0';
	return b->s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
