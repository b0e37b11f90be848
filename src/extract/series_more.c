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

/* The last year of a period ("2015", "2011-2015"); 0 for an open one (2015起). */
static int period_end(const char *p) {
  if (!p || strstr(p, "起")) return 0;
  const char *d = strchr(p, '-');
  return d && strlen(d + 1) == 4 ? atoi(d + 1) : atoi(p);
}

/* The years of the last dated 从/由…到 of a paragraph: a later one without years
 * (工业增加值从1.66亿元增长到2.05亿元) spans the same two. */
typedef struct from_memo {
  size_t para;
  int y1, y2;
} from_memo;

static size_t para_of(const jb_scan *s, const jb_fact *x) {
  size_t si = jb_doc_sentence_at(s->d, x->nstart);
  return si == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, si);
}

/* 从/由 [year 的] A 增长到/减少到/提高到 [year 的] B */
static size_t from_to(jb_scan *s, size_t i, from_memo *memo) {
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
    int y1 = ya ? year_of(ya) : 0, y2 = yb ? year_of(yb) : period_end(b->period);
    size_t para = para_of(s, a);
    if (!ya && !yb && memo->para == para && para != JB_NONE) y1 = memo->y1, y2 = memo->y2;
    if (!y1 || !y2 || y2 <= y1) return 0;
    if (ya) memo->para = para, memo->y1 = y1, memo->y2 = y2;
    long id = jb_new_series(f, s->doc, JB_DIM_TIME, i, j);
    a->series = b->series = id;
    size_t cs = from - 1; /* 地区生产总值由…: what both points measure */
    while (cs > 0 && !jb_clause_sep(s->t[cs - 1]) && from - 1 - cs < 20) cs--;
    if (from - 1 > cs) a->measure = b->measure = jb_facts_cps(f, s->t, cs, from - 1);
    a->series_label = a->period = year_label(s, y1);
    b->series_label = b->period = year_label(s, y2); /* 增加到2011元 in 十二五: its end, 2015 */
    return j;
  }
  return 0;
}

/* ---- parallel measures --------------------------------------------------------- */

static const char *const rate_words[] = {"增长", "同比增长", "比上年增长", "下降", "同比下降",
                                         "比上年下降", "增加", "减少", "同比减少", "比上年增加",
                                         "比上年减少", "同比", "增速", "增幅", "提高", "年均增长", NULL};

