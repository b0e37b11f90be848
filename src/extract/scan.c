/* Recognition of numeric mentions in the normalized text of one document.
 * One left-to-right pass; at each position a few cheap tests decide whether a
 * mention can start there, and each mention is parsed greedily:
 *   [qualifier] number [多|余] [万|亿|千] [多|余] [range] [unit] [以上|以下|左右 …]
 * plus the special forms: dates and years, 第N ordinals and ranks, list markers,
 * N+N names, fixed numeric names (data/numeric_names.tsv), 百分之N, N成. */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"


/* ---- small helpers ---------------------------------------------------------------- */

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }
static int at(const jb_scan *s, size_t i, const char *w) {
  return jb_match_ascii_cn(s->t, s->n, i, w);
}

#define is_clause_sep jb_clause_sep

/* A clause starts at p: paragraph start or after punctuation. */
int jb_clause_start(const jb_scan *s, size_t p) {
  if (p == 0) return 1;
  uint32_t c = s->t[p - 1];
  return is_clause_sep(c) || jb_is_hspace(c) || jb__cp_in(c, "“（(《、");
}

static int starts_number(const jb_scan *s, size_t i) {
  uint32_t c = ch(s, i);
  return jb_is_digit(c) || jb_is_cn_numeral(c);
}

/* The unit or classifier at k: index into jb_units (or -1) and its length. */
static long unit_at(const jb_scan *s, size_t k, size_t *len) {
  long e = jb_lex_match(&s->g->units, s->t, s->n, k);
  if (e < 0) {
    if (len) *len = 0;
    return -1;
  }
  if (len) *len = s->g->units.e[e].n;
  return s->g->units.e[e].payload;
}

jb_fact *jb_new_fact(jb_scan *s, size_t ns, size_t ne, jb_fact_kind kind) {
  jb_facts_impl *f = s->f;
  f->items = jb_grow(f->ctx, f->items, &f->cap, f->n + 1, sizeof *f->items);
  jb_fact *x = &f->items[f->n++];
  memset(x, 0, sizeof *x);
  x->doc = s->doc;
  x->nstart = ns;
  x->nend = ne;
  x->kind = kind;
  x->series = -1;
  x->value_type = JB_VALUE_NUMBER;
  return x;
}

void jb_set_unit(jb_fact *x, const char *u) {
  snprintf(x->unit, sizeof x->unit, "%s", u ? u : "");
}

void jb_set_unit_cps(jb_fact *x, const uint32_t *t, size_t a, size_t b) {
  size_t w = 0;
  for (size_t k = a; k < b; k++) {
    char tmp[4];
    size_t m = jb_utf8_encode(t[k], tmp);
    if (w + m >= sizeof x->unit) break;
    memcpy(x->unit + w, tmp, m);
    w += m;
  }
  x->unit[w] = 0;
}

void jb_set_value(jb_fact *x, double v, int overflow) {
  x->value_type = JB_VALUE_NUMBER;
  x->value = v;
  x->value_overflow = overflow;
}

void jb_add_texpr(jb_scan *s, size_t pos, size_t end, int type, int y1, int y2, int month) {
  s->tx = jb_grow(s->f->ctx, s->tx, &s->cap_tx, s->n_tx + 1, sizeof *s->tx);
  s->tx[s->n_tx++] = (jb_texpr){pos, end, type, y1, y2, month};
}

static int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && y > 0 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[(m - 1) % 12];
}

static int parse_num_at(const jb_scan *s, size_t i, jb_num *x) {
  if (jb_is_digit(ch(s, i))) return jb_parse_arabic(s->t, s->n, i, x);
  return jb_parse_chinese(s->t, s->n, i, x);
}

static int small_int(const jb_num *x, int lo, int hi) {
  return x->integer && !x->overflow && x->value >= lo && x->value <= hi;
}

static int is_year(const jb_num *x) {
  return small_int(x, 1900, 2100) && (x->positional || (!x->chinese && x->ndigits == 4));
}

static int is_range_conn(uint32_t c) { return jb__cp_in(c, "至到-—–~～－"); }

/* ---- dates and years ----------------------------------------------------------------- */

/* Month [day] after position k (just after 年 or at the month number).
 * Returns the end, or 0 when no month follows. */
static size_t month_day_raw(jb_scan *s, size_t k, int year, char *date, size_t cap);
static size_t month_day(jb_scan *s, size_t k, int year, char *out, size_t out_cap) {
  char date[64];
  size_t cap = sizeof date;
  size_t r = month_day_raw(s, k, year, date, cap);
  if (r) snprintf(out, out_cap, "%.15s", date);
  return r;
}

