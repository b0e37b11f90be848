/* A figure's digits as the source writes them (287.9亿元, 1264元), and the unit a
 * group of figures (a table column, a chart) is printed in so that every member
 * keeps its source digits: their shared unit, else the one of theirs that moves
 * no member's decimal point far (9823万元 and 1.2亿元 -> 9823 and 12000 万元). A
 * digit string moves between 元/万元/亿元 by shifting its point, never by rounding. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compose/model.h"

int jb_source_number(const jb_factrec *f, jb_buf *num, jb_buf *unit) {
  const char *p = f->text, *q;
  if (!p || !f->unit) return 0;
  while (*p && !(*p >= '0' && *p <= '9')) p++; /* 近 约 超过 突破 … */
  for (q = p; (*q >= '0' && *q <= '9') || *q == '.' || *q == ','; q++)
    ;
  if (q == p) return 0;
  const char *u = q, *end = u + strlen(u);
  static const char *const tails[] = {"以上", "左右", "以内", "以下", "多", "余", NULL};
  for (int changed = 1; changed;) { /* 97%以上, 1200多万元: the qualifier is printed apart */
    changed = 0;
    for (const char *const *t = tails; *t; t++) {
      size_t tl = strlen(*t);
      if ((size_t)(end - u) > tl && !strncmp(end - tl, *t, tl)) end -= tl, changed = 1;
    }
  }
  if (!strncmp(u, "多", 3) || !strncmp(u, "余", 3)) return 0; /* 1200多万元: format instead */
  char uu[32];
  size_t ul = (size_t)(end - u);
  if (!ul || ul >= sizeof uu) return 0;
  memcpy(uu, u, ul);
  uu[ul] = 0;
  const char *bf, *bu;
  jb_unit_scale(f->unit, &bf);
  jb_unit_scale(uu, &bu);
  if (strcmp(uu, f->unit) && strcmp(bf, bu)) return 0;
  jb_buf_add(num, p, (size_t)(q - p));
  jb_buf_adds(unit, uu);
  return 1;
}

int jb_source_number_approx(const jb_factrec *f, jb_buf *num, jb_buf *unit) {
  const char *p = f->text, *q;
  if (!p || !f->unit || !*f->unit) return 0;
  while (*p && !(*p >= '0' && *p <= '9')) p++;
  for (q = p; (*q >= '0' && *q <= '9') || *q == '.'; q++)
    ;
  const char *r = q;
  if (!strncmp(r, "万", 3) || !strncmp(r, "亿", 3)) r += 3; /* 3万多人 */
  if (q == p || (strncmp(r, "余", 3) && strncmp(r, "多", 3))) return 0;
  char whole[32]; /* the unit with its multiplier: 万元 of 1200多万元, 人 of 3万多人 (value in 人) */
  snprintf(whole, sizeof whole, "%.*s%s", (int)(r - q), q, r + 3);
  const char *bf, *bu;
  jb_unit_scale(f->unit, &bf);
  jb_unit_scale(whole, &bu);
  if (strcmp(r + 3, f->unit) && strcmp(whole, f->unit) && strcmp(bf, bu)) return 0; /* the unit after 余 is the fact's */
  jb_buf_add(num, p, (size_t)(q - p));
  jb_buf_adds(unit, q);
  return 1;
}

int jb_source_in_words(const jb_factrec *f, jb_ctx *ctx) {
  if (!f->text) return 0;
  if (!strpbrk(f->text, "0123456789")) return 1;
  jb_buf n, u;
  jb_buf_init(&n, ctx);
  jb_buf_init(&u, ctx);
  int approx = jb_source_number_approx(f, &n, &u);
  jb_buf_fini(&n);
  jb_buf_fini(&u);
  return approx;
}

static int exp_of(const char *unit) { return (int)lround(log10(jb_unit_scale(unit, NULL))); }

/* digits (the source's, 1,264 or 9823) moved from unit `from` to `to`; the source's
 * own string when the units are the same. Returns the decimals printed, -1 when the
 * units do not convert. */
int jb_digits_in_unit(const char *digits, const char *from, const char *to, jb_buf *out) {
  const char *bf, *bt;
  jb_unit_scale(from, &bf);
  jb_unit_scale(to, &bt);
  if (strcmp(bf, bt)) return -1;
  const char *dot = strchr(digits, '.');
  if (!strcmp(from, to)) {
    jb_buf_adds(out, digits);
    return dot ? (int)strlen(dot + 1) : 0;
  }
  char all[64];
  size_t n = 0, point = 0;
  for (const char *p = digits; *p && n < sizeof all - 1; p++) {
    if (*p == '.') point = n;
    else if (*p != ',') all[n++] = *p;
  }
  if (!dot) point = n;
  long at = (long)point + exp_of(from) - exp_of(to); /* the point's new place in all[] */
  size_t lead = 0; /* leading zeros of the integer part go */
  while (lead < n && all[lead] == '0' && (long)lead + 1 < at) lead++;
  size_t end = n; /* trailing zeros after the new point go */
  while (end > 0 && all[end - 1] == '0' && (long)end > at) end--;
  int dec = 0;
  if (at <= 0) {
    jb_buf_adds(out, "0.");
    for (long z = at; z < 0; z++) jb_buf_addc(out, '0'), dec++;
    jb_buf_add(out, all + lead, end - lead);
    dec += (int)(end - lead);
  } else {
    for (long i = (long)lead; i < at; i++) jb_buf_addc(out, i < (long)n ? all[i] : '0');
    if ((long)end > at) {
      jb_buf_addc(out, '.');
      jb_buf_add(out, all + at, end - (size_t)at);
      dec = (int)(end - (size_t)at);
    }
  }
  return dec;
}

/* The members' digits in unit `to`: the most decimals any member needs, -1 when one
 * does not convert. */
static int worst_decimals(jb_ctx *ctx, const jb_factrec *fs, size_t n, const char *to) {
  int worst = 0;
  for (size_t i = 0; i < n && worst >= 0; i++) {
    jb_buf num, unit, moved;
    jb_buf_init(&num, ctx), jb_buf_init(&unit, ctx), jb_buf_init(&moved, ctx);
    int d = jb_source_number(&fs[i], &num, &unit) ? jb_digits_in_unit(num.data, unit.data, to, &moved) : -1;
    worst = d < 0 ? -1 : d > worst ? d : worst;
    jb_buf_fini(&num), jb_buf_fini(&unit), jb_buf_fini(&moved);
  }
  return worst;
}

int jb_shared_source_unit(jb_ctx *ctx, const jb_factrec *fs, size_t n, char *out, size_t cap) {
  int best = -1, best_exp = 0;
  out[0] = 0;
  for (size_t i = 0; i < n; i++) { /* each member's unit is a candidate */
    jb_buf num, unit;
    jb_buf_init(&num, ctx), jb_buf_init(&unit, ctx);
    int ok = fs[i].value >= 0 && jb_source_number(&fs[i], &num, &unit) && unit.len < cap;
    if (ok && strcmp(out, unit.data)) {
      int d = worst_decimals(ctx, fs, n, unit.data), e = exp_of(unit.data);
      /* fewest decimals (a point moved far reads badly: 0.0307亿元), then the larger unit */
      if (d >= 0 && d <= 4 && (best < 0 || d < best || (d == best && e > best_exp)))
        best = d, best_exp = e, memcpy(out, unit.data, unit.len + 1);
    }
    jb_buf_fini(&num), jb_buf_fini(&unit);
    if (!ok) return out[0] = 0, 0;
  }
  return best >= 0;
}
