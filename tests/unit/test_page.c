/* Page builder: briefings from JSON laid out into a display list. */
#include <stdio.h>
#include <string.h>

#include "jbtest.h"
#include "jianbao/page.h"
#include "jianbao/text.h"

#define MM (72.0 / 25.4)

typedef struct built {
  jb_ctx *ctx;
  jb_fonts *fonts;
  jb_briefing *b;
  jb_layout_template *t;
  jb_factlist *facts;
  jb_dl dl;
  jb_build_info info;
  jb_status st;
} built;

static void build(built *r, const char *json, const char *layout, const char *facts_json) {
  memset(r, 0, sizeof *r);
  r->ctx = jb_ctx_new();
  jb_dl_init(&r->dl, r->ctx, NULL);
  r->st = jb_briefing_parse(r->ctx, "t.json", json, strlen(json), &r->b);
  if (!r->st) r->st = jb_template_load(r->ctx, layout, &r->t);
  if (!r->st && facts_json) r->st = jb_factlist_parse(r->ctx, "f.json", facts_json, strlen(facts_json), &r->facts);
  if (!r->st) r->st = jb_briefing_resolve_list(r->ctx, r->b, r->t, r->facts);
  if (!r->st) r->st = jb_fonts_new(r->ctx, NULL, &r->fonts);
  if (r->st) return;
  r->dl.fonts = r->fonts;
  jb_build_opts o = JB_BUILD_DEFAULTS;
  o.facts = r->facts;
  r->st = jb_build_briefing(r->ctx, r->fonts, r->b, r->t, &o, &r->dl, &r->info);
}

static void done(built *r) {
  jb_dl_fini(&r->dl);
  jb_fonts_free(r->fonts);
  jb_factlist_free(r->facts);
  jb_template_free(r->t);
  jb_briefing_free(r->b);
  jb_ctx_free(r->ctx);
}

/* A long paragraph of plain Han text (n sentences). */
static void long_text(jb_buf *b, int n) {
  for (int i = 0; i < n; i++) jb_buf_adds(b, "全县经济运行总体平稳，主要指标保持增长，重点项目建设加快推进。");
}

/* Baselines of glyphs at `size` on a page (distinct, sorted ascending in y). */
static size_t baselines(const jb_dl *dl, size_t page, float size, float *ys, size_t cap) {
  const jb_dl_page *pg = &dl->pages[page];
  size_t n = 0;
  for (size_t i = 0; i < pg->item_count; i++) {
    const jb_dl_item *it = &dl->items[pg->item_start + i];
    if (it->kind != JB_DL_TEXT || fabsf(it->size - size) > 0.01f) continue;
    for (uint32_t k = 0; k < it->count; k++) {
      float y = dl->glyphs[it->start + k].y;
      size_t j = 0;
      while (j < n && fabsf(ys[j] - y) > 0.01f) j++;
      if (j == n && n < cap) ys[n++] = y;
    }
  }
  return n;
}

TEST(page_minimal_one_page_with_metadata) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"简况\", \"author\": \"统计局\", \"keywords\": [\"甲\", \"乙\"]},"
            " \"blocks\": [{\"type\": \"paragraph\", \"text\": \"一季度，全县经济运行总体平稳。\"}]}",
        "brief", NULL);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(r.dl.n_pages, 1);
  CHECK_STR(r.dl.meta.title, "简况");
  CHECK_STR(r.dl.meta.author, "统计局");
  CHECK_STR(r.dl.meta.keywords, "甲, 乙");
  CHECK_STR(r.dl.meta.lang, "zh-CN");
  CHECK_INT(r.dl.n_outline, 0);
  done(&r);
}

