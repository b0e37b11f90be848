"""Paragraph engine through `jianbao typeset --grid gbt9704`: glyph positions
from --dump=layout. GB/T 9704 grid (28 x 15.75 pt): exactly 28 Han per full
pure-Han line on the grid; every Han character in its cell (issue 13), and every
justified line still reaches the right edge (a line-end closing mark flush right, cells
left over given whole after marks, around Western runs or between characters); Western
runs are centred in the whole cells they take, a number before 月/日/项 set against it; kinsoku, indent and orphans on the seeds and on a torture
text; no crash on odd paragraphs."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao
from pdfcheck import lines as pdf_lines  # noqa: E402

EM = 15.75
L = 28 * 72 / 25.4
R = L + 28 * EM
NO_START = set("，。、：；！？）］｝〕〗】》〉」』”’·–～／．%‰℃/")
NO_END = set("（［｛〔〖【《〈「『“‘/／")
CLOSING = set("，。、：；！？）］｝〕〗】》〉」』”’")
tmp = tempfile.mkdtemp()


def han(c):
    return "\u4e00" <= c <= "\u9fff"


def latin(c):
    return c.isascii() and c.isalnum()


def body_lines(path):
    """Body-size lines of the layout dump: lists of (x, char), in reading order."""
    p = jianbao("typeset", path, "--grid", "gbt9704", "--dump=layout", "-o", "-")
    if p.returncode != 0:
        return None, p.stderr.decode()
    rows, order, size, page = {}, [], 0.0, 0
    for ln in p.stdout.decode().split("\n"):
        f = ln.split()
        if not f:
            continue
        if f[0] == "page":
            page += 1
        elif f[0] == "text":
            size = float(next(v for v in f if v.startswith("size=")).split("=")[1])
        elif f[0] == "g" and len(f) >= 4 and abs(size - EM) < 0.01:
            key = (page, round(float(f[3]), 1))
            if key not in rows:
                rows[key] = []
                order.append(key)
            rows[key].append((float(f[2]), f[4] if len(f) > 4 else ""))
    return [sorted(rows[k]) for k in order], ""


def rules(lines, name):
    """K1/K2 on every line; J1 and I1 on paragraph lines; S1 inside lines."""
    bad = []
    for i, ln in enumerate(lines):
        geo = [g for g in ln if g[1] not in ("", " ")]
        if not geo:
            continue
        first, last = geo[0], geo[-1]
        if first[1][:1] in NO_START:
            bad.append("K1 line %d starts with %s" % (i, first[1]))
        if last[1][-1:] in NO_END:
            bad.append("K2 line %d ends with %s" % (i, last[1]))
        x0 = first[0] - L
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        par_end = nxt is None or nxt[0][0] - L > 1.2 * EM
        # on the character grid (issue 13) a Western run is centred in the whole cells it takes
        cell = 0 if not latin(first[1][:1]) else (x0 % EM)
        cell = cell - EM if cell > EM - 0.05 else cell
        if first[1][:1] in NO_END and abs(x0 % EM - EM / 2) < 0.02 * EM:
            cell = -EM / 2  # an opening mark at a line start set half width: its ink on the column
        if x0 - cell > 0.2 * EM and abs(x0 - cell - 2 * EM) > 0.02 * EM:
            bad.append("I1 line %d starts at %.2f em" % (i, x0 / EM))
        if not par_end and (han(last[1][:1]) or last[1] in CLOSING):
            # J1 on the grid: a justified line reaches the right edge with every Han on its column
            # (a closing mark that ends it is set flush right, its ink half ending the line)
            end = last[0] + (EM / 2 if last[1] in CLOSING else EM)
            if abs(end - R) > 0.25:
                bad.append("J1 line %d ends at %.2f, not at the edge %.2f" % (i, end, R))
        for (xa, a), (xb, b) in zip(geo, geo[1:]):
            if (han(a[-1:]) and latin(b[:1])) or (latin(a[-1:]) and han(b[:1])):
                gap = xb - xa - (EM if han(a[-1:]) else 0)
                if han(a[-1:]) and not (-0.01 <= gap <= EM + 0.05):
                    bad.append("S1 line %d: %s%s gap %.2f em" % (i, a, b, gap / EM))
    check("%s: kinsoku, justification, indent, glue" % name, not bad, "; ".join(bad[:5]))


def write(name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


# 1. The grid: a title line, then 26 + 3 x 28 + 5 Han.
grid = write("grid.txt", "标题\n\n" + "国" * 26 + "家" * 84 + "人民万岁啊" + "\n")
lines, err = body_lines(grid)
if check("grid text typesets", lines is not None, err):
    full = [ln for ln in lines if len(ln) == 28]
    check("three full lines of exactly 28 Han", len(full) == 3, str([len(ln) for ln in lines]))
    for n, ln in enumerate(full):
        check("full line %d on the grid within 0.01 pt" % n,
              all(abs(x - (L + k * EM)) < 0.01 for k, (x, _) in enumerate(ln)), str(ln[:3]))
        check("full line %d within 0.25 pt of both edges" % n,
              abs(ln[0][0] - L) <= 0.25 and abs(ln[-1][0] + EM - R) <= 0.25, "%.3f %.3f" % (ln[0][0], ln[-1][0] + EM))
    first = [ln for ln in lines if len(ln) == 26]
    check("first line: 26 Han after a 2-em indent", len(first) == 1 and abs(first[0][0][0] - L - 2 * EM) < 0.01)

# 2. The seeds.
for seed in ("seeds/000_49bb09d571b726a9.txt", "seeds/002_dfe9fba724ead71e.txt"):
    lines, err = body_lines(seed)
    if check("%s typesets" % seed, lines is not None, err):
        rules(lines, os.path.basename(seed))

# 3. Torture text: every rule at the line edge (column 29 of a 28-em line).
T = [
    "中" * 24 + "，" + "国" * 3 + "，" + "文" * 20 + "。",
    "中" * 24 + "我们" + "。”" + "文" * 20 + "。",
    "中" * 24 + "他说" + "：“" + "文" * 20 + "”。",
    "中" * 25 + "——" + "文" * 20 + "。",
    "中" * 25 + "……" + "文" * 20 + "。",
    "中" * 21 + "克里斯蒂娜·罗塞蒂" + "文" * 20 + "。",
    "中" * 23 + "增长11.6%，" + "文" * 20 + "。",
    "中" * 24 + "2025年" + "文" * 20 + "。",
    "中" * 24 + "的GDP和PM2.5" + "文" * 20 + "。",
    "中" * 26 + "中" * 28 + "中。",
    "（〔中〕医、〔中〕药、技）系列评审（长三角［长江三角洲］）（GB/T 16159—2012《汉语拼音正词法基本规则》）"
    "【爱因斯坦（Albert Einstein）】物理学家“江南海北长相忆，浅水深山独掩扉。”（［唐］刘长卿《会赦后酬主簿所问》）",
]
lines, err = body_lines(write("torture.txt", "标题\n\n" + "\n".join(T) + "\n"))
if check("torture text typesets", lines is not None, err):
    rules(lines, "torture")
    text = ["".join(c for _, c in ln) for ln in lines]
    check("orphan avoided: no paragraph ends with a 1-character line",
          not any(t in ("中。", "。") for t in text), str(text[-3:]))
    check("—— and …… never split", not any(t.endswith("—") and n + 1 < len(text) and text[n + 1].startswith("—")
                                            for n, t in enumerate(text)))

# 4. Dates: a one-digit month or day sits against 月/日 (the spare half before it, as 2024年 fills
# its cells), so every date reads 2024年 8月 5日 the same way, not a quarter em either side of 8.
dates = write("dates.txt", "标题\n\n" + "会议于2024年8月5日召开，又于2024年12月9日复会，共计3项议程。" + "文" * 40 + "\n")
lines, err = body_lines(dates)
if check("dates typeset", lines is not None, err):
    seen = 0
    for ln, k in [(ln, k) for ln in lines for k in range(1, len(ln) - 1)]:
        (xa, a), (xb, b), (xc, c) = ln[k - 1], ln[k], ln[k + 1]
        if b.isdigit() and c in "月日项" and not a.isdigit():
            seen += 1
            check("%s%s%s: the digit set against %s (gap %.2f em)" % (a, b, c, c, (xc - xb - EM / 2) / EM),
                  abs(xc - xb - EM / 2) < 0.02 * EM and han(c) and abs((xc - L) / EM - round((xc - L) / EM)) < 0.01)
    check("one-digit numbers before 月/日/项 seen", seen >= 4, str(seen))

# 6. No gap before a closing mark: a number before a mark sits against it (为41.21%，较, not
# 41.21% ，), spare cells go around numbers, after marks or between characters. A pure-Han line
# ending in one closing mark set flush right has a spare half cell with nowhere else to go (the
# characters stay on their columns): the breaks avoid such lines, a few may stay (main's binary:
# 53 in the seeds and the pack, half of them avoidable).
marks = write("marks.txt", "标题\n\n" + "林芝市一中高考一本上线率为41.21%，较2022年提升了8.5%。"
              "投资完成率分别为99%、95%、85%，合计完成。为促进林芝劳动力高质量就业，推动林芝7个县（区、市）"
              "与广东对口支援市全部签订劳务合作协议。" * 3 + "\n")
for src in ["seeds/000_49bb09d571b726a9.txt", "seeds/002_dfe9fba724ead71e.txt", marks]:
    pdf = os.path.join(tmp, "gap-%s.pdf" % os.path.basename(src)[:6])
    p = jianbao("typeset", src, "--grid", "gbt9704", "-o", pdf)
    if not check("%s typesets to PDF" % os.path.basename(src), p.returncode == 0, p.stderr.decode()[-300:]):
        continue
    rows = [[g for g in r if g["c"] != " " and abs(g["size"] - EM) < 0.01] for r in pdf_lines(pdf)]
    rows = [r for r in rows if r]
    inner, ends = [], 0
    for r in rows:
        for k in range(1, len(r)):
            a, b = r[k - 1], r[k]
            if b["c"] not in CLOSING or a["c"] in CLOSING or a["c"] in NO_END:
                continue
            gap = (b["x"] - a["x"] - a["w"]) / EM
            if gap > 0.1 and k == len(r) - 1 and han(a["c"]):
                ends += 1
            elif gap > 0.1:
                inner.append("%s%s %.2f em" % (a["c"], b["c"], gap))
    name = os.path.basename(src)
    check("%s: no gap before a closing mark inside a line" % name, not inner, str(inner[:4]))
    check("%s: at most 1 line in 40 ends 中 、 (%d of %d)" % (name, ends, len(rows)), ends * 40 <= len(rows))

# 7. A number of whole cells after a mark (：2013—2024年, ，2022至): it starts on the cell after the
# mark's blank half and sits against what follows; centred from the blank half it left a quarter em
# on each side (2013 —2024). The blank half is still taken when it saves a half cell (，8月).
after = write("after.txt", "标题\n\n" + "文中涉及年份：2013—2024年。调整后，2022至2024年分别完成，8月底前。"
              + "文" * 30 + "\n")
lines, err = body_lines(after)
if check("numbers after marks typeset", lines is not None, err):
    seen = 0
    for ln in lines:
        for k in range(1, len(ln) - 4):
            run = ln[k:k + 4]
            if ln[k - 1][1] in "：，" and all(g[1].isdigit() for g in run) and not ln[k + 4][1].isdigit():
                seen += 1
                gap = (ln[k + 4][0] - run[-1][0] - EM / 2) / EM
                check("%s%s%s: the number sits against %s (gap %.2f em)" % (ln[k - 1][1], "".join(g[1] for g in run),
                      ln[k + 4][1], ln[k + 4][1], gap), abs(gap) < 0.02)
    check("four-digit numbers after a mark seen", seen >= 2, str(seen))
    eight = [ln[k] for ln in lines for k in range(1, len(ln)) if ln[k][1] == "8" and ln[k - 1][1] == "，"]
    check("，8月: the digit in the comma's blank half", eight and all(abs((g[0] - L) / EM - round((g[0] - L) / EM)) > 0.4
                                                          for g in eight), str(eight))

# 8. A converted PDF's spaces (增加 0.37 万人, 由上年的 27.1:41.4): a number keeps its unit across
# the space (never 0.37 万 / 人), the space takes no room beside a character (0.37 sits against 万),
# and the cells a line must spread go after marks (two at most each) before any goes between two
# characters, which splits a word (三次产 业).
spaced = write("spaced.txt", "标题\n\n" + "城镇常住人口18.65 万人，增加 0.37 万人，占常住人口的比重为41.59%，提高 0.72 个百分点。" * 6
               + "\n")
lines, err = body_lines(spaced)
if check("spaced numbers typeset", lines is not None, err):
    starts = ["".join(c for _, c in ln[:2]) for ln in lines if ln and ln[0][1] in "万人个百分点"]
    check("no line starts with the unit of a spaced number (%d lines)" % len(lines), not starts, starts[:3])
    ink = [[g for g in ln if g[1] not in ("", " ")] for ln in lines]
    gaps = [(xb - xa - EM / 2) / EM for ln in ink for (xa, a), (xb, b) in zip(ln, ln[1:]) if a == "7" and b == "万"]
    check("0.37 sits against 万 across the source's space (%s em)" % gaps[:3], gaps and all(abs(g) < 0.05 for g in gaps))
holes, total = 0, 0
for src in ["seeds/000_49bb09d571b726a9.txt", "seeds/002_dfe9fba724ead71e.txt"] + \
        sorted(os.path.join("tests/data/fresh", f) for f in os.listdir("tests/data/fresh") if f.endswith(".txt")):
    lines, err = body_lines(src)
    for ln in lines or []:
        total += 1
        holes += sum(1 for (xa, a), (xb, b) in zip(ln, ln[1:]) if han(a) and han(b) and xb - xa > 1.9 * EM)
check("a cell between two characters in at most 1 line in 100 (%d in %d lines)" % (holes, total),
      total > 300 and holes * 100 <= total)

# 5. Odd paragraphs: only punctuation, a 3000-character unbreakable token, an empty line.
odd = write("odd.txt", "标题\n\n" + "，。、；：！？" * 20 + "\n\n" + "x" * 3000 + "\n\n" + "好。\n")
p = jianbao("typeset", odd, "--grid", "gbt9704", "-o", os.path.join(tmp, "odd.pdf"))
check("odd paragraphs typeset without a crash", p.returncode == 0, p.stderr.decode()[-300:])
check("an over-long token is reported", "wider than the line" in p.stderr.decode(), p.stderr.decode()[-300:])
finish()
