"""A fact cited inside a footnote links to its 数据来源 entry, like one cited in the text."""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from pdfcheck import check, finish, jianbao  # noqa: E402

tmp = tempfile.mkdtemp()
facts = os.path.abspath("examples/facts.json")
model = {"meta": {"title": "脚注引用"}, "facts": facts, "blocks": [
    {"type": "paragraph", "text": ["全县地区生产总值", {"fact": "F1"}, "。"]},
    {"type": "footnote", "text": ["同比增速为", {"fact": "F2"}, "。"]}]}
src = os.path.join(tmp, "fn.json")
with open(src, "w", encoding="utf-8") as f:
    json.dump(model, f, ensure_ascii=False)
p = jianbao("build", src, "--dump=layout", "--allow-paths")  # its facts are in examples/
check("builds with a cited footnote", p.returncode == 0, p.stderr.decode()[-300:])
links = [l for l in p.stdout.decode().splitlines() if l.strip().startswith("link")]
check("both citation marks (text and footnote) are links (%d)" % len(links), len(links) == 2, str(links))
finish()
