/* Charts: nice ticks, label boxes (no overlap, inside the chart), kinds, bad input. */
#include "test_table_lib.h"

#include <math.h>

TEST(chart_nice_ticks_ranges) {
  double t[16];
  size_t n = jb_nice_ticks(0, 7, 6, t);
  CHECK_INT(n, 5);
  CHECK(t[0] == 0 && t[1] == 2 && t[4] == 8);
  n = jb_nice_ticks(0, 57150, 6, t);
  CHECK_INT(n, 4);
  CHECK(t[0] == 0 && t[1] == 20000 && t[3] == 60000);
  n = jb_nice_ticks(0, 57150, 8, t);
  CHECK_INT(n, 7);
  CHECK(t[1] == 10000 && t[6] == 60000);
  n = jb_nice_ticks(-3.2, 8.5, 6, t);
  CHECK(t[0] <= -3.2 && t[n - 1] >= 8.5 && n <= 6);
  CHECK(t[0] == -5 && t[1] == 0 && t[3] == 10);
  n = jb_nice_ticks(42, 42, 6, t); /* a single value: from zero */
  CHECK(t[0] == 0 && t[n - 1] >= 42 && n <= 6);
  n = jb_nice_ticks(-42, -42, 6, t);
  CHECK(t[0] <= -42 && t[n - 1] == 0);
  n = jb_nice_ticks(0, 0, 6, t);
  CHECK(n >= 2 && t[0] == 0 && t[n - 1] == 1);
  n = jb_nice_ticks(0.1, 0.35, 6, t); /* decimal steps stay exact */
  CHECK(t[1] - t[0] == 0.1 || fabs(t[1] - t[0] - 0.05) < 1e-12);
  for (size_t i = 0; i < n; i++) CHECK(fabs(t[i] * 100 - round(t[i] * 100)) < 1e-9);
  n = jb_nice_ticks(NAN, 5, 6, t);
  CHECK(n >= 2 && t[0] == 0 && t[n - 1] == 1);
  /* the step is 1, 2 or 5 times a power of ten */
  double ranges[][2] = {{0, 1}, {0, 3}, {0, 13}, {-700, 250}, {1e8, 9.9e8}, {0.001, 0.0042}};
  for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
    n = jb_nice_ticks(ranges[r][0], ranges[r][1], 7, t);
    CHECK(n >= 2 && n <= 7);
    CHECK(t[0] <= ranges[r][0] && t[n - 1] >= ranges[r][1]);
    double step = t[1] - t[0], m = step / pow(10, floor(log10(step) + 1e-9));
    CHECK(fabs(m - 1) < 1e-6 || fabs(m - 2) < 1e-6 || fabs(m - 5) < 1e-6);
  }
}

/* Lays out the first block of blocks (a chart) at width w. */
static jb_chart_layout *chart_of(fig_env *e, double w) {
  jb_chart_layout *cl = NULL;
  if (jb_chart_layout_new(e->ctx, e->fonts, e->tpl, &e->b->blocks[0].u.chart, w, "blocks[0]", &cl)) return NULL;
  return cl;
}

/* No label overlaps another or leaves the chart area. Returns the label count. */
static int labels_ok(const jb_chart_layout *cl, char *why, size_t n_why) {
  double area[4], a[4], b[4];
  jb_chart_area(cl, area);
  size_t n = jb_chart_label_count(cl);
  for (size_t i = 0; i < n; i++) {
    jb_chart_label_box(cl, i, a);
    if (a[0] < area[0] - 0.01 || a[1] < area[1] - 0.01 || a[2] > area[2] + 0.01 || a[3] > area[3] + 0.01) {
      snprintf(why, n_why, "label %zu \"%s\" outside the chart", i, jb_chart_label_text(cl, i));
      return -1;
    }
    for (size_t j = i + 1; j < n; j++) {
      jb_chart_label_box(cl, j, b);
      if (a[0] < b[2] - 0.01 && b[0] < a[2] - 0.01 && a[1] < b[3] - 0.01 && b[1] < a[3] - 0.01) {
        snprintf(why, n_why, "labels \"%s\" and \"%s\" overlap", jb_chart_label_text(cl, i),
                 jb_chart_label_text(cl, j));
        return -1;
      }
    }
  }
  return (int)n;
}

