/* Tables: widths, number formats, alignment, headers, slices over pages, bad input. */
#include "test_table_lib.h"

#include <math.h>

#define W 440.0

static const char *COUNTY_TABLE =
    "[{\"type\": \"table\", \"caption\": \"表1 2024年各县财政收支\", \"unit\": \"万元\","
    " \"source\": \"各县财政局\","
    " \"header\": [[{\"text\": \"地区\"}, {\"text\": \"一般公共预算\", \"colspan\": 2}, {\"text\": \"增长率\"}],"
    "              [{\"text\": \"\"}, {\"text\": \"收入\"}, {\"text\": \"支出\"}, {\"text\": \"%\"}]],"
    " \"columns\": [{}, {}, {}, {\"format\": \"percent\", \"decimals\": 1}],"
    " \"rows\": [[{\"text\": \"城关镇\"}, {\"value\": 157637}, {\"value\": 203311.5}, {\"value\": 6.2}],"
    "            [{\"text\": \"东山乡\"}, {\"value\": 57150}, {\"value\": null}, {\"value\": -3.25}],"
    "            [{\"text\": \"合计\"}, {\"value\": 214787}, {\"value\": 203311.5}, {\"value\": 4.1}]]}]";

static jb_table_layout *layout(fig_env *e, double width) {
  jb_table_layout *tl = NULL;
  if (jb_table_layout_new(e->ctx, e->fonts, e->tpl, &e->b->blocks[0].u.table, width, "blocks[0]", &tl))
    return NULL;
  return tl;
}

TEST(table_numbers_scaled_per_column) {
  fig_env e;
  CHECK(!fig_open(&e, COUNTY_TABLE));
  jb_table_layout *tl = layout(&e, W);
  CHECK(tl);
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  jb_dl_add_page(&dl, 595, 842);
  double h = jb_table_draw(tl, &dl, 70, 780, 0, jb_table_body_rows(tl), 0, 1);
  CHECK(h > 0);
  char *text = fig_dl_text(&dl);
  if (getenv("FIG_DEBUG")) printf("%s\n", text);
  CHECK(strstr(text, "单位：亿元"));  /* one scale for the column, stated once */
  CHECK(strstr(text, "15.76"));       /* 157637 万元 */
  CHECK(strstr(text, "5.72"));        /* 57150 万元 in the same scale */
  CHECK(strstr(text, "—"));           /* missing value */
  CHECK(strstr(text, "\xe2\x88\x92" "3.3%") || strstr(text, "\xe2\x88\x92" "3.2%")); /* U+2212 minus */
  CHECK(strstr(text, "6.2%"));
  CHECK(strstr(text, "数据来源：各县财政局"));
  CHECK(!strstr(text, "157637"));
  jb_free(e.ctx, text);
  fig_write_pdf(&e, &dl, "table_basic");
  jb_dl_fini(&dl);
  jb_table_layout_free(tl);
  fig_close(&e);
}

/* Every glyph of the drawn table lies within [x, x + width]. */
static int inside(const jb_dl *dl, double x0, double x1) {
  for (size_t i = 0; i < dl->n_items; i++) {
    const jb_dl_item *it = &dl->items[i];
    if (it->kind == JB_DL_TEXT) {
      for (uint32_t k = 0; k < it->count; k++) {
        const jb_dl_glyph *g = &dl->glyphs[it->start + k];
        if (g->x < x0 - 0.01 || g->x + 0.5 * it->size > x1 + 0.01) return 0;
      }
    } else if (it->kind == JB_DL_LINE) {
      if (it->x < x0 - 0.01 || it->x2 > x1 + 0.01) return 0;
    }
  }
  return 1;
}

