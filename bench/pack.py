"""Benchmarks of issue 7: the whole pack of the seeds, one one-pager, and
1,000 one-pagers from a synthetic document with --jobs 2 (wall time and the
peak memory of the largest process)."""
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from timeit import timeit  # noqa: E402

JB = os.environ.get("JB", "build/release/jianbao")
tmp = tempfile.mkdtemp()
print("== issue 7: pack ==")
timeit("pack seeds (pack PDF, its one-pagers, JSON), --jobs 1",
       [JB, "pack", "seeds", "-o", os.path.join(tmp, "seeds"), "--quiet"], 300, runs=7)
timeit("one one-pager (墨脱县) including start-up",
       [JB, "pack", "seeds", "-o", os.path.join(tmp, "one"), "--only", "墨脱县", "--quiet"], 25, runs=15)
sizes = [os.path.getsize(os.path.join(tmp, "seeds", "counties", f))
         for f in os.listdir(os.path.join(tmp, "seeds", "counties"))]
print("   one-pager sizes: max %d bytes (budget 64 KB: %s)" % (max(sizes), "ok" if max(sizes) <= 64 * 1024 else "OVER"))
syn = os.path.join(tmp, "syn")
subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_synthetic.py"), syn, "1000"],
               check=True, capture_output=True)
env = dict(os.environ, JB_DATA_DIR=os.path.join(syn, "data-root"))
best = None
for _ in range(3):
    out = os.path.join(syn, "out")
    shutil.rmtree(out, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([JB, "pack", os.path.join(syn, "docs"), "-o", out, "--jobs", "2", "--quiet"], check=True, env=env)
    dt = time.perf_counter() - t
    best = dt if best is None else min(best, dt)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
n = len(os.listdir(os.path.join(syn, "out", "counties")))
print("%d one-pagers from a synthetic report, --jobs 2: best %.2f s (budget 5 s: %s); peak memory of one process %.1f MB (budget 64 MB: %s)"
      % (n, best, "ok" if best <= 5 else "OVER", peak, "ok" if peak <= 64 else "OVER"))
shutil.rmtree(tmp, ignore_errors=True)
