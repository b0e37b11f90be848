/* Private to table.c (measuring, natural widths, wrapping) and table_draw.c
 * (geometry queries and drawing): the laid-out table they share. */
#ifndef JB_LAYOUT_TABLE_IMP_H
#define JB_LAYOUT_TABLE_IMP_H

#include "layout/figure_imp.h"

enum { CELL_TEXT, CELL_NUM };
/* dec[c] of a column whose numbers all carry the source's digits in its unit: printed
 * as written (287.9 beside 162.4 and 68, aligned on the point), never rescaled. */
#define DEC_AS_WRITTEN (-2)

typedef struct tcell {
  jb_textblock *tb;
  size_t col, span, rowspan;
  int kind;          /* CELL_* */
  int wrapped;       /* tb was broken to the cell width */
  int bold;
  const jb_inline *in; /* text cells: the model's runs */
  char *text;        /* numbers and placeholders (owned) */
  double natural, minw, tail;
} tcell;

typedef struct trow {
  tcell *cells;
  size_t n;
  double h;          /* height with padding */
  int total;         /* 合计 row: bold, rule above */
} trow;

typedef struct tail_w {
  char s[24];
  double w;
} tail_w;

struct jb_table_layout {
  jb_ctx *ctx;
  jb_fonts *fonts;
  const jb_layout_template *tpl;
  const jb_table *t;
  char *path;
  double box;        /* the width given: the measure (or a share of it beside a chart) */
  double width, size; /* the table's own width: its content's, at most box */
  double x_off;      /* where the table starts in box: centred or left, as the caption role */
  double natural;    /* sum of the columns' widest content: the width the table needs */
  jb_fig_style body, head, cap, note;
  double pad_h, pad_v, pitch, hpitch;
  size_t ncol;
  double *colx, *colw, *tail_max;
  double *num_w;     /* per column: width of its number block (integer part + widest tail) */
  double *text_w;    /* per column: widest one-line body text cell; -1 = some cell wraps */
  int *numeric, *exp, *dec;
  trow *hrows, *rows;
  size_t n_head, n_rows;
  jb_textblock *caption, *caption_cont, *unit_tb, *source_tb;
  int grid, zebra;
  tail_w *tails;
  size_t n_tails, cap_tails;
};

/* Width of a cell across the columns it spans. */
static inline double span_width(const jb_table_layout *tl, const tcell *tc) {
  double w = 0;
  for (size_t k = 0; k < tc->span; k++) w += tl->colw[tc->col + k];
  return w;
}

#endif
