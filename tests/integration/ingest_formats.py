#!/usr/bin/env python3
"""Issue 14: documents in other formats. The .docx, .html, GBK and UTF-16 versions of
the seeds and of corpus reports (made here from the UTF-8 texts) give the same facts
(values, units and span texts) as the text; offsets index the extracted text; docx
structure (WPS style names, outline levels, numbering, merged cells, header rows,
text boxes, footnotes, the core title), html structure (scripts, styles and navigation
dropped) and tables that become facts with units, measures and series; --data with
.csv and .xlsx; pack over a folder of mixed formats; the real public documents in
tests/data/public/."""
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
from pdfcheck import check, finish  # noqa: E402

JB = os.path.abspath(os.environ.get("JB", os.path.join(ROOT, "build/release/jianbao")))
tmp = tempfile.mkdtemp(prefix="jb-formats-")
REPORTS = [os.path.join(ROOT, "seeds", f) for f in sorted(os.listdir(os.path.join(ROOT, "seeds"))) if f.endswith(".txt")]
REPORTS += [os.path.join(ROOT, "tests", "data", "corpus", f) for f in
            ("251_hailaer_zfgzbg_2016.txt", "205_ganzi_zfgzbg_2025.txt", "201_lasa_zfgzbg_2016.txt")]


def docx_python():
    """A Python with python-docx and openpyxl (Debian's when the one running lacks them)."""
    for exe in (sys.executable, "/usr/bin/python3"):
        if exe and os.path.exists(exe) and subprocess.run([exe, "-c", "import docx, openpyxl"],
                                                          capture_output=True).returncode == 0:
            return exe
    return None


def extract(*args):
    p = subprocess.run([JB, "extract", "-q"] + list(args), capture_output=True)
    if p.returncode:
        raise RuntimeError(p.stderr.decode())
    return json.loads(p.stdout)


def key(f):
    return (f["text"], json.dumps(f["value"]), f["unit"], f["kind"], f["qualifier"], f["is_label"])


def same_facts(name, ref, other, path):
    a = [key(f) for f in ref["facts"]]
    try:
        b = [key(f) for f in extract(path)["facts"]]
    except RuntimeError as e:
        return check(name, False, str(e)[:300])
    diff = [(x, y) for x, y in zip(a, b) if x != y][:3]
    check(name, a == b, "%d vs %d facts; first differences %s" % (len(a), len(b), diff))


def offsets_index_extracted_text(name, path):
    j = extract(path)
    text = subprocess.run([JB, "extract", "--dump=text", path], capture_output=True).stdout.decode()
    bad = [f for f in j["facts"] if text[f["start"]:f["end"]] != f["text"]]
    check(name, j["facts"] and not bad, "%d facts whose span is not their text, e.g. %s" % (len(bad), bad[:1]))


PY = docx_python()
check("python3-docx and python3-openpyxl are installed (scripts/deps.sh)", PY is not None, "no Python with docx")
if PY:
    subprocess.run([PY, os.path.join(ROOT, "tests", "lib", "make_fixtures.py"), JB, tmp] + REPORTS, check=True)
    subprocess.run([PY, os.path.join(ROOT, "tests", "lib", "make_fixtures.py"), "--table", tmp], check=True)
for path in REPORTS:
    base = os.path.splitext(os.path.basename(path))[0]
    ref = extract(path)
    text = open(path, encoding="utf-8").read()
    for enc, data in (("gbk", text.encode("gb18030")), ("utf16", text.encode("utf-16")),
                      ("utf16be", b"\xfe\xff" + text.encode("utf-16-be"))):
        p = os.path.join(tmp, "%s.%s.txt" % (base, enc))
        open(p, "wb").write(data)
        same_facts("%s: %s text gives the same facts" % (base, enc), ref, None, p)
    if PY:
        for ext in ("docx", "html"):
            p = os.path.join(tmp, "%s.%s" % (base, ext))
            same_facts("%s: .%s gives the same facts" % (base, ext), ref, None, p)
            offsets_index_extracted_text("%s: .%s offsets index the extracted text" % (base, ext), p)

