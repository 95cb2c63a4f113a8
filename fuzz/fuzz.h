/* fuzz.h: shared by the fuzz targets and the replay driver.
 * Each fuzz_*.c defines LLVMFuzzerTestOneInput; linked with libFuzzer it is
 * a fuzzer, linked with replay.c it replays a corpus (no libFuzzer needed).
 * A target aborts (FUZZ_CHECK) when a property the library promises fails,
 * so the sanitizers and libFuzzer report it as a crash. */
#ifndef FUZZ_H
#define FUZZ_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* For a harness's own reference code: no coverage feedback from it (its
 * per-byte loops would cost more than the code under test). Not inlined:
 * inlined into an instrumented caller, it would be instrumented there. */
#if defined(__clang__)
#define FUZZ_NOCOV __attribute__((no_sanitize("coverage"), noinline))
#else
#define FUZZ_NOCOV
#endif

void fuzz_fail(const char *file, int line, const char *what);
#define FUZZ_CHECK(c) ((c) ? (void)0 : fuzz_fail(__FILE__, __LINE__, #c))

/* The bytes as a file: a path that zin_open can open, naming a memory
 * file (memfd) that holds exactly data[0..size). Aborts on failure. */
const char *fuzz_file(const uint8_t *data, size_t size);

/* If data is one or more whole gzip members and nothing else, their
 * inflated bytes (malloc'd; at most FUZZ_GUNZIP_MAX) in *out, *outlen and
 * 0; else -1. Lets a target check gzip input against its reference. */
#define FUZZ_GUNZIP_MAX (64u << 20)
int fuzz_gunzip(const uint8_t *data, size_t size, uint8_t **out,
    size_t *outlen);
#endif
