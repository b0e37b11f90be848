/* Cartesian charts: columns (grouped or stacked), lines with markers, columns
 * with lines on a secondary axis, and horizontal bars. */
#include <string.h>

#include "layout/chart_imp.h"

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
    jb_status st = jb_ch_make_label(cl, &cl->lab, c->categories[i], 0, JB_ALIGN_CENTER, JB_LABEL_CATEGORY, &(*out)[i]);
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
    jb_warn(cl->ctx, jb_ch_at_path(cl, where, sizeof where, ".categories", 0, 0),
            "%zu category labels do not fit under the axis; every %zu%s is shown", n, thin,
            thin == 2 ? "nd" : thin == 3 ? "rd" : "th");
  }
  for (size_t i = 0; i < n; i++) {
    label *l = &(*out)[i];
    if (i % thin) {
      jb_ch_drop_label(cl, l);
      continue;
    }
    double w = thin > 1 ? slot * thin - 4 : avail;
    if (l->w > w) {
      char *t = jb_strdup(cl->ctx, l->text);
      jb_ch_drop_label(cl, l);
      jb_status st = jb_ch_make_label(cl, &cl->lab, t, w, JB_ALIGN_CENTER, JB_LABEL_CATEGORY, l);
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
    if (!right) jb_ch_add_line(cl, cl->px0, y, cl->px1, y, a->ticks[i] == 0 ? 0.8 : 0.4,
                               a->ticks[i] == 0 ? axisc : grid, 0);
    label *l = &ticks[i];
    if (right) place(l, cl->px1 + 3, y - l->h / 2);
    else place(l, cl->px0 - 3 - l->w, y - l->h / 2);
    jb_ch_push_label(cl, l); /* moves it: ticks[i] is left empty */
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
    jb_ch_value_num(cl, a, s, i, dec, &b);
    jb_buf_addc(&b, '\0');
    st = jb_ch_make_label(cl, &cl->lab, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_VALUE, &ls[i]);
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
    if (!jb_ch_box_free(cl, l->x, l->y, l->x + l->w, l->y + l->h, 1, mark[i])) ok = 0;
    for (size_t k = 0; k < i && ok; k++)
      if (ls[k].tb && boxes_overlap(l->x, l->y, l->x + l->w, l->y + l->h, ls[k].x, ls[k].y, ls[k].x + ls[k].w,
                                    ls[k].y + ls[k].h))
        ok = 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (ok && !st && ls[i].tb) jb_ch_push_label(cl, &ls[i]);
    else jb_ch_drop_label(cl, &ls[i]);
  }
  jb_free(cl->ctx, ls);
  return st;
}

static void circle(jb_chart_layout *cl, double cx, double cy, double r, jb_rgb c) {
  shape *p = jb_ch_begin_path(cl, c, 1, 0);
  for (int k = 0; k < 12; k++) jb_ch_add_pt(cl, cx + r * cos(k * PI / 6), cy + r * sin(k * PI / 6));
  jb_ch_end_path(cl, p);
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
      if (p) jb_ch_end_path(cl, p), p = NULL;
      continue;
    }
    if (!p) p = jb_ch_begin_path(cl, col, 0, 1.5);
    jb_ch_add_pt(cl, cl->px0 + (i + 0.5) * slot, axis_y(cl, a, v));
  }
  if (p) jb_ch_end_path(cl, p);
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
    jb_ch_value_num(cl, a, s, i, value_decimals(cl, series_axis(c, s), 2), &b);
    jb_buf_addc(&b, '\0');
    label l;
    jb_status st = jb_ch_make_label(cl, &cl->lab, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_VALUE, &l);
    jb_buf_fini(&b);
    if (st) return st;
    double x = cl->px0 + (i + 0.5) * slot - l.w / 2, y = axis_y(cl, a, v);
    double ys[2] = {y - 3 - l.h, y + 3};
    int placed = 0;
    for (int k = 0; k < 2 && !placed; k++) {
      if (ys[k] < cl->py0 - l.h || ys[k] + l.h > cl->py1) continue;
      if (!jb_ch_box_free(cl, x, ys[k], x + l.w, ys[k] + l.h, 1, (size_t)-1)) continue;
      place(&l, x, ys[k]);
      jb_ch_push_label(cl, &l);
      placed = 1;
    }
    if (!placed) jb_ch_drop_label(cl, &l);
  }
  return JB_OK;
}

