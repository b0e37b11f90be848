"""Issue 13, captions and numbered items, read back from glyph positions (mutool stext):
- a caption's label (表1, 图2-1, 图3) is followed by one full-width space before its
  words, in table, chart and image captions, on gbt9704 and brief ("表1 3月份" must
  not read 表13月份, "图2-1各县" not run on);
- on gbt9704 numbered items (an ordered list's 1. 2., a paragraph opening （一）)
  take a first-line indent: the number stands 2 em in, turnover lines start at the
  left margin (not hanging under the text); an unordered list has no bullets (•) but
  the numbers an office uses (1. 2.), unless an item opens with its own (一是)."""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, lines  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
tmp = tempfile.mkdtemp()
shutil.copy(os.path.join(ROOT, "examples", "map.png"), tmp)
LONG = "对口支援地区教育、医疗、产业和就业等重点领域工作稳步推进，各项任务按计划有序完成，群众获得感明显增强"
CAPTIONS = [("表1", "3月份各县项目资金"), ("图2-1", "各县一般公共预算收入"), ("图3", "受援县区位")]
DOC = {"version": 1, "meta": {"title": "题注与编号"}, "blocks": [
    {"type": "table", "caption": "表1 3月份各县项目资金", "unit": "万元",
     "header": ["县", "资金"], "rows": [["巴宜区", 1200], ["米林市", 860]]},
    {"type": "chart", "kind": "column", "caption": "图2-1各县一般公共预算收入", "unit": "万元",
     "categories": ["巴宜区", "米林市"], "series": [{"name": "收入", "values": [1200, 860]}]},
    {"type": "image", "path": "map.png", "width_mm": 60,
     "caption": "图3 受援县区位"},
    {"type": "list", "ordered": True, "items": [LONG, LONG]},
    {"type": "paragraph", "text": "（一）" + LONG + "。"},
    {"type": "list", "items": ["要点甲。", "一是要点乙。", "2024年完成投资5亿元。"]},
    {"type": "paragraph", "text": "据统计〔9〕项目资金共计8亿元，其中〔12〕号文件安排3亿元。"},
    {"type": "heading", "level": 1, "text": "分县情况"}, {"type": "heading", "level": 2, "text": "林芝市"},
    {"type": "heading", "level": 3, "text": "墨脱县"}, {"type": "list", "items": ["捐赠物资60万元。"]}]}


def build(layout):
    src, pdf = os.path.join(tmp, "items.json"), os.path.join(tmp, "items-%s.pdf" % layout)
    with open(src, "w", encoding="utf-8") as f:
        json.dump(DOC, f, ensure_ascii=False)
    p = jianbao("build", src, "--layout", layout, "-o", pdf, "-q")
    check("build %s" % layout, p.returncode == 0, p.stderr.decode()[-300:])
    return lines(pdf)


def caption_gaps(layout, rows):
    for label, words in CAPTIONS:
        hit = None
        for r in rows:
            r = [g for g in r if g["c"] != " "]  # mutool's guessed spaces
            t = "".join(g["c"] for g in r)
            i = t.find(label)
            j = t.find(words[:2], i + len(label)) if i >= 0 else -1
            if i >= 0 and j >= 0:
                last, first = r[i + len(label) - 1], r[j]
                hit = (t, (first["x"] - (last["x"] + last["w"])) / first["size"], j - i - len(label))
                break
        ok = hit and 0.9 <= hit[1] <= 1.1 and all(c in "\u3000 " for c in hit[0][hit[0].find(label) + len(label):][:hit[2]])
        check("%s: %s then one full-width space before %s" % (layout, label, words[:2]), ok,
              "gap %.2f em in %r" % (hit[1], hit[0]) if hit else "caption not found")


def item_indents(rows):
    L = 28 * 72 / 25.4
    for mark in ["1．", "2．", "（一）"]:
        i = next((k for k, r in enumerate(rows) if "".join(g["c"] for g in r).startswith(mark)), None)
        if i is None or i + 1 >= len(rows):
            check("gbt9704: item %s found" % mark, False, "not found")
            continue
        em = rows[i][0]["size"]
        first, turn = (rows[i][0]["x"] - L) / em, (rows[i + 1][0]["x"] - L) / em
        check("gbt9704: item %s: first line 2 em in (%.2f), turnover at the margin (%.2f)" % (mark, first, turn),
              abs(first - 2) < 0.05 and abs(turn) < 0.05)


