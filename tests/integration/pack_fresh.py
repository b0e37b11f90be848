#!/usr/bin/env python3
"""Key figures, their notes and the category charts of reports jianbao was not built
on (tests/data/fresh/4NN_*: work reports and statistics bulletins of 海西州, 海南州,
第二师铁门关市, 沙雅县, 霍城县) and of two corpus reports (201, 212), read as a
secretary about to forward the pack would read them:

- a tile's label names what is measured: not a change from a base (比上年末增加), not
  the place the note already gives (全州地区生产总值, 年末全区常住人口), not an act
  (指标摸底测算, 开发就业岗位) nor a bare total of something unnamed (总投资);
- no tile shows a share of another tile's figure (农林牧渔业总产值…其中：农业产值);
- a tile's note writes its years with 年 (2020年, not 2020);
- a category chart is titled with what it counts (a table's 项目 column names
  its rows; a chart's bars carry only the names): its categories (第一、二、三产业增加值, 出生、死亡人口), never a bare
  增加值, 人口 or 率; and no bar is named by one character (牧, 渔 of a list cut
  inside its words)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JB = os.environ.get("JB", os.path.join(ROOT, "build/release/jianbao"))
CORPUS = ["201", "212"]
fails = 0


def check(name, ok, why=""):
    global fails
    print(("PASS: %s" % name) if ok else ("FAIL: %s: %s" % (name, str(why)[:300])))
    fails += not ok
    return ok


PLACE_WORD = re.compile("^(年末|年底|年初)?全(地区|州|区|县|市|省|盟|师)")
BARE = ("总投资", "总金额", "投资总额", "资金总额", "总规模")


def label_fault(label):
    """Why a tile label does not name a measure (None when it does)."""
    if re.match("(比上|比去年|较)", label):
        return "a change from a base"
    if PLACE_WORD.match(label):
        return "the place the note gives"
    if label in BARE:
        return "a bare total"
    if re.search("(测算|核算|摸底)$", label) or re.match("开发(?!区)|打造|创建|共建|动员|推动|组织|开展", label):
        return "an act"
    if re.search("(地区|省区市|省市|县市)$", label) or re.fullmatch("[省区市县州盟旗乡镇村]+", label):
        return "where, not what (the counted noun follows the number)"
    if re.fullmatch("(按可比价格?计算)?(比上年|较上年|同比)?(增长|下降|增加|减少|提高|降低|上涨)", label):
        return "how it moved, not what"
    if label in ("增加值", "总产值", "产值", "利润", "总量", "收入", "支出", "完成增加值", "完成总产值"):
        return "of what? (the subject went with the clause before)"
    return None


def parts(tiles, texts):
    """Pairs of tiles where the second is a share (其中) of the first: in its sentence
    or the next, 其中 between them."""
    out = []
    for a in tiles:
        for b in tiles:
            if a is b or a["doc"] != b["doc"] or a["end"] > b["start"]:
                continue
            between = texts[a["doc"]][a["end"]:b["start"]]
            m = re.search("其中|按[^，。,]{1,5}分[，：,:]", between)  # 按城乡分，城镇常住人口…: a breakdown too
            if not m:
                continue
            before, after = between[:m.start()], between[m.end():]
            ends = len(re.findall("[。！？]\n?|\n", before))  # 其中： may open the next paragraph
            if ends <= 1 and not re.search("[。！？\n]", after):
                out.append((a["text"], b["text"]))
    return out


def titled_by_categories(caption, cats):
    """A title that names its categories holds one of them, or their compact form
    (第一、二、三产业 holds 第一产业's head), or the word both share (城乡 of 城镇/农村)."""
    names = [re.sub("（预计）$", "", c) for c in cats if isinstance(c, str)]
    return bool(names) and (any(n in caption for n in names) or names[0][:1] in caption)


SYNTHETIC = {  # texts written for single rules, packed together
    "aid.txt": ("江苏援疆工作综述\n2024-04-26 来源：经济报\n"
        "从1997年至2023年，江苏累计提供援助资金321亿元，选派11批共3000多人次干部人才到新疆工作。\n"
        "江苏对口支援新疆县（市）数量和人口居全国首位，成为全国唯一设有2个前方指挥部的省份。\n"
        "2010年新一轮对口援疆工作开始后，江苏援疆范围扩展为伊犁州直属所有10个县（市）。\n"),
    "report.txt": ("某地区政府工作报告\n——2023年1月10日在某地区人民代表大会上\n一、2022年工作回顾\n"
        "全年完成地区生产总值877.47亿元，增长5.2%。\n"),
    "prices.txt": ("某区2023年国民经济和社会发展统计公报\n全年地区生产总值594.38亿元，比上年增长7.6%。\n"
        "价格：全年居民消费价格（CPI）比上年上涨0.1%。其他用品和服务类价格上涨4.9%，衣着类价格上涨2.6%，"
        "教育文化和娱乐类价格上涨2.1%，生活用品及服务类价格上涨1.0%，医疗保健类价格上涨0.8%；"
        "食品烟酒类价格下降0.4%，居住类价格下降0.9%，交通和通信类价格下降1.3%。\n"),
    "corps.txt": ("2020年某市国民经济和社会发展统计公报\n初步核算，全年第一师阿拉尔市生产总值〔2〕332亿元，"
        "比上年增长6.2%。全年新增就业9468人。全年一般公共预算收入2.94亿元，同比下降5.44%。"
        "农林牧渔业完成总产值84.06亿元，完成增加值45.69亿元，按可比价计算同比增长4.5%。\n"),
    "vague.txt": ("辽宁援藏工作成效\n2024-11-14 来源：中国西藏网\n两年来，工作队累计举办招商引资活动9次，"
        "达成签约项目数十个、达成协议资金数十亿元。研究中心已到位资金4500万元，包含辽宁援藏资金3000万元。\n"),
    "fromto.txt": ("某州政府工作报告\n——2016年2月26日在某州人民代表大会上\n一、“十二五”工作回顾\n"
        "五年来，全州地区生产总值由2010年的77亿元跃升到2015年的161.1亿元，年均增长13.8%。\n"
        "规模以上固定资产投资年均增长23.5%，累计完成投资1008亿元。单位GDP能耗累计下降10.7%。\n"),
    "index.txt": ("某市2021年国民经济和社会发展统计公报\n全年地区生产总值366亿元，比上年增长5.1%。\n"
        "全年居民消费价格（CPI）比上年上涨1.2%。其中：食品价格上涨0.2%；服务价格上涨0.5%。全年商品零售价格上涨2.1%。\n"
        "八大类商品及服务价格“五升三降”。\n"
        "年末全市常住人口69.33万人。\n60周岁及以上 7 10.0\n65周岁及以上 5.0 7.1\n"),
    "ganzhou.txt": ("张掖市甘州区工作情况（2025年）\n2026-02-04 来源：甘州区政府\n全年地区生产总值增长7.3%，"
        "粮食播种面积93.2万亩，新建高标准农田12万亩。\n"),
    "turn.txt": ("北京援青工作综述\n2023-08-31 来源：青海日报\n从首都到三江源头，相隔千山万水，北京对口援建玉树工作"
        "却将一个个援青干部与43.2万康巴儿女紧紧相连。\n"),
}


def main():
    src = tempfile.mkdtemp(prefix="jb-fresh-src-")
    texts = {}
    for folder, keep in (("tests/data/fresh", lambda f: f.startswith("4") or f[:3] in ("301", "304")),
                         ("tests/data/corpus", lambda f: f[:3] in CORPUS)):
        for f in sorted(os.listdir(os.path.join(ROOT, folder))):
            if f.endswith(".txt") and keep(f):
                shutil.copy(os.path.join(ROOT, folder, f), src)
                texts[f] = open(os.path.join(ROOT, folder, f), encoding="utf-8").read()
    check("seven fresh reports and two corpus reports", len(texts) == 9, sorted(texts))
    out = tempfile.mkdtemp(prefix="jb-fresh-")
    p = subprocess.run([JB, "pack", src, "-o", out, "--quiet"], capture_output=True)
    check("fresh: pack exits 0", p.returncode == 0, p.stderr.decode()[-300:])
    facts = json.load(open(os.path.join(out, "facts.json"), encoding="utf-8"))
    recs = {r["id"]: r for r in facts["facts"]}
    model = json.load(open(os.path.join(out, "briefing.json"), encoding="utf-8"))
    tiles, charts = [], []
    for b in model["blocks"]:
        if b.get("type") == "tiles":
            tiles += [it for it in b["items"] if it.get("fact") in recs]
        if b.get("type") == "chart" and b.get("kind") == "bar":
            charts.append((b.get("caption", ""), b.get("categories") or []))
    check("fresh: tiles (%d) and category charts (%d) to read" % (len(tiles), len(charts)),
          len(tiles) >= 20 and len(charts) >= 6, (len(tiles), len(charts)))
    bad = [(it.get("label"), recs[it["fact"]]["text"], label_fault(it.get("label", ""))) for it in tiles
           if label_fault(it.get("label", ""))]
    check("fresh: tile labels name what is measured", not bad, bad)
    by_doc = {}
    for it in tiles:
        by_doc.setdefault(recs[it["fact"]]["doc"], []).append(recs[it["fact"]])
    heads = [(it.get("label"), recs[it["fact"]]["text"]) for it in tiles
             if recs[it["fact"]]["start"] < texts.get(recs[it["fact"]]["doc"], "").find("\n")]
    check("fresh: no tile takes a headline's figure (the text says what it measures)", not heads, heads)
    shares = [x for d, ts in by_doc.items() for x in parts(ts, {d: texts.get(d, "")})]
    check("fresh: no tile shows a share (其中) of another tile", not shares, shares)
    notes = [it.get("note", "") for it in tiles if re.match(r"\d{4}(—\d{4})?(?!\d|年)", it.get("note", ""))]
    check("fresh: tile notes write years with 年", not notes, notes[:3])
    cut = [(c, cats) for c, cats in charts if any(len(re.sub("（预计）$", "", x)) < 2 for x in cats)]
    check("fresh: category bars carry names of two characters or more", not cut, cut)
    untitled = [(c, cats) for c, cats in charts if not titled_by_categories(c, cats)]
    check("fresh: category charts are titled by their categories", not untitled, untitled)
    # a county's own bulletin (沙雅县2020年…统计公报 names 自治区 far more often than itself):
    # its figures are the county's, so the county gets its one-pager; the pack's document
    # section is that county's already and has no 分县 section saying it all again
    for county, stem in (("沙雅县", "404_"), ("霍城县", "405_"), ("铁门关市", "403_")):
        doc = next(d for d in texts if d.startswith(stem))
        own = [r for r in facts["facts"] if r["doc"] == doc and not r.get("is_label") and r.get("kind") != "year"]
        at = [r for r in own if r.get("place") == county]
        check("fresh: %s's bulletin places its figures in %s (%d of %d)" % (county, county, len(at), len(own)),
              len(at) * 2 > len(own), sorted({r.get("place") for r in own if r.get("place") != county}, key=str))
        page = os.path.join(out, "counties", county + ".pdf")
        if check("fresh: %s has a one-pager" % county, os.path.exists(page)):
            t = subprocess.run(["pdftotext", page, "-"], capture_output=True).stdout.decode()
            check("fresh: %s's page quotes no mentions of it from its own report" % county, "原文中提及" not in t)
        heads = [b.get("text") for b in model["blocks"] if b.get("type") == "heading"]
        check("fresh: no county section restates %s's own report" % county, county not in heads, heads)
    # a statement says what changed: never a bare 比上年增长7.5% cut from the clause after its measure
    bare = re.compile(r"^(比上年|比去年|较上年|较去年|同比|环比|比\d|(增长|下降|增加|减少|提高|降低)[\d.]+(%|个百分点))")
    items = [it if isinstance(it, str) else "".join(x for x in it if isinstance(x, str))
             for b in model["blocks"] if b.get("type") == "list" for it in b["items"]]
    for pdf in sorted(os.listdir(os.path.join(out, "counties"))):
        t = subprocess.run(["pdftotext", "-layout", os.path.join(out, "counties", pdf), "-"], capture_output=True)
        items += [ln.strip()[1:].strip() for ln in t.stdout.decode().splitlines() if ln.strip().startswith("•")]
    # what grew never stands without its figure (第二产业增加值第三产业增加值。), nor a rate
    # without what grew run into the next (规上工业增加值增长社会消费品零售总额增长6.4%)
    points = [it for b in model["blocks"] if b.get("type") == "list" for it in b["items"] if isinstance(it, str)]
    empty = [c for x in points for c in re.split("[，；。]", x) if re.search("(值|额|量)$", c) and not re.search(r"\d", c)]
    check("fresh: no 要点 names a measure without its figure", not empty, empty[:3])
    runon = [x for x in points if re.search("(增长|下降)[\u4e00-\u9fff]{4,}(增长|下降)\d", x)]
    check("fresh: no 要点 runs a rate's measure into the next one", not runon, runon[:3])
    loose = [x for x in items if bare.match(x)]
    check("fresh: no statement opens with a bare change (%d statements)" % len(items), items and not loose, loose[:3])
    # a pack of work reports and bulletins alone is no 援建 briefing; a title with a title in it
    # nests 〈〉 inside 《》, never 《《
    only = tempfile.mkdtemp(prefix="jb-fresh-own-")
    for f in texts:
        if f.startswith("4"):
            shutil.copy(os.path.join(src, f), only)
    with open(os.path.join(only, "nested.txt"), "w", encoding="utf-8") as fh:
        fh.write("《黄南州志》正式出版发行\n2024-04-26 来源：黄南报\n全书共120万字，收录图片500幅。\n")
    out2 = tempfile.mkdtemp(prefix="jb-fresh-own-out-")
    p = subprocess.run([JB, "pack", only, "-o", out2, "--quiet"], capture_output=True)
    m2 = json.load(open(os.path.join(out2, "briefing.json"), encoding="utf-8")) if p.returncode == 0 else {}
    check("fresh: a pack of bulletins and a book notice is titled 工作数据简报汇编",
          m2.get("meta", {}).get("title") == "工作数据简报汇编", m2.get("meta"))
    raw = json.dumps(m2, ensure_ascii=False)
    check("fresh: a title inside 《》 takes 〈〉", "《《" not in raw and "〈黄南州志〉" in raw, raw[:200])
    # a 要点 keeps who acts and when: the subject of a clause left out for its key figure
    # (江苏累计提供援助资金321亿元，选派11批… -> 江苏选派11批…), the clause before a copula
    # (…居全国首位，成为全国唯一…), a lead that says when though long (2010年新一轮…开始后)
    aid = tempfile.mkdtemp(prefix="jb-fresh-aid-")
    for name, text in SYNTHETIC.items():
        with open(os.path.join(aid, name), "w", encoding="utf-8") as fh:
            fh.write(text)
    out3 = tempfile.mkdtemp(prefix="jb-fresh-aid-out-")
    p = subprocess.run([JB, "pack", aid, "-o", out3, "--quiet"], capture_output=True)
    m3 = json.load(open(os.path.join(out3, "briefing.json"), encoding="utf-8")) if p.returncode == 0 else {}
    pts = " | ".join(it for b in m3.get("blocks", []) if b.get("type") == "list" for it in b["items"]
                     if isinstance(it, str))
    for want in ("江苏选派11批", "居全国首位，成为全国唯一", "2010年新一轮对口援疆工作开始后，江苏"):
        check("fresh: a 要点 keeps who and when: %s" % want, want in pts, pts[:300])
    check("fresh: no 要点 keeps a turn without its first half (…却将…)", "却" not in pts, pts[:300])
    cats = [c for b in m3.get("blocks", []) if b.get("type") == "chart" for c in b.get("categories", [])]
    check("fresh: no 要点 whose only figure is an enumeration in words (八大类…“五升三降”)", "八大类" not in pts, pts[-300:])
    cuts = sorted(set(re.findall(r"《[^》]*[（“【〈][^）”】〉》]*…》", json.dumps(m3, ensure_ascii=False))))
    check("fresh: a cited title is never cut inside a bracket or a quote", not cuts, cuts[:3])
    check("fresh: no bar of another index (商品零售 beside CPI's 食品, 服务) nor a cut label (以上)",
          "商品零售" not in cats and not any(str(c).startswith("以上") for c in cats), cats)
    check("fresh: no 要点 keeps a from-to without its figures (由2010年的年均增长…)",
          not re.search(r"[由从]\d{4}年的[^\d]", pts), pts[:300])

    check("fresh: no 要点 opens with a paragraph's rubric (价格：…)", "价格：" not in pts, pts[:300])
    check("fresh: a note's call 〔2〕 is no figure and prints in no 要点", "〔2〕" not in pts and "阿拉尔市生产总值" in pts,
          pts[:300])
    labels = [t.get("label") for b in m3.get("blocks", []) if b.get("type") == "tiles" for t in b["items"]]
    tiles3 = [t for b in m3.get("blocks", []) if b.get("type") == "tiles" for t in b["items"]]
    rec3 = {r["id"]: r for r in json.load(open(os.path.join(out3, "facts.json"), encoding="utf-8"))["facts"]}
    words = [rec3[t["fact"]]["text"] for t in tiles3 if re.search("数[十百千万]|几", rec3[t["fact"]]["text"])]
    check("fresh: no tile shows a size in words (数十亿元)", not words, words)
    acts = [x for x in labels if re.match("(包含|包括)", x or "") or "是" in (x or "")]
    check("fresh: no tile label opens with 包含 or holds a 是-clause", not acts, acts)
    check("fresh: a total over years says so (累计完成投资), never only how it moved (累计下降)",
          "累计完成投资" in labels and "累计下降" not in labels and "完成投资" not in labels, labels)
    vague = [(x, label_fault(x or "")) for x in labels if label_fault(x or "")]
    check("fresh: tile labels of a bulletin say what moved and of what", not vague, vague)
    check("fresh: the place the note gives is not in the label (生产总值, not 第一师阿拉尔市生产总值)",
          "生产总值" in labels and not any("阿拉尔市" in (x or "") for x in labels), labels)
    tables = [b for b in m3.get("blocks", []) if b.get("type") == "table" and "价格" in b.get("caption", "")]
    words = [r[1] for b in tables for r in b.get("rows", [])]
    check("fresh: prices of eight classes both ways are one table with 上涨/下降 (%s)" % [b.get("caption") for b in tables],
          len(tables) == 1 and len(words) == 8 and words.count("上涨") == 5 and words.count("下降") == 3, words)
    check("fresh: what grew is named without the act (全年地区生产总值增长5.2%, not 全年完成…增长)",
          "全年地区生产总值增长5.2%" in pts and "完成地区生产总值增长" not in pts, pts[:300])
    for d in (only, out2, out, src, aid, out3):
        shutil.rmtree(d, ignore_errors=True)
    return 1 if fails else 0


sys.exit(main())
