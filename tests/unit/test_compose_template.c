/* Compose: layout templates (GB/T 9704 numbers, errors, extends, fields). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "jbtest.h"
#include "jianbao/compose.h"

#define MM (72.0 / 25.4)

TEST(compose_template_gbt9704_geometry) {
  jb_ctx *ctx = jb_ctx_new();
  jb_layout_template *t;
  CHECK_INT(jb_template_load(ctx, "gbt9704", &t), JB_OK);
  CHECK_STR(t->name, "gbt9704");
  CHECK_NEAR(t->page_w, 595.28, 0.01);
  CHECK_NEAR(t->page_h, 841.89, 0.01);
  CHECK_NEAR(t->margin_left, 79.37, 0.01);  /* 28 mm */
  CHECK_NEAR(t->margin_top, 104.88, 0.01);  /* 37 mm */
  CHECK_NEAR(t->page_w - t->margin_left - t->margin_right, 156 * MM, 0.01);
  CHECK_NEAR(t->page_h - t->margin_top - t->margin_bottom, 225 * MM, 0.01);
  const jb_tpl_style *body = &t->roles[JB_ROLE_BODY];
  CHECK_NEAR(body->size, 15.75, 0);
  CHECK_INT(t->chars_per_line, 28);
  CHECK_INT(t->lines_per_page, 22);
  /* 22 lines fill the 225 mm type area exactly: 21 pitches + one line. */
  CHECK_NEAR(21 * body->line_pitch + body->size, 225 * MM, 0.001);
  CHECK_NEAR(body->line_pitch, 29.62, 0.01);
  CHECK(28 * body->size <= 156 * MM);
  CHECK_NEAR(t->roles[JB_ROLE_H1].line_pitch, body->line_pitch, 1e-9); /* on the grid */
  CHECK_NEAR(body->indent, 2, 0);
  CHECK_NEAR(t->roles[JB_ROLE_FOOTER].size, 14, 0);
  CHECK_NEAR(t->footer.offset, 7 * MM, 0.001);
  CHECK_NEAR(t->footer.inset, 1, 0);
  CHECK_STR(t->footer.right[JB_BAND_ODD], "— {page} —");
  CHECK(t->footer.left[JB_BAND_ODD] == NULL);
  CHECK_STR(t->footer.left[JB_BAND_EVEN], "— {page} —");
  CHECK(t->footer.right[JB_BAND_EVEN] == NULL);
  CHECK_STR(t->footer.right[JB_BAND_FIRST], "— {page} —");
  CHECK(t->header.first_hidden);
  CHECK(t->masthead.show);
  CHECK(t->roles[JB_ROLE_MASTHEAD].color.r > 0.8f && t->roles[JB_ROLE_MASTHEAD].color.g < 0.2f);
  CHECK(t->closing.show);
  CHECK_NEAR(t->closing.thick, 0.35 * MM, 0.001);
  CHECK_NEAR(t->closing.thin, 0.25 * MM, 0.001);
  CHECK(t->heading_numbers);
  CHECK(!t->numbers.thousands);
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_heading_number(t, 2, 3, &b);
  CHECK_STR(b.data, "（三）");
  b.len = 0;
  jb_template_dump(t, &b);
  CHECK(strstr(b.data, "body stack=fangsong-zh size=15.75 bold=0 color=#000000 pitch=29.621") != NULL);
  CHECK(strstr(b.data, "masthead stack=xiaobiaosong-zh size=36 bold=0 color=#E60012") != NULL);
  jb_buf_fini(&b);
  jb_template_free(t);
  jb_ctx_free(ctx);
}

