#!/bin/sh
# Benchmarks (make bench). Wall time of whole processes on this machine, with
# the budgets from the issues; library-level timings come from bench-* programs.
set -eu
cd "$(dirname "$0")/.."
B=build/release
OUT=bench/out
mkdir -p "$OUT"
sh scripts/deps.sh --bench
make -s MODE=release $B/bench-libharu_utf8 $B/bench-stages >/dev/null
python3 - <<'PY'
import os, sys
sys.path.insert(0, "bench")
from timeit import timeit
B = "build/release"
seed = "seeds/000_49bb09d571b726a9.txt"
one = "bench/out/onepage.txt"
with open(seed, encoding="utf-8") as f:
    text = f.read().strip()
with open(one, "w", encoding="utf-8") as f:
    f.write(text[:600] + "\n")
print("== issue 2: typeset (whole process, Noto Serif CJK SC) ==")
t_seed = timeit("typeset seed 000 (5.6k chars)", [B + "/jianbao", "typeset", seed, "-o", "bench/out/seed000.pdf"], 60)
t_one = timeit("typeset one page (600 chars)", [B + "/jianbao", "typeset", one, "-o", "bench/out/one.pdf"], 20)
print("   sizes: seed 000 %d bytes, one page %d bytes" % (os.path.getsize("bench/out/seed000.pdf"), os.path.getsize("bench/out/one.pdf")))
zen = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
if os.path.exists(zen):
    print("== libharu's own UTF-8 TrueType path vs the glyph path, same font (WenQuanYi Zen Hei) ==")
    h = timeit("libharu UTF-8 path, seed 000", [B + "/bench-libharu_utf8", zen, seed, "bench/out/haru.pdf"])
    g = timeit("jianbao glyph path, seed 000", [B + "/jianbao", "typeset", seed, "--font", "zenhei", "-o", "bench/out/zen.pdf"])
    print("   time ratio libharu/jianbao = %.2f; size libharu %d vs jianbao %d bytes" % (
        h / g, os.path.getsize("bench/out/haru.pdf"), os.path.getsize("bench/out/zen.pdf")))
PY
$B/bench-stages seeds/000_49bb09d571b726a9.txt seeds/002_dfe9fba724ead71e.txt
python3 - <<'PY'
# issue 10: extract >= 10 MB/s on one core (ingest, extraction and facts.json, user time),
# on 20 MB of the public corpus and the seeds
import glob, os, resource, subprocess
B = "build/release"
text = "".join(open(f, encoding="utf-8").read() for f in sorted(glob.glob("tests/data/corpus/*.txt")) + sorted(glob.glob("seeds/*.txt")))
big = "bench/out/corpus20.txt"
with open(big, "w", encoding="utf-8") as f:
    while f.tell() < 20 * 1024 * 1024:
        f.write(text)
size = os.path.getsize(big) / 1e6
best = None
for _ in range(3):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([B + "/jianbao", "extract", "-q", big, "-o", "bench/out/corpus20.json"], check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = after.ru_utime - before.ru_utime
    best = t if best is None else min(best, t)
print("== issue 10: extract %.1f MB (corpus x N): %.2f s user = %.1f MB/s (budget >= 10 MB/s)" % (size, best, size / best))
PY
python3 bench/figpage.py
python3 bench/pack.py
python3 bench/docx100.py
echo "== issue 5: jianbao build (generated briefing, examples) =="
sh bench/build.sh 100 7
