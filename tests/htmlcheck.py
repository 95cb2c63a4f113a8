#!/usr/bin/env python3
# htmlcheck.py [--text] FILE...: a strict well-formedness check of
# mapreport's pages. Every element is closed explicitly and in order (no
# implied end tags), only the elements and attributes mapreport writes
# are there (markup in a name or id that escaped escaping shows up as an
# unknown element or attribute), no on* attribute, one style and one
# script element, ids unique, every aria-labelledby, data-for,
# data-filter and #fragment names an id, every other href a file beside
# the page. Prints "FILE: ok" or "FILE:LINE: problem" lines; exit 1 on a
# problem. With --text, prints instead the text a reader sees (no style,
# script or markup), one line per text node, for grepping numbers.
import os
import sys
from html.parser import HTMLParser

VOID = {"meta", "input", "br"}
TAGS = VOID | {
    "html", "head", "title", "style", "body", "nav", "a", "header", "h1",
    "h2", "h3", "h4", "p", "main", "section", "div", "b", "span", "i",
    "figure", "figcaption", "svg", "desc", "rect", "line", "circle", "text",
    "polyline", "table", "caption", "thead", "tbody", "tr", "th", "td", "ul",
    "li", "article", "pre", "code", "button", "footer", "script",
}
ATTRS = {
    "lang", "charset", "name", "content", "href", "aria-label", "class",
    "id", "xmlns", "role", "viewbox", "width", "height", "aria-labelledby",
    "aria-hidden", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r",
    "points", "text-anchor", "scope", "colspan", "type", "data-filter",
    "data-for", "placeholder", "hidden",
}


class Check(HTMLParser):
    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.stack = []
        self.bad = []
        self.ids = {}
        self.refs = []
        self.count = {"style": 0, "script": 0}
        self.doctype = False
        self.text = []
        self.raw = 0

    def problem(self, msg):
        self.bad.append("%s:%d: %s" % (self.path, self.getpos()[0], msg))

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def start(self, tag, attrs, closed):
        if tag not in TAGS:
            self.problem("unknown element <%s>" % tag)
        if tag in self.count:
            self.count[tag] += 1
        for k, v in attrs:
            if k.startswith("on") or k not in ATTRS:
                self.problem("attribute %s on <%s>" % (k, tag))
            if k == "id":
                if v in self.ids:
                    self.problem("id %r twice" % v)
                self.ids[v] = 1
            elif k == "aria-labelledby":
                self.refs += [(x, self.getpos()[0]) for x in v.split()]
            elif k in ("data-for", "data-filter"):
                self.refs.append((v, self.getpos()[0]))
            elif k == "href":
                if v.startswith("#"):
                    self.refs.append((v[1:], self.getpos()[0]))
                elif "/" in v or ":" in v or not os.path.exists(
                        os.path.join(os.path.dirname(self.path), v)):
                    self.problem("link to %r: not a page beside this one" %
                                 v)
        if tag in ("style", "script"):
            self.raw += 1
        if not closed and tag not in VOID:
            self.stack.append(tag)

    def handle_starttag(self, tag, attrs):
        self.start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        if tag in VOID or tag in ("rect", "line", "circle", "polyline"):
            self.start(tag, attrs, True)
        else:
            self.problem("<%s/> is not a void element" % tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problem("</%s> closes <%s>" %
                         (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag in ("style", "script"):
            self.raw -= 1

    def handle_data(self, data):
        if self.raw == 0 and data.strip():
            self.text.append(data.strip())

    def finish(self):
        self.close()
        if not self.doctype:
            self.problem("no <!DOCTYPE html>")
        for t in self.stack:
            self.problem("<%s> never closed" % t)
        for tag, n in self.count.items():
            if n != 1:
                self.problem("%d <%s> elements" % (n, tag))
        for ref, line in self.refs:
            if ref not in self.ids:
                self.bad.append("%s:%d: no id %r" % (self.path, line, ref))


def main(argv):
    text = argv[:1] == ["--text"]
    rc = 0
    for path in argv[1:] if text else argv:
        with open(path, encoding="utf-8") as f:
            data = f.read()
        c = Check(path)
        c.feed(data)
        c.finish()
        if text:
            print("\n".join(c.text))
        elif c.bad:
            print("\n".join(c.bad))
        else:
            print("%s: ok" % path)
        rc |= bool(c.bad)
    return rc


sys.exit(main(sys.argv[1:]))
