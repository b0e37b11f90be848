"""Bad-input catalogue (issue 12): every case runs jianbao in a fresh folder
and checks the exit code, a message pattern, that no output file was written
(no stray temporary file either) and that existing outputs are byte-identical.
A case is a dict:
  name     label
  args     argument list; "{d}" is the case's folder, "{root}" the source tree
  rc       expected exit code
  err      regex the standard error must match (re.S)
  files    extra files to create first: {relative path: bytes | "fifo" | "dir" | ("link", target) |
           ("hardlink", name) | ("sparse", size)}
  keep     existing outputs, {relative path: bytes}: must be unchanged afterwards
  absent   relative paths that must not exist afterwards
  env      extra environment; stdin: bytes or a relative path opened for reading
  lock     a folder this test locks (as a running pack would) during the run
  check    optional function(folder, completed process) -> (ok, why) for anything else
Each run has a time limit (a hang is a failure, not a stuck test run)."""
import fcntl
import os
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, JB as JB_REL  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JB = os.path.abspath(JB_REL)
SEED = os.path.join(ROOT, "seeds", "000_49bb09d571b726a9.txt")
SEED_TEXT = open(SEED, "rb").read()
MINI = b'{"meta": {"title": "\xe5\x85\xa8\xe5\x8e\xbf\xe7\xae\x80\xe5\x86\xb5"}, "blocks": [{"type": "paragraph", "text": "\xe4\xb8\x80\xe5\xad\xa3\xe5\xba\xa6\xef\xbc\x8c\xe5\x85\xa8\xe5\x8e\xbf\xe7\xbb\x8f\xe6\xb5\x8e\xe8\xbf\x90\xe8\xa1\x8c\xe5\xb9\xb3\xe7\xa8\xb3\xe3\x80\x82"}]}'
OLD = b"old output, must survive"
TIMEOUT = 30 if os.environ.get("JB_MODE") == "asan" else 15
BASE = tempfile.mkdtemp(prefix="jb-bad-")
CASES = []


def case(name, args, rc, err, **kw):
    CASES.append(dict(name=name, args=args, rc=rc, err=err, **kw))


def briefing(extra):
    """MINI with extra top-level keys (a JSON fragment such as '"layout": "x"')."""
    return b"{" + extra.encode() + b", " + MINI[1:]


# ---- 4: an existing output that is not a regular file is never replaced ----------
for cmd, inp in (("typeset", "x.txt"), ("extract", "x.txt"), ("build", "b.json")):
    case("%s -o /dev/full refused" % cmd, [cmd, "{d}/" + inp, "-o", "/dev/full"], 1,
         r"/dev/full: error: the output exists and is a character device",
         check=lambda d, p: (stat.S_ISCHR(os.stat("/dev/full").st_mode), "/dev/full replaced"))
case("typeset -o /dev/null refused", ["typeset", "{d}/x.txt", "-o", "/dev/null"], 1, r"character device",
     check=lambda d, p: (stat.S_ISCHR(os.stat("/dev/null").st_mode), "/dev/null replaced"))
case("typeset -o FIFO refused", ["typeset", "{d}/x.txt", "-o", "{d}/out.pdf"], 1, r"out\.pdf: error: .*a FIFO",
     files={"out.pdf": "fifo"},
     check=lambda d, p: (stat.S_ISFIFO(os.stat(d + "/out.pdf").st_mode), "the FIFO was replaced"))
case("build -o FIFO refused", ["build", "{d}/b.json", "-o", "{d}/out.pdf"], 1, r"a FIFO", files={"out.pdf": "fifo"},
     check=lambda d, p: (stat.S_ISFIFO(os.stat(d + "/out.pdf").st_mode), "the FIFO was replaced"))
case("extract -o folder refused", ["extract", "{d}/x.txt", "-o", "{d}/sub"], 1, r"sub: error: .*a folder",
     files={"sub": "dir"}, check=lambda d, p: (os.path.isdir(d + "/sub"), "the folder was replaced"))
case("typeset -o trailing slash refused", ["typeset", "{d}/x.txt", "-o", "{d}/sub/"], 1, r"must name a file",
     files={"sub": "dir"})
case("typeset -o link to /dev/full refused", ["typeset", "{d}/x.txt", "-o", "{d}/out.pdf"], 1, r"character device",
     files={"out.pdf": ("link", "/dev/full")})
case("typeset -o - writes standard output", ["typeset", "{d}/x.txt", "-o", "-"], 0, r"^$",
     check=lambda d, p: (p.stdout.startswith(b"%PDF-"), "no PDF on standard output"))
case("typeset -o /dev/stdout writes in place", ["typeset", "{d}/x.txt", "-o", "/dev/stdout"], 0, r"^$",
     check=lambda d, p: (p.stdout.startswith(b"%PDF-"), "no PDF on standard output"))
case("extract -o /dev/stdout writes in place", ["extract", "{d}/x.txt", "-o", "/dev/stdout"], 0, r"^$",
     check=lambda d, p: (p.stdout.lstrip().startswith(b"{"), "no JSON on standard output"))

