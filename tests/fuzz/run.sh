#!/bin/sh
# Runs each libFuzzer harness (build/fuzz/fuzz-NAME, from `make MODE=fuzz fuzzers`)
# for SECONDS (default 60; NAME... picks harnesses), one process at a time, starting from the seed corpus
# of the repository plus the corpus earlier runs kept in build/fuzz/corpus/NAME.
# Prints "PASS: fuzz NAME" or "FAIL: fuzz NAME" with the crash, and statistics.
# A finding is saved under build/fuzz/artifacts/; fix it at its root and keep
# the input under tests/fuzz/regress/NAME/ (make test replays it in the ASan build).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
[ $# -gt 0 ] && shift
names=${*:-extract build typeset}
B=build/fuzz
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$B/artifacts"
fail=0
seeds_for() { # NAME -> seed folders and files of the repository
  case "$1" in
    extract|typeset) echo "seeds tests/data/genre tests/fuzz/regress/$1" ;;
    build) echo "examples bench/onepara.json bench/figpage.json tests/fuzz/regress/$1" ;;
  esac
}
for name in $names; do
  bin="$B/fuzz-$name"
  [ -x "$bin" ] || { echo "FAIL: fuzz $name (no $bin; run make MODE=fuzz fuzzers)"; fail=1; continue; }
  corpus="$B/corpus/$name"
  seeddir="$B/seeds/$name"
  rm -rf "$seeddir"
  mkdir -p "$corpus" "$seeddir"
  # libFuzzer reads folders only: copy the seed files (.txt / .json) into one
  for s in $(seeds_for "$name"); do
    [ -e "$s" ] || continue
    find "$s" -type f \( -name '*.txt' -o -name '*.json' -o -path '*/regress/*' \) \
      -exec cp {} "$seeddir/" \;
  done
  # typeset lays out and renders every input: shorter inputs explore more per second
  maxlen=65536
  [ "$name" = typeset ] && maxlen=16384
  log="$B/fuzz-$name.log"
  # -timeout: an input taking over 10 s is a hang; -rss_limit_mb: runaway memory
  "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=$maxlen \
    -print_final_stats=1 -artifact_prefix="$B/artifacts/$name-" "$corpus" "$seeddir" >"$log" 2>&1
  rc=$?
  stats=$(grep -E '^stat::(number_of_executed_units|peak_rss_mb)' "$log" | sed 's/stat:://' | tr '\n' ' ')
  cov=$(grep -E '#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+')
  if [ "$rc" = 0 ]; then
    echo "PASS: fuzz $name ${secs}s: $stats$cov"
  else
    echo "FAIL: fuzz $name (exit $rc), log $log"
    grep -E 'ERROR|SUMMARY|Test unit written|#[0-9]+ in ' "$log" | head -n 12 | sed 's/^/  /'
    fail=1
  fi
done
exit $fail
