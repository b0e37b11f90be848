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

/* ---- Sources, chart notes, footnotes, tall table rows, units per column ------ */

static char *dl_text(const jb_dl *dl, size_t page) {
  jb_buf b;
  jb_buf_init(&b, dl->ctx);
  size_t i0 = page == (size_t)-1 ? 0 : dl->pages[page].item_start;
  size_t i1 = page == (size_t)-1 ? dl->n_items : i0 + dl->pages[page].item_count;
  for (size_t i = i0; i < i1; i++) {
    const jb_dl_item *it = &dl->items[i];
    if (it->kind != JB_DL_TEXT) continue;
    for (uint32_t k = 0; k < it->count; k++) {
      const jb_dl_glyph *g = &dl->glyphs[it->start + k];
      for (uint32_t c = 0; c < g->text_len; c++) jb_buf_add_utf8(&b, dl->text[g->text_start + c]);
    }
  }
  jb_buf_addc(&b, '\0');
  return jb_buf_steal(&b);
}

/* extract's format: paragraphs as spans, sentence_text on a sentence's first fact only */
static const char *REPORT_FACTS =
    "{\"documents\": [{\"name\": \"报告.txt\", \"paragraphs\": [{\"start\": 0, \"end\": 6, \"kind\": \"title\"},"
    " {\"start\": 7, \"end\": 40, \"kind\": \"body\"}, {\"start\": 41, \"end\": 80, \"kind\": \"body\"}]},"
    " {\"name\": \"其他.txt\", \"paragraphs\": [{\"start\": 0, \"end\": 9}]}],"
    " \"facts\": ["
    "{\"id\": \"F1\", \"doc\": \"报告.txt\", \"start\": 9, \"end\": 13, \"text\": \"12亿元\", \"value\": 1200000000,"
    " \"unit\": \"元\", \"measure\": \"总值\", \"series\": null, \"sentence\": [7, 30],"
    " \"sentence_text\": \"总值12亿元，增长5%。\"},"
    "{\"id\": \"F2\", \"doc\": \"报告.txt\", \"start\": 16, \"end\": 18, \"text\": \"5%\", \"value\": 5, \"unit\": \"%\","
    " \"measure\": \"增速\", \"sentence\": [7, 30]},"
    "{\"id\": \"F3\", \"doc\": \"报告.txt\", \"start\": 50, \"end\": 53, \"text\": \"10个\", \"value\": 10,"
    " \"unit\": \"个\", \"measure\": \"项目\", \"series\": 0, \"sentence\": [41, 70],"
    " \"sentence_text\": \"项目分别为10个、12个和15个。\"},"
    "{\"id\": \"F4\", \"doc\": \"报告.txt\", \"start\": 54, \"end\": 57, \"text\": \"12个\", \"value\": 12,"
    " \"unit\": \"个\", \"measure\": \"项目\", \"series\": 0, \"sentence\": [41, 70]},"
    "{\"id\": \"F5\", \"doc\": \"报告.txt\", \"start\": 58, \"end\": 61, \"text\": \"15个\", \"value\": 15,"
    " \"unit\": \"个\", \"measure\": \"项目\", \"series\": 0, \"sentence\": [41, 70]},"
    "{\"id\": \"F6\", \"doc\": \"其他.txt\", \"start\": 2, \"end\": 5, \"text\": \"3个\", \"value\": 3, \"unit\": \"个\","
    " \"measure\": \"乡镇\", \"sentence\": [0, 9], \"sentence_text\": \"共有3个乡镇。\"}]}";

TEST(page_facts_know_their_paragraph_and_series) {
  jb_ctx *ctx = jb_ctx_new();
  jb_factlist *f;
  CHECK_INT(jb_factlist_parse(ctx, "f.json", REPORT_FACTS, strlen(REPORT_FACTS), &f), JB_OK);
  CHECK_INT(jb_factlist_get(f, 0)->paragraph, 2);
  CHECK_INT(jb_factlist_get(f, 1)->paragraph, 2);
  CHECK_STR(jb_factlist_get(f, 1)->sentence, "总值12亿元，增长5%。"); /* carried from F1 */
  CHECK_INT(jb_factlist_get(f, 2)->paragraph, 3);
  CHECK_INT(jb_factlist_get(f, 2)->series, 1);
  CHECK_INT(jb_factlist_get(f, 0)->series, 0);
  CHECK_INT(jb_factlist_get(f, 5)->paragraph, 1); /* the other document's own paragraphs */
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_fact_citation(jb_factlist_get(f, 1), &b);
  CHECK_STR(b.data, "报告.txt 第2段：“总值12亿元，增长5%。”");
  /* quoted in “…”, the sentence's own double quotes become single ones */
  jb_factrec q = *jb_factlist_get(f, 5);
  q.sentence = "共有3个“美丽乡村”。";
  b.len = 0;
  jb_fact_citation(&q, &b);
  CHECK_STR(b.data, "其他.txt 第1段：“共有3个‘美丽乡村’。”");
  jb_buf_fini(&b);
  jb_factlist_free(f);
  jb_ctx_free(ctx);
}

