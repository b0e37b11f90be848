/* Private to the chart files: chart.c (builders, checks, scales, title, legend,
 * notes, the public calls), chart_cartesian.c (columns, lines, combos, bars) and
 * chart_pie.c (pie and donut). A chart is laid out in chart coordinates
 * (x right, y down from its top-left). */
#ifndef JB_LAYOUT_CHART_IMP_H
#define JB_LAYOUT_CHART_IMP_H

#include <math.h>

#include "layout/figure_imp.h"

#define MAX_TICKS 8
#define PI 3.14159265358979323846
#define MAX_BAR_CATEGORIES 60   /* column/bar charts; more is an error (use a line or a table) */
#define MAX_SLICES 10           /* pie: smaller slices beyond this merge into 其他 */
#define MARKER_MAX_POINTS 60    /* line markers only up to this many points */

typedef struct label {
  jb_textblock *tb;
  double x, y, w, h;   /* box, chart coordinates */
  double tx;           /* where the block's left edge is drawn */
  jb_chart_label_kind kind;
  char *text;
} label;

enum { S_RECT, S_LINE, S_PATH };
typedef struct shape {
  int kind, fill, closed, mark;
  jb_rgb color;
  double x, y, w, h, x2, y2, lw, dash;
  size_t p0, np;
} shape;

typedef struct axis {
  int used;
  double ticks[MAX_TICKS + 2];
  size_t n;
  int exp, dec;        /* display scale (0/4/8) and decimals */
  int written;         /* the values print the source's digits: ticks without separators too */
  char unit[64];       /* shown unit after scaling ("亿元"), may be "" */
  const char *src_unit;
  double lo, hi;       /* data range */
} axis;

struct jb_chart_layout {
  jb_ctx *ctx;
  jb_fonts *fonts;
  const jb_layout_template *tpl;
  const jb_chart *c;
  char *path;
  double width, height;
  double px0, py0, px1, py1; /* plot box */
  jb_fig_style lab, cap, note;
  label *labels;
  size_t n_labels, cap_labels;
  shape *shapes;
  size_t n_shapes, cap_shapes;
  double *pts;
  size_t n_pts, cap_pts;
  size_t n_marks;
  axis ax[2];
  int horizontal, stacked, donut;
  size_t thin;              /* category labels every `thin`-th (1 = all) */
};

/* ---- Model accessors (features the model may not carry yet) ----------------- */

static inline int is_pie(const jb_chart *c) { return c->kind == JB_CHART_PIE || c->kind == JB_CHART_DONUT; }
static inline int series_is_line(const jb_chart *c, size_t s) {
  return c->kind == JB_CHART_LINE || (c->kind == JB_CHART_COLUMN && c->series[s].line);
}
static inline int series_axis(const jb_chart *c, size_t s) { return c->kind != JB_CHART_BAR && c->series[s].axis; }
static inline int chart_stacked(const jb_chart *c) { return c->stacked; }
static inline int chart_donut(const jb_chart *c) { return c->kind == JB_CHART_DONUT; }
static inline int chart_rise_red(const jb_chart *c) { return c->red_up; }
static inline int chart_value_labels(const jb_chart *c) { return !c->no_value_labels; }
static inline const char *series_unit(const jb_chart *c, size_t s) {
  return c->series[s].unit && *c->series[s].unit ? c->series[s].unit : c->unit;
}
/* Where the chart's facts were stated (filled by resolution): "文件名 第N段：“sentence”". */
static inline const char *chart_note(const jb_chart *c) { return c->note; }

/* ---- Small shared helpers ---------------------------------------------------- */

static inline jb_rgb series_color(const jb_chart_layout *cl, size_t s) {
  int n = cl->tpl->colors.n_chart > 0 ? cl->tpl->colors.n_chart : 1;
  return cl->tpl->colors.chart[s % (size_t)n];
}

static inline void place(label *l, double x, double y) { l->x = l->tx = x, l->y = y; }

static inline int boxes_overlap(double ax0, double ay0, double ax1, double ay1, double bx0, double by0, double bx1,
                                double by1) {
  return ax0 < bx1 - 0.01 && bx0 < ax1 - 0.01 && ay0 < by1 - 0.01 && by0 < ay1 - 0.01;
}

