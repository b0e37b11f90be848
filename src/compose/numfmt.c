/* Chinese numerals, heading numbers, 万/亿 scaling with thousands separators,
 * and Chinese dates. All output is locale-independent. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jianbao/compose.h"

static const char *const DIGIT[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* One 4-digit group (1..9999). `leading`: the number's first group, where
 * 10-19 read 十, 十一 rather than 一十. */
static void zh_group(int g, int leading, jb_buf *out) {
  static const char *const unit[] = {"千", "百", "十", ""};
  int d[4] = {g / 1000, g / 100 % 10, g / 10 % 10, g % 10};
  int started = 0, zero = 0;
  for (int k = 0; k < 4; k++) {
    if (!d[k]) {
      zero = started;
      continue;
    }
    if (zero) jb_buf_adds(out, DIGIT[0]);
    zero = 0;
    if (!(leading && !started && k == 2 && d[k] == 1)) jb_buf_adds(out, DIGIT[d[k]]);
    jb_buf_adds(out, unit[k]);
    started = 1;
  }
}

int jb_zh_numeral(long n, jb_buf *out) {
  if (n < 0 || n >= 1000000000000L) return 0;
  if (n == 0) {
    jb_buf_adds(out, DIGIT[0]);
    return 1;
  }
  long groups[3] = {n / 100000000L, n / 10000 % 10000, n % 10000};
  static const char *const gunit[] = {"亿", "万", ""};
  int first = 1, gap = 0;
  for (int i = 0; i < 3; i++) {
    int g = (int)groups[i];
    if (!g) {
      gap = !first;
      continue;
    }
    if (!first && (gap || g < 1000)) jb_buf_adds(out, DIGIT[0]);
    zh_group(g, first, out);
    jb_buf_adds(out, gunit[i]);
    first = gap = 0;
  }
  return 1;
}

static const char *const DEFAULT_FORMATS[4] = {"{cn}、", "（{cn}）", "{n}.", "（{n}）"};

void jb_heading_number(const jb_layout_template *tpl, int level, long counter, jb_buf *out) {
  if (level < 1 || level > 4) return;
  const char *fmt = tpl && tpl->number_formats[level - 1] ? tpl->number_formats[level - 1]
                                                           : DEFAULT_FORMATS[level - 1];
  for (const char *p = fmt; *p;) {
    if (strncmp(p, "{cn}", 4) == 0) {
      if (!jb_zh_numeral(counter, out)) jb_buf_add_int(out, counter);
      p += 4;
    } else if (strncmp(p, "{n}", 3) == 0) {
      jb_buf_add_int(out, counter);
      p += 3;
    } else {
      jb_buf_addc(out, *p++);
    }
  }
}

/* ---- Units and scaling -------------------------------------------------------- */

static const struct {
  const char *word;
  int exp;
} SCALES[] = {{"万亿", 12}, {"亿", 8}, {"百万", 6}, {"万", 4}};

double jb_unit_scale(const char *unit, const char **base) {
  if (!unit) unit = "";
  for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++) {
    size_t n = strlen(SCALES[i].word);
    if (strncmp(unit, SCALES[i].word, n) == 0) {
      if (base) *base = unit + n;
      return pow(10, SCALES[i].exp);
    }
  }
  if (base) *base = unit;
  return 1;
}

static int unit_exp(const char *unit) {
  double f = jb_unit_scale(unit, NULL);
  return (int)lround(log10(f));
}

/* Rates, ratios, ranks and temperatures are never rescaled; neither are bare
 * numbers (without a unit nobody can tell what 万 would scale). */
static int scalable(const char *unit) {
  static const char *const never[] = {"%", "‰", "个百分点", "百分点", "倍", "位", "名", "℃", "°",
                                      "个", "次", "岁", "年", "月", "日", "天", "小时"};
  if (!unit || !*unit) return 0;
  const char *base;
  double f = jb_unit_scale(unit, &base);
  if (f > 1) return 1; /* it already carries 万/亿 */
  for (size_t i = 0; i < sizeof never / sizeof never[0]; i++)
    if (strncmp(base, never[i], strlen(never[i])) == 0) return 0;
  return 1;
}