TEST(table_columns_content_width_and_align_numbers) {
  fig_env e;
  CHECK(!fig_open(&e, COUNTY_TABLE));
  jb_table_layout *tl = layout(&e, W);
  CHECK(tl);
  double sum = 0, x0, w, left;
  jb_table_column_box(tl, 0, &left, &w);
  for (size_t c = 0; c < jb_table_columns(tl); c++) {
    jb_table_column_box(tl, c, &x0, &w);
    CHECK_NEAR(x0, left + sum, 1e-6);
    sum += w;
  }
  CHECK(left >= 0 && left + sum <= W + 1e-6);
  /* as wide as its content needs (numbers near their headers), not stretched to W */
  CHECK(sum < W);
  CHECK_NEAR(sum, jb_table_natural_width(tl), 0.01);
  /* numbers right-aligned on the decimal point: the last glyphs of "15.76" and "0.57" share x */
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  jb_table_draw(tl, &dl, 0, 800, 0, 3, 0, 1);
  double xa = -1, xb = -1;
  for (size_t i = 0; i < dl.n_items; i++) {
    const jb_dl_item *it = &dl.items[i];
    if (it->kind != JB_DL_TEXT) continue;
    char s[64] = "";
    size_t n = 0;
    for (uint32_t k = 0; k < it->count && n < 60; k++) {
      const jb_dl_glyph *g = &dl.glyphs[it->start + k];
      if (g->text_len == 1 && dl.text[g->text_start] < 128) s[n++] = (char)dl.text[g->text_start];
    }
    s[n] = 0;
    const jb_dl_glyph *last = &dl.glyphs[it->start + it->count - 1];
    if (!strcmp(s, "15.76")) xa = last->x;
    if (!strcmp(s, "5.72")) xb = last->x;
  }
  CHECK(xa > 0 && xb > 0);
  CHECK_NEAR(xa, xb, 0.6);
  /* the column's number block lies inside its column, right of its middle */
  jb_table_column_box(tl, 1, &x0, &w);
  CHECK(xa < x0 + w - 2.9);
  CHECK(xa > x0 + w / 2);
  CHECK(inside(&dl, 0, W));
  jb_dl_fini(&dl);
  jb_table_layout_free(tl);
  fig_close(&e);
}

/* n rows of "name, value" with a long text column. */
static char *big_table(int n, int long_text) {
  size_t cap = (size_t)n * 200 + 1000;
  char *s = malloc(cap);
  size_t k = (size_t)snprintf(s, cap,
                              "[{\"type\": \"table\", \"caption\": \"表2 明细\", \"header\": "
                              "[{\"text\": \"序号\"}, {\"text\": \"项目\"}, {\"text\": \"金额\"}], \"rows\": [");
  for (int i = 0; i < n; i++)
    k += (size_t)snprintf(s + k, cap - k, "%s[{\"text\": \"R%d\"}, {\"text\": \"%s\"}, {\"value\": %d}]",
                          i ? "," : "", i + 1,
                          long_text && i == 3 ? "这是一段很长的说明文字，用来检验表格单元格在页面中按行拆分的能力，"
                                                "内容重复多次：城乡居民基本医疗保险财政补助标准提高，"
                                                "城乡居民基本医疗保险财政补助标准提高，城乡居民基本医疗保险财政补助标准提高。"
                                              : "普通项目",
                          (i * 37) % 1000);
  snprintf(s + k, cap - k, "]}]");
  return s;
}

/* Pages of a given body height: whole rows while they fit, header repeated. */
TEST(table_500_rows_paginate_without_loss) {
  fig_env e;
  char *json = big_table(500, 0);
  CHECK(!fig_open(&e, json));
  free(json);
  jb_table_layout *tl = layout(&e, W);
  CHECK(tl);
  CHECK_INT(jb_table_body_rows(tl), 500);
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  double page_h = 700;
  size_t r = 0, pages = 0;
  while (r < 500) {
    jb_dl_add_page(&dl, 595, 842);
    int cont = pages > 0;
    double room = page_h - jb_table_head_height(tl, cont);
    size_t r1 = r;
    while (r1 < 500) {
      double need = jb_table_row_height(tl, r1) + (r1 + 1 == 500 ? jb_table_foot_height(tl) : 0);
      if (need > room) break;
      room -= jb_table_row_height(tl, r1++);
    }
    CHECK(r1 > r);
    double used = jb_table_draw(tl, &dl, 70, 800, r, r1, cont, r1 == 500);
    CHECK(used <= page_h + 1e-6);
    r = r1;
    pages++;
  }
  CHECK(pages > 5);
  /* every row exactly once, header and 续表 on each continued page */
  char *text = fig_dl_text(&dl);
  for (int i = 1; i <= 500; i++) {
    char key[32];
    snprintf(key, sizeof key, "R%d普通", i);
    char *p = strstr(text, key);
    CHECK(p);
    CHECK(!strstr(p + 1, key));
  }
  size_t n_cont = 0, n_head = 0;
  for (char *p = text; (p = strstr(p, "续表2")); p++) n_cont++;
  for (char *p = text; (p = strstr(p, "序号项目金额")); p++) n_head++;
  CHECK_INT(n_cont, pages - 1);
  CHECK_INT(n_head, pages);
  jb_free(e.ctx, text);
  fig_write_pdf(&e, &dl, "table_500");
  jb_dl_fini(&dl);
  jb_table_layout_free(tl);
  fig_close(&e);
}