TEST(page_headings_numbered_and_nested_in_the_outline) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": ["
            "{\"type\": \"heading\", \"level\": 1, \"text\": \"总体\"}, {\"type\": \"paragraph\", \"text\": \"正文。\"},"
            "{\"type\": \"heading\", \"level\": 2, \"text\": \"分项\"}, {\"type\": \"paragraph\", \"text\": \"正文。\"},"
            "{\"type\": \"heading\", \"level\": 3, \"text\": \"细项\"}, {\"type\": \"paragraph\", \"text\": \"正文。\"},"
            "{\"type\": \"heading\", \"level\": 4, \"text\": \"末项\"}, {\"type\": \"paragraph\", \"text\": \"正文。\"},"
            "{\"type\": \"pagebreak\"},"
            "{\"type\": \"heading\", \"level\": 1, \"text\": \"下一步\"}, {\"type\": \"paragraph\", \"text\": \"正文。\"}]}",
        "brief", NULL);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(r.dl.n_pages, 2);
  CHECK_INT(r.dl.n_outline, 5);
  CHECK_STR(r.dl.outline[0].title, "一、总体");
  CHECK_STR(r.dl.outline[1].title, "（一）分项");
  CHECK_STR(r.dl.outline[2].title, "1.细项");
  CHECK_STR(r.dl.outline[3].title, "（1）末项");
  CHECK_STR(r.dl.outline[4].title, "二、下一步");
  CHECK_INT(r.dl.outline[3].level, 4);
  CHECK_INT(r.dl.outline[4].page, 1);
  CHECK(r.dl.outline[0].y > r.dl.outline[1].y);
  done(&r);
}

TEST(page_gbt9704_grid_22_lines_inside_the_type_area) {
  jb_ctx *bctx = jb_ctx_new();
  jb_buf js;
  jb_buf_init(&js, bctx);
  jb_buf_adds(&js, "{\"meta\": {\"title\": \"t\", \"masthead\": \"简报\"}, \"blocks\": [{\"type\": \"paragraph\", \"text\": \"");
  long_text(&js, 60);
  jb_buf_adds(&js, "\"}]}");
  built r;
  build(&r, js.data, "gbt9704", NULL);
  jb_buf_fini(&js);
  jb_ctx_free(bctx);
  CHECK_INT(r.st, JB_OK);
  CHECK(r.dl.n_pages >= 3);
  float ys[64];
  size_t n = baselines(&r.dl, 1, 15.75f, ys, 64);
  CHECK_INT(n, 22);
  double top = 841.89 - 37 * MM, bottom = top - 225 * MM;
  for (size_t i = 0; i < n; i++) {
    CHECK(ys[i] + 0.88 * 15.75 <= top + 0.3);
    CHECK(ys[i] - 0.12 * 15.75 >= bottom - 0.3);
  }
  /* every body glyph inside [28 mm, 28 mm + 156 mm] */
  for (size_t g = 0; g < r.dl.n_glyphs; g++) {
    CHECK(r.dl.glyphs[g].x >= 28 * MM - 15.75 / 2 - 0.1);
    CHECK(r.dl.glyphs[g].x <= 28 * MM + 156 * MM);
  }
  done(&r);
}

