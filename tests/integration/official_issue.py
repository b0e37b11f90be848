"""版头 and 版记 from options (issue 13): pack seeds --layout gbt9704 alone is a complete
简报 (内部资料, 工作简报, 第1期, 办公室编, a date, 发：各有关单位); the options fill every field
and land in briefing.json, which rebuilds the same text; build takes the same options
on an old (version 1) briefing; 期号 and date set the same way (figures solid); mono
printing leaves red only on the masthead and its rule, --print color brings colour back.
The 版记 closes the last page, an even one (double-sided printing), at its foot."""
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, lines, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SEEDS = os.path.join(ROOT, "seeds")
tmp = tempfile.mkdtemp()


def page_text(pdf, page):
    return "\n".join("".join(g["c"] for g in r if g["c"] != " ") for r in lines(pdf) if r[0]["p"] == page)


def npages(pdf):
    return max(r[0]["p"] for r in lines(pdf))


def colours(pdf):
    """Every fill and stroke colour of every page."""
    out = run(["mutool", "trace", pdf]).stdout.decode()
    return set(re.findall(r'color="([^"]*)"', out))


def pdf_pages(pdf):
    out = run(["pdfinfo", pdf]).stdout.decode()
    return int(re.search(r"Pages:\s+(\d+)", out).group(1))


CLOSING_LABELS = ("报：", "送：", "发：", "抄送：")
FOLIO = re.compile(r"^[—－-]\d+[—－-]$")


def closing_page(name, pdf):
    """GB/T 9704 (double-sided): the 版记 sits at the foot of the last page, an even page; a page
    that holds the 版记 alone carries no page number, and a blank page comes only just before it."""
    n, rows = pdf_pages(pdf), lines(pdf)
    text = lambda r: "".join(g["c"] for g in r if g["c"] != " ")  # noqa: E731
    seal = [r for r in rows if text(r).endswith("印发")][-1:]  # the 版记's last row but one
    if not check("%s: a 版记 (…印发)" % name, seal):
        return
    p = seal[0][0]["p"]
    check("%s: the 版记 is on the last page (%d of %d)" % (name, p, n), p == n)
    check("%s: the 版记 page is even (page %d)" % (name, p), p % 2 == 0)
    check("%s: the 版记 sits at the foot (印发 at %.0f pt of 842)" % (name, seal[0][0]["y"]), seal[0][0]["y"] > 680)
    on = [r for r in rows if r[0]["p"] == p]
    top = min((r[0]["y"] for r in on if text(r).startswith(CLOSING_LABELS)), default=seal[0][0]["y"])
    body = [r for r in on if r[0]["y"] < top - 1 and not FOLIO.match(text(r))]
    folio = [text(r) for r in on if FOLIO.match(text(r))]
    if not body:
        check("%s: a 版记 page alone has no page number" % name, not folio, str(folio))
    used = {r[0]["p"] for r in rows}
    blank = [k for k in range(1, n + 1) if k not in used]
    check("%s: blank pages only just before the 版记 (%s)" % (name, blank), blank in ([], [p - 1]) and (not blank or not body))


d = os.path.join(tmp, "dflt")
p = jianbao("pack", SEEDS, "--layout", "gbt9704", "-o", d, "--by", "none", "-q")
check("pack gbt9704 with no options", p.returncode == 0, p.stderr.decode()[-300:])
pdf = os.path.join(d, "briefing-pack.pdf")
t1 = page_text(pdf, 1)
for want in ["内部资料", "工作简报", "第1期", "办公室编", "年"]:
    check("default 版头 has %s" % want, want in t1, t1[:200])
last = page_text(pdf, npages(pdf))
check("default 版记: 发：各有关单位。 and 办公室 …印发", "发：各有关单位。" in last and "印发" in last, last[-200:])
closing_page("pack seeds", pdf)

# the contents fit on a page, so they are never split (目录 at a page's foot with one entry under it)
d2 = os.path.join(tmp, "counties")
p = jianbao("pack", SEEDS, "--layout", "gbt9704", "-o", d2, "-q")
pdf2 = os.path.join(d2, "briefing-pack.pdf")
toc = [k for k in range(1, 4) if "目录" in page_text(pdf2, k)]
if check("pack gbt9704 with counties has 目录 in its first pages", p.returncode == 0 and len(toc) == 1, str(toc)):
    after = page_text(pdf2, toc[0]).split("目录", 1)[1]
    check("目录 and its last entry (附录：原文) on one page", "附录：原文" in after, after[:300])
    # a wrapped entry's turnover line starts under its text, not under its number
    rows = [[g for g in r if g["c"] != " "] for r in lines(pdf2) if r[0]["p"] == toc[0]]
    rows = [r for r in rows if r and r[0]["c"] not in "—" and "".join(g["c"] for g in r) != "目录"]
    numbered = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
    turn = []
    for prev, r in zip(rows, rows[1:]):
        t = "".join(g["c"] for g in r)
        if not numbered.match(t) and numbered.match("".join(g["c"] for g in prev)):
            m = numbered.match("".join(g["c"] for g in prev)).group(1)
            first = next(g for g in prev[len(m):] if "\u4e00" <= g["c"] <= "\u9fff")  # its text's first character
            turn.append((t[:6], r[0]["x"] - first["x"]))
    check("目录: wrapped entries hang under their text (%s)" % turn, turn and all(abs(d) < 1 for _, d in turn),
          str(turn))
