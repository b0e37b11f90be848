"""jianbao build, read back from the PDF: a table row taller than a page is
split by line (every line once, none outside the type area), footnotes sit at
the foot of their page, the 数据来源 list and chart notes cite document,
paragraph and sentence, and a table mixing a count and a money column states
one unit per column."""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, lines, run  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
tmp = tempfile.mkdtemp(prefix="jb-notes-")
MM = 72 / 25.4


def build(name, doc, *extra):
    src = os.path.join(tmp, name + ".json")
    with open(src, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    pdf = os.path.join(tmp, name + ".pdf")
    p = jianbao("build", src, "-o", pdf, *extra)
    return pdf, p


def pdftext(pdf):
    return run(["pdftotext", pdf, "-"]).stdout.decode()


def squeeze(s):
    return "".join(s.split())


# 1. A row of 300 numbered sentences in a narrow column: taller than a page.
tall = "".join("【%03d】该项目资金按进度拨付到位。" % i for i in range(1, 301))
for layout, top_mm, bottom_mm in (("brief", 22, 22), ("gbt9704", 37, 297 - 37 - 225)):
    doc = {"meta": {"title": "长行表"}, "blocks": [
        {"type": "paragraph", "text": "前文说明。" * 30},
        {"type": "table", "caption": "表1 明细", "header": ["序号", "说明", "金额"],
         "rows": [["1", "短行", 10], ["2", tall, 20], ["3", "短行三", 30]], "source": "县财政局"}]}
    pdf, p = build("tall-" + layout, doc, "--layout", layout)
    err = p.stderr.decode()
    check("%s: tall row builds without a forced break" % layout, p.returncode == 0 and "does not fit" not in err
          and "had to split" not in err, err[-300:])
    text = squeeze(pdftext(pdf))
    missing = [i for i in range(1, 301) if text.count("【%03d】" % i) != 1]
    check("%s: every line of the tall row appears once" % layout, not missing, str(missing[:10]))
    pages = text.count("续表1")
    check("%s: the row continues under 续表 with its header" % layout, pages >= 1 and text.count("序号") == pages + 1,
          "续表 %d, 序号 %d" % (pages, text.count("序号")))
    order = [text.find("【%03d】" % i) for i in (1, 150, 300)]
    check("%s: lines in order, then the next row" % layout, order == sorted(order) and text.find("短行三") > order[-1])
    out = [(r[0]["p"], r[0]["y"]) for r in lines(pdf) if r[0]["size"] < 12 and
           (r[0]["y"] < top_mm * MM - 1 or r[0]["y"] > (297 - bottom_mm) * MM + 1)
           and "长行表" not in "".join(g["c"] for g in r) and not any(g["c"] in "—第页/" for g in r)]
    check("%s: no table line outside the type area" % layout, not out, str(out[:5]))

# 2. Footnotes at the foot of the page they are attached to.
blocks = []
for i in range(10):
    blocks.append({"type": "paragraph", "text": "全县经济运行总体平稳，主要指标保持增长，重点项目建设加快推进。" * 4 + "（段%d）" % i})
    if i == 1:
        blocks.append({"type": "footnote", "text": "甲注：增速按可比价格计算。"})
pdf, p = build("foot", {"meta": {"title": "脚注"}, "blocks": blocks})
check("footnote briefing builds", p.returncode == 0, p.stderr.decode()[-300:])
rows = lines(pdf)
note = [r for r in rows if "".join(g["c"] for g in r).startswith("注：甲注")]
body = [r for r in rows if r[0]["p"] == 1 and r[0]["size"] == 10.5]
check("footnote printed once", len(note) == 1, str(len(note)))
if note and body:
    n = note[0][0]
    check("footnote on the page of its text", n["p"] == 1, str(n["p"]))
    check("footnote below every body line", n["y"] > max(r[0]["y"] for r in body), "%.1f" % n["y"])
    check("footnote on the type-area bottom", abs(n["y"] - (297 - 22) * MM) < n["size"] * 1.4,
          "%.1f vs %.1f" % (n["y"], (297 - 22) * MM))
    after = [r for r in rows if "段2" in "".join(g["c"] for g in r).replace(" ", "")]
    check("text after the footnote block flows on", after and (after[0][0]["p"] > 1 or after[0][0]["y"] < n["y"]),
          str([(r[0]["p"], r[0]["y"]) for r in after]))

# 3. Sources and chart notes cite file, paragraph and sentence (examples/full.json).
full = os.path.join(tmp, "full.pdf")
p = jianbao("build", os.path.join(ROOT, "examples", "full.json"), "-o", full, "--quiet")
check("full.json builds", p.returncode == 0, p.stderr.decode()[-300:])
t = squeeze(pdftext(full))
check("数据来源 entry: document (its short title), paragraph, sentence",
      "来源：《2025年一季度全县经济运行…》第2段：“一季度，全县实现地区生产总值157637万元，同比增长6.2%。”" in t, t[-300:])
check("the sentence given once in facts.json serves the second fact too",
      "地区生产总值增速：6.2%。来源：《2025年一季度全县经济运行…》第2段：“一季度" in t)
check("the chart of a fact series cites its sentence",
      "数据来源：《2025年一季度全县经济运行…》第2段：“第一、二、三产业增加值分别为19704万元、60059万元和77874万元。”" in t)

# 4. A count column beside a money column: one unit per column, in the header.
doc = {"meta": {"title": "单位"}, "blocks": [
    {"type": "table", "caption": "表1 项目与资金", "unit": "万元", "columns": [{}, {"unit": "个"}, {}],
     "header": ["县", "项目数", "资金"], "rows": [["乃东区", 12, 157637], ["琼结县", 8, 57150]]}]}
pdf, p = build("units", doc)
t = squeeze(pdftext(pdf))
check("count column header states 个", "项目数（个）" in t, t[:200])
check("money column header states its scale", "资金（亿元）" in t and "15.76" in t, t[:200])
check("no table-wide unit line", "单位：" not in t, t[:200])

shutil.rmtree(tmp, ignore_errors=True)
finish()
