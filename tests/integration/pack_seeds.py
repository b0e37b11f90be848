"""jianbao pack on seeds/: the files it promises, one page per county, county
facts equal to facts.json's, cover and consistency page, --jobs/--shard, safe
names, and bad input."""
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao, pdffonts, qpdf_ok, run  # noqa: E402

tmp = tempfile.mkdtemp()
out = os.path.join(tmp, "out")
p = jianbao("pack", "seeds", "-o", out, "--quiet")
check("pack seeds exits 0", p.returncode == 0, p.stderr.decode()[-800:])


def pages(pdf):
    info = run(["pdfinfo", pdf]).stdout.decode()
    return int(next((l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")), "0"))


def text(pdf):
    return run(["pdftotext", "-raw", pdf, "-"]).stdout.decode().replace("\n", "").replace("\x0c", "")


for f in ["briefing-pack.pdf", "facts.json", "briefing.json"]:
    check("wrote %s" % f, os.path.exists(os.path.join(out, f)))
facts = json.load(open(os.path.join(out, "facts.json"), encoding="utf-8"))
records = facts["facts"] if isinstance(facts, dict) else facts
check("facts.json has facts with ids", len(records) > 100 and all("id" in r for r in records), str(len(records)))
model = json.load(open(os.path.join(out, "briefing.json"), encoding="utf-8"))
check("briefing.json has blocks", len(model.get("blocks", [])) > 10)

pack = os.path.join(out, "briefing-pack.pdf")
ok, msg = qpdf_ok(pack)
check("qpdf --check briefing-pack.pdf", ok, msg)
for f in pdffonts(pack):
    check("pack font %s embedded, subset, ToUnicode" % f[0], f[-5:-2] == ["yes", "yes", "yes"], str(f))
ptext = text(pack)
for title in ("广东省第十批援藏工作队对口支援林芝工作成效", "湖北着力打造援藏工作升级版取得新突破"):
    check("cover lists %s" % title, title in ptext.replace("\n", ""))
check("no hash file name a reader cannot resolve is printed",
      not any(seed[:-4] in ptext for seed in os.listdir("seeds") if seed.endswith(".txt")))
check("consistency page reports the checks as holding", ptext.count("相符") >= 3, ptext.count("相符"))

# Every number in the pack appears in facts.json: check the tiles' and tables' fact references resolve.
ids = {r["id"] for r in records}


def refs(node):
    if isinstance(node, dict):
        if "fact" in node and isinstance(node["fact"], str):
            yield node["fact"]
        for v in node.values():
            yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


cited = list(refs(model))
check("the pack cites facts", len(cited) >= 6, len(cited))
check("every cited fact is in facts.json", all(c in ids for c in cited), [c for c in cited if c not in ids][:5])
# Series charts: values are the facts of one 分别 series, in period order.
by_id = {r["id"]: r for r in records}
for b in model["blocks"]:
    if b.get("type") == "chart":
        members = [by_id[v["fact"]] for v in b["series"][0]["values"]]
        check("chart '%s' is one series" % b.get("caption"), len({m.get("series") for m in members}) == 1)
        # a member's label (its year, place or category); a year cut off early says so
        want = [m.get("series_label") or m.get("period") for m in members]
        got = b["categories"]
        check("chart '%s' categories are the members' labels" % b.get("caption"),
              len(got) == len(want) and all(g == w or (g.startswith(w + "年1") and m.get("as_of"))
                                           for g, w, m in zip(got, want, members)), (got, want))
        dims = {s["id"]: s["dimension"] for s in facts.get("series", [])}
        dim = dims.get(members[0].get("series"))
        check("chart '%s' is drawn over time only for a time series" % b.get("caption"),
              (b.get("kind") == "bar") == (dim != "time"), (b.get("kind"), dim))

counties = os.path.join(out, "counties")
files = sorted(os.listdir(counties)) if os.path.isdir(counties) else []
expected = ["巴宜区", "墨脱县"]  # the counties with two figures of their own or more
for c in expected:
    check("one-pager for %s" % c, c + ".pdf" in files, str(files))
qty = lambda r: not r.get("is_label") and r.get("kind") not in ("year", "date", "ordinal", "rank")
for f in files:
    own = [r for r in records if r.get("place") == f[:-4] and qty(r)]
    check("%s has at least 2 figures of its own county (%d)" % (f, len(own)), len(own) >= 2)
for f in files:
    pdf = os.path.join(counties, f)
    check("%s has exactly one page" % f, pages(pdf) == 1, pages(pdf))
    ok, msg = qpdf_ok(pdf)
    check("qpdf --check %s" % f, ok, msg)
    size = os.path.getsize(pdf)
    check("%s at most 64 KB (%d bytes)" % (f, size), size <= 64 * 1024, size)
    name = f[:-4]
    mine = [r for r in records if r.get("place") == name]
    t = text(pdf)
    missing = [r["text"] for r in mine if r["text"] not in t]
    check("%s shows every fact placed there (%d)" % (f, len(mine)), not missing, missing[:5])
    # a statement quotes the source's qualifier (逾60万元), not a word of ours (超过60万元)
    reworded = []
    flow = run(["pdftotext", pdf, "-"]).stdout.decode().replace("\n", "")  # -raw puts • after its line
    for r in mine:
        m = re.match(r"^(\D{1,2})(\d[\d.]*\D+)$", r["text"])
        for item in flow.split("•")[1:] if m else []:  # a list item, up to its first note call
            item = re.split("[\u2460-\u2473]", item)[0]
            if m.group(2) in item and r["text"] not in item:
                reworded.append(item)
    check("%s statements keep the source's qualifier words" % f, not reworded, reworded[:3])

# --jobs 2 gives the same one-pagers; shards split the work without overlap.
out2 = os.path.join(tmp, "out2")
p = jianbao("pack", "seeds", "-o", out2, "--jobs", "2", "--quiet")
check("pack --jobs 2 exits 0", p.returncode == 0, p.stderr.decode()[-500:])
same = all(os.path.exists(os.path.join(out2, "counties", f)) and
           open(os.path.join(out2, "counties", f), "rb").read() == open(os.path.join(counties, f), "rb").read()
           for f in files)
check("--jobs 2 output identical to --jobs 1", same)
seen = []
for k in (1, 2):
    o = os.path.join(tmp, "shard%d" % k)
    p = jianbao("pack", "seeds", "-o", o, "--shard", "%d/2" % k, "--quiet")
    check("pack --shard %d/2 exits 0" % k, p.returncode == 0, p.stderr.decode()[-300:])
    seen.append(set(os.listdir(os.path.join(o, "counties"))))
check("shards are disjoint and cover every county", not (seen[0] & seen[1]) and (seen[0] | seen[1]) == set(files),
      str(seen))

# The shared checker of Chinese typesetting, when this checkout has it beside it.
CJKCHECK = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "tools", "cjkcheck.py")
if os.path.exists(CJKCHECK):
    for pdf in [pack] + [os.path.join(counties, f) for f in files]:
        last = run([sys.executable, CJKCHECK, pdf]).stdout.decode().strip().splitlines()[-1:]
        check("cjkcheck: 0 errors in %s" % os.path.basename(pdf), last and "errors=0 " in last[0], str(last))

# Contents: each entry's page number is the page where its heading is.
def page_text(pdf, n):
    return run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), pdf, "-"]).stdout.decode()


