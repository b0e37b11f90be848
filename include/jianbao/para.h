/* Chinese paragraph engine (part of layout): break opportunities (UAX #14 via
 * libunibreak, tailored to clreq), punctuation compression, Han-Latin spacing,
 * total-fit line breaking and justification over one shaped paragraph. */
#ifndef JIANBAO_PARA_H
#define JIANBAO_PARA_H

/* The types come before layout.h, which includes this header for jb_align:
 * either header may be included first. */
#include "jianbao/core.h"

typedef enum jb_align {
  JB_ALIGN_JUSTIFY, /* both edges; the last line starts at the left edge */
  JB_ALIGN_LEFT,
  JB_ALIGN_CENTER,
  JB_ALIGN_RIGHT,
  JB_ALIGN_DISTRIBUTE /* 均排: every line, the last too, spread to the full width */
} jb_align;

typedef struct jb_para_style {
  double width;            /* line width, pt */
  double indent;           /* first-line indent, pt (2 em for body text) */
  double hanging;          /* left indent of the other lines, pt */
  jb_align align;
  int trim_open_at_start;  /* an opening bracket at a line start takes 1/2 em */
  double cjk_latin_gap;    /* Han-Latin glue, em (default 0.25; 1/8..1/2) */
  double grid;             /* character grid cell, pt (GB/T 9704: the em); 0 = none.
                              Justified text on a grid keeps every Han character in
                              its cell (para_grid.c) */
} jb_para_style;

#define JB_PARA_DEFAULTS(width_, em_) \
  ((jb_para_style){(width_), 2 * (em_), 0, JB_ALIGN_JUSTIFY, 1, 0.25, 0})

typedef struct jb_para_line {
  size_t g0, g1;   /* glyphs [g0, g1) of the shaped run drawn on this line */
  double width;    /* set width of the line's content, pt */
} jb_para_line;

typedef struct jb_para {
  jb_para_line *lines;
  size_t n_lines;
  float *x;        /* per glyph of the run: pen x relative to the text block's left edge */
} jb_para;

#include "jianbao/layout.h"

/* Lays out one paragraph. Never fails on content: an unbreakable token longer
 * than the line is broken as a last resort with a warning. */
jb_status jb_para_layout(jb_ctx *ctx, const jb_shaped *s, const jb_para_style *st, jb_para *out);
void jb_para_fini(jb_ctx *ctx, jb_para *p);

#endif
