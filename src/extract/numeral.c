/* Numerals: Arabic (with thousands separators and decimals) and Chinese
 * (〇零一二两…九十百千万亿 and the financial forms). Values are kept as a
 * mantissa and a power of ten so that 1532.37万 is exactly 15323700. */
#include <stdio.h>
#include <math.h>

#include "extract/internal.h"

int jb_is_cn_digit(uint32_t c, int *d) {
  static const uint32_t digits[][2] = {
      {0x3007, 0}, {0x96F6, 0}, {0x4E00, 1}, {0x4E8C, 2}, {0x4E24, 2}, {0x4E09, 3},
      {0x56DB, 4}, {0x4E94, 5}, {0x516D, 6}, {0x4E03, 7}, {0x516B, 8}, {0x4E5D, 9},
      {0x58F9, 1}, {0x8D30, 2}, {0x53C1, 3}, {0x8086, 4}, {0x4F0D, 5}, {0x9646, 6},
      {0x67D2, 7}, {0x634C, 8}, {0x7396, 9}};
  for (size_t k = 0; k < sizeof digits / sizeof digits[0]; k++)
    if (digits[k][0] == c) {
      if (d) *d = (int)digits[k][1];
      return 1;
    }
  return 0;
}

int jb_is_cn_power(uint32_t c, double *p) {
  double v = 0;
  switch (c) {
  case 0x5341: case 0x62FE: v = 10; break;      /* 十 拾 */
  case 0x767E: case 0x4F70: v = 100; break;     /* 百 佰 */
  case 0x5343: case 0x4EDF: v = 1000; break;    /* 千 仟 */
  case 0x4E07: case 0x842C: v = 1e4; break;     /* 万 萬 */
  case 0x4EBF: case 0x5104: v = 1e8; break;     /* 亿 億 */
  default: return 0;
  }
  if (p) *p = v;
  return 1;
}

int jb_is_cn_numeral(uint32_t c) {
  if (c < 0x3007 || c > 0x96F6) return 0; /* outside the range of every numeral */
  return jb_is_cn_digit(c, NULL) || jb_is_cn_power(c, NULL);
}

static double pow10i(int e) {
  double r = 1;
  for (int k = 0; k < e && k < 400; k++) r *= 10;
  return r;
}

double jb_num_value(const jb_num *x, int extra, int *overflow) {
  int e = x->exp10 + extra;
  double v = e >= 0 ? x->mant * pow10i(e) : x->mant / pow10i(-e);
  int of = x->overflow || !isfinite(v) || fabs(v) >= JB_EXACT_LIMIT;
  if (overflow) *overflow = of;
  return v;
}

int jb_parse_arabic(const uint32_t *t, size_t n, size_t i, jb_num *out) {
  if (i >= n || !jb_is_digit(t[i])) return 0;
  *out = (jb_num){.start = i, .integer = 1};
  double mant = 0;
  int sig = 0, group = 0, exp10 = 0;
  size_t k = i;
  for (;;) {
    while (k < n && jb_is_digit(t[k])) {
      if (sig > 0 || t[k] != '0') sig++;
      mant = mant * 10 + (t[k] - '0');
      out->ndigits++;
      group++;
      k++;
    }
    /* thousands separator: 1,000 and 12,345,678 (first group 1-3 digits) */
    if (k + 3 < n && t[k] == ',' && group >= 1 && group <= 3 && jb_is_digit(t[k + 1]) &&
        jb_is_digit(t[k + 2]) && jb_is_digit(t[k + 3]) && (k + 4 >= n || !jb_is_digit(t[k + 4])) &&
        (out->ndigits == group || group == 3)) {
      k++;
      group = 0;
      continue;
    }
    break;
  }
  if (k + 1 < n && (t[k] == '.' || t[k] == 0xFF0E) && jb_is_digit(t[k + 1])) {
    out->integer = 0;
    k++;
    while (k < n && jb_is_digit(t[k])) {
      if (sig > 0 || t[k] != '0') sig++;
      mant = mant * 10 + (t[k] - '0');
      exp10--;
      k++;
    }
  }
  out->end = k;
  out->mant = mant;
  out->exp10 = exp10;
  out->overflow = sig > 15 || !isfinite(mant);
  out->value = jb_num_value(out, 0, &out->overflow);
  return 1;
}

int jb_parse_chinese(const uint32_t *t, size_t n, size_t i, jb_num *out) {
  if (i >= n || !jb_is_cn_numeral(t[i])) return 0;
  *out = (jb_num){.start = i, .chinese = 1, .integer = 1};
  int d = 0;
  /* digit by digit: 二〇二二年 */
  size_t run = i;
  while (run < n && jb_is_cn_digit(t[run], NULL)) run++;
  if (run - i == 4 && run < n && t[run] == 0x5E74) {
    double v = 0;
    for (size_t k = i; k < run; k++) jb_is_cn_digit(t[k], &d), v = v * 10 + d;
    out->end = run;
    out->mant = out->value = v;
    out->positional = 1;
    return 1;
  }
  double total = 0, section = 0, p, small_last = 1e9;
  int num = -1, zero = 0, powers_only = 1;
  size_t k = i;
  while (k < n) {
    uint32_t c = t[k];
    if (jb_is_cn_digit(c, &d)) {
      if (num >= 0 && !(zero && num == 0)) break; /* 三五: stop after 三 */
      if (num == 0) zero = 0;
      if (d == 0) zero = 1;
      num = d;
      powers_only = 0;
      k++;
    } else if (jb_is_cn_power(c, &p)) {
      if (p < 1e4) {
        if (p >= small_last) break;                 /* 十百 */
        if (num < 0 && section > 0) break;          /* 百十 */
        section += (num < 0 ? 1 : num) * p;
        small_last = p;
      } else {
        double v = section + (num > 0 ? num : 0);
        if (v == 0 && total == 0 && k == i) v = 1; /* a bare 万 */
        if (v == 0 && p == 1e4) break;             /* 亿万 */
        if (p == 1e4) total += v * 1e4;
        else total = (total + v) * 1e8;
        section = 0;
        small_last = 1e9;
      }
      num = -1;
      zero = 0;
      k++;
    } else {
      break;
    }
  }
  if (k == i) return 0;
  double v = total + section + (num > 0 ? num : 0);
  out->end = k;
  out->mant = out->value = v;
  out->bare_unit = powers_only && v != 10; /* 十批 is ten; 千, 百万 alone are not numbers */
  out->overflow = !isfinite(v) || v >= JB_EXACT_LIMIT;
  return 1;
}