# ---- a hand-made docx as WPS and Word write them ---------------------------------------
W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
     'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
     'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"')


def para(text, style=None, num=None, outline=None):
    ppr = ""
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>' % num
    if outline is not None:
        ppr += '<w:outlineLvl w:val="%d"/>' % outline
    return '<w:p><w:pPr>%s</w:pPr><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, text)


def cell(text, extra=""):
    return '<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>' % (extra, para(text))


TEXTBOX = ('<w:p><w:r><w:t>正文段落，投资5亿元。</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback>'
           '<w:pict><v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent>'
           '</w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>') % (para("文本框：新增就业320人。"), para("文本框：新增就业320人。"))
BODY = (para("2023年工作总结", "Title") + para("综述", "1") + para("工作回顾", None, 1) + para("主要成效", None, 1) +
        para("一季度情况", None, None, 2) + para("项目推进", "2") + TEXTBOX +
        '<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>' + cell("项目") + cell("投资（万元）", '<w:gridSpan w:val="2"/>') +
        '</w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr>' + cell("") + cell("2022年") + cell("2023年") + '</w:tr>'
        '<w:tr>' + cell("道路", '<w:vMerge w:val="restart"/>') + cell("120") + cell("150") + '</w:tr>'
        '<w:tr>' + cell("", '<w:vMerge/>') + cell("30") + cell("45") + '</w:tr>'
        '<w:tr>' + cell("学校") + cell("80") + cell("96") + '</w:tr></w:tbl>' + para("结束语。"))
STYLES = ('<w:styles %s><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>') % W
NUMBERING = ('<w:numbering %s><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
             '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%%1、"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>') % W
NOTES = ('<w:footnotes %s><w:footnote w:type="separator" w:id="-1">%s</w:footnote><w:footnote w:id="1">%s</w:footnote>'
         '</w:footnotes>') % (W, para("-----"), para("注：数据来源于县统计局，截至12月31日。"))
CORE = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>某县工作总结</dc:title></cp:coreProperties>')
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W, BODY))
    z.writestr("word/styles.xml", STYLES)
    z.writestr("word/numbering.xml", NUMBERING)
    z.writestr("word/footnotes.xml", NOTES)
    z.writestr("docProps/core.xml", CORE)
wps = os.path.join(tmp, "wps.docx")
open(wps, "wb").write(buf.getvalue())
dump = subprocess.run([JB, "extract", "--dump=ingest", wps], capture_output=True).stdout.decode()
lines = dump.splitlines()
for want, why in (("title 0 <title> [0,9) orig [0,9) 2023年工作总结", "the Title style is the title"),
                  ("heading 1 <heading 1> [10,12) orig [10,12) 综述", "WPS style id 1 named heading 1"),
                  ("<list 1> ", "a numbered list item"), ("一、工作回顾", "chineseCounting %1、 numbers 一、"),
                  ("二、主要成效", "the list counts on"), ("<heading 3> ", "outline level 2 is heading 3"),
                  ("<heading 2> ", "标题 2 is heading 2"), ("<textbox> ", "a text box after its paragraph"),
                  ("<footnote> ", "the footnote at the end"), ("table 1 rows=5 cols=3 header_rows=2", "header rows"),
                  ("cell r0 c1 span 1x2 header", "gridSpan"), ("cell r2 c0 span 2x1 ", "vMerge")):
    check("docx structure: " + why, any(want in l for l in lines), "no line with %r in\n%s" % (want, dump[:1500]))
check("docx: a text box is read once (mc:Fallback skipped)", dump.count("文本框：新增就业320人") == 2,  # paragraph + sentence
      dump)
check("docx: separator footnotes are not text", "-----" not in dump, dump)
facts = extract(wps)["facts"]
cells = {(f["cell"]["row"], f["cell"]["col"]): f for f in facts if f.get("cell")}
f = cells.get((3, 2), {})
check("docx table: 45 under 投资（万元）/2023年 in a merged row is 450000 元, measure 道路投资",
      (f.get("value"), f.get("unit"), f.get("kind"), f.get("measure"), f.get("period")) ==
      (450000, "元", "money", "道路投资", "2023"), f)
