/* Charts as vector items: column and bar (grouped or stacked), line with
 * markers, pie and donut, columns with lines on a secondary axis. Everything
 * is laid out once in chart coordinates (x right, y down from the chart's
 * top-left) and translated when drawn; every label is a text block, and no
 * label is placed where it would overlap another or leave the chart. */
#include <math.h>
#include <stdio.h>
#include <string.h>

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

static int is_pie(const jb_chart *c) { return c->kind == JB_CHART_PIE || c->kind == JB_CHART_DONUT; }
static int series_is_line(const jb_chart *c, size_t s) {
  return c->kind == JB_CHART_LINE || (c->kind == JB_CHART_COLUMN && c->series[s].line);
}
static int series_axis(const jb_chart *c, size_t s) { return c->kind != JB_CHART_BAR && c->series[s].axis; }
static int chart_stacked(const jb_chart *c) { return c->stacked; }
static int chart_donut(const jb_chart *c) { return c->kind == JB_CHART_DONUT; }
static int chart_rise_red(const jb_chart *c) { return c->red_up; }
static int chart_value_labels(const jb_chart *c) { return !c->no_value_labels; }
static const char *series_unit(const jb_chart *c, size_t s) {
  return c->series[s].unit && *c->series[s].unit ? c->series[s].unit : c->unit;
}
/* Where the chart's facts were stated (filled by resolution): "文件名 第N段：“sentence”". */
static const char *chart_note(const jb_chart *c) { return c->note; }

/* ---- Small builders ------------------------------------------------------------- */

static jb_rgb series_color(const jb_chart_layout *cl, size_t s) {
  int n = cl->tpl->colors.n_chart > 0 ? cl->tpl->colors.n_chart : 1;
  return cl->tpl->colors.chart[s % (size_t)n];
}

static shape *add_shape(jb_chart_layout *cl, int kind, jb_rgb color) {
  cl->shapes = jb_grow(cl->ctx, cl->shapes, &cl->cap_shapes, cl->n_shapes + 1, sizeof(shape));
  shape *s = &cl->shapes[cl->n_shapes++];
  memset(s, 0, sizeof *s);
  s->kind = kind, s->color = color;
  return s;
}

static void add_rect(jb_chart_layout *cl, double x, double y, double w, double h, jb_rgb c, int mark) {
  shape *s = add_shape(cl, S_RECT, c);
  s->x = x, s->y = y, s->w = w, s->h = h, s->mark = mark;
  cl->n_marks += mark;
}

static void add_line(jb_chart_layout *cl, double x, double y, double x2, double y2, double lw, jb_rgb c,
                     double dash) {
  shape *s = add_shape(cl, S_LINE, c);
  s->x = x, s->y = y, s->x2 = x2, s->y2 = y2, s->lw = lw, s->dash = dash;
}

static void add_pt(jb_chart_layout *cl, double x, double y) {
  cl->pts = jb_grow(cl->ctx, cl->pts, &cl->cap_pts, cl->n_pts + 2, sizeof(double));
  cl->pts[cl->n_pts++] = x;
  cl->pts[cl->n_pts++] = y;
}

static shape *begin_path(jb_chart_layout *cl, jb_rgb c, int fill, double lw) {
  shape *s = add_shape(cl, S_PATH, c);
  s->fill = fill, s->lw = lw, s->p0 = cl->n_pts / 2;
  return s;
}

static void end_path(jb_chart_layout *cl, shape *s) { s->np = cl->n_pts / 2 - s->p0; }

/* A text block for a label; width > 0 wraps (centred). Not yet placed. */
static jb_status make_label(jb_chart_layout *cl, const jb_fig_style *fs, const char *text, double width,
                            jb_align align, jb_chart_label_kind kind, label *out) {
  memset(out, 0, sizeof *out);
  jb_text_style ts = fs->ts;
  ts.align = align;
  jb_status st = jb_textblock_str(cl->ctx, cl->fonts, text, &ts, 0, &out->tb);
  if (!st && width > 0 && jb_textblock_width(out->tb) > width + 0.01) {
    jb_textblock_free(out->tb);
    out->tb = NULL;
    st = jb_textblock_str(cl->ctx, cl->fonts, text, &ts, width, &out->tb);
    out->w = width;
  } else if (!st) {
    out->w = jb_textblock_width(out->tb);
  }
  if (st) return st;
  out->h = jb_textblock_height(out->tb);
  out->kind = kind;
  out->text = jb_strdup(cl->ctx, text);
  return JB_OK;
}

static void place(label *l, double x, double y) { l->x = l->tx = x, l->y = y; }

static void push_label(jb_chart_layout *cl, label *l) {
  cl->labels = jb_grow(cl->ctx, cl->labels, &cl->cap_labels, cl->n_labels + 1, sizeof(label));
  cl->labels[cl->n_labels++] = *l;
  memset(l, 0, sizeof *l);
}

static void drop_label(jb_chart_layout *cl, label *l) {
  jb_textblock_free(l->tb);
  jb_free(cl->ctx, l->text);
  memset(l, 0, sizeof *l);
}

static int boxes_overlap(double ax0, double ay0, double ax1, double ay1, double bx0, double by0, double bx1,
                         double by1) {
  return ax0 < bx1 - 0.01 && bx0 < ax1 - 0.01 && ay0 < by1 - 0.01 && by0 < ay1 - 0.01;
}

/* Whether a box is free: inside the chart, off every placed label and bar. */
static int box_free(const jb_chart_layout *cl, double x0, double y0, double x1, double y1, int check_marks,
                    size_t skip_mark) {
  if (x0 < -0.01 || y0 < -0.01 || x1 > cl->width + 0.01) return 0;
  for (size_t i = 0; i < cl->n_labels; i++) {
    const label *l = &cl->labels[i];
    if (boxes_overlap(x0, y0, x1, y1, l->x, l->y, l->x + l->w, l->y + l->h)) return 0;
  }
  if (check_marks) {
    size_t m = 0;
    for (size_t i = 0; i < cl->n_shapes; i++) {
      const shape *s = &cl->shapes[i];
      if (!s->mark || s->kind != S_RECT) continue;
      if (m++ == skip_mark) continue;
      if (boxes_overlap(x0, y0, x1, y1, s->x, s->y, s->x + s->w, s->y + s->h)) return 0;
    }
  }
  return 1;
}

/* ---- Values, scales, checks ---------------------------------------------------- */

static jb_loc at_path(const jb_chart_layout *cl, char *buf, size_t n, const char *fmt, size_t a, size_t b) {
  char tail[96];
  snprintf(tail, sizeof tail, fmt, a, b);
  snprintf(buf, n, "%s%s", cl->path, tail);
  return (jb_loc){NULL, 0, 0, -1, buf};
}