static size_t month_day_raw(jb_scan *s, size_t k, int year, char *date, size_t cap) {
  jb_num m, d;
  if (!starts_number(s, k) || !parse_num_at(s, k, &m) || !small_int(&m, 1, 12) ||
      ch(s, m.end) != 0x6708 /* 月 */)
    return 0;
  int mo = (int)m.value;
  size_t e = m.end + 1;
  char y[16];
  if (year > 0) snprintf(y, sizeof y, "%04d", year);
  else snprintf(y, sizeof y, "XXXX");
  if (starts_number(s, e) && parse_num_at(s, e, &d) && small_int(&d, 1, 31) &&
      jb__cp_in(ch(s, d.end), "日号")) {
    snprintf(date, cap, "%s-%02d-%02d", y, mo, (int)d.value);
    return d.end + 1;
  }
  if (jb__cp_in(ch(s, e), "底末")) {
    snprintf(date, cap, "%s-%02d-%02d", y, mo, days_in_month(year, mo));
    return e + 1;
  }
  if (ch(s, e) == 0x521D /* 初 */) {
    snprintf(date, cap, "%s-%02d-01", y, mo);
    return e + 1;
  }
  snprintf(date, cap, "%s-%02d", y, mo);
  return e + (ch(s, e) == 0x4EFD /* 6月份 */);
}

static int is_multiplier_or_unit(const jb_scan *s, size_t k) {
  uint32_t c = ch(s, k);
  return jb__cp_in(c, "万亿千百多余") || unit_at(s, k, NULL) >= 0;
}

/* 自2021年以来, 从2015年起, 自1995年对口支援日喀则地区以来: a start that holds on. */
static int since_clause(const jb_scan *s, size_t p, size_t e) {
  if (at(s, e, "以来") || (at(s, e, "来") && !at(s, e, "来自"))) return 1; /* 2015年以来 */
  if (p < 1 || !jb__cp_in(ch(s, p - 1), "自从")) {
    /* 2010年新一轮对口援疆以来: 以来 later in the clause, no other number between */
    for (size_t k = e; k < s->n && k < e + 16 && !is_clause_sep(s->t[k]); k++) {
      if (jb_is_digit(s->t[k])) return 0;
      if (at(s, k, "以来")) return 1;
    }
    return 0;
  }
  if (at(s, e, "起")) return 1;
  for (size_t k = e; k < s->n && k < e + 48 && !is_clause_sep(s->t[k]); k++)
    if (at(s, k, "以来")) return 1;
  return 0;
}

/* Year forms at an Arabic or digit-by-digit year. Returns the end, or 0. */
static size_t year_forms(jb_scan *s, size_t p, const jb_num *a) {
  int y = (int)a->value;
  size_t k = a->end;
  if (ch(s, k) == 0x5E74 /* 年 */ && jb__cp_in(ch(s, k + 1), "底末初")) {
    jb_fact *x = jb_new_fact(s, p, k + 2, JB_KIND_DATE); /* 2022年底 */
    x->value_type = JB_VALUE_DATE;
    snprintf(x->date, sizeof x->date, ch(s, k + 1) == 0x521D ? "%04d-01-01" : "%04d-12-31", y);
    jb_add_texpr(s, p, k + 2, TX_YEAR, y, y, 0);
    return k + 2;
  }
  if (ch(s, k) == 0x5E74 /* 年 */) {
    char date[16];
    size_t e = month_day(s, k + 1, y, date, sizeof date);
    if (e) {
      jb_fact *x = jb_new_fact(s, p, e, JB_KIND_DATE);
      x->value_type = JB_VALUE_DATE;
      snprintf(x->date, sizeof x->date, "%s", date);
      int mo = atoi(date + 5);
      if (since_clause(s, p, e))
        jb_add_texpr(s, p, e, TX_MONTH_SINCE, y, y, mo);
      else jb_add_texpr(s, p, e, TX_YEAR, y, y, 0);
      return e;
    }
    jb_num b;
    if (is_range_conn(ch(s, k + 1)) && parse_num_at(s, k + 2, &b) && is_year(&b) &&
        b.value > y) {
      size_t e2 = b.end + (ch(s, b.end) == 0x5E74);
      jb_fact *x = jb_new_fact(s, p, e2, JB_KIND_YEAR);
      x->value_type = JB_VALUE_RANGE, x->lo = y, x->hi = b.value;
      jb_set_unit(x, "年");
      jb_add_texpr(s, p, e2, TX_RANGE, y, (int)b.value, 0);
      return e2;
    }
    size_t e2 = k + 1 + (ch(s, k + 1) == 0x5EA6 /* 度 */);
    jb_fact *x = jb_new_fact(s, p, e2, JB_KIND_YEAR);
    jb_set_value(x, y, 0);
    jb_set_unit(x, "年");
    int type = TX_YEAR;
    if (since_clause(s, p, e2))
      type = TX_SINCE;
    else if (p >= 1 && jb__cp_in(ch(s, p - 1), "较比"))
      type = TX_COMPARE;
    else if (p >= 1 && jb__cp_in(ch(s, p - 1), "是为") && ch(s, e2) == 0x7684 /* 是2010年的2.18倍 */)
      type = TX_BASE;
    jb_add_texpr(s, p, e2, type, y, y, 0);
    return e2;
  }
  jb_num b;
  if (!a->positional && is_range_conn(ch(s, k)) && parse_num_at(s, k + 1, &b) && is_year(&b) &&
      b.value > y) {
    int with_year = ch(s, b.end) == 0x5E74;
    size_t e = b.end + with_year;
    jb_fact *x = jb_new_fact(s, p, e, JB_KIND_YEAR);
    x->value_type = JB_VALUE_RANGE, x->lo = y, x->hi = b.value;
    jb_set_unit(x, "年");
    x->is_label = !with_year; /* (2022-2025) after a document title */
    if (with_year) jb_add_texpr(s, p, e, TX_RANGE, y, (int)b.value, 0);
    return e;
  }
  if (!is_multiplier_or_unit(s, k) && !jb__cp_in(ch(s, k), ".%")) {
    jb_fact *x = jb_new_fact(s, p, k, JB_KIND_YEAR); /* “2023作风提升年” */
    jb_set_value(x, y, 0);
    x->is_label = 1;
    return k;
  }
  return 0;
}

