#!/usr/bin/env python3
"""`jianbao extract` reads large reports in pieces of whole lines and streams its
JSON: read in pieces (JB_EXTRACT_PIECE), a report keeps its structure and facts
(their spans, values, units, measures, subjects, places and sentences; periods,
statuses and series ids may differ, as sections and lead frames are found per
piece), errors still leave no file, and a report dense in numbers stays under 4
bytes of memory per input byte."""
import json
import os
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JB = os.environ.get("JB", os.path.join(ROOT, "build/release/jianbao"))
MODE = os.environ.get("JB_MODE", "release")
tmp = tempfile.mkdtemp(prefix="jb-stream-")
fails = 0


def check(name, ok, why=""):
    global fails
    print(("PASS: %s" % name) if ok else ("FAIL: %s: %s" % (name, why)))
    fails += not ok


def extract(files, piece=None, out="-"):
    env = dict(os.environ)
    env.pop("JB_EXTRACT_PIECE", None)
    if piece:
        env["JB_EXTRACT_PIECE"] = str(piece)
    return subprocess.run([JB, "extract", "-q", *files, "-o", out], capture_output=True, env=env)


def texts(folder):
    d = os.path.join(ROOT, folder)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt"))


reports = texts("seeds") + texts("tests/data/genre")
whole = extract(reports)
check("stream_whole_ok", whole.returncode == 0 and whole.stdout.startswith(b'{"documents"'),
      whole.stderr.decode()[-300:])
FACT_KEYS = ("id", "doc", "start", "end", "text", "value", "unit", "qualifier", "kind", "measure", "subject",
             "place", "origin", "is_label", "sentence", "para", "sentence_text", "value_overflow")


def same_facts(a, b):
    """What a report read in pieces shares with it read whole (the date comes
    from the first piece: the same when that holds the report's first lines)."""
    a, b = json.loads(a), json.loads(b)
    nodate = ("date", "date_source")  # where the date comes from follows the date
    docs = all({k: v for k, v in x.items() if k not in nodate} == {k: v for k, v in y.items() if k not in nodate}
               for x, y in zip(a["documents"], b["documents"])) and len(a["documents"]) == len(b["documents"])
    facts = len(a["facts"]) == len(b["facts"]) and all(
        x.get(k) == y.get(k) for x, y in zip(a["facts"], b["facts"]) for k in FACT_KEYS)
    return docs and facts and a["checks"] == b["checks"] and len(a["series"]) == len(b["series"])


# pieces of one line (39 and 300 bytes are shorter than most paragraphs), of a few lines, of
# a few kilobytes: title, sections, offsets, places and the main actor come out as
# from the whole text
for piece in (39, 300, 2000, 9000):
    r = extract(reports, piece)
    check("stream_pieces_%d_same_facts" % piece, r.returncode == 0 and same_facts(whole.stdout, r.stdout),
          "%d bytes vs %d" % (len(r.stdout), len(whole.stdout)))
# a piece larger than every report: the JSON of the whole documents, byte for byte
r = extract(reports, 1 << 30)
check("stream_one_piece_same_json", r.returncode == 0 and r.stdout == whole.stdout)

# a BOM, CRLF line ends and a heading right at a piece boundary
doc = ("\ufeff2024年工作总结\r\n" + "一、主要成效\r\n" +
       "全年完成投资45亿元，同比增长6.2%。\r\n" * 40 + "二、下一步打算\r\n" + "力争增长8%。\r\n").encode()
p = os.path.join(tmp, "crlf.txt")
with open(p, "wb") as f:
    f.write(doc)
ref = extract([p])
for piece in (100, 700):
    r = extract([p], piece)
    check("stream_bom_crlf_%d_same_facts" % piece, r.returncode == 0 and same_facts(ref.stdout, r.stdout))

# an error in a later file: nothing written, the line of the whole file
bad = os.path.join(tmp, "bad.txt")
with open(bad, "wb") as f:
    f.write("第一段。\n".encode() * 200 + b"\xff\n")
dest = os.path.join(tmp, "out.json")
r = extract([p, bad], 500, dest)
err = r.stderr.decode("utf-8", "replace")
check("stream_bad_utf8_no_file", r.returncode == 1 and not os.path.exists(dest) and
      not [n for n in os.listdir(tmp) if ".tmp" in n], err)
check("stream_bad_utf8_whole_line", "bad.txt:201:1:" in err, err)

# memory and time: 20 MB of the densest line of issue 12 (six facts in 130 bytes)
if MODE == "release":
    line = "拉萨市城关区2024年地区生产总值达到123.4亿元，同比增长6.2%。全年完成固定资产投资45亿元，其中工业投资12亿元、民间投资8亿元。\n".encode()
    big = os.path.join(tmp, "big.txt")
    with open(big, "wb") as f:
        f.write(line * (20 * 1024 * 1024 // len(line)))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = extract([big], None, os.path.join(tmp, "big.json"))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    ratio = peak / os.path.getsize(big)
    print("  20 MB dense report: peak memory %.0f MB (%.1f x input)" % (peak / 1e6, ratio))
    check("stream_20mb_ok", r.returncode == 0, r.stderr.decode()[-300:])
    check("stream_20mb_memory_under_4x", before < peak and ratio < 4, "%.1f x" % ratio)

# --doc-date reaches a report read in pieces: its date and where it comes from
p = os.path.join(tmp, "undated.txt")
with open(p, "w", encoding="utf-8") as f:
    f.write("援藏工作简讯\n" + "工作队到山南一年来，实施项目39个。\n" * 60)
for piece in (None, 300):
    env = dict(os.environ, JB_EXTRACT_PIECE=str(piece)) if piece else dict(os.environ)
    r = subprocess.run([JB, "extract", "-q", p, "--doc-date", "2023-08", "-o", "-"], capture_output=True, env=env)
    d = json.loads(r.stdout) if r.returncode == 0 else {"documents": [{}], "facts": []}
    doc = d["documents"][0]
    check("stream_doc_date_given_%s" % (piece or "whole"),
          doc.get("date") == "2023-08" and doc.get("date_source") == "given"
          and all(x.get("period") == "2022起" for x in d["facts"] if x["text"] == "39个") and d["facts"],
          "%s %s" % (doc.get("date"), doc.get("date_source")))

for n in os.listdir(tmp):
    os.unlink(os.path.join(tmp, n))
os.rmdir(tmp)
sys.exit(1 if fails else 0)