# ---- 5: inputs are regular files (or '-') under the size limit -------------------
case("typeset /dev/zero refused", ["typeset", "/dev/zero", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device; inputs must be regular files", keep={"out.pdf": OLD})
case("extract /dev/zero refused", ["extract", "/dev/zero", "-o", "{d}/f.json"], 1, r"character device",
     absent=["f.json"])
case("typeset FIFO input refused, no wait", ["typeset", "{d}/in.txt", "-o", "{d}/out.pdf"], 1,
     r"in\.txt: error: is a FIFO", files={"in.txt": "fifo"}, absent=["out.pdf"])
case("extract FIFO input refused", ["extract", "{d}/in.txt", "-o", "{d}/f.json"], 1, r"is a FIFO",
     files={"in.txt": "fifo"}, absent=["f.json"])
case("typeset folder input refused", ["typeset", "{d}/sub", "-o", "{d}/out.pdf"], 1, r"sub: error: is a folder",
     files={"sub": "dir"}, absent=["out.pdf"])
case("typeset --fonts /dev/zero refused", ["typeset", "{d}/x.txt", "--fonts", "/dev/zero", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device", keep={"out.pdf": OLD})
case("build --fonts /dev/zero refused", ["build", "{d}/b.json", "--fonts", "/dev/zero", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device", absent=["out.pdf"])
case("build --layout /dev/zero refused", ["build", "{d}/b.json", "--layout", "/dev/zero", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device", absent=["out.pdf"])
case("build --facts /dev/zero refused", ["build", "{d}/b.json", "--facts", "/dev/zero", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device", absent=["out.pdf"])
case("pack --layout /dev/zero refused", ["pack", "{d}/x.txt", "--layout", "/dev/zero", "-o", "{d}/o", "--quiet"], 1,
     r"/dev/zero: error: is a character device", absent=["o/briefing-pack.pdf"])
case("briefing layout /dev/zero refused", ["build", "{d}/bz.json", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device|layout: error: .*outside", files={"bz.json": briefing('"layout": "/dev/zero"')},
     keep={"out.pdf": OLD})
case("briefing facts /dev/zero refused", ["build", "{d}/bz.json", "-o", "{d}/out.pdf"], 1,
     r"/dev/zero: error: is a character device|facts: error: .*outside", files={"bz.json": briefing('"facts": "/dev/zero"')},
     keep={"out.pdf": OLD})
for key in ("layout", "facts"):
    case("briefing %s /dev/zero with --allow-paths refused" % key, ["build", "{d}/bz.json", "-o", "{d}/out.pdf", "--allow-paths"],
         1, r"/dev/zero: error: is a character device; inputs must be regular files",
         files={"bz.json": briefing('"%s": "/dev/zero"' % key)}, keep={"out.pdf": OLD})
case("briefing facts FIFO refused", ["build", "{d}/bz.json", "-o", "{d}/out.pdf"], 1, r"f\.json: error: is a FIFO",
     files={"bz.json": briefing('"facts": "f.json"'), "f.json": "fifo"}, absent=["out.pdf"])
case("briefing image FIFO refused", ["build", "{d}/bi.json", "-o", "{d}/out.pdf"], 1, r"not a regular file",
     files={"bi.json": b'{"meta": {"title": "t"}, "blocks": [{"type": "image", "path": "m.png", "width_mm": 50}]}',
            "m.png": "fifo"}, absent=["out.pdf"])
case("input over JB_MAX_INPUT_MB refused", ["typeset", "{d}/big.txt", "-o", "{d}/out.pdf"], 1,
     r"big\.txt: error: larger than the input limit of 1 MB \(set JB_MAX_INPUT_MB", env={"JB_MAX_INPUT_MB": "1"},
     files={"big.txt": SEED_TEXT * 100}, keep={"out.pdf": OLD})
case("stdin over JB_MAX_INPUT_MB refused", ["typeset", "-", "-o", "{d}/out.pdf"], 1,
     r"<stdin>: error: larger than the input limit of 1 MB", env={"JB_MAX_INPUT_MB": "1"},
     files={"big.txt": SEED_TEXT * 100}, stdin="big.txt", absent=["out.pdf"])
case("extract over JB_MAX_INPUT_MB refused", ["extract", "{d}/big.txt", "-o", "{d}/f.json"], 1,
     r"input limit of 1 MB", env={"JB_MAX_INPUT_MB": "1"}, files={"big.txt": SEED_TEXT * 100}, absent=["f.json"])
case("JB_MAX_INPUT_MB raised lets it through", ["extract", "{d}/big.txt", "-o", "{d}/f.json"], 0, r"",
     env={"JB_MAX_INPUT_MB": "4"}, files={"big.txt": SEED_TEXT * 20})
for v in ("abc", "0", "1.5", "99999999", "nan"):
    case("JB_MAX_INPUT_MB=%s refused" % v, ["typeset", "{d}/x.txt", "-o", "{d}/out.pdf"], 1,
         r"JB_MAX_INPUT_MB: error: expected whole megabytes", env={"JB_MAX_INPUT_MB": v}, keep={"out.pdf": OLD})

# ---- 6: an output that is an input is refused ------------------------------------
case("typeset x.txt -o x.txt refused", ["typeset", "{d}/x.txt", "-o", "{d}/x.txt"], 1,
     r"x\.txt: error: the output is also an input", keep={"x.txt": SEED_TEXT})
case("extract x.txt -o x.txt refused", ["extract", "{d}/x.txt", "-o", "{d}/x.txt"], 1,
     r"the output is also an input", keep={"x.txt": SEED_TEXT})
case("extract a b -o b refused", ["extract", "{d}/x.txt", "{d}/y.txt", "-o", "{d}/y.txt"], 1,
     r"y\.txt: error: the output is also an input", files={"y.txt": SEED_TEXT}, keep={"y.txt": SEED_TEXT})
case("build b.json -o b.json refused", ["build", "{d}/b.json", "-o", "{d}/b.json"], 1,
     r"b\.json: error: the output is also an input", keep={"b.json": MINI})
case("build --facts f.json -o f.json refused", ["build", "{d}/b.json", "--facts", "{d}/f.json", "-o", "{d}/f.json"], 1,
     r"f\.json: error: the output is also an input", files={"f.json": b'{"facts": []}'}, keep={"f.json": b'{"facts": []}'})
case("typeset -o hard link of the input refused", ["typeset", "{d}/x.txt", "-o", "{d}/h.txt"], 1,
     r"h\.txt: error: the output is also an input", files={"h.txt": ("hardlink", "x.txt")}, keep={"x.txt": SEED_TEXT})
case("typeset - < x.txt -o x.txt refused", ["typeset", "-", "-o", "{d}/x.txt"], 1, r"the output is also an input",
     stdin="x.txt", keep={"x.txt": SEED_TEXT})
case("typeset -o ./x.txt via another path refused", ["typeset", "{d}/x.txt", "-o", "{d}/sub/../x.txt"], 1,
     r"the output is also an input", files={"sub": "dir"}, keep={"x.txt": SEED_TEXT})

# ---- 2/3: numbers in options are finite and in their documented range -------------
for v in ("180", "170", "200", "151", "nan", "-nan", "inf", "1e999", "0", "-5", "12x", ""):
    case("typeset --size '%s' refused" % v, ["typeset", "{d}/a.txt", "-o", "{d}/out.pdf", "--size", v], 2,
         r"--size must be a number from 4 to 150 pt", files={"a.txt": "正文一段。\n".encode()}, keep={"out.pdf": OLD})
case("typeset --size=nan refused", ["typeset", "{d}/a.txt", "-o", "{d}/out.pdf", "--size=nan"], 2,
     r"--size must be a number from 4 to 150", files={"a.txt": "正文一段。\n".encode()}, absent=["out.pdf"])
for v in ("150", "4"):
    case("typeset --size %s works" % v, ["typeset", "{d}/a.txt", "-o", "{d}/out.pdf", "--size", v, "--quiet"], 0, r"^$",
         files={"a.txt": "正文一段。\n".encode()},
         check=lambda d, p: (open(d + "/out.pdf", "rb").read(5) == b"%PDF-", "no PDF"))
for v in ("nan", "1e10", "0", "2.5", "-1", "65", "inf", "4x"):
    case("pack --jobs %s refused" % v, ["pack", "{d}/x.txt", "-o", "{d}/o", "--jobs", v], 2,
         r"--jobs must be a whole number from 1 to 64", absent=["o"])
for v in ("1/2x", "1/2/3", "0/1", "2/1", "1/99999999999", " 1/2", "1/", "/2", "a/b"):
    case("pack --shard '%s' refused" % v, ["pack", "{d}/x.txt", "-o", "{d}/o", "--shard", v], 2,
         r"--shard expects K/N with whole numbers", absent=["o"])

# JSON numbers: finite and in range, located by their JSON path.
for frag, path in (('"meta": {"title": "t", "issue": 1e400}, "blocks": []', r"meta\.issue: error: expected an integer"),
                   ('"meta": {"title": "t", "issue": 1e10}, "blocks": []', r"meta\.issue: error: expected an integer"),
                   ('"meta": {"title": "t"}, "blocks": [{"type": "spacer", "height_mm": -1e308}]',
                    r"blocks\[0\]\.height_mm: error: expected a number from 0 to 300")):
    case("briefing number %s refused" % frag[-40:], ["build", "{d}/j.json", "-o", "{d}/out.pdf"], 1,
         r"j\.json:1:\d+: " + path, files={"j.json": ("{" + frag + "}").encode()}, keep={"out.pdf": OLD})

# ---- 1: every libharu call checked (the test hook fails the n-th call) ---------
for k, call in ((1, "HPDF_SetCompressionMode"), (2, "HPDF_AddPage"), (3, "HPDF_Page_SetWidth"),
                (4, "HPDF_Page_SetHeight"), (40, "HPDF_")):
    case("typeset: libharu call %d fails" % k, ["typeset", "{d}/x.txt", "-o", "{d}/out.pdf"], 1,
         r"error: cannot write the PDF: %s\w* failed .*nothing was written" % call,
         env={"JB_TEST_LIBHARU_FAIL_AT": str(k)}, keep={"out.pdf": OLD})
case("build: libharu call 2 fails", ["build", "{d}/b.json", "-o", "{d}/out.pdf"], 1,
     r"cannot write the PDF: HPDF_AddPage failed", env={"JB_TEST_LIBHARU_FAIL_AT": "2"}, absent=["out.pdf"])

# ---- 9: a title or heading of 32,766+ characters works (or is located) -----------
LONG = "题" * 32766
case("build: 32,766-character title and heading", ["build", "{d}/long.json", "-o", "{d}/out.pdf", "--quiet"], 0, r"^$",
     files={"long.json": ('{"meta": {"title": "%s"}, "blocks": [{"type": "heading", "level": 1, "text": "%s"}, '
                          '{"type": "paragraph", "text": "正文。"}]}' % (LONG, LONG)).encode()},
     check=lambda d, p: (open(d + "/out.pdf", "rb").read(5) == b"%PDF-", "no PDF"))
case("typeset: 40,000-character heading line", ["typeset", "{d}/long.txt", "-o", "{d}/out.pdf", "--quiet"], 0, r"^$",
     files={"long.txt": ("一、" + "题" * 40000 + "\n正文。\n").encode()},
     check=lambda d, p: (open(d + "/out.pdf", "rb").read(5) == b"%PDF-", "no PDF"))

# ---- 7: files under pack's output folder are never written through a link --------
case("pack: counties/ a symbolic link refused", ["pack", "{d}/x.txt", "-o", "{d}/o", "--quiet"], 1,
     r"o/counties: error: is a symbolic link or not a folder", files={"elsewhere": "dir", "o/counties": ("link", "../elsewhere")},
     check=lambda d, p: (os.listdir(d + "/elsewhere") == [], "a page was written through the link"))
case("pack: prefectures/ a symbolic link refused", ["pack", "{d}/x.txt", "-o", "{d}/o", "--by", "prefecture", "--quiet"], 1,
     r"o/prefectures: error: is a symbolic link", files={"elsewhere": "dir", "o/prefectures": ("link", "../elsewhere")},
     check=lambda d, p: (os.listdir(d + "/elsewhere") == [], "a page was written through the link"))
case("pack: facts.json a link is replaced, not written through", ["pack", "{d}/x.txt", "-o", "{d}/o", "--quiet"], 0, r"^$",
     files={"target.json": OLD, "o/facts.json": ("link", "../target.json")}, keep={"target.json": OLD},
     check=lambda d, p: (not os.path.islink(d + "/o/facts.json"), "facts.json is still the link"))
case("pack: a county file that is a link is replaced", ["pack", "{d}/x.txt", "-o", "{d}/o", "--quiet", "--ascii-names"], 0,
     r"^$", files={"target.pdf": OLD, "o/counties/county-01.pdf": ("link", "../../target.pdf")}, keep={"target.pdf": OLD})
case("pack: -o a FIFO refused", ["pack", "{d}/x.txt", "-o", "{d}/o", "--quiet"], 1, r"o: error: cannot write into this folder",
     files={"o": "fifo"})

# ---- 11: pack locks its output folder -------------------------------------------
case("pack: a second pack into a locked folder fails", ["pack", "{d}/x.txt", "-o", "{d}/o", "--quiet"], 1,
     r"o: error: another jianbao pack is writing into this folder", files={"o": "dir", "o/facts.json": OLD},
     lock="o", keep={"o/facts.json": OLD}, absent=["o/briefing-pack.pdf", "o/counties"])

# ---- 8: paths inside a briefing stay in its folder (or the data folder) ----------
SECRET = os.path.join(BASE, "secret.txt")  # outside every case's folder
with open(SECRET, "w") as f:
    f.write("root:*:19000:0:99999:7:::\n")
MAP = os.path.join(ROOT, "examples", "map.png")
IMG = '"blocks": [{"type": "image", "path": "%s", "width_mm": 50}]'
no_secret = lambda d, p: (b"root:" not in p.stderr, "the file's contents were quoted")  # noqa: E731
for key, val in (("layout", SECRET), ("layout", "../secret.txt"), ("facts", SECRET), ("facts", "../secret.txt"),
                 ("layout", "/etc/passwd"), ("facts", "/dev/zero")):
    case("briefing %s %s refused" % (key, val), ["build", "{d}/bp.json", "-o", "{d}/out.pdf"], 1,
         r"bp\.json:1:\d+: %s: error: .* is outside the briefing's folder and the data folder; pass --allow-paths" % key,
         files={"bp.json": briefing('"%s": "%s"' % (key, val))}, keep={"out.pdf": OLD}, check=no_secret)
case("briefing image outside refused", ["build", "{d}/bi.json", "-o", "{d}/out.pdf"], 1,
     r"bi\.json:1:\d+: blocks\[0\]\.path: error: .*map\.png\" is outside the briefing's folder",
     files={"bi.json": ('{"meta": {"title": "t"}, ' + IMG % MAP + '}').encode()}, absent=["out.pdf"])
case("briefing image ../ refused", ["build", "{d}/sub/bi.json", "-o", "{d}/out.pdf"], 1, r"blocks\[0\]\.path: error: .*outside",
     files={"m.png": open(MAP, "rb").read(), "sub/bi.json": ('{"meta": {"title": "t"}, ' + IMG % "../m.png" + '}').encode()},
     absent=["out.pdf"])
case("briefing image via a link out of the folder refused", ["build", "{d}/bi.json", "-o", "{d}/out.pdf"], 1,
     r"blocks\[0\]\.path: error: .*outside", files={"m.png": ("link", MAP),
                                                    "bi.json": ('{"meta": {"title": "t"}, ' + IMG % "m.png" + '}').encode()})
case("briefing image outside with --allow-paths works", ["build", "{d}/bi.json", "-o", "{d}/out.pdf", "--allow-paths"], 0,
     r"^$", files={"bi.json": ('{"meta": {"title": "t"}, ' + IMG % MAP + '}').encode()},
     check=lambda d, p: (open(d + "/out.pdf", "rb").read(5) == b"%PDF-", "no PDF"))
case("briefing facts inside the folder, not JSON, not quoted", ["build", "{d}/bp.json", "-o", "{d}/out.pdf"], 1,
     r"s\.json:1:1: error: not a JSON document: it does not begin with", files={"s.json": b"root:*:19000:0:::\n",
     "bp.json": briefing('"facts": "s.json"')}, keep={"out.pdf": OLD}, check=no_secret)
case("briefing layout inside the folder, not JSON, not quoted", ["build", "{d}/bp.json", "-o", "{d}/out.pdf"], 1,
     r"s\.json:1:1: error: not a JSON document", files={"s.json": b"root:*:19000:0:::\n",
     "bp.json": briefing('"layout": "s.json"')}, absent=["out.pdf"], check=no_secret)
case("--facts a non-JSON file not quoted", ["build", "{d}/b.json", "--facts", SECRET, "-o", "{d}/out.pdf"], 1,
     r"secret\.txt:1:1: error: not a JSON document", absent=["out.pdf"], check=no_secret)
case("--layout a non-JSON file not quoted", ["build", "{d}/b.json", "--layout", SECRET, "-o", "{d}/out.pdf"], 1,
     r"secret\.txt:1:1: error: not a JSON document", absent=["out.pdf"], check=no_secret)
case("pack --layout a non-JSON file not quoted", ["pack", "{d}/x.txt", "--layout", SECRET, "-o", "{d}/o", "--quiet"], 1,
     r"secret\.txt:1:1: error: not a JSON document", absent=["o/briefing-pack.pdf"], check=no_secret)
case("typeset --fonts a non-JSON file not quoted", ["typeset", "{d}/x.txt", "--fonts", SECRET, "-o", "{d}/out.pdf"], 1,
     r"secret\.txt", absent=["out.pdf"], check=no_secret)

# ---- 12: messages -------------------------------------------------------------------
U8 = "全县经济运行情况。\n第二段，增长6.2%。\n"
ENC = {"utf16bom.txt": U8.encode("utf-16"), "utf16be.txt": b"\xfe\xff" + U8.encode("utf-16-be"),
       "utf16le.txt": U8.encode("utf-16-le"), "utf16latin.txt": "Report 2024\nGDP grew.\n".encode("utf-16-le"),
       "gbk.txt": U8.encode("gbk"), "gb18030.txt": SEED_TEXT.decode().encode("gb18030")}
# issue 14: UTF-16 and GB 18030 text is read (a byte-order mark silently, a guess with a warning
# naming the encoding); an undecodable byte is located at its byte offset.
for f, warn in (("utf16bom.txt", None), ("utf16be.txt", None), ("utf16le.txt", "UTF-16LE"),
                ("utf16latin.txt", "UTF-16LE"), ("gbk.txt", "GB18030"), ("gb18030.txt", "GB18030")):
    for cmd, out in (("typeset", "out.pdf"), ("extract", "f.json")):
        case("%s %s is read%s" % (cmd, f, " with a warning" if warn else ""), [cmd, "{d}/" + f, "-o", "{d}/" + out], 0,
             r"%s: warning: not UTF-8: read as %s" % (re.escape(f), warn) if warn else r"^(?!.*(error|not UTF-8))",
             files={f: ENC[f]},
             check=lambda d, p, out=out: (os.path.getsize(d + "/" + out) > 0, "no output"))
case("typeset - (GBK on stdin) is read with a warning", ["typeset", "-", "-o", "{d}/out.pdf"], 0,
     r"<stdin>: warning: not UTF-8: read as GB18030", files={"gbk.txt": ENC["gbk.txt"]}, stdin="gbk.txt")
case("GB18030 text with an undecodable byte: its byte offset", ["extract", "{d}/bad.txt", "-o", "{d}/f.json"], 1,
     r"bad\.txt: offset 11: error: byte 0xFF cannot be read as GB18030 \(line 2\)",
     files={"bad.txt": "全县经济。\n".encode("gbk") + b"\xff\xff" + "增长。\n".encode("gbk")}, absent=["f.json"])
case("--encoding utf-16 forced on UTF-8 text", ["extract", "{d}/a.txt", "--encoding", "utf-16", "-o", "{d}/f.json"], 1,
     r"a\.txt: offset \d+: error: .*UTF-16", files={"a.txt": "a正文。\n".encode()}, absent=["f.json"])
case("build: UTF-16 briefing names the encoding", ["build", "{d}/b16.json", "-o", "{d}/out.pdf"], 1,
     r"b16\.json:1:1: error: the file is UTF-16LE, not UTF-8", files={"b16.json": MINI.decode().encode("utf-16")},
     absent=["out.pdf"])
case("typeset: invalid UTF-8 at line:col", ["typeset", "{d}/bad.txt", "-o", "{d}/out.pdf"], 1,
     r"bad\.txt:2:5: error: invalid UTF-8 \(byte 0xFF\)", files={"bad.txt": "第一行。\n第二行，".encode() + b"\xff" + "。\n".encode()},
     keep={"out.pdf": OLD})
case("extract: invalid UTF-8 at line:col", ["extract", "{d}/bad.txt", "-o", "{d}/f.json"], 1, r"bad\.txt:2:5: error: invalid UTF-8",
     files={"bad.txt": "第一行。\n第二行，".encode() + b"\xff" + "。\n".encode()}, absent=["f.json"])
case("extract: NUL byte at line:col", ["extract", "{d}/nul.txt", "-o", "{d}/f.json"], 1, r"nul\.txt:3:3: error: NUL byte",
     files={"nul.txt": "一\n二\n三四".encode() + b"\0" + "五\n".encode()}, absent=["f.json"])
case("extract --quiet accepted", ["extract", "{d}/w.txt", "-o", "{d}/f.json", "--quiet"], 0, r"^$",
     files={"w.txt": "某县增长5%，\x1b达到100亿元。\n".encode()})
case("typeset -q accepted", ["typeset", "{d}/w.txt", "-o", "{d}/out.pdf", "-q"], 0, r"^$",
     files={"w.txt": "某县增长5%，\x1b达到100亿元。\n".encode()})
case("missing font: the folders searched", ["typeset", "{d}/x.txt", "--fonts", "{d}/st.json", "-o", "{d}/out.pdf"], 1,
     r'needs the font "No Such Family" .*folders searched: /', files={"st.json": b'{"stacks": {"serif-zh": [{"family": "No Such Family"}]}}'},
     keep={"out.pdf": OLD})
case("missing font, no font folder known: said so", ["typeset", "{d}/x.txt", "-o", "{d}/out.pdf"], 1,
     r"folders searched: none: fontconfig's configuration names no font folder", env={"FONTCONFIG_FILE": "{d}/empty.conf"},
     files={"empty.conf": b"<fontconfig></fontconfig>"}, keep={"out.pdf": OLD})


# ---- issue 14: documents that are not text: docx, xlsx, html, csv ---------------------
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def ooxml(parts):
    """A ZIP archive (bytes) holding parts {name: bytes or str}."""
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data.encode() if isinstance(data, str) else data)
    return buf.getvalue()


def docx(body, extra=None, prolog=""):
    parts = {"[Content_Types].xml": CT,
             "word/document.xml": '<?xml version="1.0"?>%s<w:document %s>%s</w:document>' % (prolog, W, body)}
    parts.update(extra or {})
    return ooxml(parts)


GOOD = docx('<w:body><w:p><w:r><w:t>全县经济增长6.2%。</w:t></w:r></w:p></w:body>')
LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">' +
          "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9)) + "]>")
CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
ENCRYPTED = CFB + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le")
BOMB = ooxml({"[Content_Types].xml": CT, "word/document.xml": b"<w:document " + W.encode() + b"><w:body>" +
              b" " * (48 << 20) + b"</w:body></w:document>"})
for cmd, out in (("extract", "f.json"), ("typeset", "out.pdf")):
    case("%s: corrupt zip refused" % cmd, [cmd, "{d}/c.docx", "-o", "{d}/" + out], 1,
         r"c\.docx: error: not a readable ZIP archive: corrupt or truncated", files={"c.docx": b"PK\x03\x04" + b"\x13" * 300},
         absent=[out])
    case("%s: truncated docx refused" % cmd, [cmd, "{d}/t.docx", "-o", "{d}/" + out], 1,
         r"t\.docx: error: (not a readable ZIP archive|corrupt or truncated)", files={"t.docx": GOOD[:len(GOOD) // 2]},
         absent=[out])
    case("%s: zip bomb refused" % cmd, [cmd, "{d}/bomb.docx", "-o", "{d}/" + out], 1,
         r"bomb\.docx: error: word/document\.xml expands to more than \d+ bytes from \d+ compressed \(a zip bomb\?\)",
         files={"bomb.docx": BOMB}, absent=[out])
    case("%s: encrypted docx refused" % cmd, [cmd, "{d}/e.docx", "-o", "{d}/" + out], 1,
         r"e\.docx: error: a password-protected \(encrypted\) Office document; remove the password",
         files={"e.docx": ENCRYPTED}, absent=[out])
    for old in ("old.doc", "old.wps"):
        case("%s: binary %s refused, save as .docx" % (cmd, old), [cmd, "{d}/" + old, "-o", "{d}/" + out], 1,
             r"%s: error: an old binary Word, WPS or Excel file .* save it as \.docx" % re.escape(old),
             files={old: CFB + b"WordDocument"}, absent=[out])
    case("%s: external entity never resolved" % cmd, [cmd, "{d}/xxe.docx", "-o", "{d}/" + out], 1,
         r"xxe\.docx: word/document\.xml: error: a document type or entity declaration .*never read",
         files={"xxe.docx": docx('<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>',
                                 prolog='<!DOCTYPE w:document [<!ENTITY x SYSTEM "file://%s">]>' % SECRET)},
         absent=[out], check=no_secret)
    case("%s: billion laughs refused" % cmd, [cmd, "{d}/laughs.docx", "-o", "{d}/" + out], 1,
         r"laughs\.docx: word/document\.xml: error: a document type or entity declaration",
         files={"laughs.docx": docx('<w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body>', prolog=LAUGHS)}, absent=[out])
    case("%s: a .docx name holding text refused" % cmd, [cmd, "{d}/t.docx", "-o", "{d}/" + out], 1,
         r"t\.docx: error: named \.docx but not one: it does not begin with a ZIP signature .*--from text",
         files={"t.docx": "全县经济增长6.2%。\n".encode()}, absent=[out])
    case("%s: a docx with no body refused" % cmd, [cmd, "{d}/nb.docx", "-o", "{d}/" + out], 1,
         r"nb\.docx: error: word/document\.xml has no body \(w:body\)", files={"nb.docx": docx("")}, absent=[out])
    case("%s: 1 GB html refused by the input limit" % cmd, [cmd, "{d}/big.html", "-o", "{d}/" + out], 1,
         r"big\.html: error: larger than the input limit of 64 MB", files={"big.html": ("sparse", 1 << 30)}, absent=[out])
case("extract: malformed XML in a docx located", ["extract", "{d}/m.docx", "-o", "{d}/f.json"], 1,
     r"m\.docx: word/document\.xml:1:\d+: error: malformed XML", files={"m.docx": docx("<w:body><w:p></w:body>")},
     absent=["f.json"])
case("extract: a zip without [Content_Types].xml refused", ["extract", "{d}/z.docx", "-o", "{d}/f.json"], 1,
     r"z\.docx: error: a ZIP archive without \[Content_Types\]\.xml", files={"z.docx": ooxml({"a.txt": "x"})},
     absent=["f.json"])
case("extract: a docx without word/document.xml refused", ["extract", "{d}/n.docx", "-o", "{d}/f.json", "--from", "docx"], 1,
     r"n\.docx: error: the archive has no word/document\.xml", files={"n.docx": ooxml({"[Content_Types].xml": CT})},
     absent=["f.json"])
XL = {"[Content_Types].xml": CT,
      "xl/workbook.xml": '<workbook xmlns:r="r"><sheets><sheet name="S1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      "xl/_rels/workbook.xml.rels": '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      "xl/worksheets/sheet1.xml": '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>年份</t></is></c>'
                                  '<c r="B1"><f>SUM(1,2)</f></c></row></sheetData></worksheet>'}
case("extract --data: an xlsx formula without a cached value refused", ["extract", "{d}/x.txt", "--data", "{d}/f.xlsx",
     "-o", "{d}/f.json"], 1, r"f\.xlsx: error: sheet 'S1' cell B1: a formula without a cached value", files={"f.xlsx": ooxml(XL)},
     absent=["f.json"])
case("pack --data: an xlsx formula without a cached value reported", ["pack", "{d}/x.txt", "--data", "{d}/f.xlsx",
     "-o", "{d}/o", "--quiet"], 1, r"f\.xlsx: error: sheet 'S1' cell B1: a formula without a cached value .*document skipped",
     files={"f.xlsx": ooxml(XL)})
case("extract --data: a CSV quote never closed located", ["extract", "{d}/x.txt", "--data", "{d}/d.csv", "-o", "{d}/f.json"],
     1, r"d\.csv:2:1: error: a quoted field is never closed", files={"d.csv": '年份,产值\n"2023,5\n'.encode()},
     absent=["f.json"])
case("pack: a folder's bad docx reported, the others written", ["pack", "{d}/in", "-o", "{d}/o", "--quiet"], 1,
     r"in/b\.docx: error: not a readable ZIP archive.*document skipped",
     files={"in/a.txt": SEED_TEXT, "in/b.docx": b"PK\x03\x04broken"},
     check=lambda d, p: (os.path.exists(d + "/o/briefing-pack.pdf"), "the good document's pack is missing"))
case("pack: a folder's old .doc says save as .docx", ["pack", "{d}/in", "-o", "{d}/o", "--quiet"], 1,
     r"in/old\.doc: error: an old binary Word.*save it as \.docx", files={"in/a.txt": SEED_TEXT, "in/old.doc": CFB})
for opt, val, msg in (("--from", "pdf", "--from expects docx, html, text"), ("--encoding", "latin1", "--encoding expects utf-8")):
    for cmd in ("extract", "typeset", "pack"):
        case("%s %s %s refused" % (cmd, opt, val), [cmd, "{d}/x.txt", opt, val, "-o", "{d}/o.out"], 2, re.escape(msg),
             absent=["o.out"])
for cmd in ("extract", "pack"):
    for val in ("2023-02-30", "23-08", "2023/08"):
        case("%s --doc-date %s refused" % (cmd, val), [cmd, "{d}/x.txt", "--doc-date", val, "-o", "{d}/o.out"], 2,
             re.escape("--doc-date expects YYYY, YYYY-MM or YYYY-MM-DD"), absent=["o.out"])


# ---- runner ------------------------------------------------------------------------
def make_files(d, files):
    for rel, what in (files or {}).items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        if what == "fifo":
            os.mkfifo(p)
        elif what == "dir":
            os.makedirs(p, exist_ok=True)
        elif isinstance(what, tuple) and what[0] == "link":
            os.symlink(what[1], p)
        elif isinstance(what, tuple) and what[0] == "sparse":  # a large file that takes no disk space
            with open(p, "wb") as f:
                f.truncate(what[1])
        elif isinstance(what, tuple) and what[0] == "hardlink":
            os.link(os.path.join(d, what[1]), p)
        else:
            with open(p, "wb") as f:
                f.write(what)


def limits():
    if os.environ.get("JB_MODE") != "asan":  # ASan reserves terabytes of address space
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def run_case(i, c):
    d = os.path.join(BASE, "%03d" % i)
    os.makedirs(d)
    make_files(d, {"x.txt": SEED_TEXT, "b.json": MINI})
    make_files(d, c.get("files"))
    make_files(d, c.get("keep"))
    args = [a.replace("{d}", d).replace("{root}", ROOT) for a in c["args"]]
    env = dict(os.environ)
    env.update({k: v.replace("{d}", d) for k, v in c.get("env", {}).items()})
    stdin = c.get("stdin")
    fin = open(os.path.join(d, stdin), "rb") if isinstance(stdin, str) else subprocess.DEVNULL
    before = set(os.listdir(d))
    lock = None
    if c.get("lock"):  # another pack holds the folder's lock meanwhile
        lock = os.open(os.path.join(d, c["lock"]), os.O_RDONLY)
        fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        p = subprocess.run([JB] + args, stdin=fin, capture_output=True, env=env, timeout=TIMEOUT, cwd=d,
                           preexec_fn=limits)
    except subprocess.TimeoutExpired:
        return "no answer within %d s (hang)" % TIMEOUT
    finally:
        if fin is not subprocess.DEVNULL:
            fin.close()
        if lock is not None:
            os.close(lock)
    err = p.stderr.decode(errors="replace")
    why = []
    if p.returncode != c["rc"]:
        why.append("exit %d, expected %d" % (p.returncode, c["rc"]))
    if not re.search(c["err"], err, re.S):
        why.append("message does not match /%s/" % c["err"])
    for rel, data in (c.get("keep") or {}).items():
        p2 = os.path.join(d, rel)
        if not os.path.isfile(p2) or open(p2, "rb").read() != data:
            why.append("%s changed or lost" % rel)
    for rel in c.get("absent", []):
        if os.path.lexists(os.path.join(d, rel)):
            why.append("%s was written" % rel)
    if c["rc"] != 0:
        new = sorted(set(os.listdir(d)) - before - {"o"})
        if new:
            why.append("new files %s" % new)
    stray = [f for r, _, fs in os.walk(d) for f in fs if ".tmp" in f]
    if stray:
        why.append("temporary files left: %s" % stray)
    if c.get("check"):
        try:
            ok, w = c["check"](d, p)
        except OSError as e:  # an expected file is missing
            ok, w = False, str(e)
        if not ok:
            why.append(w)
    if why:
        return "; ".join(why) + "\n    stderr: " + err[-400:].replace("\n", "\n    ")
    return None


only = os.environ.get("JB_CASE")
# For showing the catalogue fail against an old binary: never let it replace
# /dev/full, /dev/null or /dev/stdout (as root that would break the machine).
unsafe = os.environ.get("JB_SKIP_DEVICE_OUTPUTS")
for i, c in enumerate(CASES):
    if only and only not in c["name"]:
        continue
    if unsafe and "-o" in c["args"] and c["args"][c["args"].index("-o") + 1].startswith("/dev/"):
        print("SKIP: %s (would replace a device with an old binary)" % c["name"])
        continue
    why = run_case(i, c)
    check("bad input: " + c["name"], why is None, why or "")
shutil.rmtree(BASE, ignore_errors=True)
print("catalogue: %d cases" % len(CASES))
finish()
