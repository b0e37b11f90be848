/* Category series a report writes as records or as a list of named items:
 *   城乡住房项目69个，完成投资14.40亿元；社会事业项目38个，完成投资3.61亿元；…
 *       rows after ；with the same figures in the same order: one series per column,
 *       labelled by what opens each row (城乡住房, 社会事业)
 *   建成高原美丽城镇12个、高原美丽乡村39个;  选派291名挂职干部、1764名专技人才
 *       figures of one unit each with its own noun, joined by 、和及: labelled by the nouns
 * Rows or lists that hold a year or a date are left alone (a time series is another
 * form), as are rates of different directions (增长 beside 下降). */
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }

static int free_q(const jb_fact *x) {
  return !x->is_label && x->series < 0 && x->kind != JB_KIND_YEAR && x->kind != JB_KIND_DATE &&
         x->value_type == JB_VALUE_NUMBER && x->unit[0];
}

static int timeish(const jb_fact *x) { return x->kind == JB_KIND_YEAR || x->kind == JB_KIND_DATE; }

/* A rate's own word (增长, 下降 …) when its measure is one; "" otherwise. */
static const char *rate_word(const jb_fact *x) {
  static const char *const w[] = {"增长", "下降", "增加", "减少", "提高", "降低", NULL};
  for (size_t k = 0; x->measure && w[k]; k++)
    if (strstr(x->measure, w[k])) return w[k];
  return "";
}

/* Changes of either direction are one column: each fact carries its direction. */
static int same_col(const jb_fact *a, const jb_fact *b) {
  return a->kind == b->kind && !strcmp(a->unit, b->unit) &&
         ((a->direction && b->direction) || !strcmp(rate_word(a), rate_word(b)));
}

/* ---- rows over ；------------------------------------------------------------------- */

#define MAX_COLS 6
#define MAX_ROWS 16

typedef struct row {
  size_t m[MAX_COLS], n; /* its figures (quantities with a unit; labels are skipped) */
  int years[4], ny;      /* years and dates after its first figure (比2010年): the same in every row */
  int ok;                /* 1..MAX_COLS figures, at most 4 such years */
  uint32_t end_sep;      /* the separator that closes it */
} row;

static int figure(const jb_fact *x) {
  return !x->is_label && !timeish(x) && x->value_type == JB_VALUE_NUMBER && x->unit[0];
}

/* Bytes of a without a trailing rate word (地区生产总值增长 -> 地区生产总值). */
static size_t stem_len(const char *a) {
  static const char *const w[] = {"增长", "下降", "增加", "减少", "提高", "降低", "增速", "增幅", NULL};
  size_t la = strlen(a);
  for (size_t k = 0; w[k]; k++) {
    size_t lw = strlen(w[k]);
    if (la > lw && !strcmp(a + la - lw, w[k])) return la - lw;
  }
  return la;
}

static size_t shared_tail(const char *a, const char *b) {
  size_t la = stem_len(a), lb = stem_len(b), n = 0;
  while (n < la && n < lb && a[la - 1 - n] == b[lb - 1 - n]) n++;
  while (n > 0 && ((unsigned char)a[la - n] & 0xC0) == 0x80) n--;
  return n;
}

/* Characters of m before its shared tail of t bytes (and its rate word). */
static size_t head_chars(const char *m, size_t t) {
  size_t n = 0, len = stem_len(m) - t;
  for (size_t i = 0; i < len; i++) {
    if (!strncmp(m + i, "了", 3) || !strncmp(m + i, "是", 3) || !strncmp(m + i, "：", 3)) n = 0, i += 2;
    else n += ((unsigned char)m[i] & 0xC0) != 0x80; /* after 了 是 ：, as the label is cut */
  }
  return n;
}

/* One series per column whose members are in no series yet; labels from the head of
 * each row's first measure without the tail the rows share (项目 of 社会事业项目). */
static void make_rows_series(jb_scan *s, const row *r, size_t nr) {
  jb_facts_impl *f = s->f;
  size_t tail = (size_t)-1;
  for (size_t k = 1; k < nr; k++) {
    const char *a = f->items[r[0].m[0]].measure, *b = f->items[r[k].m[0]].measure;
    size_t t = a && b ? shared_tail(a, b) : 0;
    if (t < tail) tail = t;
  }
  for (size_t c = 0; c < r[0].n; c++) {
    int taken = 0;
    for (size_t k = 0; k < nr; k++) taken |= f->items[r[k].m[c]].series >= 0;
    if (taken) continue;
    long id = jb_new_series(f, s->doc, JB_DIM_CATEGORY, r[0].m[c], r[nr - 1].m[c]);
    for (size_t k = 0; k < nr; k++) {
      jb_fact *x = &f->items[r[k].m[c]];
      const char *m = f->items[r[k].m[0]].measure;
      x->series = id;
      size_t head = m ? stem_len(m) : 0;
      if (m && head > tail && head - tail < 64) {
        char buf[64];
        memcpy(buf, m, head - tail);
        buf[head - tail] = 0;
        char *l = buf; /* after the last 了 是 ： of the head (这些项目包括了城乡住房…) */
        for (char *p = buf; *p; p++)
          if (!strncmp(p, "了", 3) || !strncmp(p, "是", 3) || !strncmp(p, "：", 3)) l = p + 3;
        if (*l) x->series_label = jb_facts_strdup(f, l);
      }
    }
  }
}