static jb_status check_data(jb_chart_layout *cl) {
  const jb_chart *c = cl->c;
  char where[200];
  if (!c->n_categories)
    return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".categories", 0, 0),
                   "a chart needs at least one category");
  if (!c->n_series)
    return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".series", 0, 0),
                   "a chart needs at least one series");
  for (size_t s = 0; s < c->n_series; s++) {
    const jb_series *se = &c->series[s];
    if (se->n_values != c->n_categories)
      return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".series[%zu].values", s, 0),
                     "expected %zu values (one per category), got %zu", c->n_categories, se->n_values);
    for (size_t i = 0; i < se->n_values; i++) {
      const jb_value *v = &se->values[i];
      if (!v->has_value) continue;
      if (!isfinite(v->value))
        return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".series[%zu].values[%zu]", s, i),
                       "not a finite number");
      if (is_pie(c) && v->value < 0)
        return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".series[%zu].values[%zu]", s, i),
                       "a pie chart cannot show the negative value %g (use a bar chart)", v->value);
    }
  }
  if (is_pie(c) && c->n_series != 1)
    return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".series", 0, 0),
                   "a pie chart takes exactly 1 series, got %zu", c->n_series);
  if ((c->kind == JB_CHART_BAR || c->kind == JB_CHART_COLUMN) && c->n_categories > MAX_BAR_CATEGORIES)
    return jb_fail(cl->ctx, JB_ERR_LIMIT, at_path(cl, where, sizeof where, ".categories", 0, 0),
                   "%zu categories are too many for a %s chart (at most %d); use a line chart or a table",
                   c->n_categories, jb_chart_kind_name(c->kind), MAX_BAR_CATEGORIES);
  return JB_OK;
}

static int val(const jb_chart *c, size_t s, size_t i, double *v) {
  const jb_value *x = &c->series[s].values[i];
  if (!x->has_value || !isfinite(x->value)) return 0;
  *v = x->value;
  return 1;
}

/* Data range of the series on one axis (stacked sums for stacked bars). */
static int data_range(const jb_chart_layout *cl, int ax, double *lo, double *hi) {
  const jb_chart *c = cl->c;
  int any = 0;
  *lo = 0, *hi = 0;
  for (size_t i = 0; i < c->n_categories; i++) {
    double pos = 0, neg = 0;
    for (size_t s = 0; s < c->n_series; s++) {
      double v;
      if (series_axis(c, s) != ax || !val(c, s, i, &v)) continue;
      double a = v, b = v;
      if (cl->stacked && !series_is_line(c, s)) {
        if (v >= 0) pos += v;
        else neg += v;
        a = neg, b = pos;
      }
      if (!any) *lo = a, *hi = b;
      *lo = fmin(*lo, a), *hi = fmax(*hi, b);
      any = 1;
    }
  }
  return any;
}

static int axis_has_bars(const jb_chart_layout *cl, int ax) {
  for (size_t s = 0; s < cl->c->n_series; s++)
    if (series_axis(cl->c, s) == ax && !series_is_line(cl->c, s)) return 1;
  return 0;
}

/* Every value on the axis carries the source's digits in the axis's unit: the axis
 * keeps that unit so the labels can print them (9823 万元, never 0.98 亿元). */
static int axis_written(const jb_chart_layout *cl, int ax) {
  const jb_chart *c = cl->c;
  int any = 0;
  for (size_t s = 0; s < c->n_series; s++)
    for (size_t i = 0; i < c->series[s].n_values && series_axis(c, s) == ax; i++) {
      const jb_value *x = &c->series[s].values[i];
      if (!x->has_value) continue;
      if (!x->as_written || !x->text) return 0;
      any = 1;
    }
  return any;
}

/* Ticks and one display scale for an axis; max_ticks from the room. */
static void make_axis(jb_chart_layout *cl, int ax, size_t max_ticks) {
  axis *a = &cl->ax[ax];
  double lo, hi;
  if (!data_range(cl, ax, &lo, &hi)) lo = 0, hi = 1;
  a->lo = lo, a->hi = hi;
  if (axis_has_bars(cl, ax)) { /* bars start at zero */
    if (lo > 0) lo = 0;
    if (hi < 0) hi = 0;
  } else if (lo > 0 && lo < 0.5 * hi) {
    lo = 0;
  }
  if (max_ticks > MAX_TICKS) max_ticks = MAX_TICKS;
  a->n = jb_nice_ticks(lo, hi, max_ticks, a->ticks);
  double step = a->n > 1 ? a->ticks[1] - a->ticks[0] : 1;
  const jb_num_style *st = &cl->tpl->numbers;
  const char *unit = a->src_unit;
  double maxabs = fmax(fabs(a->ticks[0]), fabs(a->ticks[a->n - 1]));
  double f = jb_unit_scale(unit, NULL);
  if (unit && *unit) {
    a->written = axis_written(cl, ax);
    a->exp = a->written ? (int)lround(log10(f)) : jb_num_pick_scale(st, maxabs * f, unit);
    jb_buf num, u;
    jb_buf_init(&num, cl->ctx);
    jb_buf_init(&u, cl->ctx);
    jb_num_format(st, 1, unit, 0, a->exp, &num, &u);
    snprintf(a->unit, sizeof a->unit, "%s", u.data ? u.data : "");
    jb_buf_fini(&num);
    jb_buf_fini(&u);
    a->dec = jb_fig_step_decimals(step * f / pow(10, a->exp));
  } else { /* a bare count: 万 / 亿 on the axis title when the values call for it */
    a->exp = maxabs >= st->yi_min ? 8 : maxabs >= st->wan_min ? 4 : 0;
    snprintf(a->unit, sizeof a->unit, "%s", a->exp == 8 ? "亿" : a->exp == 4 ? "万" : "");
    a->dec = jb_fig_step_decimals(step / pow(10, a->exp));
  }
  if (a->dec > 4) a->dec = 4;
}

/* A value in the axis's scale: "15.76" (unit left to the axis title). */
static void axis_num(const jb_chart_layout *cl, const axis *a, double v, int dec, jb_buf *out) {
  const jb_num_style *st = &cl->tpl->numbers;
  if (a->src_unit && *a->src_unit) {
    jb_buf u;
    jb_buf_init(&u, cl->ctx);
    jb_num_style plain = *st;
    plain.thousands = 0;
    jb_fig_num(a->written ? &plain : st, v, a->src_unit, dec, a->exp, out, &u);
    jb_buf_fini(&u);
  } else {
    jb_fig_num(st, v / pow(10, a->exp), NULL, dec, -1, out, NULL);
  }
}

/* A value label: the source's digits when the axis kept their unit, else as axis_num. */
static void value_num(const jb_chart_layout *cl, const axis *a, size_t s, size_t i, int dec, jb_buf *out) {
  const jb_value *x = &cl->c->series[s].values[i];
  if (x->as_written && x->text && a->src_unit && a->exp == (int)lround(log10(jb_unit_scale(a->src_unit, NULL))))
    jb_buf_adds(out, x->text);
  else
    axis_num(cl, a, x->value, dec, out);
}

static double axis_y(const jb_chart_layout *cl, const axis *a, double v) {
  double t0 = a->ticks[0], t1 = a->ticks[a->n - 1];
  return cl->py1 - (v - t0) / (t1 - t0) * (cl->py1 - cl->py0);
}

static double axis_x(const jb_chart_layout *cl, const axis *a, double v) {
  double t0 = a->ticks[0], t1 = a->ticks[a->n - 1];
  return cl->px0 + (v - t0) / (t1 - t0) * (cl->px1 - cl->px0);
}

