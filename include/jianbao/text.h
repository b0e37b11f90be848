/* Text blocks (part of layout): shaped, broken and justified text that any
 * layout piece (headings, cells, labels, tiles) draws, so all text goes
 * through the same shaping and paragraph engine as the body. */
#ifndef JIANBAO_TEXT_H
#define JIANBAO_TEXT_H

#include "jianbao/layout.h"
#include "jianbao/para.h"

/* ---- Text blocks: shaped, broken and justified text, drawn anywhere ------- */

typedef struct jb_text_style {
  const char *stack;      /* font stack for regular runs */
  const char *bold_stack; /* for bold runs; NULL = stack */
  double size;            /* pt */
  double pitch;           /* baseline-to-baseline, pt; 0 = 1.5 x size */
  jb_rgb color;
  jb_align align;
  double indent, hanging; /* pt */
  double grid;            /* character grid cell, pt; 0 = none (jb_para_style.grid) */
} jb_text_style;

typedef struct jb_text_run {
  const char *utf8;
  size_t len;   /* bytes; (size_t)-1 = strlen */
  int bold;
  int emph;     /* 着重号: a dot under each character (clreq's emphasis), not bold */
  int sup;      /* a note call: smaller and raised, after the figure; on a character grid
                 * it takes no cell of its own (it shares the next mark's, or hangs) */
} jb_text_run;

typedef struct jb_textblock jb_textblock;

/* Shapes the runs as one paragraph and breaks it into lines of `width` pt
 * with the Chinese paragraph engine (width <= 0: one line, no breaking). */
jb_status jb_textblock_new(jb_ctx *ctx, jb_fonts *fonts, const jb_text_run *runs, size_t n_runs,
                           const jb_text_style *style, double width, jb_textblock **out);
/* Convenience for one plain string. */
jb_status jb_textblock_str(jb_ctx *ctx, jb_fonts *fonts, const char *utf8, const jb_text_style *style,
                           double width, jb_textblock **out);
void jb_textblock_free(jb_textblock *tb);
size_t jb_textblock_lines(const jb_textblock *tb);
/* n_lines x pitch: each line owns a box of one pitch, the text centred in it. */
double jb_textblock_height(const jb_textblock *tb);
/* Natural width of the widest line (for one unbroken line: the text's width). */
double jb_textblock_width(const jb_textblock *tb);
/* Where the last line's text ends, from the block's left edge, pt (a contents
 * entry's leader starts there). */
double jb_textblock_last_end(const jb_textblock *tb);
/* Width of the widest unbreakable piece (a table column's minimum). */
double jb_textblock_min_width(const jb_textblock *tb);
/* Baseline of line i below the block's top edge, pt (positive down). */
double jb_textblock_baseline(const jb_textblock *tb, size_t line);
/* Draws lines [l0, l1) with the top of line l0's box at y_top (page coordinates,
 * y up) and the block's left edge at x. Alignment other than justify offsets
 * each line inside `width` (the width given at creation). */
void jb_textblock_draw(const jb_textblock *tb, jb_dl *dl, double x, double y_top, size_t l0, size_t l1);
/* Natural width of a string on one line, pt (0 on error). */
double jb_text_width(jb_ctx *ctx, jb_fonts *fonts, const char *utf8, const char *stack, double size);

#endif
