/* Numeric forms without a plain "number + unit": publication stamps (2024-03-31
 * 09:38), days without a month (从24日起), 两位数 growth, magnitudes without digits
 * (上万人, 数十个), 清零, quoted sums with a classifier (“28+10”项), 翻一番. */
#include <stdio.h>
#include <string.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }
static int at(const jb_scan *s, size_t i, const char *w) {
  return jb_match_ascii_cn(s->t, s->n, i, w);
}

/* Up to max digits at *k: the number, or -1. */
static int digits(const jb_scan *s, size_t *k, int min, int max) {
  int v = 0, n = 0;
  while (n < max && jb_is_digit(ch(s, *k))) v = v * 10 + (int)(s->t[(*k)++] - '0'), n++;
  return n >= min && !jb_is_digit(ch(s, *k)) ? v : -1;
}

/* " 16:22:34" or "10:31" after a date: the end, or k when none. */
static size_t clock_time(const jb_scan *s, size_t k) {
  size_t q = k + (ch(s, k) == ' ');
  int h = digits(s, &q, 1, 2);
  if (h < 0 || h > 23 || ch(s, q) != ':') return k;
  q++;
  int m = digits(s, &q, 2, 2);
  if (m < 0 || m > 59) return k;
  if (ch(s, q) == ':' && jb_is_digit(ch(s, q + 1))) {
    q++;
    if (digits(s, &q, 2, 2) < 0) return k;
  }
  return q;
}

static size_t date_fact(jb_scan *s, size_t i, size_t e, int y, int m, int d) {
  jb_fact *x = jb_new_fact(s, i, e, JB_KIND_DATE);
  x->value_type = JB_VALUE_DATE;
  if (y) snprintf(x->date, sizeof x->date, "%04d-%02d-%02d", y, m, d);
  else if (m) snprintf(x->date, sizeof x->date, "XXXX-%02d-%02d", m, d);
  else snprintf(x->date, sizeof x->date, "XXXX-XX-%02d", d);
  return e;
}

/* 2024-03-31, 2024/3/31, 2024.03.31 [09:38[:00]]; 2012年10月23日10:31 */
static size_t stamp(jb_scan *s, size_t i) {
  size_t k = i;
  int y = digits(s, &k, 4, 4);
  if (y < 1900 || y > 2100) return 0;
  uint32_t sep = ch(s, k);
  int cn = sep == 0x5E74;
  if (!cn && sep != '-' && sep != '/' && sep != '.') return 0;
  k++;
  int m = digits(s, &k, 1, 2);
  if (m < 1 || m > 12 || ch(s, k) != (cn ? 0x6708 : sep)) return 0;
  k++;
  int d = digits(s, &k, 1, 2);
  if (d < 1 || d > 31) return 0;
  if (cn) {
    if (!jb__cp_in(ch(s, k), "日号")) return 0;
    k++;
  }
  size_t e = clock_time(s, k);
  if (cn && e == k) return 0; /* a plain Chinese date: the general path */
  if (!cn && jb_is_latin(ch(s, e))) return 0;
  return date_fact(s, i, e, y, m, d);
}

/* 24日, 17号 without a month: a day of the month the text is about. 8月15日至17日
 * takes the month of the day before it. */
static size_t day_only(jb_scan *s, size_t i) {
  if (i > 0 && (jb_is_digit(s->t[i - 1]) || jb__cp_in(s->t[i - 1], "月个每数几第.")))
    return 0;
  size_t k = i;
  int d = digits(s, &k, 1, 2);
  if (d < 1 || d > 31 || !jb__cp_in(ch(s, k), "日号") || at(s, k + 1, "游")) return 0;
  int m = 0;
  const jb_facts_impl *f = s->f;
  if (i > 0 && jb__cp_in(s->t[i - 1], "至到-—～~") && f->n > s->first_fact) {
    const jb_fact *p = &f->items[f->n - 1];
    if (p->kind == JB_KIND_DATE && p->nend == i - 1 && p->date[4] == '-' && p->date[5] != 'X')
      m = (p->date[5] - '0') * 10 + (p->date[6] - '0');
  }
  return date_fact(s, i, k + 1, 0, m, d);
}

/* 两位数 / 三位数 growth: at least 10% / 100%. */
static size_t digit_count(jb_scan *s, size_t i) {
  uint32_t c = s->t[i];
  if (!jb__cp_in(c, "两三") || !at(s, i + 1, "位数")) return 0;
  static const char *const growth[] = {"增长", "增速", "增幅", "提高", "上涨", NULL};
  int ok = jb_match_any(s->t, s->n, i + 3, growth) > 0;
  for (size_t k = i; !ok && k > 0 && i - k < 8 && !jb_clause_sep(s->t[k - 1]); k--)
    ok = jb_match_any_before(s->t, k, growth) > 0;
  if (!ok) return 0;
  jb_fact *x = jb_new_fact(s, i, i + 3, JB_KIND_PERCENT);
  jb_set_value(x, c == 0x4E24 ? 10 : 100, 0);
  jb_set_unit(x, "%");
  x->qualifier = JB_Q_AT_LEAST;
  return i + 3;
}

