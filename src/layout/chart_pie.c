/* Pie and donut charts: slices clockwise from 12 o'clock, the smallest merged into
 * 其他 past MAX_SLICES, labels beside the pie on leader lines. */
#include "layout/chart_imp.h"

typedef struct slice {
  double v;
  const char *name;
  size_t color;
} slice;

static void arc_points(jb_chart_layout *cl, double cx, double cy, double r, double a0, double a1) {
  int steps = (int)ceil(fabs(a1 - a0) / (PI / 90)) + 1; /* every 2 degrees */
  for (int k = 0; k <= steps; k++) {
    double a = a0 + (a1 - a0) * k / steps;
    jb_ch_add_pt(cl, cx + r * sin(a), cy - r * cos(a)); /* 0 = 12 o'clock, clockwise */
  }
}

jb_status jb_ch_pie(jb_chart_layout *cl, double body_h) {
  const jb_chart *c = cl->c;
  double y = 0;
  jb_status st = jb_ch_title(cl, &y);
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
    return jb_fail(cl->ctx, JB_ERR_INPUT, jb_ch_at_path(cl, where, sizeof where, ".series[0].values", 0, 0),
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
    jb_warn(cl->ctx, jb_ch_at_path(cl, where, sizeof where, ".categories", 0, 0),
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
    st = jb_ch_make_label(cl, &cl->lab, b.data, lab_w, JB_ALIGN_LEFT, JB_LABEL_SLICE, &ls[i]);
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
    shape *p = jb_ch_begin_path(cl, series_color(cl, sl[i].color), 1, 0);
    if (hole > 0) {
      arc_points(cl, cx, cy, r, a0, a1);
      arc_points(cl, cx, cy, hole, a1, a0);
    } else {
      jb_ch_add_pt(cl, cx, cy);
      arc_points(cl, cx, cy, r, a0, a1);
    }
    jb_ch_end_path(cl, p);
    p->mark = 1;
    cl->n_marks++;
    /* white separators between slices */
    if (ns > 1) jb_ch_add_line(cl, cx + hole * sin(a0), cy - hole * cos(a0), cx + r * sin(a0), cy - r * cos(a0), 0.8, (jb_rgb){1, 1, 1}, 0);
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
      jb_ch_add_line(cl, ex, ey, kx, ly, 0.5, cl->tpl->colors.muted, 0);
      jb_ch_add_line(cl, kx, ly, side == 0 ? lx - 1 : lx + l->w + 1, ly, 0.5, cl->tpl->colors.muted, 0);
      place(l, lx, want[i]);
      jb_ch_push_label(cl, l);
    }
    if (bottom > body_h) body_h = bottom;
  }
  jb_free(cl->ctx, mid);
  for (size_t i = 0; i < ns; i++) jb_ch_drop_label(cl, &ls[i]);
  jb_free(cl->ctx, ls);
  jb_free(cl->ctx, sl);
  if (!st) {
    double nh;
    st = jb_ch_notes(cl, body_h, &nh);
    cl->height = body_h + nh;
  }
  return st;
}
