/* Figures (part of layout): tables and charts of the briefing model, drawn as
 * vector items into a display list with the same text engine as the body.
 *
 * Coordinates: x to the right, y up (PDF points), except where a function
 * says "relative to the top-left" (then y grows downwards).
 *
 * The page builder lays a figure out once for a width, asks its heights, and
 * draws it (tables: a slice of rows per page). Every diagnostic names the
 * block's JSON path given as `path` ("blocks[3]"). Ownership: the layouts
 * borrow ctx, fonts, tpl and the model (t, c), which must outlive them. */
#ifndef JIANBAO_FIGURE_H
#define JIANBAO_FIGURE_H

#include "jianbao/compose.h"
#include "jianbao/layout.h"

/* ---- Tables ----------------------------------------------------------------
 * Column widths come from the cells' minimum (widest unbreakable piece) and
 * maximum (unbroken) widths. The table is as wide as its content needs, at
 * most `width` (columns all given weights share all of it), centred in
 * `width` when the template's caption is centred, else at its left; the
 * caption spans `width`. Cells wrap with the paragraph engine. A table whose minimum widths do not fit is set in a
 * smaller size (down to JB_TABLE_MIN_SIZE) and then wrapped harder, with a
 * warning; it never draws outside [x, x + width]. */

#define JB_TABLE_MIN_SIZE 6.5 /* pt: smallest body size a too-wide table shrinks to */

typedef struct jb_table_layout jb_table_layout;

jb_status jb_table_layout_new(jb_ctx *ctx, jb_fonts *fonts, const jb_layout_template *tpl,
                              const jb_table *t, double width, const char *path,
                              jb_table_layout **out);
void jb_table_layout_free(jb_table_layout *tl);
size_t jb_table_body_rows(const jb_table_layout *tl);
/* The width the columns' widest content needs (padding included), at the size set. */
double jb_table_natural_width(const jb_table_layout *tl);
/* Caption (or the 续表 caption when continued) + header rows. */
double jb_table_head_height(const jb_table_layout *tl, int continued);
double jb_table_row_height(const jb_table_layout *tl, size_t row);
/* Unit/source notes under the table (0 when there are none). */
double jb_table_foot_height(const jb_table_layout *tl);
/* Draws the caption, the header and body rows [r0, r1) with the top at y_top;
 * continued = 1 on continuation pages (续表 caption, group labels repeated);
 * last = 1 draws the bottom rule and the notes. Returns the height used. */
double jb_table_draw(jb_table_layout *tl, jb_dl *dl, double x, double y_top, size_t r0, size_t r1,
                     int continued, int last);
/* Font size the table was set in (smaller than the template's when it shrank). */
double jb_table_font_size(const jb_table_layout *tl);
/* Column c's left edge (relative to x) and width, for tests. */
size_t jb_table_columns(const jb_table_layout *tl);
void jb_table_column_box(const jb_table_layout *tl, size_t c, double *x0, double *w);

/* ---- Rows taller than a page: split by line ---------------------------------
 * A body row is a stack of text lines of one pitch (every body cell uses the
 * table role), so it can be cut between any two lines. A position in the body
 * is a jb_table_cut {row, line}: "before line `line` of row `row`"; {r, 0} is
 * the top of row r and {n_rows, 0} the end of the table.
 *
 * The page builder fits whole rows first. When row r does not fit even on an
 * empty page, it asks jb_table_row_lines_fit(tl, r, l0, room) for how many of
 * the row's lines from l0 fit in `room` pt, and draws the slice
 * {r0, l0} .. {r, l0 + k} with jb_table_draw_slice. The next page starts at
 * {r, l0 + k}. Cells of a split row show their lines [l0, l0 + k); a cell
 * spanning rows (a group label) is drawn again on every page it reaches. */
typedef struct jb_table_cut {
  size_t row, line;
} jb_table_cut;

/* Lines of a body row (its tallest cell, in body pitches). */
size_t jb_table_row_lines(const jb_table_layout *tl, size_t row);
/* Height of lines [l0, l1) of row `row` drawn as a row part (with padding). */
double jb_table_row_part_height(const jb_table_layout *tl, size_t row, size_t l0, size_t l1);
/* How many lines of row `row` from l0 fit in `room` pt as a row part (may be 0). */
size_t jb_table_row_lines_fit(const jb_table_layout *tl, size_t row, size_t l0, double room);
/* Height of the body between two cuts (no head, no foot). */
double jb_table_slice_height(const jb_table_layout *tl, jb_table_cut from, jb_table_cut to);
/* Like jb_table_draw for the body between two cuts; head = 0 leaves out the
 * caption and header (to continue on the same page). Returns the height used. */
double jb_table_draw_slice(jb_table_layout *tl, jb_dl *dl, double x, double y_top, jb_table_cut from,
                           jb_table_cut to, int head, int continued, int last);

/* ---- Charts ----------------------------------------------------------------
 * Column (vertical), bar (horizontal), grouped or stacked; line with markers;
 * pie and donut with percentage labels; columns with line series on a
 * secondary axis. Text comes from the chart role (labels), caption (title) and
 * note (unit and source lines). jb_chart_height is the whole block: title,
 * legend, plot, category labels and notes. */
typedef struct jb_chart_layout jb_chart_layout;

jb_status jb_chart_layout_new(jb_ctx *ctx, jb_fonts *fonts, const jb_layout_template *tpl,
                              const jb_chart *c, double width, const char *path,
                              jb_chart_layout **out);
double jb_chart_height(const jb_chart_layout *cl);
void jb_chart_draw(jb_chart_layout *cl, jb_dl *dl, double x, double y_top);
void jb_chart_layout_free(jb_chart_layout *cl);

/* For tests: every text label's box relative to the chart's top-left (y down),
 * and the chart area (0, 0, width, height) and the plot box in the same frame. */
typedef enum jb_chart_label_kind {
  JB_LABEL_TITLE, JB_LABEL_LEGEND, JB_LABEL_TICK, JB_LABEL_CATEGORY, JB_LABEL_VALUE,
  JB_LABEL_AXIS_TITLE, JB_LABEL_NOTE, JB_LABEL_SLICE
} jb_chart_label_kind;
size_t jb_chart_label_count(const jb_chart_layout *cl);
void jb_chart_label_box(const jb_chart_layout *cl, size_t i, double box[4]); /* x0,y0,x1,y1 */
jb_chart_label_kind jb_chart_label_kind_of(const jb_chart_layout *cl, size_t i);
/* The label's text (UTF-8, borrowed from the layout). */
const char *jb_chart_label_text(const jb_chart_layout *cl, size_t i);
void jb_chart_area(const jb_chart_layout *cl, double box[4]);
void jb_chart_plot_box(const jb_chart_layout *cl, double box[4]);
/* Bars and slices drawn (rectangles and polygons), for tests. */
size_t jb_chart_mark_count(const jb_chart_layout *cl);
/* Tick values of the value axis (axis 0 = primary, 1 = secondary); returns the count. */
size_t jb_chart_ticks(const jb_chart_layout *cl, int axis, const double **ticks);

/* Nice ticks: multiples of a 1-2-5 step (x 10^k) from at or below lo to at or
 * above hi, at most max_ticks values (>= 2) written to ticks; returns the
 * count. lo == hi gives a range around the value (and 0..1 for 0); non-finite
 * input gives 0..1. */
size_t jb_nice_ticks(double lo, double hi, size_t max_ticks, double *ticks);

#endif