for ex in ("minimal", "full", "gallery", "weekly"):  # bodies ending on odd and even pages
    ex_pdf = os.path.join(tmp, ex + ".pdf")
    p = jianbao("build", os.path.join(ROOT, "examples", ex + ".json"), "--layout", "gbt9704", "-o", ex_pdf, "-q")
    if check("build %s gbt9704" % ex, p.returncode == 0, p.stderr.decode()[-300:]):
        closing_page(ex, ex_pdf)

o = os.path.join(tmp, "opts")
args = ["--title", "援藏工作简报", "--issue", "12", "--issue-total", "128", "--issuer", "自治区援藏工作办公室",
        "--date", "2026-12-06", "--to", "自治区党委办公厅、自治区人民政府办公厅", "--cc", "各援藏工作队",
        "--copies", "200", "--classification", "秘密★1年", "--printer", "自治区援藏工作办公室秘书处",
        "--print-date", "2026-12-07"]
p = jianbao("pack", SEEDS, "--layout", "gbt9704", "-o", o, "--by", "none", "-q", *args)
check("pack gbt9704 with options", p.returncode == 0, p.stderr.decode()[-300:])
pdf = os.path.join(o, "briefing-pack.pdf")
t1, last = page_text(pdf, 1), page_text(pdf, npages(pdf))
for want in ["秘密★1年", "援藏工作简报", "第12期（总第128期）", "自治区援藏工作办公室编", "2026年12月6日"]:
    check("版头 has %s" % want, want in t1, t1[:300])
for want in ["报：自治区党委办公厅，自治区人民政府办公厅。", "抄送：各援藏工作队。", "（共印200份）",
             "自治区援藏工作办公室秘书处", "2026年12月7日印发"]:
    check("版记 has %s" % want, want in last, last[-300:])
model = json.load(open(os.path.join(o, "briefing.json"), encoding="utf-8"))
m = model["meta"]
check("briefing.json keeps the options (version 2)", model.get("version") == 2 and m.get("masthead") == "援藏工作简报"
      and m.get("issue") == 12 and m["distribution"].get("print_count") == 200, json.dumps(m, ensure_ascii=False)[:300])
re_pdf = os.path.join(tmp, "rebuilt.pdf")
p = jianbao("build", os.path.join(o, "briefing.json"), "-o", re_pdf, "-q")
check("briefing.json rebuilds the same 版头", p.returncode == 0 and page_text(re_pdf, 1) == t1, p.stderr.decode()[-200:])

# 期号 and the date: one rule (figures solid beside Han)
for r in lines(pdf):
    if r[0]["p"] != 1:
        break
    g = [x for x in r if x["c"] != " "]
    t = "".join(x["c"] for x in g)
    gaps = [round(b["x"] - a["x"] - a["w"], 2) for a, b in zip(g, g[1:]) if a["c"].isdigit() != b["c"].isdigit()
            and a["c"] in "第期年月日0123456789" and b["c"] in "第期年月日0123456789"]
    if "第12期" in t or "2026年" in t:
        check("版头 %s: figures set solid" % t[:12], gaps and max(gaps) < 0.05, str(gaps))

# an old briefing (version 1) with build options
old = os.path.join(ROOT, "examples", "full.json")
check("examples/full.json is version 1", json.load(open(old, encoding="utf-8")).get("version", 1) == 1)
b_pdf = os.path.join(tmp, "old.pdf")
p = jianbao("build", old, "--layout", "gbt9704", "-o", b_pdf, "-q", "--issue", "增刊1", "--cc", "各县（区）")
t1 = page_text(b_pdf, 1)
check("an old briefing builds with options", p.returncode == 0 and "第增刊1期" in t1 or "增刊1" in t1,
      p.stderr.decode()[-200:] + t1[:100])

# mono: red only on the masthead (name and rule); colour with --print color
mono = colours(b_pdf)
reds = {c for c in mono if len(c.split()) == 3 and float(c.split()[0]) > 0.8 and float(c.split()[1]) < 0.2}
nongrey = {c for c in mono if len(set(c.split())) > 1} - reds
check("mono: no colour but the masthead red", not nongrey, str(nongrey))
red_items = run(["mutool", "trace", b_pdf, "1"]).stdout.decode().count('color=".902 0 .071"')
check("mono: red on the masthead name and rule", red_items >= 2, str(red_items))
c_pdf = os.path.join(tmp, "color.pdf")
jianbao("build", old, "--layout", "gbt9704", "-o", c_pdf, "-q", "--print", "color")
check("--print color keeps chart colours", len({c for c in colours(c_pdf) if len(set(c.split())) > 1}) > 1)
p = jianbao("build", old, "--layout", "gbt9704", "-o", c_pdf, "--print", "grey")
check("--print grey is refused", p.returncode == 2 and b"mono or color" in p.stderr, p.stderr.decode()[-200:])
finish()