check("docx table: header years are labels", all(cells[k]["is_label"] for k in cells if k[0] < 2), cells)

# ---- tables become facts: docx (python-docx), xlsx and csv through --data -------------------
if PY:
    j = extract(os.path.join(tmp, "tables.docx"))
    by = {(f["cell"]["table"], f["cell"]["row"], f["cell"]["col"]): f for f in j["facts"] if f.get("cell")}
    g = by.get((1, 1, 3), {})
    check("tables.docx: 120.9 in 地区生产总值（亿元）/2023年 is 12,090,000,000 元",
          (g.get("value"), g.get("unit"), g.get("measure"), g.get("period")) == (12090000000, "元", "地区生产总值", "2023"), g)
    p = by.get((1, 2, 1), {})
    check("tables.docx: 增速（%）gives percent", (p.get("value"), p.get("unit"), p.get("kind")) == (6.1, "%", "percent"), p)
    pop = by.get((1, 3, 2), {})
    check("tables.docx: 万人 multiplies", (pop.get("value"), pop.get("unit")) == (356000, "人"), pop)
    series = {s["id"]: s for s in j["series"]}
    s1 = series.get(g.get("series"), {})
    check("tables.docx: a row over years is a time series", s1.get("dimension") == "time" and
          s1.get("labels") == ["2021", "2022", "2023"], s1)
    c = by.get((2, 1, 1), {})
    s2 = series.get(c.get("series"), {})
    check("tables.docx: county rows make a place series of 财政收入",
          (c.get("value"), c.get("measure"), c.get("place"), s2.get("dimension")) == (15323700, "财政收入", "城关区", "place"),
          (c, s2))
    check("tables.docx: the core title is the document's title when the body has none",
          (j["documents"][0]["title"] or {}).get("text") == "某县2023年国民经济运行情况", j["documents"][0]["title"])
    x = extract(os.path.join(ROOT, "seeds", "000_49bb09d571b726a9.txt"), "--data", os.path.join(tmp, "tables.xlsx"))
    xf = [f for f in x["facts"] if f["doc"] == "tables.xlsx" and f.get("cell")]
    vals = sorted((f["measure"], f["period"], f["value"], f["unit"]) for f in xf if not f["is_label"])
    dv = sorted((f["measure"], f["period"], f["value"], f["unit"]) for k, f in by.items() if k[0] == 1 and not f["is_label"])
    check("--data tables.xlsx gives the facts of the same table in a docx", vals == dv and len(vals) == 9, (vals, dv))
    x = extract(os.path.join(ROOT, "seeds", "000_49bb09d571b726a9.txt"), "--data", os.path.join(tmp, "percent.xlsx"))
    pf = [(f["value"], f["unit"]) for f in x["facts"] if f["doc"] == "percent.xlsx" and not f["is_label"]]
    check("--data percent.xlsx: a percent-formatted 0.061 is 6.1%", (6.1, "%") in pf, pf)
csv = os.path.join(tmp, "d.csv")
open(csv, "w", encoding="utf-8").write("县区,农村居民人均可支配收入（元）,增长（%）\n城关区,21500,9.1\n达孜区,19800,9.5\n")
j = extract(os.path.join(ROOT, "seeds", "000_49bb09d571b726a9.txt"), "--data", csv)
cf = [f for f in j["facts"] if f["doc"] == "d.csv" and not f["is_label"]]
check("--data d.csv: money with its measure and place", [(f["value"], f["unit"], f["measure"], f["place"]) for f in cf][:2] ==
      [(21500, "元", "农村居民人均可支配收入", "城关区"), (9.1, "%", "增长", "城关区")], cf[:2])