static size_t count_kind(const jb_chart_layout *cl, jb_chart_label_kind k) {
  size_t n = 0;
  for (size_t i = 0; i < jb_chart_label_count(cl); i++) n += jb_chart_label_kind_of(cl, i) == k;
  return n;
}

static const char *CHARTS[] = {
    /* 0: columns, one series, big values in 万元 */
    "[{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图1 各县一般公共预算收入\", \"unit\": \"万元\","
    " \"source\": \"县财政局\", \"categories\": [\"城关镇\", \"东山乡\", \"西河镇\", \"南岭乡\", \"北坡镇\"],"
    " \"series\": [{\"name\": \"收入\", \"values\": [157637, 57150, 98210.5, 12034, 45000]}]}]",
    /* 1: grouped columns, 3 series, negative values, null */
    "[{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图2 增速\", \"unit\": \"%\","
    " \"categories\": [\"2021年\", \"2022年\", \"2023年\", \"2024年\"],"
    " \"series\": [{\"name\": \"收入\", \"values\": [6.2, -3.25, 4.1, 8.5]},"
    "              {\"name\": \"支出\", \"values\": [5.0, 2.1, null, 7.7]},"
    "              {\"name\": \"债务\", \"values\": [-1.2, 0.5, 2.2, 3.0]}]}]",
    /* 2: horizontal bars with long labels */
    "[{\"type\": \"chart\", \"kind\": \"bar\", \"caption\": \"图3 重点项目投资\", \"unit\": \"亿元\","
    " \"categories\": [\"城乡居民基本医疗保险\", \"农村公路提档升级工程\", \"教育\", \"乡村振兴衔接资金项目\"],"
    " \"series\": [{\"name\": \"投资\", \"values\": [12.5, 3.75, 0.8, 7]}]}]",
    /* 3: line, two series */
    "[{\"type\": \"chart\", \"kind\": \"line\", \"caption\": \"图4 月度走势\","
    " \"categories\": [\"1月\", \"2月\", \"3月\", \"4月\", \"5月\", \"6月\", \"7月\", \"8月\", \"9月\", \"10月\", \"11月\", \"12月\"],"
    " \"series\": [{\"name\": \"2023年\", \"values\": [3, 4, 5, 4, 6, 7, 7, 8, 6, 5, 4, 3]},"
    "              {\"name\": \"2024年\", \"values\": [4, 4, 6, 5, 6, 8, 9, 8, 7, 6, 5, 4]}]}]",
    /* 4: pie */
    "[{\"type\": \"chart\", \"kind\": \"pie\", \"caption\": \"图5 支出结构\", \"source\": \"财政局\","
    " \"categories\": [\"教育\", \"社会保障和就业\", \"卫生健康\", \"农林水\", \"城乡社区\", \"其他\", \"交通运输\"],"
    " \"series\": [{\"name\": \"支出\", \"values\": [35, 22, 15, 12, 8, 5, 3]}]}]",
    /* 5: many categories (crowded column labels wrap) */
    "[{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图6 乡镇\","
    " \"categories\": [\"城关镇\", \"东山乡\", \"西河镇\", \"南岭乡\", \"北坡镇\", \"青石乡\", \"白水镇\", \"红岩乡\","
    "                  \"黄土镇\", \"金沙乡\", \"木林镇\", \"水口乡\", \"火山镇\", \"土门乡\", \"石门镇\", \"高桥乡\"],"
    " \"series\": [{\"name\": \"人口\", \"values\": [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]}]}]",
    /* 6: stacked columns */
    "[{\"type\": \"chart\", \"kind\": \"column\", \"stacked\": true, \"caption\": \"图7 收入构成\", \"unit\": \"万元\","
    " \"categories\": [\"2021年\", \"2022年\", \"2023年\", \"2024年\"],"
    " \"series\": [{\"name\": \"税收收入\", \"values\": [52000, 56000, 61000, 66000]},"
    "              {\"name\": \"非税收入\", \"values\": [18000, 15000, 17500, 21000]}]}]",
    /* 7: columns + a line on the secondary axis */
    "[{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图8 资金与完成率\", \"unit\": \"万元\","
    " \"categories\": [\"2021年\", \"2022年\", \"2023年\", \"2024年\"],"
    " \"series\": [{\"name\": \"到位资金\", \"values\": [8200, 9100, 12500, 15763.7]},"
    "              {\"name\": \"完成率\", \"type\": \"line\", \"axis\": \"right\", \"unit\": \"%\", \"values\": [82.5, 88, 91.2, 96]}]}]",
    /* 8: donut */
    "[{\"type\": \"chart\", \"kind\": \"donut\", \"caption\": \"图9 资金来源\","
    " \"categories\": [\"中央\", \"省级\", \"市级\", \"县级\"],"
    " \"series\": [{\"name\": \"资金\", \"values\": [45, 30, 15, 10]}]}]",
    /* 9: red for increase */
    "[{\"type\": \"chart\", \"kind\": \"column\", \"red_up\": true, \"caption\": \"图10 同比增速\", \"unit\": \"%\","
    " \"categories\": [\"工业\", \"农业\", \"服务业\", \"建筑业\", \"批发零售\"],"
    " \"series\": [{\"name\": \"增速\", \"values\": [6.5, -2.1, 4.8, -0.6, 3.3]}]}]",
    /* 10: stacked horizontal bars */
    "[{\"type\": \"chart\", \"kind\": \"bar\", \"stacked\": true, \"caption\": \"图11 各乡镇项目\", \"unit\": \"个\","
    " \"categories\": [\"城关镇\", \"东山乡\", \"西河镇\"],"
    " \"series\": [{\"name\": \"已完工\", \"values\": [12, 7, 9]}, {\"name\": \"在建\", \"values\": [5, 3, 6]}]}]",
};

