/* Charts as vector items: column and bar (grouped or stacked), line with
 * markers, pie and donut, columns with lines on a secondary axis. Everything
 * is laid out once in chart coordinates (x right, y down from the chart's
 * top-left) and translated when drawn; every label is a text block, and no
 * label is placed where it would overlap another or leave the chart. */
#include <stdio.h>
#include <string.h>

#include "layout/chart_imp.h"

/* ---- Small builders ------------------------------------------------------------- */

static shape *add_shape(jb_chart_layout *cl, int kind, jb_rgb color) {
  cl->shapes = jb_grow(cl->ctx, cl->shapes, &cl->cap_shapes, cl->n_shapes + 1, sizeof(shape));
  shape *s = &cl->shapes[cl->n_shapes++];
  memset(s, 0, sizeof *s);
  s->kind = kind, s->color = color;
  return s;
}

void jb_ch_add_rect(jb_chart_layout *cl, double x, double y, double w, double h, jb_rgb c, int mark) {
  shape *s = add_shape(cl, S_RECT, c);
  s->x = x, s->y = y, s->w = w, s->h = h, s->mark = mark;
  cl->n_marks += mark;
}

void jb_ch_add_line(jb_chart_layout *cl, double x, double y, double x2, double y2, double lw, jb_rgb c,
                    double dash) {
  shape *s = add_shape(cl, S_LINE, c);
  s->x = x, s->y = y, s->x2 = x2, s->y2 = y2, s->lw = lw, s->dash = dash;
}

void jb_ch_add_pt(jb_chart_layout *cl, double x, double y) {
  cl->pts = jb_grow(cl->ctx, cl->pts, &cl->cap_pts, cl->n_pts + 2, sizeof(double));
  cl->pts[cl->n_pts++] = x;
  cl->pts[cl->n_pts++] = y;
}

shape *jb_ch_begin_path(jb_chart_layout *cl, jb_rgb c, int fill, double lw) {
  shape *s = add_shape(cl, S_PATH, c);
  s->fill = fill, s->lw = lw, s->p0 = cl->n_pts / 2;
  return s;
}

void jb_ch_end_path(jb_chart_layout *cl, shape *s) { s->np = cl->n_pts / 2 - s->p0; }

