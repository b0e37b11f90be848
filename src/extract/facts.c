/* The public extraction API: runs the scan over each document, maps spans back
 * to the original files, and writes the JSON of docs/facts.md. */
#include <stdio.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

static const char *const kind_names[] = {"money", "count", "percent", "per_mille", "date",
                                         "year",  "rank",  "ordinal", "other"};
static const char *const qual_names[] = {"exact",     "approx",    "more_than",
                                         "at_least",  "less_than", "nearly"};

const char *jb_fact_kind_name(jb_fact_kind k) {
  return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "other";
}

const char *jb_qualifier_name(jb_qualifier q) {
  return (unsigned)q < sizeof qual_names / sizeof qual_names[0] ? qual_names[q] : "exact";
}

/* Original offsets, text and sentence of the facts of one document. */
static void finish_doc(jb_facts_impl *f, const jb_doc *d, size_t first) {
  size_t sn;
  const uint32_t *src = jb_doc_source(d, &sn);
  for (size_t i = first; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    jb_span o = jb_doc_source_span(d, (jb_span){x->nstart, x->nend});
    x->start = o.start;
    x->end = o.end;
    x->text = jb_cps_utf8(f->ctx, src, o.start, o.end);
    size_t si = jb_doc_sentence_at(d, x->nstart);
    if (si != JB_NONE) {
      jb_span so = jb_doc_source_span(d, jb_doc_sentence(d, si));
      x->sent_start = so.start, x->sent_end = so.end;
    } else {
      x->sent_start = x->start, x->sent_end = x->end;
    }
    if (x->value_overflow)
      jb_warn(f->ctx, (jb_loc){jb_doc_name(d), 0, 0, (long)x->start, NULL},
              "number too large to represent exactly: %s", x->text);
  }
}

jb_facts *jb_extract(jb_ctx *ctx, const jb_doc *const *docs, size_t n) {
  jb_gazetteer g;
  if (jb_gazetteer_load(ctx, &g) != JB_OK) {
    jb_gazetteer_fini(ctx, &g);
    return NULL;
  }
  jb_facts_impl *f = jb_calloc(ctx, 1, sizeof *f);
  f->ctx = ctx;
  for (size_t d = 0; d < n; d++) {
    size_t first = f->n;
    jb_scan_doc(f, &g, docs[d], d);
    finish_doc(f, docs[d], first);
  }
  jb_gazetteer_fini(ctx, &g);
  return f;
}

void jb_facts_free(jb_facts *f) {
  if (!f) return;
  jb_ctx *ctx = f->ctx;
  for (size_t i = 0; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    jb_free(ctx, x->text);
    jb_free(ctx, x->measure);
    jb_free(ctx, x->subject);
    jb_free(ctx, x->place);
    jb_free(ctx, x->period);
  }
  for (size_t i = 0; i < f->n_checks; i++) jb_free(ctx, f->checks[i].parts);
  jb_free(ctx, f->checks);
  jb_free(ctx, f->items);
  jb_free(ctx, f);
}

size_t jb_facts_count(const jb_facts *f) { return f->n; }
const jb_fact *jb_facts_get(const jb_facts *f, size_t i) { return &f->items[i]; }
size_t jb_facts_check_count(const jb_facts *f) { return f->n_checks; }
const jb_check *jb_facts_check(const jb_facts *f, size_t i) { return &f->checks[i]; }

/* ---- JSON ----------------------------------------------------------------------------- */

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

static cJSON *str_or_null(const char *s) { return s ? cJSON_CreateString(s) : cJSON_CreateNull(); }

/* Integers print without a fraction; others with up to 15 significant digits. */
static cJSON *number(double v) {
  if (!isfinite(v)) return cJSON_CreateNull();
  double r = nearbyint(v);
  if (fabs(v - r) < 1e-9 * fmax(1, fabs(v)) && fabs(r) < JB_EXACT_LIMIT) v = r;
  char buf[40];
  snprintf(buf, sizeof buf, "%.15g", v);
  return cJSON_CreateRaw(buf);
}