TEST(chart_labels_never_overlap_or_leave) {
  const double widths[] = {440, 300, 200};
  for (size_t k = 0; k < sizeof CHARTS / sizeof CHARTS[0]; k++)
    for (size_t w = 0; w < 3; w++) {
      fig_env e;
      CHECK(!fig_open(&e, CHARTS[k]));
      size_t w0 = jb_ctx_warning_count(e.ctx);
      jb_chart_layout *cl = chart_of(&e, widths[w]);
      if (!cl) printf("  chart %zu: %s\n", k, jb_ctx_error(e.ctx));
      CHECK(cl);
      char why[256] = "";
      int n = labels_ok(cl, why, sizeof why);
      if (n < 0) printf("  chart %zu at %g pt: %s\n", k, widths[w], why);
      CHECK(n > 0);
      CHECK(jb_chart_height(cl) > 50);
      /* every category is labelled, or a warning names the thinned labels (never silently) */
      jb_chart_kind kind = e.b->blocks[0].u.chart.kind;
      if (kind != JB_CHART_PIE && kind != JB_CHART_DONUT) {
        size_t shown = count_kind(cl, JB_LABEL_CATEGORY), all = e.b->blocks[0].u.chart.n_categories;
        CHECK(shown == all || (shown >= all / 4 && jb_ctx_warning_count(e.ctx) > w0 &&
                               strstr(jb_ctx_warning(e.ctx, w0), "blocks[0].categories")));
      } else
        CHECK_INT(count_kind(cl, JB_LABEL_SLICE), e.b->blocks[0].u.chart.n_categories);
      jb_chart_layout_free(cl);
      fig_close(&e);
    }
}

TEST(chart_axis_in_wan_yi) {
  fig_env e;
  CHECK(!fig_open(&e, CHARTS[0]));
  jb_chart_layout *cl = chart_of(&e, 440);
  CHECK(cl);
  int found = 0;
  for (size_t i = 0; i < jb_chart_label_count(cl); i++) {
    if (!strcmp(jb_chart_label_text(cl, i), "单位：亿元")) found = 1;
    CHECK(!strstr(jb_chart_label_text(cl, i), "157637"));
  }
  CHECK(found);
  const double *t;
  size_t n = jb_chart_ticks(cl, 0, &t);
  CHECK(n >= 3 && t[0] == 0 && t[n - 1] >= 157637);
  CHECK_INT(count_kind(cl, JB_LABEL_VALUE), 5);
  CHECK_INT(jb_chart_mark_count(cl), 5);
  /* the plot box lies inside the chart */
  double p[4], a[4];
  jb_chart_plot_box(cl, p);
  jb_chart_area(cl, a);
  CHECK(p[0] >= a[0] && p[1] >= a[1] && p[2] <= a[2] && p[3] <= a[3]);
  jb_chart_layout_free(cl);
  fig_close(&e);
}

