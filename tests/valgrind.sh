#!/bin/sh
# The main commands under valgrind (make valgrind): no leaks, no errors.
set -u
cd "$(dirname "$0")/.."
B=build/release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
check() { # label command...
  label=$1; shift
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
       --child-silent-after-fork=no "$@" >/dev/null 2>"$tmp/log"; then
    echo "PASS: valgrind $label"; pass=$((pass + 1))
  else
    echo "FAIL: valgrind $label"; head -40 "$tmp/log"; fail=$((fail + 1))
  fi
}
check "typeset seed 000" $B/jianbao typeset seeds/000_49bb09d571b726a9.txt -o "$tmp/t.pdf"
check "extract seeds" $B/jianbao extract seeds/000_49bb09d571b726a9.txt seeds/002_dfe9fba724ead71e.txt -o "$tmp/f.json"
check "extract public docx" $B/jianbao extract tests/data/public/bianzhi-shuoming-part12-design.docx -o "$tmp/d.json" --quiet
check "build examples/full.json" $B/jianbao build examples/full.json -o "$tmp/b.pdf" --quiet
check "pack seeds" $B/jianbao pack seeds -o "$tmp/pack" --quiet
check "pack seeds --jobs 2" $B/jianbao pack seeds -o "$tmp/pack2" --jobs 2 --quiet
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