/* 上万人, 上千亩, 数十个, 数百万元, 几十家: at least the power named. */
static size_t magnitude(jb_scan *s, size_t i) {
  size_t k = i + 1;
  double v = 1;
  int powers = 0;
  for (;; k++) {
    uint32_t c = ch(s, k);
    double p;
    if (!jb_is_cn_power(c, &p) || c == 0x62FE) break;
    v *= p, powers++;
  }
  if (!powers || v < 10) return 0;
  size_t e = k;
  while (jb__cp_in(ch(s, e), "余多")) e++;
  long u = jb_lex_match(&s->g->units, s->t, s->n, e);
  if (u < 0) return 0;
  const jb_unit_def *ud = &jb_units[s->g->units.e[u].payload];
  if (ud->cls == U_ORD || ud->cls == U_AGE || ud->cls == U_TIME) return 0;
  size_t end = e + s->g->units.e[u].n;
  jb_fact_kind kind = ud->cls == U_MONEY ? JB_KIND_MONEY : ud->cls == U_COUNT ? JB_KIND_COUNT
                      : ud->cls == U_PCT ? JB_KIND_PERCENT : JB_KIND_OTHER;
  jb_fact *x = jb_new_fact(s, i, end, kind);
  jb_set_value(x, v, 0);
  jb_set_unit(x, ud->unit ? ud->unit : NULL);
  if (!ud->unit) {
    char buf[24];
    size_t w = 0;
    for (size_t q = e; q < end && w + 4 < sizeof buf; q++) w += jb_utf8_encode(s->t[q], buf + w);
    buf[w] = 0;
    jb_set_unit(x, buf);
  }
  x->qualifier = JB_Q_AT_LEAST;
  return end;
}

/* “28+10”项: a quoted sum with a classifier is a count. */
static size_t quoted_sum(jb_scan *s, size_t i) {
  size_t k = i + 1;
  double sum = 0;
  int terms = 0;
  while (jb_is_digit(ch(s, k))) {
    int v = digits(s, &k, 1, 6);
    if (v < 0) return 0;
    sum += v, terms++;
    if (ch(s, k) != '+') break;
    k++;
  }
  if (terms < 2 || !jb__cp_in(ch(s, k), "”\"")) return 0;
  long u = jb_lex_match(&s->g->units, s->t, s->n, k + 1);
  if (u < 0 || jb_units[s->g->units.e[u].payload].cls != U_COUNT) return 0;
  size_t end = k + 1 + s->g->units.e[u].n;
  jb_fact *x = jb_new_fact(s, i, end, JB_KIND_COUNT);
  jb_set_value(x, sum, 0);
  char buf[24];
  size_t w = 0;
  for (size_t q = k + 1; q < end && w + 4 < sizeof buf; q++) w += jb_utf8_encode(s->t[q], buf + w);
  buf[w] = 0;
  jb_set_unit(x, buf);
  return end;
}

size_t jb_special_form(jb_scan *s, size_t i) {
  uint32_t c = s->t[i];
  if (jb_is_digit(c)) {
    if (i > 0 && (jb_is_digit(s->t[i - 1]) || jb_is_latin(s->t[i - 1]))) return 0;
    size_t e = stamp(s, i);
    return e ? e : day_only(s, i);
  }
  switch (c) {
  case 0x4E24: case 0x4E09: return digit_count(s, i);           /* 两 三 */
  case 0x4E0A: case 0x6570: case 0x51E0: return magnitude(s, i); /* 上 数 几 */
  case 0x201C: case '"': return quoted_sum(s, i);
  case 0x6E05: /* 清零 (not 动态清零, a policy's name) */
    if (ch(s, i + 1) == 0x96F6 && !(i >= 2 && at(s, i - 2, "动态"))) {
      jb_fact *x = jb_new_fact(s, i, i + 2, JB_KIND_COUNT);
      jb_set_value(x, 0, 0);
      return i + 2;
    }
    return 0;
  case 0x7FFB: /* 翻一番 翻两番 */
    if (ch(s, i + 2) == 0x756A && jb__cp_in(ch(s, i + 1), "一两")) {
      jb_fact *x = jb_new_fact(s, i, i + 3, JB_KIND_OTHER);
      jb_set_value(x, ch(s, i + 1) == 0x4E00 ? 2 : 4, 0);
      jb_set_unit(x, "倍");
      return i + 3;
    }
    return 0;
  default: return 0;
  }
}
