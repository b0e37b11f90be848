/* Helpers for the paragraph engine tests: a fake shaper (one glyph per code
 * point, widths by class, as the GB glyphs of a CJK font would have) and an
 * independent glyph-level checker of typography.md §4 (K1-K4, J1-J5, P1, P2,
 * P4, S1-S3, I1, O1). The checker's character lists are its own, not the
 * engine's, so the tests do not just repeat the code under test. */
#ifndef TEST_PARA_LIB_H
#define TEST_PARA_LIB_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jbtest.h"
#include "jianbao/para.h"

typedef struct pt {
  jb_ctx *ctx;
  uint32_t *cps;
  size_t n;
  jb_glyph *glyphs;
  jb_shaped s;
  jb_para p;
  jb_para_style st;
  double em;
  char msg[8192];
  char line[4096];
} pt;

static inline int pt_has(const char *set, uint32_t c) {
  size_t n = strlen(set);
  for (size_t i = 0; i < n;) {
    uint32_t cp = 0;
    size_t k = jb_utf8_decode(set + i, n - i, &cp);
    if (!k) return 0;
    if (cp == c) return 1;
    i += k;
  }
  return 0;
}

#define PT_NO_START "，。、：；！？）］｝〕〗】》〉」』”’·–～／．%‰℃/"
#define PT_NO_END "（［｛〔〖【《〈「『“‘/／"
#define PT_CLOSING "，。、：；！？）］｝〕〗】》〉」』”’"
#define PT_MARKS "，。、：；！？）］｝〕〗】》〉」』”’（［｛〔〖【《〈「『“‘"

static inline int pt_han(uint32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x3134F);
}
static inline int pt_latin(uint32_t c) {
  return c < 0x80 && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
}

/* Advance of a code point in em for the fake shaper. */
static inline double pt_adv(uint32_t c) {
  if (c == ' ') return 0.25;
  if (c == '.' || c == ',') return 0.25;
  if (c == '%') return 0.75;
  if (c < 0x80) return 0.5;
  if (c == 0xB7 || c == 0x2013) return 0.5; /* · – (GB: ½ em) */
  return 1.0;
}

/* Sets up text at em pt, a line of width_em em, indent indent_em em. */
static inline void pt_init(pt *t, const char *utf8, double em, double width_em, double indent_em) {
  memset(t, 0, sizeof *t);
  t->ctx = jb_ctx_new();
  t->em = em;
  t->n = jb_utf8_to_cps(t->ctx, utf8, strlen(utf8), &t->cps);
  t->glyphs = jb_calloc(t->ctx, t->n + 1, sizeof *t->glyphs);
  for (size_t i = 0; i < t->n; i++) {
    t->glyphs[i].gid = t->cps[i] & 0xFFFF;
    t->glyphs[i].x_advance = (float)(pt_adv(t->cps[i]) * em);
    t->glyphs[i].cluster = (uint32_t)i;
    t->glyphs[i].text_start = (uint32_t)i;
    t->glyphs[i].text_len = 1;
  }
  t->s = (jb_shaped){t->glyphs, t->n, t->cps, t->n, em};
  t->st = JB_PARA_DEFAULTS(width_em * em, 2 * em);
  t->st.indent = indent_em * em;
}

static inline jb_status pt_run(pt *t) {
  jb_para_fini(t->ctx, &t->p);
  return jb_para_layout(t->ctx, &t->s, &t->st, &t->p);
}

static inline void pt_fini(pt *t) {
  jb_para_fini(t->ctx, &t->p);
  jb_free(t->ctx, t->glyphs);
  jb_free(t->ctx, t->cps);
  jb_ctx_free(t->ctx);
}

static inline uint32_t pt_cp(const pt *t, size_t g) { return t->s.text[t->s.glyphs[g].cluster]; }