TEST(page_sources_give_document_paragraph_and_sentence) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"paragraph\", \"text\": [\"总值\", {\"fact\": \"F1\"},"
            " \"，增长\", {\"fact\": \"F2\"}, \"。\"]}]}",
        "brief", REPORT_FACTS);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(r.info.citations, 1); /* one sentence, quoted once: both calls point to one note */
  char *t = dl_text(&r.dl, (size_t)-1);
  CHECK(strstr(t, "总值：12亿元；增速：5%。来源：报告.txt 第2段：“总值12亿元，增长5%。”") != NULL);
  CHECK(strstr(t, "“总值12亿元，增长5%。”") == strstr(t, "“总值12亿元，增长5%。”。") ||
        strstr(strstr(t, "“总值12亿元，增长5%。”") + 1, "“总值12亿元，增长5%。”") == NULL);
  jb_free(r.ctx, t);
  done(&r);
}

TEST(page_chart_of_a_fact_series_cites_its_sentence) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": ["
            "{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图1 项目\", \"source\": \"县发改局\","
            " \"categories\": [\"2022\", \"2023\", \"2024\"],"
            " \"series\": [{\"name\": \"项目\", \"values\": [{\"fact\": \"F3\"}, {\"fact\": \"F4\"}, {\"fact\": \"F5\"}]}]},"
            "{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图2 混合\","
            " \"categories\": [\"2022\", \"2023\"], \"series\": [{\"name\": \"项目\", \"values\": [9, {\"fact\": \"F4\"}]}]},"
            "{\"type\": \"chart\", \"kind\": \"column\", \"caption\": \"图3 无来源\","
            " \"categories\": [\"2022\", \"2023\"], \"series\": [{\"name\": \"项目\", \"values\": [{\"fact\": \"F3\"}, {\"fact\": \"F5\"}]}]}]}",
        "brief", REPORT_FACTS);
  CHECK_INT(r.st, JB_OK);
  CHECK_STR(r.b->blocks[0].u.chart.note, "报告.txt 第3段：“项目分别为10个、12个和15个。”");
  CHECK(r.b->blocks[1].u.chart.note == NULL); /* a typed-in number: not the sentence's chart */
  char *t = dl_text(&r.dl, (size_t)-1);
  CHECK(strstr(t, "数据来源：县发改局。出处：报告.txt 第3段：“项目分别为10个、12个和15个。”") != NULL);
  /* 图3 cites the sentence 图1 has quoted already: no second quote */
  CHECK(strstr(t, "数据来源：报告.txt 第3段") != NULL);
  CHECK(strstr(strstr(t, "“项目分别为10个、12个和15个。”") + 1, "“项目分别为10个、12个和15个。”") == NULL);
  CHECK(strstr(t, "单位：个") != NULL); /* no unit given: the facts' own */
  CHECK_STR(r.b->blocks[2].u.chart.unit, "个");
  jb_free(r.ctx, t);
  /* resolution does not leak into the model written back */
  jb_buf j;
  jb_buf_init(&j, r.ctx);
  jb_briefing_write(r.ctx, r.b, &j);
  CHECK(strstr(j.data, "出处") == NULL && strstr(j.data, "第3段") == NULL && strstr(j.data, "\"个\"") == NULL);
  jb_buf_fini(&j);
  done(&r);
}

/* Lowest baseline (largest distance below the page top) of glyphs of `size` on a page. */
static float lowest(const jb_dl *dl, size_t page, float size, int below) {
  float y = below ? 1e9f : -1e9f;
  const jb_dl_page *pg = &dl->pages[page];
  for (size_t i = 0; i < pg->item_count; i++) {
    const jb_dl_item *it = &dl->items[pg->item_start + i];
    if (it->kind != JB_DL_TEXT || fabsf(it->size - size) > 0.01f) continue;
    for (uint32_t k = 0; k < it->count; k++) {
      float gy = dl->glyphs[it->start + k].y;
      if (below ? gy < y : gy > y) y = gy;
    }
  }
  return y;
}