/* ---- special forms ------------------------------------------------------------------- */

/* 1+1+5, 3+3, 1+N; 28+10项 is a count. */
static size_t plus_form(jb_scan *s, size_t p) {
  size_t k = p;
  double sum = 0;
  int numeric = 1, terms = 0;
  for (;;) {
    jb_num x;
    if (jb_is_digit(ch(s, k)) && jb_parse_arabic(s->t, s->n, k, &x)) {
      sum += x.value;
      k = x.end;
    } else if (jb_is_latin(ch(s, k)) && !jb_is_latin(ch(s, k + 1))) {
      numeric = 0;
      k++;
    } else {
      break;
    }
    terms++;
    if (ch(s, k) != '+' || !(jb_is_digit(ch(s, k + 1)) || jb_is_latin(ch(s, k + 1)))) break;
    k++;
  }
  if (terms < 2) return 0;
  size_t ul;
  long u = unit_at(s, k, &ul);
  if (numeric && u >= 0 && jb_units[u].cls == U_COUNT) {
    size_t e = k + ul;
    jb_fact *x = jb_new_fact(s, p, e, JB_KIND_COUNT);
    jb_set_value(x, sum, 0);
    jb_set_unit_cps(x, s->t, k, e);
    return e;
  }
  jb_fact *x = jb_new_fact(s, p, k, JB_KIND_OTHER);
  x->value_type = JB_VALUE_NONE;
  x->is_label = 1;
  return k;
}

static const char *const rank_words[] = {"位居", "位列", "排名", "排在", "名列", "位于",
                                         "居",   "列",   "排",   NULL};

/* A ranking verb in the clause before position i (at most 10 characters back). */
static int rank_context(const jb_scan *s, size_t i) {
  for (size_t k = i, steps = 0; k > 0 && steps < 10; k--, steps++) {
    if (is_clause_sep(s->t[k - 1])) break;
    if (jb_match_any_before(s->t, k, rank_words)) return 1;
  }
  return 0;
}

/* 第N…: ordinal label, or a rank (第一名, 位居第二). */
static size_t ordinal(jb_scan *s, size_t i) {
  jb_num a;
  if (!starts_number(s, i + 1) || !parse_num_at(s, i + 1, &a)) return 0;
  size_t k = a.end;
  int of;
  double v = jb_num_value(&a, 0, &of);
  if (ch(s, k) == 0x540D /* 名 */) {
    jb_fact *x = jb_new_fact(s, i, k + 1, JB_KIND_RANK);
    jb_set_value(x, v, of);
    jb_set_unit(x, "名");
    return k + 1;
  }
  size_t ul;
  long u = unit_at(s, k, &ul);
  if (u >= 0 && ul == 1 && s->t[k] == 0x4F4D /* 位居全国第5位 */ && rank_context(s, i)) {
    jb_fact *x = jb_new_fact(s, i, k + 1, JB_KIND_RANK);
    jb_set_value(x, v, of);
    jb_set_unit(x, "位");
    return k + 1;
  }
  if (u >= 0 && (jb_units[u].cls == U_COUNT || jb_units[u].cls == U_ORD)) {
    size_t e = k + ul;
    jb_fact *x = jb_new_fact(s, i, e, JB_KIND_ORDINAL);
    jb_set_value(x, v, of);
    jb_set_unit_cps(x, s->t, k, e);
    x->is_label = 1;
    return e;
  }
  if (rank_context(s, i)) {
    jb_fact *x = jb_new_fact(s, i, k, JB_KIND_RANK);
    jb_set_value(x, v, of);
    return k;
  }
  jb_fact *x = jb_new_fact(s, i, k, JB_KIND_ORDINAL);
  jb_set_value(x, v, of);
  x->is_label = 1;
  /* 第十三、第十四次会议: the classifier is shared */
  jb_num b;
  if (ch(s, k) == 0x3001 && ch(s, k + 1) == 0x7B2C && parse_num_at(s, k + 2, &b)) {
    size_t ul2;
    long u2 = unit_at(s, b.end, &ul2);
    if (u2 >= 0 && jb_units[u2].cls != U_MONEY) jb_set_unit_cps(x, s->t, b.end, b.end + ul2);
  }
  return k;
}

