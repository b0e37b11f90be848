"""Benchmark of issue 6: a page with one table of 30 rows and two charts
(bench/figpage.json, layout onepager: one page at full size) against a page
with one paragraph (bench/onepara.json), both whole `jianbao build` processes.
The difference is what the table and the charts cost beyond the fixed start-up
(fonts, templates, three subset faces); budget 5 ms."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from timeit import timeit  # noqa: E402

JB = os.environ.get("JB", "build/release/jianbao")
here = os.path.dirname(os.path.abspath(__file__))
tmp = tempfile.mkdtemp()
out = os.path.join(tmp, "out.pdf")
print("== issue 6: a page with a 30-row table and two charts ==")
pages = subprocess.run([JB, "build", os.path.join(here, "figpage.json"), "--layout", "onepager", "--dump=pages"],
                       check=True, capture_output=True, text=True).stdout.split("\n")[0]
fig = timeit("table + 2 charts page (%s)" % pages, [JB, "build", os.path.join(here, "figpage.json"),
             "--layout", "onepager", "-o", out, "--quiet"], runs=21)
one = timeit("one-paragraph page", [JB, "build", os.path.join(here, "onepara.json"), "--layout", "onepager",
             "-o", out, "--quiet"], runs=21)
print("   table and charts beyond the one-paragraph page: %.1f ms (budget 5 ms: %s)"
      % (fig - one, "ok" if fig - one <= 5 else "OVER"))
os.remove(out)
os.rmdir(tmp)