static inline int val(const jb_chart *c, size_t s, size_t i, double *v) {
  const jb_value *x = &c->series[s].values[i];
  if (!x->has_value || !isfinite(x->value)) return 0;
  *v = x->value;
  return 1;
}

static inline double axis_y(const jb_chart_layout *cl, const axis *a, double v) {
  double t0 = a->ticks[0], t1 = a->ticks[a->n - 1];
  return cl->py1 - (v - t0) / (t1 - t0) * (cl->py1 - cl->py0);
}

static inline double axis_x(const jb_chart_layout *cl, const axis *a, double v) {
  double t0 = a->ticks[0], t1 = a->ticks[a->n - 1];
  return cl->px0 + (v - t0) / (t1 - t0) * (cl->px1 - cl->px0);
}

/* The widest a bar gets (6 em of the labels, about 19 mm at 9 pt): three
 * categories over a page width would otherwise be drawn as slabs. */
static inline double max_bar(const jb_chart_layout *cl) { return 6 * cl->lab.ts.size; }

/* ---- chart.c: shapes and labels ------------------------------------------------ */

void jb_ch_add_rect(jb_chart_layout *cl, double x, double y, double w, double h, jb_rgb c, int mark);
void jb_ch_add_line(jb_chart_layout *cl, double x, double y, double x2, double y2, double lw, jb_rgb c,
                    double dash);
void jb_ch_add_pt(jb_chart_layout *cl, double x, double y);
shape *jb_ch_begin_path(jb_chart_layout *cl, jb_rgb c, int fill, double lw);
void jb_ch_end_path(jb_chart_layout *cl, shape *s);
/* A text block for a label; width > 0 wraps (centred). Not yet placed. */
jb_status jb_ch_make_label(jb_chart_layout *cl, const jb_fig_style *fs, const char *text, double width,
                           jb_align align, jb_chart_label_kind kind, label *out);
void jb_ch_push_label(jb_chart_layout *cl, label *l);
void jb_ch_drop_label(jb_chart_layout *cl, label *l);
void jb_ch_free_labels(jb_chart_layout *cl, label *ls, size_t n);
/* Whether a box is free: inside the chart, off every placed label and bar. */
int jb_ch_box_free(const jb_chart_layout *cl, double x0, double y0, double x1, double y1, int check_marks,
                   size_t skip_mark);
/* The chart's path + fmt (with a, b) in buf, as the location of a message. */
jb_loc jb_ch_at_path(const jb_chart_layout *cl, char *buf, size_t n, const char *fmt, size_t a, size_t b);

/* ---- chart.c: scales and the parts every kind shares ------------------------------ */

/* Ticks and one display scale for an axis; max_ticks from the room. */
void jb_ch_make_axis(jb_chart_layout *cl, int ax, size_t max_ticks);
/* A value label: the source's digits when the axis kept their unit, else in the axis's scale. */
void jb_ch_value_num(const jb_chart_layout *cl, const axis *a, size_t s, size_t i, int dec, jb_buf *out);
jb_status jb_ch_tick_labels(jb_chart_layout *cl, int ax, label **out, double *maxw);
/* "单位：亿元" over an axis; out->tb stays NULL when the axis has no unit. */
jb_status jb_ch_axis_title(jb_chart_layout *cl, int ax, label *out);
/* The caption at *y, the series legend under it; each moves *y down. */
jb_status jb_ch_title(jb_chart_layout *cl, double *y);
jb_status jb_ch_series_legend(jb_chart_layout *cl, double *y);
/* Source note under the chart; returns its height. */
jb_status jb_ch_notes(jb_chart_layout *cl, double y, double *h);

/* ---- The kinds: each lays the whole chart out in a body_h pt body, sets cl->height -- */

jb_status jb_ch_cartesian(jb_chart_layout *cl, double body_h);  /* chart_cartesian.c */
jb_status jb_ch_horizontal(jb_chart_layout *cl, double body_h); /* chart_cartesian.c */
jb_status jb_ch_pie(jb_chart_layout *cl, double body_h);        /* chart_pie.c */

#endif
