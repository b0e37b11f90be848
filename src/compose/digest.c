/* The automatic briefing: documents + facts -> briefing models (JSON) that
 * cite every number by fact id. Nothing is invented: figures are facts,
 * summaries are whole sentences of the source, tables and charts are made of
 * 分别 series, and a county page lists exactly the facts placed there. */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"
#include "compose/places.h"

#define MAX_TILES 6
#define MAX_BULLETS 8

void jb_digest_fact_id(size_t index, char out[24]) { snprintf(out, 24, "F%zu", index + 1); }

/* ---- small JSON builders ---------------------------------------------------- */

cJSON *jb_dg_block(cJSON *blocks, const char *type) {
  cJSON *b = cJSON_CreateObject();
  cJSON_AddStringToObject(b, "type", type);
  cJSON_AddItemToArray(blocks, b);
  return b;
}

void jb_dg_heading(cJSON *blocks, int level, const char *text) {
  cJSON *b = jb_dg_block(blocks, "heading");
  cJSON_AddNumberToObject(b, "level", level);
  cJSON_AddStringToObject(b, "text", text);
}

void jb_dg_paragraph(cJSON *blocks, const char *type, const char *text) {
  cJSON_AddStringToObject(jb_dg_block(blocks, type), "text", text);
}

cJSON *jb_dg_fact_ref(size_t index) {
  char id[24];
  jb_digest_fact_id(index, id);
  cJSON *o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "fact", id);
  return o;
}

/* ---- reading facts -------------------------------------------------------- */

const jb_fact *jb_dg_fact(const jb_digest_input *in, size_t i) { return jb_facts_get(in->facts, i); }

/* Weather and altitude (8℃/23℃ 晴, 桑珠孜区（海拔3860米）) set the scene of a
 * report; they are not results, so no key figure, 要点 or county statement. */
static int context_figure(const jb_fact *f) {
  /* a span of time in words (关键一年, 两年来, 三年行动) is rhetoric, not a figure to state */
  int words = f->kind == JB_KIND_OTHER && (!strcmp(f->unit, "年") || !strcmp(f->unit, "个月") || !strcmp(f->unit, "天")) &&
              !strpbrk(f->text, "0123456789");
  /* 15分钟托育服务圈, 30分钟车程: a reach named in minutes or hours describes, it is no result;
   * 八大类, 三项 in words: an enumeration's size, not a figure */
  words |= !strcmp(f->unit, "分钟") || !strcmp(f->unit, "小时") ||
           (f->kind == JB_KIND_COUNT && f->value <= 10 && !strpbrk(f->text, "0123456789"));
  return words || !strncmp(f->unit, "℃", strlen("℃")) || !strncmp(f->unit, "°", strlen("°")) ||
         !strcmp(f->unit, "摄氏度") || (f->measure && (strstr(f->measure, "海拔") || strstr(f->measure, "气温")));
}

int jb_dg_is_quantity(const jb_fact *f) {
  return !f->is_label && !f->value_overflow && f->value_type == JB_VALUE_NUMBER &&
         (f->kind == JB_KIND_MONEY || f->kind == JB_KIND_COUNT || f->kind == JB_KIND_PERCENT ||
          f->kind == JB_KIND_PER_MILLE || f->kind == JB_KIND_OTHER) && !context_figure(f);
}

/* Any figure printed in the document (a quantity, context or not; dates, years and
 * ordinals aside): only a document without one "has no verifiable figure". */
static int prints_figures(const jb_digest_input *in, size_t doc) {
  for (size_t i = 0, n = jb_facts_count(in->facts); i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc == doc && !f->is_label && f->kind != JB_KIND_YEAR && f->kind != JB_KIND_DATE &&
        f->kind != JB_KIND_ORDINAL)
      return 1;
  }
  return 0;
}

static int is_people(const jb_fact *f) {
  static const char *const units[] = {"名", "人", "人次", "位", "户", NULL};
  for (const char *const *u = units; *u; u++)
    if (!strcmp(f->unit, *u)) return 1;
  return 0;
}

/* Rank of a fact as a key figure: lower is more important. */
static int tile_class(const jb_fact *f) {
  if (f->kind == JB_KIND_MONEY) return 0;
  if (f->kind == JB_KIND_COUNT && is_people(f)) return 1;
  if (f->kind == JB_KIND_COUNT) return 2;
  if (f->kind == JB_KIND_PERCENT) return 3;
  return 4;
}

static const char *main_subject(const jb_digest_input *in, size_t doc);

/* A manifest's title, the title line, else one composed from the facts: never a
 * file name. */
static char *doc_title(jb_ctx *ctx, const jb_digest_input *in, size_t d) {
  if (in->titles && in->titles[d]) return jb_strdup(ctx, in->titles[d]);
  size_t t = jb_doc_title(in->docs[d]);
  if (t != JB_NONE) {
    char *title = jb_doc_utf8(ctx, in->docs[d], jb_doc_paragraph(in->docs[d], t));
    if (strcmp(title, "政府工作报告") && strcmp(title, "政 府 工 作 报 告")) return title;
    jb_free(ctx, title); /* a bare 政府工作报告 says neither whose nor when */
    return jb_dg_work_report_title(ctx, in, d);
  }
  return jb_dg_composed_title(ctx, in, d, main_subject(in, d));
}