static const char *const people_nouns[] = {
    "人口", "群众", "农牧民", "农民", "牧民", "居民", "游客", "干部", "职工", "学生",
    "人民", "党员", "患者", "儿童", "妇女", "老人", "村民", "市民", "员工", "劳动力",
    "人才", "师生", "贫困人口", "家庭", NULL};

static const char *const slogan_nouns[] = {
    "目标", "确立", "维护", "意识", "自信", "务必", "坚持", "赋予", "有利于", "必须",
    "统筹", "大局", "基本点", "代表", "结合", "全面", "一百年", "离不开", "倍增", NULL};

/* ---- the general quantity ------------------------------------------------------------- */

static int qualifier_suffix(const jb_scan *s, size_t k, size_t *len) {
  static const struct { const char *w; int q; } sfx[] = {
      {"以上", JB_Q_AT_LEAST}, {"以下", JB_Q_LESS_THAN}, {"以内", JB_Q_LESS_THAN},
      {"左右", JB_Q_APPROX}};
  for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
    int m = at(s, k, sfx[i].w);
    if (m) {
      *len = (size_t)m;
      return sfx[i].q;
    }
  }
  *len = 0;
  return -1;
}

/* Powers of ten written after an Arabic number: 万, 亿, 千 (not of 千瓦). */
static size_t multipliers(const jb_scan *s, size_t k, int *exp10) {
  for (;;) {
    uint32_t c = ch(s, k);
    if (c == 0x4E07) *exp10 += 4;
    else if (c == 0x4EBF) *exp10 += 8;
    else if (c == 0x5343 && !jb__cp_in(ch(s, k + 1), "瓦伏克米卡帕焦")) *exp10 += 3;
    else return k;
    k++;
  }
}

static int in_quote(const jb_scan *s, size_t p) { return (s->flags[p] & F_QUOTE) != 0; }
static int in_heading(const jb_scan *s, size_t p) { return (s->flags[p] & F_HEADING) != 0; }

/* Relative year phrases around a duration: 一年来, 过去的一年 (the last year);
 * 十年来, 30年以来 (since N years before the report); 过去五年, 近三年 (the last N);
 * 今后五年, 未来三年 (the next N). Resolved against the report's date (period.c). */
static void relative_year(jb_scan *s, size_t p, size_t e, double v) {
  static const char *const past[] = {"过去的", "过去", "这", NULL};
  static const char *const next[] = {"今后", "未来", "此后", NULL};
  static const char *const since[] = {"来", "以来", "里", "中", "的努力", NULL};
  if (v < 1 || v > 100) return;
  int n = (int)v;
  size_t pe = p;
  while (pe > 0 && jb__cp_in(s->t[pe - 1], "这")) pe--;
  if (n == 1) { /* 一年来 is a span up to the report's date (period.c), 过去的一年 the last year */
    if (jb_match_any_before(s->t, p, past)) jb_add_texpr(s, p, e, TX_YEAR, REL_PAST_YEAR, 0, 0);
    else if (at(s, e, "来") || at(s, e, "以来")) jb_add_texpr(s, p, e, TX_SINCE, REL_N_SINCE, 1, 0);
    else if (jb_match_any(s->t, s->n, e, since)) jb_add_texpr(s, p, e, TX_YEAR, REL_PAST_YEAR, 0, 0);
    return;
  }
  if ((p >= 2 && at(s, p - 2, "连续")) || at(s, e, "平均") || at(s, e, "年均"))
    jb_add_texpr(s, p, e, TX_RANGE, REL_SCOPE_N, n, 0);
  else if (jb_match_any_before(s->t, p, next)) jb_add_texpr(s, p, e, TX_RANGE, REL_NEXT_N, n, 0);
  else if (jb_match_any_before(s->t, p, past) || (p > 0 && s->t[p - 1] == 0x8FD1 /* 近 */))
    jb_add_texpr(s, p, e, TX_RANGE, REL_PAST_N, n, 0);
  else if (jb_match_any(s->t, s->n, e, since) && (at(s, e, "来") || at(s, e, "以来")))
    jb_add_texpr(s, p, e, TX_SINCE, REL_N_SINCE, n, 0);
}