def bracket_groups(rows):
    """On the grid a bracketed number reads as one group: 〔9〕, not 〔 9 〕 (the
    spare half cell of an odd-width number goes outside the brackets)."""
    for r in rows:
        r = [g for g in r if g["c"] != " "]
        for k in range(len(r) - 1):
            if r[k]["c"].isdigit() and r[k + 1]["c"] == "〕":
                gap = (r[k + 1]["x"] - r[k]["x"] - r[k]["w"]) / r[k]["size"]
                check("gbt9704: no space before 〕 after %s (%.2f em)" % (r[k]["c"], gap), gap < 0.1)


def no_bullets(rows):
    texts = ["".join(g["c"] for g in r if g["c"] != " ") for r in rows]
    check("gbt9704: no bullets", not any("•" in t or "·" in t for t in texts), str([t for t in texts if "•" in t][:2]))
    check("gbt9704: unordered items numbered 1. and one left with its own 一是",
          "1．要点甲。" in texts and "一是要点乙。" in texts, str(texts[-3:]))


def labels_apart(rows):
    """An item label (GB/T 9704's third level 1．) takes its own cells: when the text after it
    starts with a digit, the digit starts a new cell, so 3．2024年 never reads as a decimal 3.2024;
    items under a heading numbered 1． take the next level, （1）."""
    seen = 0
    for r in rows:
        r = [g for g in r if g["c"] != " "]
        t = "".join(g["c"] for g in r)
        k = 0
        while k < len(r) and r[k]["c"].isdigit():
            k += 1
        if 0 < k < len(r) - 1 and r[k]["c"] in ".．" and r[k + 1]["c"].isdigit():
            seen += 1
            gap = (r[k + 1]["x"] - r[k]["x"]) / r[k]["size"]
            check("gbt9704: label %s apart from the digit after it (%.2f em from the point)" % (t[:k + 1], gap),
                  r[k]["c"] == "．" and gap >= 0.45, t[:12])
    check("gbt9704: an item label followed by a digit seen", seen >= 1)
    texts = ["".join(g["c"] for g in r if g["c"] != " ") for r in rows]
    i = next((n for n, t in enumerate(texts) if t.endswith("墨脱县")), None)
    check("gbt9704: items under the heading 1．墨脱县 numbered （1）",
          i is not None and texts[i].startswith("1．") and texts[i + 1].startswith("（1）捐赠"), str(texts[-3:]))


def ordinal_lists():
    """一、二、三产业增加值… opening an item is a list of ordinals, not the item's own number
    (it was set as an outline number: 一、　二、　　三产业…); 一、加强… is one."""
    src, pdf = os.path.join(tmp, "ordinals.json"), os.path.join(tmp, "ordinals.pdf")
    with open(src, "w", encoding="utf-8") as f:
        json.dump({"version": 2, "meta": {"title": "测试"}, "blocks": [{"type": "list", "items": [
            "一、二、三产业增加值分别为42.90亿元、81.29亿元、159.90亿元。", "一、加强项目管理。"]}]}, f, ensure_ascii=False)
    p = jianbao("build", src, "--layout", "gbt9704", "-o", pdf, "-q")
    texts = ["".join(g["c"] for g in r if g["c"] != " ") for r in lines(pdf)] if p.returncode == 0 else []
    check("gbt9704: 一、二、三产业… takes the item's number 1．", any(t.startswith("1．一、二、三产业") for t in texts),
          str(texts[-4:]))
    check("gbt9704: 一、加强… keeps its own number", any(t.startswith("一、加强项目管理") for t in texts), str(texts[-4:]))


ordinal_lists()
for layout in ["gbt9704", "brief"]:
    rows = build(layout)
    caption_gaps(layout, rows)
    if layout == "gbt9704":
        item_indents(rows)
        no_bullets(rows)
        bracket_groups(rows)
        labels_apart(rows)
finish()