# ---- html structure ---------------------------------------------------------------------------
page = os.path.join(tmp, "page.html")
open(page, "w", encoding="gbk").write(
    '<html><head><meta charset="gbk"><title>某县统计公报 - 某县人民政府网</title><style>.a{}</style></head><body>'
    '<header><a>首页</a><a>政务公开</a></header><nav>导航 第3页</nav><div class="main"><h1>某县2023年统计公报</h1>'
    '<h2>一、综合</h2><p>全县生产总值<b>120.9</b>亿元，增长8.0%。</p><ul><li>粮食产量5.2万吨</li><li>新增就业320人</li></ul>'
    '<table><thead><tr><th>县区</th><th>人口（万人）</th></tr></thead><tbody><tr><td>城关区</td><td>12.5</td></tr>'
    '<tr><td>达孜区</td><td>3.1</td></tr></tbody></table><script>document.write("<p>脚本 77</p>")</script></div>'
    '<footer>版权所有 2024</footer></body></html>')
dump = subprocess.run([JB, "extract", "--dump=ingest", page], capture_output=True).stdout.decode()
for want, why in (("format html encoding GB18030 tables=1", "meta charset gbk"), ("<title> ", "h1 is the title"),
                  ("<heading 2> ", "h2"), ("<list 1> ", "list items"), ("table 1 rows=3 cols=2 header_rows=1", "thead")):
    check("html: " + why, want in dump, dump[:1200])
for gone in ("导航", "首页", "脚本", "版权所有", ".a{}"):
    check("html: %s dropped" % gone, gone not in dump, dump[:1200])
hf = {f["text"]: f for f in extract(page)["facts"]}
check("html: table cell 12.5 under 人口（万人） is 125000 人 in 城关区",
      (hf.get("12.5", {}).get("value"), hf.get("12.5", {}).get("place")) == (125000, "城关区"), hf.get("12.5"))

# ---- every command reads them: typeset, pack over a folder ----------------------------------
if PY:
    d = os.path.join(tmp, "mixed")
    os.makedirs(d)
    shutil.copy(os.path.join(tmp, "000_49bb09d571b726a9.docx"), d)
    shutil.copy(os.path.join(tmp, "002_dfe9fba724ead71e.html"), d)
    p = subprocess.run([JB, "pack", d, "-o", os.path.join(tmp, "po"), "--quiet", "--by", "none"], capture_output=True)
    fj = json.load(open(os.path.join(tmp, "po", "facts.json"))) if p.returncode == 0 else {"documents": []}
    check("pack over a folder of .docx and .html", p.returncode == 0 and
          [x["name"] for x in fj["documents"]] == ["000_49bb09d571b726a9.docx", "002_dfe9fba724ead71e.html"], p.stderr[-300:])
    p = subprocess.run([JB, "typeset", os.path.join(tmp, "tables.docx"), "-o", os.path.join(tmp, "t.pdf")], capture_output=True)
    check("typeset a docx with tables", p.returncode == 0 and open(os.path.join(tmp, "t.pdf"), "rb").read(5) == b"%PDF-",
          p.stderr[-300:])
named = os.path.join(tmp, "text.docx")
open(named, "w", encoding="utf-8").write("全县经济增长6.2%。\n")
p = subprocess.run([JB, "extract", "--from", "text", named], capture_output=True)
check("--from text reads a .docx name holding text", p.returncode == 0 and b"6.2%" in p.stdout, p.stderr)

# ---- real public documents ---------------------------------------------------------------------
pub = os.path.join(ROOT, "tests", "data", "public")
for name in sorted(os.listdir(pub)) if os.path.isdir(pub) else []:
    if name.endswith((".docx", ".html", ".htm")):
        p = subprocess.run([JB, "extract", "-q", os.path.join(pub, name)], capture_output=True)
        n = len(json.loads(p.stdout)["facts"]) if p.returncode == 0 else 0
        check("public document %s: read, %d facts" % (name, n), p.returncode == 0 and n > 0, p.stderr[-300:])
        offsets_index_extracted_text("public document %s: offsets index the extracted text" % name, os.path.join(pub, name))
shutil.rmtree(tmp, ignore_errors=True)
finish()
