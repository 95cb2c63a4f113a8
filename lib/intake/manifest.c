#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "intake/jmap.h"
#include "intake/manifest.h"

struct js {
	const char *p, *end, *start;
	const char *why;
};

static void
ws(struct js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

/* Decode a string (on its quote) into a new allocation, via jmap. */
static char *
str(struct js *j)
{
	const char *q = j->p + 1;
	char *scratch, *res;
	struct jmap_iter it;
	const char *k, *v;
	size_t kl, vl, n;
	struct buf b = { 0 };

	while (q < j->end && *q != '"') {
		if (*q == '\\' && q + 1 < j->end)	/* never past end */
			q++;
		q++;
	}
	if (q >= j->end) {
		j->why = "unterminated string";
		return NULL;
	}
	n = (size_t)(q + 1 - j->p);
	/* wrap as {"k":<string>} and let jmap decode it */
	buf_adds(&b, "{\"k\":");
	buf_add(&b, j->p, n);
	buf_addc(&b, '}');
	scratch = xmalloc(b.len + 1);
	jmap_init(&it, b.s, b.len, scratch);
	if (jmap_next(&it, &k, &kl, &v, &vl) != 1) {
		j->why = "bad string";
		free(scratch);
		buf_free(&b);
		return NULL;
	}
	if (memchr(v, '\0', vl) != NULL) {	/* \u0000: would cut it short */
		j->why = "a NUL (\\u0000) in a string";
		free(scratch);
		buf_free(&b);
		return NULL;
	}
	res = xstrndup(v, vl);
	free(scratch);
	buf_free(&b);
	j->p = q + 1;
	return res;
}

static int skip(struct js *j, int depth);

/* A key with a ".." component resolves outside ROOT/. */
static int
leaves(const char *k)
{
	const char *p = k;

	for (;;) {
		const char *sl = strchr(p, '/');
		size_t n = sl ? (size_t)(sl - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		if (sl == NULL)
			return 0;
		p = sl + 1;
	}
}

static int
skip(struct js *j, int depth)
{
	char *s;

	if (depth > 64) {
		j->why = "nesting too deep";
		return -1;
	}
	ws(j);
	if (j->p >= j->end) {
		j->why = "unexpected end";
		return -1;
	}
	if (*j->p == '"') {
		s = str(j);
		free(s);
		return s ? 0 : -1;
	}
	if (*j->p == '{' || *j->p == '[') {
		char close = *j->p == '{' ? '}' : ']';
		int obj = *j->p == '{';

		j->p++;
		ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			return 0;
		}
		for (;;) {
			if (obj) {
				ws(j);
				if (j->p >= j->end || *j->p != '"') {
					j->why = "expected a key";
					return -1;
				}
				if (skip(j, depth + 1))
					return -1;
				ws(j);
				if (j->p >= j->end || *j->p != ':') {
					j->why = "expected ':'";
					return -1;
				}
				j->p++;
			}
			if (skip(j, depth + 1))
				return -1;
			ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == close) {
				j->p++;
				return 0;
			}
			j->why = "expected ',' or a closing bracket";
			return -1;
		}
	}
	while (j->p < j->end && strchr(",]} \t\r\n", *j->p) == NULL)
		j->p++;
	return 0;
}

static const char *
s3key(const char *uri)
{
	const char *p;

	if (strncmp(uri, "s3://", 5) != 0)
		return uri;
	p = strchr(uri + 5, '/');
	return p ? p + 1 : uri + strlen(uri);
}

int
manifest_parse(const char *json, size_t n, struct manifest *m,
    struct err *e)
{
	struct js j = { json, json + n, json, NULL };
	int found = 0;

	memset(m, 0, sizeof(*m));
	ws(&j);
	if (j.p >= j.end || *j.p != '{') {
		err_set(e, EXIT_DATA, 0, "manifest is not a JSON object");
		return -1;
	}
	j.p++;
	for (;;) {
		char *key;

		ws(&j);
		if (j.p < j.end && *j.p == '}')
			break;
		if (j.p >= j.end || *j.p != '"') {
			j.why = j.why ? j.why : "expected a key";
			goto bad;
		}
		key = str(&j);
		if (key == NULL)
			goto bad;
		ws(&j);
		if (j.p >= j.end || *j.p != ':') {
			free(key);
			j.why = "expected ':'";
			goto bad;
		}
		j.p++;
		ws(&j);
		if ((strcmp(key, "dataFiles") == 0 ||
		    strcmp(key, "reportKeys") == 0) && j.p < j.end &&
		    *j.p == '[') {
			m->legacy = key[0] == 'r';
			found = 1;
			j.p++;
			ws(&j);
			while (j.p < j.end && *j.p != ']') {
				char *v;

				if (*j.p != '"') {
					free(key);
					j.why = "file list holds a non-string";
					goto bad;
				}
				v = str(&j);
				if (v == NULL) {
					free(key);
					goto bad;
				}
				if (leaves(s3key(v))) {
					free(v);
					free(key);
					j.why = "a file list entry with a '..' "
					    "component would leave the mirror";
					goto bad;
				}
				m->keys = xrealloc(m->keys,
				    (m->n + 1) * sizeof(*m->keys));
				m->keys[m->n++] = xstrdup(s3key(v));
				free(v);
				ws(&j);
				if (j.p < j.end && *j.p == ',') {
					j.p++;
					ws(&j);
				}
			}
			if (j.p >= j.end) {
				free(key);
				j.why = "unterminated file list";
				goto bad;
			}
			j.p++;
		} else if (skip(&j, 0)) {
			free(key);
			goto bad;
		}
		free(key);
		ws(&j);
		if (j.p < j.end && *j.p == ',')
			j.p++;
	}
	if (!found) {
		err_set(e, EXIT_DATA, 0,
		    "manifest lists no files (no 'dataFiles' or 'reportKeys')");
		manifest_free(m);
		return -1;
	}
	return 0;
bad:
	{
		long line = 1;
		const char *q;

		for (q = json; q < j.p && q < j.end; q++)
			line += *q == '\n';
		err_set(e, EXIT_DATA, line, "malformed manifest JSON: %s",
		    j.why ? j.why : "syntax error");
	}
	manifest_free(m);
	return -1;
}

void
manifest_free(struct manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	m->keys = NULL;
	m->n = 0;
}

int
manifest_entry_ok(const char *root, const char *path, struct err *e)
{
	struct stat st;
	char *rr, *rp;
	size_t n;
	int ok;

	if (stat(path, &st) != 0)
		return 0;	/* missing: the open says so, as for an operand */
	if (!S_ISREG(st.st_mode)) {
		err_set(e, EXIT_DATA, 0, "the manifest lists '%s', which is not "
		    "a regular file", path);
		return -1;
	}
	rr = realpath(root, NULL);
	rp = realpath(path, NULL);
	if (rr == NULL || rp == NULL) {
		err_set(e, EXIT_SYS, 0, "%s: %s", rr ? path : root,
		    strerror(errno));
		free(rr);
		free(rp);
		return -1;
	}
	n = strlen(rr);
	ok = strncmp(rp, rr, n) == 0 && (rp[n] == '/' || (n == 1 &&
	    rr[0] == '/'));
	if (!ok)
		err_set(e, EXIT_DATA, 0, "the manifest lists '%s', which "
		    "resolves to %s, outside the mirror %s", path, rp, rr);
	free(rr);
	free(rp);
	return ok ? 0 : -1;
}