/* UTF-8 text of line i (the code points of its glyphs' clusters). */
static inline const char *pt_line(pt *t, size_t i) {
  jb_buf b;
  jb_buf_init(&b, t->ctx);
  if (i < t->p.n_lines) {
    const jb_para_line *l = &t->p.lines[i];
    for (size_t g = l->g0; g < l->g1; g++) {
      size_t c0 = t->s.glyphs[g].cluster, c1 = g + 1 < t->s.n_glyphs ? t->s.glyphs[g + 1].cluster : t->s.text_len;
      if (g + 1 < l->g1 || c1 <= c0) c1 = c1 > c0 ? c1 : c0 + 1;
      for (size_t c = c0; c < c1 && c < t->s.text_len; c++) jb_buf_add_utf8(&b, t->s.text[c]);
    }
  }
  snprintf(t->line, sizeof t->line, "%s", b.data ? b.data : "");
  jb_buf_fini(&b);
  return t->line;
}

static inline double pt_x(const pt *t, size_t g) { return t->p.x[g]; }

/* Glyphs of a line that occupy space (skip zero-width ligature tails, spaces). */
static inline size_t pt_geo(const pt *t, size_t li, size_t *out, size_t cap) {
  const jb_para_line *l = &t->p.lines[li];
  size_t n = 0;
  for (size_t g = l->g0; g < l->g1 && n < cap; g++) {
    uint32_t c = pt_cp(t, g);
    if (c == ' ') continue;
    if (t->s.glyphs[g].x_advance < 0.01 && (c == 0x2014 || c == 0x2026)) continue;
    out[n++] = g;
  }
  return n;
}

static inline double pt_eff_end(const pt *t, size_t g) {
  return pt_x(t, g) + (pt_has(PT_CLOSING, pt_cp(t, g)) ? t->em / 2 : t->s.glyphs[g].x_advance);
}

/* Median Han-Han gap of a line: its even stretch. */
static inline double pt_stretch(const pt *t, const size_t *G, size_t n) {
  double v[8192];
  size_t k = 0;
  for (size_t i = 0; i + 1 < n && k < 8192; i++)
    if (pt_han(pt_cp(t, G[i])) && pt_han(pt_cp(t, G[i + 1])))
      v[k++] = pt_x(t, G[i + 1]) - pt_x(t, G[i]) - t->s.glyphs[G[i]].x_advance;
  if (!k) return 0;
  for (size_t i = 1; i < k; i++)
    for (size_t j = i; j > 0 && v[j - 1] > v[j]; j--) {
      double tmp = v[j];
      v[j] = v[j - 1];
      v[j - 1] = tmp;
    }
  return v[k / 2];
}

#define PT_FAIL(...) \
  do { \
    snprintf(t->msg, sizeof t->msg, __VA_ARGS__); \
    return t->msg; \
  } while (0)

/* Checks every rule on every line; NULL when all hold, else what failed.
 * justified: the style justifies (J1, J5 apply). */
