"""Issue 14: reading a 100-page .docx (seed text repeated to about 100 A4 pages,
40 headings, 20 tables of 12 rows) must take at most 50 ms, whole process
(`extract --dump=ingest`: unzip, XML, structure, normalization, segmentation).
Plain-text extraction is timed beside it, to show it did not slow down.
The docx is made with python3-docx (Debian's Python)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from timeit import timeit  # noqa: E402

B = "build/release/jianbao"
OUT = "bench/out"
MAKE = r'''
import docx, sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
d = docx.Document()
n = 0
for rep in range(12):  # seed 000 is about 8 pages of 12-pt A4
    d.add_heading("第%d部分" % (rep + 1), level=1)
    for i, line in enumerate(t for t in text if t.strip()):
        d.add_paragraph(line)
        if i % 20 == 19:
            n += 1
            tb = d.add_table(rows=12, cols=4)
            for r in range(12):
                for c in range(4):
                    tb.cell(r, c).text = ["指标（万元）", "2022年", "2023年", "增长（%）"][c] if r == 0 else (
                        "项目%d" % r if c == 0 else "%d.%d" % (r * 37 + c, c))
            d.add_heading("表后小结%d" % n, level=2)
d.save(sys.argv[2])
'''
seed = "seeds/000_49bb09d571b726a9.txt"
big = os.path.join(OUT, "100pages.docx")
py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
subprocess.run([py, "-c", MAKE, seed, big], check=True)
chars = len(subprocess.run([B, "extract", "--dump=text", big], capture_output=True, check=True).stdout.decode())
print("== issue 14: reading documents (whole process) ==")
print("   100-page docx: %d KB, %d characters extracted" % (os.path.getsize(big) // 1024, chars))
timeit("read a 100-page .docx (--dump=ingest)", [B, "extract", "--dump=ingest", big, "-o", OUT + "/ingest.txt"], 50)
timeit("extract facts from the 100-page .docx", [B, "extract", big, "-o", OUT + "/docx.json"])
txt = os.path.join(OUT, "100pages.txt")
with open(txt, "w", encoding="utf-8") as f:
    f.write(subprocess.run([B, "extract", "--dump=text", big], capture_output=True, check=True).stdout.decode())
timeit("read the same text as UTF-8 .txt (--dump=ingest)", [B, "extract", "--dump=ingest", txt, "-o", OUT + "/ingest2.txt"])
timeit("extract seed 000 (plain text, for comparison)", [B, "extract", seed, "-o", OUT + "/seed.json"])
