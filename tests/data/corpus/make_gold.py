#!/usr/bin/env python3
"""Builds gold.json from the hand annotations (*.ann) of the public corpus.

Format: tests/data/corpus/README.md. With --check it also lists numerals that no
record covers (to review by eye). With FILE.ann arguments only those are checked
and gold.json is not written."""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gold_common import KINDS, QUAL, parse_value, print_uncovered, write_gold  # noqa: E402
STATUS = {"a": "actual", "t": "target", "e": "estimate", "-": None}
DIMS = {"time", "place", "category"}
HEADERS = ("source", "published", "retrieved", "kind", "trimmed", "place", "doc_date")
DOC_KINDS = {"work_report", "statistics_bulletin", "aid_summary", "press_release"}
PERIOD = re.compile(r"^(\d{4}(-\d{2})?(起)?|\d{4}-\d{4})$")
ASOF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
NOT_NUMERAL = re.compile(r"一些|统一|一起|一体|万一|一直|一定|一批|一线|唯一|一道|进一步|一切|"
                         r"一样|同一|第一时间|一系列|一致|一般|之一|一流|一路|一带|一揽子|"
                         r"十分|万众|千方百计|千家万户|百姓|老百姓|一举|一度|一心|一手|专一")


def fail(path, ln, msg):
    sys.exit("%s:%d: %s" % (path, ln, msg))


def parse_extras(path, ln, extras, rec):
    for x in extras:
        if x == "L":
            rec["is_label"] = True
            continue
        if "=" not in x:
            fail(path, ln, "extra field %r is neither L nor key=value" % x)
        k, v = x.split("=", 1)
        k, v = k.strip(), v.strip()
        if k == "origin":
            rec["origin"] = v
        elif k == "as_of":
            if not ASOF.match(v):
                fail(path, ln, "as_of must be YYYY, YYYY-MM or YYYY-MM-DD: %r" % v)
            rec["as_of"] = v
        elif k == "series":
            m = re.match(r"^S(\d+):(\w+)$", v)
            if not m or m.group(2) not in DIMS:
                fail(path, ln, "series must be S<n>:time|place|category: %r" % v)
            rec["series"] = "S" + m.group(1)
            rec["series_dim"] = m.group(2)
        elif k == "measure":
            rec["measure"] = v
        elif k == "note":
            rec["note"] = v
        else:
            fail(path, ln, "unknown key %r" % k)


def parse_header(path, text):
    head = {}
    for ln, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^# (\w+):\s*(.*)$", line)
        if m and m.group(1) in HEADERS:
            head[m.group(1)] = m.group(2).strip()
    for h in HEADERS:
        if not head.get(h):
            fail(path, 1, "missing header '# %s:'" % h)
    if head["kind"] not in DOC_KINDS:
        fail(path, 1, "kind must be one of %s" % " ".join(sorted(DOC_KINDS)))
    return head


def record(path, ln, line, head, doc, text, pos):
    f = [x.strip() for x in line.split(" | ")]
    if len(f) < 8:
        fail(path, ln, "expected at least 8 fields, got %d" % len(f))
    span, value, unit, qual, kind, status, period, place = f[:8]
    start = text.find(span, pos)
    if start < 0:
        fail(path, ln, "%r not found after offset %d" % (span, pos))
    if kind not in KINDS:
        fail(path, ln, "bad kind %r" % kind)
    if qual not in QUAL:
        fail(path, ln, "bad qualifier %r" % qual)
    if status not in STATUS:
        fail(path, ln, "bad status %r (a, t, e or -)" % status)
    if period != "-" and not PERIOD.match(period):
        fail(path, ln, "bad period %r" % period)
    try:
        val = parse_value(value)
    except ValueError as e:
        fail(path, ln, str(e))
    rec = {"doc": doc, "start": start, "end": start + len(span), "text": span, "value": val,
           "unit": None if unit == "-" else unit, "qualifier": QUAL[qual], "kind": kind,
           "measure": None, "subject": None,
           "place": head["place"] if place == "." else (None if place == "-" else place),
           "period": None if period == "-" else period, "is_label": False, "note": None,
           "status": STATUS[status], "origin": None, "as_of": None, "series": None,
           "series_dim": None}
    parse_extras(path, ln, f[8:], rec)
    if rec["is_label"]:
        rec["status"] = None
    elif kind not in ("date", "year") and rec["status"] is None:
        fail(path, ln, "a quantity needs a status (a, t or e)")
    if rec["origin"] and rec["origin"] == rec["place"]:
        fail(path, ln, "origin equals place")
    return rec


def build(ann_path, check):
    doc = os.path.basename(ann_path)[:-4] + ".txt"
    with open(os.path.join(os.path.dirname(ann_path), doc), encoding="utf-8", newline="") as f:
        text = f.read()
    with open(ann_path, encoding="utf-8") as f:
        ann = f.read()
    head = parse_header(ann_path, ann)
    out, pos = [], 0
    for ln, line in enumerate(ann.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        r = record(ann_path, ln, line, head, doc, text, pos)
        pos = r["end"]
        out.append(r)
    series = {}
    for r in out:
        if r["series"]:
            series.setdefault(r["series"], set()).add(r["series_dim"])
            r["series"] = doc + ":" + r["series"]
    for s, dims in series.items():
        if len(dims) > 1:
            sys.exit("%s: series %s has several dimensions %s" % (ann_path, s, sorted(dims)))
    if check:
        print_uncovered(doc, text, out, NOT_NUMERAL, 8)
    q = sum(not r["is_label"] for r in out)
    print("%s: %d records, %d quantities, %d labels, %d series" %
          (doc, len(out), q, len(out) - q, len(series)), file=sys.stderr)
    return out


def main():
    check = "--check" in sys.argv
    files = [a for a in sys.argv[1:] if a.endswith(".ann")]
    if files:
        for a in files:
            build(a, check)
        return
    write_gold(HERE, build, check)

if __name__ == "__main__":
    main()