TEST(page_heading_never_last_on_a_page) {
  /* fill a page almost to the end, then a heading: it must move to the next page */
  jb_ctx *bctx = jb_ctx_new();
  jb_buf js;
  jb_buf_init(&js, bctx);
  jb_buf_adds(&js, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [");
  for (int i = 0; i < 19; i++) {
    jb_buf_adds(&js, "{\"type\": \"paragraph\", \"text\": \"");
    long_text(&js, 1);
    jb_buf_adds(&js, "\"},");
  }
  jb_buf_adds(&js, "{\"type\": \"heading\", \"level\": 1, \"text\": \"标题\"}, {\"type\": \"paragraph\", \"text\": \"");
  long_text(&js, 3);
  jb_buf_adds(&js, "\"}]}");
  built r;
  build(&r, js.data, "gbt9704", NULL);
  jb_buf_fini(&js);
  jb_ctx_free(bctx);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(r.dl.n_outline, 1);
  /* the heading has at least two body lines below it on its page */
  float ys[64];
  size_t n = baselines(&r.dl, (size_t)r.dl.outline[0].page, 15.75f, ys, 64);
  size_t below = 0;
  for (size_t i = 0; i < n; i++)
    if (ys[i] < r.dl.outline[0].y - 20) below++;
  CHECK(below >= 2);
  done(&r);
}

TEST(page_citations_link_to_the_sources_list) {
  const char *facts = "{\"documents\": [{\"name\": \"报告.txt\"}], \"facts\": ["
                      "{\"id\": \"a\", \"doc\": 0, \"text\": \"12亿元\", \"value\": 1200000000, \"unit\": \"元\","
                      " \"measure\": \"总值\", \"sentence_text\": \"总值12亿元。\"},"
                      "{\"id\": \"b\", \"doc\": 0, \"text\": \"5%\", \"value\": 5, \"unit\": \"%\", \"measure\": \"增速\"}]}";
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"paragraph\", \"text\": [\"总值\", {\"fact\": \"a\"},"
            " \"，增长\", {\"fact\": \"b\"}, \"，总值\", {\"fact\": \"a\"}, \"。\"]}]}",
        "brief", facts);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(r.info.citations, 2);
  size_t links = 0, marks = 0;
  for (size_t i = 0; i < r.dl.n_items; i++)
    if (r.dl.items[i].kind == JB_DL_LINK) links++;
  for (size_t g = 0; g < r.dl.n_glyphs; g++)
    if (r.dl.glyphs[g].text_len && r.dl.text[r.dl.glyphs[g].text_start] == 0x2460) marks++;
  CHECK_INT(links, 3);  /* ① twice and ② once, each a link */
  CHECK_INT(marks, 3);  /* ① twice in the text, once in the list */
  CHECK_STR(r.dl.outline[r.dl.n_outline - 1].title, "数据来源");
  done(&r);
}

TEST(page_onepager_shrinks_to_fit) {
  jb_ctx *bctx = jb_ctx_new();
  jb_buf js;
  jb_buf_init(&js, bctx);
  jb_buf_adds(&js, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"paragraph\", \"text\": \"");
  long_text(&js, 110);
  jb_buf_adds(&js, "\"}]}");
  built r;
  build(&r, js.data, "onepager", NULL);
  jb_buf_fini(&js);
  jb_ctx_free(bctx);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(r.dl.n_pages, 1);
  CHECK(r.info.scale < 1 && r.info.scale >= 0.8 - 1e-9);
  done(&r);
}

TEST(page_tiles_row_is_one_unit) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"tiles\", \"items\": ["
            "{\"value\": 157637, \"unit\": \"万元\", \"label\": \"总值\"}, {\"value\": 6.2, \"unit\": \"%\", \"label\": \"增速\"},"
            "{\"value\": \"—\", \"label\": \"空\"}, {\"value\": 3, \"unit\": \"个\", \"label\": \"项目\"}]}]}",
        "brief", NULL);
  CHECK_INT(r.st, JB_OK);
  /* 3 per row: two rows; tiles of a row share the top edge and the height */
  float tops[8], hs[8];
  size_t n = 0;
  for (size_t i = 0; i < r.dl.n_items && n < 8; i++) {
    const jb_dl_item *it = &r.dl.items[i];
    if (it->kind == JB_DL_RECT && it->h > 30) tops[n] = it->y + it->h, hs[n++] = it->h;
  }
  CHECK_INT(n, 4);
  CHECK_NEAR(tops[0], tops[1], 0.01);
  CHECK_NEAR(tops[1], tops[2], 0.01);
  CHECK_NEAR(hs[0], hs[2], 0.01);
  CHECK(tops[3] < tops[0] - hs[0]);
  done(&r);
}

TEST(page_missing_image_is_a_located_error) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"image\", \"path\": \"/nonexistent/x.png\"}]}",
        "brief", NULL);
  CHECK(r.st != JB_OK);
  CHECK(strstr(jb_ctx_error(r.ctx), "x.png") != NULL);
  done(&r);
}
