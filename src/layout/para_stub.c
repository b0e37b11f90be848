/* TEMPORARY greedy stand-in for the paragraph engine (jb_para_layout), so that
 * `typeset` links before the real engine lands. The engine's owner deletes this
 * file when src/layout/para.c defines jb_para_layout. */
#include "jianbao/para.h"

jb_status jb_para_layout(jb_ctx *ctx, const jb_shaped *s, const jb_para_style *st, jb_para *out) {
  out->x = jb_malloc(ctx, (s->n_glyphs + 1) * sizeof(float));
  out->lines = NULL;
  out->n_lines = 0;
  size_t cap = 0, g = 0;
  double x = st->indent;
  size_t start = 0;
  for (; g < s->n_glyphs; g++) {
    double adv = s->glyphs[g].x_advance;
    if (x + adv > st->width + 0.01 && g > start) {
      out->lines = jb_grow(ctx, out->lines, &cap, out->n_lines + 1, sizeof(jb_para_line));
      out->lines[out->n_lines++] = (jb_para_line){start, g, x - st->hanging};
      start = g;
      x = st->hanging;
    }
    out->x[g] = (float)x;
    x += adv;
  }
  out->lines = jb_grow(ctx, out->lines, &cap, out->n_lines + 1, sizeof(jb_para_line));
  out->lines[out->n_lines++] = (jb_para_line){start, g, x};
  return JB_OK;
}

void jb_para_fini(jb_ctx *ctx, jb_para *p) {
  jb_free(ctx, p->lines);
  jb_free(ctx, p->x);
  p->lines = NULL;
  p->x = NULL;
  p->n_lines = 0;
}
