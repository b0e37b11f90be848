"""cjkcheck (tests/lib/cjkcheck.py, a copy of the project's shared checker) on every shipped
template: the pack model of both seeds built with each layout, the pack's one-pagers, and
`typeset` of each seed plain and on the GB/T 9704 grid: 0 errors everywhere. On the grid
J1 (a justified line reaches the right edge) holds with every Han character on its column:
a line-end closing mark is set flush right and cells left over are given whole (para_grid.c).
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
    check("cjkcheck %s: 0 errors (%s)" % (layout, counts), r["errors"] == 0, str(r.get("findings", {}).get("J1", counts))[:300])
for layout in layouts:  # the one-pagers of a pack made with each template
    out_l = os.path.join(tmp, "pack-" + layout)
    p = jianbao("pack", *SEEDS, "--layout", layout, "-o", out_l, "-q")
    pages = sorted(os.listdir(os.path.join(out_l, "counties"))) if os.path.isdir(os.path.join(out_l, "counties")) else []
    check("pack --layout %s: one-pagers made" % layout, p.returncode == 0 and pages, p.stderr.decode()[-300:])
    for f in pages:
        r = cjkcheck(os.path.join(out_l, "counties", f))
        check("cjkcheck %s one-pager %s: 0 errors (%s)" % (layout, f, r.get("counts")), r["errors"] == 0)
for seed in SEEDS:
    for extra in ([], ["--grid", "gbt9704"]):
        pdf = os.path.join(tmp, "t-%s%s.pdf" % (os.path.basename(seed)[:3], "-grid" if extra else ""))
        p = jianbao("typeset", seed, *extra, "-o", pdf)
        if check("typeset %s %s" % (os.path.basename(seed)[:3], " ".join(extra)), p.returncode == 0, p.stderr.decode()[-300:]):
            r = cjkcheck(pdf)
            check("cjkcheck typeset %s %s: 0 errors (%s)" % (os.path.basename(seed)[:3], " ".join(extra), r.get("counts")),
                  r["errors"] == 0, str(r.get("findings", {}).get("J1", ""))[:300])
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
