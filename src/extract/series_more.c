/* Series a report writes without 分别:
 *   从2015年的39.70亿元增长到2020年的61.95亿元      two points in time
 *   城乡居民人均可支配收入26096元和10736元，增长13%和16%   categories (城镇, 农村)
 *   第一产业增加值…，增长2.9%；第二产业增加值…         parallel measures
 * A member keeps its label (2015, 城镇, 第一产业); only the first form is a time series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }

static int free_quantity(const jb_fact *x) {
  return !x->is_label && x->series < 0 && x->kind != JB_KIND_YEAR && x->kind != JB_KIND_DATE &&
         x->value_type == JB_VALUE_NUMBER;
}

static int same_measure_kind(const jb_fact *a, const jb_fact *b) {
  return a->kind == b->kind && !strcmp(a->unit, b->unit);
}

static int year_of(const jb_fact *y) {
  if (y->kind == JB_KIND_YEAR && y->value_type == JB_VALUE_NUMBER) return (int)y->value;
  if (y->kind == JB_KIND_DATE && y->date[0] != 'X') return atoi(y->date);
  return 0;
}

/* The year fact written just before x (2015年的, 2016年底的), or NULL. */
static const jb_fact *year_before(const jb_scan *s, size_t i) {
  const jb_fact *x = &s->f->items[i];
  if (i == s->first_fact) return NULL;
  const jb_fact *y = x - 1;
  size_t gap = x->nstart - y->nend;
  if (gap > 1 || (gap == 1 && ch(s, y->nend) != 0x7684 /* 的 */)) return NULL;
  return year_of(y) ? y : NULL;
}

static char *year_label(jb_scan *s, int y) {
  char buf[16];
  snprintf(buf, sizeof buf, "%d", y);
  return jb_facts_strdup(s->f, buf);
}

/* 从/由 [year 的] A 增长到/减少到/提高到 [year 的] B */
static size_t from_to(jb_scan *s, size_t i) {
  jb_facts_impl *f = s->f;
  jb_fact *a = &f->items[i];
  const jb_fact *ya = year_before(s, i);
  size_t from = ya ? ya->nstart : a->nstart;
  if (from == 0 || !jb__cp_in(ch(s, from - 1), "从由")) return 0;
  for (size_t j = i + 1; j < f->n && j < i + 4; j++) {
    jb_fact *b = &f->items[j];
    if (!free_quantity(b)) continue;
    if (!same_measure_kind(a, b)) return 0;
    const jb_fact *yb = year_before(s, j);
    size_t to = yb ? yb->nstart : b->nstart;
    if (to < 1 || !jb__cp_in(ch(s, to - 1), "到至")) return 0;
    for (size_t k = a->nend; k < to; k++)
      if (jb_clause_sep(s->t[k])) return 0;
    int y1 = ya ? year_of(ya) : 0, y2 = yb ? year_of(yb) : (b->period ? atoi(b->period) : 0);
    if (!y1 || !y2 || y2 <= y1) return 0;
    long id = jb_new_series(f, s->doc, JB_DIM_TIME, i, j);
    a->series = b->series = id;
    a->series_label = year_label(s, y1);
    b->series_label = year_label(s, y2);
    return j;
  }
  return 0;
}

/* 城乡居民人均可支配收入26096元和10736元: members joined by 和/、 after a list of
 * categories (or 城乡: 城镇, 农村) as long as they are. */
static size_t joined(jb_scan *s, size_t i, long *prev_id, size_t *prev_count) {
  jb_facts_impl *f = s->f;
  size_t last = i;
  while (last + 1 < f->n && free_quantity(&f->items[last + 1]) &&
         same_measure_kind(&f->items[i], &f->items[last + 1]) &&
         jb_only_joiners(s, f->items[last].nend, f->items[last + 1].nstart) &&
         ch(s, f->items[last].nend) != 0xFF0C)
    last++;
  size_t count = last - i + 1;
  if (count < 2 || count > 16) return 0;
  size_t ca[16], cb[16], pos = f->items[i].nstart;
  while (pos > 0 && !jb_clause_sep(s->t[pos - 1]) && jb_is_han(s->t[pos - 1]) &&
         pos + 24 > f->items[i].nstart)
    pos--;
  /* the categories end where the measure's shared tail starts: try the clause head */
  int urban = 0, cats = jb_series_categories(s, f->items[i].nstart, count, ca, cb);
  for (size_t k = pos; k + 1 < f->items[i].nstart && !cats && !urban; k++)
    urban = s->t[k] == 0x57CE && s->t[k + 1] == 0x4E61 && count == 2; /* 城乡 */
  /* 增长13%和16% right after such a list: the same categories */
  int reuse = !cats && !urban && *prev_id >= 0 && *prev_count == count;
  if (!cats && !urban && !reuse) return 0;
  long id = jb_new_series(f, s->doc, JB_DIM_CATEGORY, i, last);
  for (size_t m = i; m <= last; m++) {
    jb_fact *x = &f->items[m];
    x->series = id;
    if (urban) x->series_label = jb_facts_strdup(f, m == i ? "城镇" : "农村");
    else if (cats) x->series_label = jb_facts_cps(f, s->t, ca[m - i], cb[m - i]);
  }
  if (reuse) { /* labels of the list before */
    size_t k = 0;
    for (size_t m = f->series[*prev_id].first; m <= f->series[*prev_id].last; m++)
      if (f->items[m].series == *prev_id) f->items[i + k++].series_label = f->items[m].series_label;
  }
  *prev_id = id, *prev_count = count;
  return last;
}

void jb_series_more(jb_scan *s) {
  jb_facts_impl *f = s->f;
  long prev_id = -1;
  size_t prev_count = 0, sent = JB_NONE;
  for (size_t i = s->first_fact; i < f->n; i++) {
    if (!free_quantity(&f->items[i])) continue;
    size_t si = jb_doc_sentence_at(s->d, f->items[i].nstart);
    if (si != sent) sent = si, prev_id = -1;
    size_t e = from_to(s, i);
    if (!e) e = joined(s, i, &prev_id, &prev_count);
    if (e) i = e;
  }
}
