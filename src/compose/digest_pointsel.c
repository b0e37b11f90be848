/* Which facts of a document a 要点 may state: not one a chart or table of the
 * document shows already, not a count that only frames the report (东部8个省市 in
 * every paragraph), and not a part of a whole the report states as a goal (其中：…
 * after 计划实施…). And which figures two 要点 share, so no figure is said twice. */
#include <stdlib.h>
#include <string.h>

#include "compose/digest_imp.h"

/* Marks the facts cited by the blocks (charts and tables: {"fact": "F7"}). */
static void mark_cited(const jb_digest_input *in, const cJSON *x, unsigned char *skip) {
  const cJSON *c;
  if (!x) return;
  if (cJSON_IsObject(x)) {
    const char *id = cJSON_GetStringValue(cJSON_GetObjectItem(x, "fact"));
    if (id && id[0] == 'F') {
      size_t i = (size_t)strtoul(id + 1, NULL, 10);
      if (i >= 1 && i <= jb_facts_count(in->facts)) skip[i - 1] = 1;
    }
  }
  cJSON_ArrayForEach(c, x) mark_cited(in, c, skip);
}

typedef struct vu { double value; const char *unit; size_t sent; } vu;

static int by_value(const void *a, const void *b) {
  const vu *x = a, *y = b;
  if (x->value != y->value) return x->value < y->value ? -1 : 1;
  int u = strcmp(x->unit, y->unit);
  if (u) return u;
  return x->sent < y->sent ? -1 : x->sent > y->sent;
}

/* Counts that recur in three sentences or more with one value and unit (东部8个省市,
 * 西部10个省区市): they say who, in every paragraph, not what was done. */
static void mark_frames(jb_ctx *ctx, const jb_digest_input *in, size_t doc, unsigned char *skip) {
  size_t n = jb_facts_count(in->facts), k = 0;
  vu *v = jb_malloc(ctx, (n + 1) * sizeof *v);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc == doc && f->kind == JB_KIND_COUNT && !f->is_label) v[k++] = (vu){f->value, f->unit, f->sent_start};
  }
  qsort(v, k, sizeof *v, by_value);
  for (size_t a = 0, b; a < k; a = b) {
    size_t sents = 1;
    for (b = a + 1; b < k && v[b].value == v[a].value && !strcmp(v[b].unit, v[a].unit); b++)
      sents += v[b].sent != v[b - 1].sent;
    if (sents < 3) continue;
    for (size_t i = 0; i < n; i++) {
      const jb_fact *f = jb_dg_fact(in, i);
      if (f->doc == doc && f->kind == JB_KIND_COUNT && f->value == v[a].value && !strcmp(f->unit, v[a].unit) &&
          !skip[i])
        skip[i] = 2;
    }
  }
  jb_free(ctx, v);
}

/* The sentence of [start, end) opens with 其中 (its parts belong to the sentence before). */
static int opens_with_part(const uint32_t *t, size_t n, size_t start) {
  return start + 1 < n && t[start] == 0x5176 /* 其 */ && t[start + 1] == 0x4E2D /* 中 */;
}

/* The parts (其中：智力支援类项目58个，安排…) of a whole that is a goal or a
 * forecast (计划实施援疆项目370个) are goals too, whatever their own words say. */
static void mark_goal_parts(const jb_digest_input *in, size_t doc, unsigned char *skip) {
  size_t n = jb_facts_count(in->facts), tn;
  const uint32_t *t = jb_doc_text(in->docs[doc], &tn);
  const jb_doc *d = in->docs[doc];
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc != doc || f->is_label) continue;
    size_t s = jb_doc_sentence_at(d, f->nstart);
    if (s == JB_NONE || s == 0 || !opens_with_part(t, tn, jb_doc_sentence(d, s).start)) continue;
    jb_span prev = jb_doc_sentence(d, s - 1);
    int goals = 0, results = 0;
    for (size_t j = i; j-- > 0;) {
      const jb_fact *g = jb_dg_fact(in, j);
      if (g->doc != doc || g->nstart < prev.start) break;
      if (g->nstart >= prev.end || !jb_dg_is_quantity(g)) continue;
      if (g->status == JB_STATUS_TARGET || g->status == JB_STATUS_ESTIMATE) goals++;
      else results++;
    }
    if (goals && !results && !skip[i]) skip[i] = 3;
  }
}

void jb_dg_point_skips(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const cJSON *figures,
                       unsigned char *skip) {
  mark_cited(in, figures, skip);
  mark_frames(ctx, in, doc, skip);
  mark_goal_parts(in, doc, skip);
}

/* The figures of a statement (digits with the character after them: 407个, 30.98亿,
 * 56.7%) that are distinctive: three significant digits or more, so that 4个 and 2个
 * of two different things never count as one figure. */
static size_t figures(const char *s, char out[][24], size_t max) {
  size_t n = 0;
  for (const char *p = s; *p && n < max;) {
    if (!(*p >= '0' && *p <= '9')) {
      p++;
      continue;
    }
    const char *q = p;
    size_t sig = 0, zeros = 0;
    while ((*q >= '0' && *q <= '9') || *q == '.') {
      if (*q >= '1' && *q <= '9') sig += zeros + 1, zeros = 0;
      else if (*q == '0') zeros += sig > 0;
      q++;
    }
    size_t len = (size_t)(q - p), tail = *q ? 1 : 0;
    while (tail && q[tail] && ((unsigned char)q[tail] & 0xC0) == 0x80) tail++;
    int date = tail == 3 && (!strncmp(q, "年", 3) || !strncmp(q, "月", 3) || !strncmp(q, "日", 3));
    if (sig >= 3 && !date && len + tail < 24) {
      memcpy(out[n], p, len + tail);
      out[n++][len + tail] = 0;
    }
    p = q;
  }
  return n;
}

int jb_dg_shares_figure(const char *a, const char *b) {
  char fa[16][24], fb[16][24];
  size_t na = figures(a, fa, 16), nb = figures(b, fb, 16);
  for (size_t i = 0; i < na; i++)
    for (size_t j = 0; j < nb; j++)
      if (!strcmp(fa[i], fb[j])) return 1;
  return 0;
}
