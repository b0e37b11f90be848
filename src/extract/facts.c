/* The public extraction API: runs the scan over each document, maps spans back
 * to the original files, and writes the JSON of docs/facts.md. */
#include <stdio.h>
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

const char *jb_status_name(jb_status_kind s) {
  switch (s) {
  case JB_STATUS_ACTUAL: return "actual";
  case JB_STATUS_TARGET: return "target";
  case JB_STATUS_ESTIMATE: return "estimate";
  default: return NULL;
  }
}

const char *jb_series_dim_name(jb_series_dim d) {
  return d == JB_DIM_TIME ? "time" : d == JB_DIM_PLACE ? "place" : "category";
}

const char *jb_qualifier_name(jb_qualifier q) {
  return (unsigned)q < sizeof qual_names / sizeof qual_names[0] ? qual_names[q] : "exact";
}

/* ---- arena ---------------------------------------------------------------------- */

static char *arena_alloc(jb_facts_impl *f, size_t n) {
  if (n > f->chunk_left) {
    size_t size = n > 262144 ? n : 262144;
    f->chunks = jb_grow(f->ctx, f->chunks, &f->cap_chunks, f->n_chunks + 1, sizeof *f->chunks);
    f->chunks[f->n_chunks++] = f->chunk_pos = jb_malloc(f->ctx, size);
    f->chunk_left = size;
  }
  char *p = f->chunk_pos;
  f->chunk_pos += n;
  f->chunk_left -= n;
  return p;
}

char *jb_facts_strdup(jb_facts_impl *f, const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(arena_alloc(f, n), s, n);
}

char *jb_facts_cps(jb_facts_impl *f, const uint32_t *t, size_t a, size_t b) {
  char *p = arena_alloc(f, (b > a ? b - a : 0) * 4 + 1), *w = p;
  for (size_t k = a; k < b; k++) w += jb_utf8_encode(t[k], w);
  *w = 0;
  f->chunk_left += (size_t)(p + (b > a ? b - a : 0) * 4 + 1 - (w + 1)); /* give back the slack */
  f->chunk_pos = w + 1;
  return p;
}

