/* Facts for the briefing: loading facts.json (extract's output, read
 * leniently since it is machine-written and may grow keys) and resolving every
 * fact reference of a briefing, with unit conversion within one base unit
 * (元 <-> 万元 <-> 亿元). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/jv.h"
#include "compose/model.h"

struct jb_factlist {
  jb_arena *arena;
  jb_factrec *recs;
  size_t n;
  const char **ids; /* non-NULL ids, for suggestions */
  size_t n_ids;
};

static const char *str_of(const cJSON *o, const char *const *keys) {
  for (; *keys; keys++) {
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, *keys);
    if (cJSON_IsString(j)) return j->valuestring;
  }
  return NULL;
}

static const char *doc_name(const cJSON *docs, const cJSON *rec) {
  static const char *const name_keys[] = {"name", "path", "file", "title", NULL};
  const cJSON *d = cJSON_GetObjectItemCaseSensitive(rec, "doc");
  if (cJSON_IsString(d)) return d->valuestring;
  if (!cJSON_IsNumber(d) || !docs || !(d->valuedouble >= 0 && d->valuedouble < 1e9)) return NULL; /* (int) of 1e10 is undefined */
  const cJSON *e = cJSON_GetArrayItem(docs, (int)d->valuedouble);
  if (cJSON_IsString(e)) return e->valuestring;
  return cJSON_IsObject(e) ? str_of(e, name_keys) : NULL;
}

static int cjk_cp(uint32_t c) { return (c >= 0x3000 && c <= 0x9FFF) || (c >= 0xFF00 && c <= 0xFFEF); }

/* A quoted source sentence in the punctuation the appendix prints: ASCII , ; : ! ? ( )
 * beside Chinese text become full width and the spaces around them go (发展 , 广东省 ->
 * 发展，广东省; ( 深圳专场 ) -> （深圳专场）). Digits and Latin keep theirs (1,200; 4.5). */
static char *quote_text(jv *v, const char *s) {
  if (!s) return NULL;
  size_t n = 0, len = strlen(s);
  uint32_t *cp = malloc((len + 1) * sizeof *cp);
  char *out = malloc(len * 3 + 1);
  if (!cp || !out) {
    free(cp), free(out);
    return jv_strdup(v->arena, s);
  }
  for (size_t b = 0; b < len;) {
    size_t m = jb_utf8_decode(s + b, len - b, &cp[n]);
    if (!m) cp[n] = (unsigned char)s[b], m = 1;
    b += m, n++;
  }
  static const char ascii[] = ",;:!?()";
  static const uint32_t wide[] = {0xFF0C, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F, 0xFF08, 0xFF09};
  size_t w = 0;
  for (size_t i = 0; i < n; i++) {
    size_t a = i, z = i; /* nearest non-space neighbours */
    while (a > 0 && cp[a - 1] == ' ') a--;
    while (z + 1 < n && cp[z + 1] == ' ') z++;
    uint32_t prev = a > 0 ? cp[a - 1] : 0, next = z + 1 < n ? cp[z + 1] : 0;
    const char *k = cp[i] < 128 && cp[i] ? strchr(ascii, (int)cp[i]) : NULL;
    if (k && (cjk_cp(prev) || cjk_cp(next)) && !(cp[i] == ',' && prev < 128 && next < 128)) {
      w += jb_utf8_encode(wide[k - ascii], out + w);
      continue;
    }
    if (cp[i] == ' ' && ((i > 0 && (cjk_cp(cp[i - 1]) || strchr(ascii, (int)(cp[i - 1] & 0x7F)))) ||
                         (i + 1 < n && cjk_cp(cp[i + 1]))) && (cjk_cp(prev) || cjk_cp(next)))
      continue; /* glue spaces beside Chinese text */
    w += jb_utf8_encode(cp[i], out + w);
  }
  out[w] = 0;
  char *r = jv_strdup(v->arena, out);
  free(cp), free(out);
  return r;
}

/* How a reader finds a document: its title, short (《广东省第十批援藏工作队对口支…》),
 * when extract gave one; else its name. */
static const char *doc_cited(const cJSON *docs, const char *name, char *buf, size_t cap) {
  const cJSON *d;
  if (!name || !cJSON_IsArray(docs)) return name;
  cJSON_ArrayForEach(d, docs) {
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(d, "name");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(d, "cited_as");
    if (!cJSON_IsString(n) || strcmp(n->valuestring, name)) continue;
    if (!cJSON_IsString(t)) {
      t = cJSON_GetObjectItemCaseSensitive(d, "title");
      t = cJSON_IsObject(t) ? cJSON_GetObjectItemCaseSensitive(t, "text") : NULL;
    }
    if (!cJSON_IsString(t) || !*t->valuestring) return name;
    const char *p = t->valuestring, *q = p;
    if (!strncmp(p, "〔", 3) && strstr(p, "〕")) p = q = strstr(p, "〕") + 3; /* 〔综述〕 */
    size_t chars = 0;
    while (*q && chars < 14) {
      q++;
      while (((unsigned char)*q & 0xC0) == 0x80) q++;
      chars++;
    }
    snprintf(buf, cap, "《%.*s%s》", (int)(q - p), p, *q ? "…" : "");
    return buf;
  }
  return name;
}