static cJSON *span_json(const jb_doc *d, jb_span s) {
  cJSON *o = cJSON_CreateObject();
  jb_span x = jb_doc_source_span(d, s);
  cJSON_AddNumberToObject(o, "start", (double)x.start);
  cJSON_AddNumberToObject(o, "end", (double)x.end);
  return o;
}

static cJSON *doc_json(jb_ctx *ctx, const jb_doc *d) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "name", base_name(jb_doc_name(d)));
  size_t np = jb_doc_paragraph_count(d), title = jb_doc_title(d);
  if (title != JB_NONE) {
    cJSON *t = span_json(d, jb_doc_paragraph(d, title));
    char *s = jb_doc_utf8(ctx, d, jb_doc_paragraph(d, title));
    cJSON_AddStringToObject(t, "text", s);
    jb_free(ctx, s);
    cJSON_AddItemToObject(o, "title", t);
  } else {
    cJSON_AddNullToObject(o, "title");
  }
  /* sections: from a heading (or the start) to the next heading */
  cJSON *secs = cJSON_AddArrayToObject(o, "sections");
  cJSON *paras = cJSON_AddArrayToObject(o, "paragraphs");
  size_t sec_start = title != JB_NONE ? title + 1 : 0;
  for (size_t p = sec_start; p <= np; p++) {
    int boundary = p == np || jb_doc_paragraph_kind(d, p) == JB_PARA_HEADING;
    if (boundary && p > sec_start) {
      size_t first = sec_start;
      int has_heading = jb_doc_paragraph_kind(d, first) == JB_PARA_HEADING;
      jb_span all = {jb_doc_paragraph(d, first).start, jb_doc_paragraph(d, p - 1).end};
      cJSON *s = span_json(d, all);
      if (has_heading) {
        char *h = jb_doc_utf8(ctx, d, jb_doc_paragraph(d, first));
        cJSON_AddStringToObject(s, "heading", h);
        jb_free(ctx, h);
        cJSON_AddItemToObject(s, "heading_span", span_json(d, jb_doc_paragraph(d, first)));
      } else {
        cJSON_AddNullToObject(s, "heading");
        cJSON_AddNullToObject(s, "heading_span");
      }
      cJSON_AddItemToArray(secs, s);
    }
    if (boundary) sec_start = p;
  }
  static const char *const kinds[] = {"body", "heading", "title"};
  for (size_t p = 0; p < np; p++) {
    cJSON *s = span_json(d, jb_doc_paragraph(d, p));
    cJSON_AddStringToObject(s, "kind", kinds[jb_doc_paragraph_kind(d, p)]);
    cJSON_AddItemToArray(paras, s);
  }
  cJSON *sents = cJSON_AddArrayToObject(o, "sentences");
  for (size_t i = 0; i < jb_doc_sentence_count(d); i++) {
    jb_span x = jb_doc_source_span(d, jb_doc_sentence(d, i));
    cJSON *a = cJSON_CreateArray();
    cJSON_AddItemToArray(a, cJSON_CreateNumber((double)x.start));
    cJSON_AddItemToArray(a, cJSON_CreateNumber((double)x.end));
    cJSON_AddItemToArray(sents, a);
  }
  return o;
}

