/* Nice axis ticks (1-2-5 steps) and the small text helpers tables and charts share. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "layout/figure_imp.h"

/* Tick value i of a step m x 10^k, computed so that decimal steps stay exact
 * (0.1 x 3 = 0.3, not 0.30000000000000004). */
static double tick_value(long long i, int m, int k) {
  if (k >= 0) return (double)i * m * pow(10, k);
  return (double)(i * m) / pow(10, -k);
}

size_t jb_nice_ticks(double lo, double hi, size_t max_ticks, double *ticks) {
  if (max_ticks < 2) max_ticks = 2;
  if (!isfinite(lo) || !isfinite(hi)) lo = 0, hi = 1;
  if (lo > hi) {
    double t = lo;
    lo = hi, hi = t;
  }
  if (lo == hi) { /* a single value: from zero to it (or 0..1 for zero) */
    if (lo > 0) lo = 0;
    else if (lo < 0) hi = 0;
    else hi = 1;
  }
  double raw = (hi - lo) / (double)(max_ticks - 1);
  int k = (int)floor(log10(raw));
  static const int ms[] = {1, 2, 5};
  for (int tries = 0; tries < 40; tries++) {
    for (int a = 0; a < 3; a++) {
      int m = ms[a];
      double step = tick_value(1, m, k);
      long long i0 = (long long)floor(lo / step + 1e-9);
      long long i1 = (long long)ceil(hi / step - 1e-9);
      if (i1 <= i0) i1 = i0 + 1;
      if ((size_t)(i1 - i0 + 1) > max_ticks) continue;
      size_t n = 0;
      for (long long i = i0; i <= i1; i++) {
        double v = tick_value(i, m, k);
        ticks[n++] = v == 0 ? 0 : v; /* no -0 */
      }
      return n;
    }
    k++;
  }
  ticks[0] = lo, ticks[1] = hi;
  return 2;
}

int jb_fig_step_decimals(double step) {
  for (int d = 0; d < 6; d++) {
    double s = step * pow(10, d);
    if (fabs(s - round(s)) < 1e-6 * fmax(1, fabs(s))) return d;
  }
  return 6;
}

int jb_fig_decimals_of(double v, int max_dec) {
  for (int d = 0; d < max_dec; d++) {
    double s = v * pow(10, d);
    if (fabs(s - round(s)) < 1e-7 * fmax(1, fabs(s))) return d;
  }
  return max_dec;
}

void jb_fig_num(const jb_num_style *st, double v, const char *unit, int decimals, int exp,
                jb_buf *num, jb_buf *unit_out) {
  size_t at = num->len;
  jb_num_format(st, v, unit, decimals, exp, num, unit_out);
  if (num->len > at && num->data[at] == '-') { /* U+2212 MINUS SIGN for the hyphen */
    jb_buf tail;
    jb_buf_init(&tail, num->ctx);
    jb_buf_add(&tail, num->data + at + 1, num->len - at - 1);
    num->len = at;
    jb_buf_add_utf8(num, 0x2212);
    jb_buf_add(num, tail.data ? tail.data : "", tail.len);
    jb_buf_fini(&tail);
  }
}

void jb_fig_style_init(jb_ctx *ctx, jb_fonts *fonts, const jb_tpl_style *role, double size,
                       jb_fig_style *out) {
  memset(out, 0, sizeof *out);
  snprintf(out->stack, sizeof out->stack, "%s", role->stack ? role->stack : "sans-zh");
  snprintf(out->bold, sizeof out->bold, "%s-bold", out->stack);
  /* Probe quietly: a missing bold stack is not an error, the regular one draws. */
  int had_error = jb_ctx_status(ctx) != JB_OK;
  if (jb_fonts_stack(fonts, out->bold) < 0) {
    snprintf(out->bold, sizeof out->bold, "%s", out->stack);
    if (!had_error) jb_ctx_clear_error(ctx);
  }
  const char *stack = role->bold ? out->bold : out->stack;
  out->ts = (jb_text_style){stack, out->bold, size > 0 ? size : role->size, 0,
                            role->color, role->align, 0, 0, 0};
  out->ts.pitch = 1.4 * out->ts.size;
}

void jb_fig_inline_text(const jb_inline *in, jb_buf *out) {
  for (size_t i = 0; i < in->n_runs; i++)
    if (in->runs[i].text) jb_buf_adds(out, in->runs[i].text);
}

size_t jb_fig_inline_runs(jb_ctx *ctx, const jb_inline *in, int bold_all, jb_text_run **out) {
  size_t n = 0;
  *out = jb_malloc(ctx, (in->n_runs + 1) * sizeof(jb_text_run));
  for (size_t i = 0; i < in->n_runs; i++) {
    const jb_run *r = &in->runs[i];
    if (!r->text || !*r->text) continue;
    (*out)[n++] = (jb_text_run){r->text, (size_t)-1, bold_all || (r->style & JB_RUN_BOLD), (r->style & JB_RUN_EMPH) != 0, 0};
  }
  return n;
}
