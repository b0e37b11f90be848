"""jianbao build on a generated ~200-page briefing (brief layout): no glyph
outside the type area, no widow or orphan line, every heading followed on its
page by two body lines, one line pitch inside and between paragraphs, exact
"第 X 页 / 共 Y 页" footers, and bookmarks that point at their headings."""
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, lines, run  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
from gen_briefing import generate  # noqa: E402  (the same generator the benchmark uses)

CLOSING = set("，。、：；！？）］｝〕〗】》〉」』”’")
OPENING = set("（［｛〔〖【《〈「『“‘")


tmp = tempfile.mkdtemp()
src = os.path.join(tmp, "long.json")
pdf = os.path.join(tmp, "long.pdf")
with open(src, "w", encoding="utf-8") as f:
    json.dump(generate(130), f, ensure_ascii=False)
p = jianbao("build", src, "--layout", "brief", "-o", pdf)
if not check("build a long briefing", p.returncode == 0, p.stderr.decode()[-400:]):
    finish()

MM = 72 / 25.4
L, R = 22 * MM, 595.28 - 22 * MM
TOP, BOTTOM = 25 * MM, 841.89 - 22 * MM
BODY, PITCH = 10.5, 18.5
HEADS = {15.0, 12.5, 11.0}

rows = lines(pdf)
pages = max(r[0]["p"] for r in rows)
check("about 200 pages", 150 <= pages <= 260, "%d pages" % pages)


def text(r):
    return "".join(g["c"] for g in r).replace(" ", "")


def size(r):
    return max(g["size"] for g in r)


def in_flow(r):
    return TOP - 1 < r[0]["y"] < BOTTOM + 1


def start(g):
    """Where a glyph's ink box starts: an opening bracket at a line start is trimmed by 1/2 em."""
    return g["x"] + (g["size"] / 2 if g["c"] in OPENING else 0)


def is_marker(r):
    """A list item's first line: "12." then a gap before the text."""
    for a, b in zip(r, r[1:4]):
        if a["c"] == "." and start(b) - (a["x"] + a["w"]) > 0.3 * a["size"]:
            return r[0]["c"].isdigit()
    return False


def is_body(r):
    return abs(size(r) - BODY) < 0.05 and in_flow(r) and not is_marker(r)


def at(r, x):
    return abs(start(r[0]) - x) < 0.6


# 1. every glyph of the flow inside the type area (line-end closing marks count as 1/2 em)
bad = []
for r in rows:
    if not in_flow(r):
        continue
    r = [g for g in r if g["c"] != " "]
    for g in r:
        end = g["x"] + (g["size"] / 2 if g["c"] in CLOSING else g["w"])  # ink in the left half
        x0 = start(g) if g is r[0] else g["x"]
        if x0 < L - 0.3 or end > R + 0.3 or g["y"] - 0.88 * g["size"] < TOP - 0.3 or g["y"] + 0.12 * g["size"] > BOTTOM + 0.3:
            bad.append("p%d %s x=%.1f end=%.1f y=%.1f" % (g["p"], g["c"], g["x"], end, g["y"]))
check("no glyph outside the type area", not bad, "; ".join(bad[:5]))

by_page = {}
for r in rows:
    if in_flow(r):
        by_page.setdefault(r[0]["p"], []).append(r)

# 2. no widow or orphan: a paragraph split by a page break leaves two lines each side
errs = []
for pg in range(1, pages):
    cur, nxt = by_page.get(pg, []), by_page.get(pg + 1, [])
    if len(cur) < 2 or len(nxt) < 1:
        continue
    first = nxt[0]
    if not (is_body(first) and at(first, L)):
        continue  # the next page starts a new block
    last = cur[-1]
    if not is_body(last):
        errs.append("p%d ends with a non-body line before a continued paragraph" % pg)
    elif at(last, L + 2 * BODY):
        errs.append("orphan: p%d ends with a paragraph's first line: %s" % (pg, text(last)[:12]))
    if len(nxt) < 2 or not (is_body(nxt[1]) and at(nxt[1], L)):
        errs.append("widow: p%d starts with a paragraph's last line: %s" % (pg + 1, text(first)[:12]))
check("no widow or orphan line", not errs, "; ".join(errs[:5]))

# 3. every heading followed on its page by at least two body lines
errs = []
for pg, rs in by_page.items():
    for i, r in enumerate(rs):
        if round(size(r), 1) not in HEADS:
            continue
        if i + 1 < len(rs) and round(size(rs[i + 1]), 1) in HEADS:
            continue  # a heading directly followed by a (sub)heading: check the last one
        after = [x for x in rs[i + 1:i + 3] if is_body(x)]
        if len(after) < 2:
            errs.append("p%d %s" % (pg, text(r)))
check("every heading keeps two lines after it", not errs, "; ".join(errs[:5]))

# 4. one line pitch inside and between paragraphs
errs = []
for pg, rs in by_page.items():
    for a, b in zip(rs, rs[1:]):
        para = lambda r: is_body(r) and (at(r, L) or at(r, L + 2 * BODY))  # noqa: E731
        if para(a) and para(b) and abs((b[0]["y"] - a[0]["y"]) - PITCH) > 0.05:
            errs.append("p%d %.2f" % (pg, b[0]["y"] - a[0]["y"]))
check("constant body line pitch", not errs, "; ".join(errs[:5]))

# 5. footers: 第 X 页 / 共 Y 页 with the right X and Y on every page
found = {}
for r in rows:
    if r[0]["y"] > BOTTOM + 1:
        m = re.search(r"第(\d+)页/共(\d+)页", text(r))
        if m:
            found[r[0]["p"]] = (int(m.group(1)), int(m.group(2)))
errs = [pg for pg in range(1, pages + 1) if found.get(pg) != (pg, pages)]
check("第 X 页 / 共 Y 页 on every page", not errs, "wrong on pages %s" % errs[:8])

# 6. running header: the section in force from the second page on
sec_ok = True
for pg in range(2, pages + 1):
    hdr = [text(r) for r in rows if r[0]["p"] == pg and r[0]["y"] < TOP - 1]
    if not hdr or "分页测试简报" not in hdr[0]:
        sec_ok = False
check("running header with title and section", sec_ok)
first_hdr = [r for r in rows if r[0]["p"] == 1 and r[0]["y"] < TOP - 1]
check("no header on the first page", not first_hdr)

# 7. bookmarks: nested, and each lands on the page and height of its heading
out = run(["mutool", "show", pdf, "outline"]).stdout.decode()
marks = re.findall(r'^([|+\-])(\t+)"([^"]*)"\t#page=(\d+)&zoom=[^,]*,[^,]*,([\d.]+)', out, re.M)
check("outline has every heading", len(marks) > 150, "%d entries" % len(marks))
levels = {len(m[1]) for m in marks}
check("outline nested by level", levels >= {1, 2, 3}, str(levels))
errs = []
for _, _, title, page, y in marks:
    page, y = int(page), float(y)
    hit = [r for r in by_page.get(page, []) if round(size(r), 1) in HEADS and text(r) == title.replace(" ", "")]
    if not hit or min(abs(r[0]["y"] - y) for r in hit) > 25:
        errs.append("%s -> p%d" % (title, page))
check("bookmarks point at their headings", not errs, "; ".join(errs[:5]))

finish()
