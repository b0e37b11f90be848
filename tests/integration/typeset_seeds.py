"""jianbao typeset on the seeds: valid PDF, embedded subset fonts with
ToUnicode, the text layer equal to the typeset text, sizes, and bad input."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, pdffonts, qpdf_ok, text_of, run  # noqa: E402

SEEDS = ["seeds/000_49bb09d571b726a9.txt", "seeds/002_dfe9fba724ead71e.txt"]
tmp = tempfile.mkdtemp()
BAD_CHARS = [chr(c) for c in range(0x2F00, 0x2FE0)] + ["\ufffd"]

for seed in SEEDS:
    name = os.path.basename(seed)
    pdf = os.path.join(tmp, name + ".pdf")
    p = jianbao("typeset", seed, "-o", pdf)
    if not check("typeset %s exits 0" % name, p.returncode == 0, p.stderr.decode()[-500:]):
        continue
    ok, out = qpdf_ok(pdf)
    check("qpdf --check %s" % name, ok, out)
    fonts = pdffonts(pdf)
    check("pdffonts lists fonts for %s" % name, len(fonts) >= 1, str(fonts))
    for f in fonts:
        check("font %s embedded, subset, ToUnicode" % f[0], f[-5:-2] == ["yes", "yes", "yes"] and "+" in f[0], str(f))
    expected = jianbao("typeset", seed, "--dump=text").stdout.decode().replace("\n", "")
    got = text_of(pdf)
    # The page numbers are the only extra text: drop lines made of dashes and digits.
    raw = run(["pdftotext", "-raw", pdf, "-"]).stdout.decode().replace("\x0c", "")
    body = "".join(ln for ln in raw.split("\n") if ln.strip() and not ln.strip().startswith("\u2014"))
    check("text layer of %s equals the typeset text exactly" % name, body == expected,
          "first difference at %d" % next((i for i, (a, b) in enumerate(zip(body, expected)) if a != b),
                                          min(len(body), len(expected))))
    check("no Kangxi radicals or U+FFFD in %s" % name, not any(c in got for c in BAD_CHARS))
    src = open(seed, encoding="utf-8").read()
    han = [c for c in src if "\u4e00" <= c <= "\u9fff"]
    check("every Han character of %s is in the text layer, in order" % name,
          han == [c for c in got if "\u4e00" <= c <= "\u9fff"])
    if name.startswith("000"):
        size = os.path.getsize(pdf)
        check("seed 000 PDF at most 240 KB (%d bytes)" % size, size <= 240 * 1024, str(size))

# A one-page text of about 600 characters: at most 50 KB.
one = os.path.join(tmp, "one.txt")
with open(one, "w", encoding="utf-8") as f:
    f.write(open(SEEDS[0], encoding="utf-8").read().strip()[:600] + "\n")
p = jianbao("typeset", one, "-o", one + ".pdf")
if check("one-pager typesets", p.returncode == 0, p.stderr.decode()):
    size = os.path.getsize(one + ".pdf")
    check("one page of 600 characters at most 50 KB (%d bytes)" % size, size <= 50 * 1024, str(size))

# Bad input: invalid UTF-8 names the file and byte offset; nothing is written; an existing file survives.
bad = os.path.join(tmp, "bad.txt")
with open(bad, "wb") as f:
    f.write("广东省".encode() + b"\xff\xfe" + "援藏".encode())
out = os.path.join(tmp, "bad.pdf")
p = jianbao("typeset", bad, "-o", out)
err = p.stderr.decode()
check("invalid UTF-8 refused with non-zero exit", p.returncode != 0, str(p.returncode))
check("invalid UTF-8 message names file, line and column", "bad.txt:1:4: error: invalid UTF-8" in err, err)
check("invalid UTF-8 leaves no output", not os.path.exists(out))
with open(out, "wb") as f:
    f.write(b"precious")
p = jianbao("typeset", bad, "-o", out)
check("an existing output survives a failure", open(out, "rb").read() == b"precious")
p = jianbao("typeset", SEEDS[1], "-o", "/nonexistent-folder/x.pdf")
check("unwritable output path is reported", p.returncode != 0 and "/nonexistent-folder/x.pdf" in p.stderr.decode(),
      p.stderr.decode())
leftovers = [f for f in os.listdir(tmp) if ".tmp" in f]
check("no temporary files left behind", not leftovers, str(leftovers))
cfg = os.path.join(tmp, "stacks.json")
with open(cfg, "w") as f:
    f.write('{"stacks": {"serif-zh": [{"family": "Nonexistent Song", "style": "Regular"}]}}')
p = jianbao("typeset", SEEDS[1], "-o", out, "--fonts", cfg)
err = p.stderr.decode()
check("a missing font names the family and the folders searched",
      p.returncode != 0 and "Nonexistent Song" in err and "/usr/share/fonts" in err, err)
p = jianbao("typeset", "-", "-o", "-", stdin=open(SEEDS[1], "rb").read())
check("'-' reads stdin and writes stdout", p.returncode == 0 and p.stdout.startswith(b"%PDF-"), p.stderr.decode())
p = jianbao("typeset", os.path.join(tmp, "missing.txt"), "-o", out)
check("missing input file is reported", p.returncode != 0 and "missing.txt" in p.stderr.decode())
# A character no font covers: a warning with the character, code point, file and offset;
# an error with --strict, and then no output file.
pua = os.path.join(tmp, "pua.txt")
with open(pua, "w", encoding="utf-8") as f:
    f.write("第一段。\n援藏\ue000工作\n")
p = jianbao("typeset", pua, "-o", pua + ".pdf")
err = p.stderr.decode()
check("uncovered character: still builds", p.returncode == 0 and os.path.exists(pua + ".pdf"), err)
check("uncovered character: warning names U+E000, the file and offset 7", "U+E000" in err and "pua.txt" in err and "offset 7" in err, err)
p = jianbao("typeset", pua, "-o", pua + ".strict.pdf", "--strict")
check("uncovered character with --strict: an error and no output",
      p.returncode != 0 and "U+E000" in p.stderr.decode() and not os.path.exists(pua + ".strict.pdf"), p.stderr.decode())
esc = os.path.join(tmp, "esc.txt")
with open(esc, "w", encoding="utf-8") as f:
    f.write("援藏\x1b工作\x7f完成\n")
p = jianbao("typeset", esc, "--dump=text")
check("control characters are left out of the text", p.stdout.decode() == "援藏工作完成\n", repr(p.stdout))
check("each control character is named with its offset",
      "U+001B" in p.stderr.decode() and "offset 2" in p.stderr.decode() and "U+007F" in p.stderr.decode(), p.stderr.decode())
p = jianbao("typeset", SEEDS[1], "-o", os.path.join(tmp, "size.pdf"), "--size", "abc")
check("a malformed --size is refused", p.returncode == 2 and b"--size" in p.stderr, p.stderr.decode())
p = jianbao("typeset", "--help")
check("--help exits 0 and shows usage", p.returncode == 0 and b"usage" in p.stdout)
p = jianbao("--version")
check("--version", p.returncode == 0 and p.stdout.startswith(b"jianbao "))
finish()
