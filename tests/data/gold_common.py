"""What the corpus and the genre gold builders share: the value syntax of the
.ann records, the check for numerals no record covers, and writing gold.json."""
import json
import os
import re

QUAL = {"e": "exact", "a": "approx", "m": "more_than", "al": "at_least", "l": "less_than",
        "n": "nearly"}
KINDS = {"money", "count", "percent", "per_mille", "date", "year", "rank", "ordinal", "other"}
NUMERAL = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿]")


def num(s):
    v = float(s)
    return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v


def parse_value(s):
    """'-' null, 'D:2023-12' a date (XXXX for an unknown year), 'lo~hi' a range."""
    if s == "-":
        return None
    if s.startswith("D:"):
        if not re.match(r"^(\d{4}|XXXX)(-(\d{2}|XX))?(-\d{2})?$", s[2:]):
            raise ValueError("bad date %r" % s)
        return s[2:]
    if "~" in s:
        a, b = s.split("~")
        return [num(a), num(b)]
    return num(s)


def print_uncovered(doc, text, out, not_numeral=None, width=6):
    """Lists numerals that no record covers (to review by eye)."""
    covered = set()
    for r in out:
        covered.update(range(r["start"], r["end"]))
    if not_numeral:
        for m in not_numeral.finditer(text):
            covered.update(range(m.start(), m.end()))
    for m in NUMERAL.finditer(text):
        if m.start() not in covered:
            print("%s %d: %s" % (doc, m.start(), text[max(0, m.start() - width):m.start() + width]
                                 .replace("\n", " ")))


def write_gold(here, build, check):
    """Builds every .ann of `here` and writes here/gold.json."""
    gold = []
    for name in sorted(os.listdir(here)):
        if name.endswith(".ann"):
            gold += build(os.path.join(here, name), check)
    with open(os.path.join(here, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    q = sum(not r["is_label"] for r in gold)
    print("gold.json: %d records, %d quantities, %d labels" % (len(gold), q, len(gold) - q))
