"""Issue 13 measures on the gbt9704 output of both seeds (typeset --grid gbt9704 and
build of the pack's model), read back from the PDF glyph positions (mutool stext):
every Han glyph of the running text (15.75 pt) sits on one of the 28 columns, every
line on one of the 22 line positions; no line starts with a note call (①…) or with a
measure word after a number (2600余 / 人次, 50 / 个); off the grid (brief), within a
justified line compressed marks (，、：；。！？ narrower than 1 em, line ends and
adjacent pairs aside) differ by at most ¼ em.
JB_GRID_BROKEN=1 builds the pack model on gbt9704 without its character grid (a
template that extends it with lines_per_page 0), which must fail the grid checks."""
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, glyphs, jianbao, lines, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
MM = 72 / 25.4
L, TOP = 28 * MM, 37 * MM
PH = 841.89
EM = 15.75
PITCH = (225 * MM - EM) / 21
SEEDS = [os.path.join(ROOT, "seeds", f) for f in sorted(os.listdir(os.path.join(ROOT, "seeds"))) if f.endswith(".txt")]
tmp = tempfile.mkdtemp()
broken = os.environ.get("JB_GRID_BROKEN") == "1"


def han(c):
    return "\u4e00" <= c <= "\u9fff"


def rows_of(pdf, size=EM):
    rows = {}
    for g in glyphs(pdf):
        if abs(g["size"] - size) < 0.05 and TOP - 5 < g["y"] < TOP + 225 * MM + 5:
            rows.setdefault((g["p"], round(g["y"], 1)), []).append(g)
    return [sorted(v, key=lambda g: g["x"]) for _, v in sorted(rows.items())]


def red_rule_y(pdf):
    """From the top: the masthead's red rule on page 1 (the 版头 above it is set by its own rules)."""
    out = run(["mutool", "trace", pdf, "1"]).stdout.decode()
    for sp in ET.fromstring("<r>" + out + "</r>").iter("stroke_path"):
        col = [float(c) for c in sp.get("color").split()]
        if col[0] >= 0.8 and max(col[1:]) <= 0.2:
            return PH - float([e for e in sp if e.tag == "moveto"][0].get("y"))
    return 0


def running(pdf, rows):
    """The running text: not the 版头 (page 1 above the red rule), not centred display
    lines (title, subtitle: equal room on both sides of the 28-character measure)."""
    top = red_rule_y(pdf)
    res = []
    for r in rows:
        left, right = r[0]["x"] - L, L + 28 * EM - (r[-1]["x"] + r[-1]["w"])
        if r[0]["p"] == 1 and r[0]["y"] < top:
            continue
        if left > EM / 2 and abs(left - right) < 1.5:
            continue
        res.append(r)
    return res


def grid_measure(name, pdf):
    rows = running(pdf, rows_of(pdf))
    off_col = [(r[0]["p"], g["c"], round((g["x"] - L) / EM, 3)) for r in rows for g in r
               if han(g["c"]) and abs((g["x"] - L) / EM - round((g["x"] - L) / EM)) > 0.02]
    # line positions: the first baseline is 0.88 em below the type-area top
    off_line = [(r[0]["p"], round(r[0]["y"], 2)) for r in rows
                if abs((r[0]["y"] - TOP - 0.88 * EM) / PITCH - round((r[0]["y"] - TOP - 0.88 * EM) / PITCH)) > 0.02]
    check("%s: %d Han glyphs, 0 off the 28 columns" % (name, sum(han(g["c"]) for r in rows for g in r)),
          not off_col and rows, "%d off, e.g. %s" % (len(off_col), off_col[:4]))
    check("%s: %d lines, 0 off the 22-line grid" % (name, len(rows)), not off_line and rows,
          "%d off, e.g. %s" % (len(off_line), off_line[:4]))
    cols = [round((g["x"] - L) / EM) for r in rows for g in r if han(g["c"])]
    check("%s: columns 0..27 only" % name, cols and min(cols) >= 0 and max(cols) <= 27, str((min(cols), max(cols))) if cols else "")
    return rows


