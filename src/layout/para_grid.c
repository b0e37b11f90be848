/* Justified text on a character grid (GB/T 9704: 22 lines of 28 characters):
 * every Han character sits in its cell, so columns line up from line to line.
 * Marks are full cells; two adjacent full-width marks share their blank halves
 * (。” ）（ ，“ take one cell together, a run of marks is rounded up to whole
 * cells), a Western run (digits, Latin) takes the whole cells it needs and is
 * centred in them, —— and …… take two. No other compression or stretching:
 * a line ends short of the measure by the cells that did not fit (the next
 * unit could not start a line, or a Western run did not fit), never with
 * characters off their columns. Breaks are the engine's (jb_para_breaks). */
#include <math.h>
#include <string.h>

#include "jianbao/para.h"
#include "layout/para_imp.h"

typedef struct gunit {
  uint32_t g0, g1, c0;
  double w;
  jb_cc cls;
  int full;   /* a full-width mark: blank half left (1) or right (2) */
  int free_;  /* part of a Western run (proportional) */
} gunit;

static int mark_class(jb_cc c) { return c == JB_CC_OPEN || c == JB_CC_CLOSE || c == JB_CC_PAUSE || c == JB_CC_STOP; }

static size_t grid_units(const jb_shaped *s, double em, gunit *u) {
  size_t n = 0;
  for (size_t g = 0; g < s->n_glyphs; g++) {
    uint32_t c = s->glyphs[g].cluster;
    double w = s->glyphs[g].x_advance;
    if (!(w > -1e6 && w < 1e6)) w = 0;
    if (n > 0 && c <= u[n - 1].c0) { /* same (or odd) cluster */
      u[n - 1].g1 = (uint32_t)g + 1, u[n - 1].w += w;
      continue;
    }
    u[n] = (gunit){(uint32_t)g, (uint32_t)g + 1, c, w, JB_CC_OTHER, 0, 0};
    uint32_t cp = c < s->text_len ? s->text[c] : 0xFFFC;
    u[n].cls = jb_cjk_class(cp);
    if (mark_class(u[n].cls) && w >= 0.9 * em) u[n].full = u[n].cls == JB_CC_OPEN ? 1 : 2;
    else if (u[n].cls != JB_CC_HAN && u[n].cls != JB_CC_DASH && !(u[n].cls == JB_CC_OTHER && w >= 0.9 * em))
      u[n].free_ = 1;
    n++;
  }
  return n;
}

/* A run of adjacent full-width marks: each mark's inked half, the blank half
 * before an opening mark that starts the run and after a mark that ends it,
 * rounded up to whole cells. pos[] is each glyph box's start in half cells. */
static size_t mark_run(const gunit *u, size_t i, size_t e, double em, long *h, long *pos, double *xoff) {
  size_t j = i + 1;
  while (j < e && u[j].full) j++;
  if (j - i == 1) { /* a lone mark: its full cell */
    pos[i] = *h, xoff[i] = 0, *h += 2;
    return j;
  }
  if (u[i].full == 1) *h += 1; /* the opening mark's blank stays before the run */
  for (size_t k = i; k < j; k++) {
    pos[k] = u[k].full == 1 ? *h - 1 : *h; /* the glyph box starts where its ink half is, or ½ before */
    xoff[k] = 0;
    *h += 1;
  }
  if (u[j - 1].full == 2) *h += 1; /* the last mark's blank half */
  if (*h % 2 && u[i].full == 2 && u[j - 1].full == 1) { /* ：《 : the spare half goes before the opening mark */
    for (size_t k = i; k < j; k++)
      if (u[k].full == 1) pos[k] += 1;
    *h += 1;
  }
  (void)em;
  return j;
}

/* Half-cells from the line start to each unit (pos[i]) and to the line end
 * after unit e - 1 (returned), for units [a, e): the layout of one line. */
static long place(const gunit *u, size_t a, size_t e, double em, long *pos, double *xoff) {
  long h = 0;
  for (size_t i = a; i < e;) {
    h += h % 2; /* every unit starts on a cell */
    if (u[i].free_) { /* a Western run: whole cells, centred */
      size_t j = i;
      double w = 0;
      while (j < e && u[j].free_) w += u[j].w, j++;
      long cells = (long)ceil(w / em - 0.05);
      if (cells < 1) cells = 1;
      double x = (cells * em - w) / 2;
      for (size_t k = i; k < j; k++) pos[k] = h, xoff[k] = x, x += u[k].w;
      h += 2 * cells;
      i = j;
    } else if (u[i].full) {
      i = mark_run(u, i, e, em, &h, pos, xoff);
    } else {
      pos[i] = h, xoff[i] = 0;
      h += u[i].cls == JB_CC_DASH ? 2 * (long)fmax(1, floor(u[i].w / em + 0.5)) : 2;
      i++;
    }
  }
  return h + h % 2;
}

/* Greedy: each line takes the units up to the last break opportunity whose
 * cells fit; a run that fits nowhere is cut where the line is full. */