TEST(chart_draws_selectable_text) {
  fig_env e;
  CHECK(!fig_open(&e, CHARTS[0]));
  jb_chart_layout *cl = chart_of(&e, 440);
  CHECK(cl);
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  jb_dl_add_page(&dl, 595, 842);
  jb_chart_draw(cl, &dl, 70, 780);
  char *text = fig_dl_text(&dl);
  CHECK(strstr(text, "图1\xE3\x80\x80各县一般公共预算收入")); /* the label, a full-width space, the words */
  CHECK(strstr(text, "城关镇"));
  CHECK(strstr(text, "数据来源：县财政局"));
  CHECK(strstr(text, "15.76"));
  jb_free(e.ctx, text);
  jb_dl_fini(&dl);
  jb_chart_layout_free(cl);
  fig_close(&e);
}

/* Every chart of CHARTS on pages, for looking at (JB_FIG_OUT). */
TEST(chart_render_pdf) {
  fig_env e;
  CHECK(!fig_open(&e, NULL));
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  for (size_t k = 0; k < sizeof CHARTS / sizeof CHARTS[0]; k++) {
    jb_briefing *b = fig_parse(&e, CHARTS[k]);
    CHECK(b);
    jb_chart_layout *cl = NULL;
    CHECK(!jb_chart_layout_new(e.ctx, e.fonts, e.tpl, &b->blocks[0].u.chart, 440, "blocks[0]", &cl));
    if (k % 2 == 0) jb_dl_add_page(&dl, 595, 842);
    jb_chart_draw(cl, &dl, 78, k % 2 ? 410 : 800);
    jb_chart_layout_free(cl);
    jb_briefing_free(b);
  }
  fig_write_pdf(&e, &dl, "charts");
  jb_dl_fini(&dl);
  fig_close(&e);
}

/* ---- Bad input ---------------------------------------------------------------- */

static int fails_with(const char *json, const char *needle, int edit) {
  fig_env e;
  int parse_bad = fig_open(&e, json);
  int ok = 0;
  if (parse_bad) {
    ok = strstr(jb_ctx_error(e.ctx), needle) != NULL;
    if (!ok) printf("  parse error: %s\n", jb_ctx_error(e.ctx));
  } else {
    jb_chart *c = &e.b->blocks[0].u.chart;
    if (edit == 1) c->series[0].values[1].value = NAN;
    if (edit == 2) c->series[0].values[0].value = INFINITY;
    if (edit == 3) c->series[0].n_values = 1;
    jb_chart_layout *cl = NULL;
    jb_status st = jb_chart_layout_new(e.ctx, e.fonts, e.tpl, c, 400, "blocks[0]", &cl);
    ok = st != JB_OK && cl == NULL && strstr(jb_ctx_error(e.ctx), needle) != NULL;
    if (!ok) printf("  layout: %s\n", st ? jb_ctx_error(e.ctx) : "(ok)");
    jb_chart_layout_free(cl);
  }
  fig_close(&e);
  return ok;
}

#define SIMPLE(kind, vals) \
  "[{\"type\": \"chart\", \"kind\": \"" kind "\", \"categories\": [\"a\", \"b\", \"c\"], \"series\": [{\"name\": \"s\", \"values\": " vals "}]}]"

TEST(chart_bad_input_names_path) {
  CHECK(fails_with(SIMPLE("column", "[]"), "blocks[0].series[0].values", 0));           /* empty series */
  CHECK(fails_with(SIMPLE("column", "[1, 2]"), "blocks[0].series[0].values", 0));       /* count mismatch */
  CHECK(fails_with(SIMPLE("column", "[1, 2, 3]"), "blocks[0].series[0].values[1]", 1)); /* NaN */
  CHECK(fails_with(SIMPLE("line", "[1, 2, 3]"), "blocks[0].series[0].values[0]", 2));   /* infinity */
  CHECK(fails_with(SIMPLE("pie", "[1, -2, 3]"), "blocks[0].series[0].values[1]", 0));   /* negative in a pie */
  CHECK(fails_with(SIMPLE("pie", "[0, 0, null]"), "blocks[0].series[0].values", 0));    /* nothing to show */
  CHECK(fails_with(SIMPLE("bar", "[1, 2, 3]"), "blocks[0].series[0].values", 3));       /* model edited: mismatch */
  CHECK(fails_with("[{\"type\": \"chart\", \"kind\": \"column\", \"categories\": [\"a\"], \"series\": []}]",
                   "blocks[0].series", 0));
}

