#!/usr/bin/env python3
"""Writes a generated briefing of about N pages (brief layout) to stdout:
headings (levels 1-3), paragraphs from the seed texts, some lists, tiles and
quotes. Deterministic. Usage: gen_briefing.py [PAGES]"""
import json
import os
import random
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEEDS = ["seeds/000_49bb09d571b726a9.txt", "seeds/002_dfe9fba724ead71e.txt"]


def sentences():
    out = []
    for s in SEEDS:
        for para in open(os.path.join(ROOT, s), encoding="utf-8").read().split("\n"):
            out += [x for x in re.findall(r"[^。！？]+[。！？]", para.strip()) if 8 <= len(x) <= 160]
    return out


def generate(n_sections, seed=7):
    rnd = random.Random(seed)
    sents, k, blocks = sentences(), 0, []

    def para(lo, hi):
        nonlocal k
        n = rnd.randint(lo, hi)
        k += n
        return "".join(sents[(k - n + i) % len(sents)] for i in range(n))

    for s in range(n_sections):
        blocks.append({"type": "heading", "level": 1, "text": "第%d部分综述" % (s + 1)})
        for sub in range(rnd.randint(1, 3)):
            blocks.append({"type": "heading", "level": 2, "text": "分项情况%d" % (sub + 1)})
            if rnd.random() < 0.3:
                blocks.append({"type": "heading", "level": 3, "text": "具体进展"})
            for _ in range(rnd.randint(2, 6)):
                blocks.append({"type": "paragraph", "text": para(1, 9)})
            r = rnd.random()
            if r < 0.1:
                blocks.append({"type": "list", "ordered": True, "items": [para(1, 2) for _ in range(3)]})
            elif r < 0.2:
                blocks.append({"type": "tiles", "items": [
                    {"value": rnd.randint(10, 99999), "unit": "万元", "label": "指标%d" % i} for i in range(3)]})
            elif r < 0.25:
                blocks.append({"type": "quote", "text": para(1, 2), "attribution": "工作报告"})
    return {"version": 1, "meta": {"title": "分页测试简报", "issuer": "测试单位", "date": "2025-04-18"},
            "blocks": blocks}


if __name__ == "__main__":
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    json.dump(generate(max(1, round(pages * 0.645))), sys.stdout, ensure_ascii=False)