char *jb_digest_doc_title(jb_ctx *ctx, const jb_digest_input *in, size_t d) { return doc_title(ctx, in, d); }

/* Every document's title, computed once for the citations. */
static char **all_titles(jb_ctx *ctx, const jb_digest_input *in) {
  char **t = jb_calloc(ctx, in->n_docs + 1, sizeof *t);
  for (size_t d = 0; d < in->n_docs; d++) t[d] = doc_title(ctx, in, d);
  return t;
}

static void free_titles(jb_ctx *ctx, char **t, size_t n) {
  for (size_t d = 0; d < n; d++) jb_free(ctx, t[d]);
  jb_free(ctx, t);
}

/* 《short title》第N段 of a fact. */
void jb_dg_cite_fact(const jb_digest_input *in, const jb_fact *f, jb_buf *out) {
  size_t s = jb_doc_sentence_at(in->docs[f->doc], f->nstart);
  size_t para = s != JB_NONE ? jb_doc_sentence_paragraph(in->docs[f->doc], s) + 1 : 0;
  jb_dg_cite(in, in->titles, f->doc, para, out);
}

/* The team giving aid: from the manifest, else the document's main actor (the
 * most frequent subject among its facts). */
static const char *main_subject(const jb_digest_input *in, size_t doc) {
  if (in->teams && in->teams[doc]) return in->teams[doc];
  const char *best = NULL;
  size_t best_n = 0, n = jb_facts_count(in->facts);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc != doc || !f->subject || (best && !strcmp(best, f->subject))) continue;
    size_t c = 0;
    for (size_t j = 0; j < n; j++) c += jb_dg_fact(in, j)->doc == doc && jb_dg_fact(in, j)->subject && !strcmp(jb_dg_fact(in, j)->subject, f->subject);
    if (c > best_n) best = f->subject, best_n = c;
  }
  return best;
}

/* ---- key figures ---------------------------------------------------------- */

static int same_measure(const jb_fact *a, const jb_fact *b) {
  return a->measure && b->measure && !strcmp(a->measure, b->measure);
}

/* Indexes of up to max key figures of a document (or of a place when place != NULL). */
/* Key figures are results only; goals and forecasts go to their own group (目标),
 * never beside results. */
static size_t pick_tiles_as(const jb_digest_input *in, size_t doc, const char *place, size_t *out,
                            size_t max, int goals);
static size_t pick_tiles(const jb_digest_input *in, size_t doc, const char *place, size_t *out, size_t max) {
  return pick_tiles_as(in, doc, place, out, max, 0);
}
size_t jb_dg_pick_tiles(const jb_digest_input *in, size_t doc, const char *place, size_t *out, size_t max) {
  return pick_tiles_as(in, doc, place, out, max > MAX_TILES ? MAX_TILES : max, 0);
}

/* A tile's label must name what is measured, not only how it moved (增长, 达到). */
static int label_names_measure(const char *m) {
  static const char *const verbs[] = {"达到", "增加到", "增长到", "提高到", "增长", "增加", "下降",
                                      "减少", "提高", "实现", "完成", "同比增长", "比上年增长",
                                      "占", "达", NULL};
  if (!m || !*m) return 0;
  for (const char *const *v = verbs; *v; v++)
    if (!strcmp(m, *v)) return 0;
  return 1;
}

/* goals: 0 results, 1 targets, 2 estimates */
static int status_fits(const jb_fact *f, int goals) {
  if (goals == 1) return f->status == JB_STATUS_TARGET;
  if (goals == 2) return f->status == JB_STATUS_ESTIMATE;
  return f->status != JB_STATUS_TARGET && f->status != JB_STATUS_ESTIMATE;
}

/* The candidates of a document (or place) with their labels, made once per pick:
 * a label costs a scan of the verb list, and pages of 1,000 counties pick often. */
typedef struct tile_cand {
  size_t i;
  char label[64];
} tile_cand;

static int label_of(const jb_digest_input *in, size_t i, char *out, size_t cap);

static size_t tile_cands(const jb_digest_input *in, size_t doc, const char *place, int goals, tile_cand **out) {
  size_t n = jb_facts_count(in->facts), k = 0, cap = 0;
  tile_cand *c = NULL;
  jb_ctx *ctx = jb_facts_ctx(in->facts);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc != doc || !jb_dg_is_quantity(f) || f->series >= 0 || !status_fits(f, goals) ||
        tile_class(f) > 3 || !label_names_measure(f->measure) || (place && (!f->place || strcmp(f->place, place))) ||
        jb_dg_distributive(in, f) || jb_dg_headline_again(in, i) || jb_dg_noun_follows(in, f) || jb_dg_vague(f))
      continue;
    c = jb_grow(ctx, c, &cap, k + 1, sizeof *c);
    if (!label_of(in, i, c[k].label, sizeof c[k].label)) continue; /* a tile shows its label */
    c[k++].i = i;
  }
  *out = c;
  return k;
}

