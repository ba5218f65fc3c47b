#!/usr/bin/env python3
"""Reads a lesson's page as headless Chromium rendered it (--dump-dom) and
checks what a person would look at: the page is self-contained, it names
the lesson's nodes, and the diagrams' arrows go from one lifeline to
another as expected.  An arrow's direction is read from the geometry (the
lifeline nearest to each end of its line), its label from its text.

  check_page.py DOM.html two_nodes       the arrows of tests/page/two_nodes.md
  check_page.py DOM.html two_nodes_beam  the same with beta on the BEAM: the
                                         same arrows, seen from alpha's side
  check_page.py DOM.html article         the article's page
  check_page.py --png SHOT.png           the screenshot is not blank
"""
import re
import struct
import sys
import zlib
from html.parser import HTMLParser


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


class Page(HTMLParser):
    """Inputs (section.input) with their prompt text and the arrows of their
    first diagram; every tag with src/href; the nodes named in the header."""

    def __init__(self):
        super().__init__()
        self.inputs = []          # [{line, prompt, figure, lifelines, arrows, groups}]
        self.refs = []            # (tag, attribute, value)
        self.tags = set()
        self.header_nodes = []
        self.beam_lifelines = set()
        self.cur = None
        self.svg_depth = 0        # inside the first svg.msc of the current input
        self.svg_done = False
        self.text_into = None
        self.g = None
        self.in_prompt = False
        self.in_header_code = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        for k in ("src", "href", "xlink:href"):
            if k in a:
                self.refs.append((tag, k, a[k]))
        cls = a.get("class", "").split()
        if tag == "section" and "input" in cls:
            self.cur = {"line": int(a["id"].split("-")[1]), "prompt": "", "figure": False,
                        "lifelines": {}, "arrows": [], "groups": []}
            self.inputs.append(self.cur)
            self.svg_done = False
        if tag == "code" and "node" in cls:
            self.in_header_code = True
            self.header_nodes.append("")
        if self.cur is None:
            return
        if tag == "pre" and "prompt" in cls:
            self.in_prompt = True
        if tag == "figure":
            self.cur["figure"] = True
        if tag == "svg" and "msc" in cls and "detail" not in cls and not self.svg_done:
            self.svg_depth = 1
            return
        if not self.svg_depth:
            return
        if tag == "g":
            self.g = {"cls": cls, "node": a.get("data-node"), "text": "", "line": None}
        elif tag == "line" and self.g is not None:
            self.g["line"] = (float(a["x1"]), float(a["x2"]))
        elif tag == "text" and self.g is not None:
            self.text_into = self.g

    def handle_endtag(self, tag):
        if tag == "pre":
            self.in_prompt = False
        if tag == "code":
            self.in_header_code = False
        if tag == "text":
            self.text_into = None
        if tag == "section":
            self.cur = None
        if not self.svg_depth:
            return
        if tag == "svg":
            self.svg_depth = 0
            self.svg_done = True
        elif tag == "g" and self.g is not None:
            g, self.g = self.g, None
            if "lifeline" in g["cls"]:
                name = g["text"].replace(" (BEAM)", "")
                self.cur["lifelines"][name] = g["line"][0]
                if "beam" in g["cls"] and g["text"].endswith(" (BEAM)"):
                    self.beam_lifelines.add(short(name))
            elif "msg" in g["cls"]:
                self.cur["arrows"].append(g)
            elif "group" in g["cls"]:
                self.cur["groups"].append(g["text"])

    def handle_data(self, data):
        if self.in_prompt and self.cur is not None:
            self.cur["prompt"] += data
        if self.text_into is not None:
            self.text_into["text"] += data
        if self.in_header_code:
            self.header_nodes[-1] += data


def arrows_of(inp):
    """[(from, to, label)] of an input's diagram, read from the geometry."""
    lines = inp["lifelines"]
    if not lines:
        return []
    def nearest(x):
        return min(lines, key=lambda n: abs(lines[n] - x))
    return [(nearest(g["line"][0]), nearest(g["line"][1]), g["text"]) for g in inp["arrows"]]


def short(node):
    return node.split("@")[0]


def self_contained(page):
    for tag, attr, value in page.refs:
        fail("the page refers to something outside itself: <%s %s=%r>" % (tag, attr, value))
    for tag in ("script", "link", "img", "iframe", "object"):
        if tag in page.tags:
            fail("the page has a <%s>" % tag)


def input_at(page, needle):
    found = [i for i in page.inputs if needle in i["prompt"]]
    if len(found) != 1:
        fail("%d inputs contain %r" % (len(found), needle))
    return found[0]


def expect_arrows(inp, want):
    got = [(short(f), short(t), label) for f, t, label in arrows_of(inp)]
    if len(got) != len(want):
        fail("line %d: %d arrows, expected %d: %r" % (inp["line"], len(got), len(want), got))
    for (f, t, label), (wf, wt, wlabel) in zip(got, want):
        if (f, t) != (wf, wt) or not re.fullmatch(wlabel, label):
            fail("line %d: arrow %s -> %s %r, expected %s -> %s /%s/" % (inp["line"], f, t, label, wf, wt, wlabel))