static inline const char *pt_check(pt *t) {
  double em = t->em, R = t->st.width, tol = 0.01;
  static const size_t cap = 8192;
  size_t *G = malloc(cap * sizeof *G), *H = malloc(cap * sizeof *H);
  const char *res = NULL;
  size_t covered = 0;
  for (size_t li = 0; li < t->p.n_lines && !res; li++) {
    const jb_para_line *l = &t->p.lines[li];
    size_t n = pt_geo(t, li, G, cap);
    int last = li + 1 == t->p.n_lines;
    if (l->g0 < covered) { res = "lines overlap"; break; }
    for (size_t g = covered; g < l->g0; g++)
      if (pt_cp(t, g) != ' ') { snprintf(t->msg, sizeof t->msg, "line %zu: glyph %zu dropped", li, g); res = t->msg; }
    covered = l->g1;
    if (!n) continue;
    uint32_t a = pt_cp(t, G[0]), z = pt_cp(t, G[n - 1]);
    if (pt_has(PT_NO_START, a)) { snprintf(t->msg, sizeof t->msg, "K1 line %zu starts with a no-start mark: %s", li, pt_line(t, li)); res = t->msg; break; }
    if (pt_has(PT_NO_END, z)) { snprintf(t->msg, sizeof t->msg, "K2 line %zu ends with a no-end mark: %s", li, pt_line(t, li)); res = t->msg; break; }
    if (!last) {
      size_t m = pt_geo(t, li + 1, H, cap);
      uint32_t b = m ? pt_cp(t, H[0]) : 0;
      int spaced = 0;
      for (size_t g = l->g1; g < t->p.lines[li + 1].g0; g++) spaced |= pt_cp(t, g) == ' ';
      int split = (pt_latin(z) && (pt_latin(b) || b == '%' || b == '.')) || ((z == 0x2014 || z == 0x2026) && b == z) ||
                  ((z >= '0' && z <= '9') && (b == '%' || b == 0x2030 || b == 0x2103)) ||
                  ((z == '$' || z == 0xFFE5) && b >= '0' && b <= '9');
      split = split && !spaced;
      if (split) { snprintf(t->msg, sizeof t->msg, "K4 split between lines %zu and %zu", li, li + 1); res = t->msg; break; }
    }
    /* I1/J2: start at the indent (or 1/2 em before it for a trimmed bracket) */
    double x0 = li == 0 ? t->st.indent : t->st.hanging;
    double want = x0 - ((t->st.trim_open_at_start && pt_has("（［｛〔〖【《〈「『“‘", a)) ? em / 2 : 0);
    int ragged = t->st.align == JB_ALIGN_CENTER || t->st.align == JB_ALIGN_RIGHT;
    if (!ragged && fabs(pt_x(t, G[0]) - want) > tol) { snprintf(t->msg, sizeof t->msg, "I1 line %zu starts at %.3f, not %.3f", li, pt_x(t, G[0]), want); res = t->msg; break; }
    /* J1 / P2: justified lines end exactly at R (a mark at the end: x + em/2) */
    int just = (t->st.align == JB_ALIGN_JUSTIFY && !last) || t->st.align == JB_ALIGN_DISTRIBUTE;
    double end = pt_eff_end(t, G[n - 1]);
    if (just && n > 1 && fabs(end - R) > tol) { snprintf(t->msg, sizeof t->msg, "J1 line %zu ends at %.3f, not %.3f: %s", li, end, R, pt_line(t, li)); res = t->msg; break; }
    if (end > R + 0.25 && n > 1) { snprintf(t->msg, sizeof t->msg, "G1 line %zu overflows: %.3f > %.3f", li, end, R); res = t->msg; break; }
    double sum = 0, sum2 = 0, cnt = 0;
    /* the line's common spacing: the widest gap that is not a mark pair, not
     * Han-Latin glue, not beside a space and not between a mark and Latin */
    double common = -1e9;
    for (size_t j = 0; j + 1 < n; j++) {
      uint32_t p = pt_cp(t, G[j]), q = pt_cp(t, G[j + 1]);
      if (G[j + 1] != G[j] + 1 || (pt_has(PT_MARKS, p) && pt_has(PT_MARKS, q))) continue;
      if ((pt_han(p) && pt_latin(q)) || (pt_latin(p) && pt_han(q))) continue;
      if ((pt_has(PT_MARKS, p) && pt_latin(q)) || (pt_latin(p) && pt_has(PT_MARKS, q))) continue;
      double gj = pt_x(t, G[j + 1]) - pt_x(t, G[j]) - t->s.glyphs[G[j]].x_advance;
      if (gj > common) common = gj;
    }
    if (common < 0) common = 0;
    for (size_t i = 0; i + 1 < n; i++) {
      uint32_t u = pt_cp(t, G[i]), v = pt_cp(t, G[i + 1]);
      double gap = pt_x(t, G[i + 1]) - pt_x(t, G[i]) - t->s.glyphs[G[i]].x_advance;
      if (pt_han(u) && pt_han(v)) {
        sum += gap, sum2 += gap * gap, cnt++;
        if (gap > 0.5 * em && t->st.align != JB_ALIGN_DISTRIBUTE) { snprintf(t->msg, sizeof t->msg, "J4 line %zu: Han gap %.3f em", li, gap / em); res = t->msg; break; }
        if (!just && fabs(gap) > 0.05) { snprintf(t->msg, sizeof t->msg, "J5 line %zu (not justified) has a Han gap of %.3f pt", li, gap); res = t->msg; break; }
      }
      int hl = (pt_han(u) && pt_latin(v)) || (pt_latin(u) && pt_han(v));
      if (hl && (gap < em / 8 - tol || gap > em / 2 + tol)) { snprintf(t->msg, sizeof t->msg, "S1 line %zu: Han-Latin gap %.3f em", li, gap / em); res = t->msg; break; }
      int nextmark = (pt_has(PT_MARKS, u) && pt_latin(v)) || (pt_latin(u) && pt_has(PT_MARKS, v));
      if (nextmark && gap > common + 0.02 * em + tol) { snprintf(t->msg, sizeof t->msg, "S2 line %zu: glue beside a mark %.3f em", li, gap / em); res = t->msg; break; }
      if (!pt_has(PT_MARKS, u) && !pt_has(PT_MARKS, v) && gap < -0.05 * em) { snprintf(t->msg, sizeof t->msg, "S3 line %zu overlap %.3f", li, gap); res = t->msg; break; }
      if (pt_has(PT_MARKS, u) && pt_has(PT_MARKS, v) && t->s.glyphs[G[i]].x_advance > 0.9 * em &&
          t->s.glyphs[G[i + 1]].x_advance > 0.9 * em) {
        /* the pair's meeting gap is 1/2 em tighter than the line's common spacing */
        if (gap > -0.5 * em + common + tol) { snprintf(t->msg, sizeof t->msg, "P1 line %zu: pair gap %.3f em (common %.3f em)", li, gap / em, common / em); res = t->msg; break; }
      }
      if (u == v && (u == 0x2014 || u == 0x2026) && fabs(gap) > tol) { snprintf(t->msg, sizeof t->msg, "P4 line %zu: gap inside a 2-em mark", li); res = t->msg; break; }
    }
    if (res) break;
    if (cnt > 1 && t->st.align != JB_ALIGN_DISTRIBUTE) {
      double mean = sum / cnt, var = sum2 / cnt - mean * mean;
      if (var > 0.05 * 0.05) { snprintf(t->msg, sizeof t->msg, "J3 line %zu: uneven Han gaps (sd %.3f)", li, sqrt(var)); res = t->msg; break; }
    }
    if (last && li > 0) {
      int chars = 0;
      for (size_t i = 0; i < n; i++) {
        uint32_t c = pt_cp(t, G[i]);
        if (pt_han(c) || pt_latin(c)) chars++;
      }
      if (chars < 2) { snprintf(t->msg, sizeof t->msg, "O1 last line holds %d character(s): %s", chars, pt_line(t, li)); res = t->msg; break; }
    }
  }
  if (!res && t->p.n_lines && t->p.lines[t->p.n_lines - 1].g1 != t->s.n_glyphs) res = "glyphs after the last line";
  free(G);
  free(H);
  return res;
}

/* Repeats a UTF-8 string n times into buf. */
static inline const char *pt_rep(char *buf, size_t cap, const char *s, int n) {
  buf[0] = 0;
  size_t len = strlen(s), at = 0;
  for (int i = 0; i < n && at + len < cap; i++, at += len) memcpy(buf + at, s, len + 1);
  return buf;
}

#define CHECK_RULES(t) \
  do { \
    const char *why_ = pt_check(t); \
    if (why_) { \
      jbt_fail(__FILE__, __LINE__, "%s", why_); \
      return; \
    } \
  } while (0)

#endif