static size_t pick_tiles_as(const jb_digest_input *in, size_t doc, const char *place, size_t *out,
                            size_t max, int goals) {
  tile_cand *c;
  size_t nc = tile_cands(in, doc, place, goals, &c), k = 0, chosen[MAX_TILES];
  for (int cls = 0; cls <= 3 && k < max; cls++) {
    for (;;) { /* the largest remaining fact of this class with a new measure */
      size_t best = (size_t)-1;
      for (size_t q = 0; q < nc; q++) {
        const jb_fact *f = jb_dg_fact(in, c[q].i);
        if (tile_class(f) != cls) continue;
        int dup = 0; /* one measure, one value: a figure never fills two tiles */
        for (size_t j = 0; j < k && !dup; j++) {
          const jb_fact *g = jb_dg_fact(in, out[j]);
          dup = out[j] == c[q].i || same_measure(g, f) || (g->value == f->value && !strcmp(g->unit, f->unit)) ||
                !strcmp(c[chosen[j]].label, c[q].label) || jb_dg_share_of(in, g, f) || jb_dg_share_of(in, f, g);
        }
        if (!dup && (best == (size_t)-1 || f->value > jb_dg_fact(in, c[best].i)->value)) best = q;
      }
      if (best == (size_t)-1 || k >= max) break;
      chosen[k] = best;
      out[k++] = c[best].i;
      if (cls >= 2 && k >= max / 2 + 2) break; /* leave room for the other classes */
    }
  }
  jb_free(jb_facts_ctx(in->facts), c);
  return k;
}

void jb_dg_add_tiles(jb_ctx *ctx, const jb_digest_input *in, const size_t *idx, size_t k, int cite,
                     cJSON *blocks) {
  if (!k) return;
  cJSON *b = jb_dg_block(blocks, "tiles");
  cJSON_AddNumberToObject(b, "columns", k <= 4 ? (double)k : 3);
  cJSON *items = cJSON_AddArrayToObject(b, "items");
  for (size_t i = 0; i < k; i++) {
    cJSON *t = jb_dg_fact_ref(idx[i]);
    const jb_fact *f = jb_dg_fact(in, idx[i]);
    char label[96];
    if (jb_dg_tile_label(f, label, sizeof label)) cJSON_AddStringToObject(t, "label", label);
    if (f->place || f->period || f->as_of) {
      jb_buf note;
      jb_buf_init(&note, ctx);
      if (f->period) jb_dg_period_note(f->period, &note);
      else if (f->as_of) jb_buf_printf(&note, "截至%.4s年", f->as_of); /* a total so far: no year of its own */
      if (!f->period && f->as_of && f->as_of[4] == '-') jb_buf_printf(&note, "%d月", atoi(f->as_of + 5));
      if (f->place) jb_buf_adds(&note, note.len ? "，" : ""); /* not ·: Noto draws • with the same glyph */
      if (f->place_src) jb_buf_printf(&note, "%s（今%s）", f->place_src, f->place);
      else if (f->place) jb_buf_adds(&note, f->place);
      if (f->period && f->as_of && f->as_of[4] == '-')
        jb_buf_printf(&note, "，截至%.4s年%d月", f->as_of, atoi(f->as_of + 5));
      cJSON_AddStringToObject(t, "note", note.data);
      jb_buf_fini(&note);
    }
    jb_buf src; /* 《short title》第3段: the appendix numbers the paragraphs; "" when cited once below */
    jb_buf_init(&src, ctx);
    if (cite) jb_dg_cite_fact(in, f, &src);
    cJSON_AddStringToObject(t, "source", src.data ? src.data : "");
    jb_buf_fini(&src);
    cJSON_AddItemToArray(items, t);
  }
}

/* ---- counties -------------------------------------------------------------- */

/* The prefectures a document's facts are placed in (directly or through a county), "|"-separated. */
static void doc_region(const jb_digest_input *in, size_t d, const jb_gazetteer *g, jb_buf *out) {
  size_t n = jb_facts_count(in->facts);
  jb_buf_adds(out, "|");
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    const jb_gaz_entry *e = f->doc == d ? jb__gazetteer_find(g, f->place) : NULL;
    if (!e) continue;
    const char *pref = !strcmp(e->level, "prefecture") ? e->name : (!strcmp(e->level, "county") ? e->parent : NULL);
    if (pref && !strstr(out->data, pref)) jb_buf_printf(out, "%s|", pref);
  }
}

struct jb_digest_cache {
  jb_ctx *ctx;
  jb_gazetteer g;
  jb_buf *regions;   /* per document */
  jb_doc_places *dp; /* per document, built on first use */
  unsigned char *ready;
  size_t n;
  char (*labels)[64];      /* per fact: its key-figure label, built on first use */
  signed char *label_ok;   /* per fact: -1 not yet made, 0 none, 1 made */
  size_t n_facts;
};

/* A fact's key-figure label, made once per pack when a cache is given. */
static int label_of(const jb_digest_input *in, size_t i, char *out, size_t cap) {
  jb_digest_cache *c = in->cache;
  if (!c) return jb_dg_tile_label(jb_dg_fact(in, i), out, cap);
  if (!c->labels) {
    c->n_facts = jb_facts_count(in->facts);
    c->labels = jb_calloc(c->ctx, c->n_facts + 1, sizeof *c->labels);
    c->label_ok = jb_malloc(c->ctx, c->n_facts + 1);
    memset(c->label_ok, -1, c->n_facts + 1);
  }
  if (i >= c->n_facts) return jb_dg_tile_label(jb_dg_fact(in, i), out, cap);
  if (c->label_ok[i] < 0) c->label_ok[i] = (signed char)jb_dg_tile_label(jb_dg_fact(in, i), c->labels[i], 64);
  if (!c->label_ok[i]) return 0;
  snprintf(out, cap, "%s", c->labels[i]);
  return 1;
}

