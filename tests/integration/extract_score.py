#!/usr/bin/env python3
"""Scores `$JB extract seeds/*.txt` against tests/data/gold-seeds.json (issue 4 gates)
and checks that the three total = parts checks of seed 000 are reported as holding."""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
import score_extract  # noqa: E402

JB = os.environ.get("JB", os.path.join(ROOT, "build/release/jianbao"))
seeds = sorted(os.path.join(ROOT, "seeds", f) for f in os.listdir(os.path.join(ROOT, "seeds"))
               if f.endswith(".txt"))
fails = 0


def check(name, ok, why=""):
    global fails
    print(("PASS: %s" % name) if ok else ("FAIL: %s: %s" % (name, why)))
    fails += not ok


out = score_extract.run_extract(JB, seeds)
texts = {}
for f in seeds:
    with open(f, encoding="utf-8", newline="") as fh:
        texts[os.path.basename(f)] = fh.read()
with open(os.path.join(ROOT, "tests/data/gold-seeds.json"), encoding="utf-8") as fh:
    gold = json.load(fh)
r = score_extract.score(out["facts"], gold, texts,
                        score_extract.load_gazetteer(os.path.join(ROOT, "data/gazetteer.tsv")))
print("  span P %.3f R %.3f F1 %.3f; value+unit+qualifier %.3f; kind %.3f; place %.3f; "
      "period %.3f; labels %.3f" % (r["span_p"], r["span_r"], r["span_f1"], r["vuq"], r["kind"],
                                    r["place"], r["period"], r["labels"]))
check("extract_text_is_file_slice", r["bad_text"] == 0, "%d records" % r["bad_text"])
for key, name, th in score_extract.GATES:
    check("extract_%s_at_least_%.2f" % (key, th), r[key] >= th, "%.3f" % r[key])

checks = [c for c in out["checks"] if c["doc"].startswith("000_")]
want = {(69, (6, 63)), (6, (2, 4)), (63, (2, 61))}
got = {(c["total"]["value"], tuple(p["value"] for p in c["parts"])) for c in checks if c["holds"]}
check("extract_seed000_three_checks_hold", want <= got, "got %s" % sorted(got))
for c in checks:
    t = texts[c["doc"]]
    ok = t[c["total"]["start"]:c["total"]["end"]] == c["total"]["text"]
    check("extract_check_span_%d" % c["total"]["start"], ok, c["total"]["text"])

# deterministic output
r1 = subprocess.run([JB, "extract", "-q", *seeds], capture_output=True)
r2 = subprocess.run([JB, "extract", "-q", *seeds], capture_output=True)
check("extract_output_deterministic", r1.returncode == 0 and r1.stdout == r2.stdout)
sys.exit(1 if fails else 0)