TEST(compose_template_all_shipped_load) {
  jb_ctx *ctx = jb_ctx_new();
  jb_strlist names = jb_template_names(ctx);
  CHECK(names.n >= 3);
  for (size_t i = 0; i < names.n; i++) {
    jb_layout_template *t = NULL;
    if (jb_template_load(ctx, names.items[i], &t) != JB_OK) printf("  %s\n", jb_ctx_error(ctx));
    CHECK(t != NULL);
    CHECK_STR(t->name, names.items[i]);
    for (int r = 0; r < JB_ROLE_COUNT; r++) CHECK(t->roles[r].stack && t->roles[r].size > 0 && t->roles[r].line_pitch > 0);
    jb_template_free(t);
  }
  jb_layout_template *t;
  CHECK_INT(jb_template_load(ctx, "onepager", &t), JB_OK);
  CHECK(t->fit_one_page);
  CHECK_INT(t->tiles.columns, 4);
  CHECK_NEAR(t->margin_left, 14 * MM, 0.001);
  CHECK_NEAR(t->roles[JB_ROLE_TABLE_HEADER].size, 8, 0);  /* own */
  CHECK_STR(t->roles[JB_ROLE_MASTHEAD].stack, "sans-zh"); /* from brief */
  CHECK(t->footer.left[JB_BAND_EVEN] && strcmp(t->footer.left[JB_BAND_EVEN], "{issuer}") == 0);
  jb_template_free(t);
  CHECK_INT(jb_template_load(ctx, "brief", &t), JB_OK);
  CHECK(t->header.first_hidden);
  CHECK_STR(t->header.right[JB_BAND_EVEN], "{section}");
  jb_template_free(t);
  jb_strlist_free(ctx, &names);
  jb_ctx_free(ctx);
}

static const char *tpl_err(jb_ctx *ctx, const char *json) {
  jb_layout_template *t = NULL;
  jb_ctx_clear_error(ctx);
  if (jb_template_parse(ctx, "my.json", json, strlen(json), &t) == JB_OK) {
    jb_template_free(t);
    return "";
  }
  return jb_ctx_error(ctx);
}

#define CHECK_TERR(json, want)                                 \
  do {                                                         \
    const char *e_ = tpl_err(ctx, json);                       \
    if (!strstr(e_, want)) printf("  error was: %s\n", e_);    \
    CHECK(strstr(e_, want) != NULL);                           \
  } while (0)

TEST(compose_template_errors) {
  jb_ctx *ctx = jb_ctx_new();
  jb_layout_template *t = NULL;
  CHECK_INT(jb_template_load(ctx, "brif", &t), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(ctx), "unknown layout \"brif\" (did you mean \"brief\"?); available layouts: brief, gbt9704, onepager") != NULL);
  CHECK_INT(jb_template_load(ctx, "../etc/passwd", &t), JB_ERR_IO);
  CHECK_INT(jb_template_load(ctx, "Zz!", &t), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(ctx), "available layouts:") != NULL);
  CHECK_TERR("{\"fonts\": {\"boddy\": {}}}", "my.json:1:12: fonts.boddy: error: unknown key \"boddy\" (did you mean \"body\"?)");
  CHECK_TERR("{\"fonts\": {\"body\": {\"sise\": 12}}}", "fonts.body.sise: error: unknown key \"sise\" (did you mean \"size\"?)");
  CHECK_TERR("{\"fonts\": {\"body\": {\"size\": \"12\"}}}", "fonts.body.size: error: expected a number, got a string");
  CHECK_TERR("{\"page\": {\"size\": \"A6\"}}", "page.size: error: unknown value \"A6\" (did you mean \"A4\"?)");
  CHECK_TERR("{\"colors\": {\"text\": \"red\"}}", "colors.text: error: expected a colour as \"#RRGGBB\", got \"red\"");
  CHECK_TERR("{\"footer\": {\"odd\": {\"center\": \"{pgae}\"}}}", "footer.odd.center: error: unknown field {pgae} (did you mean {page}?)");
  CHECK_TERR("{\"footer\": {\"odd\": {\"center\": \"{page\"}}}", "unclosed '{'");
  CHECK_TERR("{\"headings\": {\"formats\": [\"{cn}、\", \"{x}\", \"{n}.\", \"{n}\"]}}", "headings.formats[1]: error: unknown field {x}");
  CHECK_TERR("{\"headings\": {\"formats\": [\"{cn}、\"]}}", "expected 4 formats (levels 1-4), got 1");
  /* The GB/T 9704 pitfall: 28 characters of 16 pt overflow 156 mm. */
  CHECK_TERR("{\"extends\": \"gbt9704\", \"fonts\": {\"body\": {\"size\": 16}}}",
             "grid.chars_per_line: error: the body size makes a line 448.0 pt long, but the type area is 442.2 pt wide");
  CHECK_TERR("{\"page\": {\"margins_mm\": {\"left\": 100, \"right\": 100}}}", "page: error: the type area is only 10.0 mm wide");
  CHECK_TERR("{\"page\": {\"size\": \"A4\", \"width_mm\": 100}}", "give either \"size\" or \"width_mm\"/\"height_mm\"");
  CHECK_TERR("{\"extends\": \"nothere\"}", "unknown layout \"nothere\"");
  CHECK_TERR("{\"fonts\": {\"body\": {\"size\": 12}},}", "my.json:1:34: error: trailing comma before '}'");
  jb_ctx_free(ctx);
}