static size_t bar_series_count(const jb_chart_layout *cl) {
  size_t k = 0;
  for (size_t s = 0; s < cl->c->n_series; s++) k += !series_is_line(cl->c, s);
  return k;
}


/* Where a bar starts: 0, or on a stacked chart the top of the bars of its sign
 * below it in the category (pos, neg), which it then raises. */
static double stack_base(const jb_chart_layout *cl, double v, double *pos, double *neg) {
  if (!cl->stacked) return 0;
  double base = v >= 0 ? *pos : *neg;
  if (v >= 0) *pos += v;
  else *neg += v;
  return base;
}

/* Columns (vertical bars): grouped side by side, or stacked. */
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
      double base = stack_base(cl, v, &pos[i], &neg[i]);
      double y0 = axis_y(cl, a, base), y1 = axis_y(cl, a, base + v);
      double top = fmin(y0, y1), h = fabs(y1 - y0);
      double inset = !cl->stacked && nb > 1 ? 0.4 : 0; /* a hairline between grouped bars */
      marks[i] = cl->n_marks;
      jb_ch_add_rect(cl, x + inset, top, bw - 2 * inset, h, value_color(cl, s, v), 1);
      bx[i] = x, by[i] = top, bws[i] = bw, bhs[i] = h;
      if (cl->stacked && chart_value_labels(c)) { /* inside the segment when it fits */
        jb_buf b;
        jb_buf_init(&b, cl->ctx);
        jb_ch_value_num(cl, a, s, i, value_decimals(cl, series_axis(c, s), 1), &b);
        jb_buf_addc(&b, '\0');
        label l;
        jb_fig_style ws = cl->lab;
        ws.ts.color = luminance(value_color(cl, s, v)) < 0.5 ? (jb_rgb){1, 1, 1} : (jb_rgb){0, 0, 0};
        st = jb_ch_make_label(cl, &ws, b.data, 0, JB_ALIGN_LEFT, JB_LABEL_VALUE, &l);
        jb_buf_fini(&b);
        if (st) break;
        if (l.w <= bw - 2 && l.h <= h) {
          place(&l, x + (bw - l.w) / 2, top + (h - l.h) / 2);
          jb_ch_push_label(cl, &l);
        } else {
          jb_ch_drop_label(cl, &l);
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

/* Which axes the series use and the unit each shows; 1 when there is a secondary axis. */
static int assign_axes(jb_chart_layout *cl) {
  const jb_chart *c = cl->c;
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
  return two;
}

/* The plot box, its ticks and the category labels under it. The room for the
 * category labels is known only after the width; two passes. */
static jb_status fit_plot(jb_chart_layout *cl, double body_h, double plot_top, int two, label **ticks,
                          label **cats, double *cat_h) {
  const jb_chart *c = cl->c;
  double pitch = cl->lab.ts.pitch;
  double tw[2] = {0, 0};
  jb_status st = JB_OK;
  *cat_h = pitch;
  for (int pass = 0; pass < 2 && !st; pass++) {
    double plot_h = body_h - plot_top - *cat_h - 4;
    if (plot_h < 3 * pitch) plot_h = 3 * pitch;
    size_t max_ticks = (size_t)floor(plot_h / (1.8 * pitch)) + 1;
    for (int a = 0; a < 1 + two && !st; a++) {
      jb_ch_free_labels(cl, ticks[a], ticks[a] ? cl->ax[a].n : 0), ticks[a] = NULL;
      jb_ch_make_axis(cl, a, max_ticks < 2 ? 2 : max_ticks);
      st = jb_ch_tick_labels(cl, a, &ticks[a], &tw[a]);
    }
    if (st) break;
    cl->px0 = tw[0] + 4;
    cl->px1 = cl->width - (two ? tw[1] + 4 : 4);
    cl->py0 = plot_top, cl->py1 = plot_top + plot_h;
    if (*cats) jb_ch_free_labels(cl, *cats, c->n_categories), *cats = NULL;
    st = category_labels(cl, (cl->px1 - cl->px0) / c->n_categories, cats, cat_h);
  }
  return st;
}

/* Category labels centred under their slots, kept off the tick labels and inside the chart. */
static void place_categories(jb_chart_layout *cl, label *cats, double slot) {
  for (size_t i = 0; i < cl->c->n_categories; i++) {
    if (!cats[i].tb) continue;
    double w = cats[i].w;
    double cx = cl->px0 + (i + 0.5) * slot;
    double lx = fmin(fmax(cx - w / 2, cl->px0), cl->width - w);
    place(&cats[i], lx, cl->py1 + 3);
    jb_ch_push_label(cl, &cats[i]);
  }
}

jb_status jb_ch_cartesian(jb_chart_layout *cl, double body_h) {
  const jb_chart *c = cl->c;
  double y = 0;
  jb_status st = jb_ch_title(cl, &y);
  if (!st) st = jb_ch_series_legend(cl, &y);
  if (st) return st;
  int two = assign_axes(cl);
  double pitch = cl->lab.ts.pitch;
  /* Unit titles above the axes. */
  label at[2];
  for (int a = 0; a < 2; a++) memset(&at[a], 0, sizeof at[a]);
  double plot_top = y;
  for (int a = 0; a < 1 + two && !st; a++) {
    jb_ch_make_axis(cl, a, 6); /* provisional, for the unit */
    st = jb_ch_axis_title(cl, a, &at[a]);
    if (at[a].tb) plot_top = y + at[a].h + 2;
  }
  if (st) return st;
  double value_band = chart_value_labels(c) && !cl->stacked ? pitch : pitch * 0.5;
  plot_top += value_band;
  double cat_h;
  label *ticks[2] = {NULL, NULL}, *cats = NULL;
  st = fit_plot(cl, body_h, plot_top, two, ticks, &cats, &cat_h);
  if (st) goto out;
  if (cl->py1 + 3 + cat_h > body_h) body_h = cl->py1 + 3 + cat_h; /* grows rather than overlaps */
  for (int a = 0; a < 2; a++)
    if (at[a].tb) {
      place(&at[a], a ? cl->width - at[a].w : 0, plot_top - value_band - at[a].h - 2);
      jb_ch_push_label(cl, &at[a]);
    }
  draw_grid(cl, &cl->ax[0], ticks[0], 0);
  if (two) draw_grid(cl, &cl->ax[1], ticks[1], 1);
  double slot = (cl->px1 - cl->px0) / c->n_categories;
  place_categories(cl, cats, slot);
  st = column_bars(cl, slot);
  for (size_t s = 0; s < c->n_series && !st; s++)
    if (series_is_line(c, s)) st = line_series(cl, s, slot);
  if (!st) {
    double nh;
    st = jb_ch_notes(cl, body_h, &nh);
    cl->height = body_h + nh;
  }
out:
  for (int a = 0; a < 2; a++) {
    if (ticks[a]) jb_ch_free_labels(cl, ticks[a], cl->ax[a].n);
    jb_ch_drop_label(cl, &at[a]);
  }
  if (cats) jb_ch_free_labels(cl, cats, c->n_categories);
  return st;
}

/* ---- Horizontal bars ------------------------------------------------------------------ */

/* Category labels at the left, wrapped to at most 30% of the width. */
static jb_status bar_categories(jb_chart_layout *cl, label *cats, double *maxw, double *maxh) {
  const jb_chart *c = cl->c;
  jb_status st = JB_OK;
  *maxw = 0;
  for (size_t i = 0; i < c->n_categories && !st; i++) {
    st = jb_ch_make_label(cl, &cl->lab, c->categories[i], 0.3 * cl->width, JB_ALIGN_RIGHT, JB_LABEL_CATEGORY,
                          &cats[i]);
    if (!st) *maxw = fmax(*maxw, cats[i].w);
  }
  *maxh = cl->lab.ts.pitch;
  for (size_t i = 0; i < c->n_categories; i++) *maxh = fmax(*maxh, cats[i].h);
  return st;
}

/* The plot box right of the category labels, a slot per category at least; returns its height. */
static double bar_plot_box(jb_chart_layout *cl, double body_h, double plot_top, double maxw, double maxh) {
  const jb_chart *c = cl->c;
  size_t n = c->n_categories, nb = c->n_series;
  double slot_min = fmax(maxh + 3, (cl->stacked ? 1 : nb) * 7 + 5);
  double plot_h = body_h - plot_top - (cl->lab.ts.pitch + 3);
  if (plot_h < slot_min * n) plot_h = slot_min * n; /* the chart grows: every label is shown */
  cl->py0 = plot_top, cl->py1 = plot_top + plot_h;
  cl->px0 = maxw + 5;
  /* value labels need room at the right end (and left when negative) */
  double vl_room = chart_value_labels(c) && !cl->stacked ? 5 * cl->lab.ts.size : 8;
  cl->px1 = cl->width - vl_room;
  size_t max_ticks = (size_t)floor((cl->px1 - cl->px0) / (5 * cl->lab.ts.size)) + 1;
  jb_ch_make_axis(cl, 0, max_ticks < 2 ? 2 : max_ticks);
  return plot_h;
}

/* Grid lines up from the value axis and the tick labels under it. */
static jb_status value_ticks(jb_chart_layout *cl, const label *ticks) {
  const axis *a = &cl->ax[0];
  jb_rgb grid = {0.85f, 0.85f, 0.85f};
  for (size_t i = 0; i < a->n; i++) {
    double x = axis_x(cl, a, a->ticks[i]);
    jb_ch_add_line(cl, x, cl->py0, x, cl->py1, a->ticks[i] == 0 ? 0.8 : 0.4,
                   a->ticks[i] == 0 ? cl->tpl->colors.muted : grid, 0);
    label l;
    jb_status st = jb_ch_make_label(cl, &cl->lab, ticks[i].text, 0, JB_ALIGN_LEFT, JB_LABEL_TICK, &l);
    if (st) return st;
    double lx = fmin(fmax(x - l.w / 2, cl->px0 - 2), cl->width - l.w);
    if (i > 0 && lx < cl->labels[cl->n_labels - 1].x + cl->labels[cl->n_labels - 1].w + 2) {
      jb_ch_drop_label(cl, &l); /* the axis keeps its grid line; never two tick labels on each other */
      continue;
    }
    place(&l, lx, cl->py1 + 3);
    jb_ch_push_label(cl, &l);
  }
  return JB_OK;
}

/* The bars, grouped or stacked, in slots of `slot` pt, with their value labels. */
static jb_status horizontal_bars(jb_chart_layout *cl, double slot) {
  const jb_chart *c = cl->c;
  const axis *a = &cl->ax[0];
  size_t n = c->n_categories, nb = c->n_series;
  double group = slot * (nb > 1 && !cl->stacked ? 0.78 : 0.6), bh = cl->stacked ? group : group / nb;
  if (bh > max_bar(cl)) bh = max_bar(cl), group = cl->stacked ? bh : bh * nb;
  double *bx = jb_calloc(cl->ctx, n, sizeof(double)), *by = jb_calloc(cl->ctx, n, sizeof(double));
  double *bws = jb_calloc(cl->ctx, n, sizeof(double)), *bhs = jb_calloc(cl->ctx, n, sizeof(double));
  double *pos = jb_calloc(cl->ctx, n, sizeof(double)), *neg = jb_calloc(cl->ctx, n, sizeof(double));
  size_t *marks = jb_calloc(cl->ctx, n, sizeof(size_t));
  jb_status st = JB_OK;
  for (size_t s = 0; s < nb && !st; s++) {
    for (size_t i = 0; i < n; i++) {
      double v;
      bws[i] = 0;
      if (!val(c, s, i, &v)) continue;
      double base = stack_base(cl, v, &pos[i], &neg[i]);
      double x0 = axis_x(cl, a, base), x1 = axis_x(cl, a, base + v);
      double yy = cl->py0 + i * slot + (slot - group) / 2 + (cl->stacked ? 0 : s * bh);
      marks[i] = cl->n_marks;
      jb_ch_add_rect(cl, fmin(x0, x1), yy + (nb > 1 && !cl->stacked ? 0.4 : 0), fabs(x1 - x0),
                     bh - (nb > 1 && !cl->stacked ? 0.8 : 0), value_color(cl, s, v), 1);
      bx[i] = fmin(x0, x1), by[i] = yy, bws[i] = fabs(x1 - x0), bhs[i] = bh;
    }
    if (!cl->stacked && chart_value_labels(c)) st = bar_value_labels(cl, s, bx, by, bws, bhs, marks, n, 1);
  }
  void *fr[] = {bx, by, bws, bhs, pos, neg, marks};
  for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++) jb_free(cl->ctx, fr[i]);
  return st;
}

jb_status jb_ch_horizontal(jb_chart_layout *cl, double body_h) {
  const jb_chart *c = cl->c;
  double y = 0;
  jb_status st = jb_ch_title(cl, &y);
  if (!st) st = jb_ch_series_legend(cl, &y);
  if (st) return st;
  size_t n = c->n_categories;
  cl->ax[0].src_unit = series_unit(c, 0);
  cl->ax[0].used = 1;
  jb_ch_make_axis(cl, 0, 6); /* provisional, for the unit */
  label at;
  st = jb_ch_axis_title(cl, 0, &at);
  if (st) return st;
  label *cats = jb_calloc(cl->ctx, n, sizeof(label)), *ticks = NULL;
  double maxw, maxh, tw;
  st = bar_categories(cl, cats, &maxw, &maxh);
  double plot_h = bar_plot_box(cl, body_h, y + (at.tb ? at.h + 2 : 0), maxw, maxh);
  if (!st) st = jb_ch_tick_labels(cl, 0, &ticks, &tw);
  if (!st) st = value_ticks(cl, ticks);
  if (st) goto out;
  if (at.tb) {
    place(&at, cl->width - at.w, y);
    jb_ch_push_label(cl, &at);
  }
  double slot = plot_h / n;
  for (size_t i = 0; i < n; i++) {
    place(&cats[i], cl->px0 - 5 - cats[i].w, cl->py0 + (i + 0.5) * slot - cats[i].h / 2);
    jb_ch_push_label(cl, &cats[i]);
  }
  st = horizontal_bars(cl, slot);
  if (!st) {
    double h0 = cl->py1 + (cl->lab.ts.pitch + 3), nh; /* under the tick labels */
    st = jb_ch_notes(cl, h0, &nh);
    cl->height = h0 + nh;
  }
out:
  if (ticks) jb_ch_free_labels(cl, ticks, cl->ax[0].n);
  for (size_t i = 0; i < n; i++) jb_ch_drop_label(cl, &cats[i]);
  jb_free(cl->ctx, cats);
  jb_ch_drop_label(cl, &at);
  return st;
}