/* A text block for a label; width > 0 wraps (centred). Not yet placed. */
jb_status jb_ch_make_label(jb_chart_layout *cl, const jb_fig_style *fs, const char *text, double width,
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

void jb_ch_push_label(jb_chart_layout *cl, label *l) {
  cl->labels = jb_grow(cl->ctx, cl->labels, &cl->cap_labels, cl->n_labels + 1, sizeof(label));
  cl->labels[cl->n_labels++] = *l;
  memset(l, 0, sizeof *l);
}

void jb_ch_drop_label(jb_chart_layout *cl, label *l) {
  jb_textblock_free(l->tb);
  jb_free(cl->ctx, l->text);
  memset(l, 0, sizeof *l);
}

/* Whether a box is free: inside the chart, off every placed label and bar. */
int jb_ch_box_free(const jb_chart_layout *cl, double x0, double y0, double x1, double y1, int check_marks,
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

jb_loc jb_ch_at_path(const jb_chart_layout *cl, char *buf, size_t n, const char *fmt, size_t a, size_t b) {
  char tail[96];
  snprintf(tail, sizeof tail, fmt, a, b);
  snprintf(buf, n, "%s%s", cl->path, tail);
  return (jb_loc){NULL, 0, 0, -1, buf};
}

static jb_status check_data(jb_chart_layout *cl) {
  const jb_chart *c = cl->c;
  char where[200];
  if (!c->n_categories)
    return jb_fail(cl->ctx, JB_ERR_INPUT, jb_ch_at_path(cl, where, sizeof where, ".categories", 0, 0),
                   "a chart needs at least one category");
  if (!c->n_series)
    return jb_fail(cl->ctx, JB_ERR_INPUT, jb_ch_at_path(cl, where, sizeof where, ".series", 0, 0),
                   "a chart needs at least one series");
  for (size_t s = 0; s < c->n_series; s++) {
    const jb_series *se = &c->series[s];
    if (se->n_values != c->n_categories)
      return jb_fail(cl->ctx, JB_ERR_INPUT, jb_ch_at_path(cl, where, sizeof where, ".series[%zu].values", s, 0),
                     "expected %zu values (one per category), got %zu", c->n_categories, se->n_values);
    for (size_t i = 0; i < se->n_values; i++) {
      const jb_value *v = &se->values[i];
      if (!v->has_value) continue;
      if (!isfinite(v->value))
        return jb_fail(cl->ctx, JB_ERR_INPUT,
                       jb_ch_at_path(cl, where, sizeof where, ".series[%zu].values[%zu]", s, i),
                       "not a finite number");
      if (is_pie(c) && v->value < 0)
        return jb_fail(cl->ctx, JB_ERR_INPUT,
                       jb_ch_at_path(cl, where, sizeof where, ".series[%zu].values[%zu]", s, i),
                       "a pie chart cannot show the negative value %g (use a bar chart)", v->value);
    }
  }
  if (is_pie(c) && c->n_series != 1)
    return jb_fail(cl->ctx, JB_ERR_INPUT, jb_ch_at_path(cl, where, sizeof where, ".series", 0, 0),
                   "a pie chart takes exactly 1 series, got %zu", c->n_series);
  if ((c->kind == JB_CHART_BAR || c->kind == JB_CHART_COLUMN) && c->n_categories > MAX_BAR_CATEGORIES)
    return jb_fail(cl->ctx, JB_ERR_LIMIT, jb_ch_at_path(cl, where, sizeof where, ".categories", 0, 0),
                   "%zu categories are too many for a %s chart (at most %d); use a line chart or a table",
                   c->n_categories, jb_chart_kind_name(c->kind), MAX_BAR_CATEGORIES);
  return JB_OK;
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
void jb_ch_make_axis(jb_chart_layout *cl, int ax, size_t max_ticks) {
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
void jb_ch_value_num(const jb_chart_layout *cl, const axis *a, size_t s, size_t i, int dec, jb_buf *out) {
  const jb_value *x = &cl->c->series[s].values[i];
  if (x->as_written && x->text && a->src_unit && a->exp == (int)lround(log10(jb_unit_scale(a->src_unit, NULL))))
    jb_buf_adds(out, x->text);
  else
    axis_num(cl, a, x->value, dec, out);
}

/* ---- Common parts: title, legend, notes ------------------------------------------ */

jb_status jb_ch_title(jb_chart_layout *cl, double *y) {
  jb_buf b;
  jb_buf_init(&b, cl->ctx);
  jb_fig_inline_text(&cl->c->caption, &b);
  jb_caption_label(&b);
  jb_status st = JB_OK;
  if (b.len) {
    label l;
    /* placed as the template places table captions: centred, or at the left (onepager) */
    int centre = cl->tpl->roles[JB_ROLE_CAPTION].align == JB_ALIGN_CENTER;
    st = jb_ch_make_label(cl, &cl->cap, b.data, cl->width, centre ? JB_ALIGN_CENTER : JB_ALIGN_LEFT,
                          JB_LABEL_TITLE, &l);
    if (!st) {
      place(&l, centre ? (cl->width - l.w) / 2 : 0, *y);
      *y += l.h + 0.3 * cl->cap.ts.size;
      jb_ch_push_label(cl, &l);
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
    st = jb_ch_make_label(cl, &cl->lab, names[i], cl->width - sw - 4, JB_ALIGN_LEFT, JB_LABEL_LEGEND, &ls[i]);
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
        jb_ch_add_line(cl, x, cy, x + sw, cy, 1.5, colors[k], 0);
        jb_ch_add_rect(cl, x + sw / 2 - 2, cy - 2, 4, 4, colors[k], 0);
      } else {
        jb_ch_add_rect(cl, x + sw * 0.2, cy - size * 0.35, sw * 0.6, size * 0.7, colors[k], 0);
      }
      place(&ls[k], x + sw + 3, *y);
      x += sw + 3 + ls[k].w + gap;
      jb_ch_push_label(cl, &ls[k]);
    }
    *y += rowh;
    i = j;
  }
  for (size_t k = 0; k < n; k++) jb_ch_drop_label(cl, &ls[k]);
  jb_free(cl->ctx, ls);
  *y += 0.4 * size;
  return st;
}

jb_status jb_ch_series_legend(jb_chart_layout *cl, double *y) {
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
jb_status jb_ch_notes(jb_chart_layout *cl, double y, double *h) {
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
    st = jb_ch_make_label(cl, &ns, b.data, cl->width, ns.ts.align, JB_LABEL_NOTE, &l);
    if (!st) {
      l.w = fmin(l.w, cl->width);
      place(&l, 0, y + 0.3 * ns.ts.size);
      *h = l.h + 0.3 * ns.ts.size;
      jb_ch_push_label(cl, &l);
    }
  }
  jb_buf_fini(&b);
  return st;
}

/* ---- Value axes -------------------------------------------------------------------- */

jb_status jb_ch_tick_labels(jb_chart_layout *cl, int ax, label **out, double *maxw) {
  axis *a = &cl->ax[ax];
  *out = jb_calloc(cl->ctx, a->n, sizeof(label));
  *maxw = 0;
  for (size_t i = 0; i < a->n; i++) {
    jb_buf b;
    jb_buf_init(&b, cl->ctx);
    axis_num(cl, a, a->ticks[i], a->dec, &b);
    jb_buf_addc(&b, '\0');
    jb_status st = jb_ch_make_label(cl, &cl->lab, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_TICK, &(*out)[i]);
    jb_buf_fini(&b);
    if (st) return st;
    *maxw = fmax(*maxw, (*out)[i].w);
  }
  return JB_OK;
}

void jb_ch_free_labels(jb_chart_layout *cl, label *ls, size_t n) {
  for (size_t i = 0; i < n; i++) jb_ch_drop_label(cl, &ls[i]);
  jb_free(cl->ctx, ls);
}

jb_status jb_ch_axis_title(jb_chart_layout *cl, int ax, label *out) {
  memset(out, 0, sizeof *out);
  const axis *a = &cl->ax[ax];
  if (!a->unit[0]) return JB_OK;
  char buf[96];
  snprintf(buf, sizeof buf, "单位：%s", a->unit);
  return jb_ch_make_label(cl, &cl->lab, buf, 0, JB_ALIGN_LEFT, JB_LABEL_AXIS_TITLE, out);
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
    if (is_pie(c)) st = jb_ch_pie(cl, body_h);
    else if (cl->horizontal) st = jb_ch_horizontal(cl, body_h);
    else st = jb_ch_cartesian(cl, body_h);
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
  for (size_t i = 0; i < cl->n_labels; i++) jb_ch_drop_label(cl, &cl->labels[i]);
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