/* 10,000 points: a line chart draws them (labels thinned with a warning); a
 * column chart refuses with the path. */
static char *long_series(const char *kind, size_t n) {
  size_t cap = n * 24 + 256;
  char *s = malloc(cap);
  size_t k = (size_t)snprintf(s, cap, "[{\"type\": \"chart\", \"kind\": \"%s\", \"categories\": [", kind);
  for (size_t i = 0; i < n; i++) k += (size_t)snprintf(s + k, cap - k, "%s\"%zu\"", i ? "," : "", i + 1);
  k += (size_t)snprintf(s + k, cap - k, "], \"series\": [{\"name\": \"s\", \"values\": [");
  for (size_t i = 0; i < n; i++) k += (size_t)snprintf(s + k, cap - k, "%s%zu", i ? "," : "", (i * 7919) % 1000);
  snprintf(s + k, cap - k, "]}]}]");
  return s;
}

TEST(chart_ten_thousand_points) {
  char *json = long_series("line", 10000);
  fig_env e;
  CHECK(!fig_open(&e, json));
  free(json);
  size_t w0 = jb_ctx_warning_count(e.ctx);
  jb_chart_layout *cl = chart_of(&e, 440);
  CHECK(cl);
  CHECK(jb_ctx_warning_count(e.ctx) > w0); /* thinned labels are announced */
  CHECK(strstr(jb_ctx_warning(e.ctx, w0), "blocks[0].categories"));
  char why[256];
  CHECK(labels_ok(cl, why, sizeof why) > 0);
  CHECK(count_kind(cl, JB_LABEL_CATEGORY) >= 5);
  jb_chart_layout_free(cl);
  fig_close(&e);
  json = long_series("column", 10000);
  CHECK(fails_with(json, "blocks[0].categories", 0));
  free(json);
}

/* Value labels share one number of decimals per axis (6.25 beside 5.00, not 5),
 * and a few categories do not make slab-wide bars. */
TEST(chart_value_labels_one_decimals_count_and_bar_width_capped) {
  fig_env e;
  CHECK(!fig_open(&e, "[{\"type\": \"chart\", \"kind\": \"column\", \"unit\": \"%\", \"categories\": [\"2022年\", \"2023年\"],"
                      " \"series\": [{\"name\": \"收入\", \"values\": [6.25, 4]}, {\"name\": \"支出\", \"values\": [5, 3.5]}]}]"));
  jb_chart_layout *cl = chart_of(&e, 440);
  CHECK(cl);
  int found = 0, bare = 0;
  for (size_t i = 0; i < jb_chart_label_count(cl); i++) {
    if (jb_chart_label_kind_of(cl, i) != JB_LABEL_VALUE) continue;
    const char *t = jb_chart_label_text(cl, i);
    found += !strcmp(t, "5.00") || !strcmp(t, "6.25") || !strcmp(t, "3.50");
    bare += !strcmp(t, "5") || !strcmp(t, "3.5");
  }
  CHECK(found >= 3);
  CHECK_INT(bare, 0);
  jb_chart_layout_free(cl);
  fig_close(&e);
  /* three columns over 440 pt: each at most 6 em of the label size wide */
  CHECK(!fig_open(&e, "[{\"type\": \"chart\", \"kind\": \"column\", \"categories\": [\"甲\", \"乙\", \"丙\"],"
                      " \"series\": [{\"name\": \"值\", \"values\": [50, 44, 79]}]}]"));
  cl = chart_of(&e, 440);
  CHECK(cl);
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  jb_dl_add_page(&dl, 595, 842);
  jb_chart_draw(cl, &dl, 70, 780);
  double size = e.tpl->roles[JB_ROLE_CHART].size, widest = 0;
  for (size_t i = 0; i < dl.n_items; i++)
    if (dl.items[i].kind == JB_DL_RECT && dl.items[i].h > 20 && dl.items[i].w > widest) widest = dl.items[i].w;
  CHECK(widest > 2 * size && widest <= 6 * size + 0.01);
  jb_dl_fini(&dl);
  jb_chart_layout_free(cl);
  fig_close(&e);
}
