/* u64map.h: a map from 64-bit keys to 32-bit values (open addressing,
 * linear probing). Keys are anything the caller packs into 64 bits. */
#ifndef U64MAP_H
#define U64MAP_H
#include <stddef.h>
#include <stdint.h>

struct u64map {
	uint64_t *keys;
	uint32_t *vals;		/* value + 1; 0 empty */
	size_t size, n;
};

/* The value stored for key, or UINT32_MAX. */
uint32_t u64map_get(const struct u64map *, uint64_t key);
void u64map_put(struct u64map *, uint64_t key, uint32_t val);
void u64map_free(struct u64map *);
#endif