TEST(page_footnotes_sit_at_the_foot_of_their_page) {
  jb_ctx *bctx = jb_ctx_new();
  jb_buf js;
  jb_buf_init(&js, bctx);
  jb_buf_adds(&js, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [");
  for (int i = 0; i < 14; i++) {
    jb_buf_adds(&js, i ? ", {\"type\": \"paragraph\", \"text\": \"" : "{\"type\": \"paragraph\", \"text\": \"");
    long_text(&js, 5);
    jb_buf_adds(&js, "\"}");
    if (i == 1) jb_buf_adds(&js, ", {\"type\": \"footnote\", \"text\": \"甲注：增速按可比价格计算。\"}");
    if (i == 12) jb_buf_adds(&js, ", {\"type\": \"footnote\", \"text\": \"乙注：快报数。\"}");
  }
  jb_buf_adds(&js, "]}");
  for (int grid = 0; grid < 2; grid++) {
    built r;
    build(&r, js.data, grid ? "gbt9704" : "brief", NULL);
    CHECK_INT(r.st, JB_OK);
    CHECK(r.dl.n_pages >= 2);
    float note = (float)r.t->roles[JB_ROLE_NOTE].size, body = (float)r.t->roles[JB_ROLE_BODY].size;
    double bottom = r.t->margin_bottom;
    char *p0 = dl_text(&r.dl, 0);
    CHECK(strstr(p0, "甲注：增速按可比价格计算。") != NULL);
    CHECK(strstr(p0, "乙注") == NULL);
    jb_free(r.ctx, p0);
    /* under every body line of the page, its last line on the type-area bottom */
    float low_note = lowest(&r.dl, 0, note, 1), low_body = lowest(&r.dl, 0, body, 1);
    CHECK(low_note < low_body - note);
    CHECK(low_note > bottom && low_note < bottom + 1.4 * note);
    size_t last = r.dl.n_pages - 1 - (grid ? 1 : 0); /* gbt9704: the closing block has a page of its own */
    char *pl = dl_text(&r.dl, last);
    int found = strstr(pl, "乙注：快报数。") != NULL;
    jb_free(r.ctx, pl);
    if (!found) { /* the page of the text it follows */
      pl = dl_text(&r.dl, r.dl.n_pages - 1);
      found = strstr(pl, "乙注：快报数。") != NULL;
      jb_free(r.ctx, pl);
    }
    CHECK(found);
    done(&r);
  }
  jb_buf_fini(&js);
  jb_ctx_free(bctx);
}

TEST(page_table_row_taller_than_a_page_splits_by_line) {
  jb_ctx *bctx = jb_ctx_new();
  jb_buf js;
  jb_buf_init(&js, bctx);
  jb_buf_adds(&js, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"table\", \"caption\": \"表1 长行\","
                   " \"header\": [\"序号\", \"说明\"], \"rows\": [[\"1\", \"短\"], [\"2\", \"");
  for (int i = 1; i <= 400; i++) jb_buf_printf(&js, "【%03d】资金按进度拨付到位。", i);
  jb_buf_adds(&js, "\"], [\"3\", \"短三\"]]}]}");
  built r;
  build(&r, js.data, "brief", NULL);
  jb_buf_fini(&js);
  jb_ctx_free(bctx);
  CHECK_INT(r.st, JB_OK);
  CHECK_INT(jb_ctx_warning_count(r.ctx), 0); /* nothing forced past the page */
  CHECK(r.dl.n_pages >= 2);
  char *t = dl_text(&r.dl, (size_t)-1);
  int once = 1;
  for (int i = 1; i <= 400 && once; i++) {
    char m[32];
    snprintf(m, sizeof m, "【%03d】", i);
    const char *a = strstr(t, m);
    once = a && !strstr(a + 1, m);
  }
  CHECK(once);
  CHECK(strstr(t, "续表1") != NULL);
  jb_free(r.ctx, t);
  /* no glyph below the type area or above it */
  double lo = r.t->margin_bottom, hi = r.t->page_h - r.t->margin_top;
  float tsize = (float)r.t->roles[JB_ROLE_TABLE].size;
  for (size_t pg = 0; pg < r.dl.n_pages; pg++) {
    float low = lowest(&r.dl, pg, tsize, 1), high = lowest(&r.dl, pg, tsize, 0);
    if (low > 1e8f) continue;
    CHECK(low >= lo - 0.5 && high <= hi);
  }
  done(&r);
}

TEST(page_table_units_per_column) {
  built r;
  build(&r, "{\"meta\": {\"title\": \"t\"}, \"blocks\": [{\"type\": \"table\", \"unit\": \"万元\","
            " \"header\": [\"年度\", \"项目\", \"资金\"],"
            " \"rows\": [[\"2022\", {\"fact\": \"F3\"}, 5000], [\"2023\", {\"fact\": \"F4\"}, 6000]]}]}",
        "brief", REPORT_FACTS);
  CHECK_INT(r.st, JB_OK); /* a count fact in a money table is not an error: its column has its own unit */
  CHECK_STR(r.b->blocks[0].u.table.columns[1].unit, "个");
  char *t = dl_text(&r.dl, (size_t)-1);
  CHECK(strstr(t, "项目（个）") != NULL);
  CHECK(strstr(t, "资金（万元）") != NULL);
  CHECK(strstr(t, "单位：") == NULL); /* no unit line that would be wrong for one column */
  jb_free(r.ctx, t);
  jb_buf j;
  jb_buf_init(&j, r.ctx);
  jb_briefing_write(r.ctx, r.b, &j);
  CHECK(strstr(j.data, "\"unit\": \"个\"") == NULL); /* the column unit came from the facts */
  jb_buf_fini(&j);
  done(&r);
}
