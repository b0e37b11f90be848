"""Synthetic bold (issue 13): on gbt9704 the body is 仿宋 (FandolFang, one weight), so a
bold run is drawn with fill and stroke (text render mode 2, a line about 0.03 em wide)
in the same face. Measured on the PDF: the stroke is in the content stream, every glyph
sits where it sits without bold (advances unchanged), pdftotext reads the same text,
and a stack with a real bold face (serif-zh on brief) strokes nothing.
JB_BOLD_BROKEN=1 checks a bold PDF against itself drawn without bold, which must fail."""
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, glyphs, jianbao, run  # noqa: E402

tmp = tempfile.mkdtemp()
TEXT = "全县实现地区生产总值"
NUM = "157.6亿元"
REST = "，同比增长8.5%，其中第一产业增加值2600余万元，带动就业50个岗位。"


def build(name, bold, layout="gbt9704", extra=()):
    doc = {"version": 1, "meta": {"title": "合成粗体"},
           "blocks": [{"type": "paragraph", "text": [TEXT, {"text": NUM, "bold": bold}, REST]}]}
    src, pdf = os.path.join(tmp, name + ".json"), os.path.join(tmp, name + ".pdf")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    p = jianbao("build", src, "--layout", layout, "-o", pdf, *extra)
    check("build %s" % name, p.returncode == 0, p.stderr.decode()[-300:])
    return pdf


def content(pdf):
    """Every page content stream, uncompressed."""
    out = os.path.join(tmp, "qdf.pdf")
    run(["qpdf", "--qdf", "--object-streams=disable", pdf, out])
    return open(out, "rb").read().decode("latin-1")


bold = build("bold", True)
plain = build("plain", os.environ.get("JB_BOLD_BROKEN") == "1")
stream = content(bold)
m = re.search(r"([\d.]+) w 2 Tr", stream)
check("stroke (2 Tr) in the content stream", m is not None)
if m:
    check("stroke about 0.03 em", abs(float(m.group(1)) - 0.03 * 15.75) < 0.01, m.group(1))
check("no stroke without bold", " 2 Tr" not in content(plain))
gb, gp = glyphs(bold), glyphs(plain)
check("same glyph count", len(gb) == len(gp), "%d vs %d" % (len(gb), len(gp)))
moved = [(a["c"], a["x"], b["x"]) for a, b in zip(gb, gp) if abs(a["x"] - b["x"]) > 0.05 or a["c"] != b["c"]]
check("advance widths unchanged (every glyph at the same x)", not moved, str(moved[:3]))
line = [g for g in gb if abs(g["y"] - next(h["y"] for h in gb if h["c"] == "总")) < 0.5]
fonts_b = {g["font"] for g in line if g["c"] in NUM}
check("bold run in the same one-weight face", all("FandolFang" in f for f in fonts_b), str(fonts_b))
tb = run(["pdftotext", bold, "-"]).stdout.decode()
tp = run(["pdftotext", plain, "-"]).stdout.decode()
check("pdftotext reads the same text", tb == tp and NUM in tb, tb[:80])
wide = build("wide", True, extra=("--synthetic-bold", "0.06"))
m2 = re.search(r"([\d.]+) w 2 Tr", content(wide))
check("--synthetic-bold sets the stroke width", m2 is not None and abs(float(m2.group(1)) - 0.06 * 15.75) < 0.01,
      m2.group(1) if m2 else "none")
real = build("real", True, layout="brief")
check("a real bold face strokes nothing", " 2 Tr" not in content(real))
finish()
