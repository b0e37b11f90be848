#!/usr/bin/env python3
"""`jianbao extract` on bad and odd input: invalid UTF-8, empty files, CRLF and BOM,
absurd numerals, options, atomic output, and memory on a large report."""
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
tmp = tempfile.mkdtemp(prefix="jb-extract-")
fails = 0


def check(name, ok, why=""):
    global fails
    print(("PASS: %s" % name) if ok else ("FAIL: %s: %s" % (name, why)))
    fails += not ok


def write(name, data):
    p = os.path.join(tmp, name)
    with open(p, "wb") as f:
        f.write(data)
    return p


def run(*args):
    return subprocess.run([JB, "extract", *args], capture_output=True)


# invalid UTF-8: refused with the file name, line and column
bad = write("bad.txt", "援藏资金".encode() + b"\xff" + "万元".encode())
r = run(bad)
err = r.stderr.decode("utf-8", "replace")
check("extract_bad_utf8_exit_1", r.returncode == 1, "exit %d" % r.returncode)
check("extract_bad_utf8_message", "bad.txt:1:5: error: invalid UTF-8" in err, err.strip())
out = os.path.join(tmp, "o.json")
r = run(bad, "-o", out)
check("extract_bad_utf8_no_output_file", not os.path.exists(out))

# empty file: empty fact list, exit 0
empty = write("empty.txt", b"")
r = run(empty)
check("extract_empty_exit_0", r.returncode == 0, r.stderr.decode())
try:
    d = json.loads(r.stdout)
    check("extract_empty_no_facts", d["facts"] == [] and d["checks"] == [] and
          d["documents"][0]["name"] == "empty.txt")
except ValueError as e:
    check("extract_empty_no_facts", False, str(e))

# CRLF + BOM: offsets index the original file
text = "\ufeff标题\r\n2023年投入资金1,200万元,建成项目12个。\r\n"
crlf = write("crlf.txt", text.encode())
r = run(crlf)
d = json.loads(r.stdout)
ok = all(text[f["start"]:f["end"]] == f["text"] for f in d["facts"])
check("extract_crlf_bom_offsets", ok and len(d["facts"]) == 3, str(d["facts"]))

# absurd numerals: no crash, overflow reported, exit 0
absurd = write("absurd.txt", ("资金" + "9" * 400 + "元，九千九百九十九亿亿元。").encode())
r = run(absurd)
check("extract_absurd_exit_0", r.returncode == 0, r.stderr.decode()[-300:])
d = json.loads(r.stdout) if r.returncode == 0 else {"facts": []}
flagged = [f for f in d["facts"] if f["value_overflow"] and f["value"] is None]
check("extract_absurd_flagged", len(flagged) == 2, str(d["facts"])[:300])
check("extract_absurd_warns", b"too large" in r.stderr)

# options
r = subprocess.run([JB, "extract", "--help"], capture_output=True)
check("extract_help", r.returncode == 0 and b"usage: jianbao extract" in r.stdout)
r = run("--bogus", empty)
check("extract_unknown_option", r.returncode == 2)
r = run(os.path.join(tmp, "missing.txt"))
check("extract_missing_file", r.returncode == 1 and b"missing.txt" in r.stderr)
r = run("--dump=ingest", crlf)
check("extract_dump_ingest", r.returncode == 0 and "title 0 [0,2) orig [1,3) 标题" in r.stdout.decode())
r = run("--no-normalize", crlf)
check("extract_no_normalize", r.returncode == 0 and json.loads(r.stdout)["facts"])

# -o writes atomically and replaces an existing file
dest = os.path.join(tmp, "facts.json")
with open(dest, "w") as f:
    f.write("old")
r = run(crlf, "-o", dest)
with open(dest, encoding="utf-8") as f:
    check("extract_output_file", r.returncode == 0 and json.load(f)["facts"])
check("extract_no_temp_left", sorted(os.listdir(tmp)).count("facts.json") == 1 and
      not [n for n in os.listdir(tmp) if n.startswith("facts.json.tmp")])

# memory: a large report is read in pieces and its JSON streamed: at most 4 bytes
# of memory per input byte (issue 12; it was 13 x, and 29 x before that)
if MODE == "release":
    seeds = sorted(os.path.join(ROOT, "seeds", f) for f in os.listdir(os.path.join(ROOT, "seeds"))
                   if f.endswith(".txt"))
    unit = b"".join(open(s, "rb").read() + b"\n" for s in seeds)
    size = 50 * 1024 * 1024
    big = write("big.txt", unit * (size // len(unit) + 1))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([JB, "extract", "-q", big, "-o", os.path.join(tmp, "big.json")],
                       capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    ratio = peak / os.path.getsize(big)
    print("  50 MB report: peak memory %.0f MB (%.1f x input)" % (peak / 1e6, ratio))
    check("extract_50mb_ok", r.returncode == 0, r.stderr.decode()[-300:])
    check("extract_50mb_memory_bounded", before < peak and ratio < 4, "%.1f x" % ratio)
    os.unlink(big)
    os.unlink(os.path.join(tmp, "big.json"))

for n in os.listdir(tmp):
    os.unlink(os.path.join(tmp, n))
os.rmdir(tmp)
sys.exit(1 if fails else 0)
