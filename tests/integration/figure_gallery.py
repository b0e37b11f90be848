#!/usr/bin/env python3
"""Figures end to end: examples/gallery.json through `jianbao build`, then checks
on the PDF (qpdf, extracted text, cjkcheck) and a 500-row table over pages."""
import json
import os
import subprocess
import sys
import tempfile

JB = os.environ.get("JB", "build/release/jianbao")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CJKCHECK = os.path.join(ROOT, "..", "shared", "tools", "cjkcheck.py")
failed = 0


def check(name, ok, why=""):
    global failed
    print(("PASS: %s" % name) if ok else ("FAIL: %s: %s" % (name, why)))
    failed += not ok


def run(args, **kw):
    return subprocess.run(args, capture_output=True, **kw)


def text_of(pdf):
    return run(["pdftotext", "-layout", pdf, "-"]).stdout.decode()


tmp = tempfile.mkdtemp(prefix="jb-fig-")
gallery = os.path.join(ROOT, "examples", "gallery.json")
out = os.path.join(tmp, "gallery.pdf")
r = run([JB, "build", gallery, "-o", out, "--quiet"])
check("gallery_builds", r.returncode == 0 and os.path.exists(out), r.stderr.decode()[-300:])
if r.returncode == 0:
    q = run(["qpdf", "--check", out])
    check("gallery_qpdf_clean", q.returncode == 0, q.stdout.decode()[-300:])
    t = text_of(out)
    for needle in ["单位：亿元", "15.76", "续表3", "数据来源：县财政局", "图7", "单位：%", "−3.3%", "—"]:
        check("gallery_text_%s" % needle, needle in t, "missing %r" % needle)
    check("gallery_no_raw_wan", "157637" not in t, "157637 printed unscaled")
    if os.path.exists(CJKCHECK):  # the gallery's body size is the template's 10.5 pt
        c = run([sys.executable, CJKCHECK, "--em", "10.5", out])
        last = c.stdout.decode().strip().splitlines()[-1] if c.stdout else ""
        check("gallery_cjkcheck_no_errors", c.returncode == 0 and "errors=0" in last, last)

# 500 rows: every row exactly once, header and 续表 on every continued page.
rows = [[{"text": "R%d" % (i + 1)}, "项目", (i * 37) % 1000] for i in range(500)]
doc = {"meta": {"title": "长表"}, "blocks": [
    {"type": "table", "caption": "表1 明细", "header": ["编号", "项目", "金额"], "rows": rows}]}
src = os.path.join(tmp, "long.json")
with open(src, "w") as f:
    json.dump(doc, f, ensure_ascii=False)
pdf = os.path.join(tmp, "long.pdf")
r = run([JB, "build", src, "-o", pdf, "--quiet"])
check("long_table_builds", r.returncode == 0, r.stderr.decode()[-300:])
if r.returncode == 0:
    pages = run(["pdftotext", "-layout", pdf, "-"]).stdout.decode().split("\f")
    pages = [p for p in pages if p.strip()]
    seen = []
    for p in pages:
        for line in p.splitlines():
            parts = line.split()
            if parts and parts[0].startswith("R") and parts[0][1:].isdigit():
                seen.append(int(parts[0][1:]))
    check("long_table_rows_once_in_order", seen == list(range(1, 501)),
          "got %d rows, first difference at %s" % (len(seen), next((i for i, (a, b) in enumerate(zip(seen, range(1, 501))) if a != b), "end")))
    table_pages = [p for p in pages if "R" in p]
    check("long_table_header_each_page", all("编号" in p for p in table_pages), "a page lacks the header")
    check("long_table_continued_caption", sum("续表1" in p for p in table_pages) == len(table_pages) - 1,
          "%d 续表 captions on %d pages" % (sum("续表1" in p for p in table_pages), len(table_pages)))

# Bad input names the JSON path.
bad = {"meta": {"title": "坏"}, "blocks": [
    {"type": "chart", "kind": "pie", "categories": ["a", "b"], "series": [{"name": "s", "values": [1, -2]}]}]}
src = os.path.join(tmp, "bad.json")
with open(src, "w") as f:
    json.dump(bad, f)
r = run([JB, "build", src, "-o", os.path.join(tmp, "bad.pdf")])
check("bad_pie_names_path", r.returncode != 0 and "blocks[0].series[0].values[1]" in r.stderr.decode(),
      r.stderr.decode()[-300:])
sys.exit(1 if failed else 0)