static int rows_match(const jb_facts_impl *f, const row *a, const row *b) {
  if (!a->ok || !b->ok || a->n != b->n || a->ny != b->ny || (a->end_sep != 0xFF1B && a->end_sep != ';'))
    return 0;
  for (int y = 0; y < a->ny; y++)
    if (a->years[y] != b->years[y]) return 0;
  for (size_t c = 0; c < a->n; c++)
    if (!same_col(&f->items[a->m[c]], &f->items[b->m[c]])) return 0;
  const char *ma = f->items[a->m[0]].measure, *mb = f->items[b->m[0]].measure;
  /* told apart by what opens them, and of one thing (城镇人口, 乡村人口; …项目, …项目), not
   * indicators side by side (地区生产总值…；固定资产投资…; 地方一般公共预算收入…；全体居民
   * 人均可支配收入…: heads that long name measures, not categories) */
  if (!ma || !mb || !strcmp(ma, mb)) return 0;
  size_t t = shared_tail(ma, mb);
  if (t < 6) return 0;
  /* rows of one figure each (or a level and its rate): long heads name measures, not categories (全体居民人均可支配收入
   * 23735元；地方公共财政预算收入6.46亿元); records of a count and its money may have long
   * names (城乡住房及城镇基础设施项目69个，到位援助资金5.49亿元) */
  /* one figure a row, or a level and its rate: indicators side by side unless their heads are short */
  int indicator = a->n == 1 || f->items[a->m[a->n - 1]].kind == JB_KIND_PERCENT;
  return !indicator || (head_chars(ma, t) <= 6 && head_chars(mb, t) <= 6);
}

static int year_key(const jb_fact *x) {
  if (x->kind == JB_KIND_YEAR) return (int)x->value;
  unsigned k = 0; /* a date: its characters */
  for (const char *p = x->date; *p; p++) k = k * 31u + (unsigned char)*p;
  return (int)(k & 0x7FFFFFFF);
}

/* The row from fact i: up to the next ；。！？ between two facts of [i, b). */
static size_t read_row(const jb_scan *s, size_t i, size_t b, row *cur) {
  const jb_facts_impl *f = s->f;
  *cur = (row){{0}, 0, {0}, 0, 1, 0};
  size_t j = i;
  for (; j < b; j++) {
    const jb_fact *x = &f->items[j];
    if (j > i) {
      size_t k = f->items[j - 1].nend;
      while (k < x->nstart && !jb_segment_sep(s->t[k])) k++;
      if (k < x->nstart) {
        cur->end_sep = s->t[k];
        return j;
      }
    }
    if (timeish(x) && cur->n) {
      if (cur->ny == 4) cur->ok = 0;
      else cur->years[cur->ny++] = year_key(x);
    } else if (figure(x)) {
      if (cur->n == MAX_COLS) cur->ok = 0;
      else cur->m[cur->n++] = j;
    }
  }
  size_t k = f->items[j - 1].nend; /* the last row: the separator after its last fact */
  while (k < s->n && !jb_segment_sep(s->t[k])) k++;
  cur->end_sep = ch(s, k);
  return j;
}

/* The rows of the facts [a, b) of one paragraph. */
static void rows(jb_scan *s, size_t a, size_t b) {
  row r[MAX_ROWS];
  size_t nr = 0;
  for (size_t i = a; i < b;) {
    row cur;
    i = read_row(s, i, b, &cur);
    if (!cur.n) cur.ok = 0;
    if (nr && (!rows_match(s->f, &r[nr - 1], &cur) || nr == MAX_ROWS)) {
      if (nr >= 2) make_rows_series(s, r, nr);
      nr = 0;
    }
    r[nr++] = cur;
  }
  if (nr >= 2) make_rows_series(s, r, nr);
}

/* ---- named items joined by 、和及 ---------------------------------------------------- */

/* Han characters of a noun between a and b (no digits, punctuation or verbs of the
 * clause), 2 to 12 of them. */
static int noun_span(const jb_scan *s, size_t a, size_t b) {
  if (b < a + 2 || b > a + 12) return 0;
  for (size_t k = a; k < b; k++)
    if (!jb_is_han(s->t[k]) || jb__cp_in(s->t[k], "、和及与")) return 0;
  return 1;
}

static int joiner(uint32_t c) { return c == 0x3001 || c == 0x548C || c == 0x53CA; } /* 、和及 */

/* Between facts x and y: "<noun>、" (a number before its noun: 291名挂职干部、1764名…)
 * gives 1, "、<noun>" (a noun before its number: 城镇12个、乡村39个) gives 2, else 0. */