/* ---- Common parts: title, legend, notes ------------------------------------------ */

static jb_status title(jb_chart_layout *cl, double *y) {
  jb_buf b;
  jb_buf_init(&b, cl->ctx);
  jb_fig_inline_text(&cl->c->caption, &b);
  jb_caption_label(&b);
  jb_status st = JB_OK;
  if (b.len) {
    label l;
    /* placed as the template places table captions: centred, or at the left (onepager) */
    int centre = cl->tpl->roles[JB_ROLE_CAPTION].align == JB_ALIGN_CENTER;
    st = make_label(cl, &cl->cap, b.data, cl->width, centre ? JB_ALIGN_CENTER : JB_ALIGN_LEFT, JB_LABEL_TITLE, &l);
    if (!st) {
      place(&l, centre ? (cl->width - l.w) / 2 : 0, *y);
      *y += l.h + 0.3 * cl->cap.ts.size;
      push_label(cl, &l);
    }
  }
  jb_buf_fini(&b);
  return st;
}

/* Legend entries flow in centred rows: a swatch (bar) or a short line (line series). */
static jb_status legend(jb_chart_layout *cl, double *y, const char **names, size_t n, const int *is_line,
                        const jb_rgb *colors) {
  double size = cl->lab.ts.size, sw = size * (1.6), gap = size, pitch = cl->lab.ts.pitch;
  label *ls = jb_calloc(cl->ctx, n ? n : 1, sizeof(label));
  jb_status st = JB_OK;
  for (size_t i = 0; i < n && !st; i++)
    st = make_label(cl, &cl->lab, names[i], cl->width - sw - 4, JB_ALIGN_LEFT, JB_LABEL_LEGEND, &ls[i]);
  size_t i = 0;
  while (!st && i < n) { /* one row */
    size_t j = i;
    double w = 0;
    while (j < n) {
      double ew = sw + 3 + ls[j].w;
      if (j > i && w + gap + ew > cl->width) break;
      w += (j > i ? gap : 0) + ew;
      j++;
    }
    double x = (cl->width - w) / 2, rowh = pitch;
    for (size_t k = i; k < j; k++) rowh = fmax(rowh, ls[k].h);
    for (size_t k = i; k < j; k++) {
      double cy = *y + pitch / 2;
      if (is_line[k]) {
        add_line(cl, x, cy, x + sw, cy, 1.5, colors[k], 0);
        add_rect(cl, x + sw / 2 - 2, cy - 2, 4, 4, colors[k], 0);
      } else {
        add_rect(cl, x + sw * 0.2, cy - size * 0.35, sw * 0.6, size * 0.7, colors[k], 0);
      }
      place(&ls[k], x + sw + 3, *y);
      x += sw + 3 + ls[k].w + gap;
      push_label(cl, &ls[k]);
    }
    *y += rowh;
    i = j;
  }
  for (size_t k = 0; k < n; k++) drop_label(cl, &ls[k]);
  jb_free(cl->ctx, ls);
  *y += 0.4 * size;
  return st;
}

static jb_status series_legend(jb_chart_layout *cl, double *y) {
  const jb_chart *c = cl->c;
  if (c->n_series < 2) return JB_OK;
  const char **names = jb_calloc(cl->ctx, c->n_series, sizeof(char *));
  int *is_line = jb_calloc(cl->ctx, c->n_series, sizeof(int));
  jb_rgb *colors = jb_calloc(cl->ctx, c->n_series, sizeof(jb_rgb));
  for (size_t s = 0; s < c->n_series; s++) {
    names[s] = c->series[s].name && *c->series[s].name ? c->series[s].name : "（未命名）";
    is_line[s] = series_is_line(c, s);
    colors[s] = series_color(cl, s);
  }
  jb_status st = legend(cl, y, names, c->n_series, is_line, colors);
  jb_free(cl->ctx, names);
  jb_free(cl->ctx, is_line);
  jb_free(cl->ctx, colors);
  return st;
}

/* Source note under the chart; returns its height. */
static jb_status notes(jb_chart_layout *cl, double y, double *h) {
  *h = 0;
  jb_buf b;
  jb_buf_init(&b, cl->ctx);
  if (cl->c->source && *cl->c->source) {
    jb_buf_adds(&b, "数据来源：");
    jb_buf_adds(&b, cl->c->source);
  }
  const char *cite = chart_note(cl->c);
  if (cite && *cite) {
    jb_buf_adds(&b, b.len ? "。出处：" : "数据来源：");
    jb_buf_adds(&b, cite);
  }
  jb_status st = JB_OK;
  if (b.len) {
    label l;
    jb_fig_style ns = cl->note;
    ns.ts.pitch = 1.4 * ns.ts.size;
    st = make_label(cl, &ns, b.data, cl->width, ns.ts.align, JB_LABEL_NOTE, &l);
    if (!st) {
      l.w = fmin(l.w, cl->width);
      place(&l, 0, y + 0.3 * ns.ts.size);
      *h = l.h + 0.3 * ns.ts.size;
      push_label(cl, &l);
    }
  }
  jb_buf_fini(&b);
  return st;
}

/* ---- Value axes -------------------------------------------------------------------- */

static jb_status tick_labels(jb_chart_layout *cl, int ax, label **out, double *maxw) {
  axis *a = &cl->ax[ax];
  *out = jb_calloc(cl->ctx, a->n, sizeof(label));
  *maxw = 0;
  for (size_t i = 0; i < a->n; i++) {
    jb_buf b;
    jb_buf_init(&b, cl->ctx);
    axis_num(cl, a, a->ticks[i], a->dec, &b);
    jb_buf_addc(&b, '\0');
    jb_status st = make_label(cl, &cl->lab, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_TICK, &(*out)[i]);
    jb_buf_fini(&b);
    if (st) return st;
    *maxw = fmax(*maxw, (*out)[i].w);
  }
  return JB_OK;
}

static void free_labels(jb_chart_layout *cl, label *ls, size_t n) {
  for (size_t i = 0; i < n; i++) drop_label(cl, &ls[i]);
  jb_free(cl->ctx, ls);
}

static jb_status axis_title(jb_chart_layout *cl, int ax, label *out) {
  memset(out, 0, sizeof *out);
  const axis *a = &cl->ax[ax];
  if (!a->unit[0]) return JB_OK;
  char buf[96];
  snprintf(buf, sizeof buf, "单位：%s", a->unit);
  return make_label(cl, &cl->lab, buf, 0, JB_ALIGN_LEFT, JB_LABEL_AXIS_TITLE, out);
}

/* ---- Cartesian charts: columns, lines, combos ---------------------------------------- */

static jb_rgb value_color(const jb_chart_layout *cl, size_t s, double v) {
  if (chart_rise_red(cl->c) && cl->c->n_series == 1) /* 红涨绿跌 */
    return v >= 0 ? (jb_rgb){0.80f, 0.10f, 0.10f} : (jb_rgb){0.10f, 0.55f, 0.25f};
  return series_color(cl, s);
}

