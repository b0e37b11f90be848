/* Series: the members of a 分别 list (分别安排项目50个、44个、79个) and what they
 * differ by: years (a matching year list or range before it), places (a matching
 * list of places) or categories (城镇和农村居民…分别增长6.0%和7.4%), with each
 * member's label. Only a time series may later be drawn over a time axis. */
#include <stdio.h>
#include <string.h>

#include "extract/internal.h"

#define segment_sep jb_segment_sep
#define clause_sep jb_clause_sep

long jb_new_series(jb_facts_impl *f, size_t doc, jb_series_dim dim, size_t first, size_t last) {
  long id = f->next_series++;
  f->series = jb_grow(f->ctx, f->series, &f->cap_series, (size_t)id + 1, sizeof *f->series);
  f->series[id] = (jb_series_info){id, doc, dim, first, last};
  return id;
}


/* Years that a 分别 list distributes over: a range or a list of years before pos in
 * the same paragraph whose size matches. Returns the first year or 0. */
static int series_years(const jb_scan *s, size_t pos, size_t count, size_t para_start) {
  size_t lo = 0, hi = s->n_tx; /* the first expression at or after pos */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (s->tx[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  for (size_t i = lo; i-- > 0;) {
    const jb_texpr *e = &s->tx[i];
    if (e->pos >= pos) continue;
    if (e->pos < para_start) break;
    if (e->type == TX_RANGE && (size_t)(e->y2 - e->y1 + 1) == count) return e->y1;
    if (e->type == TX_YEAR && e->y1 > 0) { /* 2022年、2023年分别… */
      size_t run = 1;
      size_t j = i;
      while (j > 0 && s->tx[j - 1].type == TX_YEAR &&
             jb_only_joiners(s, s->tx[j - 1].end, s->tx[j].pos) && s->tx[j - 1].y1 + 1 == s->tx[j].y1)
        j--, run++;
      if (run == count) return s->tx[j].y1;
      return 0;
    }
  }
  return 0;
}

/* Places that a 分别 list distributes over: a list of places (城关区、达孜区和林周县)
 * before pos in its sentence part whose size matches. Returns the index of the
 * first mention or -1. */
static long series_places(const jb_scan *s, const jb_mention *m, size_t nm, size_t pos,
                          size_t count) {
  size_t seg = pos;
  while (seg > 0 && !segment_sep(s->t[seg - 1])) seg--;
  size_t lo = 0, hi = nm; /* the last mention before pos: binary search, not a scan */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return -1;
  size_t b = lo - 1;
  if (m[b].pos < seg) return -1;
  size_t a = b;
  while (a > 0 && m[a - 1].pos >= seg && jb_place_joiners(s, m[a - 1].end, m[a].pos)) a--;
  return b - a + 1 == count ? (long)a : -1;
}


static const char *const lead_words[] = {"全区", "全市", "全州", "全县", "全省", "全国", "全盟",
                                         "全地区", "其中", "我区", "我市", "我州", "我县", "我省",
                                         "城乡居民人均可支配收入", NULL};

/* Categories before 分别 in its clause: a list of as many items as members
 * (城镇和农村居民人均可支配收入: 城镇, 农村). Fills label spans; 1 when found. */
int jb_series_categories(const jb_scan *s, size_t pos, size_t count, size_t *a, size_t *b) {
  size_t cs = pos;
  while (cs > 0 && !clause_sep(s->t[cs - 1]) && pos - cs < 40) cs--;
  cs += jb_match_any(s->t, pos, cs, lead_words);
  size_t n = 0, st = cs;
  for (size_t k = cs; k <= pos && n < count; k++) {
    int end = k == pos || jb__cp_in(s->t[k], "、和与及");
    if (!end) continue;
    if (k == st) return 0;
    a[n] = st, b[n] = k, n++;
    st = k + 1;
    if (k == pos) break;
  }
  if (n != count || b[n - 1] != pos) return 0;
  /* the last item carries the shared tail: cut it to its neighbour's length */
  size_t prev = b[n - 2] - a[n - 2];
  if (b[n - 1] - a[n - 1] > prev) b[n - 1] = a[n - 1] + prev;
  for (size_t k = 0; k < n; k++)
    if (b[k] - a[k] > 12) return 0;
  return 1;
}

/* 第一、二、三产业: 第一产业, 第二产业, 第三产业. */
static char *category_label(jb_scan *s, const size_t *a, const size_t *b, size_t n, size_t k) {
  size_t last_end = b[n - 1];
  int sector = last_end + 1 < s->n && s->t[last_end] == 0x4EA7 && s->t[last_end + 1] == 0x4E1A;
  if (!sector) return jb_facts_cps(s->f, s->t, a[k], b[k]);
  jb_buf buf;
  jb_buf_init(&buf, s->f->ctx);
  if (s->t[a[k]] != 0x7B2C && s->t[a[0]] == 0x7B2C) jb_buf_adds(&buf, "第");
  for (size_t q = a[k]; q < b[k]; q++) jb_buf_add_utf8(&buf, s->t[q]);
  jb_buf_adds(&buf, "产业");
  char *r = jb_facts_strdup(s->f, buf.data ? buf.data : "");
  jb_buf_fini(&buf);
  return r;
}

static void label_members(jb_scan *s, size_t first, size_t last, int y0, long p0,
                          const jb_mention *mn, char **cache, size_t pos) {
  jb_facts_impl *f = s->f;
  size_t count = last - first + 1, ca[16], cb[16];
  int cats = !y0 && p0 < 0 && count <= 16 && jb_series_categories(s, pos, count, ca, cb);
  jb_series_dim dim = y0 ? JB_DIM_TIME : p0 >= 0 ? JB_DIM_PLACE : JB_DIM_CATEGORY;
  long id = jb_new_series(f, s->doc, dim, first, last);
  const jb_fact *head = &f->items[first];
  for (size_t m = first; m <= last; m++) {
    jb_fact *x = &f->items[m];
    x->series = id;
    if (m > first && x->qualifier == JB_Q_EXACT) x->qualifier = head->qualifier;
    if (m > first && head->measure) x->measure = head->measure;
    if (p0 >= 0) {
      x->place = jb_place_name(s, cache, mn[(size_t)p0 + (m - first)].place);
      x->place_src = NULL;
      x->series_label = x->place;
    }
    if (y0) {
      char buf[16];
      snprintf(buf, sizeof buf, "%d", y0 + (int)(m - first));
      x->period = x->series_label = jb_facts_strdup(f, buf);
    }
    if (cats) x->series_label = category_label(s, ca, cb, count, m - first);
  }
}

void jb_series(jb_scan *s, const jb_mention *mn, size_t nm, char **cache) {
  jb_facts_impl *f = s->f;
  size_t fi = s->first_fact;
  for (size_t i = 0; i + 1 < s->n; i++) {
    if (s->t[i] != 0x5206 || s->t[i + 1] != 0x522B) continue; /* 分别 */
    while (fi < f->n && f->items[fi].nstart < i + 2) fi++;
    if (fi >= f->n) break;
    /* the first member follows in the same clause */
    size_t k = i + 2, first = fi;
    while (k < f->items[first].nstart && !clause_sep(s->t[k])) k++;
    if (k < f->items[first].nstart || f->items[first].is_label) continue;
    /* members: the same kind and unit as the first (分别为186人、243人、317人，3年累计…) */
    size_t last = first;
    while (last + 1 < f->n && !f->items[last + 1].is_label &&
           f->items[last + 1].kind == f->items[first].kind &&
           !strcmp(f->items[last + 1].unit, f->items[first].unit) &&
           jb_only_joiners(s, f->items[last].nend, f->items[last + 1].nstart))
      last++;
    size_t count = last - first + 1;
    if (count < 2) continue;
    size_t si = jb_doc_sentence_at(s->d, i);
    size_t para_start = si == JB_NONE ? 0 : jb_doc_paragraph(s->d, jb_doc_sentence_paragraph(s->d, si)).start;
    long p0 = series_places(s, mn, nm, i, count);
    /* a list of places in the sentence part is nearer than years earlier in the paragraph */
    int y0 = series_years(s, i, count, p0 >= 0 && si != JB_NONE ? jb_doc_sentence(s->d, si).start : para_start);
    label_members(s, first, last, y0, p0, mn, cache, i);
  }
}