static size_t next_break(const gunit *u, size_t a, size_t nu, const char *ubrk, long cap, double em, long *pos,
                         double *xoff, int *overlong) {
  size_t best = 0;
  for (size_t b = a + 1; b <= nu; b++) {
    if (b < nu && ubrk[b - 1] == JB_BRK_NONE) continue;
    size_t e = b;
    while (e > a + 1 && u[e - 1].cls == JB_CC_SPACE) e--; /* trailing spaces take no cells */
    if (place(u, a, e, em, pos, xoff) > cap) break;
    best = b;
    if (b < nu && ubrk[b - 1] == JB_BRK_MUST) break;
  }
  if (best) return best;
  size_t b = a + 1; /* nothing fits: as many units as the line holds, at least one */
  while (b < nu && place(u, a, b + 1, em, pos, xoff) <= cap) b++;
  *overlong = 1;
  return b;
}

/* Characters (not marks) in units [a, b). */
static size_t chars_in(const gunit *u, size_t a, size_t b) {
  size_t n = 0;
  for (size_t i = a; i < b; i++) n += !u[i].full && u[i].cls != JB_CC_SPACE && u[i].cls != JB_CC_DASH;
  return n;
}

/* The breaks, greedy; a last line of one character (孤字) takes one more unit
 * from the line before when that line has an earlier opportunity. */
static size_t grid_breaks(jb_ctx *ctx, const gunit *u, size_t nu, const char *ubrk, const jb_para_style *st,
                          long *pos, double *xoff, size_t *br) {
  size_t n = 0;
  int overlong = 0;
  for (size_t a = 0; a < nu;) {
    double x0 = a == 0 ? st->indent : st->hanging;
    long cap = 2 * (long)floor((st->width - x0) / st->grid + 1e-6);
    br[n++] = a = next_break(u, a, nu, ubrk, cap < 2 ? 2 : cap, st->grid, pos, xoff, &overlong);
  }
  if (n >= 2 && chars_in(u, br[n - 2], nu) < 2) {
    size_t a = n >= 3 ? br[n - 3] : 0;
    for (size_t b = br[n - 2] - 1; b > a + 1; b--)
      if (ubrk[b - 1] != JB_BRK_NONE) {
        br[n - 2] = b;
        break;
      }
  }
  if (overlong) jb_warn(ctx, JB_LOC_NONE, "unbreakable text is wider than the line; broken where it must");
  return n;
}

/* Unit-level break opportunities from the code-point ones. */
static void unit_breaks(jb_ctx *ctx, const jb_shaped *s, const gunit *u, size_t nu, char *ubrk) {
  size_t n = s->text_len;
  char *cb = jb_calloc(ctx, n ? n : 1, 1);
  jb_para_breaks(ctx, s->text, n, cb);
  for (size_t k = 0; k + 1 < nu; k++) {
    size_t last = u[k + 1].c0 ? u[k + 1].c0 - 1 : 0;
    ubrk[k] = (last < n && u[k + 1].c0 > u[k].c0) ? cb[last] : JB_BRK_NONE;
  }
  if (nu) ubrk[nu - 1] = JB_BRK_MUST;
  jb_free(ctx, cb);
}

jb_status jb_para_grid(jb_ctx *ctx, const jb_shaped *s, const jb_para_style *st, jb_para *out) {
  double em = st->grid;
  gunit *u = jb_calloc(ctx, s->n_glyphs + 1, sizeof *u);
  size_t nu = grid_units(s, em, u);
  char *ubrk = jb_calloc(ctx, nu + 1, 1);
  long *pos = jb_calloc(ctx, nu + 1, sizeof *pos);
  double *xoff = jb_calloc(ctx, nu + 1, sizeof *xoff);
  unit_breaks(ctx, s, u, nu, ubrk);
  out->lines = jb_calloc(ctx, nu + 1, sizeof *out->lines);
  size_t *br = jb_calloc(ctx, nu + 1, sizeof *br);
  size_t nb = grid_breaks(ctx, u, nu, ubrk, st, pos, xoff, br);
  for (size_t l = 0, a = 0; l < nb; a = br[l++]) {
    double x0 = a == 0 ? st->indent : st->hanging;
    size_t b = br[l], e = b;
    while (e > a + 1 && u[e - 1].cls == JB_CC_SPACE) e--;
    long end = place(u, a, e, em, pos, xoff);
    for (size_t i = a; i < b; i++) {
      double ux = i < e ? x0 + pos[i] * em / 2 + xoff[i] : x0 + end * em / 2;
      for (uint32_t g = u[i].g0; g < u[i].g1; g++) out->x[g] = (float)ux, ux += s->glyphs[g].x_advance;
    }
    jb_para_line *ln = &out->lines[out->n_lines++];
    ln->g0 = u[a].g0, ln->g1 = u[e - 1].g1;
    ln->width = end * em / 2 - (u[e - 1].full == 2 ? em / 2 : 0); /* to the last ink, as the engine measures */
  }
  jb_free(ctx, br);
  jb_free(ctx, u), jb_free(ctx, ubrk), jb_free(ctx, pos), jb_free(ctx, xoff);
  return JB_OK;
}
