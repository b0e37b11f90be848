"""jianbao build --layout gbt9704, measured on the PDF against GB/T 9704-2012:
A4, type area 156 x 225 mm at 28 mm / 37 mm, 22 lines of 28 characters,
red masthead and full-width red rule, page numbers "— n —" 14 pt with the
dashes 7 mm below the type area (odd pages right, even pages left, 1 char in),
and the 报/送/发 block with 0.35/0.25 mm rules, the last on the type-area bottom."""
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, lines, qpdf_ok, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
MM = 72 / 25.4
PW, PH = 595.28, 841.89
L, TOP = 28 * MM, 37 * MM
R, BOTTOM = L + 156 * MM, TOP + 225 * MM
TOL = 1 * MM
EM = 15.75

text = open(os.path.join(ROOT, "seeds/000_49bb09d571b726a9.txt"), encoding="utf-8").read()
paras = [p.strip() for p in text.split("\n") if len(p.strip()) > 40][:14]
blocks = [{"type": "heading", "level": 1, "text": "总体情况"}]
for i, p in enumerate(paras):
    if i == 5:
        blocks.append({"type": "heading", "level": 2, "text": "主要做法"})
    blocks.append({"type": "paragraph", "text": p})
doc = {"version": 1, "meta": {
    "title": "援藏工作情况", "masthead": "工作简报", "issuer": "某某办公室", "issue": 3,
    "date": "2025-03-05", "distribution": {"report_to": ["市委办公室"], "send_to": ["各部门"],
                                           "issue_to": ["各乡镇"], "print_count": 40}},
    "blocks": blocks}
tmp = tempfile.mkdtemp()
src, pdf = os.path.join(tmp, "g.json"), os.path.join(tmp, "g.pdf")
with open(src, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False)
p = jianbao("build", src, "--layout", "gbt9704", "-o", pdf)
if not check("build gbt9704", p.returncode == 0, p.stderr.decode()[-400:]):
    finish()
ok, why = qpdf_ok(pdf)
check("qpdf --check", ok, why)

rows = lines(pdf)
pages = max(r[0]["p"] for r in rows)
check("at least three pages", pages >= 3, "%d" % pages)
info = run(["pdfinfo", pdf]).stdout.decode()
m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
check("A4 page", m and abs(float(m.group(1)) - PW) < 0.5 and abs(float(m.group(2)) - PH) < 0.5, info[-200:])


def txt(r):
    return "".join(g["c"] for g in r).replace(" ", "")


def body(pg):
    return [r for r in rows if r[0]["p"] == pg and abs(r[0]["size"] - EM) < 0.05 and TOP - 5 < r[0]["y"] < BOTTOM + 5]


# the grid on a full page (the fullest page between the first and the last)
b2 = max((body(pg) for pg in range(2, pages)), key=len)
check("22 lines on a full page", len(b2) == 22, "%d lines" % len(b2))
if b2:
    top = b2[0][0]["y"] - 0.88 * EM
    bot = b2[-1][0]["y"] + 0.12 * EM
    check("first line at the type-area top (37 mm)", abs(top - TOP) <= TOL, "%.2f vs %.2f" % (top, TOP))
    check("last line at the type-area bottom (262 mm)", BOTTOM - TOL <= bot <= BOTTOM + 0.3, "%.2f vs %.2f" % (bot, BOTTOM))
    pitches = {round(b[0]["y"] - a[0]["y"], 2) for a, b in zip(b2, b2[1:])}
    check("one line pitch on the grid", max(pitches) - min(pitches) < 0.05, str(pitches))
all_body = [r for pg in range(2, pages + 1) for r in body(pg)]
# Han starts only: on the character grid a Western run is centred in its whole cells
starts = [r[0]["x"] for r in all_body if "\u4e00" <= r[0]["c"] <= "\u9fff"]
check("lines start at 28 mm (or the 2-em indent)", all(abs(x - L) < 0.3 or abs(x - L - 2 * EM) < 0.3 for x in starts),
      str(sorted(set(round(x, 1) for x in starts))[:6]))
han = [r for pg in range(1, pages + 1) for r in body(pg) if all("\u4e00" <= g["c"] <= "\u9fff" for g in r)]
check("28 characters on a full pure-Han line", max((len(r) for r in han), default=0) == 28,
      str(max((len(r) for r in han), default=0)))
ends = [r[-1]["x"] + r[-1]["w"] for r in han if len(r) == 28]
check("full lines end inside the 156 mm type area", all(R - TOL <= e <= R + 0.3 for e in ends), str(ends[:3]))


