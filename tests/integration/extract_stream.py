#!/usr/bin/env python3
"""`jianbao extract` reads large reports in pieces of whole lines and streams its
JSON: read in pieces (JB_EXTRACT_PIECE), a report keeps its structure and facts
(their spans, values, units, measures, subjects, places and sentences; the
sections a piece starts in and the lead's frame carry over, so periods and
statuses too when the first piece holds the report's date; series ids may
differ), a line longer than a piece is cut at a sentence end and stays one
paragraph, errors still leave no file, and a report dense in numbers, on many
lines or on one, stays under 4 bytes of memory per input byte."""
import json
import os
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


reports = texts("seeds") + texts("tests/data/genre") + texts("tests/data/fresh")  # fresh: titles that name the place
whole = extract(reports)
check("stream_whole_ok", whole.returncode == 0 and whole.stdout.startswith(b'{"documents"'),
      whole.stderr.decode()[-300:])
FACT_KEYS = ("id", "doc", "start", "end", "text", "value", "unit", "qualifier", "kind", "measure", "subject",
             "place", "origin", "is_label", "sentence", "para", "sentence_text", "value_overflow")


SCOPE_KEYS = ("period", "status", "as_of")


def same_facts(a, b, keys=FACT_KEYS):
    """What a report read in pieces shares with it read whole (the date comes
    from the first piece: the same when that holds the report's first lines)."""
    a, b = json.loads(a), json.loads(b)
    nodate = ("date", "date_source")  # where the date comes from follows the date
    docs = all({k: v for k, v in x.items() if k not in nodate} == {k: v for k, v in y.items() if k not in nodate}
               for x, y in zip(a["documents"], b["documents"])) and len(a["documents"]) == len(b["documents"])
    facts = len(a["facts"]) == len(b["facts"]) and all(
        x.get(k) == y.get(k) for x, y in zip(a["facts"], b["facts"]) for k in keys)
    return docs and facts and a["checks"] == b["checks"] and len(a["series"]) == len(b["series"])


# pieces of one line (39 and 300 bytes are shorter than most paragraphs), of a few lines, of
# a few kilobytes: title, sections, offsets, places and the main actor come out as
# from the whole text
for piece in (39, 300, 2000, 9000):
    r = extract(reports, piece)
    check("stream_pieces_%d_same_facts" % piece, r.returncode == 0 and same_facts(whole.stdout, r.stdout),
          "%d bytes vs %d" % (len(r.stdout), len(whole.stdout)))
# pieces of 9 KB hold each report's date in the first: periods and statuses as read whole
r = extract(reports, 9000)
check("stream_pieces_9000_same_periods", r.returncode == 0 and same_facts(whole.stdout, r.stdout,
                                                                          FACT_KEYS + SCOPE_KEYS))
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

# sections and their time scope carry from piece to piece (一、2023年… governs the lines
# of the pieces after its heading; 二、2024年工作安排 makes targets), and so does the
# frame of a news item's lead (2023年以来，… : 2023起 for every later line)
sec = ("2024年工作总结\n一、2023年工作回顾\n" + "全年完成投资45亿元，同比增长6.2%。\n" * 30 + "（一）产业发展\n" +
       "新建项目12个，带动就业300人。\n" * 20 + "二、2024年工作安排\n" + "力争地区生产总值增长8%，完成投资50亿元。\n" * 30)
lead = ("援藏工作取得新进展\n2023年以来，江苏省援藏工作队紧紧围绕中心工作，累计投入援藏资金3.2亿元，实施项目45个。\n" +
        "实施民生项目12个，完成投资5000万元，新增就业岗位800个。\n" * 40)
for name, text in (("sections", sec), ("lead", lead)):
    p = os.path.join(tmp, name + ".txt")
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    ref = extract([p])
    periods = {x["period"] for x in json.loads(ref.stdout)["facts"]}
    check("stream_%s_periods_whole" % name, periods >= ({"2023", "2024"} if name == "sections" else {"2023起"}),
          str(periods))
    for piece in (100, 700):
        r = extract([p], piece)
        check("stream_%s_%d_same_periods" % (name, piece),
              r.returncode == 0 and same_facts(ref.stdout, r.stdout, FACT_KEYS + SCOPE_KEYS))

# one line longer than a piece: cut at sentence ends, still one paragraph with the
# sentences, facts and offsets of the whole line
dense = "拉萨市城关区2024年地区生产总值达到123.4亿元，同比增长6.2%。全年完成固定资产投资45亿元，其中工业投资12亿元、民间投资8亿元。"
p = os.path.join(tmp, "oneline.txt")
with open(p, "w", encoding="utf-8") as f:
    f.write("一行的报告\n" + dense * 2500 + "\n末行。\n")
ref = extract([p])
r = extract([p], 1000)
check("stream_long_line_same_facts", r.returncode == 0 and same_facts(ref.stdout, r.stdout, FACT_KEYS + SCOPE_KEYS))
check("stream_long_line_one_paragraph", r.returncode == 0 and
      len(json.loads(r.stdout)["documents"][0]["paragraphs"]) == 3, r.stderr.decode()[-300:])

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

# memory and time: 20 MB of the densest line of issue 12 (six facts in 130 bytes), on
# lines and on one line (no line end at all: pieces end at sentence ends). The peak is
# measured by a fresh small process: a child forked from this one would count the
# JSON this script holds.
PEAK = ("import resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True)\n"
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)")


def peak_of(path):
    r = subprocess.run([sys.executable, "-c", PEAK, JB, "extract", "-q", path, "-o", path + ".json"],
                       capture_output=True, text=True)
    rc, peak = r.stdout.split()
    return int(rc), int(peak) / os.path.getsize(path)


if MODE == "release":
    line = "拉萨市城关区2024年地区生产总值达到123.4亿元，同比增长6.2%。全年完成固定资产投资45亿元，其中工业投资12亿元、民间投资8亿元。\n".encode()
    big = os.path.join(tmp, "big.txt")
    for name, data in (("20mb", line), ("20mb_one_line", line.rstrip(b"\n"))):
        with open(big, "wb") as f:
            f.write(data * (20 * 1024 * 1024 // len(line)))
        rc, ratio = peak_of(big)
        print("  20 MB dense report%s: peak memory %.1f x input" % (" on one line" if "one" in name else "", ratio))
        check("stream_%s_ok" % name, rc == 0)
        check("stream_%s_memory_under_4x" % name, rc == 0 and ratio < 4, "%.1f x" % ratio)

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