TEST(table_tall_row_splits_by_line) {
  fig_env e;
  char *json = big_table(6, 1);
  CHECK(!fig_open(&e, json));
  free(json);
  jb_table_layout *tl = layout(&e, 160); /* narrow: row 3 wraps into many lines */
  CHECK(tl);
  size_t n = jb_table_row_lines(tl, 3);
  CHECK(n >= 6);
  CHECK_NEAR(jb_table_row_part_height(tl, 3, 0, n), jb_table_row_height(tl, 3), 1e-6);
  double room = jb_table_row_part_height(tl, 3, 0, 3) + 0.1;
  CHECK_INT(jb_table_row_lines_fit(tl, 3, 0, room), 3);
  /* page 1: rows 0..2 and 3 lines of row 3; page 2: the rest */
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  jb_dl_add_page(&dl, 300, 400);
  double h1 = jb_table_draw_slice(tl, &dl, 20, 380, (jb_table_cut){0, 0}, (jb_table_cut){3, 3}, 1, 0, 0);
  CHECK_NEAR(h1, jb_table_head_height(tl, 0) + jb_table_slice_height(tl, (jb_table_cut){0, 0}, (jb_table_cut){3, 3}), 1e-6);
  jb_dl_add_page(&dl, 300, 400);
  jb_table_draw_slice(tl, &dl, 20, 380, (jb_table_cut){3, 3}, (jb_table_cut){6, 0}, 1, 1, 1);
  char *text = fig_dl_text(&dl);
  /* the long text appears once, in order, split over the two pages */
  CHECK(strstr(text, "这是一段很长的说明文字"));
  CHECK(strstr(text, "补助标准提高。"));
  CHECK(strstr(text, "续表2"));
  size_t nglyph_long = 0;
  for (char *p = text; (p = strstr(p, "城乡居民")); p++) nglyph_long++;
  CHECK_INT(nglyph_long, 3);
  jb_free(e.ctx, text);
  fig_write_pdf(&e, &dl, "table_split");
  jb_dl_fini(&dl);
  jb_table_layout_free(tl);
  fig_close(&e);
}

TEST(table_too_wide_shrinks_and_warns) {
  fig_env e;
  CHECK(!fig_open(&e, COUNTY_TABLE));
  size_t w0 = jb_ctx_warning_count(e.ctx);
  jb_table_layout *tl = layout(&e, 90);
  CHECK(tl);
  CHECK(jb_table_font_size(tl) < e.tpl->roles[JB_ROLE_TABLE].size);
  CHECK(jb_ctx_warning_count(e.ctx) > w0);
  jb_dl dl;
  jb_dl_init(&dl, e.ctx, e.fonts);
  jb_table_draw(tl, &dl, 10, 800, 0, 3, 0, 1);
  CHECK(inside(&dl, 10, 100));
  jb_dl_fini(&dl);
  jb_table_layout_free(tl);
  fig_close(&e);
}

TEST(table_bad_rows_name_the_path) {
  fig_env e;
  int bad = fig_open(&e, "[{\"type\": \"table\", \"rows\": [[{\"text\": \"a\"}, {\"value\": 1}], [{\"text\": \"b\"}]]}]");
  CHECK(bad);
  CHECK(strstr(jb_ctx_error(e.ctx), "blocks[0].rows[1]"));
  fig_close(&e);
}
