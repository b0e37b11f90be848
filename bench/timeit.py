"""Times whole commands: runs each several times and prints the median and
minimum wall time in ms, with the budget it is held to."""
import statistics
import subprocess
import sys
import time


def timeit(label, cmd, budget_ms=None, runs=15):
    subprocess.run(cmd, check=True, capture_output=True)  # warm the page cache
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    med = statistics.median(times)
    verdict = ""
    if budget_ms is not None:
        verdict = "  budget %g ms: %s" % (budget_ms, "ok" if med <= budget_ms else "OVER")
    print("%-48s median %7.1f ms  min %7.1f ms%s" % (label, med, min(times), verdict))
    return med


if __name__ == "__main__":
    timeit(sys.argv[1], sys.argv[2:])
