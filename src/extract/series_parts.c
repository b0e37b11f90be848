/* Series a report writes as separate clauses or sentences:
 *   …援助7.74亿元。省级财政援助资金2.94亿元，对口市县区援助3.35亿元，社会各界捐助折款1.45亿元
 *       clause-final figures that add up to a total stated before: its parts (category)
 *   一季度地区生产总值同比增长9.7%，上半年增长8.2%，前三季度增长8.5%，全年增长6.6%
 *       clauses opened by parts of a year in order (time, labelled 一季度 …); the same
 *       with 第一产业, 第二产业 … (category)
 *   2018年…投入财政援助资金19.79亿元。2019年截至目前已投入23亿元
 *       sentences of a paragraph opened by successive years, about the same measure (time)
 *   10批495名干部人才、11批284名短期援助专业技术人才   two columns of named items
 *   8℃/23℃                                               a pair written with a slash
 * Only the sub-year and the year-opened forms are time series. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }

static int free_q(const jb_fact *x) {
  return !x->is_label && x->series < 0 && x->kind != JB_KIND_YEAR && x->kind != JB_KIND_DATE &&
         x->value_type == JB_VALUE_NUMBER && x->unit[0] && !x->value_overflow;
}

static int same_kind(const jb_fact *a, const jb_fact *b) {
  return a->kind == b->kind && !strcmp(a->unit, b->unit);
}

static int han_run(const jb_scan *s, size_t a, size_t b) {
  for (size_t k = a; k < b; k++)
    if (!jb_is_han(s->t[k])) return 0;
  return b > a;
}

static void join(jb_scan *s, size_t first, size_t last, const size_t *m, size_t n, jb_series_dim dim) {
  long id = jb_new_series(s->f, s->doc, dim, first, last);
  for (size_t k = 0; k < n; k++) s->f->items[m[k]].series = id;
}

/* ---- parts of a stated total ------------------------------------------------ */

/* Where the noun before fact x starts: back over Han characters to a separator or
 * the previous fact, without a leading 来/以来 (16年来福建省级财政援助资金). */
static size_t noun_start(const jb_scan *s, size_t i) {
  const jb_fact *x = &s->f->items[i];
  size_t lo = i > s->first_fact ? s->f->items[i - 1].nend : 0, k = x->nstart;
  while (k > lo && x->nstart - k < 16 && jb_is_han(s->t[k - 1])) k--;
  if (ch(s, k) == 0x4EE5 && ch(s, k + 1) == 0x6765) k += 2; /* 以来 */
  else if (ch(s, k) == 0x6765) k++;                          /* 来 */
  else if (ch(s, k) == 0x5176 && ch(s, k + 1) == 0x4E2D) k += 2; /* 其中 */
  return k;
}

/* Figures i..last, each ending its clause and the next clause a noun before the
 * next figure (省级财政援助资金2.94亿元，对口市县区援助3.35亿元，…): the end or i. */
static size_t clause_run(const jb_scan *s, size_t i, size_t b) {
  const jb_facts_impl *f = s->f;
  size_t last = i;
  while (last + 1 < b && last - i < 15) {
    const jb_fact *x = &f->items[last], *y = &f->items[last + 1];
    if (!free_q(y) || !same_kind(x, y) || x->nend >= s->n || !jb_clause_sep(s->t[x->nend]) ||
        jb_segment_sep(s->t[x->nend]) || !han_run(s, x->nend + 1, y->nstart) ||
        y->nstart - x->nend - 1 < 2 || y->nstart - x->nend - 1 > 12)
      break;
    last++;
  }
  const jb_fact *e = &f->items[last];
  return e->nend >= s->n || jb_clause_sep(s->t[e->nend]) ? last : i;
}

static void parts_of_total(jb_scan *s, size_t a, size_t b) {
  jb_facts_impl *f = s->f;
  for (size_t i = a; i + 1 < b; i++) {
    if (!free_q(&f->items[i])) continue;
    size_t last = clause_run(s, i, b);
    if (last == i) continue;
    double sum = 0;
    for (size_t k = i; k <= last; k++) sum += f->items[k].value;
    /* the whole, stated before them (up to 40 facts back): in an earlier sentence, or
     * in theirs before 其中 (转移就业8.6万人，其中到浙江省内就业2.3万人，…); not a
     * figure beside them (出生率14.24‰，死亡率5.48‰，自然增长率8.76‰) */
    size_t sent = jb_doc_sentence_at(s->d, f->items[i].nstart), n0 = noun_start(s, i);
    int sub = n0 >= 2 && s->t[n0 - 2] == 0x5176 && s->t[n0 - 1] == 0x4E2D, total = 0;
    for (size_t k = i; k-- > s->first_fact && k + 40 > i && !total;)
      total = !f->items[k].is_label && same_kind(&f->items[k], &f->items[i]) &&
              (sub || jb_doc_sentence_at(s->d, f->items[k].nstart) != sent) &&
              f->items[k].value_type == JB_VALUE_NUMBER && f->items[k].value > 0 &&
              fabs(f->items[k].value - sum) <= 1e-6 * sum;
    if (!total) continue;
    long id = jb_new_series(f, s->doc, JB_DIM_CATEGORY, i, last);
    for (size_t k = i; k <= last; k++) {
      f->items[k].series = id;
      size_t st = noun_start(s, k);
      if (st < f->items[k].nstart) f->items[k].series_label = jb_facts_cps(f, s->t, st, f->items[k].nstart);
    }
    i = last;
  }
}

