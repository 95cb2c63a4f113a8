/* pin-dir PATH...: afile_pin_dir of each PATH, one line each, as the
 * readers of a state directory (mapask, mapreport, the digest) resolve
 * current and history/D once before reading a night's files. */
#include <stdio.h>
#include <stdlib.h>

#include "core/afile.h"

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		char *p = afile_pin_dir(argv[i]);

		printf("%s -> %s\n", argv[i], p);
		free(p);
	}
	return 0;
}
