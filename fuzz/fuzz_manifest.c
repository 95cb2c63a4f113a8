/* fuzz_manifest.c: manifest_parse over the bytes (not NUL-terminated, so
 * ASan sees any read past n). On success every key is a string; on
 * failure nothing is left allocated and the message names a line inside
 * the input. */
#include <string.h>

#include "intake/manifest.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m;
	struct err e = { 0 };
	size_t i;
	long lines = 1;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (manifest_parse((const char *)data, size, &m, &e) == 0) {
		FUZZ_CHECK(m.legacy == 0 || m.legacy == 1);
		FUZZ_CHECK(m.n == 0 || m.keys != NULL);
		for (i = 0; i < m.n; i++) {
			FUZZ_CHECK(m.keys[i] != NULL);
			FUZZ_CHECK(strlen(m.keys[i]) < size);
		}
		manifest_free(&m);
		FUZZ_CHECK(m.keys == NULL && m.n == 0);
	} else {
		FUZZ_CHECK(m.keys == NULL && m.n == 0);
		FUZZ_CHECK(e.status == EXIT_DATA && e.msg[0] != '\0');
		FUZZ_CHECK(e.line >= 0 && e.line <= lines);
		manifest_free(&m);	/* harmless after a failure */
	}
	return 0;
}