jb_digest_cache *jb_digest_cache_new(jb_ctx *ctx, size_t n_docs) {
  jb_digest_cache *c = jb_calloc(ctx, 1, sizeof *c);
  c->ctx = ctx, c->n = n_docs;
  jb__gazetteer_load(ctx, &c->g);
  c->regions = jb_calloc(ctx, n_docs + 1, sizeof(jb_buf));
  c->dp = jb_calloc(ctx, n_docs + 1, sizeof(jb_doc_places));
  c->ready = jb_calloc(ctx, n_docs + 1, 1);
  return c;
}

void jb_digest_cache_free(jb_digest_cache *c) {
  if (!c) return;
  for (size_t d = 0; d < c->n; d++)
    if (c->ready[d]) jb__doc_places_fini(&c->dp[d]), jb_buf_fini(&c->regions[d]);
  jb__gazetteer_fini(c->ctx, &c->g);
  jb_free(c->ctx, c->regions);
  jb_free(c->ctx, c->dp);
  jb_free(c->ctx, c->ready);
  jb_free(c->ctx, c->labels);
  jb_free(c->ctx, c->label_ok);
  jb_free(c->ctx, c);
}

/* The gazetteer: the cache's, else loaded into *local (release with release_gazetteer). */
static const jb_gazetteer *gazetteer(jb_ctx *ctx, const jb_digest_input *in, jb_gazetteer *local) {
  if (in->cache) return &in->cache->g;
  jb__gazetteer_load(ctx, local);
  return local;
}

static void release_gazetteer(jb_ctx *ctx, const jb_digest_input *in, jb_gazetteer *local) {
  if (!in->cache) jb__gazetteer_fini(ctx, local);
}

static void places_of_doc(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_gazetteer *g, jb_buf *region,
                          jb_doc_places *dp) {
  jb_buf_init(region, ctx);
  doc_region(in, d, g, region);
  jb__doc_places_init(ctx, g, in->docs[d], region->data, dp);
}

/* A document's place index: the cache's (built once) or a local one the caller
 * releases with release_places. */
static jb_doc_places *places_for(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_gazetteer *g,
                                 jb_buf *region, jb_doc_places *local) {
  jb_digest_cache *c = in->cache;
  if (c && d < c->n) { /* the index costs gazetteer x text: build it once per document */
    if (!c->ready[d]) places_of_doc(ctx, in, d, g, &c->regions[d], &c->dp[d]), c->ready[d] = 1;
    return &c->dp[d];
  }
  places_of_doc(ctx, in, d, g, region, local);
  return local;
}

static void release_places(jb_doc_places *dp, jb_buf *region, jb_doc_places *local) {
  if (dp == local) jb__doc_places_fini(local), jb_buf_fini(region);
}

static int at_level(const jb_gaz_entry *e, const char *level) { return e && !strcmp(e->level, level); }

/* Places of a level with facts, then those the documents name without facts of their own. */
static size_t mentioned_places(jb_ctx *ctx, const jb_digest_input *in, const jb_gazetteer *g, const char *level,
                               const jb_gaz_entry **found, size_t n_found) {
  for (size_t d = 0; d < in->n_docs; d++) {
    jb_buf region;
    jb_doc_places local, *dp = places_for(ctx, in, d, g, &region, &local);
    for (size_t i = 0; i < g->n; i++) {
      size_t at;
      if (at_level(&g->e[i], level) && jb__place_occurrences(dp, &g->e[i], &at, 1)) found[n_found++] = &g->e[i];
    }
    release_places(dp, &region, &local);
  }
  return n_found;
}

static int by_prefecture_then_name(const void *a, const void *b) {
  const jb_gaz_entry *x = *(const jb_gaz_entry *const *)a, *y = *(const jb_gaz_entry *const *)b;
  int c = strcmp(x->parent, y->parent);
  return c ? c : strcmp(x->name, y->name);
}

jb_digest_names jb_digest_places(jb_ctx *ctx, const jb_digest_input *in, const char *level) {
  jb_gazetteer local;
  const jb_gazetteer *g = gazetteer(ctx, in, &local);
  jb_digest_names out = {NULL, 0};
  size_t n = jb_facts_count(in->facts), n_found = 0;
  const jb_gaz_entry **found = jb_malloc(ctx, (n + g->n * in->n_docs + 1) * sizeof(jb_gaz_entry *));
  for (size_t i = 0; i < n; i++) {
    const jb_gaz_entry *e = jb__gazetteer_find(g, jb_dg_fact(in, i)->place);
    if (at_level(e, level)) found[n_found++] = e;
  }
  n_found = mentioned_places(ctx, in, g, level, found, n_found);
  qsort(found, n_found, sizeof *found, by_prefecture_then_name);
  out.names = jb_malloc(ctx, (n_found + 1) * sizeof(char *));
  for (size_t i = 0; i < n_found; i++)
    if (!i || found[i] != found[i - 1]) out.names[out.n++] = jb_strdup(ctx, found[i]->name);
  jb_free(ctx, found);
  release_gazetteer(ctx, in, &local);
  return out;
}