static cJSON *fact_json(const jb_fact *x, const char *doc) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "doc", doc);
  cJSON_AddNumberToObject(o, "start", (double)x->start);
  cJSON_AddNumberToObject(o, "end", (double)x->end);
  cJSON_AddStringToObject(o, "text", x->text);
  if (x->value_overflow) {
    cJSON_AddNullToObject(o, "value");
  } else if (x->value_type == JB_VALUE_NUMBER) {
    cJSON_AddItemToObject(o, "value", number(x->value));
  } else if (x->value_type == JB_VALUE_RANGE) {
    cJSON *a = cJSON_AddArrayToObject(o, "value");
    cJSON_AddItemToArray(a, number(x->lo));
    cJSON_AddItemToArray(a, number(x->hi));
  } else if (x->value_type == JB_VALUE_DATE) {
    cJSON_AddStringToObject(o, "value", x->date);
  } else {
    cJSON_AddNullToObject(o, "value");
  }
  cJSON_AddItemToObject(o, "unit", str_or_null(x->unit[0] ? x->unit : NULL));
  cJSON_AddStringToObject(o, "qualifier", jb_qualifier_name(x->qualifier));
  cJSON_AddStringToObject(o, "kind", jb_fact_kind_name(x->kind));
  cJSON_AddItemToObject(o, "measure", str_or_null(x->measure));
  cJSON_AddItemToObject(o, "subject", str_or_null(x->subject));
  cJSON_AddItemToObject(o, "place", str_or_null(x->place));
  cJSON_AddItemToObject(o, "period", str_or_null(x->period));
  cJSON_AddBoolToObject(o, "is_label", x->is_label);
  if (x->series >= 0) cJSON_AddNumberToObject(o, "series", (double)x->series);
  else cJSON_AddNullToObject(o, "series");
  cJSON *s = cJSON_AddArrayToObject(o, "sentence");
  cJSON_AddItemToArray(s, cJSON_CreateNumber((double)x->sent_start));
  cJSON_AddItemToArray(s, cJSON_CreateNumber((double)x->sent_end));
  cJSON_AddBoolToObject(o, "value_overflow", x->value_overflow);
  return o;
}

static cJSON *ref_json(const jb_fact *x) {
  cJSON *o = cJSON_CreateObject();
  cJSON_AddNumberToObject(o, "start", (double)x->start);
  cJSON_AddNumberToObject(o, "end", (double)x->end);
  cJSON_AddStringToObject(o, "text", x->text);
  cJSON_AddItemToObject(o, "value", number(x->value));
  return o;
}

char *jb_facts_to_json(jb_ctx *ctx, const jb_facts *f, const jb_doc *const *docs, size_t n) {
  cJSON *root = cJSON_CreateObject();
  cJSON *jd = cJSON_AddArrayToObject(root, "documents");
  for (size_t d = 0; d < n; d++) cJSON_AddItemToArray(jd, doc_json(ctx, docs[d]));
  cJSON *jf = cJSON_AddArrayToObject(root, "facts");
  for (size_t i = 0; i < f->n; i++) {
    const jb_fact *x = &f->items[i];
    const char *doc = x->doc < n ? base_name(jb_doc_name(docs[x->doc])) : "";
    cJSON_AddItemToArray(jf, fact_json(x, doc));
  }
  cJSON *jc = cJSON_AddArrayToObject(root, "checks");
  for (size_t i = 0; i < f->n_checks; i++) {
    const jb_check *c = &f->checks[i];
    cJSON *o = cJSON_CreateObject();
    const jb_fact *t = &f->items[c->total];
    cJSON_AddStringToObject(o, "doc", c->doc < n ? base_name(jb_doc_name(docs[c->doc])) : "");
    cJSON_AddBoolToObject(o, "holds", c->holds);
    cJSON_AddItemToObject(o, "total", ref_json(t));
    cJSON *parts = cJSON_AddArrayToObject(o, "parts");
    for (size_t k = 0; k < c->n_parts; k++) cJSON_AddItemToArray(parts, ref_json(&f->items[c->parts[k]]));
    cJSON_AddItemToObject(o, "sum", number(c->sum));
    cJSON_AddItemToArray(jc, o);
  }
  char *s = cJSON_PrintUnformatted(root);
  cJSON_Delete(root);
  if (!s) return NULL;
  size_t len = strlen(s);
  char *out = jb_malloc(ctx, len + 2);
  memcpy(out, s, len);
  out[len] = '\n';
  out[len + 1] = 0;
  cJSON_free(s);
  return out;
}
