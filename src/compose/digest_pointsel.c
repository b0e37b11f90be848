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

typedef struct vu {
  double value;
  const char *unit;
  size_t sent, i;
  int label;
} vu;

static int by_value(const void *a, const void *b) {
  const vu *x = a, *y = b;
  if (x->value != y->value) return x->value < y->value ? -1 : 1;
  int u = strcmp(x->unit, y->unit);
  if (u) return u;
  return x->sent < y->sent ? -1 : x->sent > y->sent;
}

/* Counts that recur in three sentences or more with one value and unit (东部8个省市,
 * 西部10个省区市): they say who, in every paragraph, not what was done. Labels
 * (图1) do not make a count recur but are marked with it. One sort, no pass over
 * all facts per value (a report of 12,000 such counts). */
static void mark_frames(jb_ctx *ctx, const jb_digest_input *in, size_t doc, unsigned char *skip) {
  size_t n = jb_facts_count(in->facts), k = 0;
  vu *v = jb_malloc(ctx, (n + 1) * sizeof *v);
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (f->doc == doc && f->kind == JB_KIND_COUNT) v[k++] = (vu){f->value, f->unit, f->sent_start, i, f->is_label};
  }
  qsort(v, k, sizeof *v, by_value);
  for (size_t a = 0, b; a < k; a = b) {
    size_t sents = 0, last = 0;
    for (b = a; b < k && v[b].value == v[a].value && !strcmp(v[b].unit, v[a].unit); b++)
      if (!v[b].label && (!sents || v[b].sent != last)) sents++, last = v[b].sent;
    if (b == a) b = a + 1; /* (a value that equals nothing, NaN: its own group) */
    if (sents < 3) continue;
    for (size_t q = a; q < b; q++)
      if (!skip[v[q].i]) skip[v[q].i] = 2;
  }
  jb_free(ctx, v);
}

/* The sentence of [start, end) opens with 其中 (its parts belong to the sentence before). */
static int opens_with_part(const uint32_t *t, size_t n, size_t start) {
  return start + 1 < n && t[start] == 0x5176 /* 其 */ && t[start + 1] == 0x4E2D /* 中 */;
}

/* Goals and results among the facts before i back to the sentence prev (the
 * scan stops at another document's fact or one before prev). */
static void goals_before(const jb_digest_input *in, size_t doc, size_t i, jb_span prev, int *goals, int *results) {
  *goals = *results = 0;
  for (size_t j = i; j-- > 0;) {
    const jb_fact *g = jb_dg_fact(in, j);
    if (g->doc != doc || g->nstart < prev.start) break;
    if (g->nstart >= prev.end || !jb_dg_is_quantity(g)) continue;
    if (g->status == JB_STATUS_TARGET || g->status == JB_STATUS_ESTIMATE) ++*goals;
    else ++*results;
  }
}

/* The parts (其中：智力支援类项目58个，安排…) of a whole that is a goal or a
 * forecast (计划实施援疆项目370个) are goals too, whatever their own words say.
 * The facts of one 其中 sentence share the count of the sentence before: it is
 * made once (a 其中 sentence of 40,000 parts), and again only when a fact
 * between would change it. */
static void mark_goal_parts(const jb_digest_input *in, size_t doc, unsigned char *skip) {
  size_t n = jb_facts_count(in->facts), tn, at = JB_NONE; /* at: the fact whose count is kept */
  const uint32_t *t = jb_doc_text(in->docs[doc], &tn);
  const jb_doc *d = in->docs[doc];
  jb_span prev = {0, 0};
  int goals = 0, results = 0, same = 0; /* same: no fact since at would stop or count in the scan */
  for (size_t i = 0; i < n; i++) {
    const jb_fact *f = jb_dg_fact(in, i);
    if (at != JB_NONE && same) { /* fact i - 1 (at or after at) as the scan from i would see it */
      const jb_fact *g = jb_dg_fact(in, i - 1);
      same = g->doc == doc && g->nstart >= prev.start && (g->nstart >= prev.end || !jb_dg_is_quantity(g));
    }
    if (f->doc != doc || f->is_label) continue;
    size_t s = jb_doc_sentence_at(d, f->nstart);
    if (s == JB_NONE || s == 0 || !opens_with_part(t, tn, jb_doc_sentence(d, s).start)) continue;
    jb_span pv = jb_doc_sentence(d, s - 1);
    if (!same || pv.start != prev.start || pv.end != prev.end) {
      prev = pv, at = i, same = 1;
      goals_before(in, doc, i, prev, &goals, &results);
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
