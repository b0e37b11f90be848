"""Helpers for integration tests: run jianbao, read PDFs back with mutool,
pdffonts and qpdf, and report PASS/FAIL lines the test runner counts."""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

JB = os.environ.get("JB", "build/release/jianbao")
FAILED = []


def check(name, ok, why=""):
    if ok:
        print("PASS: %s" % name)
    else:
        print("FAIL: %s: %s" % (name, why))
        FAILED.append(name)
    sys.stdout.flush()
    return ok


def finish():
    sys.exit(1 if FAILED else 0)


def run(args, stdin=None, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run(args, input=stdin, capture_output=True, env=e)


def jianbao(*args, **kw):
    return run([JB] + list(args), **kw)


def glyphs(pdf):
    """Every glyph: page, char, x, y (baseline, from the top), advance width, font size, font."""
    out = run(["mutool", "draw", "-F", "stext", "-o", "-", pdf]).stdout
    root = ET.fromstring(out)
    res = []
    for pno, page in enumerate(root.iter("page"), 1):
        for f in page.iter("font"):
            size = float(f.get("size"))
            for ch in f.iter("char"):
                q = [float(v) for v in ch.get("quad").split()]
                res.append(dict(p=pno, c=ch.get("c"), x=float(ch.get("x")), y=float(ch.get("y")),
                                w=q[2] - q[0], size=size, font=f.get("name")))
    return res


def lines(pdf):
    """Glyphs grouped by page and baseline, in reading order."""
    rows = {}
    for g in glyphs(pdf):
        rows.setdefault((g["p"], round(g["y"], 1)), []).append(g)
    return [sorted(v, key=lambda g: g["x"]) for _, v in sorted(rows.items())]


def text_of(pdf):
    return "".join(g["c"] for g in glyphs(pdf))


def pdffonts(pdf):
    rows = run(["pdffonts", pdf]).stdout.decode().splitlines()[2:]
    return [r.split() for r in rows if r.strip()]


def qpdf_ok(pdf):
    p = run(["qpdf", "--check", pdf])
    return p.returncode == 0, p.stdout.decode(errors="replace")[-300:]
