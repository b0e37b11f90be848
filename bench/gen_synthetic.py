"""Makes a synthetic report naming N counties, and a data folder whose
gazetteer knows them, for the pack benchmark (1,000 one-pagers).
usage: gen_synthetic.py OUTDIR [N]  -> OUTDIR/data-root (JB_DATA_DIR), OUTDIR/docs/synthetic.txt"""
import os
import shutil
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
root = os.path.join(out, "data-root")
repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
for sub in ("fonts", "layouts", "data"):
    shutil.rmtree(os.path.join(root, sub), ignore_errors=True)
    shutil.copytree(os.path.join(repo, sub), os.path.join(root, sub))
POOL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川云雨风雪霜"
names = []
for a in POOL:
    for b in POOL:
        if a != b and len(names) < n:
            names.append(a + b + "县")
with open(os.path.join(root, "data", "gazetteer.tsv"), "a", encoding="utf-8") as f:
    f.write("试验市\tprefecture\t西藏自治区\t\n")
    for name in names:
        f.write("%s\tcounty\t试验市\t\n" % name)
os.makedirs(os.path.join(out, "docs"), exist_ok=True)
with open(os.path.join(out, "docs", "synthetic.txt"), "w", encoding="utf-8") as f:
    f.write("试验市对口支援工作综述\n\n")
    f.write("2024年，对口支援工作队在试验市共实施援建项目%d个，投入援建资金%d万元。\n\n" % (3 * n, 97 * n))
    for i, name in enumerate(names):
        f.write("在%s，工作队新建援建项目%d个，投入援建资金%d万元，培训基层干部%d人次。\n\n"
                % (name, 2 + i % 7, 30 + (i * 37) % 500, 40 + (i * 13) % 300))
print(len(names))
