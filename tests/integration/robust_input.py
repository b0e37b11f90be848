"""Bad and unusual input found in review: each must give a located error and a
non-zero exit without touching an existing output, or work."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao  # noqa: E402

tmp = tempfile.mkdtemp()


def write(name, data):
    path = os.path.join(tmp, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return path


# A NUL byte would cut C strings (sentence texts, JSON) short: refused, located.
nul = write("nul.txt", "某县2020年增长5%，\0达到100亿元。\n".encode())
for cmd in ("typeset", "extract"):
    out = write("keep-%s.out" % cmd, b"old")
    p = jianbao(cmd, nul, "-o", out)
    err = p.stderr.decode()
    check("%s: NUL byte refused" % cmd, p.returncode == 1 and ":1:13: error" in err and "NUL" in err, err)
    check("%s: NUL byte leaves the output" % cmd, open(out, "rb").read() == b"old")

# A money figure without a measure: the pack's own briefing.json must build.
write("nomeasure/a.txt", "共100亿元。\n".encode())
p = jianbao("pack", os.path.join(tmp, "nomeasure"), "-o", os.path.join(tmp, "o1"), "--quiet")
check("pack: a fact without a measure is no key figure", p.returncode == 0, p.stderr.decode())
check("pack: wrote briefing-pack.pdf", os.path.exists(os.path.join(tmp, "o1", "briefing-pack.pdf")))

# One sentence of 400 KB holding 12,000 figures (no 。): facts.json reserved the
# sentence once per fact (facts x sentence bytes, 2.7 GB here) and the pack aborted.
if os.environ.get("JB_MODE", "release") == "release":  # ASan needs its own address space
    import resource
    longline = "".join("项目%d个，投资%d万元，" % (i % 97, i % 89) for i in range(12000))
    write("oneline/x.txt", ("标题\n" + longline + "\n").encode())
    limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (1 << 31, 1 << 31))  # 2 GB
    import subprocess
    p = subprocess.run([os.environ.get("JB", "build/release/jianbao"), "pack", os.path.join(tmp, "oneline"), "-o",
                        os.path.join(tmp, "o2"), "--quiet"], capture_output=True, preexec_fn=limit)
    check("pack: one sentence of 12,000 figures within 2 GB", p.returncode == 0, p.stderr.decode()[-300:])

# SOURCE_DATE_EPOCH out of range or malformed: an error, not 1970 or year 0000.
seed = "seeds/000_49bb09d571b726a9.txt"
for v in ("abc", "12x", "-5", "253402300800", "99999999999999999"):
    out = write("keep-date.pdf", b"old")
    p = jianbao("typeset", seed, "-o", out, env={"SOURCE_DATE_EPOCH": v})
    err = p.stderr.decode()
    check("typeset: SOURCE_DATE_EPOCH=%s refused" % v, p.returncode == 1 and "SOURCE_DATE_EPOCH" in err, err)
    check("typeset: SOURCE_DATE_EPOCH=%s leaves the output" % v, open(out, "rb").read() == b"old")
p = jianbao("typeset", seed, "-o", os.path.join(tmp, "d.pdf"), env={"SOURCE_DATE_EPOCH": "253402300799"})
check("typeset: SOURCE_DATE_EPOCH=253402300799 (9999-12-31) works", p.returncode == 0, p.stderr.decode())
finish()
