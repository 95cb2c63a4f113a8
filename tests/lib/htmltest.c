/* htmltest: lib/core/html.h on edge cases, one line each:
 *	slug NAME -> SLUG, id NAME -> ID, text NAME -> ESCAPED
 * for names from the arguments, or a fixed set without any. */
#include <stdio.h>
#include <string.h>

#include "core/html.h"

static void
show(const char *what, const char *name)
{
	struct buf b = { 0 };

	if (strcmp(what, "slug") == 0)
		html_slug(&b, name);
	else if (strcmp(what, "id") == 0)
		html_id(&b, "x-", name);
	else
		html_text(&b, name);
	printf("%s '%s' -> '%s'\n", what, name, buf_cstr(&b));
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	static const char *const names[] = { "Data & AI", "data-ai", "",
		"---", "kim@example.com", "\xc3\x9cnic\xc3\xb8" "de team",
		"<script>alert('x')</script>", "a \"quoted\" & 'single'",
		"a_b c", "x123456789x123456789x123456789x123456789x12345678-tail",
		"x123456789x123456789x123456789x123456789x123456 9" };
	static const char *const what[] = { "slug", "id", "text" };
	size_t i, k;

	if (argc > 1) {
		for (i = 1; i < (size_t)argc; i++)
			for (k = 0; k < 3; k++)
				show(what[k], argv[i]);
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		for (k = 0; k < 3; k++)
			show(what[k], names[i]);
	return 0;
}
