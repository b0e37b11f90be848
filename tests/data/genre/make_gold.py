#!/usr/bin/env python3
"""Builds gold.json from the hand annotations (*.ann) of the genre reports.

One line per numeric mention, in text order, fields separated by " | ":
  text | value | unit | qualifier | kind | place | period | L | measure | note
value: a number, "lo~hi" for a range, "D:2023-12-31" for a date, "-" for null.
qualifier: e (exact) a (approx) m (more_than) al (at_least) l (less_than) n (nearly).
place: "." for the report's main place (the "# place:" header), "-" for none.
period / unit / measure / note: "-" for none. L marks a label (is_label true).
The span is found by searching `text` from the end of the previous one, so the
lines must follow the text. With --check it also lists numerals that no record
covers (to review by eye: most are words such as 一些, 统一)."""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
QUAL = {"e": "exact", "a": "approx", "m": "more_than", "al": "at_least", "l": "less_than",
        "n": "nearly"}
KINDS = {"money", "count", "percent", "per_mille", "date", "year", "rank", "ordinal", "other"}
NUMERAL = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿]")


def num(s):
    v = float(s)
    return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v


def parse_value(s):
    if s == "-":
        return None
    if s.startswith("D:"):
        return s[2:]
    if "~" in s:
        a, b = s.split("~")
        return [num(a), num(b)]
    return num(s)


def build(ann_path, check):
    doc = os.path.basename(ann_path)[:-4] + ".txt"
    with open(os.path.join(HERE, doc), encoding="utf-8", newline="") as f:
        text = f.read()
    main_place = subject = None
    out, pos = [], 0
    with open(ann_path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("# place:"):
                main_place = line.split(":", 1)[1].strip()
                continue
            if line.startswith("# subject:"):
                subject = line.split(":", 1)[1].strip()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            f_ = [x.strip() for x in line.split(" | ")]
            f_ += ["-"] * (10 - len(f_))
            span, value, unit, qual, kind, place, period, label, measure, note = f_[:10]
            start = text.find(span, pos)
            if start < 0:
                sys.exit("%s:%d: %r not found after offset %d" % (ann_path, ln, span, pos))
            if kind not in KINDS or qual not in QUAL:
                sys.exit("%s:%d: bad kind or qualifier" % (ann_path, ln))
            pos = start + len(span)
            is_label = label == "L"
            out.append({
                "doc": doc, "start": start, "end": pos, "text": span,
                "value": parse_value(value), "unit": None if unit == "-" else unit,
                "qualifier": QUAL[qual], "kind": kind,
                "measure": None if measure == "-" else measure,
                "subject": None if is_label else subject,
                "place": main_place if place == "." else (None if place == "-" else place),
                "period": None if period == "-" else period,
                "is_label": is_label, "note": None if note == "-" else note})
    if check:
        covered = set()
        for r in out:
            covered.update(range(r["start"], r["end"]))
        for m in NUMERAL.finditer(text):
            if m.start() not in covered:
                print("%s %d: %s" % (doc, m.start(), text[max(0, m.start() - 6):m.start() + 6]
                                     .replace("\n", " ")))
    return out


def main():
    check = "--check" in sys.argv
    gold = []
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".ann"):
            gold += build(os.path.join(HERE, name), check)
    with open(os.path.join(HERE, "gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)
        f.write("\n")
    q = sum(not r["is_label"] for r in gold)
    print("gold.json: %d records, %d quantities, %d labels" % (len(gold), q, len(gold) - q))


if __name__ == "__main__":
    main()
