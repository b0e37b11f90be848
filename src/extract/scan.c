/* Recognition of numeric mentions in the normalized text of one document.
 * One left-to-right pass; at each position a few cheap tests decide whether a
 * mention can start there, and each mention is parsed greedily:
 *   [qualifier] number [多|余] [万|亿|千] [多|余] [range] [unit] [以上|以下|左右 …]
 * plus the special forms: dates and years (dates.c), 第N ordinals and ranks, list
 * markers, N+N names, fixed numeric names (data/numeric_names.tsv), 百分之N, N成. */
#include <stdio.h>
#include <math.h>
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
  long u = jb_unit_at(s, k, &ul);
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
  if (!jb_starts_number(s, i + 1) || !jb_parse_num_at(s, i + 1, &a)) return 0;
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
  long u = jb_unit_at(s, k, &ul);
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
  if (ch(s, k) == 0x3001 && ch(s, k + 1) == 0x7B2C && jb_parse_num_at(s, k + 2, &b)) {
    size_t ul2;
    long u2 = jb_unit_at(s, b.end, &ul2);
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

/* After a bare power (百, 千亿): a unit of amount follows. */
static int bare_amount(const jb_scan *s, size_t k) {
  int e = 0;
  k = multipliers(s, k, &e);
  long u = jb_unit_at(s, k, NULL);
  return u >= 0 && (jb_units[u].cls == U_MONEY || jb_units[u].cls == U_PHYS || jb_units[u].cls == U_COUNT);
}

/* A general quantity as it is read, step by step (see the head of this file). */
typedef struct qty {
  size_t p, qs;      /* the number; the mention (from a qualifier before the number) */
  int q, unique;     /* the qualifier before (or -1); after 唯一 (一 is no article) */
  jb_num a, b;       /* the number; the second number of a range */
  int chinese;
  size_t k;          /* after the number, its multipliers and a range: where the unit is */
  int qin, mexp;     /* 多/余 after the number (or -1); the multipliers' power of ten */
  int range, bexp;   /* a range; the power of ten of its second number */
  long u;            /* the unit (index into jb_units) or -1 */
  size_t ul, e;      /* the unit's length; the end of the mention */
  int cls, label;
  jb_fact_kind kind;
  const char *unit;  /* the reported unit, or NULL: as written */
} qty;

/* Forms of the number at x->p that are not a general quantity: 1+1+5, G318,
 * years and dates, months. The end of the form, or 0. */
static size_t number_forms(jb_scan *s, qty *x) {
  const uint32_t *t = s->t;
  size_t p = x->p, qs = x->qs, k = x->a.end;
  if (x->chinese && k - p >= 2 && t[k - 1] == 0x5343 && jb__cp_in(ch(s, k), "瓦伏克米")) {
    jb_parse_chinese(t, k - 1, p, &x->a); /* 三千瓦 is 3 千瓦 */
    k = x->a.end;
  }
  x->k = k;
  const jb_num *a = &x->a;
  if (!x->chinese) {
    if (ch(s, k) == '+' && (jb_is_digit(ch(s, k + 1)) || jb_is_latin(ch(s, k + 1)))) {
      size_t e = plus_form(s, p);
      if (e) return e;
    }
    if ((p > 0 && jb_is_latin(t[p - 1])) || jb_is_latin(ch(s, k))) { /* G318, 5G */
      size_t e = k;
      while (jb_is_alnum(ch(s, e))) e++;
      jb_fact *f = jb_new_fact(s, p, e, JB_KIND_OTHER);
      jb_set_value(f, a->value, a->overflow);
      f->is_label = 1;
      return e;
    }
    if (jb_is_year(a) && qs == p) {
      size_t e = jb_year_forms(s, p, a);
      if (e) return e;
    }
    if (jb_small_int(a, 1, 12) && ch(s, k) == 0x6708 && !(p > 0 && jb__cp_in(t[p - 1], "个几数每"))) {
      size_t e = jb_month_fact(s, p);
      if (e) return e;
    }
  } else if (a->positional) {
    size_t e = jb_year_forms(s, p, a);
    if (e) return e;
  } else if (jb_small_int(a, 1, 12) && ch(s, k) == 0x6708 && qs == p &&
             !(p > 0 && jb__cp_in(t[p - 1], "个几数每上下本前后近"))) {
    size_t e = jb_month_fact(s, p); /* 八月的西藏 */
    if (e) return e;
  }
  return 0;
}

/* Word forms right after the number: 八成 (a percent), 三年一轮换 (one span),
 * Chinese labels (一是, 二十大). The end of the form, or 0. */
static size_t word_forms(jb_scan *s, qty *x) {
  size_t p = x->p, k = x->k;
  const jb_num *a = &x->a;
  /* percent written in Chinese: 八成 */
  if (ch(s, k) == 0x6210 /* 成 */ && a->integer && a->value <= 10 &&
      !jb__cp_in(ch(s, k + 1), "为立员果绩功本效熟长都")) {
    size_t sl;
    int qs2 = qualifier_suffix(s, k + 1, &sl);
    jb_fact *f = jb_new_fact(s, x->qs, k + 1 + sl, JB_KIND_PERCENT);
    jb_set_value(f, a->value * 10, 0);
    jb_set_unit(f, "%");
    f->qualifier = x->q >= 0 ? x->q : qs2 >= 0 ? qs2 : JB_Q_EXACT;
    return f->nend;
  }
  /* 三年一轮换: one span */
  if (ch(s, k) == 0x5E74 && ch(s, k + 1) == 0x4E00) {
    static const char *const cyc[] = {"轮换", "换", "届", "次", "轮", NULL};
    size_t m = jb_match_any(s->t, s->n, k + 2, cyc);
    if (m) {
      jb_fact *f = jb_new_fact(s, p, k + 2 + m, JB_KIND_OTHER);
      jb_set_value(f, a->value, a->overflow);
      jb_set_unit(f, "年");
      return f->nend;
    }
  }
  if (x->chinese && x->qs == p) return jb_chinese_label(s, p, a);
  return 0;
}

/* 多/余 and the multipliers after the number (3000多万, 1.22 万亩). 0: no number
 * (a bare power such as 千方百计). */
static int magnitude(const jb_scan *s, qty *x) {
  size_t p = x->p, k = x->k;
  if (jb__cp_in(ch(s, k), "多余") && k > p) x->qin = JB_Q_MORE_THAN, k++;
  /* a bare power (千, 百万) is a number only as 千余 or inside quotes: 千方百计 is not */
  if (x->chinese && x->a.bare_unit && x->qin < 0 && !in_quote(s, p) &&
      !(x->q >= 0 && bare_amount(s, k)))
    return 0; /* 突破百万吨, 超千亿元: a qualifier and a unit make a bare power a number */
  if (!x->chinese && ch(s, k) == ' ' &&
      (jb__cp_in(ch(s, k + 1), "万亿") || jb_unit_at(s, k + 1, NULL) >= 0))
    k++; /* 1.22 万亩 */
  k = multipliers(s, k, &x->mexp);
  if (x->qin < 0 && jb__cp_in(ch(s, k), "多余") && x->mexp > 0) x->qin = JB_Q_MORE_THAN, k++;
  x->k = k;
  return 1;
}

/* ranges: 2—3岁, 3至5万元 (the unit written once, after the second number) */
static void range_before_unit(const jb_scan *s, qty *x) {
  size_t k = x->k;
  if (x->qin < 0 && jb_is_range_conn(ch(s, k)) && jb_starts_number(s, k + 1) &&
      (jb_is_digit(ch(s, k + 1)) != x->chinese) && jb_parse_num_at(s, k + 1, &x->b) &&
      ch(s, x->b.end) != 0x6708) {
    size_t kb = multipliers(s, x->b.end, &x->bexp);
    if (jb_unit_at(s, kb, NULL) >= 0 || x->bexp) {
      x->range = 1;
      if (!x->mexp) x->mexp = x->bexp;
      x->k = kb;
    }
  }
}

/* The unit at x->k, its class and kind; 2500元至3500元: a range with the unit
 * written twice. */
static void unit_of(const jb_scan *s, qty *x) {
  size_t k = x->k;
  long u = jb_unit_at(s, k, &x->ul);
  x->e = k;
  if (u >= 0 && x->ul == 1 && s->t[k] == 0x5206 /* 分 */ &&
      (x->chinese || jb__cp_in(ch(s, k + 1), "别之钟局队院会公校行类期享解管")))
    u = -1; /* 12.5分 is a score; 十分, 三分之一, 分别 are not */
  x->u = u;
  if (u >= 0) {
    x->cls = jb_units[u].cls;
    x->e = k + x->ul;
    x->unit = jb_units[u].unit;
  }
  size_t e = x->e;
  if (u >= 0 && !x->range && x->qin < 0 && jb_is_range_conn(ch(s, e)) &&
      jb_starts_number(s, e + 1) && (jb_is_digit(ch(s, e + 1)) != x->chinese) &&
      jb_parse_num_at(s, e + 1, &x->b)) {
    int bexp2 = 0;
    size_t kb = multipliers(s, x->b.end, &bexp2), ul2;
    if (jb_unit_at(s, kb, &ul2) == u && bexp2 == x->mexp) {
      x->range = 1, x->bexp = bexp2;
      x->e = kb + ul2;
    }
  }
  switch (x->cls) {
  case U_MONEY: x->kind = JB_KIND_MONEY; break;
  case U_PCT: x->kind = JB_KIND_PERCENT; break;
  case U_PERMILLE: x->kind = JB_KIND_PER_MILLE; break;
  case U_COUNT: x->kind = JB_KIND_COUNT; break;
  case U_ORD: x->kind = JB_KIND_ORDINAL, x->label = 1; break;
  default: x->kind = JB_KIND_OTHER; break;
  }
}

/* A number without a unit: 一些 (none), 47团 and 宁夏贫困8县 (names), 14万农牧民
 * (people), “12316”热线 and list numbers (labels). 1 when that decides the mention:
 * *end is its end, or 0 when it is no number. */
static int without_unit(jb_scan *s, qty *x, size_t *end) {
  size_t p = x->p, e = x->e;
  const jb_num *a = &x->a;
  *end = 0;
  if (x->chinese && !in_quote(s, p)) return 1; /* 一些, 统一: not a number */
  if (!x->chinese && a->integer && !x->mexp && jb__cp_in(ch(s, e), "团师")) {
    jb_fact *f = jb_new_fact(s, p, e + 1, JB_KIND_OTHER); /* 47团: a regiment's name */
    jb_set_value(f, a->value, a->overflow);
    f->is_label = 1;
    *end = e + 1;
    return 1;
  }
  size_t fs = !x->chinese && a->integer && !x->mexp ? jb_fixed_set(s, e) : 0;
  if (fs) { /* 宁夏贫困8县 */
    jb_fact *f = jb_new_fact(s, p, e + fs, JB_KIND_COUNT);
    jb_set_value(f, a->value, a->overflow);
    jb_set_unit_cps(f, s->t, e, e + fs);
    f->is_label = 1;
    *end = e + fs;
    return 1;
  }
  if (!x->chinese && x->mexp > 0 && jb_match_any(s->t, s->n, e, people_nouns)) {
    x->kind = JB_KIND_COUNT, x->unit = "人"; /* 14万农牧民群众 */
  } else if (in_quote(s, p) || (!x->chinese && jb_clause_start(s, p) && jb__cp_in(ch(s, e), ".、)）"))) {
    x->label = 1; /* “12316”热线, list numbers */
  }
  return 0;
}

/* Whether a number with a unit names rather than counts (四件大事, 十三届, titles),
 * and ranks (最高的三个省市之一). 0: no quantity (一批, the indefinite article). */
static int label_or_rank(const jb_scan *s, qty *x) {
  const uint32_t *t = s->t;
  size_t p = x->p, k = x->k, e = x->e;
  int u = x->u >= 0, cls = x->cls;
  if (!x->label && u && jb_label_after(s, p, k, e, cls)) x->label = 1;
  /* a headline's counts and durations are quantities (连续十五年, 十二个项目) */
  int headline_qty = u && (cls == U_TIME || cls == U_COUNT || cls == U_MONEY || cls == U_PHYS) &&
                     !(cls == U_TIME && x->a.value == 1);
  if (x->chinese && !x->label) {
    if (in_quote(s, p) || (in_heading(s, p) && !headline_qty)) x->label = 1;
    else if (cls == U_COUNT && t[k] == 0x4E2A && jb_match_any(t, s->n, e, slogan_nouns)) x->label = 1;
    else if (cls == U_COUNT && p > 0 && t[p - 1] == 0x5C4A /* 届: 十三届三次 */)
      x->kind = JB_KIND_ORDINAL, x->label = 1;
    else if (x->a.value == 1 && x->a.end - x->a.start == 1 && !x->unique && cls != U_TIME &&
             cls != U_MONEY && cls != U_PCT)
      return 0; /* 一批, 一支: the indefinite article */
  }
  if (cls == U_COUNT && !x->label && x->chinese) { /* 最高的三个省市之一 */
    for (size_t m = e; m < s->n && m < e + 12 && !is_clause_sep(t[m]); m++)
      if (at(s, m, "之一") && p >= 1 && jb__cp_in(t[p - 1], "的最前")) {
        x->kind = JB_KIND_RANK;
        break;
      }
  }
  return 1;
}

/* The qualifier after (以上, 左右, 一年多) and the fact itself. Its end. */
static size_t quantity_fact(jb_scan *s, qty *x) {
  const uint32_t *t = s->t;
  size_t p = x->p, k = x->k, e = x->e, qs = x->qs;
  int q = x->q, cls = x->cls;
  /* 近 before a duration means "recent" (近3年), not "nearly" */
  if (cls == U_TIME && q == JB_Q_NEARLY) qs = p, q = -1;
  size_t sl = 0;
  int qsfx = qualifier_suffix(s, e, &sl);
  if (qsfx < 0 && (cls == U_TIME || (cls == U_PHYS && t[k] == 0x500D /* 倍 */)) &&
      ch(s, e) == 0x591A /* 一年多, 35倍多 */)
    qsfx = JB_Q_MORE_THAN, sl = 1;
  e += sl;

  int of = 0, ofb = 0;
  double v = jb_num_value(&x->a, x->mexp, &of);
  double vb = x->range ? jb_num_value(&x->b, x->bexp, &ofb) : 0;
  jb_fact *f = jb_new_fact(s, qs, e, x->kind);
  if (x->range) {
    f->value_type = JB_VALUE_RANGE;
    f->lo = v, f->hi = vb;
    f->value_overflow = of || ofb;
  } else {
    jb_set_value(f, v, of);
  }
  if (x->u >= 0) {
    if (x->unit) jb_set_unit(f, x->unit);
    else jb_set_unit_cps(f, t, k, k + x->ul);
  } else if (x->unit) {
    jb_set_unit(f, x->unit);
  }
  f->qualifier = q >= 0 ? (jb_qualifier)q : x->qin >= 0 ? (jb_qualifier)x->qin
                 : qsfx >= 0 ? (jb_qualifier)qsfx : JB_Q_EXACT;
  f->is_label = x->label;
  if (cls == U_TIME && f->unit[0] && !strcmp(f->unit, "年")) relative_year(s, p, e, v);
  return e;
}

/* The mention of the number at p (qs: its start, before a qualifier q or 唯一). Its end, or 0. */
static size_t quantity(jb_scan *s, size_t p, size_t qs, int q, int unique) {
  qty x = {.p = p, .qs = qs, .q = q, .unique = unique, .qin = -1, .u = -1, .cls = -1};
  if (!jb_parse_num_at(s, p, &x.a)) return 0;
  x.chinese = x.a.chinese;
  size_t e = number_forms(s, &x);
  if (!e) e = word_forms(s, &x);
  if (e) return e;
  if (!magnitude(s, &x)) return 0;
  range_before_unit(s, &x);
  unit_of(s, &x);
  if (x.u < 0 && without_unit(s, &x, &e)) return e;
  if (!label_or_rank(s, &x)) return 0;
  return quantity_fact(s, &x);
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
  if (jb__cp_in(ch(s, k), "前头") && jb_starts_number(s, k + 1) && jb_parse_num_at(s, k + 1, &a) &&
      ch(s, a.end) == 0x5E74 && jb_small_int(&a, 1, y2 - y1 + 1))
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
  if (c == 0x767E && at(s, i, "百分之") && jb_starts_number(s, i + 3)) {
    jb_num a;
    if (jb_parse_num_at(s, i + 3, &a)) {
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
    if (m && jb_starts_number(s, i + m)) {
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

/* 32023年伊州区居民消费价格…, 12019年-2023年…: a figure's number glued to the year
 * its caption opens with (the page's 图 lost in copying): no quantity, a caption. */
static int caption_number(const jb_scan *s, const jb_fact *x) {
  double v = x->value_type == JB_VALUE_RANGE ? x->lo : x->value;
  if (strcmp(x->unit, "年") || v < 10000 || v >= 1000000) return 0;
  long y = (long)v % 10000;
  if (y < 1949 || y > 2100) return 0;
  size_t k = x->nstart; /* at the start of its line */
  return k == 0 || s->t[k - 1] == '\n';
}

/* 生产总值〔2〕332亿元: a note's number in brackets right after a word is a reference
 * to a note, not a quantity. */
static int note_ref(const jb_scan *s, const jb_fact *x) {
  size_t a = x->nstart, e = x->nend;
  if (a < 2 || e >= s->n || x->value_type != JB_VALUE_NUMBER || x->value > 99) return 0;
  for (size_t k = a; k < e; k++)
    if (!jb_is_digit(s->t[k])) return 0;
  return jb__cp_in(s->t[a - 1], "〔[［【") && jb__cp_in(s->t[e], "〕]］】") && jb_is_han(s->t[a - 2]);
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
    if (caption_number(&s, x) || note_ref(&s, x)) x->is_label = 1;
  }
  jb_attribute(&s);
  jb_find_checks(&s);
  jb_free(f->ctx, s.flags);
  jb_free(f->ctx, s.tx);
  jb_free(f->ctx, s.sec);
}
