/* strtab.h: string interning. Each distinct string gets a small id
 * (0 is always ""); ids are dense and stable for the table's life. */
#ifndef STRTAB_H
#define STRTAB_H
#include <stddef.h>
#include <stdint.h>

struct strtab {
	char **blocks;		/* string storage, NUL-terminated */
	size_t nblocks, bused, bcap;
	const char **str;	/* id -> string */
	uint32_t *len;		/* id -> length */
	uint32_t n, cap;
	uint32_t *slots;	/* hash slots: id + 1, 0 empty (hashes are
				 * recomputed when the table grows) */
	size_t nslots;
};

void strtab_init(struct strtab *);
uint32_t strtab_intern(struct strtab *, const char *s, size_t n);
/* id or UINT32_MAX when absent */
uint32_t strtab_find(const struct strtab *, const char *s, size_t n);
static inline const char *
strtab_get(const struct strtab *t, uint32_t id)
{
	return t->str[id];
}
void strtab_free(struct strtab *);
#endif