/* ---- parts of a year (一季度 …, 上半年 …, 全年) and of an economy (第一产业 …) -------- */

/* Clause openers in their order; set 0 is time (parts of a year), set 1 a category
 * (与上年相比，第一产业比重提高0.6个百分点，第二产业提高1.3个百分点，第三产业下降…). */
static const struct { const char *w; int rank, set; } openers[] = {
    {"第一季度", 1, 0}, {"一季度", 1, 0}, {"第二季度", 2, 0}, {"二季度", 2, 0}, {"上半年", 2, 0},
    {"前三季度", 3, 0}, {"第三季度", 3, 0}, {"三季度", 3, 0}, {"第四季度", 4, 0}, {"四季度", 4, 0},
    {"下半年", 4, 0},   {"全年", 5, 0},     {"第一产业", 1, 1}, {"第二产业", 2, 1}, {"第三产业", 3, 1}};

/* The opener of the clause of fact x: its rank (set in *set), its span in *st, *e; 0 if none. */
static int year_part(const jb_scan *s, const jb_fact *x, size_t *st, size_t *e, int *set) {
  size_t cs = x->nstart;
  while (cs > 0 && !jb_clause_sep(s->t[cs - 1]) && x->nstart - cs < 24) cs--;
  if (cs > 0 && !jb_clause_sep(s->t[cs - 1])) return 0;
  for (size_t k = 0; k < sizeof openers / sizeof *openers; k++) {
    const char *const one[] = {openers[k].w, NULL};
    size_t n = jb_match_any(s->t, x->nstart, cs, one);
    if (n) return *st = cs, *e = cs + n, *set = openers[k].set, openers[k].rank;
  }
  return 0;
}

static void year_part_series(jb_scan *s, size_t a, size_t b) {
  jb_facts_impl *f = s->f;
  for (size_t i = a; i < b; i++) {
    size_t m[8], st[8], en[8], n = 0;
    int rank = 0, set = -1;
    for (size_t k = i; k < b && n < 8; k++) {
      const jb_fact *x = &f->items[k];
      if (n && x->is_label) continue; /* 一季度 itself is a label */
      size_t p, q;
      int xs = -1, r = free_q(x) ? year_part(s, x, &p, &q, &xs) : 0;
      if (n && (!r || xs != set || !same_kind(x, &f->items[m[0]]) ||
                jb_doc_sentence_at(s->d, x->nstart) != jb_doc_sentence_at(s->d, f->items[m[0]].nstart)))
        break;
      if (!r || r <= rank) break;
      m[n] = k, st[n] = p, en[n] = q, n++, rank = r, set = xs;
    }
    if (n < (set ? 2u : 3u)) continue; /* three parts of a year; two sectors */
    join(s, m[0], m[n - 1], m, n, set ? JB_DIM_CATEGORY : JB_DIM_TIME);
    for (size_t k = 0; k < n; k++) f->items[m[k]].series_label = jb_facts_cps(f, s->t, st[k], en[k]);
    i = m[n - 1];
  }
}

/* ---- sentences opened by successive years -------------------------------------- */

/* The year opening the sentence of fact i (2018年…, 2019年截至目前…) or its first clause, and the sentence's
 * first figure after it: returns that figure's index or JB_NONE. */
static size_t opened(const jb_scan *s, size_t i, size_t b, int *year, size_t *sent) {
  const jb_fact *y = &s->f->items[i];
  if (y->kind != JB_KIND_YEAR || y->value_type != JB_VALUE_NUMBER) return JB_NONE;
  size_t si = jb_doc_sentence_at(s->d, y->nstart);
  /* the sentence's first fact, opening it or a clause (…介绍，2018年…) */
  if (si == JB_NONE || (i > s->first_fact && jb_doc_sentence_at(s->d, s->f->items[i - 1].nstart) == si) ||
      (jb_doc_sentence(s->d, si).start != y->nstart && !jb_clause_sep(ch(s, y->nstart - 1))))
    return JB_NONE;
  for (size_t k = i + 1; k < b; k++) {
    const jb_fact *x = &s->f->items[k];
    if (jb_doc_sentence_at(s->d, x->nstart) != si) return JB_NONE;
    if (x->is_label || x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE) continue;
    if (!free_q(x) || !x->period || atoi(x->period) != (int)y->value || strlen(x->period) != 4) return JB_NONE;
    *year = (int)y->value, *sent = si;
    return k;
  }
  return JB_NONE;
}

