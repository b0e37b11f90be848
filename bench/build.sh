#!/bin/sh
# jianbao build speed and memory: a generated ~100-page briefing (brief layout)
# and the examples, each built RUNS times; prints the median and best wall time
# (ms, from Python's perf_counter) and the peak resident memory (GNU time).
# Usage: bench/build.sh [PAGES] [RUNS]
set -eu
cd "$(dirname "$0")/.."
JB=${JB:-build/release/jianbao}
pages=${1:-100}
runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$JB" ] || make -s
python3 bench/gen_briefing.py "$pages" >"$tmp/long.json"

bench() { # label budget-ms args...
  label=$1; budget=$2; shift 2
  /usr/bin/time -f "%M" -o "$tmp/mem" "$JB" build "$@" -o "$tmp/out.pdf" --quiet
  n=$(pdfinfo "$tmp/out.pdf" | awk '/^Pages:/ {print $2}')
  python3 - "$label" "$n" "$budget" "$(cat "$tmp/mem")" "$runs" "$JB" build "$@" -o "$tmp/out.pdf" --quiet <<'PY'
import statistics, subprocess, sys, time
label, pages, budget, mem, runs = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cmd = sys.argv[6:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    times.append((time.perf_counter() - t) * 1000)
med = statistics.median(times)
verdict = "  budget %g ms: %s" % (budget, "ok" if med <= budget else "OVER") if budget > 0 else ""
print("%-24s %4s pages  median %6.1f ms  best %6.1f ms  peak %5.1f MB%s"
      % (label, pages, med, min(times), mem / 1024, verdict))
PY
}

bench "generated (brief)" 150 "$tmp/long.json" --layout brief
bench "generated (gbt9704)" 0 "$tmp/long.json" --layout gbt9704
for ex in examples/*.json; do
  grep -q '"blocks"' "$ex" || continue
  bench "$(basename "$ex")" 0 "$ex"
done