void jb_digest_names_free(jb_ctx *ctx, jb_digest_names *n) {
  for (size_t i = 0; i < n->n; i++) jb_free(ctx, n->names[i]);
  jb_free(ctx, n->names);
  n->names = NULL, n->n = 0;
}

size_t jb_digest_county_fact_count(const jb_digest_input *in, const char *county) {
  size_t c = 0, n = jb_facts_count(in->facts);
  for (size_t i = 0; i < n; i++) c += jb_dg_fact(in, i)->place && !strcmp(jb_dg_fact(in, i)->place, county);
  return c;
}

/* Insertion sort: a few sentence or paragraph numbers. */
static void sort_sizes(size_t *a, size_t n) {
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && a[j - 1] > a[j]; j--) {
      size_t t = a[j];
      a[j] = a[j - 1], a[j - 1] = t;
    }
}

/* Up to max sentences of a document that name the county, skipping those that
 * carry the county's own facts (they are listed already). */
static size_t mention_sentences(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_gaz_entry *e,
                                const jb_gazetteer *g, size_t *out, size_t max) {
  const jb_doc *doc = in->docs[d];
  jb_buf region;
  jb_doc_places local, *dp = places_for(ctx, in, d, g, &region, &local);
  size_t at[64], n_at = jb__place_occurrences(dp, e, at, 64), k = 0, nf = jb_facts_count(in->facts);
  for (size_t i = 0; i < n_at && k < max; i++) {
    size_t s = jb_doc_sentence_at(doc, jb__doc_places_cp(dp, at[i]));
    int skip = s == JB_NONE || jb_doc_paragraph_kind(doc, jb_doc_sentence_paragraph(doc, s)) != JB_PARA_BODY;
    for (size_t j = 0; j < k; j++) skip |= out[j] == s;
    for (size_t f = 0; f < nf && !skip; f++) {
      const jb_fact *x = jb_dg_fact(in, f);
      skip = x->doc == d && x->place && !strcmp(x->place, e->name) && jb_doc_sentence_at(doc, x->nstart) == s;
    }
    if (!skip) out[k++] = s;
  }
  release_places(dp, &region, &local);
  sort_sizes(out, k); /* text order */
  return k;
}

/* The document a county page draws on: the first with facts placed in the
 * county, else the first that names it. */
static size_t county_doc(jb_ctx *ctx, const jb_digest_input *in, const jb_gaz_entry *e, const jb_gazetteer *g) {
  size_t n = jb_facts_count(in->facts), s;
  for (size_t i = 0; i < n; i++)
    if (jb_dg_fact(in, i)->place && !strcmp(jb_dg_fact(in, i)->place, e->name)) return jb_dg_fact(in, i)->doc;
  for (size_t d = 0; d < in->n_docs; d++)
    if (mention_sentences(ctx, in, d, e, g, &s, 1)) return d;
  return (size_t)-1;
}

static int year_range(const jb_digest_input *in, size_t doc, long *lo, long *hi);

static void county_header(jb_ctx *ctx, const jb_digest_input *in, const jb_gaz_entry *e, size_t doc, cJSON *meta) {
  const char *pref = strcmp(e->parent, "-") ? e->parent : NULL;
  jb_buf line;
  jb_buf_init(&line, ctx);
  const char *team = doc != (size_t)-1 ? main_subject(in, doc) : NULL;
  if (pref) jb_buf_printf(&line, "所属：%s", pref);
  if (team) jb_buf_printf(&line, "%s对口支援：%s", pref ? "　｜　" : "", team);
  /* the sheet says where it comes from: the pack, the years, the source, the compiler */
  long lo = 0, hi = 0;
  if (doc != (size_t)-1 && year_range(in, doc, &lo, &hi))
    jb_buf_printf(&line, lo == hi ? "　｜　资料年份：%ld年" : "　｜　资料年份：%ld—%ld年", lo, hi);
  if (doc != (size_t)-1 && in->titles && in->titles[doc]) {
    jb_buf_adds(&line, "　｜　出自");
    jb_dg_short_title(in->titles[doc], &line);
  }
  jb_buf_adds(&line, "　｜　据所收报告自动汇编");
  cJSON_AddStringToObject(meta, "subtitle", line.data);
  jb_buf_fini(&line);
}

/* Paragraphs of document d that name the county (its own figures' too), in text
 * order, headings and the title aside. */
static size_t county_paragraphs(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_gaz_entry *e,
                                const jb_gazetteer *g, size_t *out, size_t max) {
  const jb_doc *doc = in->docs[d];
  jb_buf region;
  jb_doc_places local, *dp = places_for(ctx, in, d, g, &region, &local);
  size_t at[64], n_at = jb__place_occurrences(dp, e, at, 64), k = 0;
  for (size_t i = 0; i < n_at && k < max; i++) {
    size_t s = jb_doc_sentence_at(doc, jb__doc_places_cp(dp, at[i]));
    if (s == JB_NONE) continue;
    size_t p = jb_doc_sentence_paragraph(doc, s);
    int skip = jb_doc_paragraph_kind(doc, p) != JB_PARA_BODY;
    for (size_t j = 0; j < k; j++) skip |= out[j] == p;
    if (!skip) out[k++] = p;
  }
  release_places(dp, &region, &local);
  sort_sizes(out, k); /* text order */
  return k;
}