def check_two_nodes(page):
    connect = input_at(page, "Node.connect :beta@")
    got = arrows_of(connect)
    if not got or (short(got[0][0]), short(got[0][1]), got[0][2]) != ("alpha", "beta", "connect (handshake)"):
        fail("Node.connect: the first arrow is not alpha's handshake with beta: %r" % got[:1])
    if len(connect["groups"]) != 1 or not re.fullmatch(r":global's connection protocol: \d+ messages",
                                                        connect["groups"][0]):
        fail("Node.connect: :global's connection protocol is not one group: %r" % connect["groups"])
    expect_arrows(input_at(page, "send({:echo"), [
        ("alpha", "beta", r"\{#PID<[0-9.]+>, :hello\}"),
        ("beta", "alpha", r"\{:echo, :hello\}"),
    ])
    expect_arrows(input_at(page, "GenServer.call({:kv"), [
        ("alpha", "beta", "monitor"),
        ("alpha", "beta", r'\{:"\$gen_call", …, \{:get, :foo\}\}'),
        ("beta", "alpha", r"\{…, \{:foo, 1\}\}"),
        ("alpha", "beta", "demonitor"),
    ])
    for needle in ("Process.register(spawn(fn -> receive do {from", "Node.list"):
        if input_at(page, needle)["figure"]:
            fail("%r sends no message, yet it has a diagram" % needle)


def check_two_nodes_beam(page):
    check_two_nodes(page)
    if page.beam_lifelines != {"beta"}:
        fail("the lifelines marked BEAM are %r, not beta's" % sorted(page.beam_lifelines))


# The article's inputs (by line) that make nodes exchange messages: the
# connections, the global registrations, and the calls to a process on
# another node; and inputs that stay on their node.
ARTICLE_SENDS = [23, 39, 50, 52, 78, 84, 91, 95, 105, 109, 117, 121, 125, 127, 129, 136, 158, 162, 164, 168, 183]
ARTICLE_LOCAL = [13, 15, 25, 32, 41, 48, 59, 66, 68, 80, 82, 93, 119, 123, 186]


def check_article(page):
    if page.beam_lifelines:
        fail("lifelines marked BEAM on an all-ciex page: %r" % sorted(page.beam_lifelines))
    names = {short(n) for n in page.header_nodes}
    if names != {"foo", "bar", "zed", "mini"}:
        fail("the page names the nodes %r, not foo, bar, zed and mini" % sorted(names))
    by_line = {i["line"]: i for i in page.inputs}
    for line in ARTICLE_SENDS:
        if line not in by_line or not by_line[line]["figure"]:
            fail("the input at line %d sends messages but has no diagram" % line)
    for line in ARTICLE_LOCAL:
        if line not in by_line or by_line[line]["figure"]:
            fail("the input at line %d sends no message but has a diagram" % line)
    lifelines = {short(n) for i in page.inputs for n in i["lifelines"]}
    if lifelines != {"foo", "bar", "zed", "mini"}:
        fail("the diagrams' lifelines are %r" % sorted(lifelines))
    # mini's Node.connect: mini's handshake with foo comes first
    got = arrows_of(by_line[105])
    if not got or (short(got[0][0]), short(got[0][1]), got[0][2]) != ("mini", "foo", "connect (handshake)"):
        fail("mini's Node.connect does not start with its handshake with foo: %r" % got[:1])


def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    if depth != 8 or color not in (2, 6):
        fail("unexpected PNG format (depth %d, colour type %d)" % (depth, color))
    bpp = 4 if color == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            if f == 1:
                line[i] = (line[i] + left) & 255
            elif f == 2:
                line[i] = (line[i] + up) & 255
            elif f == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif f == 4:
                ul = prev[i - bpp] if i >= bpp else 0
                p = left + up - ul
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else ul
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


def check_png(path):
    width, height, bpp, rows = png_pixels(path)
    colours, ink = set(), 0
    for row in rows:
        for x in range(0, width * bpp, bpp):
            px = row[x:x + 3]
            colours.add(px)
            if px != b"\xff\xff\xff":
                ink += 1
    share = ink / (width * height)
    if len(colours) < 16 or share < 0.01:
        fail("the screenshot looks blank: %d colours, %.2f%% of it not white" % (len(colours), 100 * share))
    print("screenshot: %dx%d, %d colours, %.1f%% not white" % (width, height, len(colours), 100 * share))


def main():
    if sys.argv[1] == "--png":
        check_png(sys.argv[2])
        return
    page = Page()
    page.feed(open(sys.argv[1], encoding="utf-8").read())
    self_contained(page)
    {"two_nodes": check_two_nodes, "two_nodes_beam": check_two_nodes_beam,
     "article": check_article}[sys.argv[2]](page)
    print("%s: %d inputs, %d with a diagram" % (sys.argv[2], len(page.inputs),
                                                  sum(1 for i in page.inputs if i["figure"])))


main()
