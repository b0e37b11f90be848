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

typedef struct pie_geom {
  double cx, cy, r, hole; /* centre, radius, the donut's hole (0 for a pie) */
} pie_geom;

/* The smallest slices past MAX_SLICES - 1 merge into one 其他 (with a warning). */
static void merge_small(jb_chart_layout *cl, slice *sl, size_t *ns) {
  size_t n = *ns;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      if (sl[j].v > sl[i].v) {
        slice t = sl[i];
        sl[i] = sl[j], sl[j] = t;
      }
  double rest = 0;
  for (size_t i = MAX_SLICES - 1; i < n; i++) rest += sl[i].v;
  char where[200];
  jb_warn(cl->ctx, jb_ch_at_path(cl, where, sizeof where, ".categories", 0, 0),
          "%zu slices are too many for a pie; the %zu smallest are shown together as 其他", n,
          n - (MAX_SLICES - 1));
  *ns = MAX_SLICES;
  sl[*ns - 1] = (slice){rest, "其他", *ns - 1};
}

/* The values above zero as slices, and their total; sl has room for every category. */
static jb_status collect_slices(jb_chart_layout *cl, slice *sl, size_t *ns, double *total) {
  const jb_chart *c = cl->c;
  *ns = 0, *total = 0;
  for (size_t i = 0; i < c->n_categories; i++) {
    double v;
    if (!val(c, 0, i, &v) || v <= 0) continue;
    sl[*ns] = (slice){v, c->categories[i], *ns};
    (*ns)++;
    *total += v;
  }
  if (*total <= 0) {
    char where[200];
    return jb_fail(cl->ctx, JB_ERR_INPUT, jb_ch_at_path(cl, where, sizeof where, ".series[0].values", 0, 0),
                   "a pie chart needs at least one value above zero");
  }
  if (*ns > MAX_SLICES) merge_small(cl, sl, ns);
  return JB_OK;
}

/* The labels "名称 12.3%", not yet placed; *maxw the widest. */
static jb_status slice_labels(jb_chart_layout *cl, const slice *sl, size_t ns, double total, label *ls,
                              double *maxw) {
  double lab_w = 0.3 * cl->width;
  jb_status st = JB_OK;
  *maxw = 0;
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
    if (!st) *maxw = fmax(*maxw, ls[i].w);
  }
  return st;
}

/* The slices as filled paths (marks), white separators between them; mid[i] the angle
 * at the middle of slice i. */
static void draw_slices(jb_chart_layout *cl, const pie_geom *g, const slice *sl, size_t ns, double total,
                        double *mid) {
  double cx = g->cx, cy = g->cy, r = g->r, hole = g->hole, a0 = 0;
  for (size_t i = 0; i < ns; i++) {
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
    if (ns > 1)
      jb_ch_add_line(cl, cx + hole * sin(a0), cy - hole * cos(a0), cx + r * sin(a0), cy - r * cos(a0), 0.8,
                     (jb_rgb){1, 1, 1}, 0);
    mid[i] = (a0 + a1) / 2;
    a0 = a1;
  }
}

/* The slices on one side (0 right, 1 left) in idx, top to bottom; returns their count. */
static size_t side_slices(const double *mid, size_t ns, int side, size_t *idx) {
  size_t k = 0;
  for (size_t i = 0; i < ns; i++)
    if ((sin(mid[i]) >= 0) == (side == 0)) idx[k++] = i;
  for (size_t i = 0; i < k; i++) /* by desired y */
    for (size_t j = i + 1; j < k; j++)
      if (-cos(mid[idx[j]]) < -cos(mid[idx[i]])) {
        size_t t = idx[i];
        idx[i] = idx[j], idx[j] = t;
      }
  return k;
}

/* One side's labels stacked between top and *bottom without overlap, each on a leader
 * line: sweep down, then up from the bottom. *bottom grows when they need more room. */
static void place_side(jb_chart_layout *cl, const pie_geom *g, label *ls, const double *mid, size_t ns, int side,
                       double top, double *bottom) {
  double cx = g->cx, cy = g->cy, r = g->r;
  size_t idx[MAX_SLICES], k = side_slices(mid, ns, side, idx);
  double want[MAX_SLICES], need = 0;
  for (size_t i = 0; i < k; i++) {
    label *l = &ls[idx[i]];
    want[i] = cy - (r + 8) * cos(mid[idx[i]]) - l->h / 2;
    need += l->h + 1;
  }
  if (need > *bottom - top) *bottom = top + need; /* grows: every slice keeps its label */
  for (size_t i = 0; i < k; i++) {
    if (want[i] < top) want[i] = top;
    if (i && want[i] < want[i - 1] + ls[idx[i - 1]].h + 1) want[i] = want[i - 1] + ls[idx[i - 1]].h + 1;
  }
  for (size_t i = k; i-- > 0;) {
    double lim = (i + 1 < k ? want[i + 1] - 1 : *bottom) - ls[idx[i]].h;
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
}

jb_status jb_ch_pie(jb_chart_layout *cl, double body_h) {
  double y = 0;
  jb_status st = jb_ch_title(cl, &y);
  if (st) return st;
  slice *sl = jb_calloc(cl->ctx, cl->c->n_categories + 1, sizeof(slice));
  size_t ns;
  double total;
  st = collect_slices(cl, sl, &ns, &total);
  if (st) {
    jb_free(cl->ctx, sl);
    return st;
  }
  /* labels beside the pie, each side stacked without overlap */
  label *ls = jb_calloc(cl->ctx, ns, sizeof(label));
  double maxw;
  st = slice_labels(cl, sl, ns, total, ls, &maxw);
  double plot_h = body_h - y;
  pie_geom g;
  g.r = fmin(plot_h / 2 - 6, (cl->width - 2 * (maxw + 18)) / 2);
  if (g.r < 20) g.r = 20;
  g.cx = cl->width / 2, g.cy = y + plot_h / 2;
  g.hole = cl->donut ? 0.55 * g.r : 0;
  cl->px0 = g.cx - g.r, cl->px1 = g.cx + g.r, cl->py0 = g.cy - g.r, cl->py1 = g.cy + g.r;
  double *mid = jb_calloc(cl->ctx, ns, sizeof(double)), bottom = body_h;
  if (!st) draw_slices(cl, &g, sl, ns, total, mid);
  for (int side = 0; side < 2 && !st; side++) place_side(cl, &g, ls, mid, ns, side, y, &bottom);
  if (bottom > body_h) body_h = bottom;
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