/* The measures name the same thing: the later one's last two characters (投入 of
 * 截至目前已投入) are in the earlier one, or the other way round. */
static int same_measure(const char *a, const char *b) {
  if (!a || !b) return 0;
  size_t la = strlen(a), lb = strlen(b);
  if (la < 6 || lb < 6) return 0;
  char ta[8], tb[8];
  memcpy(ta, a + la - 6, 6), ta[6] = 0;
  memcpy(tb, b + lb - 6, 6), tb[6] = 0;
  return strstr(a, tb) || strstr(b, ta);
}

static void year_sentences(jb_scan *s, size_t a, size_t b) {
  jb_facts_impl *f = s->f;
  size_t px = JB_NONE, psent = JB_NONE;
  int py = 0;
  for (size_t i = a; i < b; i++) {
    int y;
    size_t si, x = opened(s, i, b, &y, &si);
    if (x == JB_NONE) continue;
    if (px != JB_NONE && si == psent + 1 && y > py && same_kind(&f->items[px], &f->items[x]) &&
        f->items[px].series < 0 && same_measure(f->items[px].measure, f->items[x].measure)) {
      size_t m[2] = {px, x};
      join(s, px, x, m, 2, JB_DIM_TIME);
      char buf[16];
      snprintf(buf, sizeof buf, "%d", py);
      f->items[px].series_label = jb_facts_strdup(f, buf);
      snprintf(buf, sizeof buf, "%d", y);
      f->items[x].series_label = jb_facts_strdup(f, buf);
    }
    px = x, psent = si, py = y;
  }
}

/* ---- two columns of named items; a slash pair ---------------------------------- */

static int list_joiner(uint32_t c) { return c == 0x3001 || c == 0x548C || c == 0x53CA; } /* 、和及 */

/* 10批495名干部人才、11批284名…: pairs of adjacent figures, the pairs joined by a noun
 * and 、和及; a series per column. */
static size_t two_columns(jb_scan *s, size_t i, size_t b) {
  jb_facts_impl *f = s->f;
  size_t n = 0;
  while (i + 2 * n + 1 < b && n < 8) {
    const jb_fact *x = &f->items[i + 2 * n], *y = &f->items[i + 2 * n + 1];
    if (!free_q(x) || !free_q(y) || y->nstart != x->nend || same_kind(x, y)) break;
    if (n && (!same_kind(x, &f->items[i]) || !same_kind(y, &f->items[i + 1]))) break;
    if (n) { /* the previous pair's noun and a joiner before this one */
      const jb_fact *py = &f->items[i + 2 * n - 1];
      if (x->nstart < py->nend + 3 || !list_joiner(s->t[x->nstart - 1]) ||
          !han_run(s, py->nend, x->nstart - 1) || x->nstart - py->nend > 17)
        break;
    }
    n++;
  }
  if (n < 2) return i;
  size_t last = i + 2 * n - 1;
  if (!han_run(s, f->items[last].nend, f->items[last].nend + 2)) return i;
  for (size_t c = 0; c < 2; c++) {
    size_t m[8];
    for (size_t k = 0; k < n; k++) m[k] = i + 2 * k + c;
    join(s, m[0], m[n - 1], m, n, JB_DIM_CATEGORY);
  }
  for (size_t k = 0; k < n; k++) { /* the noun after each pair */
    size_t e = f->items[i + 2 * k + 1].nend, q = e;
    while (q < s->n && q < e + 10 && jb_is_han(s->t[q]) && !list_joiner(s->t[q]) &&
           !jb__cp_in(s->t[q], "入到在赴于为的"))
      q++;
    char *l = q > e ? jb_facts_cps(f, s->t, e, q) : NULL;
    f->items[i + 2 * k].series_label = f->items[i + 2 * k + 1].series_label = l;
  }
  return last;
}

static void pairs(jb_scan *s, size_t a, size_t b) {
  jb_facts_impl *f = s->f;
  for (size_t i = a; i + 1 < b; i++) {
    jb_fact *x = &f->items[i], *y = &f->items[i + 1];
    if (!free_q(x) || !free_q(y)) continue;
    size_t e = two_columns(s, i, b);
    if (e > i) {
      i = e;
      continue;
    }
    /* 8℃/23℃: two values of one measure side by side (the low and the high) */
    if (same_kind(x, y) && y->nstart == x->nend + 1 && jb__cp_in(ch(s, x->nend), "/／")) {
      size_t m[2] = {i, i + 1};
      join(s, i, i + 1, m, 2, JB_DIM_CATEGORY);
      if (x->value < y->value) {
        x->series_label = jb_facts_strdup(f, "低");
        y->series_label = jb_facts_strdup(f, "高");
      }
      i++;
    }
  }
}

void jb_series_parts(jb_scan *s) {
  static const jb_para_fn fns[] = {pairs, year_part_series, year_sentences, parts_of_total};
  jb_each_paragraph(s, fns, 4);
}
