/* html.h: HTML and SVG written into a struct buf (core/err.h).
 *
 * Everything a page shows that comes from data goes through html_text,
 * which escapes the five characters that can end a text or a quoted
 * attribute value (& < > " '): a resource id, a tag value or a name can
 * hold markup and still print as itself. html_id makes an id or a URL
 * fragment of any name (bytes outside [A-Za-z0-9-] written _XX, so two
 * names never give the same id), html_slug a file name.
 *
 * The SVG primitives write one element each, with integer coordinates
 * (the same data gives the same bytes) and the class given, for the
 * page's stylesheet to colour. Nothing here prints or fails: the buffer
 * grows (out of memory is err.h's hook). */
#ifndef HTML_H
#define HTML_H
#include <stddef.h>

#include "core/err.h"

/* text or a double-quoted attribute value, escaped */
void html_text(struct buf *, const char *s);
void html_textn(struct buf *, const char *s, size_t n);
/* <tag class="cls">text</tag>, text escaped; cls NULL: no class */
void html_elem(struct buf *, const char *tag, const char *cls,
    const char *text);
/* prefix (trusted) then name as [A-Za-z0-9-] and _XX: an id token */
void html_id(struct buf *, const char *prefix, const char *name);
/* a file-name slug of name: lower-case letters and digits, each run of
 * anything else one '-', none at either end, at most HTML_SLUGMAX bytes;
 * "x" when nothing is left */
#define HTML_SLUGMAX 48
void html_slug(struct buf *, const char *name);

/* <svg> with role="img", its <title> and <desc> (escaped) first, sized
 * w x h and scaled to the page's width; id names the title and desc */
void svg_open(struct buf *, int w, int h, const char *id,
    const char *title, const char *desc);
void svg_close(struct buf *);
/* tip: a <title> shown on hover and read by screen readers; NULL none */
void svg_rect(struct buf *, long x, long y, long w, long h,
    const char *cls, const char *tip);
void svg_line(struct buf *, long x1, long y1, long x2, long y2,
    const char *cls);
void svg_circle(struct buf *, long cx, long cy, long r, const char *cls,
    const char *tip);
/* anchor: "start", "middle" or "end" */
void svg_text(struct buf *, long x, long y, const char *anchor,
    const char *cls, const char *text);
/* a polyline through n points xy[0..2n-1] */
void svg_polyline(struct buf *, const long *xy, size_t n, const char *cls);
#endif