/* A month (and day) without a year at p: 7月底, 6月份, 八月. The end, or 0. */
static size_t month_fact(jb_scan *s, size_t p) {
  char date[16];
  size_t e = month_day(s, p, 0, date, sizeof date);
  if (!e) return 0;
  jb_fact *x = jb_new_fact(s, p, e, JB_KIND_DATE);
  x->value_type = JB_VALUE_DATE;
  snprintf(x->date, sizeof x->date, "%s", date);
  return e;
}

/* After a bare power (百, 千亿): a unit of amount follows. */
static int bare_amount(const jb_scan *s, size_t k) {
  int e = 0;
  k = multipliers(s, k, &e);
  long u = unit_at(s, k, NULL);
  return u >= 0 && (jb_units[u].cls == U_MONEY || jb_units[u].cls == U_PHYS || jb_units[u].cls == U_COUNT);
}

static size_t quantity(jb_scan *s, size_t p, size_t qs, int q, int unique) {
  const uint32_t *t = s->t;
  jb_num a;
  if (!parse_num_at(s, p, &a)) return 0;
  int chinese = a.chinese;
  size_t k = a.end;
  if (chinese && k - p >= 2 && t[k - 1] == 0x5343 && jb__cp_in(ch(s, k), "瓦伏克米")) {
    jb_parse_chinese(t, k - 1, p, &a); /* 三千瓦 is 3 千瓦 */
    k = a.end;
  }
  if (!chinese) {
    if (ch(s, k) == '+' && (jb_is_digit(ch(s, k + 1)) || jb_is_latin(ch(s, k + 1)))) {
      size_t e = plus_form(s, p);
      if (e) return e;
    }
    if ((p > 0 && jb_is_latin(t[p - 1])) || jb_is_latin(ch(s, k))) { /* G318, 5G */
      size_t e = k;
      while (jb_is_alnum(ch(s, e))) e++;
      jb_fact *x = jb_new_fact(s, p, e, JB_KIND_OTHER);
      jb_set_value(x, a.value, a.overflow);
      x->is_label = 1;
      return e;
    }
    if (is_year(&a) && qs == p) {
      size_t e = year_forms(s, p, &a);
      if (e) return e;
    }
    if (small_int(&a, 1, 12) && ch(s, k) == 0x6708 && !(p > 0 && jb__cp_in(t[p - 1], "个几数每"))) {
      size_t e = month_fact(s, p);
      if (e) return e;
    }
  } else if (a.positional) {
    size_t e = year_forms(s, p, &a);
    if (e) return e;
  } else if (small_int(&a, 1, 12) && ch(s, k) == 0x6708 && qs == p &&
             !(p > 0 && jb__cp_in(t[p - 1], "个几数每上下本前后近"))) {
    size_t e = month_fact(s, p); /* 八月的西藏 */
    if (e) return e;
  }

  /* percent written in Chinese: 八成 */
  if (ch(s, k) == 0x6210 /* 成 */ && a.integer && a.value <= 10 &&
      !jb__cp_in(ch(s, k + 1), "为立员果绩功本效熟长都")) {
    size_t sl;
    int qs2 = qualifier_suffix(s, k + 1, &sl);
    jb_fact *x = jb_new_fact(s, qs, k + 1 + sl, JB_KIND_PERCENT);
    jb_set_value(x, a.value * 10, 0);
    jb_set_unit(x, "%");
    x->qualifier = q >= 0 ? q : qs2 >= 0 ? qs2 : JB_Q_EXACT;
    return x->nend;
  }
  /* 三年一轮换: one span */
  if (ch(s, k) == 0x5E74 && ch(s, k + 1) == 0x4E00) {
    static const char *const cyc[] = {"轮换", "换", "届", "次", "轮", NULL};
    size_t m = jb_match_any(t, s->n, k + 2, cyc);
    if (m) {
      jb_fact *x = jb_new_fact(s, p, k + 2 + m, JB_KIND_OTHER);
      jb_set_value(x, a.value, a.overflow);
      jb_set_unit(x, "年");
      return x->nend;
    }
  }
  if (chinese && qs == p) {
    size_t e = jb_chinese_label(s, p, &a);
    if (e) return e;
  }

  int qin = -1, mexp = 0;
  if (jb__cp_in(ch(s, k), "多余") && k > p) qin = JB_Q_MORE_THAN, k++;
  /* a bare power (千, 百万) is a number only as 千余 or inside quotes: 千方百计 is not */
  if (chinese && a.bare_unit && qin < 0 && !in_quote(s, p) && !(q >= 0 && bare_amount(s, k)))
    return 0; /* 突破百万吨, 超千亿元: a qualifier and a unit make a bare power a number */
  if (!chinese && ch(s, k) == ' ' && (jb__cp_in(ch(s, k + 1), "万亿") || unit_at(s, k + 1, NULL) >= 0))
    k++; /* 1.22 万亩 */
  k = multipliers(s, k, &mexp);
  if (qin < 0 && jb__cp_in(ch(s, k), "多余") && mexp > 0) qin = JB_Q_MORE_THAN, k++;

  /* ranges: 2—3岁, 3至5万元 */
  jb_num b;
  int range = 0, bexp = 0;
  if (qin < 0 && is_range_conn(ch(s, k)) && starts_number(s, k + 1) &&
      (jb_is_digit(ch(s, k + 1)) != chinese) && parse_num_at(s, k + 1, &b) &&
      ch(s, b.end) != 0x6708) {
    size_t kb = multipliers(s, b.end, &bexp);
    if (unit_at(s, kb, NULL) >= 0 || bexp) {
      range = 1;
      if (!mexp) mexp = bexp;
      k = kb;
    }
  }

  size_t ul;
  long u = unit_at(s, k, &ul);
  int of = 0, ofb = 0;
  double v = jb_num_value(&a, mexp, &of);
  size_t e = k;
  jb_fact_kind kind = JB_KIND_OTHER;
  const char *unit = NULL;
  int label = 0, cls = -1;
  if (u >= 0 && ul == 1 && t[k] == 0x5206 /* 分 */ &&
      (chinese || jb__cp_in(ch(s, k + 1), "别之钟局队院会公校行类期享解管")))
    u = -1; /* 12.5分 is a score; 十分, 三分之一, 分别 are not */
  if (u >= 0) {
    cls = jb_units[u].cls;
    e = k + ul;
    unit = jb_units[u].unit;
  }
  /* 2500元至3500元: a range with the unit written twice */
  if (u >= 0 && !range && qin < 0 && is_range_conn(ch(s, e)) && starts_number(s, e + 1) &&
      (jb_is_digit(ch(s, e + 1)) != chinese) && parse_num_at(s, e + 1, &b)) {
    int bexp2 = 0;
    size_t kb = multipliers(s, b.end, &bexp2), ul2;
    if (unit_at(s, kb, &ul2) == u && bexp2 == mexp) {
      range = 1, bexp = bexp2;
      e = kb + ul2;
    }
  }
  switch (cls) {
  case U_MONEY: kind = JB_KIND_MONEY; break;
  case U_PCT: kind = JB_KIND_PERCENT; break;
  case U_PERMILLE: kind = JB_KIND_PER_MILLE; break;
  case U_COUNT: kind = JB_KIND_COUNT; break;
  case U_ORD: kind = JB_KIND_ORDINAL, label = 1; break;
  default: kind = JB_KIND_OTHER; break;
  }
  if (u < 0) {
    if (chinese && !in_quote(s, p)) return 0; /* 一些, 统一: not a number */
    if (!chinese && a.integer && !mexp && jb__cp_in(ch(s, e), "团师")) {
      jb_fact *x = jb_new_fact(s, p, e + 1, JB_KIND_OTHER); /* 47团: a regiment's name */
      jb_set_value(x, a.value, a.overflow);
      x->is_label = 1;
      return e + 1;
    }
    size_t fs = !chinese && a.integer && !mexp ? jb_fixed_set(s, e) : 0;
    if (fs) { /* 宁夏贫困8县 */
      jb_fact *x = jb_new_fact(s, p, e + fs, JB_KIND_COUNT);
      jb_set_value(x, a.value, a.overflow);
      jb_set_unit_cps(x, t, e, e + fs);
      x->is_label = 1;
      return e + fs;
    }
    if (!chinese && mexp > 0 && jb_match_any(t, s->n, e, people_nouns)) {
      kind = JB_KIND_COUNT, unit = "人"; /* 14万农牧民群众 */
    } else if (in_quote(s, p) || (!chinese && jb_clause_start(s, p) && jb__cp_in(ch(s, e), ".、)）"))) {
      label = 1; /* “12316”热线, list numbers */
    }
  }
  if (!label && u >= 0 && jb_label_after(s, p, k, e, cls)) label = 1;
  /* a headline's counts and durations are quantities (连续十五年, 十二个项目) */
  int headline_qty = u >= 0 && (cls == U_TIME || cls == U_COUNT || cls == U_MONEY || cls == U_PHYS) &&
                     !(cls == U_TIME && a.value == 1);
  if (chinese && !label) {
    if (in_quote(s, p) || (in_heading(s, p) && !headline_qty)) label = 1;
    else if (cls == U_COUNT && t[k] == 0x4E2A && jb_match_any(t, s->n, e, slogan_nouns)) label = 1;
    else if (cls == U_COUNT && p > 0 && t[p - 1] == 0x5C4A /* 届: 十三届三次 */)
      kind = JB_KIND_ORDINAL, label = 1;
    else if (a.value == 1 && a.end - a.start == 1 && !unique && cls != U_TIME &&
             cls != U_MONEY && cls != U_PCT)
      return 0; /* 一批, 一支: the indefinite article */
  }
  if (cls == U_COUNT && !label && chinese) { /* 最高的三个省市之一 */
    for (size_t m = e; m < s->n && m < e + 12 && !is_clause_sep(t[m]); m++)
      if (at(s, m, "之一") && p >= 1 && jb__cp_in(t[p - 1], "的最前")) {
        kind = JB_KIND_RANK;
        break;
      }
  }
  /* 近 before a duration means "recent" (近3年), not "nearly" */
  if (cls == U_TIME && q == JB_Q_NEARLY) qs = p, q = -1;
  size_t sl = 0;
  int qsfx = qualifier_suffix(s, e, &sl);
  if (qsfx < 0 && (cls == U_TIME || (cls == U_PHYS && t[k] == 0x500D /* 倍 */)) &&
      ch(s, e) == 0x591A /* 一年多, 35倍多 */)
    qsfx = JB_Q_MORE_THAN, sl = 1;
  e += sl;

  double vb = range ? jb_num_value(&b, bexp, &ofb) : 0;
  jb_fact *x = jb_new_fact(s, qs, e, kind);
  if (range) {
    x->value_type = JB_VALUE_RANGE;
    x->lo = v, x->hi = vb;
    x->value_overflow = of || ofb;
  } else {
    jb_set_value(x, v, of);
  }
  if (u >= 0) {
    if (unit) jb_set_unit(x, unit);
    else jb_set_unit_cps(x, t, k, k + ul);
  } else if (unit) {
    jb_set_unit(x, unit);
  }
  x->qualifier = q >= 0 ? (jb_qualifier)q : qin >= 0 ? (jb_qualifier)qin
                 : qsfx >= 0 ? (jb_qualifier)qsfx : JB_Q_EXACT;
  x->is_label = label;
  if (cls == U_TIME && x->unit[0] && !strcmp(x->unit, "年")) relative_year(s, p, e, v);
  return e;
}