/* Does sentence s of doc hold a figure of the county's own? */
static int holds_own_figure(const jb_digest_input *in, size_t doc, size_t s, const char *county) {
  size_t n = jb_facts_count(in->facts);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc == doc && f->place && !strcmp(f->place, county) && jb_dg_is_quantity(f) &&
        jb_doc_sentence_at(in->docs[doc], f->nstart) == s)
      return 1;
  }
  return 0;
}

/* Paragraph p without the sentences of the county's own figures (their notes
 * quote them), a gap marked ……; into o when given. Returns the characters kept
 * (0: nothing left) and in *own whether a sentence was left out. */
static size_t excerpt(jb_ctx *ctx, const jb_digest_input *in, size_t doc, size_t p, const char *county, int *own,
                      jb_buf *o) {
  const jb_doc *d = in->docs[doc];
  jb_span sp = jb_doc_paragraph(d, p);
  size_t kept = 0, gap = 0;
  *own = 0;
  for (size_t s = jb_doc_sentence_at(d, sp.start); s != JB_NONE && s < jb_doc_sentence_count(d) &&
                                                     jb_doc_sentence_paragraph(d, s) == p; s++) {
    if (holds_own_figure(in, doc, s, county)) {
      gap = 1, *own = 1;
      continue;
    }
    jb_span ss = jb_doc_sentence(d, s);
    if (gap && o) jb_buf_adds(o, "……");
    gap = 0, kept += ss.end - ss.start;
    if (o) {
      char *t = jb_doc_utf8(ctx, d, ss);
      jb_buf_adds(o, t);
      jb_free(ctx, t);
    }
  }
  if (gap && kept && o) jb_buf_adds(o, "……");
  return kept;
}

/* Quotes the paragraphs that name the county, cited, while they fit budget
 * characters (a sheet that would stay short takes the source's words around its
 * figures): those holding its own figures first, in text order on the page;
 * marks them in quoted[]. Returns how many. */
static size_t quote_paragraphs(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const char *county,
                               const size_t *paras, size_t k, size_t budget, unsigned char *quoted, cJSON *blocks) {
  size_t n = 0;
  int own;
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < k; i++) {
      size_t len = quoted[i] ? 0 : excerpt(ctx, in, doc, paras[i], county, &own, NULL);
      if (!len || len > budget || own != !pass) continue;
      budget -= len, quoted[i] = 1, n++;
    }
  for (size_t i = 0; i < k; i++) {
    if (!quoted[i]) continue;
    jb_buf text, cite;
    jb_buf_init(&text, ctx);
    jb_buf_init(&cite, ctx);
    excerpt(ctx, in, doc, paras[i], county, &own, &text);
    cJSON *q = jb_dg_block(blocks, "quote");
    cJSON_AddStringToObject(q, "text", text.data);
    jb_dg_cite(in, in->titles, doc, paras[i] + 1, &cite);
    cJSON_AddStringToObject(q, "attribution", cite.data);
    jb_buf_fini(&text);
    jb_buf_fini(&cite);
  }
  return n;
}

/* Where the report names the county outside the sentences of its own facts; with
 * budget > 0 (characters), whole paragraphs first, then the sentences of the
 * paragraphs too long to quote. */
static void county_mentions(jb_ctx *ctx, const jb_digest_input *in, const jb_gaz_entry *e, size_t doc,
                            const jb_gazetteer *g, size_t budget, cJSON *blocks) {
  size_t sents[3], paras[8], np = budget ? county_paragraphs(ctx, in, doc, e, g, paras, 8) : 0;
  size_t k = mention_sentences(ctx, in, doc, e, g, sents, 3), w = 0;
  int county = !at_level(e, "prefecture");
  unsigned char quoted[8] = {0};
  cJSON *head = NULL;
  if (np) {
    jb_dg_heading(blocks, 2, county ? "原文中提及本县（区）的段落" : "原文中提及本市（地区）的段落");
    head = cJSON_GetArrayItem(blocks, cJSON_GetArraySize(blocks) - 1);
    if (!quote_paragraphs(ctx, in, doc, e->name, paras, np, budget, quoted, blocks))
      cJSON_Delete(cJSON_DetachItemViaPointer(blocks, head)), head = NULL;
  }
  for (size_t i = 0; i < k; i++) { /* sentences of a quoted paragraph are there already */
    int in_quote = 0;
    for (size_t j = 0; j < np; j++)
      in_quote |= quoted[j] && paras[j] == jb_doc_sentence_paragraph(in->docs[doc], sents[i]);
    if (!in_quote) sents[w++] = sents[i];
  }
  if (!w) return;
  if (head) cJSON_SetValuestring(cJSON_GetObjectItem(head, "text"),
                                 county ? "原文中提及本县（区）的段落和句子" : "原文中提及本市（地区）的段落和句子");
  else jb_dg_heading(blocks, 2, county ? "原文中提及本县（区）的句子" : "原文中提及本市（地区）的句子");
  cJSON *items = cJSON_AddArrayToObject(jb_dg_block(blocks, "list"), "items");
  for (size_t i = 0; i < w; i++) {
    char *text = jb_doc_utf8(ctx, in->docs[doc], jb_doc_sentence(in->docs[doc], sents[i]));
    cJSON_AddItemToArray(items, cJSON_CreateString(text));
    jb_free(ctx, text);
  }
}

