#!/bin/sh
# The main commands under valgrind: no leaks, no errors.
set -eu
cd "$(dirname "$0")/.."
B=build/release
fail=0
check() {
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
       "$@" >/dev/null 2>/tmp/jb-valgrind.log; then
    echo "PASS: valgrind $2 $3"
  else
    echo "FAIL: valgrind $*"; cat /tmp/jb-valgrind.log | head -40; fail=1
  fi
}
check $B/jianbao typeset seeds/000_49bb09d571b726a9.txt -o /tmp/jb-vg.pdf
[ -x $B/jianbao ] && $B/jianbao extract --help >/dev/null 2>&1 && check $B/jianbao extract seeds/000_49bb09d571b726a9.txt -o /tmp/jb-vg.json
exit $fail
