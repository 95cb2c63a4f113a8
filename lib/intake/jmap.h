/* jmap.h: a flat JSON object parser for CUR map columns
 * (resource_tags, tags, product, cost_category, FOCUS Tags).
 * {} and an empty field are empty maps. String values have their escapes
 * decoded (\" \\ \/ \b \f \n \r \t \uXXXX, surrogate pairs); numbers,
 * true, false and null are passed as their text. Nested objects and arrays
 * are an error: CUR map columns are flat. */
#ifndef JMAP_H
#define JMAP_H
#include <stddef.h>

struct jmap_iter {
	const char *p, *end;
	char *scratch;		/* caller's, at least as long as the input */
	size_t used;
	int state;		/* 0 before '{', 1 inside, 2 done */
	const char *why;	/* error text after -1 */
	size_t at;		/* byte offset of the error */
	const char *start;
};

/* scratch must hold at least n bytes. */
void jmap_init(struct jmap_iter *, const char *s, size_t n, char *scratch);
/* Next pair: 1 and key/val spans (NUL-terminated, in scratch), 0 at the
 * end, -1 on malformed input (it->why, it->at say what and where). */
int jmap_next(struct jmap_iter *, const char **key, size_t *klen,
    const char **val, size_t *vlen);
#endif