char *jb_digest_county(jb_ctx *ctx, const jb_digest_input *in0, const char *county, size_t max_facts,
                       size_t max_context) {
  char **titles = all_titles(ctx, in0);
  jb_digest_input in1 = *in0, *in = &in1;
  in1.titles = (const char *const *)titles;
  jb_gazetteer local;
  const jb_gazetteer *g = gazetteer(ctx, in, &local);
  const jb_gaz_entry *e = jb__gazetteer_find(g, county);
  jb_gaz_entry unknown;
  if (!e) { /* not in the gazetteer: still a page, without a prefecture */
    memset(&unknown, 0, sizeof unknown);
    snprintf(unknown.name, sizeof unknown.name, "%s", county);
    snprintf(unknown.parent, sizeof unknown.parent, "-");
    e = &unknown;
  }
  cJSON *root = cJSON_CreateObject(), *meta = cJSON_AddObjectToObject(root, "meta");
  cJSON_AddStringToObject(root, "layout", "onepager");
  if (in->facts_file) cJSON_AddStringToObject(root, "facts", in->facts_file);
  cJSON_AddStringToObject(meta, "title", county);
  cJSON *blocks = cJSON_AddArrayToObject(root, "blocks");
  size_t doc = county_doc(ctx, in, e, g), own = jb_digest_county_fact_count(in, county);
  county_header(ctx, in, e, doc, meta);
  int pref = at_level(e, "prefecture");
  /* the county's own figures first (tiles, then its statements), then a chart of
   * its series, where else the report names it, and last the prefecture's
   * figures, labelled as context */
  if (own) jb_dg_county_own(ctx, in, doc, county, pref, max_facts, blocks);
  else jb_dg_paragraph(blocks, "paragraph", pref ? "原文没有单列本市（地区）的数字。" : "原文没有单列本县（区）的数字。");
  if (doc != (size_t)-1) {
    series_info ss[4];
    if (jb_digest_collect_series(in, doc, county, ss, 4)) jb_digest_add_series(in, doc, county, blocks, 1);
    size_t budget = jb_dg_short_sheet_chars(blocks, max_context ? 2 : 0); /* a short sheet quotes paragraphs */
    /* context the facts' clauses lack; a county's own report names it in every line */
    if (max_context && !jb_dg_doc_is_place(in, doc, e->name)) county_mentions(ctx, in, e, doc, g, budget, blocks);
    if (max_context && !pref) jb_dg_county_context(ctx, in, county, e->parent, doc, max_context, blocks);
  }
  char *json = cJSON_Print(root);
  char *out = jb_strdup(ctx, json);
  cJSON_free(json);
  cJSON_Delete(root);
  release_gazetteer(ctx, in, &local);
  free_titles(ctx, titles, in0->n_docs);
  return out;
}

/* ---- the pack ---------------------------------------------------------------- */

/* Earliest and latest year the facts state (dates and years, labels aside), of one document or all. */
static int year_range(const jb_digest_input *in, size_t doc, long *lo, long *hi) {
  size_t n = jb_facts_count(in->facts);
  int any = 0;
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if ((doc != (size_t)-1 && f->doc != doc) || f->is_label) continue;
    long y0 = 0, y1 = 0;
    if (f->kind == JB_KIND_DATE && f->date[0] >= '1' && f->date[0] <= '2') y0 = y1 = strtol(f->date, NULL, 10);
    else if (f->kind == JB_KIND_YEAR && f->value_type == JB_VALUE_NUMBER) y0 = y1 = (long)f->value;
    else if (f->kind == JB_KIND_YEAR && f->value_type == JB_VALUE_RANGE) y0 = (long)f->lo, y1 = (long)f->hi;
    if (y0 < 1900 || y1 > 2100) continue;
    if (!any || y0 < *lo) *lo = y0;
    if (!any || y1 > *hi) *hi = y1;
    any = 1;
  }
  return any;
}

/* Is the pack about aid (a title names it, or a figure has an aiding side)? Work
 * reports and statistics bulletins alone are no 援建 briefing. */
static int about_aid(const jb_digest_input *in) {
  static const char *const words[] = {"援", "对口", "协作", "帮扶", NULL};
  for (size_t d = 0; d < in->n_docs; d++)
    for (const char *const *w = words; *w; w++)
      if (in->titles && in->titles[d] && strstr(in->titles[d], *w)) return 1;
  for (size_t i = 0, n = jb_facts_count(in->facts); i < n; i++)
    if (jb_dg_fact(in, i)->origin) return 1;
  return 0;
}