TEST(compose_template_extends_and_path) {
  jb_ctx *ctx = jb_ctx_new();
  char dir[] = "/tmp/jbtplXXXXXX", path[64];
  CHECK(mkdtemp(dir) != NULL);
  snprintf(path, sizeof path, "%s/mine.json", dir);
  FILE *fp = fopen(path, "w");
  CHECK(fp != NULL);
  const char *json = "{\"extends\": \"gbt9704\", \"name\": \"mine\",\n"
                     " \"page\": {\"size\": \"A4\", \"orientation\": \"landscape\", \"margins_mm\": {\"top\": 20, \"bottom\": 20, \"left\": 20, \"right\": 20}, \"type_area_mm\": {\"width\": 257, \"height\": 170}},\n"
                     " \"grid\": {\"chars_per_line\": 0, \"lines_per_page\": 0},\n"
                     " \"footer\": {\"odd\": {\"center\": \"第{page}页 共{pages}页\"}},\n"
                     " \"numbers\": {\"thousands\": true}}";
  fputs(json, fp);
  fclose(fp);
  jb_layout_template *t;
  jb_status st = jb_template_load(ctx, path, &t);
  unlink(path);
  rmdir(dir);
  if (st) printf("  %s\n", jb_ctx_error(ctx));
  CHECK_INT(st, JB_OK);
  CHECK_STR(t->name, "mine");
  CHECK_NEAR(t->page_w, 841.89, 0.01);
  CHECK_NEAR(t->margin_right, 20 * MM, 0.01);
  CHECK_NEAR(t->roles[JB_ROLE_BODY].size, 15.75, 0); /* inherited */
  CHECK_NEAR(t->roles[JB_ROLE_BODY].line_pitch, 15.75 * 1.75, 1e-9); /* no grid: default pitch */
  CHECK(t->numbers.thousands);
  CHECK_STR(t->footer.center[JB_BAND_EVEN], "第{page}页 共{pages}页"); /* even follows odd */
  CHECK(t->footer.right[JB_BAND_ODD] == NULL);
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_tpl_fields f = {"标题", "一、总体情况", "2025-03-05", "县统计局", "3", 2, 9, 128, 60};
  jb_template_expand(t->footer.center[JB_BAND_ODD], &f, &b);
  jb_buf_adds(&b, "|");
  jb_template_expand("{{{title}}} {section} {date} {issuer} 第{issue}期 {total} {n} }}", &f, &b);
  CHECK_STR(b.data, "第2页 共9页|{标题} 一、总体情况 2025年3月5日 县统计局 第3期 128 60 }");
  jb_buf_fini(&b);
  jb_template_free(t);
  jb_ctx_free(ctx);
}

TEST(compose_briefing_picks_its_template) {
  jb_ctx *ctx = jb_ctx_new();
  jb_briefing *b;
  CHECK_INT(jb_briefing_load(ctx, "examples/full.json", &b), JB_OK);
  jb_layout_template *t;
  CHECK_INT(jb_briefing_template(ctx, b, NULL, &t), JB_OK);
  CHECK_STR(t->name, "gbt9704");
  jb_template_free(t);
  CHECK_INT(jb_briefing_template(ctx, b, "onepager", &t), JB_OK);
  CHECK_STR(t->name, "onepager");
  jb_template_free(t);
  jb_briefing_free(b);
  CHECK_INT(jb_briefing_load(ctx, "examples/minimal.json", &b), JB_OK);
  CHECK_INT(jb_briefing_template(ctx, b, NULL, &t), JB_OK);
  CHECK_STR(t->name, "brief");
  jb_template_free(t);
  jb_briefing_free(b);
  jb_ctx_free(ctx);
}