toc_lines = [l for l in page_text(pack, 1).splitlines() if l.strip() and l.strip().split()[-1].isdigit()]
entries = []
for l in toc_lines:
    title = l.rsplit(None, 1)[0].rstrip(" .·…").strip()
    if title and not title.startswith("第"):
        entries.append((title, int(l.split()[-1])))
check("contents page lists the sections", len(entries) >= 6, str(entries))
for title, n in entries:
    key = title.split("、", 1)[-1].split("）", 1)[-1][:12]
    check("contents entry '%s' points at page %d" % (title[:20], n), key in page_text(pack, n).replace("\n", ""), key)

# --ascii-names; one failing county does not lose the others.
o5 = os.path.join(tmp, "o5")
p = jianbao("pack", "seeds", "-o", o5, "--ascii-names", "--quiet")
names5 = sorted(os.listdir(os.path.join(o5, "counties")))
check("--ascii-names numbers the files", names5 == ["county-%02d.pdf" % i for i in range(1, len(files) + 1)], str(names5))
o6 = os.path.join(tmp, "o6")
os.makedirs(os.path.join(o6, "counties", "墨脱县.pdf"))  # a folder where the file should go
p = jianbao("pack", "seeds", "-o", o6, "--quiet")
check("a county that cannot be written fails the run", p.returncode != 0 and "墨脱县" in p.stderr.decode(), p.stderr.decode())
check("the other counties are still written", len(os.listdir(os.path.join(o6, "counties"))) == len(files))

# County names with '/' or '..' never leave the counties folder.
data = os.path.join(tmp, "data-root")
for sub in ("fonts", "layouts", "data"):
    shutil.copytree(sub, os.path.join(data, sub))
with open(os.path.join(data, "data", "gazetteer.tsv"), "a", encoding="utf-8") as f:
    f.write("怪名市\tprefecture\t西藏自治区\t\n甲/乙县\tcounty\t怪名市\t\n..丙县\tcounty\t怪名市\t\n"
            "甲_乙县\tcounty\t怪名市\t\n")
odd = os.path.join(tmp, "odd")
os.mkdir(odd)
with open(os.path.join(odd, "odd.txt"), "w", encoding="utf-8") as f:
    f.write("怪名市工作简报\n甲/乙县新建援建项目3个。甲/乙县新建学校2所。..丙县投入援建资金50万元。"
            "..丙县新建项目4个。甲_乙县培训干部20人次。甲_乙县培训医生6名。\n")
