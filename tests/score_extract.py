#!/usr/bin/env python3
"""Scores `jianbao extract` against hand-annotated gold facts.

    python3 tests/score_extract.py [--jb BIN] [--gold GOLD.json] [--facts FACTS.json]
                                   [--genre] [--gate] [--verbose] FILE...

Runs `BIN extract FILE... -o TMP` (unless --facts gives its output) and compares
the facts with the gold records (the format of tests/data/gold-seeds.json).
Without FILEs: the seeds and tests/data/gold-seeds.json; with --genre: the
reports of tests/data/genre/ and their gold.json (other 援藏/援疆/闽宁 reports,
annotated by hand; see tests/data/genre/README.md). --gold GOLD FILE... scores any
other annotated set.

Figures (on the quantities, is_label == false):
  span     precision / recall / F1 with exact start and end
  vuq      value, unit and qualifier all correct, among matched spans
  kind     kind correct, among matched spans
  place    place correct, among matched spans where the gold gives one; places
           are compared after resolving former and short names through
           data/gazetteer.tsv (广东 = 广东省, 山南地区 = 山南市)
  period   period correct, among matched spans where the gold gives one
  spurious period: among matched spans whose gold gives no period, the share that
           get one (a figure the report does not date, a cumulative total, a
           project's size); a measure only where the gold annotates every period
           (the corpus: `-` is "the report does not say"); the seeds' and genre
           gold leave many periods out, so there it is printed as a count only
Labels: a gold label is recognised when an output record with is_label == true
overlaps its span.
Also checked: text == file[start:end] for every output record.
With --corpus both configurations are measured: the texts alone (the default, what
the gates use) and with --doc-date giving the page's date (# published:) to the
texts whose .ann says they show no date (# text_date: none); --page-dates details
the second.
With --gate the exit status is 1 when a threshold of issue 4 is missed.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

GATES = [  # name, figure, threshold
    ("span_f1", "span F1 (quantities)", 0.95),
    ("vuq", "value+unit+qualifier", 0.95),
    ("kind", "kind", 0.95),
    ("place", "place", 0.85),
    ("period", "period", 0.85),
    ("labels", "labels recognised", 0.90),
]


def load_gazetteer(path):
    canon = {}
    if not os.path.exists(path):
        return canon
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            name = cols[0]
            canon[name] = name
            if len(cols) > 3 and cols[3]:
                for a in cols[3].split(","):
                    canon.setdefault(a, name)
    return canon


def same_value(a, b):
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_value(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b


def run_extract_once(jb, files, extra=()):
    fd, out = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    try:
        r = subprocess.run([jb, "extract", "-q", *extra, *files, "-o", out],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit("score_extract: %s extract failed (%d): %s" % (jb, r.returncode, r.stderr))
        with open(out, encoding="utf-8") as f:
            return json.load(f)
    finally:
        os.unlink(out)


def run_extract(jb, files, page_dates=None):
    """extract on files; page_dates {base name: date} passes --doc-date DATE for those
    files (one run per date; documents, facts and series are joined)."""
    page_dates = page_dates or {}
    plain = [f for f in files if os.path.basename(f) not in page_dates]
    res = run_extract_once(jb, plain) if plain else {"documents": [], "facts": [], "series": []}
    by_date = {}
    for f in files:
        if os.path.basename(f) in page_dates:
            by_date.setdefault(page_dates[os.path.basename(f)], []).append(f)
    for date, fs in sorted(by_date.items()):
        r = run_extract_once(jb, fs, ("--doc-date", date))
        for k in ("documents", "facts", "series"):
            res.setdefault(k, []).extend(r.get(k, []))
    return res


def page_dates(corpus):
    """{text: the page's date} for the corpus texts whose .ann says the text shows no
    date of its own (# text_date: none) and whose page gives one (# published:)."""
    out = {}
    for a in sorted(os.listdir(corpus)):
        if not a.endswith(".ann"):
            continue
        head = {}
        with open(os.path.join(corpus, a), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^# (\w+):\s*(\S*)", line)
                if m:
                    head[m.group(1)] = m.group(2)
        if head.get("text_date") == "none" and re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                                         head.get("published", "")):
            out[a[:-4] + ".txt"] = head["published"]
    return out


def ratio(a, b):
    return a / b if b else 1.0


def same_asof(g, p):
    if not p:
        return False
    if len(g) == len(p):
        return g == p
    n = min(len(g), len(p), 7)
    return g[:n] == p[:n]


def score_roles(gq, pq, matched, canon, out, problems):
    """status (target against actual), origin and as_of on matched quantities."""
    tp = fp = fn = st_n = st_ok = 0
    or_n = or_ok = or_false = asof_n = asof_ok = 0
    for k in sorted(matched):
        g, p = gq[k], pq[k]
        gs, ps = g.get("status"), p.get("status")
        if gs:
            st_n += 1
            st_ok += gs == ps
            gt, pt = gs == "target", ps == "target"
            tp += gt and pt
            fp += pt and not gt
            fn += gt and not pt
            if gs != ps:
                problems.append("status %s %s %d: gold %s, got %s" % (k[0][:3], g["text"], k[1], gs, ps))
        if "origin" in g:
            go, po = g.get("origin"), p.get("origin")
            if go:
                or_n += 1
                if canon.get(go, go) == canon.get(po or "", po):
                    or_ok += 1
                else:
                    problems.append("origin %s %s %d: gold %s, got %s" % (k[0][:3], g["text"], k[1], go, po))
            elif po:
                or_false += 1
                problems.append("origin %s %s %d: gold none, got %s" % (k[0][:3], g["text"], k[1], po))
        if g.get("as_of"):
            asof_n += 1
            if same_asof(g["as_of"], p.get("as_of")):
                asof_ok += 1
            else:
                problems.append("as_of %s %s %d: gold %s, got %s" % (k[0][:3], g["text"], k[1], g["as_of"], p.get("as_of")))
    prec, rec = ratio(tp, tp + fp), ratio(tp, tp + fn)
    out["status_f1"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["status_p"], out["status_r"], out["status_targets"] = prec, rec, tp + fn
    out["status_acc"], out["status_n"] = ratio(st_ok, st_n), st_n
    out["origin"], out["origin_n"], out["origin_false"] = ratio(or_ok, or_n), or_n, or_false
    out["as_of"], out["as_of_n"] = ratio(asof_ok, asof_n), asof_n


def score_series(gold, pred, pseries, out, problems):
    """Gold series found (two members in one output series) and their dimension;
    output time series that are not time series in the gold."""
    pidx = {(p["doc"], p["start"], p["end"]): p for p in pred}
    dims = {(s["doc"], s["id"]): s["dimension"] for s in pseries}
    groups = {}
    for g in gold:
        if g.get("series"):
            groups.setdefault(g["series"], []).append(g)
    found = dim_ok = 0
    gold_dim_of = {}
    for sid, members in groups.items():
        ids = [pidx.get((m["doc"], m["start"], m["end"]), {}).get("series") for m in members]
        ids = [i for i in ids if i is not None]
        best = max(set(ids), key=ids.count) if ids else None
        for m in members:
            gold_dim_of[(m["doc"], m["start"], m["end"])] = m["series_dim"]
        if best is None or ids.count(best) < 2:
            problems.append("series missed %s (%s): %s" % (sid, members[0]["series_dim"],
                                                        " ".join(m["text"] for m in members)))
            continue
        found += 1
        d = dims.get((members[0]["doc"], best))
        if d == members[0]["series_dim"]:
            dim_ok += 1
        else:
            problems.append("series dimension %s: gold %s, got %s" % (sid, members[0]["series_dim"], d))
    false_time = 0
    docs = {g["doc"] for g in gold}
    for s in pseries:
        if s["doc"] not in docs or s["dimension"] != "time":
            continue
        members = [p for p in pred if p["doc"] == s["doc"] and p.get("series") == s["id"]]
        if not any(gold_dim_of.get((m["doc"], m["start"], m["end"])) == "time" for m in members):
            false_time += 1
            problems.append("time series not in gold %s: %s" % (s["doc"][:3], " ".join(m["text"] for m in members)))
    out["series_gold"], out["series_found"] = len(groups), found
    out["series_dim"] = ratio(dim_ok, found)
    out["series_false_time"] = false_time


def score(pred, gold, texts, canon, verbose=False, pseries=None):
    out = {}
    # 1. spans refer to the original files
    bad_text = [p for p in pred if p["doc"] in texts
                and texts[p["doc"]][p["start"]:p["end"]] != p["text"]]
    out["bad_text"] = len(bad_text)
    docs = set(texts)
    gold = [g for g in gold if g["doc"] in docs]
    gq = {(g["doc"], g["start"], g["end"]): g for g in gold if not g["is_label"]}
    pq = {(p["doc"], p["start"], p["end"]): p for p in pred if not p["is_label"]}
    matched = [k for k in gq if k in pq]
    prec = ratio(len(matched), len(pq))
    rec = ratio(len(matched), len(gq))
    out["gold_quantities"], out["pred_quantities"], out["matched"] = len(gq), len(pq), len(matched)
    out["span_p"], out["span_r"] = prec, rec
    out["span_f1"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    vuq = kind = place_n = place_ok = period_n = period_ok = nope_n = nope_got = 0
    problems = []
    for k in sorted(matched):
        g, p = gq[k], pq[k]
        ok = (same_value(g["value"], p["value"]) and g["unit"] == p["unit"]
              and g["qualifier"] == p["qualifier"])
        vuq += ok
        kind += g["kind"] == p["kind"]
        if not ok or g["kind"] != p["kind"]:
            problems.append("value/unit/qualifier/kind %s %s: gold %s %s %s %s, got %s %s %s %s" % (
                k[0][:3], g["text"], g["value"], g["unit"], g["qualifier"], g["kind"],
                p["value"], p["unit"], p["qualifier"], p["kind"]))
        if g.get("place"):
            place_n += 1
            gp = canon.get(g["place"], g["place"])
            pp = canon.get(p.get("place") or "", p.get("place"))
            if gp == pp:
                place_ok += 1
            else:
                problems.append("place %s %s %d: gold %s, got %s" % (k[0][:3], g["text"], k[1],
                                                                   g["place"], p.get("place")))
        if not g.get("period"):
            nope_n += 1
            if p.get("period"):
                nope_got += 1
                problems.append("spurious period %s %s %d: gold none, got %s" % (
                    k[0][:3], g["text"], k[1], p.get("period")))
        if g.get("period"):
            period_n += 1
            gper, pper = g["period"], p.get("period")
            if g["kind"] == "date" and pper:  # a date's period is its year
                gper, pper = gper[:4], pper[:4]
            if gper == pper:
                period_ok += 1
            else:
                problems.append("period %s %s %d: gold %s, got %s" % (k[0][:3], g["text"], k[1],
                                                                    g["period"], p.get("period")))
    out["vuq"] = ratio(vuq, len(matched))
    out["kind"] = ratio(kind, len(matched))
    out["place"], out["place_n"] = ratio(place_ok, place_n), place_n
    out["period"], out["period_n"] = ratio(period_ok, period_n), period_n
    out["spurious_period"] = nope_got / nope_n if nope_n else 0.0
    out["spurious_period_n"], out["spurious_period_got"] = nope_n, nope_got
    # labels
    labels = [g for g in gold if g["is_label"]]
    plabels = {}
    for p in pred:
        if p["is_label"]:
            plabels.setdefault(p["doc"], []).append((p["start"], p["end"]))
    rec_l = exact_l = 0
    for g in labels:
        spans = plabels.get(g["doc"], [])
        hit = any(s < g["end"] and g["start"] < e for s, e in spans)
        rec_l += hit
        exact_l += (g["start"], g["end"]) in spans
        if not hit:
            problems.append("label missed %s %s %d" % (g["doc"][:3], g["text"], g["start"]))
    score_roles(gq, pq, matched, canon, out, problems)
    score_series(gold, pred, pseries or [], out, problems)
    out["labels"] = ratio(rec_l, len(labels))
    out["labels_exact"] = ratio(exact_l, len(labels))
    out["gold_labels"] = len(labels)
    if verbose:
        for k in sorted(set(gq) - set(pq)):
            problems.append("missed %s %s %d" % (k[0][:3], gq[k]["text"], k[1]))
        for k in sorted(set(pq) - set(gq)):
            problems.append("extra %s %s %d" % (k[0][:3], pq[k]["text"], k[1]))
        for b in bad_text:
            problems.append("text mismatch %s %d %s" % (b["doc"], b["start"], b["text"]))
    out["problems"] = problems
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jb", default=os.environ.get("JB", os.path.join(ROOT, "build/release/jianbao")))
    ap.add_argument("--gold", default=None, help="gold records (default: the seeds' gold)")
    ap.add_argument("--genre", action="store_true",
                    help="score tests/data/genre/*.txt against tests/data/genre/gold.json")
    ap.add_argument("--corpus", action="store_true",
                    help="score the public corpus tests/data/corpus/*.txt against its gold.json")
    ap.add_argument("--page-dates", action="store_true",
                    help="with --corpus: give the texts whose .ann says they show no date "
                    "(# text_date: none) their page's date (# published:) by --doc-date")
    ap.add_argument("--facts", help="score this extract output instead of running the binary")
    ap.add_argument("--gazetteer", default=os.path.join(ROOT, "data/gazetteer.tsv"))
    ap.add_argument("--gate", action="store_true", help="exit 1 when a threshold is missed")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    files = a.files
    if a.genre:
        genre = os.path.join(HERE, "data/genre")
        files = files or sorted(os.path.join(genre, f) for f in os.listdir(genre)
                                if f.endswith(".txt"))
        a.gold = a.gold or os.path.join(genre, "gold.json")
    if a.corpus:
        corpus = os.path.join(HERE, "data/corpus")
        files = files or sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                                if f.endswith(".txt"))
        a.gold = a.gold or os.path.join(corpus, "gold.json")
    if not files:
        seeds = os.path.join(ROOT, "seeds")
        files = sorted(os.path.join(seeds, f) for f in os.listdir(seeds) if f.endswith(".txt"))
    a.gold = a.gold or os.path.join(HERE, "data/gold-seeds.json")
    texts = {}
    for f in files:
        with open(f, encoding="utf-8", newline="") as fh:
            texts[os.path.basename(f)] = fh.read()
    dates = page_dates(os.path.join(HERE, "data/corpus")) if a.corpus else {}
    with open(a.gold, encoding="utf-8") as fh:
        gold = json.load(fh)
    canon = load_gazetteer(a.gazetteer)
    if a.facts:
        with open(a.facts, encoding="utf-8") as fh:
            res = json.load(fh)
    else:
        res = run_extract(a.jb, files, dates if a.page_dates else None)
    pred, pseries = res["facts"], res.get("series", [])
    r = score(pred, gold, texts, canon, a.verbose, pseries)
    if dates and not a.facts:  # both configurations, the other one in brief
        o = run_extract(a.jb, files, None if a.page_dates else dates)
        ro = score(o["facts"], gold, texts, canon, False, o.get("series", []))
        t, g = (ro, r) if a.page_dates else (r, ro)
        print("text only / with the page date for the %d texts showing none (--doc-date): "
              "period %.3f / %.3f, status F1 %.3f / %.3f, as_of %.3f / %.3f; below: %s"
              % (len(dates), t["period"], g["period"], t["status_f1"], g["status_f1"],
                 t["as_of"], g["as_of"], "with the page date" if a.page_dates else "text only"))
    print("quantities: gold %d, output %d, matched %d" % (r["gold_quantities"], r["pred_quantities"],
                                                         r["matched"]))
    print("span precision %.3f recall %.3f F1 %.3f" % (r["span_p"], r["span_r"], r["span_f1"]))
    print("value+unit+qualifier %.3f  kind %.3f" % (r["vuq"], r["kind"]))
    print("place %.3f (of %d)  period %.3f (of %d)" % (r["place"], r["place_n"], r["period"],
                                                      r["period_n"]))
    if a.corpus:
        print("spurious period %.3f (%d of the %d matched quantities the gold gives no period)" % (
            r["spurious_period"], r["spurious_period_got"], r["spurious_period_n"]))
    else:  # this gold leaves periods out: not a measure
        print("periods where the gold gives none: %d of %d (the gold does not annotate every "
              "period)" % (r["spurious_period_got"], r["spurious_period_n"]))
    print("labels recognised %.3f (exact span %.3f) of %d" % (r["labels"], r["labels_exact"],
                                                               r["gold_labels"]))
    print("status: target F1 %.3f (P %.3f R %.3f, %d targets); all statuses %.3f of %d" % (
        r["status_f1"], r["status_p"], r["status_r"], r["status_targets"], r["status_acc"], r["status_n"]))
    print("origin %.3f (of %d), %d false; as_of %.3f (of %d)" % (
        r["origin"], r["origin_n"], r["origin_false"], r["as_of"], r["as_of_n"]))
    print("series: %d of %d found, dimension %.3f; %d output time series not in the gold" % (
        r["series_found"], r["series_gold"], r["series_dim"], r["series_false_time"]))
    print("records whose text is not file[start:end]: %d" % r["bad_text"])
    failed = r["bad_text"] > 0
    for key, name, th in GATES:
        ok = r[key] >= th
        failed |= not ok
        print("%s: %s %.3f (threshold %.2f)" % ("PASS" if ok else "FAIL", name, r[key], th))
    if a.verbose:
        for p in r["problems"]:
            print("  " + p)
    return 1 if (a.gate and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