static double luminance(jb_rgb c) { return 0.299 * c.r + 0.587 * c.g + 0.114 * c.b; }

/* Category labels under the columns: wrapped to the slot, at most 3 lines;
 * when they cannot fit, every `thin`-th is shown (and a warning says so). */
static jb_status category_labels(jb_chart_layout *cl, double slot, label **out, double *h) {
  const jb_chart *c = cl->c;
  size_t n = c->n_categories;
  *out = jb_calloc(cl->ctx, n, sizeof(label));
  *h = 0;
  double maxnat = 0, maxmin = 0;
  for (size_t i = 0; i < n; i++) {
    jb_status st = make_label(cl, &cl->lab, c->categories[i], 0, JB_ALIGN_CENTER, JB_LABEL_CATEGORY, &(*out)[i]);
    if (st) return st;
    maxnat = fmax(maxnat, (*out)[i].w);
    maxmin = fmax(maxmin, jb_textblock_min_width((*out)[i].tb));
  }
  double avail = slot - 4;
  size_t thin = 1;
  if (maxmin > avail) { /* not even one character per line fits: show every thin-th */
    thin = (size_t)ceil((fmin(maxnat, 4 * cl->lab.ts.size) + 4) / slot);
    if (thin < 1) thin = 1;
  }
  cl->thin = thin;
  if (thin > 1) {
    char where[200];
    jb_warn(cl->ctx, at_path(cl, where, sizeof where, ".categories", 0, 0),
            "%zu category labels do not fit under the axis; every %zu%s is shown", n, thin,
            thin == 2 ? "nd" : thin == 3 ? "rd" : "th");
  }
  for (size_t i = 0; i < n; i++) {
    label *l = &(*out)[i];
    if (i % thin) {
      drop_label(cl, l);
      continue;
    }
    double w = thin > 1 ? slot * thin - 4 : avail;
    if (l->w > w) {
      char *t = jb_strdup(cl->ctx, l->text);
      drop_label(cl, l);
      jb_status st = make_label(cl, &cl->lab, t, w, JB_ALIGN_CENTER, JB_LABEL_CATEGORY, l);
      jb_free(cl->ctx, t);
      if (st) return st;
    }
    *h = fmax(*h, l->h);
  }
  return JB_OK;
}

static void draw_grid(jb_chart_layout *cl, const axis *a, label *ticks, int right) {
  jb_rgb grid = {0.85f, 0.85f, 0.85f}, axisc = cl->tpl->colors.muted;
  for (size_t i = 0; i < a->n; i++) {
    double y = axis_y(cl, a, a->ticks[i]);
    if (!right) add_line(cl, cl->px0, y, cl->px1, y, a->ticks[i] == 0 ? 0.8 : 0.4,
                         a->ticks[i] == 0 ? axisc : grid, 0);
    label *l = &ticks[i];
    if (right) place(l, cl->px1 + 3, y - l->h / 2);
    else place(l, cl->px0 - 3 - l->w, y - l->h / 2);
    push_label(cl, l); /* moves it: ticks[i] is left empty */
  }
}

/* One number of decimals for every value label on an axis (6.20 never beside 5.0). */
static int value_decimals(const jb_chart_layout *cl, int ax, int max_dec) {
  const jb_chart *c = cl->c;
  const axis *a = &cl->ax[ax];
  double f = jb_unit_scale(a->src_unit, NULL) / pow(10, a->exp);
  int dec = 0;
  for (size_t s = 0; s < c->n_series; s++)
    for (size_t i = 0; i < c->n_categories && series_axis(c, s) == ax; i++) {
      double v;
      if (val(c, s, i, &v)) dec = fmax(dec, jb_fig_decimals_of(v * f, max_dec));
    }
  return dec;
}

/* Value labels: all of a bar series or none; line points one by one (above, then below). */
static jb_status bar_value_labels(jb_chart_layout *cl, size_t s, const double *bx, const double *by,
                                  const double *bw, const double *bh, const size_t *mark, size_t n,
                                  int horizontal) {
  const jb_chart *c = cl->c;
  const axis *a = &cl->ax[series_axis(c, s)];
  label *ls = jb_calloc(cl->ctx, n ? n : 1, sizeof(label));
  int ok = 1, dec = value_decimals(cl, series_axis(c, s), 2);
  jb_status st = JB_OK;
  for (size_t i = 0; i < n && ok && !st; i++) {
    double v;
    if (!val(c, s, i, &v) || bw[i] <= 0) continue;
    jb_buf b;
    jb_buf_init(&b, cl->ctx);
    value_num(cl, a, s, i, dec, &b);
    jb_buf_addc(&b, '\0');
    st = make_label(cl, &cl->lab, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_VALUE, &ls[i]);
    jb_buf_fini(&b);
    if (st) break;
    label *l = &ls[i];
    if (horizontal) {
      double x = v >= 0 ? bx[i] + bw[i] + 2 : bx[i] - 2 - l->w;
      place(l, x, by[i] + bh[i] / 2 - l->h / 2);
    } else {
      double y = v >= 0 ? by[i] - l->h : by[i] + bh[i];
      place(l, bx[i] + bw[i] / 2 - l->w / 2, y);
    }
    if (!box_free(cl, l->x, l->y, l->x + l->w, l->y + l->h, 1, mark[i])) ok = 0;
    for (size_t k = 0; k < i && ok; k++)
      if (ls[k].tb && boxes_overlap(l->x, l->y, l->x + l->w, l->y + l->h, ls[k].x, ls[k].y, ls[k].x + ls[k].w,
                                    ls[k].y + ls[k].h))
        ok = 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (ok && !st && ls[i].tb) push_label(cl, &ls[i]);
    else drop_label(cl, &ls[i]);
  }
  jb_free(cl->ctx, ls);
  return st;
}

static void circle(jb_chart_layout *cl, double cx, double cy, double r, jb_rgb c) {
  shape *p = begin_path(cl, c, 1, 0);
  for (int k = 0; k < 12; k++) add_pt(cl, cx + r * cos(k * PI / 6), cy + r * sin(k * PI / 6));
  end_path(cl, p);
}