def paths(page):
    out = run(["mutool", "trace", pdf, str(page)]).stdout.decode()
    res = []
    for sp in ET.fromstring("<r>" + out + "</r>").iter("stroke_path"):
        pts = [(float(e.get("x")), float(e.get("y"))) for e in sp if e.tag in ("moveto", "lineto")]
        col = [float(c) for c in sp.get("color").split()]
        res.append(dict(lw=float(sp.get("linewidth")), color=col, pts=pts))
    return res


# masthead: red name, red full-width rule below the issuer line
p1 = [r for r in rows if r[0]["p"] == 1]
name = [r for r in p1 if txt(r) == "工作简报"]
check("masthead name on page 1", bool(name))
red = [s for s in paths(1) if s["color"][0] >= 0.8 and max(s["color"][1:]) <= 0.2]
check("a red rule under the masthead", len(red) == 1, str(len(red)))
if red:
    (x0, y0), (x1, y1) = red[0]["pts"][0], red[0]["pts"][-1]
    check("red rule as wide as the type area (156 mm)", abs((x1 - x0) - 156 * MM) <= 1 and abs(x0 - L) <= 1,
          "%.2f..%.2f" % (x0, x1))
    issuer = [r for r in p1 if txt(r).startswith("某某办公室")]
    ry = PH - y0
    check("red rule 4 mm under the issuer line", bool(issuer) and 0 < ry - (issuer[0][0]["y"] + 0.12 * 14) <= 4 * MM + TOL,
          "rule at %.1f" % ry)
    title = [r for r in p1 if txt(r) == "援藏工作情况"]
    check("title below the red rule", bool(title) and title[0][0]["y"] > ry, "")
mast = run(["mutool", "trace", pdf, "1"]).stdout.decode()
check("masthead text is red", re.search(r'color="(\.9\d*|1) 0 \.0\d*"[^>]*>\s*<span[^>]*trm="36 ', mast) is not None)

# page numbers — n —
for pg in range(1, pages + 1):
    num = [r for r in rows if r[0]["p"] == pg and r[0]["y"] > BOTTOM + 5]
    t = txt(num[0]) if num else ""
    if not check("page %d number reads — %d —" % (pg, pg), t == "—%d—" % pg, t):
        continue
    r = [g for g in num[0] if g["c"] != " "]
    check("page %d number is 14 pt" % pg, all(abs(g["size"] - 14) < 0.05 for g in r))
    dash_mid = r[0]["y"] - 0.38 * 14  # the dash sits on the em box's middle
    check("page %d dashes 7 mm below the type area" % pg, abs(dash_mid - (BOTTOM + 7 * MM)) <= TOL,
          "%.2f vs %.2f" % (dash_mid, BOTTOM + 7 * MM))
    if pg % 2:
        check("odd page %d: right-aligned 1 char in" % pg, abs(r[-1]["x"] + r[-1]["w"] - (R - 14)) <= 1,
              "%.2f" % (r[-1]["x"] + r[-1]["w"]))
    else:
        check("even page %d: left-aligned 1 char in" % pg, abs(r[0]["x"] - (L + 14)) <= 1, "%.2f" % r[0]["x"])

# 报/送/发 between full-width rules on the last page, the last rule on the type-area bottom
last = [s for s in paths(pages) if s["color"] == [0.0, 0.0, 0.0] and len(s["pts"]) == 2]
full = [s for s in last if abs(s["pts"][1][0] - s["pts"][0][0] - 156 * MM) <= 1]
check("closing block has full-width rules", len(full) >= 3, str(len(full)))
if full:
    full.sort(key=lambda s: -s["pts"][0][1])
    thick, thin = 0.35 * MM, 0.25 * MM
    check("first and last rules 0.35 mm", abs(full[0]["lw"] - thick) < 0.05 and abs(full[-1]["lw"] - thick) < 0.05,
          "%.3f %.3f" % (full[0]["lw"], full[-1]["lw"]))
    check("middle rules 0.25 mm", all(abs(s["lw"] - thin) < 0.05 for s in full[1:-1]), str([s["lw"] for s in full]))
    edge = PH - (full[-1]["pts"][0][1] - full[-1]["lw"] / 2)
    check("last rule on the type-area bottom", abs(edge - BOTTOM) <= 0.3, "%.2f vs %.2f" % (edge, BOTTOM))
lastp = [txt(r) for r in rows if r[0]["p"] == pages]
for label in ("报：市委办公室。", "送：各部门。", "发：各乡镇。", "（共印40份）"):
    check("closing line %s" % label, any(label in t for t in lastp), str(lastp[-6:]))
sizes = {r[0]["size"] for r in rows if r[0]["p"] == pages and "报：" in txt(r)}
check("closing text 14 pt (4号)", sizes == {14.0}, str(sizes))

finish()