/* Paragraph spans of the documents (extract's "paragraphs"), so a fact's
 * "start" gives its paragraph number for the sources list (第N段). */
typedef struct doc_paras {
  const char *name;
  double *spans; /* start, end pairs in document order */
  size_t n;
} doc_paras;

static doc_paras *load_paras(jb_ctx *ctx, const cJSON *docs, size_t *n_out) {
  static const char *const name_keys[] = {"name", "path", "file", "title", NULL};
  size_t n = cJSON_IsArray(docs) ? jv_count(docs) : 0;
  *n_out = n;
  if (!n) return NULL;
  doc_paras *d = jb_calloc(ctx, n, sizeof *d);
  size_t i = 0;
  for (const cJSON *e = docs->child; e && i < n; e = e->next, i++) {
    if (!cJSON_IsObject(e)) continue;
    d[i].name = str_of(e, name_keys);
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(e, "paragraphs");
    size_t np = cJSON_IsArray(ps) ? jv_count(ps) : 0;
    if (!np) continue;
    d[i].spans = jb_malloc(ctx, 2 * np * sizeof(double));
    for (const cJSON *p = ps->child; p; p = p->next) {
      const cJSON *a = cJSON_GetObjectItemCaseSensitive(p, "start"), *b = cJSON_GetObjectItemCaseSensitive(p, "end");
      if (cJSON_IsArray(p) && cJSON_GetArraySize(p) == 2) a = p->child, b = p->child->next;
      if (!cJSON_IsNumber(a) || !cJSON_IsNumber(b)) continue;
      d[i].spans[2 * d[i].n] = a->valuedouble;
      d[i].spans[2 * d[i].n + 1] = b->valuedouble;
      d[i].n++;
    }
  }
  return d;
}

static void free_paras(jb_ctx *ctx, doc_paras *d, size_t n) {
  for (size_t i = 0; i < n; i++) jb_free(ctx, d[i].spans);
  jb_free(ctx, d);
}

/* 1-based number of the paragraph whose span holds the fact's start; 0 = unknown.
 * *last caches the document of the previous fact (facts come sorted by document). */