/* ---- driver ------------------------------------------------------------------------- */

static const struct { const char *w; int q; } prefixes[] = {
    {"不少于", JB_Q_AT_LEAST}, {"不低于", JB_Q_AT_LEAST}, {"不超过", JB_Q_LESS_THAN},
    {"不足", JB_Q_LESS_THAN},  {"不到", JB_Q_LESS_THAN},  {"超过", JB_Q_MORE_THAN},
    {"突破", JB_Q_MORE_THAN},  {"大约", JB_Q_APPROX},     {"将近", JB_Q_NEARLY},
    {"约", JB_Q_APPROX},       {"近", JB_Q_NEARLY},       {"逾", JB_Q_MORE_THAN},
    {"超", JB_Q_MORE_THAN}};

/* After a plan period (“十四五”): 以来 -> from its first year on; 前三年 -> its first
 * three years. */
static void plan_suffix(jb_scan *s, size_t k, int y1, int y2) {
  while (jb__cp_in(ch(s, k), "”\"’」』")) k++;
  if (at(s, k, "以来")) {
    jb_add_texpr(s, k, k + 2, TX_SINCE, y1, y1, 0);
    return;
  }
  jb_num a;
  if (jb__cp_in(ch(s, k), "前头") && starts_number(s, k + 1) && parse_num_at(s, k + 1, &a) &&
      ch(s, a.end) == 0x5E74 && small_int(&a, 1, y2 - y1 + 1))
    jb_add_texpr(s, k, a.end + 1, TX_RANGE, y1, y1 + (int)a.value - 1, 0);
}

