"""jianbao build: every example with every layout (valid PDF, fonts embedded,
text inside the page), metadata and outline, citations and the 数据来源 list,
contents with links, deterministic output, and errors that write nothing."""
import glob
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, glyphs, jianbao, lines, pdffonts, qpdf_ok, run  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LAYOUTS = ["brief", "gbt9704", "onepager"]
tmp = tempfile.mkdtemp()


def txt(r):
    return "".join(g["c"] for g in r).replace(" ", "")


# ---- every example x every layout ------------------------------------------------
examples = sorted(glob.glob(os.path.join(ROOT, "examples", "*.json")))
examples = [e for e in examples if '"blocks"' in open(e, encoding="utf-8").read()]
check("examples found", len(examples) >= 2, str(examples))
for ex in examples:
    for lay in LAYOUTS:
        name = "%s/%s" % (os.path.basename(ex), lay)
        pdf = os.path.join(tmp, "%s-%s.pdf" % (os.path.basename(ex), lay))
        p = jianbao("build", ex, "--layout", lay, "-o", pdf, "--quiet")
        if not check("build %s" % name, p.returncode == 0, p.stderr.decode()[-300:]):
            continue
        ok, why = qpdf_ok(pdf)
        check("qpdf --check %s" % name, ok, why)
        fonts = pdffonts(pdf)
        check("fonts embedded with ToUnicode %s" % name,
              fonts and all(f[-5:-2] == ["yes", "yes", "yes"] for f in fonts), str(fonts))
        gs = glyphs(pdf)
        out = [g for g in gs if g["x"] < 0 or g["x"] + g["w"] > 595.3 or g["y"] < 0 or g["y"] > 841.9]
        check("no glyph off the page %s" % name, not out, str(out[:2]))
        bad = [g["c"] for g in gs if g["c"] in "\ufffd" or 0x2F00 <= ord(g["c"][0]) <= 0x2FDF]
        check("clean text layer %s" % name, not bad, str(bad[:5]))

# ---- the full example: metadata, outline, contents, citations --------------------
full = os.path.join(ROOT, "examples", "full.json")
pdf = os.path.join(tmp, "full.pdf")
p = jianbao("build", full, "-o", pdf, "--layout", "brief", "--quiet")
check("build full.json", p.returncode == 0, p.stderr.decode()[-300:])
info = run(["pdfinfo", pdf]).stdout.decode()
meta = json.load(open(full, encoding="utf-8"))["meta"]
for key, want in (("Title", meta["title"]), ("Author", meta["author"]), ("Subject", meta["subtitle"]),
                  ("Keywords", ", ".join(meta["keywords"])), ("Creator", "jianbao")):
    m = re.search(r"^%s:\s+(.*)$" % key, info, re.M)
    check("pdfinfo %s" % key, m is not None and m.group(1).strip().startswith(want), m.group(1) if m else info[:200])
check("creation date from meta.date", "Apr 18 00:00:00 2025" in info, info)
lang = run(["mutool", "show", pdf, "trailer/Root/Lang"]).stdout.decode()
check("/Lang from the model", "zh-CN" in lang, lang)
outline = run(["mutool", "show", pdf, "outline"]).stdout.decode()
titles = re.findall(r'"([^"]*)"\t#page=(\d+)', outline)
check("outline lists the headings in order",
      [t for t, _ in titles][:3] == ["一、总体情况", "（一）分行业看", "下一步工作"], str(titles))
check("outline ends with 数据来源", titles and titles[-1][0] == "数据来源", str(titles))
rows = lines(pdf)
alltext = "".join(txt(r) for r in rows)
check("citation marks in the text", "①" in alltext)  # one mark per source sentence
weekly = os.path.join(tmp, "weekly.pdf")
jianbao("build", os.path.join(ROOT, "examples", "weekly.json"), "-o", weekly, "--quiet")
wtext = "".join(txt(r) for r in lines(weekly))
tail = wtext[wtext.rfind("数据来源"):]
# one note per source sentence, naming every figure cited from it
check("数据来源 lists every cited fact with document and sentence",
      all(m in tail for m in "①②③") and "2025年3月全市旅游市场运行分析" in tail
      and "接待游客：382.6万人次；接待游客增速：12.4%" in tail
      and "2025年一季度重点项目推进情况.txt：“一季度，全市46个重点项目全部开工" in tail, tail[:200])
