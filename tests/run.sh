#!/bin/sh
# Runs the unit tests and the integration tests against the release and the
# ASan+UBSan builds, then prints one closing line: "N passed, N failed".
# Each test program prints "PASS: name" / "FAIL: name" lines; a program that
# exits non-zero without any FAIL line counts as one failure.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1767225600}"
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
pass=0
fail=0

run_one() { # label command...
  label=$1; shift
  out="$log/out"
  "$@" >"$out" 2>&1
  rc=$?
  p=$(grep -c '^PASS: ' "$out")
  f=$(grep -c '^FAIL: ' "$out")
  if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
    f=1
    echo "FAIL: $label (exit $rc)"
    tail -n 30 "$out" | sed 's/^/    /'
  fi
  grep -E '^(FAIL: |  )' "$out" | head -n 60 | sed "s|^FAIL: |FAIL: [$label] |"
  echo "$label: $p passed, $f failed"
  pass=$((pass + p))
  fail=$((fail + f))
}

for mode in release asan; do
  run_one "$mode unit" "build/$mode/unit-tests"
  for t in tests/integration/*.sh tests/integration/*.py; do
    [ -f "$t" ] || continue
    case "$t" in
      *.py) run_one "$mode $(basename "$t")" env JB="build/$mode/jianbao" JB_MODE="$mode" python3 "$t" ;;
      *) run_one "$mode $(basename "$t")" env JB="build/$mode/jianbao" JB_MODE="$mode" sh "$t" ;;
    esac
  done
done
# Inputs the fuzzers once crashed on, replayed through the harnesses in the
# ASan build (no clang needed): each must now pass cleanly.
for name in extract build typeset; do
  set -- tests/fuzz/regress/$name/*
  [ -e "$1" ] && run_one "asan fuzz-regress $name" "build/asan/fuzz-replay-$name" "$@"
done
# A short fuzz run of each harness where clang built them (make test builds them);
# JB_FUZZ_TIME=0 leaves it out (while a longer fuzz run is going on, say).
if [ "${JB_FUZZ_TIME:-30}" = 0 ]; then
  echo "fuzz: skipped (JB_FUZZ_TIME=0)"
elif command -v clang >/dev/null 2>&1 && [ -x build/fuzz/fuzz-extract ]; then
  run_one "fuzz ${JB_FUZZ_TIME:-30}s" sh tests/fuzz/run.sh "${JB_FUZZ_TIME:-30}"
else
  echo "fuzz: skipped (clang is not installed; make fuzz needs it)"
fi
# The main commands under valgrind too (release build), where valgrind is installed.
if command -v valgrind >/dev/null 2>&1; then
  run_one "valgrind" sh tests/valgrind.sh
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