static jb_status line_series(jb_chart_layout *cl, size_t s, double slot) {
  const jb_chart *c = cl->c;
  const axis *a = &cl->ax[series_axis(c, s)];
  jb_rgb col = series_color(cl, s);
  size_t n = c->n_categories;
  shape *p = NULL;
  for (size_t i = 0; i < n; i++) { /* a gap (null) ends the polyline */
    double v;
    if (!val(c, s, i, &v)) {
      if (p) end_path(cl, p), p = NULL;
      continue;
    }
    if (!p) p = begin_path(cl, col, 0, 1.5);
    add_pt(cl, cl->px0 + (i + 0.5) * slot, axis_y(cl, a, v));
  }
  if (p) end_path(cl, p);
  int markers = n <= MARKER_MAX_POINTS;
  for (size_t i = 0; i < n && markers; i++) {
    double v;
    if (val(c, s, i, &v)) circle(cl, cl->px0 + (i + 0.5) * slot, axis_y(cl, a, v), 2.2, col);
  }
  size_t n_lines = 0;
  for (size_t k = 0; k < c->n_series; k++) n_lines += series_is_line(c, k);
  if (!chart_value_labels(c) || n > 16 || n_lines > 1) return JB_OK; /* several lines: the axis reads better */
  for (size_t i = 0; i < n; i++) {
    double v;
    if (!val(c, s, i, &v)) continue;
    jb_buf b;
    jb_buf_init(&b, cl->ctx);
    value_num(cl, a, s, i, value_decimals(cl, series_axis(c, s), 2), &b);
    jb_buf_addc(&b, '\0');
    label l;
    jb_status st = make_label(cl, &cl->lab, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_VALUE, &l);
    jb_buf_fini(&b);
    if (st) return st;
    double x = cl->px0 + (i + 0.5) * slot - l.w / 2, y = axis_y(cl, a, v);
    double ys[2] = {y - 3 - l.h, y + 3};
    int placed = 0;
    for (int k = 0; k < 2 && !placed; k++) {
      if (ys[k] < cl->py0 - l.h || ys[k] + l.h > cl->py1) continue;
      if (!box_free(cl, x, ys[k], x + l.w, ys[k] + l.h, 1, (size_t)-1)) continue;
      place(&l, x, ys[k]);
      push_label(cl, &l);
      placed = 1;
    }
    if (!placed) drop_label(cl, &l);
  }
  return JB_OK;
}

static size_t bar_series_count(const jb_chart_layout *cl) {
  size_t k = 0;
  for (size_t s = 0; s < cl->c->n_series; s++) k += !series_is_line(cl->c, s);
  return k;
}

/* Columns (vertical bars): grouped side by side, or stacked. */
/* The widest a bar gets (6 em of the labels, about 19 mm at 9 pt): three
 * categories over a page width would otherwise be drawn as slabs. */
static double max_bar(const jb_chart_layout *cl) { return 6 * cl->lab.ts.size; }

static jb_status column_bars(jb_chart_layout *cl, double slot) {
  const jb_chart *c = cl->c;
  size_t nb = bar_series_count(cl), n = c->n_categories;
  if (!nb) return JB_OK;
  double group = slot * (nb > 1 && !cl->stacked ? 0.78 : 0.56);
  double bw = cl->stacked ? group : group / nb;
  if (bw > max_bar(cl)) bw = max_bar(cl), group = cl->stacked ? bw : bw * nb; /* few categories: no slabs */
  double *bx = jb_calloc(cl->ctx, n, sizeof(double)), *by = jb_calloc(cl->ctx, n, sizeof(double));
  double *bws = jb_calloc(cl->ctx, n, sizeof(double)), *bhs = jb_calloc(cl->ctx, n, sizeof(double));
  double *pos = jb_calloc(cl->ctx, n, sizeof(double)), *neg = jb_calloc(cl->ctx, n, sizeof(double));
  size_t *marks = jb_calloc(cl->ctx, n, sizeof(size_t));
  size_t bi = 0;
  jb_status st = JB_OK;
  for (size_t s = 0; s < c->n_series && !st; s++) {
    if (series_is_line(c, s)) continue;
    const axis *a = &cl->ax[series_axis(c, s)];
    for (size_t i = 0; i < n; i++) {
      double v;
      bws[i] = 0;
      if (!val(c, s, i, &v)) continue;
      double x = cl->px0 + i * slot + (slot - group) / 2 + (cl->stacked ? 0 : bi * bw);
      double base = 0;
      if (cl->stacked) {
        base = v >= 0 ? pos[i] : neg[i];
        if (v >= 0) pos[i] += v;
        else neg[i] += v;
      }
      double y0 = axis_y(cl, a, base), y1 = axis_y(cl, a, base + v);
      double top = fmin(y0, y1), h = fabs(y1 - y0);
      double inset = !cl->stacked && nb > 1 ? 0.4 : 0; /* a hairline between grouped bars */
      marks[i] = cl->n_marks;
      add_rect(cl, x + inset, top, bw - 2 * inset, h, value_color(cl, s, v), 1);
      bx[i] = x, by[i] = top, bws[i] = bw, bhs[i] = h;
      if (cl->stacked && chart_value_labels(c)) { /* inside the segment when it fits */
        jb_buf b;
        jb_buf_init(&b, cl->ctx);
        value_num(cl, a, s, i, value_decimals(cl, series_axis(c, s), 1), &b);
        jb_buf_addc(&b, '\0');
        label l;
        jb_fig_style ws = cl->lab;
        ws.ts.color = luminance(value_color(cl, s, v)) < 0.5 ? (jb_rgb){1, 1, 1} : (jb_rgb){0, 0, 0};
        st = make_label(cl, &ws, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_VALUE, &l);
        jb_buf_fini(&b);
        if (st) break;
        if (l.w <= bw - 2 && l.h <= h) {
          place(&l, x + (bw - l.w) / 2, top + (h - l.h) / 2);
          push_label(cl, &l);
        } else {
          drop_label(cl, &l);
        }
      }
    }
    if (!st && !cl->stacked && chart_value_labels(c))
      st = bar_value_labels(cl, s, bx, by, bws, bhs, marks, n, 0);
    bi++;
  }
  void *fr[] = {bx, by, bws, bhs, pos, neg, marks};
  for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++) jb_free(cl->ctx, fr[i]);
  return st;
}