static int list_link(const jb_scan *s, const jb_fact *x, const jb_fact *y) {
  size_t a = x->nend, b = y->nstart;
  if (b <= a || b - a > 13) return 0;
  if (joiner(s->t[b - 1]) && noun_span(s, a, b - 1)) return 1;
  if (joiner(s->t[a]) && noun_span(s, a + 1, b)) return 2;
  return 0;
}

/* The noun right after a fact (up to a separator, a joiner or 到/在), 2..12 Han. */
static size_t noun_after(const jb_scan *s, size_t a) {
  size_t k = a;
  if (ch(s, k) == 0x201C) { /* a quoted name: 21个“一抓双促”示范镇 */
    while (k < s->n && k < a + 12 && s->t[k] != 0x201D) k++;
    if (ch(s, k) != 0x201D) return 0;
    return k + 1 - a >= 4 ? k + 1 : 0;
  }
  while (k < s->n && k < a + 12 && jb_is_han(s->t[k]) && !joiner(s->t[k]) &&
         !jb__cp_in(s->t[k], "到在赴于为的"))
    k++;
  return k >= a + 2 ? k : 0;
}

/* Where the noun before st starts: after the verb or punctuation before it (累计发放
 * 城乡低保金, 其中党政干部), at most len characters back; st when none. */
static size_t noun_before(const jb_scan *s, size_t st, size_t len) {
  static const char *const verbs[] = {"发放", "建成", "认证", "签署", "选派", "实施", "完成", "引进",
                                      "投入", "新建", "培训", "安排", "落实", "打造", "组织", "帮助",
                                      "援建", "累计", "共有", "达到", "加工", "提供", "其中", "包括",
                                      "转移", "带动", "解决", "销售", "生产", "建设", "创建", "实现", NULL};
  size_t k = st;
  while (k > 0 && st - k < (len > 2 ? len : 2) && jb_is_han(s->t[k - 1]) && !jb__cp_in(s->t[k - 1], "、和及与的了是为有")) {
    if (k >= 2 && jb_match_any_before(s->t, k, verbs)) break;
    k--;
  }
  return st - k >= 2 ? k : st;
}

static void listed(jb_scan *s, size_t a, size_t b) {
  jb_facts_impl *f = s->f;
  for (size_t i = a; i + 1 < b; i++) {
    if (!free_q(&f->items[i])) continue;
    int form = list_link(s, &f->items[i], &f->items[i + 1]);
    if (!form || !free_q(&f->items[i + 1]) || !same_col(&f->items[i], &f->items[i + 1])) continue;
    size_t last = i + 1;
    while (last + 1 < b && free_q(&f->items[last + 1]) && same_col(&f->items[i], &f->items[last + 1]) &&
           list_link(s, &f->items[last], &f->items[last + 1]) == form && last - i < 15)
      last++;
    size_t end_noun = form == 1 ? noun_after(s, f->items[last].nend) : 0;
    if (form == 1 && !end_noun) continue;
    size_t st = f->items[i].nstart, len = f->items[i + 1].nstart - f->items[i].nend - 1;
    if (form == 2 && (len > 8 || noun_before(s, st, len) == st)) continue;
    long id = jb_new_series(f, s->doc, JB_DIM_CATEGORY, i, last);
    for (size_t m = i; m <= last; m++) {
      jb_fact *x = &f->items[m];
      x->series = id;
      if (form == 1) { /* the noun after the number */
        size_t e = m < last ? f->items[m + 1].nstart - 1 : end_noun;
        x->series_label = jb_facts_cps(f, s->t, x->nend, e);
      } else if (m > i) { /* the noun before the number */
        x->series_label = jb_facts_cps(f, s->t, f->items[m - 1].nend + 1, x->nstart);
      }
    }
    if (form == 2) { /* the first's noun (累计建成高原美丽城镇12个) */
      size_t from = noun_before(s, st, len);
      if (from < st) f->items[i].series_label = jb_facts_cps(f, s->t, from, st);
    }
    i = last;
  }
}

void jb_series_rows(jb_scan *s) {
  static const jb_para_fn fns[] = {rows, listed};
  jb_each_paragraph(s, fns, 2);
}

void jb_each_paragraph(jb_scan *s, const jb_para_fn *fns, size_t n) {
  jb_facts_impl *f = s->f;
  size_t para = JB_NONE, pa = s->first_fact;
  for (size_t i = s->first_fact; i <= f->n; i++) {
    size_t si = i < f->n ? jb_doc_sentence_at(s->d, f->items[i].nstart) : JB_NONE;
    size_t pi = si == JB_NONE ? JB_NONE : jb_doc_sentence_paragraph(s->d, si);
    if (i == f->n || pi != para) {
      for (size_t k = 0; k < n && i > pa; k++) fns[k](s, pa, i);
      para = pi, pa = i;
    }
  }
}