static void add_cover(jb_ctx *ctx, const jb_digest_input *in, cJSON *root, cJSON *blocks) {
  cJSON *meta = cJSON_AddObjectToObject(root, "meta");
  cJSON_AddStringToObject(meta, "title", about_aid(in) ? "援建工作数据简报汇编" : "工作数据简报汇编");
  jb_buf sub;
  jb_buf_init(&sub, ctx);
  jb_buf_adds(&sub, "据所收工作报告整理，所列数字均可溯源至原文");
  cJSON_AddStringToObject(meta, "subtitle", sub.data);
  jb_buf_fini(&sub);
  cJSON_AddStringToObject(meta, "author", "jianbao");
  jb_dg_heading(blocks, 1, "所收文件");
  cJSON_AddFalseToObject(cJSON_GetArrayItem(blocks, cJSON_GetArraySize(blocks) - 1), "numbered");
  cJSON *items = cJSON_AddArrayToObject(jb_dg_block(blocks, "list"), "items");
  for (size_t d = 0; d < in->n_docs; d++) {
    char *title = doc_title(ctx, in, d);
    const char *team = main_subject(in, d);
    jb_buf line;
    jb_buf_init(&line, ctx);
    jb_buf_adds(&line, "《");
    jb_dg_add_inner_title(&line, title, strlen(title));
    jb_buf_adds(&line, "》");
    if (team) jb_buf_printf(&line, "，工作主体：%s", team);
    const char *date = in->dates && in->dates[d] ? in->dates[d] : jb_facts_doc_date(in->facts, d);
    jb_date_source src = in->dates && in->dates[d] ? JB_DATE_GIVEN : jb_facts_doc_date_source(in->facts, d);
    if (date && src == JB_DATE_ASSUMED) jb_buf_adds(&line, "，未注明日期"); /* a bulletin's next year */
    else if (date) /* a date read from the text's first dated sentence is no date of the text's own */
      jb_buf_printf(&line, src == JB_DATE_INFERRED ? "，未注明日期（文中提及%s）" : "，时间：%s", date);
    jb_buf_adds(&line, "。");
    cJSON_AddItemToArray(items, cJSON_CreateString(line.data));
    jb_buf_fini(&line);
    jb_free(ctx, title);
  }
  long lo, hi;
  if (year_range(in, (size_t)-1, &lo, &hi)) {
    jb_buf line;
    jb_buf_init(&line, ctx);
    if (lo == hi) jb_buf_printf(&line, "文中涉及年份：%ld年。", lo);
    else jb_buf_printf(&line, "文中涉及年份：%ld—%ld年。", lo, hi);
    jb_dg_paragraph(blocks, "paragraph", line.data);
    jb_buf_fini(&line);
  }
  jb_dg_block(blocks, "toc");
  jb_dg_block(blocks, "pagebreak");
}


static void add_document(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_digest_names *names,
                         cJSON *blocks) {
  char *title = doc_title(ctx, in, d);
  jb_dg_heading(blocks, 1, title);
  jb_free(ctx, title);
  size_t idx[MAX_TILES];
  size_t k = pick_tiles(in, d, NULL, idx, MAX_TILES);
  if (k) jb_dg_add_tiles(ctx, in, idx, k, 1, blocks);
  else if (!prints_figures(in, d)) jb_dg_paragraph(blocks, "paragraph", "本文未发现可核验的数字事实。");
  cJSON *figs = cJSON_CreateArray(); /* built first: a 要点 never restates a chart or table */
  jb_digest_add_series(in, d, NULL, figs, 1);
  jb_digest_add_categories(in, d, NULL, figs);
  jb_digest_add_points(ctx, in, d, idx, k, figs, blocks);
  static const char *const groups[] = {"目标", "预计"}; /* goals and forecasts, never as results */
  for (int g = 1; g <= 2; g++) {
    size_t gidx[MAX_TILES];
    size_t gk = pick_tiles_as(in, d, NULL, gidx, MAX_TILES, g);
    if (!gk) continue;
    jb_dg_heading(blocks, 2, groups[g - 1]);
    jb_dg_add_tiles(ctx, in, gidx, gk, 1, blocks);
  }
  while (cJSON_GetArraySize(figs) > 0) cJSON_AddItemToArray(blocks, cJSON_DetachItemFromArray(figs, 0));
  cJSON_Delete(figs);
  jb_dg_add_checks(ctx, in, d, blocks);
  jb_dg_add_county_sections(ctx, in, d, names, blocks);
  jb_dg_block(blocks, "pagebreak");
}

char *jb_digest_pack(jb_ctx *ctx, const jb_digest_input *in0) {
  char **titles = all_titles(ctx, in0);
  jb_digest_input in1 = *in0, *in = &in1;
  in1.titles = (const char *const *)titles;
  cJSON *root = cJSON_CreateObject();
  cJSON_AddStringToObject(root, "layout", in->layout ? in->layout : "brief");
  if (in->facts_file) cJSON_AddStringToObject(root, "facts", in->facts_file);
  cJSON *blocks = cJSON_CreateArray();
  add_cover(ctx, in, root, blocks);
  cJSON_AddItemToObject(root, "blocks", blocks);
  jb_digest_names names = jb_digest_places(ctx, in, "county"); /* every county with a figure */
  for (size_t d = 0; d < in->n_docs; d++) add_document(ctx, in, d, &names, blocks);
  jb_digest_names_free(ctx, &names);
  jb_dg_add_appendix(ctx, in, blocks);
  jb_dg_toc_levels(blocks);
  char *json = cJSON_Print(root);
  char *out = jb_strdup(ctx, json);
  cJSON_free(json);
  cJSON_Delete(root);
  free_titles(ctx, titles, in0->n_docs);
  return out;
}