static int paragraph_of(const doc_paras *d, size_t nd, const cJSON *rec, size_t *last) {
  const cJSON *doc = cJSON_GetObjectItemCaseSensitive(rec, "doc");
  const cJSON *start = cJSON_GetObjectItemCaseSensitive(rec, "start");
  if (!d || !cJSON_IsNumber(start)) return 0;
  size_t k = nd;
  if (cJSON_IsNumber(doc) && doc->valuedouble >= 0 && doc->valuedouble < (double)nd) {
    k = (size_t)doc->valuedouble;
  } else if (cJSON_IsString(doc)) {
    if (*last < nd && d[*last].name && !strcmp(d[*last].name, doc->valuestring)) k = *last;
    for (size_t i = 0; i < nd && k == nd; i++)
      if (d[i].name && !strcmp(d[i].name, doc->valuestring)) k = i;
  }
  if (k == nd) return 0;
  *last = k;
  const double *sp = d[k].spans, x = start->valuedouble;
  size_t lo = 0, hi = d[k].n; /* the last paragraph starting at or before x */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (sp[2 * mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  if (!lo || x >= sp[2 * (lo - 1) + 1]) return 0;
  return (int)lo;
}

/* Same document and same "sentence" span [start, end]. */
static int same_sentence(const cJSON *a, const cJSON *b) {
  const cJSON *sa = cJSON_GetObjectItemCaseSensitive(a, "sentence"), *sb = cJSON_GetObjectItemCaseSensitive(b, "sentence");
  const cJSON *da = cJSON_GetObjectItemCaseSensitive(a, "doc"), *db = cJSON_GetObjectItemCaseSensitive(b, "doc");
  if (!cJSON_IsArray(sa) || !cJSON_IsArray(sb) || cJSON_GetArraySize(sa) != 2 || cJSON_GetArraySize(sb) != 2) return 0;
  if (!da || !db || !cJSON_Compare(da, db, 1)) return 0;
  return cJSON_Compare(sa, sb, 1);
}

static jb_status parse_record(jv *v, const cJSON *docs, const cJSON *j, size_t index, jb_factrec *r) {
  static const char *const label_keys[] = {"label", "measure", "name", "indicator", NULL};
  static const char *const text_keys[] = {"text", "value_text", NULL};
  static const char *const unit_keys[] = {"unit", NULL};
  static const char *const src_keys[] = {"source", NULL};
  static const char *const sent_keys[] = {"sentence_text", "context", NULL};
  if (!cJSON_IsObject(j)) return jv_fail(v, "expected a fact record (an object), got %s", jv_type_name(j));
  const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");
  if (id && !cJSON_IsString(id)) {
    jv_push_key(v, "id");
    jb_status st = jv_fail(v, "expected a string id, got %s", jv_type_name(id));
    jv_pop(v);
    return st;
  }
  if (id) {
    r->id = jv_strdup(v->arena, id->valuestring);
  } else { /* the id digest and extract use: F<index + 1> */
    char tmp[32];
    snprintf(tmp, sizeof tmp, "F%zu", index + 1);
    r->id = jv_strdup(v->arena, tmp);
  }
  r->label = jv_strdup(v->arena, str_of(j, label_keys));
  r->text = jv_strdup(v->arena, str_of(j, text_keys));
  r->unit = jv_strdup(v->arena, str_of(j, unit_keys));
  static const char *const place_keys[] = {"place", NULL};
  r->place = jv_strdup(v->arena, str_of(j, place_keys));
  static const char *const cat_keys[] = {"series_label", NULL};
  r->series_label = jv_strdup(v->arena, str_of(j, cat_keys));
  static const char *const qual_keys[] = {"qualifier", NULL};
  r->qualifier = jv_strdup(v->arena, str_of(j, qual_keys));
  r->sentence = quote_text(v, str_of(j, sent_keys));
  const char *src = str_of(j, src_keys);
  char titled[128];
  r->source = jv_strdup(v->arena, src ? src : doc_cited(docs, doc_name(docs, j), titled, sizeof titled));
  const cJSON *series = cJSON_GetObjectItemCaseSensitive(j, "series");
  if (cJSON_IsNumber(series) && series->valuedouble >= 0 && series->valuedouble < 1e9)
    r->series = (long)series->valuedouble + 1;
  const cJSON *val = cJSON_GetObjectItemCaseSensitive(j, "value");
  if (cJSON_IsNumber(val) && isfinite(val->valuedouble)) {
    r->has_value = 1;
    r->value = val->valuedouble;
  }
  return JB_OK;
}

/* Ids seen, in an open hash of n * 2 slots: a duplicate is found in one probe or
 * two, not by comparing with every id before (the pack's facts run to thousands). */
static int id_seen(const char **slots, size_t cap, const char *id) {
  size_t h = 5381;
  for (const char *c = id; *c; c++) h = h * 33 + (unsigned char)*c;
  for (h &= cap - 1; slots[h]; h = (h + 1) & (cap - 1))
    if (!strcmp(slots[h], id)) return 1;
  slots[h] = id;
  return 0;
}

static jb_status factlist_parse(jb_ctx *ctx, const char *name, const char *json, size_t len, int own,
                                jb_factlist **out) {
  *out = NULL;
  if (!name) name = "<facts>";
  cJSON *root;
  jb_status st = own ? jv_parse_own(ctx, name, json, len, &root) : jv_parse(ctx, name, json, len, &root);
  if (st) return st;
  jb_arena *a = jv_arena_new(ctx);
  jb_factlist *f = jv_alloc(a, sizeof *f);
  f->arena = a;
  jv v = {ctx, jv_strdup(a, name), jv_strndup(a, json, len), len, a, {{0}}, 0};
  const cJSON *facts = root, *docs = NULL;
  if (cJSON_IsObject(root)) {
    facts = cJSON_GetObjectItemCaseSensitive(root, "facts");
    docs = cJSON_GetObjectItemCaseSensitive(root, "documents");
    if (!facts) st = jv_fail(&v, "expected a \"facts\" array in the facts file");
    else jv_push_key(&v, "facts");
  }
  if (!st && !cJSON_IsArray(facts)) st = jv_fail(&v, "expected an array of facts, got %s", jv_type_name(facts));
  size_t n_docs = 0, last_doc = 0;
  doc_paras *paras = st ? NULL : load_paras(ctx, docs, &n_docs);
  if (!st) {
    f->n = jv_count(facts);
    f->recs = jv_alloc(a, (f->n ? f->n : 1) * sizeof(jb_factrec));
    f->ids = jv_alloc(a, (f->n ? f->n : 1) * sizeof(char *));
    size_t cap = 16;
    while (cap < f->n * 2) cap *= 2;
    const char **slots = jv_alloc(a, cap * sizeof *slots);
    size_t i = 0;
    for (const cJSON *c = facts->child; c && !st; c = c->next, i++) {
      jv_push_index(&v, (long)i);
      st = parse_record(&v, docs, c, i, &f->recs[i]);
      if (!st && !f->recs[i].sentence && i && same_sentence(c->prev, c)) /* facts.json gives a sentence's */
        f->recs[i].sentence = f->recs[i - 1].sentence;                  /* text once, on its first fact */
      if (!st) f->recs[i].paragraph = paragraph_of(paras, n_docs, c, &last_doc);
      if (!st && f->recs[i].id) {
        if (id_seen(slots, cap, f->recs[i].id)) st = jv_fail(&v, "duplicate fact id \"%s\"", f->recs[i].id);
        f->ids[f->n_ids++] = f->recs[i].id;
      }
      jv_pop(&v);
    }
  }
  free_paras(ctx, paras, n_docs);
  cJSON_Delete(root);
  if (st) {
    jv_arena_free(a);
    return st;
  }
  *out = f;
  return JB_OK;
}

jb_status jb_factlist_parse(jb_ctx *ctx, const char *name, const char *json, size_t len,
                            jb_factlist **out) {
  return factlist_parse(ctx, name, json, len, 0, out);
}

jb_status jb_factlist_parse_own(jb_ctx *ctx, const char *name, const char *json, size_t len,
                                jb_factlist **out) {
  return factlist_parse(ctx, name, json, len, 1, out);
}

jb_status jb_factlist_load(jb_ctx *ctx, const char *path, jb_factlist **out) {
  char *data;
  size_t len;
  *out = NULL;
  jb_status st = jb_read_file(ctx, path, &data, &len);
  if (st) return st;
  st = jb_factlist_parse(ctx, path, data, len, out);
  jb_free(ctx, data);
  return st;
}

void jb_factlist_free(jb_factlist *f) {
  if (f) jv_arena_free(f->arena);
}

size_t jb_factlist_count(const jb_factlist *f) { return f ? f->n : 0; }

const jb_factrec *jb_factlist_get(const jb_factlist *f, size_t i) {
  return f && i < f->n ? &f->recs[i] : NULL;
}

int jb_factlist_lookup(void *user, const jb_factref *ref, jb_factrec *out) {
  const jb_factlist *f = user;
  if (!f) return 0;
  if (!ref->id) {
    if (ref->index < 0 || (size_t)ref->index >= f->n) return 0;
    *out = f->recs[ref->index];
    return 1;
  }
  size_t n; /* facts.json numbers its records F1, F2, ...: try that position first */
  char tail;
  if (sscanf(ref->id, "F%zu%c", &n, &tail) == 1 && n >= 1 && n <= f->n && f->recs[n - 1].id &&
      strcmp(f->recs[n - 1].id, ref->id) == 0) {
    *out = f->recs[n - 1];
    return 1;
  }
  for (size_t i = 0; i < f->n; i++)
    if (f->recs[i].id && strcmp(f->recs[i].id, ref->id) == 0) {
      *out = f->recs[i];
      return 1;
    }
  return 0;
}

/* ---- Resolution --------------------------------------------------------------------- */

typedef struct resolver {
  jb_ctx *ctx;
  jb_briefing *b;
  jb_num_style style;
  jb_fact_lookup_fn lookup;
  void *user;
  const jb_factlist *list; /* for suggestions; may be NULL */
  const char *quoted[32];  /* sentences a chart has quoted already: later ones cite, not quote */
  size_t n_quoted;
} resolver;

static jb_status ref_fail(resolver *R, const jb_factref *ref, const char *fmt, const char *a,
                          const char *b) {
  char msg[768];
  snprintf(msg, sizeof msg, fmt, a ? a : "", b ? b : "");
  return jv_fail_path(R->ctx, R->b->file, R->b->src_, R->b->src_len_, ref->path, "%s", msg);
}

static jb_status find(resolver *R, const jb_factref *ref, jb_factrec *out) {
  memset(out, 0, sizeof *out);
  if (!R->lookup) /* no facts at all (build without a facts file): say so, don't call NULL */
    return ref_fail(R, ref, "fact \"%s\" is cited but there is no facts file (give \"facts\" in the "
                    "briefing or --facts)%s", ref->id ? ref->id : "(by index)", NULL);
  if (R->lookup(R->user, ref, out)) return JB_OK;
  if (!ref->id) {
    char idx[32], n[32];
    snprintf(idx, sizeof idx, "%ld", ref->index);
    snprintf(n, sizeof n, "%zu", jb_factlist_count(R->list));
    if (R->list) return ref_fail(R, ref, "fact index %s is out of range (the facts file has %s facts)", idx, n);
    return ref_fail(R, ref, "unknown fact index %s%s", idx, NULL);
  }
  const char *near = R->list ? jb_nearest(ref->id, R->list->ids, R->list->n_ids) : NULL;
  if (near) return ref_fail(R, ref, "unknown fact \"%s\" (did you mean \"%s\"?)", ref->id, near);
  return ref_fail(R, ref, "unknown fact \"%s\"%s", ref->id, NULL);
}

/* value in unit `from` expressed in unit `to` (same base, scale words apart). */
static int convert(double value, const char *from, const char *to, double *out) {
  const char *bf, *bt;
  double ff = jb_unit_scale(from ? from : "", &bf);
  double ft = jb_unit_scale(to ? to : "", &bt);
  if (strcmp(bf, bt) != 0) return 0;
  *out = value * ff / ft;
  return 1;
}

/* The exponent a unit already has: formatting keeps the given unit. */
static int keep_scale(const char *unit) {
  return (int)lround(log10(jb_unit_scale(unit, NULL)));
}

static char *dup(resolver *R, const char *s) { return jv_strdup(R->b->arena_, s); }

void jb_fact_qualifier_words(const char *q, int brief, const char **prefix, const char **suffix) {
  *prefix = *suffix = "";
  if (!q) return;
  if (!strcmp(q, "nearly")) *prefix = "近";
  else if (!strcmp(q, "more_than")) *prefix = brief ? "超" : "超过";
  else if (!strcmp(q, "approx")) *prefix = "约";
  else if (!strcmp(q, "at_least")) *suffix = "以上";
  else if (!strcmp(q, "less_than")) *suffix = "以内";
}

/* The qualifier as the source words it (逾60万元, 将近3000人): the bytes of the fact's
 * text before its digits, when it has a leading qualifier and they are one or two
 * characters; 0 otherwise (our word then: 超过, 近). Running text quotes the source. */
static size_t source_prefix(const jb_factrec *f, const char *prefix) {
  if (!*prefix || !f->text) return 0;
  size_t k = strcspn(f->text, "0123456789");
  return f->text[k] && k <= 6 ? k : 0;
}

static jb_status resolve_run(resolver *R, jb_run *r) {
  jb_factrec f;
  jb_status st = find(R, &r->fact, &f);
  if (st) return st;
  jb_buf t;
  jb_buf_init(&t, R->ctx);
  const char *prefix, *suffix;
  jb_fact_qualifier_words(f.qualifier, 0, &prefix, &suffix);
  if (f.has_value && jb_source_in_words(&f, R->ctx)) {
    jb_buf_adds(&t, f.text); /* 两家, 十二个, 5500余元: in running text the source's own words */
  } else if (f.has_value) {
    size_t lead = source_prefix(&f, prefix);
    if (lead) jb_buf_add(&t, f.text, lead);
    else jb_buf_adds(&t, prefix);
    jb_buf u;
    jb_buf_init(&u, R->ctx);
    if (jb_source_number(&f, &t, &u)) jb_buf_adds(&t, u.data ? u.data : ""); /* one style with tiles */
    else jb_num_format(&R->style, f.value, f.unit, -1, -1, &t, NULL);
    jb_buf_fini(&u);
    jb_buf_adds(&t, suffix);
  } else {
    jb_buf_adds(&t, f.text ? f.text : "");
  }
  r->text = dup(R, t.data ? t.data : "");
  jb_buf_fini(&t);
  return JB_OK;
}

static jb_status resolve_inline(resolver *R, jb_inline *in) {
  jb_status st = JB_OK;
  for (size_t i = 0; i < in->n_runs && !st; i++)
    if (in->runs[i].is_fact) st = resolve_run(R, &in->runs[i]);
  return st;
}

/* A numeric value in `unit` (NULL = the fact's own unit). */
static jb_status resolve_number(resolver *R, jb_value *v, const char *unit, const char *what,
                                jb_factrec *f) {
  jb_status st = find(R, &v->fact, f);
  if (st) return st;
  if (!f->has_value)
    return ref_fail(R, &v->fact, "the fact has no numeric value (its text is \"%s\"); %s need numbers",
                    f->text ? f->text : "", what);
  double x = f->value;
  if (unit && f->unit && !convert(f->value, f->unit, unit, &x))
    return ref_fail(R, &v->fact, "the fact's unit \"%s\" does not convert to \"%s\"", f->unit, unit);
  v->has_value = 1;
  v->value = x;
  return JB_OK;
}

static jb_status resolve_tile(resolver *R, jb_tile *t) {
  if (!t->value.is_fact) return JB_OK;
  jb_factrec f;
  jb_status st = find(R, &t->value.fact, &f);
  if (st) return st;
  if (!t->label && f.label) t->label = dup(R, f.label), t->from_fact |= JB_TILE_LABEL;
  if (!t->source && f.source) t->source = dup(R, f.source), t->from_fact |= JB_TILE_SOURCE;
  if (!t->label) return ref_fail(R, &t->value.fact, "the tile has no \"label\" and the fact none either%s%s", NULL, NULL);
  if (!f.has_value) {
    t->value.text = dup(R, f.text ? f.text : "");
    return JB_OK;
  }
  if (!t->unit && f.text && !strpbrk(f.text, "0123456789")) { /* 千余人次: the source's words */
    t->value.text = dup(R, f.text), t->unit = dup(R, ""), t->from_fact |= JB_TILE_UNIT;
    t->value.has_value = 1, t->value.value = f.value;
    return JB_OK;
  }
  jb_buf num, unit;
  jb_buf_init(&num, R->ctx);
  jb_buf_init(&unit, R->ctx);
  double x = f.value;
  if (t->unit) {
    if (f.unit && !convert(f.value, f.unit, t->unit, &x)) {
      jb_buf_fini(&num);
      jb_buf_fini(&unit);
      return ref_fail(R, &t->value.fact, "the fact's unit \"%s\" does not convert to the tile's unit \"%s\"",
                      f.unit, t->unit);
    }
    jb_num_format(&R->style, x, t->unit, -1, keep_scale(t->unit),
                  &num, &unit);
  } else {
    int inline_q = !jb_source_number(&f, &num, &unit) && jb_source_number_approx(&f, &num, &unit);
    if (!inline_q && !num.len) /* digits as the source gives them */
      jb_num_format(&R->style, x, f.unit, -1, -1, &num, &unit);
    t->unit = dup(R, unit.data ? unit.data : "");
    t->from_fact |= JB_TILE_UNIT;
    if (inline_q) f.qualifier = "exact"; /* 5500余元: 余 stays where the source writes it */
  }
  const char *prefix, *suffix; /* a qualified value keeps its qualifier: 近500, 97%以上 */
  jb_fact_qualifier_words(f.qualifier, 1, &prefix, &suffix);
  if (*prefix || *suffix) {
    jb_buf q;
    jb_buf_init(&q, R->ctx);
    jb_buf_printf(&q, "%s%s", prefix, num.data ? num.data : "");
    t->value.text = dup(R, q.data);
    jb_buf_fini(&q);
    if (*suffix) {
      jb_buf_init(&q, R->ctx);
      jb_buf_printf(&q, "%s%s", t->unit ? t->unit : "", suffix);
      t->unit = dup(R, q.data);
      jb_buf_fini(&q);
    }
  } else {
    t->value.text = dup(R, num.data ? num.data : "");
  }
  t->value.has_value = 1;
  t->value.value = x;
  jb_buf_fini(&num);
  jb_buf_fini(&unit);
  return JB_OK;
}

/* The unit a fact cell of column c is printed in: the column's, else the
 * table's; a fact whose unit does not convert into the table's (a count in a
 * money table) gives its column its own unit, and so does the first fact of a
 * column in a table without a unit (one unit per column, stated in its header). */
static jb_status cell_unit(resolver *R, jb_table *t, jb_column *col, const jb_value *v, const jb_factrec *f,
                           const char **unit) {
  double x;
  *unit = col->unit ? col->unit : t->unit;
  if (!f->unit || !*f->unit) return JB_OK;
  if (col->unit && !convert(f->value, f->unit, col->unit, &x))
    return ref_fail(R, &v->fact, "the fact's unit \"%s\" does not convert to the column's unit \"%s\"", f->unit,
                    col->unit);
  if (!col->unit && (!t->unit || !convert(f->value, f->unit, t->unit, &x))) {
    col->unit = dup(R, f->unit);
    col->unit_from_fact = 1;
  }
  *unit = col->unit ? col->unit : t->unit;
  return JB_OK;
}

/* A fact value's text: the source's digits in `unit` (287.9, 1264), so the layout
 * prints them as they stand. */
static void set_written(resolver *R, jb_value *v, const jb_factrec *f, const char *unit) {
  jb_buf num, u, out;
  jb_buf_init(&num, R->ctx), jb_buf_init(&u, R->ctx), jb_buf_init(&out, R->ctx);
  if (unit && f->value >= 0 && jb_source_number(f, &num, &u) && jb_digits_in_unit(num.data, u.data, unit, &out) >= 0)
    v->text = dup(R, out.data), v->as_written = 1;
  jb_buf_fini(&num), jb_buf_fini(&u), jb_buf_fini(&out);
}

typedef char unit_name[32];

/* Per column, the unit its body's facts print in with their source digits ("" when
 * none: a typed number, a fact without its digits, units that do not convert). */
static void column_source_units(resolver *R, const jb_table *t, unit_name *shared) {
  size_t nc = t->n_columns, *busy = jb_calloc(R->ctx, nc ? nc : 1, sizeof(size_t)), *n = jb_calloc(R->ctx, nc ? nc : 1, sizeof(size_t));
  jb_factrec *fs = jb_calloc(R->ctx, (nc ? nc : 1) * (t->n_rows ? t->n_rows : 1), sizeof(jb_factrec));
  int *bad = jb_calloc(R->ctx, nc ? nc : 1, sizeof(int));
  for (size_t i = 0; i < t->n_rows; i++) {
    size_t col = 0;
    for (size_t k = 0; k < t->rows[i].n_cells; k++) {
      const jb_cell *c = &t->rows[i].cells[k];
      while (col < nc && busy[col]) col++;
      size_t span = c->colspan > 0 ? (size_t)c->colspan : 1;
      for (size_t q = 0; q < span && col + q < nc; q++) busy[col + q] = c->rowspan > 1 ? (size_t)c->rowspan : 1;
      if (col < nc && span == 1 && (c->kind == JB_CELL_NUMBER || c->kind == JB_CELL_FACT)) {
        jb_factrec *f = &fs[col * t->n_rows + n[col]];
        if (c->kind != JB_CELL_FACT || !R->lookup || !R->lookup(R->user, &c->num.fact, f) || !f->has_value) bad[col] = 1;
        else n[col]++;
      }
      col += span;
    }
    for (size_t q = 0; q < nc; q++)
      if (busy[q]) busy[q]--;
  }
  for (size_t q = 0; q < nc; q++)
    if (bad[q] || !n[q] || !jb_shared_source_unit(R->ctx, &fs[q * t->n_rows], n[q], shared[q], sizeof shared[q]))
      shared[q][0] = 0;
  jb_free(R->ctx, busy), jb_free(R->ctx, n), jb_free(R->ctx, fs), jb_free(R->ctx, bad);
}

static jb_status resolve_table(resolver *R, jb_table *t) {
  jb_status st = resolve_inline(R, &t->caption);
  jb_row *sets[2] = {t->header, t->rows};
  size_t ns[2] = {t->n_header, t->n_rows};
  size_t *busy = jb_calloc(R->ctx, t->n_columns ? t->n_columns : 1, sizeof(size_t)); /* row spans */
  unit_name *shared = jb_calloc(R->ctx, t->n_columns ? t->n_columns : 1, sizeof(unit_name));
  column_source_units(R, t, shared);
  for (size_t q = 0; q < t->n_columns; q++) /* a column the author gave no unit prints its facts' */
    if (*shared[q] && (!t->columns[q].unit || t->columns[q].unit_from_fact) && !t->unit)
      t->columns[q].unit = dup(R, shared[q]), t->columns[q].unit_from_fact = 1;
  for (int s = 0; s < 2 && !st; s++) {
    memset(busy, 0, (t->n_columns ? t->n_columns : 1) * sizeof(size_t));
    for (size_t i = 0; i < ns[s] && !st; i++) {
      size_t col = 0;
      for (size_t k = 0; k < sets[s][i].n_cells && !st; k++) {
        jb_cell *c = &sets[s][i].cells[k];
        while (col < t->n_columns && busy[col]) col++;
        size_t here = col < t->n_columns ? col : t->n_columns - 1, span = c->colspan > 0 ? (size_t)c->colspan : 1;
        for (size_t q = 0; q < span && col + q < t->n_columns; q++) busy[col + q] = c->rowspan > 1 ? (size_t)c->rowspan : 1;
        col += span;
        if (c->kind == JB_CELL_TEXT) st = resolve_inline(R, &c->text);
        if (c->kind != JB_CELL_FACT) continue;
        jb_factrec f;
        const char *unit = NULL;
        st = find(R, &c->num.fact, &f);
        if (!st && f.has_value && span == 1 && t->n_columns) st = cell_unit(R, t, &t->columns[here], &c->num, &f, &unit);
        else unit = t->unit;
        if (!st) st = resolve_number(R, &c->num, unit, "table cells", &f);
        if (st) break;
        if (span == 1 && here < t->n_columns && unit && !strcmp(unit, shared[here])) set_written(R, &c->num, &f, unit);
        jb_buf txt, u;
        jb_buf_init(&txt, R->ctx);
        jb_buf_init(&u, R->ctx);
        /* With a unit for the cell's column the number is printed alone (the
         * unit is in the "单位：" line or the header); otherwise with its own,
         * possibly rescaled, unit. */
        if (unit) jb_num_format(&R->style, c->num.value, unit, -1, keep_scale(unit), &txt, &u);
        else jb_num_format(&R->style, c->num.value, f.unit, -1, -1, &txt, NULL);
        jb_buf_fini(&u);
        if (!c->num.as_written) c->num.text = dup(R, txt.data ? txt.data : "");
        c->text.n_runs = 1;
        c->text.runs = jv_alloc(R->b->arena_, sizeof(jb_run));
        c->text.runs[0].text = c->num.text;
        jb_buf_fini(&txt);
      }
      for (size_t q = 0; q < t->n_columns; q++)
        if (busy[q]) busy[q]--;
    }
  }
  jb_free(R->ctx, busy);
  jb_free(R->ctx, shared);
  return st;
}

/* "文件名 第N段：“sentence”": where a fact was stated, as the sources list
 * and chart notes cite it. */
void jb_fact_citation(const jb_factrec *f, jb_buf *out) {
  jb_buf_adds(out, f->source ? f->source : "（未注明）");
  if (f->paragraph > 0) jb_buf_printf(out, " 第%d段", f->paragraph);
  if (!f->sentence) return;
  /* quoted in “…”: the sentence's own double quotes become single ones (“‘十四五’规划…”) */
  jb_buf_adds(out, "：“");
  for (const char *p = f->sentence; *p;) {
    if (!strncmp(p, "“", 3)) jb_buf_adds(out, "‘"), p += 3;
    else if (!strncmp(p, "”", 3)) jb_buf_adds(out, "’"), p += 3;
    else jb_buf_addc(out, *p++);
  }
  jb_buf_adds(out, "”");
}

static int same_str(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

/* A chart without a unit whose primary-axis values are facts of one unit
 * takes that unit (so its axis says 单位：亿元 or 单位：个, not a bare 亿). */
static void chart_unit_from_facts(resolver *R, jb_chart *c) {
  const char *unit = NULL;
  int any = 0;
  for (size_t i = 0; i < c->n_series; i++) {
    if (c->series[i].axis && c->kind != JB_CHART_BAR) continue;
    for (size_t k = 0; k < c->series[i].n_values; k++) {
      const jb_value *v = &c->series[i].values[k];
      jb_factrec f;
      if (!v->has_value && !v->is_fact) continue;
      if (!v->is_fact || !R->lookup || !R->lookup(R->user, &v->fact, &f) || !f.unit || !*f.unit) return;
      if (unit && strcmp(unit, f.unit)) return;
      unit = f.unit, any = 1;
    }
  }
  if (any) c->unit = dup(R, unit), c->unit_from_fact = 1;
}

/* The unit the chart's primary axis (bars: every series) prints in with each value's
 * source digits, into shared; 0 when a value is typed in or has no source digits. */
static int chart_source_unit(resolver *R, const jb_chart *c, unit_name shared) {
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < c->n_series; i++) cap += c->series[i].n_values;
  jb_factrec *fs = jb_calloc(R->ctx, cap ? cap : 1, sizeof(jb_factrec));
  int ok = cap > 0;
  for (size_t i = 0; i < c->n_series && ok; i++) {
    if (c->series[i].axis && c->kind != JB_CHART_BAR) continue;
    for (size_t k = 0; k < c->series[i].n_values && ok; k++) {
      const jb_value *v = &c->series[i].values[k];
      if (!v->has_value && !v->is_fact) continue;
      ok = v->is_fact && R->lookup && R->lookup(R->user, &v->fact, &fs[n]) && fs[n].has_value;
      n += ok;
    }
  }
  ok = ok && n && jb_shared_source_unit(R->ctx, fs, n, shared, sizeof(unit_name));
  jb_free(R->ctx, fs);
  return ok;
}

static jb_status resolve_chart(resolver *R, jb_chart *c) {
  jb_status st = resolve_inline(R, &c->caption);
  unit_name shared;
  int from_facts = !c->unit || !*c->unit || c->unit_from_fact, written = chart_source_unit(R, c, shared);
  if (from_facts) chart_unit_from_facts(R, c);
  /* all in the source's unit, or one that keeps every digit: never 0.03亿元 for 307万元 */
  if (written && from_facts && c->unit_from_fact) c->unit = dup(R, shared);
  written = written && c->unit && !strcmp(c->unit, shared);
  /* A chart whose values are all facts of one sentence (a 分别 series) cites it. */
  jb_factrec first;
  int n_facts = 0, one = 1;
  c->note = NULL;
  for (size_t i = 0; i < c->n_series && !st; i++) {
    const char *unit = c->series[i].unit && *c->series[i].unit ? c->series[i].unit : c->unit;
    for (size_t k = 0; k < c->series[i].n_values && !st; k++) {
      jb_value *v = &c->series[i].values[k];
      jb_factrec f;
      if (!v->is_fact) {
        if (v->has_value) one = 0; /* a number typed in: the chart is not the sentence's */
        continue;
      }
      st = resolve_number(R, v, unit, "charts", &f);
      if (st) break;
      if (written && unit && !strcmp(unit, shared)) set_written(R, v, &f, unit);
      if (!n_facts++) first = f;
      else if (!same_str(first.source, f.source) || !same_str(first.sentence, f.sentence) ||
               first.paragraph != f.paragraph)
        one = 0;
    }
  }
  if (!st && n_facts && one && first.sentence) {
    jb_buf b;
    jb_buf_init(&b, R->ctx);
    int again = 0;
    for (size_t q = 0; q < R->n_quoted && !again; q++) again = !strcmp(R->quoted[q], first.sentence);
    if (again) { /* quoted under an earlier chart: its document and paragraph only */
      jb_buf_adds(&b, first.source ? first.source : "");
      if (first.paragraph) jb_buf_printf(&b, " 第%d段", first.paragraph);
    } else {
      jb_fact_citation(&first, &b);
      if (R->n_quoted < 32) R->quoted[R->n_quoted++] = first.sentence;
    }
    c->note = dup(R, b.data);
    jb_buf_fini(&b);
  }
  return st;
}

static jb_status resolve_block(resolver *R, jb_block *b) {
  jb_status st = JB_OK;
  switch (b->type) {
  case JB_BLOCK_HEADING: return resolve_inline(R, &b->u.heading.text);
  case JB_BLOCK_PARAGRAPH:
  case JB_BLOCK_SOURCE:
  case JB_BLOCK_FOOTNOTE: return resolve_inline(R, &b->u.para.text);
  case JB_BLOCK_LIST:
    for (size_t i = 0; i < b->u.list.n_items && !st; i++) st = resolve_inline(R, &b->u.list.items[i]);
    return st;
  case JB_BLOCK_TILES:
    for (size_t i = 0; i < b->u.tiles.n_items && !st; i++) st = resolve_tile(R, &b->u.tiles.items[i]);
    return st;
  case JB_BLOCK_TABLE: return resolve_table(R, &b->u.table);
  case JB_BLOCK_CHART: return resolve_chart(R, &b->u.chart);
  case JB_BLOCK_QUOTE:
  case JB_BLOCK_CALLOUT:
    st = resolve_inline(R, &b->u.quote.title);
    return st ? st : resolve_inline(R, &b->u.quote.text);
  case JB_BLOCK_IMAGE: return resolve_inline(R, &b->u.image.caption);
  case JB_BLOCK_TOC: return resolve_inline(R, &b->u.toc.title);
  default: return JB_OK;
  }
}

jb_status jb_compose_resolve(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl,
                             jb_fact_lookup_fn lookup, void *user, const jb_factlist *list) {
  resolver R = {ctx, b, tpl ? tpl->numbers : JB_NUM_STYLE_DEFAULT, lookup, user, list, {NULL}, 0};
  jb_status st = JB_OK;
  for (size_t i = 0; i < b->n_blocks && !st; i++) st = resolve_block(&R, &b->blocks[i]);
  return st;
}

jb_status jb_briefing_resolve(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl,
                              jb_fact_lookup_fn lookup, void *user) {
  return jb_compose_resolve(ctx, b, tpl, lookup, user, NULL);
}

jb_status jb_briefing_resolve_list(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl,
                                   const jb_factlist *facts) {
  return jb_compose_resolve(ctx, b, tpl, jb_factlist_lookup, (void *)facts, facts);
}

jb_status jb_briefing_resolve_file(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl) {
  if (!b->facts) return JB_OK;
  char *path;
  jb_factlist *f;
  jb_status st = jb_briefing_path(ctx, b, "facts", b->facts, &path);
  if (!st) st = jb_factlist_load(ctx, path, &f);
  jb_free(ctx, path);
  if (st) return st;
  st = jb_briefing_resolve_list(ctx, b, tpl, f);
  jb_factlist_free(f);
  return st;
}