static int generic_measure(const char *m) {
  if (!m) return 1;
  for (size_t k = 0; rate_words[k]; k++)
    if (!strcmp(m, rate_words[k])) return 1;
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
  /* one name for the members: the first's (城乡居民人均可支配收入), a rate after such a list
   * takes the list's name (…增长) */
  const char *name = f->items[i].measure;
  char buf[96];
  if (reuse && (generic_measure(name) || !name) && f->items[f->series[*prev_id].first].measure) {
    snprintf(buf, sizeof buf, "%s%s", f->items[f->series[*prev_id].first].measure, name ? name : "");
    name = jb_facts_strdup(f, buf);
  }
  for (size_t m = i; m <= last; m++) {
    jb_fact *x = &f->items[m];
    x->series = id;
    if (name && !generic_measure(name)) x->measure = (char *)name;
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

/* What a fact measures for grouping: a rate (增长2.9%) measures its base's measure. */
static const char *eff_measure(const jb_scan *s, size_t i, size_t para_first) {
  const jb_fact *x = &s->f->items[i];
  if (!generic_measure(x->measure)) return x->measure;
  for (size_t k = i; k-- > para_first;) {
    const jb_fact *b = &s->f->items[k];
    for (size_t q = b->nend; q < x->nstart; q++)
      if (jb_segment_sep(s->t[q])) return NULL;
    if (!b->is_label && !generic_measure(b->measure)) return b->measure;
  }
  return NULL;
}

static size_t cps(const char *u, size_t bytes) { /* code points in the first bytes */
  size_t n = 0;
  for (size_t i = 0; i < bytes; i++) n += ((unsigned char)u[i] & 0xC0) != 0x80;
  return n;
}

/* Bytes of the shared tail of a and b, at a code-point boundary. */
static size_t common_tail(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b), n = 0;
  while (n < la && n < lb && a[la - 1 - n] == b[lb - 1 - n]) n++;
  while (n > 0 && ((unsigned char)a[la - n] & 0xC0) == 0x80) n--;
  /* 城镇居民…收入, 农牧民…收入: 民 ends each category's word (城镇居民, 农牧民), not the measure */
  if (n > 3 && !strncmp(a + la - n, "民", 3)) n -= 3;
  return n;
}

/* The measure without a trailing change verb (同比下降 -> 同比): equal for two changes. */
static size_t change_stem(const char *m) {
  static const char *const w[] = {"增长", "增加", "提高", "上升", "上涨", "下降", "减少", "降低", "下滑",
                                  "回落", "下跌", NULL};
  size_t n = strlen(m);
  for (size_t k = 0; w[k]; k++)
    if (n >= strlen(w[k]) && !strcmp(m + n - strlen(w[k]), w[k])) return n - strlen(w[k]);
  return n;
}

/* Bytes of the base a change is measured against at the head of m (比上年增长: the
 * base of every rate of a breakdown, said once: 比上年增长1.5%；…下降37.5%). */
static size_t base_frame(const char *m) {
  static const char *const w[] = {"比上年", "比去年", "较上年", "较去年", "同比", NULL};
  for (size_t k = 0; w[k]; k++)
    if (!strncmp(m, w[k], strlen(w[k]))) return strlen(w[k]);
  return 0;
}

static int same_rate(const jb_fact *a, const jb_fact *b) {
  if (!a->measure || !b->measure) return 0;
  if (!strcmp(a->measure, b->measure)) return 1;
  const char *ma = a->measure + base_frame(a->measure), *mb = b->measure + base_frame(b->measure);
  size_t na = change_stem(ma), nb = change_stem(mb);
  return a->direction && b->direction && na == nb && !strncmp(ma, mb, na);
}

/* The shared tail of two changes' measures that differ in their direction's word
 * (居住同比上涨, 衣着同比下降: the base 同比 and a word of two characters), or 0. */
static size_t rate_tail(const char *a, const char *b) {
  size_t sa = change_stem(a), sb = change_stem(b), la = strlen(a), lb = strlen(b);
  if (sa == la || sb == lb || la - sa != lb - sb) return 0;
  size_t n = 0;
  while (n < sa && n < sb && a[sa - 1 - n] == b[sb - 1 - n]) n++;
  while (n > 0 && ((unsigned char)a[sa - n] & 0xC0) == 0x80) n--;
  static const char *const bases[] = {"同比", "比上年", "较上年", "比去年", "价格", NULL}; /* 食品烟酒类价格上涨 */
  for (size_t k = 0; bases[k] && n >= 6; k++) /* the base of the change ends the shared part */
    if (sa >= strlen(bases[k]) && !strncmp(a + sa - strlen(bases[k]), bases[k], strlen(bases[k]))) return n + (la - sa);
  return 0;
}

/* 第一产业增加值占地区生产总值比重 beside 第二产业增加值比重: the share's base said once is
 * the same share; compared without it. */
static const char *share_plain(jb_scan *s, const char *m) {
  static const char *const bases[] = {"占地区生产总值", "占生产总值", "占GDP", NULL};
  for (size_t k = 0; m && bases[k]; k++) {
    const char *p = strstr(m, bases[k]);
    if (!p || !strstr(p, "比重")) continue;
    char buf[160];
    snprintf(buf, sizeof buf, "%.*s%s", (int)(p - m), m, p + strlen(bases[k]));
    return jb_facts_strdup(s->f, buf);
  }
  return m;
}

/* A sentence of its own opening with 全年/年末 (…服务价格上涨0.5%。全年商品零售价格上涨2.1%)
 * states another indicator, not one more part of the sentence before. */
static int new_indicator(const jb_scan *s, const jb_fact *x, const jb_fact *px) {
  size_t sx = jb_doc_sentence_at(s->d, x->nstart);
  if (!px || sx == JB_NONE || sx == jb_doc_sentence_at(s->d, px->nstart)) return 0;
  size_t a = jb_doc_sentence(s->d, sx).start;
  return jb_match_ascii_cn(s->t, s->n, a, "全年") > 0 || jb_match_ascii_cn(s->t, s->n, a, "年末") > 0;
}

typedef struct chain {
  char unit[24];
  int kind;
  size_t first, last, n, tail; /* tail: bytes of the shared tail */
  const char *tail_str;
  size_t members[16];
} chain;

static char *prefix_label(jb_scan *s, const char *m, size_t bytes) {
  static const char *const leads[] = {"实现", "完成", "达到", "全年", "全区", "全市", "全县", "全州",
                                      "其中", NULL};
  char buf[64];
  size_t n = bytes < sizeof buf - 1 ? bytes : sizeof buf - 1;
  memcpy(buf, m, n);
  buf[n] = 0;
  const char *p = buf;
  for (size_t k = 0; leads[k]; k++)
    if (!strncmp(p, leads[k], strlen(leads[k])) && strlen(p) > strlen(leads[k])) p += strlen(leads[k]), k = (size_t)-1;
  return jb_facts_strdup(s->f, p);
}

/* The name the members share: the common tail (产业增加值 -> 增加值) and a rate's
 * own word (增加值增长). */
static char *series_measure(jb_scan *s, const char *tail, const char *own) {
  char buf[96];
  if (!strncmp(tail, "产业", 6) && strlen(tail) > 6) tail += 6;
  snprintf(buf, sizeof buf, "%s%s", tail, generic_measure(own) && own ? own : "");
  return jb_facts_strdup(s->f, buf);
}

static void close_chain(jb_scan *s, chain *c, const char *const *eff) {
  if (c->n >= 2) {
    jb_facts_impl *f = s->f;
    long id = jb_new_series(f, s->doc, JB_DIM_CATEGORY, c->members[0], c->members[c->n - 1]);
    for (size_t k = 0; k < c->n; k++) {
      jb_fact *x = &f->items[c->members[k]];
      const char *m = eff[c->members[k] - c->first];
      x->series = id;
      x->series_label = prefix_label(s, m, strlen(m) - c->tail);
      x->measure = series_measure(s, m + strlen(m) - c->tail, x->measure);
      if (!strncmp(m + strlen(m) - c->tail, "产业", 6)) { /* 第一产业增加值: 第一产业 */
        char buf[64];
        snprintf(buf, sizeof buf, "%s产业", x->series_label);
        x->series_label = jb_facts_strdup(s->f, buf);
      }
    }
  }
  c->n = 0;
}

/* Facts of one paragraph whose measures differ only in a short head (第一产业增加值,
 * 第二产业增加值; 城镇居民…收入, 农村居民…收入): a category series per unit. */
static void parallel(jb_scan *s, size_t a, size_t b) {
  jb_facts_impl *f = s->f;
  if (b - a < 2 || b - a > 4096) return;
  const char **eff = jb_calloc(f->ctx, b - a, sizeof *eff);
  for (size_t i = a; i < b; i++) eff[i - a] = free_quantity(&f->items[i]) ? share_plain(s, eff_measure(s, i, a)) : NULL;
  chain ch_[8];
  size_t nch = 0;
  for (size_t i = a; i < b; i++) {
    const jb_fact *x = &f->items[i];
    const char *m = eff[i - a];
    if (!m || x->series >= 0) continue;
    chain *c = NULL;
    for (size_t k = 0; k < nch && !c; k++)
      if (ch_[k].kind == (int)x->kind && !strcmp(ch_[k].unit, x->unit)) c = &ch_[k];
    if (!c) {
      if (nch == 8) continue;
      c = &ch_[nch++];
      memset(c, 0, sizeof *c);
      snprintf(c->unit, sizeof c->unit, "%s", x->unit);
      c->kind = (int)x->kind, c->first = a;
    }
    const char *prev = c->n ? eff[c->members[c->n - 1] - a] : NULL;
    /* a rate keeps its own word (增长 beside 增速 is no series), but 增长6.2% and 下降2.4%
     * are one: each fact carries its direction */
    const jb_fact *px = c->n ? &f->items[c->members[c->n - 1]] : NULL;
    const char *own = x->measure, *pown = px ? px->measure : NULL;
    if (prev && (generic_measure(own) || generic_measure(pown)) && !same_rate(x, px)) prev = NULL;
    size_t t = prev ? common_tail(prev, m) : 0, head = 5;
    if (prev && x->direction && px->direction && /* 居住同比上涨2.6%，交通通信同比下降0.1%: one breakdown */
        jb_doc_sentence_at(s->d, x->nstart) == jb_doc_sentence_at(s->d, px->nstart)) { /* of one sentence */
      size_t rt = rate_tail(m, prev);
      if (rt >= t && rt) t = rt, head = 8;
    }
    size_t pm = cps(m, strlen(m) - t), pp = prev ? cps(prev, strlen(prev) - t) : 0;
    int fits = prev && cps(m + strlen(m) - t, t) >= 3 && pm >= 1 && pm <= head && pp >= 1 && pp <= head &&
               !strstr(m + strlen(m) - t, "等") && /* 公交公司等19家, 瑞丰公司等4家: not a breakdown */
               (c->n == 1 || t == c->tail) && c->n < 16;
    if (fits && new_indicator(s, x, px)) fits = 0; /* …服务价格上涨0.5%。全年商品零售价格上涨2.1%: another index */
    if (!fits) {
      close_chain(s, c, eff);
      c->members[0] = i, c->n = 1;
      continue;
    }
    c->tail = t;
    c->members[c->n++] = i;
  }
  for (size_t k = 0; k < nch; k++) close_chain(s, &ch_[k], eff);
  jb_free(f->ctx, eff);
}

void jb_series_more(jb_scan *s) {
  jb_facts_impl *f = s->f;
  long prev_id = -1;
  size_t prev_count = 0, sent = JB_NONE;
  from_memo memo = {JB_NONE, 0, 0};
  for (size_t i = s->first_fact; i < f->n; i++) {
    if (!free_quantity(&f->items[i])) continue;
    size_t si = jb_doc_sentence_at(s->d, f->items[i].nstart);
    if (si != sent) sent = si, prev_id = -1;
    size_t e = from_to(s, i, &memo);
    if (!e) e = joined(s, i, &prev_id, &prev_count);
    if (e) i = e;
  }
  size_t para = JB_NONE, pa = s->first_fact;
  for (size_t i = s->first_fact; i <= f->n; i++) {
    size_t si = i < f->n ? jb_doc_sentence_at(s->d, f->items[i].nstart) : JB_NONE;
    size_t pi = si == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, si);
    if (i == f->n || pi != para) {
      parallel(s, pa, i);
      para = pi, pa = i;
    }
  }
  jb_series_rows(s);
  jb_series_parts(s);
}
