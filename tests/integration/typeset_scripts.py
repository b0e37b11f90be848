"""Chinese + Latin + digits + Tibetan + a non-BMP Han character copy back
exactly, and Tibetan stacks use the font's substituted glyphs."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, pdffonts, qpdf_ok, run, glyphs  # noqa: E402

tmp = tempfile.mkdtemp()
TEXT = "西藏自治区Tibet Autonomous Region 2024年GDP增长6.3%，བོད་ལྗོངས་ཀྱི་སྐྱོང་ལྗོངས། 吉𠮷野家"
src = os.path.join(tmp, "mixed.txt")
with open(src, "w", encoding="utf-8") as f:
    f.write(TEXT + "\n")
pdf = os.path.join(tmp, "mixed.pdf")
p = jianbao("typeset", src, "-o", pdf, "--no-normalize")
check("mixed-script typeset exits 0", p.returncode == 0, p.stderr.decode())
check("no warning about uncovered characters", b"no font covers" not in p.stderr, p.stderr.decode())
ok, out = qpdf_ok(pdf)
check("qpdf --check mixed", ok, out)
names = [f[0] for f in pdffonts(pdf)]
check("Tibetan font embedded next to the CJK font", any("Tibetan" in n for n in names) and any("CJK" in n for n in names), str(names))
for f in pdffonts(pdf):
    check("font %s embedded, subset, ToUnicode" % f[0], f[-5:-2] == ["yes", "yes", "yes"], str(f))
body = "".join(g["c"] for g in glyphs(pdf) if g["y"] < 780)  # drop the page number
# mupdf ignores ActualText, so it still invents spaces at Han-Latin glue; poppler is exact.
check("mutool text equals the input, spaces aside", body.replace(" ", "") == TEXT.replace(" ", ""), repr(body))
pt = run(["pdftotext", "-raw", pdf, "-"]).stdout.decode()
pt_body = "".join(ln for ln in pt.split("\n") if ln.strip() and not ln.strip().startswith("\u2014"))
check("pdftotext text equals the input exactly", pt_body == TEXT, repr(pt_body))
# Tibetan stacks: the shaped glyphs are not the nominal (cmap) glyphs of the characters.
dump = jianbao("typeset", src, "--dump=layout", "--no-normalize").stdout.decode()
tib_glyphs = [m for m in re.findall(r"    g (\d+) \S+ \S+ (.*)", dump) if any("\u0f00" <= c <= "\u0fff" for c in m[1])]
single = {}
for ch in "ལྗོངསཀྱིསྐྱོ":
    one = os.path.join(tmp, "one.txt")
    with open(one, "w", encoding="utf-8") as f:
        f.write(ch + "\n")
    d = jianbao("typeset", one, "--dump=layout", "--no-normalize").stdout.decode()
    m = re.search(r"    g (\d+) \S+ \S+ (.*)", d)
    if m:
        single[ch] = m.group(1)
stacked = [g for g, t in tib_glyphs if len(t) > 1]
check("Tibetan stacks shaped into multi-character glyphs", len(stacked) >= 3, str(tib_glyphs[:10]))
check("stacked glyph IDs differ from the nominal ones", all(g not in single.values() for g in stacked), str(stacked))
finish()