int jb_num_pick_scale(const jb_num_style *st, double base_abs, const char *unit) {
  int orig = unit_exp(unit);
  if (!st || st->scale == JB_SCALE_NONE || !scalable(unit)) return orig;
  int e = base_abs >= st->yi_min ? 8 : base_abs >= st->wan_min ? 4 : 0;
  return e > orig ? e : orig; /* never scale down: 5万元 stays 5万元 */
}

static const char *scale_word(int exp) {
  for (size_t i = 0; i < sizeof SCALES / sizeof SCALES[0]; i++)
    if (SCALES[i].exp == exp) return SCALES[i].word;
  return "";
}

/* Digits of |v| rounded to `dec` places; trailing zeros dropped unless fixed. */
static void add_decimal(jb_buf *out, double v, int dec, int fixed, int thousands, int group_min) {
  if (!isfinite(v)) v = 0;
  if (dec > 6) dec = 6;
  double scale = pow(10, dec);
  double q = round(fabs(v) * scale);
  if (q > 9e15) { /* beyond exact integers: no decimals */
    q = round(fabs(v));
    dec = 0;
    scale = 1;
  }
  double ip = floor(q / scale);
  long long fp = (long long)(q - ip * scale);
  if (v < 0 && q > 0) jb_buf_addc(out, '-');
  char digits[32];
  snprintf(digits, sizeof digits, "%.0f", ip);
  size_t nd = strlen(digits);
  for (size_t i = 0; i < nd; i++) {
    if (thousands && nd >= (size_t)group_min && i && (nd - i) % 3 == 0) jb_buf_addc(out, ',');
    jb_buf_addc(out, digits[i]);
  }
  if (dec == 0) return;
  char frac[8];
  for (int i = dec - 1; i >= 0; i--) {
    frac[i] = (char)('0' + fp % 10);
    fp /= 10;
  }
  int n = dec;
  if (!fixed)
    while (n > 0 && frac[n - 1] == '0') n--;
  if (!n) return;
  jb_buf_addc(out, '.');
  jb_buf_add(out, frac, (size_t)n);
}

void jb_num_format(const jb_num_style *st, double value, const char *unit, int decimals, int exp,
                   jb_buf *num, jb_buf *unit_out) {
  jb_num_style def = JB_NUM_STYLE_DEFAULT;
  if (!st) st = &def;
  if (!unit) unit = "";
  const char *base;
  double f = jb_unit_scale(unit, &base);
  int orig = unit_exp(unit);
  double bv = value * f;
  int e = exp >= 0 ? exp : jb_num_pick_scale(st, fabs(bv), unit);
  if (e != orig && !scalable(unit)) e = orig;
  double shown = e == orig ? value : bv / pow(10, e);
  int fixed = decimals >= 0;
  int dec = fixed ? decimals : (e != orig ? st->scaled_decimals : st->decimals);
  add_decimal(num, shown, dec, fixed, st->thousands, st->group_min_digits);
  jb_buf *u = unit_out ? unit_out : num;
  if (e == orig) {
    jb_buf_adds(u, unit);
  } else {
    jb_buf_adds(u, scale_word(e));
    jb_buf_adds(u, base);
  }
}

/* ---- Dates --------------------------------------------------------------------- */

static int parse_date(const char *s, int *y, int *m, int *d) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
  *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  *m = (s[5] - '0') * 10 + (s[6] - '0');
  *d = (s[8] - '0') * 10 + (s[9] - '0');
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (*y < 1 || *m < 1 || *m > 12 || *d < 1) return 0;
  int leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
  int max = days[*m - 1] + (*m == 2 && leap);
  return *d <= max;
}

int jb_date_valid(const char *iso) {
  int y, m, d;
  return parse_date(iso, &y, &m, &d);
}

int jb_date_zh(const char *iso, jb_buf *out) {
  int y, m, d;
  if (!parse_date(iso, &y, &m, &d)) return 0;
  jb_buf_printf(out, "%d年%d月%d日", y, m, d);
  return 1;
}