static size_t try_at(jb_scan *s, size_t i) {
  const uint32_t *t = s->t;
  uint32_t c = t[i];
  int digit = jb_is_digit(c), cn = jb_is_cn_numeral(c);
  switch (c) { /* forms of forms.c: 两 三 上 数 几 “ " 清 翻 */
  case 0x4E24: case 0x4E09: case 0x4E0A: case 0x6570: case 0x51E0: case 0x201C: case '"':
  case 0x6E05: case 0x7FFB: {
    size_t e = jb_special_form(s, i);
    if (e) return e;
    break;
  }
  default:
    if (digit) {
      size_t e = jb_special_form(s, i);
      if (e) return e;
    }
  }
  if (!digit && !cn) {
    switch (c) { /* 第 不 超 突 大 将 约 近 逾 唯 （ 双 */
    case 0x7B2C: case 0x4E0D: case 0x8D85: case 0x7A81: case 0x5927: case 0x5C06:
    case 0x7EA6: case 0x8FD1: case 0x903E: case 0x552F: case 0xFF08: case 0x53CC: break;
    default: return 0;
    }
  }
  if (!digit) {
    long m = jb_lex_match(&s->g->names, t, s->n, i);
    if (m >= 0) {
      const jb_lex_entry *le = &s->g->names.e[m];
      const struct name_info *ni = &s->g->name_info[le->payload];
      jb_fact *x = jb_new_fact(s, i, i + le->n, (jb_fact_kind)ni->kind);
      if (isnan(ni->value)) x->value_type = JB_VALUE_NONE;
      else jb_set_value(x, ni->value, 0);
      x->is_label = 1;
      int y1, y2;
      if (ni->period[0] && sscanf(ni->period, "%d-%d", &y1, &y2) == 2) {
        size_t b = i > 0 && jb__cp_in(t[i - 1], "“\"") ? i - 1 : i, k = i + le->n;
        while (jb__cp_in(ch(s, k), "”\"")) k++;
        int base = b > 0 && jb__cp_in(t[b - 1], "是为") && (at(s, k, "的") || at(s, k, "时期的"));
        jb_add_texpr(s, i, i + le->n, base ? TX_BASE : TX_RANGE, y1, y2, 0);
        plan_suffix(s, i + le->n, y1, y2);
      }
      return i + le->n;
    }
  }
  if (c == 0x7B2C /* 第 */) return ordinal(s, i);
  if (c == 0xFF08 /* （一） */) {
    jb_num a;
    if (jb_parse_chinese(t, s->n, i + 1, &a) && ch(s, a.end) == 0xFF09 && a.end - i <= 3) {
      jb_fact *x = jb_new_fact(s, i, a.end + 1, JB_KIND_ORDINAL);
      jb_set_value(x, a.value, 0);
      x->is_label = 1;
      return a.end + 1;
    }
    return 0;
  }
  if (c == 0x552F && at(s, i, "唯一一")) return quantity(s, i + 2, i, -1, 1);
  if (c == 0x767E && at(s, i, "百分之") && starts_number(s, i + 3)) {
    jb_num a;
    if (parse_num_at(s, i + 3, &a)) {
      size_t sl;
      int qs = qualifier_suffix(s, a.end, &sl);
      jb_fact *x = jb_new_fact(s, i, a.end + sl, JB_KIND_PERCENT);
      jb_set_value(x, a.value, a.overflow);
      jb_set_unit(x, "%");
      x->qualifier = qs >= 0 ? (jb_qualifier)qs : JB_Q_EXACT;
      return a.end + sl;
    }
  }
  for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
    int m = at(s, i, prefixes[k].w);
    if (m && starts_number(s, i + m)) {
      size_t e = quantity(s, i + m, i, prefixes[k].q, 0);
      if (e) return e;
      break;
    }
  }
  if (digit || cn) return quantity(s, i, i, -1, 0);
  return 0;
}

