#!/bin/sh
# jianbao build speed and memory: a generated ~100-page briefing (brief layout)
# and the examples, each built RUNS times; prints the best wall time and the
# peak resident memory (GNU time). Usage: bench/build.sh [PAGES] [RUNS]
set -eu
cd "$(dirname "$0")/.."
JB=${JB:-build/release/jianbao}
pages=${1:-100}
runs=${2:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$JB" ] || make -s
python3 bench/gen_briefing.py "$pages" >"$tmp/long.json"

bench() { # label args...
  label=$1; shift
  best=""
  for i in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$JB" build "$@" -o "$tmp/out.pdf" --quiet
    set -- "$@"
    t=$(cut -d' ' -f1 "$tmp/t"); m=$(cut -d' ' -f2 "$tmp/t")
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; mem=$m; fi
  done
  n=$(pdfinfo "$tmp/out.pdf" | awk '/^Pages:/ {print $2}')
  printf '%-28s %4s pages  best %6.0f ms  peak %6.1f MB\n' "$label" "$n" \
    "$(echo "$best * 1000" | bc)" "$(echo "$mem / 1024" | bc -l)"
}

bench "generated (brief)" "$tmp/long.json" --layout brief
bench "generated (gbt9704)" "$tmp/long.json" --layout gbt9704
for ex in examples/*.json; do
  grep -q '"blocks"' "$ex" || continue
  bench "$(basename "$ex")" "$ex"
done
