/* hash.h: xxHash (XXH3, 64 bits) for table keys and stable ids; XXH64
 * for shard keys. */
#ifndef HASH_H
#define HASH_H
#include <stddef.h>
#include <stdint.h>

uint64_t hash64(const void *, size_t);
/* Canonical (big-endian) hex of XXH3-64 of the bytes: 16 chars + NUL. */
void hash_hex(const void *, size_t, char out[17]);
/* XXH64 with seed 0 (the shard key: stable across versions of the
 * library, machines and runs) */
uint64_t hash_xxh64(const void *, size_t);
#endif