static jb_status cartesian(jb_chart_layout *cl, double body_h) {
  const jb_chart *c = cl->c;
  double y = 0;
  jb_status st = title(cl, &y);
  if (!st) st = series_legend(cl, &y);
  if (st) return st;
  int two = 0;
  for (size_t s = 0; s < c->n_series; s++) two |= series_axis(c, s) == 1;
  for (size_t s = c->n_series; s-- > 0;)
    if (series_axis(c, s) == 0) cl->ax[0].src_unit = series_unit(c, s);
  cl->ax[0].used = 1;
  if (two) {
    for (size_t s = 0; s < c->n_series; s++)
      if (series_axis(c, s) == 1) cl->ax[1].src_unit = series_unit(c, s);
    cl->ax[1].used = 1;
  }
  double pitch = cl->lab.ts.pitch;
  /* Unit titles above the axes. */
  label at[2];
  for (int a = 0; a < 2; a++) memset(&at[a], 0, sizeof at[a]);
  double plot_top = y;
  for (int a = 0; a < 1 + two && !st; a++) {
    make_axis(cl, a, 6); /* provisional, for the unit */
    st = axis_title(cl, a, &at[a]);
    if (at[a].tb) plot_top = y + at[a].h + 2;
  }
  if (st) return st;
  double value_band = chart_value_labels(c) && !cl->stacked ? pitch : pitch * 0.5;
  plot_top += value_band;
  /* Room for category labels is known only after the width; two passes. */
  double cat_h = pitch;
  label *ticks[2] = {NULL, NULL}, *cats = NULL;
  double tw[2] = {0, 0};
  for (int pass = 0; pass < 2 && !st; pass++) {
    double plot_h = body_h - plot_top - cat_h - 4;
    if (plot_h < 3 * pitch) plot_h = 3 * pitch;
    size_t max_ticks = (size_t)floor(plot_h / (1.8 * pitch)) + 1;
    for (int a = 0; a < 1 + two && !st; a++) {
      free_labels(cl, ticks[a], ticks[a] ? cl->ax[a].n : 0), ticks[a] = NULL;
      make_axis(cl, a, max_ticks < 2 ? 2 : max_ticks);
      st = tick_labels(cl, a, &ticks[a], &tw[a]);
    }
    if (st) break;
    cl->px0 = tw[0] + 4;
    cl->px1 = cl->width - (two ? tw[1] + 4 : 4);
    cl->py0 = plot_top, cl->py1 = plot_top + plot_h;
    if (cats) free_labels(cl, cats, c->n_categories), cats = NULL;
    st = category_labels(cl, (cl->px1 - cl->px0) / c->n_categories, &cats, &cat_h);
  }
  if (st) goto out;
  if (cl->py1 + 3 + cat_h > body_h) body_h = cl->py1 + 3 + cat_h; /* grows rather than overlaps */
  for (int a = 0; a < 2; a++)
    if (at[a].tb) {
      place(&at[a], a ? cl->width - at[a].w : 0, plot_top - value_band - at[a].h - 2);
      push_label(cl, &at[a]);
    }
  draw_grid(cl, &cl->ax[0], ticks[0], 0);
  if (two) draw_grid(cl, &cl->ax[1], ticks[1], 1);
  double slot = (cl->px1 - cl->px0) / c->n_categories;
  for (size_t i = 0; i < c->n_categories; i++) {
    if (!cats[i].tb) continue;
    double w = cats[i].w;
    double cx = cl->px0 + (i + 0.5) * slot;
    double lx = fmin(fmax(cx - w / 2, cl->px0), cl->width - w); /* off the tick labels, inside the chart */
    place(&cats[i], lx, cl->py1 + 3);
    push_label(cl, &cats[i]);
  }
  st = column_bars(cl, slot);
  for (size_t s = 0; s < c->n_series && !st; s++)
    if (series_is_line(c, s)) st = line_series(cl, s, slot);
  if (!st) {
    double nh;
    st = notes(cl, body_h, &nh);
    cl->height = body_h + nh;
  }
out:
  for (int a = 0; a < 2; a++) {
    if (ticks[a]) free_labels(cl, ticks[a], cl->ax[a].n);
    drop_label(cl, &at[a]);
  }
  if (cats) free_labels(cl, cats, c->n_categories);
  return st;
}

/* ---- Horizontal bars ------------------------------------------------------------------ */

static jb_status horizontal(jb_chart_layout *cl, double body_h) {
  const jb_chart *c = cl->c;
  double y = 0;
  jb_status st = title(cl, &y);
  if (!st) st = series_legend(cl, &y);
  if (st) return st;
  double pitch = cl->lab.ts.pitch;
  size_t n = c->n_categories, nb = c->n_series;
  cl->ax[0].src_unit = series_unit(c, 0);
  cl->ax[0].used = 1;
  const axis *a = &cl->ax[0];
  make_axis(cl, 0, 6);
  label at;
  st = axis_title(cl, 0, &at);
  if (st) return st;
  /* category labels at the left, wrapped to at most 30% of the width */
  label *cats = jb_calloc(cl->ctx, n, sizeof(label));
  double maxw = 0;
  for (size_t i = 0; i < n && !st; i++) {
    st = make_label(cl, &cl->lab, c->categories[i], 0.3 * cl->width, JB_ALIGN_RIGHT, JB_LABEL_CATEGORY, &cats[i]);
    if (!st) maxw = fmax(maxw, cats[i].w);
  }
  double maxh = pitch;
  for (size_t i = 0; i < n; i++) maxh = fmax(maxh, cats[i].h);
  double plot_top = y + (at.tb ? at.h + 2 : 0);
  double tick_h = pitch + 3;
  double slot_min = fmax(maxh + 3, (cl->stacked ? 1 : nb) * 7 + 5);
  double plot_h = body_h - plot_top - tick_h;
  if (plot_h < slot_min * n) plot_h = slot_min * n; /* the chart grows: every label is shown */
  cl->py0 = plot_top, cl->py1 = plot_top + plot_h;
  cl->px0 = maxw + 5;
  /* value labels need room at the right end (and left when negative) */
  double vl_room = chart_value_labels(c) && !cl->stacked ? 5 * cl->lab.ts.size : 8;
  cl->px1 = cl->width - vl_room;
  size_t max_ticks = (size_t)floor((cl->px1 - cl->px0) / (5 * cl->lab.ts.size)) + 1;
  make_axis(cl, 0, max_ticks < 2 ? 2 : max_ticks);
  label *ticks = NULL;
  double tw;
  if (!st) st = tick_labels(cl, 0, &ticks, &tw);
  if (st) goto out;
  jb_rgb grid = {0.85f, 0.85f, 0.85f};
  for (size_t i = 0; i < a->n; i++) {
    double x = axis_x(cl, a, a->ticks[i]);
    add_line(cl, x, cl->py0, x, cl->py1, a->ticks[i] == 0 ? 0.8 : 0.4, a->ticks[i] == 0 ? cl->tpl->colors.muted : grid, 0);
    label l;
    st = make_label(cl, &cl->lab, ticks[i].text, 0, JB_ALIGN_LEFT, JB_LABEL_TICK, &l);
    if (st) goto out;
    double lx = fmin(fmax(x - l.w / 2, cl->px0 - 2), cl->width - l.w);
    if (i > 0 && lx < cl->labels[cl->n_labels - 1].x + cl->labels[cl->n_labels - 1].w + 2) {
      drop_label(cl, &l); /* the axis keeps its grid line; never two tick labels on each other */
      continue;
    }
    place(&l, lx, cl->py1 + 3);
    push_label(cl, &l);
  }
  if (at.tb) {
    place(&at, cl->width - at.w, y);
    push_label(cl, &at);
  }
  double slot = plot_h / n;
  for (size_t i = 0; i < n; i++) {
    place(&cats[i], cl->px0 - 5 - cats[i].w, cl->py0 + (i + 0.5) * slot - cats[i].h / 2);
    push_label(cl, &cats[i]);
  }
  double group = slot * (nb > 1 && !cl->stacked ? 0.78 : 0.6), bh = cl->stacked ? group : group / nb;
  if (bh > max_bar(cl)) bh = max_bar(cl), group = cl->stacked ? bh : bh * nb;
  double *bx = jb_calloc(cl->ctx, n, sizeof(double)), *by = jb_calloc(cl->ctx, n, sizeof(double));
  double *bws = jb_calloc(cl->ctx, n, sizeof(double)), *bhs = jb_calloc(cl->ctx, n, sizeof(double));
  double *pos = jb_calloc(cl->ctx, n, sizeof(double)), *neg = jb_calloc(cl->ctx, n, sizeof(double));
  size_t *marks = jb_calloc(cl->ctx, n, sizeof(size_t));
  for (size_t s = 0; s < nb && !st; s++) {
    for (size_t i = 0; i < n; i++) {
      double v;
      bws[i] = 0;
      if (!val(c, s, i, &v)) continue;
      double base = 0;
      if (cl->stacked) {
        base = v >= 0 ? pos[i] : neg[i];
        if (v >= 0) pos[i] += v;
        else neg[i] += v;
      }
      double x0 = axis_x(cl, a, base), x1 = axis_x(cl, a, base + v);
      double yy = cl->py0 + i * slot + (slot - group) / 2 + (cl->stacked ? 0 : s * bh);
      marks[i] = cl->n_marks;
      add_rect(cl, fmin(x0, x1), yy + (nb > 1 && !cl->stacked ? 0.4 : 0), fabs(x1 - x0),
               bh - (nb > 1 && !cl->stacked ? 0.8 : 0), value_color(cl, s, v), 1);
      bx[i] = fmin(x0, x1), by[i] = yy, bws[i] = fabs(x1 - x0), bhs[i] = bh;
    }
    if (!cl->stacked && chart_value_labels(c)) st = bar_value_labels(cl, s, bx, by, bws, bhs, marks, n, 1);
  }
  void *fr[] = {bx, by, bws, bhs, pos, neg, marks};
  for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++) jb_free(cl->ctx, fr[i]);
  if (!st) {
    double h0 = cl->py1 + tick_h, nh;
    st = notes(cl, h0, &nh);
    cl->height = h0 + nh;
  }
