#!/usr/bin/env python3
"""Compose: the JSON Schemas in docs/ accept every shipped example and layout,
reject typical mistakes, and name the same block types and font roles as the
C parser. A small draft 2020-12 subset validator (stdlib only)."""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
failures = 0


def check(name, ok, why=""):
    global failures
    if ok:
        print("PASS: " + name)
    else:
        failures += 1
        print("FAIL: %s: %s" % (name, why))


TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def errors(schema, v, root, path="$"):
    """Returns a list of error strings (empty = valid)."""
    if schema is True or schema == {}:
        return []
    out = []
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        out += errors(target, v, root, path)
    t = schema.get("type")
    if t is not None:
        ts = t if isinstance(t, list) else [t]
        if not any(TYPES[x](v) for x in ts):
            return out + ["%s: expected %s" % (path, t)]
    if "const" in schema and v != schema["const"]:
        out.append("%s: expected %r" % (path, schema["const"]))
    if "enum" in schema and v not in schema["enum"]:
        out.append("%s: %r not in %r" % (path, v, schema["enum"]))
    if TYPES["number"](v):
        if "minimum" in schema and v < schema["minimum"]:
            out.append("%s: below minimum" % path)
        if "maximum" in schema and v > schema["maximum"]:
            out.append("%s: above maximum" % path)
    if isinstance(v, str):
        if len(v) < schema.get("minLength", 0):
            out.append("%s: too short" % path)
        if "pattern" in schema and not re.search(schema["pattern"], v):
            out.append("%s: does not match %s" % (path, schema["pattern"]))
    if isinstance(v, list):
        if len(v) < schema.get("minItems", 0):
            out.append("%s: too few items" % path)
        if "maxItems" in schema and len(v) > schema["maxItems"]:
            out.append("%s: too many items" % path)
        if "items" in schema:
            for i, x in enumerate(v):
                out += errors(schema["items"], x, root, "%s[%d]" % (path, i))
    if isinstance(v, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in v:
                out.append("%s: missing %s" % (path, k))
        for k, x in v.items():
            if k in props:
                out += errors(props[k], x, root, "%s.%s" % (path, k))
            elif schema.get("additionalProperties") is False:
                out.append("%s: unknown key %s" % (path, k))
    if "oneOf" in schema:
        n = sum(1 for s in schema["oneOf"] if not errors(s, v, root, path))
        if n != 1:
            out.append("%s: matches %d of oneOf" % (path, n))
    if "anyOf" in schema:
        if not any(not errors(s, v, root, path) for s in schema["anyOf"]):
            out.append("%s: matches none of anyOf" % path)
    if "not" in schema and not errors(schema["not"], v, root, path):
        out.append("%s: matches 'not'" % path)
    return out


def load(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return json.load(f)


briefing = load("docs/briefing.schema.json")
layout = load("docs/layout.schema.json")
check("schemas declare draft 2020-12",
      briefing["$schema"].endswith("2020-12/schema") and layout["$schema"].endswith("2020-12/schema"))

examples = sorted(f for f in os.listdir(os.path.join(ROOT, "examples"))
                  if f.endswith(".json") and f != "facts.json")
check("there are examples", len(examples) >= 2, str(examples))
for f in examples:
    e = errors(briefing, load("examples/" + f), briefing)
    check("example %s matches briefing.schema.json" % f, not e, "; ".join(e[:5]))

for f in sorted(os.listdir(os.path.join(ROOT, "layouts"))):
    if f.endswith(".json"):
        e = errors(layout, load("layouts/" + f), layout)
        check("layout %s matches layout.schema.json" % f, not e, "; ".join(e[:5]))

full = load("examples/full.json")
types = {b["type"] for b in full["blocks"]}

BAD = [
    ("unknown meta key", {"meta": {"title": "T", "titel": "x"}, "blocks": [{"type": "pagebreak"}]}),
    ("missing title", {"meta": {}, "blocks": [{"type": "pagebreak"}]}),
    ("empty blocks", {"meta": {"title": "T"}, "blocks": []}),
    ("heading level 5", {"meta": {"title": "T"}, "blocks": [{"type": "heading", "level": 5, "text": "x"}]}),
    ("unknown block type", {"meta": {"title": "T"}, "blocks": [{"type": "tabel"}]}),
    ("chart kind", {"meta": {"title": "T"}, "blocks": [{"type": "chart", "kind": "radar",
                                                          "categories": ["a"], "series": [{"values": [1]}]}]}),
    ("cell with text and value", {"meta": {"title": "T"}, "blocks": [{"type": "table", "rows": [[{"text": "a", "value": 1}]]}]}),
    ("span with text and fact", {"meta": {"title": "T"}, "blocks": [{"type": "paragraph", "text": [{"text": "a", "fact": "b"}]}]}),
    ("tile without label", {"meta": {"title": "T"}, "blocks": [{"type": "tiles", "items": [{"value": 1}]}]}),
    ("gif image", {"meta": {"title": "T"}, "blocks": [{"type": "image", "path": "a.gif"}]}),
]
for name, doc in BAD:
    check("schema rejects: " + name, bool(errors(briefing, doc, briefing)), "accepted")
check("schema rejects a layout colour name",
      bool(errors(layout, {"colors": {"text": "red"}}, layout)), "accepted")
check("schema rejects an unknown font role",
      bool(errors(layout, {"fonts": {"boddy": {}}}, layout)), "accepted")

# The schema and the C parser agree on the vocabulary.
src = open(os.path.join(ROOT, "src/compose/briefing.c"), encoding="utf-8").read()
m = re.search(r"BLOCK_NAMES\[\] = \{(.*?)NULL\}", src, re.S)
c_blocks = re.findall(r'"([a-z]+)"', m.group(1)) if m else []
s_blocks = [b["properties"]["type"]["const"] for b in briefing["$defs"]["block"]["oneOf"]]
check("block types: schema == C parser", sorted(c_blocks) == sorted(s_blocks),
      "%s vs %s" % (sorted(c_blocks), sorted(s_blocks)))
check("examples/full.json uses every block type", types == set(s_blocks),
      "missing %s" % sorted(set(s_blocks) - types))
tsrc = open(os.path.join(ROOT, "src/compose/template_parse.c"), encoding="utf-8").read()
m = re.search(r"ROLE_NAMES\[JB_ROLE_COUNT \+ 1\] = \{(.*?)NULL\}", tsrc, re.S)
c_roles = re.findall(r'"([a-z0-9_]+)"', m.group(1)) if m else []
s_roles = list(layout["properties"]["fonts"]["properties"])
check("font roles: schema == C parser", sorted(c_roles) == sorted(s_roles),
      "%s vs %s" % (sorted(c_roles), sorted(s_roles)))
for lay in ("brief", "gbt9704"):
    fonts = load("layouts/%s.json" % lay)["fonts"]
    check("layout %s sets every font role" % lay, sorted(fonts) == sorted(s_roles),
          "missing %s" % sorted(set(s_roles) - set(fonts)))

sys.exit(1 if failures else 0)
