/* Years and dates at a number: 2022年底, 2024年3月5日, 2010—2015年, 2015年以来,
 * 较2020年, “2023作风提升年”; and months without a year: 7月底, 6月份, 八月. */
#include <stdio.h>
#include <stdlib.h>

#include "extract/internal.h"

static uint32_t ch(const jb_scan *s, size_t i) { return i < s->n ? s->t[i] : 0; }
static int at(const jb_scan *s, size_t i, const char *w) {
  return jb_match_ascii_cn(s->t, s->n, i, w);
}

static int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && y > 0 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return d[(m - 1) % 12];
}

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
  if (!jb_starts_number(s, k) || !jb_parse_num_at(s, k, &m) || !jb_small_int(&m, 1, 12) ||
      ch(s, m.end) != 0x6708 /* 月 */)
    return 0;
  int mo = (int)m.value;
  size_t e = m.end + 1;
  char y[16];
  if (year > 0) snprintf(y, sizeof y, "%04d", year);
  else snprintf(y, sizeof y, "XXXX");
  if (jb_starts_number(s, e) && jb_parse_num_at(s, e, &d) && jb_small_int(&d, 1, 31) &&
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
  return jb__cp_in(c, "万亿千百多余") || jb_unit_at(s, k, NULL) >= 0;
}

/* A multiple (倍) in the clause after pos: 是2010年的2.18倍 names its base year. */
static int multiple_after(const jb_scan *s, size_t pos) {
  for (size_t k = pos; k < s->n && k < pos + 24 && !jb_clause_sep(s->t[k]); k++)
    if (s->t[k] == 0x500D /* 倍 */) return 1;
  return 0;
}

/* 自2021年以来, 从2015年起, 自1995年对口支援日喀则地区以来: a start that holds on. */
static int since_clause(const jb_scan *s, size_t p, size_t e) {
  if (at(s, e, "以来") || (at(s, e, "来") && !at(s, e, "来自"))) return 1; /* 2015年以来 */
  if (p < 1 || !jb__cp_in(ch(s, p - 1), "自从")) {
    /* 2010年新一轮对口援疆以来: 以来 later in the clause, no other number between */
    for (size_t k = e; k < s->n && k < e + 16 && !jb_clause_sep(s->t[k]); k++) {
      if (jb_is_digit(s->t[k])) return 0;
      if (at(s, k, "以来")) return 1;
    }
    return 0;
  }
  if (at(s, e, "起")) return 1;
  for (size_t k = e; k < s->n && k < e + 48 && !jb_clause_sep(s->t[k]); k++)
    if (at(s, k, "以来")) return 1;
  return 0;
}

/* Year forms at an Arabic or digit-by-digit year. Returns the end, or 0. */
size_t jb_year_forms(jb_scan *s, size_t p, const jb_num *a) {
  int y = (int)a->value;
  size_t k = a->end;
  if ((ch(s, k) == ' ' || ch(s, k) == 0x3000) && ch(s, k + 1) == 0x5E74) k++; /* 2021 年 (a converted PDF) */
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
    if (jb_is_range_conn(ch(s, k + 1)) && jb_parse_num_at(s, k + 2, &b) && jb_is_year(&b) &&
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
    else if (p >= 1 && jb__cp_in(ch(s, p - 1), "是为") && ch(s, e2) == 0x7684 /* 是2010年的2.18倍 */ &&
             multiple_after(s, e2))
      type = TX_BASE; /* not 由2019年的…变化为2020年的32.0: a level of that year */
    jb_add_texpr(s, p, e2, type, y, y, 0);
    return e2;
  }
  jb_num b;
  if (!a->positional && jb_is_range_conn(ch(s, k)) && jb_parse_num_at(s, k + 1, &b) && jb_is_year(&b) &&
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

/* A month (and day) without a year at p: 7月底, 6月份, 八月. The end, or 0. */
size_t jb_month_fact(jb_scan *s, size_t p) {
  char date[16];
  size_t e = month_day(s, p, 0, date, sizeof date);
  if (!e) return 0;
  jb_fact *x = jb_new_fact(s, p, e, JB_KIND_DATE);
  x->value_type = JB_VALUE_DATE;
  snprintf(x->date, sizeof x->date, "%s", date);
  return e;
}
