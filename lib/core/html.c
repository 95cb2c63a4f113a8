/* html.c: HTML escaping, ids and slugs, and SVG elements into a buffer. */
#include <string.h>

#include "core/html.h"

void
html_textn(struct buf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		const char *r;

		switch (s[i]) {
		case '&': r = "&amp;"; break;
		case '<': r = "&lt;"; break;
		case '>': r = "&gt;"; break;
		case '"': r = "&quot;"; break;
		case '\'': r = "&#39;"; break;
		case '\0': r = "\xef\xbf\xbd"; break;	/* no raw NUL */
		default: continue;
		}
		buf_add(b, s + run, i - run);
		buf_adds(b, r);
		run = i + 1;
	}
	buf_add(b, s + run, n - run);
}

void
html_text(struct buf *b, const char *s)
{
	html_textn(b, s, strlen(s));
}

void
html_elem(struct buf *b, const char *tag, const char *cls, const char *text)
{
	buf_printf(b, "<%s", tag);
	if (cls)
		buf_printf(b, " class=\"%s\"", cls);
	buf_addc(b, '>');
	html_text(b, text);
	buf_printf(b, "</%s>", tag);
}

void
html_id(struct buf *b, const char *prefix, const char *name)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;

	buf_adds(b, prefix);
	for (p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			buf_addc(b, *p);
		else {
			buf_addc(b, '_');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
	}
}

void
html_slug(struct buf *b, const char *name)
{
	const unsigned char *p;
	size_t start = b->len, n = 0;
	int dash = 0;

	for (p = (const unsigned char *)name; *p && n < HTML_SLUGMAX; p++) {
		int c = *p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0) {
				if (n + 2 > HTML_SLUGMAX)
					break;	/* no '-' at the end */
				buf_addc(b, '-');
				n++;
			}
			dash = 0;
			buf_addc(b, c);
			n++;
		} else
			dash = 1;
	}
	if (b->len == start)
		buf_addc(b, 'x');
}

void
svg_open(struct buf *b, int w, int h, const char *id, const char *title,
    const char *desc)
{
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "aria-labelledby=\"%s-t %s-d\"><title id=\"%s-t\">", w, h, w, h,
	    id, id, id);
	html_text(b, title);
	buf_printf(b, "</title><desc id=\"%s-d\">", id);
	html_text(b, desc);
	buf_adds(b, "</desc>\n");
}

void
svg_close(struct buf *b)
{
	buf_adds(b, "</svg>\n");
}

static void
tip_close(struct buf *b, const char *tag, const char *tip)
{
	if (tip == NULL) {
		buf_adds(b, "/>\n");
		return;
	}
	buf_adds(b, "><title>");
	html_text(b, tip);
	buf_printf(b, "</title></%s>\n", tag);
}

void
svg_rect(struct buf *b, long x, long y, long w, long h, const char *cls,
    const char *tip)
{
	buf_printf(b, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%ld\" "
	    "class=\"%s\"", x, y, w < 0 ? 0 : w, h < 0 ? 0 : h, cls);
	tip_close(b, "rect", tip);
}

void
svg_line(struct buf *b, long x1, long y1, long x2, long y2, const char *cls)
{
	buf_printf(b, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
	    "class=\"%s\"/>\n", x1, y1, x2, y2, cls);
}

void
svg_circle(struct buf *b, long cx, long cy, long r, const char *cls,
    const char *tip)
{
	buf_printf(b, "<circle cx=\"%ld\" cy=\"%ld\" r=\"%ld\" class=\"%s\"",
	    cx, cy, r, cls);
	tip_close(b, "circle", tip);
}

void
svg_text(struct buf *b, long x, long y, const char *anchor, const char *cls,
    const char *text)
{
	buf_printf(b, "<text x=\"%ld\" y=\"%ld\"", x, y);
	if (anchor && strcmp(anchor, "start") != 0)
		buf_printf(b, " text-anchor=\"%s\"", anchor);
	if (cls)
		buf_printf(b, " class=\"%s\"", cls);
	buf_addc(b, '>');
	html_text(b, text);
	buf_adds(b, "</text>\n");
}

void
svg_polyline(struct buf *b, const long *xy, size_t n, const char *cls)
{
	size_t i;

	buf_adds(b, "<polyline points=\"");
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%ld,%ld", i ? " " : "", xy[2 * i],
		    xy[2 * i + 1]);
	buf_printf(b, "\" class=\"%s\"/>\n", cls);
}
