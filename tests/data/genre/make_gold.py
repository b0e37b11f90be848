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
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gold_common import KINDS, QUAL, parse_value, print_uncovered, write_gold  # noqa: E402


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
        print_uncovered(doc, text, out)
    return out


def main():
    write_gold(HERE, build, "--check" in sys.argv)


if __name__ == "__main__":
    main()
