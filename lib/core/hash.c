#include <stdio.h>
#include <xxhash.h>

#include "core/hash.h"

uint64_t
hash64(const void *p, size_t n)
{
	return XXH3_64bits(p, n);
}

uint64_t
hash_xxh64(const void *p, size_t n)
{
	return XXH64(p, n, 0);
}

void
hash_hex(const void *p, size_t n, char out[17])
{
	XXH64_canonical_t c;
	int i;

	XXH64_canonicalFromHash(&c, XXH3_64bits(p, n));
	for (i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", c.digest[i]);
}
