"""Makes the issue-14 fixtures from a UTF-8 report: FILE.docx (python-docx: the
title in the Title style, headings in Heading 2, body paragraphs as they are) and
FILE.html (h1, h2, p), from the paragraph kinds jianbao gives the text; and, with
--table, a docx and an xlsx holding a table. Run with a Python that has
python3-docx and python3-openpyxl (Debian's /usr/bin/python3).
usage: make_fixtures.py JIANBAO OUTDIR REPORT.txt... | --table OUTDIR"""
import html
import json
import os
import subprocess
import sys


def paragraphs(jb, path):
    text = open(path, encoding="utf-8").read()
    j = json.loads(subprocess.run([jb, "extract", "-q", path], capture_output=True, check=True).stdout)
    return [(p["kind"], text[p["start"]:p["end"]]) for p in j["documents"][0]["paragraphs"]]


def report(jb, out, path):
    import docx
    base = os.path.join(out, os.path.splitext(os.path.basename(path))[0])
    paras = paragraphs(jb, path)
    d = docx.Document()
    for kind, t in paras:
        d.add_paragraph(t, style={"title": "Title", "heading": "Heading 2"}.get(kind))
    d.save(base + ".docx")
    with open(base + ".html", "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>"
                "<script>var x = '<p>不是正文 99</p>';</script><style>p {color: red}</style></head>\n<body>\n"
                "<nav><a href=\"/\">首页</a> 第1页 共9页</nav>\n" % html.escape(paras[0][1]))
        for kind, t in paras:
            tag = {"title": "h1", "heading": "h2"}.get(kind, "p")
            f.write("<%s>%s</%s>\n" % (tag, html.escape(t), tag))
        f.write("</body></html>\n")


ROWS = [["指标", "2021年", "2022年", "2023年"], ["地区生产总值（亿元）", "100.5", "110.2", "120.9"],
        ["增速（%）", "6.1", "7.2", "8.0"], ["常住人口（万人）", "35.2", "35.6", "36.1"]]


def tables(out):
    import docx
    import openpyxl
    from docx.oxml.ns import qn
    from docx.oxml import OxmlElement
    d = docx.Document()
    d.core_properties.title = "某县2023年国民经济运行情况"
    d.add_heading("一、总体情况", level=1)
    d.add_paragraph("全县经济运行总体平稳，主要指标见下表。")
    d.add_paragraph("单位：亿元")
    t = d.add_table(rows=len(ROWS), cols=4)
    for r, row in enumerate(ROWS):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    tr_pr = t.rows[0]._tr.get_or_add_trPr()  # the first row repeats as a header row
    tr_pr.append(OxmlElement("w:tblHeader"))
    d.add_heading("二、分县区情况", level=1)
    t2 = d.add_table(rows=4, cols=3)
    for r, row in enumerate([["县区", "财政收入（万元）", "增长（%）"], ["城关区", "1532.37", "8.1"],
                             ["达孜区", "980", "7.5"], ["林周县", "1210.5", "6.9"]]):
        for c, v in enumerate(row):
            t2.cell(r, c).text = v
    d.save(os.path.join(out, "tables.docx"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "主要指标"
    for row in ROWS:
        ws.append([float(v) if v.replace(".", "").isdigit() else v for v in row])
    wb.save(os.path.join(out, "tables.xlsx"))
    wb = openpyxl.Workbook()  # a percent format: the workbook stores 6.1% as 0.061
    ws = wb.active
    ws.title = "增速"
    ws.append(["指标", "2023年"])
    ws.append(["地区生产总值增长", 0.061])
    ws["B2"].number_format = "0.0%"
    wb.save(os.path.join(out, "percent.xlsx"))
    _ = qn


if __name__ == "__main__":
    if sys.argv[1] == "--table":
        tables(sys.argv[2])
    else:
        for p in sys.argv[3:]:
            report(sys.argv[1], sys.argv[2], p)