o7 = os.path.join(tmp, "o7")
p = jianbao("pack", odd, "-o", o7, "--quiet", env={"JB_DATA_DIR": data})
check("pack with odd county names exits 0", p.returncode == 0, p.stderr.decode()[-400:])
made = sorted(os.listdir(os.path.join(o7, "counties"))) if os.path.isdir(os.path.join(o7, "counties")) else []
check("odd county names give safe, distinct file names (甲/乙县 and 甲_乙县 do not collide)",
      len(made) == 2 and "甲_乙县.pdf" in made  # ..丙县 has no figure of its own: no page
      and any(f.startswith("甲_乙县-") for f in made) and all(f.endswith(".pdf") for f in made), str(made))
check("nothing was written outside the output folder", sorted(os.listdir(o7)) == ["briefing-pack.pdf", "briefing.json", "counties", "facts.json"],
      str(os.listdir(o7)))

# --by prefecture: one page per prefecture; 林芝市 has more facts than a page holds, so it
# condenses and summarises the rest as "另有 N 项" with their documents and paragraphs.
o8 = os.path.join(tmp, "o8")
p = jianbao("pack", "seeds", "-o", o8, "--by", "prefecture", "--quiet")
check("pack --by prefecture exits 0", p.returncode == 0, p.stderr.decode()[-400:])
prefs = sorted(os.listdir(os.path.join(o8, "prefectures"))) if os.path.isdir(os.path.join(o8, "prefectures")) else []
check("prefecture pages for 林芝市 and 山南市", "林芝市.pdf" in prefs and "山南市.pdf" in prefs, str(prefs))
for f in prefs:
    check("prefectures/%s has one page" % f, pages(os.path.join(o8, "prefectures", f)) == 1)
if "林芝市.pdf" in prefs:
    t = text(os.path.join(o8, "prefectures", "林芝市.pdf"))
    n_lz = len([r for r in records if r.get("place") == "林芝市"])
    m = __import__("re").search(r"另有 ?(\d+) ?项", t)
    check("林芝市 summarises what does not fit as 另有 N 项 with N <= its %d facts" % n_lz,
          m is not None and 0 < int(m.group(1)) <= n_lz, t[:200])

# Bad input.
empty = os.path.join(tmp, "empty")
os.mkdir(empty)
p = jianbao("pack", empty, "-o", os.path.join(tmp, "o3"), "--quiet")
check("an empty folder is an error", p.returncode != 0 and "no documents" in p.stderr.decode(), p.stderr.decode())
mixed = os.path.join(tmp, "mixed")
os.mkdir(mixed)
shutil.copy("seeds/002_dfe9fba724ead71e.txt", mixed)
with open(os.path.join(mixed, "photo.txt"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
with open(os.path.join(mixed, "plain.txt"), "w", encoding="utf-8") as f:
    f.write("会议强调，要把各项工作做实做细。\n")
o4 = os.path.join(tmp, "o4")
p = jianbao("pack", mixed, "-o", o4, "--quiet")
err = p.stderr.decode()
check("a non-text file fails the run", p.returncode != 0, str(p.returncode))
check("the non-text file is named with the reason", "photo.txt" in err and "UTF-8" in err, err)
check("the other documents are still written", os.path.exists(os.path.join(o4, "briefing-pack.pdf")))
check("a document with no numbers is packed",
      "会议强调" in text(os.path.join(o4, "briefing-pack.pdf")).replace("\n", ""))
blocker = os.path.join(tmp, "file")
open(blocker, "w").close()
p = jianbao("pack", "seeds", "-o", os.path.join(blocker, "sub"), "--quiet")
check("an unwritable output folder is reported", p.returncode != 0 and "file/sub" in p.stderr.decode(), p.stderr.decode())
p = jianbao("pack", "seeds", "-o", out, "--shard", "3/2")
check("a bad --shard is refused", p.returncode == 2)
p = jianbao("pack", "seeds", "-o", out, "--jobs", "2x")
check("a malformed --jobs is refused", p.returncode == 2 and b"--jobs" in p.stderr, p.stderr.decode())
bad_manifest = os.path.join(tmp, "badmanifest")
os.mkdir(bad_manifest)
shutil.copy("seeds/002_dfe9fba724ead71e.txt", bad_manifest)
with open(os.path.join(bad_manifest, "manifest.json"), "w") as f:
    f.write("{not json")
p = jianbao("pack", bad_manifest, "-o", os.path.join(tmp, "o9"), "--by", "none")
check("an invalid manifest.json is named in a warning, the pack still built",
      p.returncode == 0 and "manifest.json" in p.stderr.decode() and "warning" in p.stderr.decode(), p.stderr.decode()[-300:])
finish()
