#!/usr/bin/env python3
"""Scores `$JB extract` on the public corpus (tests/data/corpus: real 政府工作报告,
统计公报, 援藏/援疆/援青/东西部协作 summaries and press releases, annotated by hand)
for every field of issue 10: span, value+unit+qualifier, status (target against
actual), period, place, origin, as_of and series dimension.

The gates are the figures reached when the rules were written, a little below, so
that a change that only suits the seeds shows; the issue's targets are printed
beside them (status 0.95, period 0.90, place 0.90) and docs/facts.md says where
the corpus still falls short. The gates score the texts alone; the period is also
printed with the page's date given (--doc-date) to the texts whose .ann says they
show no date (# text_date: none), and only those may get it. Also checked: the corpus is what the issue asks for
(20+ reports of 4 kinds with their source and date) and the gold is consistent."""
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import score_extract  # noqa: E402

JB = os.environ.get("JB", os.path.join(ROOT, "build/release/jianbao"))
CORPUS = os.path.join(ROOT, "tests/data/corpus")
GATES = [  # key, gate, the target
    ("span_f1", 0.97, 0.97), ("vuq", 0.98, None), ("kind", 0.98, None),
    ("status_f1", 0.95, 0.95), ("status_acc", 0.97, None), ("period", 0.90, 0.90),
    ("place", 0.90, 0.90), ("series_dim", 1.0, 1.0), ("as_of", 0.65, None),
    ("origin", 0.65, None), ("labels", 0.90, None)]
fails = 0


def check(name, ok, why=""):
    global fails
    print(("PASS: %s" % name) if ok else ("FAIL: %s: %s" % (name, why)))
    fails += not ok


anns = sorted(f for f in os.listdir(CORPUS) if f.endswith(".ann"))
kinds = set()
for a in anns:
    head = open(os.path.join(CORPUS, a), encoding="utf-8").read()
    m = re.search(r"^# kind: (\w+)", head, re.M)
    kinds.add(m.group(1) if m else None)
    check("extract_corpus_%s_names_its_source" % a[:3],
          re.search(r"^# source: \S+", head, re.M) and re.search(r"^# published: \S+", head, re.M)
          and re.search(r"^# trimmed: \S+", head, re.M), a)
check("extract_corpus_has_20_reports_of_4_kinds", len(anns) >= 20 and len(kinds - {None}) >= 4,
      "%d reports, kinds %s" % (len(anns), sorted(k for k in kinds if k)))
r = subprocess.run([sys.executable, os.path.join(CORPUS, "make_gold.py")], capture_output=True,
                   text=True)
check("extract_corpus_gold_builds", r.returncode == 0, r.stdout + r.stderr)
docs = sorted(os.path.join(CORPUS, f[:-4] + ".txt") for f in anns)
texts = {os.path.basename(f): open(f, encoding="utf-8", newline="").read() for f in docs}
gold = json.load(open(os.path.join(CORPUS, "gold.json"), encoding="utf-8"))
check("extract_corpus_gold_spans_are_file_slices",
      all(texts[g["doc"]][g["start"]:g["end"]] == g["text"] for g in gold))
canon = score_extract.load_gazetteer(os.path.join(ROOT, "data/gazetteer.tsv"))
out = score_extract.run_extract(JB, docs)  # the texts alone: what the gates use
res = score_extract.score(out["facts"], gold, texts, canon, False, out.get("series", []))
# the same with the page's date given (--doc-date) to the texts whose .ann says they show none
dates = score_extract.page_dates(CORPUS)
out_d = score_extract.run_extract(JB, docs, dates)
res_d = score_extract.score(out_d["facts"], gold, texts, canon, False, out_d.get("series", []))
given = {d["name"] for d in out_d["documents"] if d.get("date_source") == "given"}
check("extract_corpus_page_dates_are_given_only_to_undated_texts", given == set(dates),
      "given %s, expected %s" % (sorted(given), sorted(dates)))
check("extract_corpus_text_dates_are_from_the_text",
      all(d.get("date_source") in ("text", "inferred", "assumed", None) for d in out["documents"]))
print("  period: %.3f from the texts alone, %.3f with the page date of the %d texts showing none"
      % (res["period"], res_d["period"], len(dates)))
print("  corpus (%d reports, %d quantities): span F1 %.3f; vuq %.3f; status F1 %.3f (acc %.3f); "
      "period %.3f; place %.3f; origin %.3f (%d false); as_of %.3f; series %d/%d found, "
      "dimension %.3f; %d output time series not in the gold"
      % (len(docs), res["gold_quantities"], res["span_f1"], res["vuq"], res["status_f1"],
         res["status_acc"], res["period"], res["place"], res["origin"], res["origin_false"],
         res["as_of"], res["series_found"], res["series_gold"], res["series_dim"],
         res["series_false_time"]))
check("extract_corpus_text_is_file_slice", res["bad_text"] == 0, "%d records" % res["bad_text"])
check("extract_corpus_no_category_drawn_as_time", res["series_false_time"] == 0,
      "%d time series the gold does not have" % res["series_false_time"])
# a period the report does not give (the corpus gold says "-" when it does not say): at most
# 4 of the 18 such quantities (session 3: 14 before the rules for totals)
print("  spurious period: %d of the %d matched quantities the gold gives no period (%.3f)"
      % (res["spurious_period_got"], res["spurious_period_n"], res["spurious_period"]))
check("extract_corpus_spurious_period_at_most_0.25", res["spurious_period"] <= 0.25,
      "%.3f (%d of %d)" % (res["spurious_period"], res["spurious_period_got"], res["spurious_period_n"]))
for key, gate, target in GATES:
    check("extract_corpus_%s_at_least_%.2f" % (key, gate), res[key] >= gate,
          "%.3f (issue target %s)" % (res[key], target))
sys.exit(1 if fails else 0)