out:
  if (ticks) free_labels(cl, ticks, a->n);
  for (size_t i = 0; i < n; i++) drop_label(cl, &cats[i]);
  jb_free(cl->ctx, cats);
  drop_label(cl, &at);
  return st;
}

/* ---- Pie and donut ---------------------------------------------------------------------- */

typedef struct slice {
  double v;
  const char *name;
  size_t color;
} slice;

static void arc_points(jb_chart_layout *cl, double cx, double cy, double r, double a0, double a1) {
  int steps = (int)ceil(fabs(a1 - a0) / (PI / 90)) + 1; /* every 2 degrees */
  for (int k = 0; k <= steps; k++) {
    double a = a0 + (a1 - a0) * k / steps;
    add_pt(cl, cx + r * sin(a), cy - r * cos(a)); /* 0 = 12 o'clock, clockwise */
  }
}

static jb_status pie(jb_chart_layout *cl, double body_h) {
  const jb_chart *c = cl->c;
  double y = 0;
  jb_status st = title(cl, &y);
  if (st) return st;
  size_t n = c->n_categories;
  slice *sl = jb_calloc(cl->ctx, n + 1, sizeof(slice));
  size_t ns = 0;
  double total = 0;
  for (size_t i = 0; i < n; i++) {
    double v;
    if (!val(c, 0, i, &v) || v <= 0) continue;
    sl[ns] = (slice){v, c->categories[i], ns};
    ns++;
    total += v;
  }
  if (total <= 0) {
    char where[200];
    jb_free(cl->ctx, sl);
    return jb_fail(cl->ctx, JB_ERR_INPUT, at_path(cl, where, sizeof where, ".series[0].values", 0, 0),
                   "a pie chart needs at least one value above zero");
  }
  if (ns > MAX_SLICES) { /* the smallest merge into 其他 */
    for (size_t i = 0; i < ns; i++)
      for (size_t j = i + 1; j < ns; j++)
        if (sl[j].v > sl[i].v) {
          slice t = sl[i];
          sl[i] = sl[j], sl[j] = t;
        }
    double rest = 0;
    for (size_t i = MAX_SLICES - 1; i < ns; i++) rest += sl[i].v;
    char where[200];
    jb_warn(cl->ctx, at_path(cl, where, sizeof where, ".categories", 0, 0),
            "%zu slices are too many for a pie; the %zu smallest are shown together as 其他", ns,
            ns - (MAX_SLICES - 1));
    ns = MAX_SLICES;
    sl[ns - 1] = (slice){rest, "其他", ns - 1};
  }
  /* labels "名称 12.3%" beside the pie, each side stacked without overlap */
  label *ls = jb_calloc(cl->ctx, ns, sizeof(label));
  double maxw = 0, lab_w = 0.3 * cl->width;
  for (size_t i = 0; i < ns && !st; i++) {
    jb_buf b;
    jb_buf_init(&b, cl->ctx);
    jb_buf_adds(&b, sl[i].name);
    jb_buf_addc(&b, ' ');
    jb_buf_add_num(&b, 100 * sl[i].v / total, 1);
    jb_buf_adds(&b, "%");
    jb_buf_addc(&b, '\0');
    st = make_label(cl, &cl->lab, b.data, lab_w, JB_ALIGN_LEFT, JB_LABEL_SLICE, &ls[i]);
    jb_buf_fini(&b);
    if (!st) maxw = fmax(maxw, ls[i].w);
  }
  double plot_h = body_h - y;
  double r = fmin(plot_h / 2 - 6, (cl->width - 2 * (maxw + 18)) / 2);
  if (r < 20) r = 20;
  double cx = cl->width / 2, cy = y + plot_h / 2;
  cl->px0 = cx - r, cl->px1 = cx + r, cl->py0 = cy - r, cl->py1 = cy + r;
  double a0 = 0, hole = cl->donut ? 0.55 * r : 0;
  double *mid = jb_calloc(cl->ctx, ns, sizeof(double));
  for (size_t i = 0; i < ns && !st; i++) {
    double a1 = a0 + 2 * PI * sl[i].v / total;
    shape *p = begin_path(cl, series_color(cl, sl[i].color), 1, 0);
    if (hole > 0) {
      arc_points(cl, cx, cy, r, a0, a1);
      arc_points(cl, cx, cy, hole, a1, a0);
    } else {
      add_pt(cl, cx, cy);
      arc_points(cl, cx, cy, r, a0, a1);
    }
    end_path(cl, p);
    p->mark = 1;
    cl->n_marks++;
    /* white separators between slices */
    if (ns > 1) add_line(cl, cx + hole * sin(a0), cy - hole * cos(a0), cx + r * sin(a0), cy - r * cos(a0), 0.8, (jb_rgb){1, 1, 1}, 0);
    mid[i] = (a0 + a1) / 2;
    a0 = a1;
  }
  /* side placement: sweep down, then up from the bottom */
  double top = y, bottom = body_h;
  for (int side = 0; side < 2 && !st; side++) {
    size_t idx[MAX_SLICES], k = 0;
    for (size_t i = 0; i < ns; i++)
      if ((sin(mid[i]) >= 0) == (side == 0)) idx[k++] = i;
    for (size_t i = 0; i < k; i++) /* by desired y */
      for (size_t j = i + 1; j < k; j++)
        if (-cos(mid[idx[j]]) < -cos(mid[idx[i]])) {
          size_t t = idx[i];
          idx[i] = idx[j], idx[j] = t;
        }
    double want[MAX_SLICES], need = 0;
    for (size_t i = 0; i < k; i++) {
      label *l = &ls[idx[i]];
      want[i] = cy - (r + 8) * cos(mid[idx[i]]) - l->h / 2;
      need += l->h + 1;
    }
    if (need > bottom - top) bottom = top + need; /* grows: every slice keeps its label */
    for (size_t i = 0; i < k; i++) {
      if (want[i] < top) want[i] = top;
      if (i && want[i] < want[i - 1] + ls[idx[i - 1]].h + 1) want[i] = want[i - 1] + ls[idx[i - 1]].h + 1;
    }
    for (size_t i = k; i-- > 0;) {
      double lim = (i + 1 < k ? want[i + 1] - 1 : bottom) - ls[idx[i]].h;
      if (want[i] > lim) want[i] = lim;
    }
    for (size_t i = 0; i < k; i++) {
      label *l = &ls[idx[i]];
      double ex = cx + r * sin(mid[idx[i]]), ey = cy - r * cos(mid[idx[i]]);
      double lx = side == 0 ? cx + r + 14 : cx - r - 14 - l->w;
      double ly = want[i] + l->h / 2;
      double kx = side == 0 ? cx + r + 10 : cx - r - 10;
      add_line(cl, ex, ey, kx, ly, 0.5, cl->tpl->colors.muted, 0);
      add_line(cl, kx, ly, side == 0 ? lx - 1 : lx + l->w + 1, ly, 0.5, cl->tpl->colors.muted, 0);
      place(l, lx, want[i]);
      push_label(cl, l);
    }
    if (bottom > body_h) body_h = bottom;
  }
  jb_free(cl->ctx, mid);
  for (size_t i = 0; i < ns; i++) drop_label(cl, &ls[i]);
  jb_free(cl->ctx, ls);
  jb_free(cl->ctx, sl);
  if (!st) {
    double nh;
    st = notes(cl, body_h, &nh);
    cl->height = body_h + nh;
  }
  return st;
}