/* Original offsets, text and sentence of the facts of one document. */
void jb_facts_finish_doc(jb_facts_impl *f, const jb_doc *d, size_t first) {
  size_t sn;
  const uint32_t *src = jb_doc_source(d, &sn);
  for (size_t i = first; i < f->n; i++) {
    jb_fact *x = &f->items[i];
    jb_span o = jb_doc_source_span(d, (jb_span){x->nstart, x->nend});
    x->start = o.start;
    x->end = o.end;
    x->text = jb_facts_cps(f, src, o.start, o.end);
    size_t si = jb_doc_sentence_at(d, x->nstart);
    x->para = si != JB_NONE ? jb_doc_sentence_paragraph(d, si) : 0;
    if (si != JB_NONE) {
      jb_span so = jb_doc_source_span(d, jb_doc_sentence(d, si));
      x->sent_start = so.start, x->sent_end = so.end;
    } else {
      x->sent_start = x->start, x->sent_end = x->end;
    }
    if (x->value_overflow)
      jb_warn(f->ctx, (jb_loc){jb_doc_name(d), 0, 0, (long)(jb_doc_base(d) + x->start), NULL},
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
  f->n_docs = n;
  f->doc_dates = jb_calloc(ctx, n + 1, sizeof *f->doc_dates);
  f->date_given = jb_calloc(ctx, n + 1, 1);
  f->cited_as = jb_calloc(ctx, n + 1, sizeof *f->cited_as);
  for (size_t d = 0; d < n; d++) {
    size_t first = f->n;
    jb_scan_doc(f, &g, docs[d], d, NULL);
    jb_table_facts(f, &g, docs[d], d, first);
    jb_facts_finish_doc(f, docs[d], first);
  }
  jb_series_compact(f);
  jb_gazetteer_fini(ctx, &g);
  return f;
}

void jb_facts_free(jb_facts *f) {
  if (!f) return;
  jb_ctx *ctx = f->ctx;
  for (size_t i = 0; i < f->n_chunks; i++) jb_free(ctx, f->chunks[i]);
  jb_free(ctx, f->chunks);
  for (size_t i = 0; i < f->n_checks; i++) jb_free(ctx, f->checks[i].parts);
  jb_free(ctx, f->checks);
  jb_free(ctx, f->items);
  jb_free(ctx, f->series);
  jb_free(ctx, f->doc_dates);
  jb_free(ctx, f->date_given);
  jb_free(ctx, f->cited_as);
  jb_free(ctx, f);
}

size_t jb_facts_count(const jb_facts *f) { return f->n; }
const jb_fact *jb_facts_get(const jb_facts *f, size_t i) { return &f->items[i]; }
size_t jb_facts_check_count(const jb_facts *f) { return f->n_checks; }
const jb_check *jb_facts_check(const jb_facts *f, size_t i) { return &f->checks[i]; }
jb_ctx *jb_facts_ctx(const jb_facts *f) { return f->ctx; }
void jb_facts_set_cited_as(jb_facts *f, size_t doc, const char *title) {
  if (doc < f->n_docs) f->cited_as[doc] = title ? jb_facts_strdup(f, title) : NULL;
}
size_t jb_facts_series_count(const jb_facts *f) { return (size_t)f->next_series; }
const jb_series_info *jb_facts_series(const jb_facts *f, size_t i) { return &f->series[i]; }
const char *jb_facts_doc_date(const jb_facts *f, size_t doc) {
  return doc < f->n_docs ? f->doc_dates[doc] : NULL;
}
jb_date_source jb_facts_doc_date_source(const jb_facts *f, size_t doc) {
  return doc < f->n_docs && f->date_given ? (jb_date_source)f->date_given[doc] : JB_DATE_TEXT;
}

/* ---- JSON ----------------------------------------------------------------------------- */
/* Written directly into a buffer (no document tree): the output of a 50 MB report is
 * a few hundred MB and a tree would multiply that. */

const char *jb_base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

void jb_json_str(jb_buf *b, const char *s) {
  if (!s) {
    jb_buf_adds(b, "null");
    return;
  }
  jb_buf_addc(b, '"');
  const char *run = s;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    jb_buf_add(b, run, (size_t)(s - run));
    if (c == '"' || c == '\\') jb_buf_addc(b, '\\'), jb_buf_addc(b, (char)c);
    else if (c == '\n') jb_buf_adds(b, "\\n");
    else if (c == '\t') jb_buf_adds(b, "\\t");
    else if (c == '\r') jb_buf_adds(b, "\\r");
    else jb_buf_printf(b, "\\u%04x", c);
    run = s + 1;
  }
  jb_buf_add(b, run, (size_t)(s - run));
  jb_buf_addc(b, '"');
}

static void jkey(jb_buf *b, const char *k) { /* ,"k": */
  jb_buf_addc(b, ',');
  jb_buf_addc(b, '"');
  jb_buf_adds(b, k);
  jb_buf_adds(b, "\":");
}

/* Integers without a fraction; others with up to 9 decimals, locale-free. */
static void jnum(jb_buf *b, double v) {
  if (!isfinite(v)) {
    jb_buf_adds(b, "null");
    return;
  }
  double r = nearbyint(v);
  if (fabs(v - r) < 1e-9 * fmax(1, fabs(v)) && fabs(r) < JB_EXACT_LIMIT) {
    jb_buf_add_int(b, (long)r);
    return;
  }
  jb_buf_add_num(b, v, 9);
}

/* Hot: two numbers per span, a dozen per fact (printf's cost showed in profiles). */
static void jint(jb_buf *b, const char *pre, size_t v) {
  jb_buf_adds(b, pre);
  jb_buf_add_int(b, (long)v);
}

static void jspan(jb_buf *b, jb_span x) {
  jint(b, "[", x.start);
  jint(b, ",", x.end);
  jb_buf_addc(b, ']');
}

/* The JSON goes into a buffer that is handed to fn whenever it holds about
 * 1 MB (fn NULL: kept whole), so the JSON of a large report (about 8 times its
 * size) never sits in memory whole when it is written to a file. */
void jb_jw_flush(jb_jw *w, int force) {
  if (!w->fn || (!force && w->b.len < (1u << 20))) return;
  if (!w->st && w->b.len) w->st = w->fn(w->user, w->b.data, w->b.len);
  w->b.len = 0;
}

/* A document entry's start, up to its title: name, date, its source, citation. */
void jb_jw_doc_head(jb_jw *w, const jb_doc *d, const char *date, int given, const char *cited) {
  jb_buf *b = &w->b;
  jb_buf_adds(b, "{\"name\":");
  jb_json_str(b, jb_base_name(jb_doc_name(d)));
  jkey(b, "date");
  jb_json_str(b, date);
  jkey(b, "date_source");
  jb_json_str(b, !date ? NULL : given == JB_DATE_GIVEN      ? "given"
                          : given == JB_DATE_INFERRED ? "inferred"
                          : given == JB_DATE_ASSUMED  ? "assumed"
                                                      : "text");
  jkey(b, "cited_as");
  jb_json_str(b, cited);
  size_t title = jb_doc_title(d);
  jkey(b, "title");
  if (title != JB_NONE) {
    char *s = jb_doc_utf8(w->ctx, d, jb_doc_paragraph(d, title));
    jb_span o = jb_doc_source_span(d, jb_doc_paragraph(d, title));
    jb_buf_printf(b, "{\"start\":%zu,\"end\":%zu,\"text\":", o.start, o.end);
    jb_json_str(b, s);
    jb_buf_addc(b, '}');
    jb_free(w->ctx, s);
  } else {
    jb_buf_adds(b, "null");
  }
}

void jb_jw_doc(jb_jw *w, const jb_doc *d, const char *date, int given, const char *cited) {
  jb_buf *b = &w->b;
  jb_ctx *ctx = w->ctx;
  jb_jw_doc_head(w, d, date, given, cited);
  size_t np = jb_doc_paragraph_count(d), title = jb_doc_title(d);
  /* sections: from a heading (or the start) to the next heading */
  jkey(b, "sections");
  jb_buf_addc(b, '[');
  size_t sec_start = title != JB_NONE ? title + 1 : 0;
  int first_sec = 1;
  for (size_t p = sec_start; p <= np; p++) {
    int boundary = p == np || jb_doc_paragraph_kind(d, p) == JB_PARA_HEADING;
    if (boundary && p > sec_start) {
      jb_span all = {jb_doc_paragraph(d, sec_start).start, jb_doc_paragraph(d, p - 1).end};
      jb_span o = jb_doc_source_span(d, all);
      if (!first_sec) jb_buf_addc(b, ',');
      first_sec = 0;
      jb_buf_printf(b, "{\"start\":%zu,\"end\":%zu", o.start, o.end);
      jkey(b, "heading");
      if (jb_doc_paragraph_kind(d, sec_start) == JB_PARA_HEADING) {
        char *h = jb_doc_utf8(ctx, d, jb_doc_paragraph(d, sec_start));
        jb_json_str(b, h);
        jb_free(ctx, h);
        jkey(b, "heading_span");
        jspan(b, jb_doc_source_span(d, jb_doc_paragraph(d, sec_start)));
      } else {
        jb_buf_adds(b, "null,\"heading_span\":null");
      }
      jb_buf_addc(b, '}');
    }
    if (boundary) sec_start = p;
  }
  jb_buf_addc(b, ']');
  static const char *const kinds[] = {"body", "heading", "title"};
  jkey(b, "paragraphs");
  jb_buf_addc(b, '[');
  for (size_t p = 0; p < np; p++) {
    jb_span o = jb_doc_source_span(d, jb_doc_paragraph(d, p));
    jb_buf_printf(b, "%s{\"start\":%zu,\"end\":%zu,\"kind\":\"%s\"}", p ? "," : "", o.start,
                  o.end, kinds[jb_doc_paragraph_kind(d, p)]);
    jb_jw_flush(w, 0);
  }
  jb_buf_addc(b, ']');
  jkey(b, "sentences");
  jb_buf_addc(b, '[');
  for (size_t i = 0; i < jb_doc_sentence_count(d); i++) {
    if (i) jb_buf_addc(b, ',');
    jspan(b, jb_doc_source_span(d, jb_doc_sentence(d, i)));
    jb_jw_flush(w, 0);
  }
  jb_buf_adds(b, "]}");
}

/* The sentence's original text, so facts.json alone can cite it. */
static void sentence_text_json(jb_buf *b, jb_ctx *ctx, const jb_fact *x, const jb_doc *d) {
  size_t len;
  const uint32_t *src = d ? jb_doc_source(d, &len) : NULL;
  jb_buf t;
  jb_buf_init(&t, ctx);
  for (size_t i = x->sent_start; src && i < x->sent_end && i < len; i++)
    if (src[i] != '\n' && src[i] != '\r') jb_buf_add_utf8(&t, src[i]);
  jkey(b, "sentence_text");
  jb_json_str(b, t.data ? t.data : "");
  jb_buf_fini(&t);
}

static void fact_json(jb_buf *b, const jb_fact *x, size_t index, const char *doc, const jb_jbase *o) {
  jint(b, "{\"id\":\"F", o->fact + index + 1); /* F<n>: how briefings cite facts */
  jb_buf_adds(b, "\",\"doc\":");
  jb_json_str(b, doc);
  jint(b, ",\"start\":", o->off + x->start);
  jint(b, ",\"end\":", o->off + x->end);
  jkey(b, "text");
  jb_json_str(b, x->text);
  jkey(b, "value");
  if (x->value_overflow || x->value_type == JB_VALUE_NONE) {
    jb_buf_adds(b, "null");
  } else if (x->value_type == JB_VALUE_NUMBER) {
    jnum(b, x->value);
  } else if (x->value_type == JB_VALUE_RANGE) {
    jb_buf_addc(b, '[');
    jnum(b, x->lo);
    jb_buf_addc(b, ',');
    jnum(b, x->hi);
    jb_buf_addc(b, ']');
  } else {
    jb_json_str(b, x->date);
  }
  jkey(b, "unit");
  jb_json_str(b, x->unit[0] ? x->unit : NULL);
  jb_buf_adds(b, ",\"qualifier\":\"");
  jb_buf_adds(b, jb_qualifier_name(x->qualifier));
  jb_buf_adds(b, "\",\"kind\":\"");
  jb_buf_adds(b, jb_fact_kind_name(x->kind));
  jb_buf_addc(b, '"');
  jkey(b, "measure");
  jb_json_str(b, x->measure);
  jkey(b, "subject");
  jb_json_str(b, x->subject);
  jkey(b, "place");
  jb_json_str(b, x->place);
  jkey(b, "place_as_written");
  jb_json_str(b, x->place_src);
  jkey(b, "origin");
  jb_json_str(b, x->origin);
  jkey(b, "period");
  jb_json_str(b, x->period);
  jkey(b, "as_of");
  jb_json_str(b, x->as_of);
  jkey(b, "status");
  jb_json_str(b, jb_status_name(x->status));
  jkey(b, "direction");
  jb_json_str(b, x->direction > 0 ? "up" : x->direction < 0 ? "down" : NULL);
  jb_buf_adds(b, x->is_label ? ",\"is_label\":true" : ",\"is_label\":false");
  if (x->series >= 0) jint(b, ",\"series\":", (size_t)(o->series + x->series));
  else jb_buf_adds(b, ",\"series\":null");
  jkey(b, "series_label");
  jb_json_str(b, x->series_label);
  jint(b, ",\"sentence\":[", o->off + x->sent_start);
  jint(b, ",", o->off + x->sent_end);
  jint(b, "],\"para\":", o->para + x->para);
  if (x->cell_table) /* a table's cell: table (1-based), grid row and column (0-based) */
    jb_buf_printf(b, ",\"cell\":{\"table\":%zu,\"row\":%zu,\"col\":%zu}", x->cell_table, x->cell_row, x->cell_col);
  jb_buf_adds(b, x->value_overflow ? ",\"value_overflow\":true}" : ",\"value_overflow\":false}");
}

/* Series k: its dimension, its members' ids and labels in order. */
void jb_jw_series(jb_jw *w, const jb_facts *f, size_t k, int first, const char *doc, const jb_jbase *o) {
  jb_buf *b = &w->b;
  const jb_series_info *si = &f->series[k];
  jb_buf_printf(b, "%s{\"id\":%ld,\"doc\":", first ? "\n" : ",\n", o->series + si->id);
  jb_json_str(b, doc);
  jb_buf_printf(b, ",\"dimension\":\"%s\",\"members\":[", jb_series_dim_name(si->dim));
  int any = 0;
  for (size_t i = si->first; i <= si->last && i < f->n; i++)
    if (f->items[i].series == (long)k) jb_buf_printf(b, "%s\"F%zu\"", any++ ? "," : "", o->fact + i + 1);
  jb_buf_adds(b, "],\"labels\":[");
  any = 0;
  for (size_t i = si->first; i <= si->last && i < f->n; i++)
    if (f->items[i].series == (long)k) {
      if (any++) jb_buf_addc(b, ',');
      jb_json_str(b, f->items[i].series_label);
    }
  jb_buf_adds(b, "]}");
  jb_jw_flush(w, 0);
}

static void ref_json(jb_buf *b, const jb_fact *x, size_t off) {
  jb_buf_printf(b, "{\"start\":%zu,\"end\":%zu,\"text\":", off + x->start, off + x->end);
  jb_json_str(b, x->text);
  jb_buf_adds(b, ",\"value\":");
  jnum(b, x->value);
  jb_buf_addc(b, '}');
}

/* Fact i of f (prev: the fact written before it, or NULL), with its sentence's
 * text when it opens a new sentence. */
void jb_jw_fact(jb_jw *w, const jb_facts *f, size_t i, const jb_fact *prev, const jb_doc *d, const jb_jbase *o) {
  jb_buf *b = &w->b;
  const jb_fact *x = &f->items[i];
  jb_buf_adds(b, o->fact + i ? ",\n" : "\n");
  fact_json(b, x, i, d ? jb_base_name(jb_doc_name(d)) : "", o);
  if (!prev || prev->doc != x->doc || prev->sent_start != x->sent_start || prev->sent_end != x->sent_end) {
    b->len--; /* reopen the record: the sentence's text, once per sentence */
    sentence_text_json(b, w->ctx, x, d);
    jb_buf_addc(b, '}');
  }
  jb_jw_flush(w, 0);
}

void jb_jw_check(jb_jw *w, const jb_facts *f, size_t i, int first, const char *doc, const jb_jbase *o) {
  jb_buf *b = &w->b;
  const jb_check *c = &f->checks[i];
  jb_buf_adds(b, first ? "\n{\"doc\":" : ",\n{\"doc\":");
  jb_json_str(b, doc);
  jb_buf_printf(b, ",\"holds\":%s,\"total\":", c->holds ? "true" : "false");
  ref_json(b, &f->items[c->total], o->off);
  jb_buf_adds(b, ",\"parts\":[");
  for (size_t k = 0; k < c->n_parts; k++) {
    if (k) jb_buf_addc(b, ',');
    ref_json(b, &f->items[c->parts[k]], o->off);
  }
  jb_buf_adds(b, "],\"sum\":");
  jnum(b, c->sum);
  jb_buf_addc(b, '}');
  jb_jw_flush(w, 0);
}

static void write_json(jb_jw *w, const jb_facts *f, const jb_doc *const *docs, size_t n) {
  jb_buf *b = &w->b;
  const jb_jbase o = {0, 0, 0, 0};
  jb_buf_adds(b, "{\"documents\":[");
  for (size_t d = 0; d < n; d++) {
    if (d) jb_buf_adds(b, ",\n");
    jb_jw_doc(w, docs[d], jb_facts_doc_date(f, d), d < f->n_docs && f->date_given ? f->date_given[d] : 0,
              d < f->n_docs ? f->cited_as[d] : NULL);
  }
  jb_buf_adds(b, "],\n\"facts\":[");
  for (size_t i = 0; i < f->n; i++)
    jb_jw_fact(w, f, i, i ? &f->items[i - 1] : NULL, f->items[i].doc < n ? docs[f->items[i].doc] : NULL, &o);
  jb_buf_adds(b, "],\n\"series\":[");
  for (size_t k = 0; k < (size_t)f->next_series; k++) {
    size_t d = f->series[k].doc;
    jb_jw_series(w, f, k, k == 0, d < n ? jb_base_name(jb_doc_name(docs[d])) : "", &o);
  }
  jb_buf_adds(b, "],\n\"checks\":[");
  for (size_t i = 0; i < f->n_checks; i++) {
    size_t d = f->checks[i].doc;
    jb_jw_check(w, f, i, i == 0, d < n ? jb_base_name(jb_doc_name(docs[d])) : "", &o);
  }
  jb_buf_adds(b, "]}\n");
}
char *jb_facts_to_json(jb_ctx *ctx, const jb_facts *f, const jb_doc *const *docs, size_t n) {
  jb_jw w = {ctx, {0}, NULL, NULL, JB_OK};
  jb_buf_init(&w.b, ctx);
  size_t need = 4096; /* reserve once: doubling a buffer this size would double the peak */
  for (size_t i = 0; i < f->n; i++) { /* a sentence's text is written once, with its first fact */
    const jb_fact *x = &f->items[i], *p = i ? &f->items[i - 1] : NULL;
    int first = !p || p->doc != x->doc || p->sent_start != x->sent_start || p->sent_end != x->sent_end;
    need += 400 + (first ? 3 * (x->sent_end - x->sent_start) / 4 : 0);
  }
  jb_buf_reserve(&w.b, need);
  write_json(&w, f, docs, n);
  return jb_buf_steal(&w.b);
}

jb_status jb_facts_write_json(jb_ctx *ctx, const jb_facts *f, const jb_doc *const *docs, size_t n,
                              jb_write_fn fn, void *user) {
  jb_jw w = {ctx, {0}, fn, user, JB_OK};
  jb_buf_init(&w.b, ctx);
  write_json(&w, f, docs, n);
  jb_jw_flush(&w, 1);
  jb_buf_fini(&w.b);
  return w.st;
}