MEASURE = set("个人次名项家所户元万亿千百十余多平方米公里吨亩台套座栋间张册本件条批期年月日天周岁倍株头只辆架艘位例床班届场支种类处")
NOTE = set("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def starts(name, rows):
    bad_note = [("".join(g["c"] for g in r[:6]),) for r in rows if r[0]["c"] in NOTE]
    check("%s: no line starts with a note call" % name, not bad_note, str(bad_note[:3]))
    bad_mw = []
    for a, b in zip(rows, rows[1:]):
        ta, tb = "".join(g["c"] for g in a), "".join(g["c"] for g in b)
        if tb and tb[0] in MEASURE and re.search(r"[0-9０-９][余多]?$", ta):
            bad_mw.append(ta[-4:] + "/" + tb[:3])
    check("%s: no line starts with a measure word after a number" % name, not bad_mw, str(bad_mw[:3]))


MARKS = set("，、：；。！？")


def compression(name, pdf):
    """Within each line (any size: body, lists, notes, tables), the set widths of marks
    that are compressed (< 0.95 em), other than at the line end or in a pair of
    adjacent marks, differ by at most ¼ em. Counts the marks looked at, so that a
    template whose text the test cannot see fails rather than passes."""
    worst, where, seen = 0, "", 0
    for r in lines(pdf):
        sizes = [g["size"] for g in r]
        em = max(set(sizes), key=sizes.count)
        r = [g for g in r if abs(g["size"] - em) < 0.05]
        widths = []
        for i, g in enumerate(r[:-1]):
            nxt, prv = r[i + 1], r[i - 1] if i else None
            seen += g["c"] in MARKS
            if g["c"] not in MARKS or nxt["c"] in MARKS or nxt["c"] in "“”‘’（）《》" or (prv and prv["c"] in "”’）》"):
                continue
            set_w = (nxt["x"] - g["x"]) / em
            if set_w < 0.95:
                widths.append(set_w)
        if len(widths) > 1 and max(widths) - min(widths) > worst:
            worst, where = max(widths) - min(widths), "".join(g["c"] for g in r)[:20]
    check("%s: compressed marks in a line differ by <= 1/4 em (worst %.3f, %d marks)" % (name, worst, seen),
          worst <= 0.25 + 1e-3 and seen > 20, where)


for seed in SEEDS:
    base = os.path.basename(seed)[:3]
    pdf = os.path.join(tmp, base + "-typeset.pdf")
    p = jianbao("typeset", seed, "--grid", "gbt9704", "-o", pdf)
    check("typeset --grid gbt9704 %s" % base, p.returncode == 0, p.stderr.decode()[-300:])
    rows = grid_measure("typeset %s" % base, pdf)
    starts("typeset %s" % base, rows)
    compression("typeset --grid %s" % base, pdf)
    pdf = os.path.join(tmp, base + "-typeset-plain.pdf")
    p = jianbao("typeset", seed, "-o", pdf)
    check("typeset %s" % base, p.returncode == 0, p.stderr.decode()[-300:])
    compression("typeset %s" % base, pdf)

out = os.path.join(tmp, "pack")
p = jianbao("pack", *SEEDS, "--layout", "gbt9704", "-o", out, "--by", "none", "-q")
check("pack gbt9704", p.returncode == 0, p.stderr.decode()[-300:])
model = os.path.join(out, "briefing.json")
nogrid = os.path.join(tmp, "nogrid.json")  # the same page without the character grid
with open(nogrid, "w") as f:
    f.write('{"extends": "gbt9704", "grid": {"chars_per_line": 28, "lines_per_page": 0}}')
for layout in ["gbt9704", "brief", "onepager"]:
    pdf = os.path.join(tmp, "pack-%s.pdf" % layout)
    p = jianbao("build", model, "--layout", nogrid if broken and layout == "gbt9704" else layout, "-o", pdf, "-q")
    check("build pack model %s" % layout, p.returncode == 0, p.stderr.decode()[-300:])
    if layout == "gbt9704":
        rows = grid_measure("pack " + layout, pdf)
        starts("pack " + layout, rows)
    compression("pack " + layout, pdf)
    if layout == "brief":
        starts("pack brief", [r for r in rows_of(pdf, 10.5) + rows_of(pdf, 12)])
finish()