/* ---- Public --------------------------------------------------------------------------------- */

jb_status jb_chart_layout_new(jb_ctx *ctx, jb_fonts *fonts, const jb_layout_template *tpl,
                              const jb_chart *c, double width, const char *path,
                              jb_chart_layout **out) {
  *out = NULL;
  if (!(width > 40) || !isfinite(width))
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){NULL, 0, 0, -1, path}, "no room for the chart (width %g pt)", width);
  jb_chart_layout *cl = jb_calloc(ctx, 1, sizeof *cl);
  cl->ctx = ctx, cl->fonts = fonts, cl->tpl = tpl, cl->c = c, cl->width = width;
  cl->path = jb_strdup(ctx, path ? path : "chart");
  cl->thin = 1;
  cl->stacked = chart_stacked(c);
  cl->donut = chart_donut(c);
  cl->horizontal = c->kind == JB_CHART_BAR;
  jb_fig_style_init(ctx, fonts, &tpl->roles[JB_ROLE_CHART], 0, &cl->lab);
  jb_fig_style_init(ctx, fonts, &tpl->roles[JB_ROLE_CAPTION], 0, &cl->cap);
  jb_fig_style_init(ctx, fonts, &tpl->roles[JB_ROLE_NOTE], 0, &cl->note);
  double body_h = c->height_mm > 0 ? c->height_mm * JB_FIG_MM : tpl->chart_height > 0 ? tpl->chart_height : 70 * JB_FIG_MM;
  jb_status st = check_data(cl);
  if (!st) {
    if (is_pie(c)) st = pie(cl, body_h);
    else if (cl->horizontal) st = horizontal(cl, body_h);
    else st = cartesian(cl, body_h);
  }
  if (st) {
    jb_chart_layout_free(cl);
    return st;
  }
  *out = cl;
  return JB_OK;
}

void jb_chart_layout_free(jb_chart_layout *cl) {
  if (!cl) return;
  for (size_t i = 0; i < cl->n_labels; i++) drop_label(cl, &cl->labels[i]);
  jb_free(cl->ctx, cl->labels);
  jb_free(cl->ctx, cl->shapes);
  jb_free(cl->ctx, cl->pts);
  jb_free(cl->ctx, cl->path);
  jb_free(cl->ctx, cl);
}

double jb_chart_height(const jb_chart_layout *cl) { return cl->height; }

void jb_chart_draw(jb_chart_layout *cl, jb_dl *dl, double x, double y_top) {
  for (size_t i = 0; i < cl->n_shapes; i++) {
    const shape *s = &cl->shapes[i];
    if (s->kind == S_RECT) {
      if (s->w <= 0 || s->h <= 0) continue;
      jb_dl_add_rect(dl, (float)(x + s->x), (float)(y_top - s->y - s->h), (float)s->w, (float)s->h, s->color);
    } else if (s->kind == S_LINE) {
      jb_dl_add_line(dl, (float)(x + s->x), (float)(y_top - s->y), (float)(x + s->x2), (float)(y_top - s->y2),
                     (float)s->lw, s->color);
      dl->items[dl->n_items - 1].dash = (float)s->dash;
    } else if (s->np >= 2) {
      jb_dl_item *it = jb_dl_add_item(dl, JB_DL_PATH);
      it->color = s->color, it->fill = s->fill, it->closed = s->fill, it->lw = (float)s->lw;
      it->start = (uint32_t)(dl->n_points / 2), it->count = (uint32_t)s->np;
      dl->points = jb_grow(dl->ctx, dl->points, &dl->cap_points, dl->n_points + 2 * s->np, sizeof(float));
      for (size_t k = 0; k < s->np; k++) {
        dl->points[dl->n_points++] = (float)(x + cl->pts[2 * (s->p0 + k)]);
        dl->points[dl->n_points++] = (float)(y_top - cl->pts[2 * (s->p0 + k) + 1]);
      }
    }
  }
  for (size_t i = 0; i < cl->n_labels; i++) {
    const label *l = &cl->labels[i];
    jb_textblock_draw(l->tb, dl, x + l->tx, y_top - l->y, 0, (size_t)-1);
  }
}

size_t jb_chart_label_count(const jb_chart_layout *cl) { return cl->n_labels; }

void jb_chart_label_box(const jb_chart_layout *cl, size_t i, double box[4]) {
  const label *l = &cl->labels[i];
  box[0] = l->x, box[1] = l->y, box[2] = l->x + l->w, box[3] = l->y + l->h;
}

jb_chart_label_kind jb_chart_label_kind_of(const jb_chart_layout *cl, size_t i) { return cl->labels[i].kind; }
const char *jb_chart_label_text(const jb_chart_layout *cl, size_t i) { return cl->labels[i].text; }

void jb_chart_area(const jb_chart_layout *cl, double box[4]) {
  box[0] = 0, box[1] = 0, box[2] = cl->width, box[3] = cl->height;
}

void jb_chart_plot_box(const jb_chart_layout *cl, double box[4]) {
  box[0] = cl->px0, box[1] = cl->py0, box[2] = cl->px1, box[3] = cl->py1;
}

size_t jb_chart_mark_count(const jb_chart_layout *cl) { return cl->n_marks; }

size_t jb_chart_ticks(const jb_chart_layout *cl, int axis_i, const double **ticks) {
  if (axis_i < 0 || axis_i > 1 || !cl->ax[axis_i].used) {
    *ticks = NULL;
    return 0;
  }
  *ticks = cl->ax[axis_i].ticks;
  return cl->ax[axis_i].n;
}
