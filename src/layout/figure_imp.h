/* Private helpers shared by table.c, the chart files (chart_imp.h) and ticks.c. */
#ifndef JB_LAYOUT_FIGURE_IMP_H
#define JB_LAYOUT_FIGURE_IMP_H

#include "jianbao/figure.h"
#include "jianbao/text.h"

#define JB_FIG_MM (72.0 / 25.4)

/* A text style for a template role at a given size, with the bold stack
 * ("<stack>-bold" when the font configuration has it). The strings live in
 * the struct, so keep it alive while text blocks are created from it. */
typedef struct jb_fig_style {
  char stack[64], bold[72];
  jb_text_style ts;
} jb_fig_style;

void jb_fig_style_init(jb_ctx *ctx, jb_fonts *fonts, const jb_tpl_style *role, double size,
                       jb_fig_style *out);

/* Number for display: jb_num_format, then an ASCII '-' becomes U+2212 (the
 * minus sign). exp/decimals as in jb_num_format. */
void jb_fig_num(const jb_num_style *st, double v, const char *unit, int decimals, int exp,
                jb_buf *num, jb_buf *unit_out);
/* Decimals needed to show v exactly up to max_dec places (trailing zeros dropped). */
int jb_fig_decimals_of(double v, int max_dec);
/* Decimals that tell ticks `step` apart. */
int jb_fig_step_decimals(double step);
/* Appends the inline's text (runs joined) to out. */
void jb_fig_inline_text(const jb_inline *in, jb_buf *out);
/* 表1 / 图2-1 at a caption's start followed by one full-width space (caption.c). */
void jb_caption_label(jb_buf *b);
/* A jb_inline as text runs (bold kept); runs point into the model. Returns the count. */
size_t jb_fig_inline_runs(jb_ctx *ctx, const jb_inline *in, int bold_all, jb_text_run **out);

#endif
