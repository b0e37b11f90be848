"""Visual regression for jianbao build: a few pages rendered with
`pdftoppm -gray -r 40` are compared with the reference PNGs in
tests/data/visual/ (mean difference and share of very different pixels).
`build_visual.py --update` rewrites the references (look at them before
committing). Python stdlib only: PGM in, PNG via zlib."""
import os
import struct
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, run  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REF = os.path.join(ROOT, "tests", "data", "visual")
# (reference name, example, layout, page)
CASES = [
    ("weekly-brief-1", "weekly.json", "brief", 1),
    ("weekly-brief-2", "weekly.json", "brief", 2),
    ("weekly-gbt9704-1", "weekly.json", "gbt9704", 1),
    ("weekly-onepager-1", "weekly.json", "onepager", 1),
    ("full-gbt9704-last", "full.json", "gbt9704", -1),
]
MEAN_MAX = 2.0      # mean absolute difference, of 255
FAR_SHARE = 0.004   # share of pixels that differ by more than 96


def read_pgm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:  # P5 width height maxval, comments skipped
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h]


def write_png(path, w, h, px):
    raw = b"".join(b"\0" + px[y * w:(y + 1) * w] for y in range(h))

    def chunk(tag, body):
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def read_png(path):
    """8-bit grayscale PNG (any filter), as written by write_png or other tools."""
    data = open(path, "rb").read()
    pos, idat = 8, b""
    w = h = 0
    while pos < len(data):
        n, tag = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if tag == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype != 0:
                raise ValueError("%s: not 8-bit grayscale" % path)
        elif tag == b"IDAT":
            idat += body
        pos += 12 + n
    raw, out, prev = zlib.decompress(idat), bytearray(), bytearray(w)
    for y in range(h):
        f, line = raw[y * (w + 1)], bytearray(raw[y * (w + 1) + 1:(y + 1) * (w + 1)])
        for x in range(w):
            a = line[x - 1] if x else 0
            b, c = prev[x], (prev[x - 1] if x else 0)
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out += line
        prev = line
    return w, h, bytes(out)


update = "--update" in sys.argv
tmp = tempfile.mkdtemp()
os.makedirs(REF, exist_ok=True)
for name, ex, layout, page in CASES:
    pdf = os.path.join(tmp, name + ".pdf")
    p = jianbao("build", os.path.join(ROOT, "examples", ex), "--layout", layout, "-o", pdf, "--quiet",
                env={"SOURCE_DATE_EPOCH": "1767225600"})
    if not check("build %s" % name, p.returncode == 0, p.stderr.decode()[-300:]):
        continue
    if page < 0:
        info = run(["pdfinfo", pdf]).stdout.decode()
        page = int([ln.split()[1] for ln in info.splitlines() if ln.startswith("Pages:")][0])
    base = os.path.join(tmp, name)
    run(["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), "-singlefile", pdf, base])
    w, h, px = read_pgm(base + ".pgm")
    ref = os.path.join(REF, name + ".png")
    if update:
        write_png(ref, w, h, px)
        print("PASS: wrote %s" % ref)
        continue
    if not check("reference %s exists" % name, os.path.exists(ref), ref):
        continue
    rw, rh, rpx = read_png(ref)
    if not check("%s size %dx%d" % (name, rw, rh), (w, h) == (rw, rh), "%dx%d" % (w, h)):
        continue
    diffs = [abs(a - b) for a, b in zip(px, rpx)]
    mean = sum(diffs) / len(diffs)
    far = sum(1 for d in diffs if d > 96) / len(diffs)
    check("%s looks like the reference" % name, mean <= MEAN_MAX and far <= FAR_SHARE,
          "mean diff %.2f (max %.1f), %.2f%% pixels far off (max %.1f%%)" % (mean, MEAN_MAX, far * 100, FAR_SHARE * 100))
finish()