check("数据来源 quotes each sentence once", tail.count("“3月份，全市共接待游客382.6万人次") == 1, tail[:200])
raw = open(pdf, "rb").read()
# two figures of one sentence in a row share one call (总值X，同比增长Y①): 2 contents + 1 citation
check("links for contents and citations", raw.count(b"/Link") >= 3, str(raw.count(b"/Link")))
heads = {t: int(pg) for t, pg in titles}
toc = [txt(r) for r in rows if r[0]["p"] == 1 and re.match(r"^(一、总体情况|下一步工作)\d+$", txt(r))]
check("contents entries with page numbers", len(toc) == 2, str(toc))
for t in toc:
    m = re.match(r"^(.*?)(\d+)$", t)
    check("contents page of %s" % m.group(1), heads.get(m.group(1)) == int(m.group(2)), "%s vs %s" % (t, heads))

# ---- determinism and dates ---------------------------------------------------------
a, b = os.path.join(tmp, "a.pdf"), os.path.join(tmp, "b.pdf")
jianbao("build", full, "-o", a, "--quiet")
jianbao("build", full, "-o", b, "--quiet", env={"SOURCE_DATE_EPOCH": "1"})
check("same input, same bytes", open(a, "rb").read() == open(b, "rb").read())
nodate = os.path.join(tmp, "nodate.json")
with open(nodate, "w", encoding="utf-8") as f:
    json.dump({"meta": {"title": "标题𠀀测试"}, "blocks": [{"type": "paragraph", "text": "正文。"}]}, f, ensure_ascii=False)
c = os.path.join(tmp, "c.pdf")
p = jianbao("build", nodate, "-o", c, env={"SOURCE_DATE_EPOCH": "1767225600"})
info = run(["pdfinfo", c]).stdout.decode()
check("SOURCE_DATE_EPOCH when the model has no date", "Jan  1 00:00:00 2026" in info, info)
check("non-BMP title in the metadata", "标题𠀀测试" in info, info)

# ---- errors: exit 1, located message, nothing written, existing output untouched ----
keep = os.path.join(tmp, "keep.pdf")


def fails(name, doc, *extra, expect=""):
    path = os.path.join(tmp, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False))
    with open(keep, "wb") as f:
        f.write(b"previous")
    p = jianbao("build", path, "-o", keep, *extra)
    err = p.stderr.decode()
    check("%s: exit 1" % name, p.returncode == 1, "rc=%d %s" % (p.returncode, err[-200:]))
    check("%s: message %s" % (name, expect), expect in err, err[-300:])
    check("%s: output untouched" % name, open(keep, "rb").read() == b"previous")
    left = [f for f in os.listdir(tmp) if f.startswith("keep.pdf") and f != "keep.pdf"]
    check("%s: no temporary file left" % name, not left, str(left))


fails("syntax", '{"meta": {"title": "x"},\n "blocks": [}', expect="syntax.json:2:")
fails("schema", {"meta": {"title": "x"}, "blocks": [{"type": "paragraf", "text": "x"}]}, expect="blocks[0]")
fails("fact", {"meta": {"title": "x"}, "blocks": [{"type": "paragraph", "text": [{"fact": "F99"}]}]},
      "--facts", os.path.join(ROOT, "examples", "facts.json"), expect='unknown fact "F99"')
fails("layout", {"meta": {"title": "x"}, "blocks": [{"type": "paragraph", "text": "x"}]}, "--layout", "breif",
      expect="brief")
fails("image", {"meta": {"title": "x"}, "blocks": [{"type": "image", "path": "missing.png"}]}, expect="missing.png")
notpng = os.path.join(tmp, "notpng.png")
with open(notpng, "wb") as f:
    f.write(b"GIF89a not an image")
fails("badimage", {"meta": {"title": "x"}, "blocks": [{"type": "image", "path": notpng}]}, expect="PNG")
p = jianbao("build", full)
check("missing -o is a usage error", p.returncode == 2)
shutil.rmtree(tmp, ignore_errors=True)
finish()