static void compute_flags(jb_scan *s) {
  s->flags = jb_calloc(s->f->ctx, s->n + 1, 1);
  int quote = 0, book = 0, paren = 0, ascii_q = 0;
  for (size_t i = 0; i < s->n; i++) {
    uint32_t c = s->t[i];
    if (c == '\n') {
      quote = book = paren = ascii_q = 0;
      continue;
    }
    if (c == 0x201C || c == 0x300C || c == 0x300E || c == 0x2018) quote++;
    else if ((c == 0x201D || c == 0x300D || c == 0x300F || c == 0x2019) && quote > 0) quote--;
    else if (c == '"') ascii_q = !ascii_q;
    else if (c == 0x300A) book++;
    else if (c == 0x300B && book > 0) book--;
    else if (c == 0xFF08 || c == '(') paren++;
    else if ((c == 0xFF09 || c == ')') && paren > 0) paren--;
    s->flags[i] = (uint8_t)(((quote || ascii_q) ? F_QUOTE : 0) | (book ? F_BOOK : 0) |
                            (paren ? F_PAREN : 0));
  }
  for (size_t p = 0; p < jb_doc_paragraph_count(s->d); p++) {
    if (!jb_doc_is_heading(s->d, p)) continue;
    jb_span sp = jb_doc_paragraph(s->d, p);
    for (size_t k = sp.start; k < sp.end; k++) s->flags[k] |= F_HEADING;
  }
}

void jb_scan_doc(jb_facts_impl *f, const jb_gazetteer *g, const jb_doc *d, size_t doc_index, jb_docwide *wide) {
  jb_scan s = {0};
  s.wide = wide;
  s.f = f;
  s.g = g;
  s.d = d;
  s.doc = doc_index;
  s.t = jb_doc_text(d, &s.n);
  s.first_fact = f->n;
  compute_flags(&s);
  for (size_t i = 0; i < s.n;) {
    size_t e = try_at(&s, i);
    i = e > i ? e : i + 1;
  }
  for (size_t i = s.first_fact; i < f->n; i++) { /* 2024年政府工作报告, 图1 */
    jb_fact *x = &f->items[i];
    if ((s.flags[x->nstart] & F_HEADING) && jb_names_document(&s, x->nstart)) x->is_label = 1;
  }
  jb_attribute(&s);
  jb_find_checks(&s);
  jb_free(f->ctx, s.flags);
  jb_free(f->ctx, s.tx);
  jb_free(f->ctx, s.sec);
}
