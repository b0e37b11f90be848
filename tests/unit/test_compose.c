/* Compose: numerals, number style, briefing validation messages, round trip. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

#include "jbtest.h"
#include "compose/model.h"
#include "jianbao/compose.h"

static char *numeral(jb_ctx *ctx, long n) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  if (!jb_zh_numeral(n, &b)) jb_buf_adds(&b, "<range>");
  return jb_buf_steal(&b);
}

#define CHECK_ZH(n, s)                   \
  do {                                   \
    char *got_ = numeral(ctx, n);        \
    int ok_ = strcmp(got_, s) == 0;      \
    if (!ok_) printf("  got %s\n", got_); \
    free(got_);                          \
    CHECK(ok_);                          \
  } while (0)

TEST(compose_zh_numerals) {
  jb_ctx *ctx = jb_ctx_new();
  CHECK_ZH(0, "零");
  CHECK_ZH(1, "一");
  CHECK_ZH(10, "十");
  CHECK_ZH(11, "十一");
  CHECK_ZH(20, "二十");
  CHECK_ZH(35, "三十五");
  CHECK_ZH(99, "九十九");
  CHECK_ZH(100, "一百");
  CHECK_ZH(101, "一百零一");
  CHECK_ZH(110, "一百一十");
  CHECK_ZH(1001, "一千零一");
  CHECK_ZH(1010, "一千零一十");
  CHECK_ZH(10000, "一万");
  CHECK_ZH(10001, "一万零一");
  CHECK_ZH(100000, "十万");
  CHECK_ZH(100010, "十万零一十");
  CHECK_ZH(10001000, "一千万一千");
  CHECK_ZH(100001000, "一亿零一千");
  CHECK_ZH(100000001, "一亿零一");
  CHECK_ZH(123456789, "一亿二千三百四十五万六千七百八十九");
  CHECK_ZH(-1, "<range>");
  jb_ctx_free(ctx);
}

TEST(compose_heading_numbers_gb_style) {
  jb_ctx *ctx = jb_ctx_new();
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_heading_number(NULL, 1, 3, &b);
  jb_heading_number(NULL, 2, 12, &b);
  jb_heading_number(NULL, 3, 1, &b);
  jb_heading_number(NULL, 4, 2, &b);
  CHECK_STR(b.data, "三、（十二）1.（2）");
  jb_buf_fini(&b);
  jb_ctx_free(ctx);
}

static void fmt(jb_ctx *ctx, const jb_num_style *st, double v, const char *unit, int dec, int exp,
                char *out, size_t cap) {
  jb_buf n, u;
  jb_buf_init(&n, ctx);
  jb_buf_init(&u, ctx);
  jb_num_format(st, v, unit, dec, exp, &n, &u);
  snprintf(out, cap, "%s|%s", n.data ? n.data : "", u.data ? u.data : "");
  jb_buf_fini(&n);
  jb_buf_fini(&u);
}

TEST(compose_number_style) {
  jb_ctx *ctx = jb_ctx_new();
  jb_num_style st = JB_NUM_STYLE_DEFAULT;
  char o[64];
  fmt(ctx, &st, 157637, "万元", -1, -1, o, sizeof o);
  CHECK_STR(o, "15.76|亿元");
  fmt(ctx, &st, 1234.5, "元", -1, -1, o, sizeof o);
  CHECK_STR(o, "1,234.5|元");
  fmt(ctx, &st, 12345.6, NULL, -1, -1, o, sizeof o);
  CHECK_STR(o, "12,345.6|");
  fmt(ctx, &st, 100000000, "元", -1, -1, o, sizeof o);
  CHECK_STR(o, "1|亿元");
  fmt(ctx, &st, 5, "万元", -1, -1, o, sizeof o); /* never scaled down */
  CHECK_STR(o, "5|万元");
  fmt(ctx, &st, 8.1, "%", -1, -1, o, sizeof o);
  CHECK_STR(o, "8.1|%");
  fmt(ctx, &st, 123456, "人", -1, -1, o, sizeof o);
  CHECK_STR(o, "12.35|万人");
  fmt(ctx, &st, 1234567, "%", -1, -1, o, sizeof o); /* rates never rescale */
  CHECK_STR(o, "1,234,567|%");
  fmt(ctx, &st, -2500000, "元", -1, -1, o, sizeof o);
  CHECK_STR(o, "-250|万元");
  fmt(ctx, &st, 3, "%", 2, -1, o, sizeof o);
  CHECK_STR(o, "3.00|%");
  fmt(ctx, &st, 157637, "万元", -1, 4, o, sizeof o); /* forced scale for a table column */
  CHECK_STR(o, "157,637|万元");
  fmt(ctx, &st, -0.001, "元", -1, -1, o, sizeof o);
  CHECK_STR(o, "0|元");
  st.thousands = 0;
  st.scale = JB_SCALE_NONE;
  fmt(ctx, &st, 157637, "万元", -1, -1, o, sizeof o);
  CHECK_STR(o, "157637|万元");
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_num_format(NULL, 482150000, "元", -1, -1, &b, NULL);
  CHECK_STR(b.data, "4.82亿元");
  jb_buf_fini(&b);
  const char *base;
  CHECK_NEAR(jb_unit_scale("亿千瓦时", &base), 1e8, 0);
  CHECK_STR(base, "千瓦时");
  jb_ctx_free(ctx);
}

TEST(compose_dates) {
  jb_ctx *ctx = jb_ctx_new();
  jb_buf b;
  jb_buf_init(&b, ctx);
  CHECK(jb_date_zh("2025-03-05", &b));
  CHECK_STR(b.data, "2025年3月5日");
  CHECK(jb_date_valid("2024-02-29"));
  CHECK(!jb_date_valid("2025-02-29"));
  CHECK(!jb_date_valid("2025-13-01"));
  CHECK(!jb_date_valid("2025-3-5"));
  CHECK(!jb_date_valid(NULL));
  jb_buf_fini(&b);
  jb_ctx_free(ctx);
}

TEST(compose_nearest_key) {
  const char *keys[] = {"title", "subtitle", "issuer", "date"};
  CHECK_STR(jb_nearest("tittle", keys, 4), "title");
  CHECK_STR(jb_nearest("Isuer", keys, 4), "issuer");
  CHECK(jb_nearest("colour", keys, 4) == NULL);
  CHECK(jb_nearest("x", keys, 4) == NULL);
}

/* Parses text as t.json and returns the error ("" when it validated). */
static const char *parse_err(jb_ctx *ctx, const char *json) {
  jb_briefing *b = NULL;
  jb_ctx_clear_error(ctx);
  if (jb_briefing_parse(ctx, "t.json", json, strlen(json), &b) == JB_OK) {
    jb_briefing_free(b);
    return "";
  }
  return jb_ctx_error(ctx);
}

#define CHECK_ERR(json, want)                                          \
  do {                                                                 \
    const char *e_ = parse_err(ctx, json);                             \
    if (!strstr(e_, want)) printf("  error was: %s\n", e_);            \
    CHECK(strstr(e_, want) != NULL);                                   \
  } while (0)

TEST(compose_syntax_errors_are_located) {
  jb_ctx *ctx = jb_ctx_new();
  CHECK_ERR("{\n  \"meta\": {},\n}", "t.json:3:1: error: trailing comma before '}', near '}'");
  CHECK_ERR("{\"meta\": [1, 2", "t.json:1:15: error: unexpected end of input: the '[' opened at line 1, column 10 is not closed");
  CHECK_ERR("{\"标题\": tru}", "t.json:1:8: error: invalid literal (expected true), near 'tru}'");
  CHECK_ERR("{\"a\": 1 \"b\": 2}", "t.json:1:9: error: missing ',' between object members");
  CHECK_ERR("{'a': 1}", "t.json:1:2: error: keys must be in double quotes");
  CHECK_ERR("{\"a\": \"x\ny\"}", "t.json:1:9: error: line break inside a string");
  CHECK_ERR("{\"a\": 01}", "numbers may not have leading zeros");
  CHECK_ERR("{\"a\": 1} x", "t.json:1:10: error: extra text after the JSON value");
  CHECK_ERR("// c\n{}", "t.json:1:1: error: comments are not allowed in JSON");
  CHECK_ERR("", "t.json:1:1: error: empty input");
  CHECK_ERR("{\"a\": \"\\q\"}", "invalid escape '\\q'");
  CHECK_ERR("{\"a\": \"\xff\"}", "t.json:1:8: error: invalid UTF-8");
  CHECK_ERR("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
            "nesting deeper than 512 levels");
  jb_ctx_free(ctx);
}

#define HEAD "{\"meta\": {\"title\": \"T\"}, \"blocks\": ["

TEST(compose_schema_errors_name_the_path) {
  jb_ctx *ctx = jb_ctx_new();
  CHECK_ERR(HEAD "{\"type\": \"paragraph\", \"text\": \"a\"},\n"
                 "{\"type\": \"table\", \"header\": [\"a\", \"b\", \"c\"],\n"
                 " \"rows\": [[1, 2, 3],\n          [1, 2]]}]}",
            "t.json:4:11: blocks[1].rows[1]: error: expected 3 cells, got 2");
  CHECK_ERR(HEAD "{\"type\": \"table\", \"columns\": [{}, {}], \"header\": [\"a\"], \"rows\": [[1, 2]]}]}",
            "t.json:1:86: blocks[0].header: error: expected 2 cells, got 1");
  CHECK_ERR(HEAD "{\"type\": \"table\", \"header\": [[\"a\", {\"text\": \"b\", \"colspan\": 2}], [\"x\", \"y\"]], \"rows\": [[1, 2, 3]]}]}",
            "blocks[0].header[1]: error: expected 3 cells, got 2");
  CHECK_ERR("{\"meta\": {\"titel\": \"T\"}, \"blocks\": []}",
            "t.json:1:11: meta.titel: error: unknown key \"titel\" (did you mean \"title\"?)");
  CHECK_ERR("{\"meta\": {\"title\": \"T\", \"zzz\": 1}, \"blocks\": []}",
            "meta.zzz: error: unknown key \"zzz\"; expected one of: title, subtitle,");
  CHECK_ERR(HEAD "{\"type\": \"heading\", \"level\": \"2\", \"text\": \"x\"}]}",
            "blocks[0].level: error: expected an integer, got a string");
  CHECK_ERR(HEAD "{\"type\": \"heading\", \"level\": 5, \"text\": \"x\"}]}",
            "blocks[0].level: error: expected an integer from 1 to 4, got 5");
  CHECK_ERR(HEAD "{\"type\": \"tabel\"}]}",
            "blocks[0].type: error: unknown value \"tabel\" (did you mean \"table\"?)");
  CHECK_ERR(HEAD "{\"type\": \"chart\", \"kind\": \"bar\", \"categories\": [\"a\", \"b\"],"
                 " \"series\": [{\"values\": [1, 2]}, {\"name\": \"s\", \"values\": [1]}]}]}",
            "blocks[0].series[1].values: error: expected 2 values (one per category), got 1");
  CHECK_ERR(HEAD "{\"type\": \"chart\", \"kind\": \"pie\", \"categories\": [\"a\"],"
                 " \"series\": [{\"values\": [1]}, {\"values\": [1]}]}]}",
            "a pie chart takes exactly 1 series, got 2");
  CHECK_ERR(HEAD "{\"type\": \"paragraph\", \"text\": [\"a\", {\"txt\": \"b\"}]}]}",
            "blocks[0].text[1].txt: error: unknown key \"txt\" (did you mean \"text\"?)");
  CHECK_ERR(HEAD "{\"type\": \"paragraph\", \"text\": [\"a\", {\"fact\": true}]}]}",
            "blocks[0].text[1].fact: error: expected a fact id");
  CHECK_ERR(HEAD "{\"type\": \"paragraph\", \"text\": \"\"}]}", "blocks[0].text: error: the text is empty");
  CHECK_ERR(HEAD "{\"type\": \"image\", \"path\": \"nope.png\"}]}",
            "blocks[0].path: error: cannot open image \"nope.png\"");
  CHECK_ERR(HEAD "{\"type\": \"image\", \"path\": \"x.gif\"}]}", "must be a .png, .jpg or .jpeg");
  CHECK_ERR(HEAD "{\"type\": \"tiles\", \"items\": [{\"value\": 1}]}]}",
            "blocks[0].items[0]: error: missing required key \"label\"");
  CHECK_ERR(HEAD "{\"type\": \"pagebreak\", \"type\": \"pagebreak\"}]}", "duplicate key \"type\"");
  CHECK_ERR("{\"meta\": {\"title\": \"T\", \"date\": \"2025-02-30\"}, \"blocks\": []}",
            "meta.date: error: expected a date as YYYY-MM-DD, got \"2025-02-30\"");
  CHECK_ERR("{\"blocks\": []}", "t.json:1:1: error: missing required key \"meta\"");
  CHECK_ERR("{\"meta\": {\"title\": \"T\"}, \"blocks\": []}", "blocks: error: a briefing needs at least one block");
  CHECK_ERR("[]", "expected an object, got an array");
  CHECK_ERR("{\"meta\": {\"title\": \"T\", \"distribution\": {\"report_to\": \"市委\"}}, \"blocks\": []}",
            "meta.distribution.report_to: error: expected an array, got a string");
  CHECK_ERR("{\"meta\": {\"title\": \"T\"}, \"blocks\": [{\"type\": \"list\", \"items\": [\"a\", 3]}]}",
            "blocks[0].items[1]: error: expected text: a string, a span object or an array of them, got a number");
  jb_ctx_free(ctx);
}

static char *read_all(const char *path) {
  jb_ctx *ctx = jb_ctx_new();
  char *d = NULL;
  size_t n;
  if (jb_read_file(ctx, path, &d, &n) != JB_OK) d = NULL;
  jb_ctx_free(ctx);
  return d;
}

/* parse -> write -> parse gives the same model; writing is idempotent. */
static int round_trip(jb_ctx *ctx, const char *path) {
  jb_briefing *a = NULL, *b = NULL;
  if (jb_briefing_load(ctx, path, &a)) return printf("  %s\n", jb_ctx_error(ctx)), 0;
  jb_buf j1, j2, d1, d2;
  jb_buf_init(&j1, ctx), jb_buf_init(&j2, ctx), jb_buf_init(&d1, ctx), jb_buf_init(&d2, ctx);
  jb_briefing_write(ctx, a, &j1);
  int ok = jb_briefing_parse(ctx, path, j1.data, j1.len, &b) == JB_OK;
  if (!ok) printf("  reparse: %s\n", jb_ctx_error(ctx));
  if (ok) {
    jb_briefing_write(ctx, b, &j2);
    jb_briefing_dump(a, &d1);
    jb_briefing_dump(b, &d2);
    ok = strcmp(d1.data, d2.data) == 0 && strcmp(j1.data, j2.data) == 0;
    if (!ok) printf("  dumps differ:\n%s\n----\n%s\n", d1.data, d2.data);
  }
  jb_buf_fini(&j1), jb_buf_fini(&j2), jb_buf_fini(&d1), jb_buf_fini(&d2);
  jb_briefing_free(a);
  jb_briefing_free(b);
  return ok;
}

TEST(compose_examples_validate_and_round_trip) {
  jb_ctx *ctx = jb_ctx_new();
  DIR *d = opendir("examples");
  CHECK(d != NULL);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    size_t len = strlen(e->d_name);
    if (len < 6 || strcmp(e->d_name + len - 5, ".json") || strcmp(e->d_name, "facts.json") == 0)
      continue;
    char path[512];
    snprintf(path, sizeof path, "examples/%s", e->d_name);
    int ok = round_trip(ctx, path);
    if (!ok) printf("  %s failed\n", path);
    if (!ok) break;
    n++;
  }
  closedir(d);
  CHECK(n >= 2 && !e);
  jb_ctx_free(ctx);
}

TEST(compose_full_example_covers_every_block_type) {
  jb_ctx *ctx = jb_ctx_new();
  jb_briefing *b;
  CHECK_INT(jb_briefing_load(ctx, "examples/full.json", &b), JB_OK);
  int seen[JB_BLOCK_TYPE_COUNT] = {0};
  for (size_t i = 0; i < b->n_blocks; i++) seen[b->blocks[i].type] = 1;
  for (int t = 0; t < JB_BLOCK_TYPE_COUNT; t++) {
    if (!seen[t]) printf("  missing %s\n", jb_block_type_name((jb_block_type)t));
    CHECK(seen[t]);
  }
  CHECK_STR(b->meta.masthead, "经济运行简报");
  CHECK_INT(b->meta.issue, 3);
  CHECK_INT(b->meta.report_to.n, 3);
  CHECK_INT(b->meta.print_count, 60);
  const jb_table *t = &b->blocks[7].u.table;
  CHECK_INT(b->blocks[7].type, JB_BLOCK_TABLE);
  CHECK_INT(t->n_columns, 3);
  CHECK_INT(t->n_header, 2);
  CHECK_INT(t->header[0].cells[1].colspan, 2);
  CHECK_INT(t->rows[2].cells[1].kind, JB_CELL_EMPTY);
  CHECK_INT(t->columns[2].format, JB_COL_PERCENT);
  CHECK_STR(b->blocks[3].path, "blocks[3]");
  CHECK_INT(b->blocks[3].u.para.text.n_runs, 7);
  CHECK(b->blocks[3].u.para.text.runs[1].is_fact);
  CHECK_INT(b->blocks[3].u.para.text.runs[1].style, JB_RUN_BOLD);
  CHECK_INT(b->blocks[3].u.para.text.runs[5].style, JB_RUN_EMPH);
  CHECK_STR(b->blocks[3].u.para.text.runs[1].fact.path, "blocks[3].text[1]");
  jb_briefing_free(b);
  jb_ctx_free(ctx);
}

static char *moved(jb_ctx *ctx, const char *digits, const char *from, const char *to, int *dec) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  *dec = jb_digits_in_unit(digits, from, to, &b);
  jb_buf_addc(&b, '\0');
  return jb_buf_steal(&b);
}

/* Source digits move between 元/万元/亿元 by their point, never by rounding; a group
 * prints in the unit that keeps every member's digits with the fewest decimals. */
TEST(compose_source_digits_shift_and_shared_unit) {
  jb_ctx *ctx = jb_ctx_new();
  static const struct { const char *d, *from, *to, *want; int dec; } cases[] = {
      {"9823", "万元", "亿元", "0.9823", 4}, {"307", "万元", "亿元", "0.0307", 4}, {"1.2", "亿元", "万元", "12000", 0},
      {"0.5", "亿元", "万元", "5000", 0},    {"1,264", "元", "元", "1,264", 0},   {"2.945", "亿元", "万元", "29450", 0},
      {"48037", "万元", "亿元", "4.8037", 4}, {"5", "个", "万元", "", -1}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int dec;
    char *got = moved(ctx, cases[i].d, cases[i].from, cases[i].to, &dec);
    if (strcmp(got, cases[i].want) || dec != cases[i].dec) printf("  %s %s->%s: %s (%d)\n", cases[i].d, cases[i].from, cases[i].to, got, dec);
    CHECK_STR(got, cases[i].want);
    CHECK_INT(dec, cases[i].dec);
    free(got);
  }
  jb_factrec fs[3] = {{.has_value = 1, .value = 98230000, .text = "9823万元", .unit = "元"},
                      {.has_value = 1, .value = 3070000, .text = "307万元", .unit = "元"},
                      {.has_value = 1, .value = 120000000, .text = "1.2亿元", .unit = "元"}};
  char u[32];
  CHECK(jb_shared_source_unit(ctx, fs, 2, u, sizeof u));
  CHECK_STR(u, "万元"); /* all in 万元: stays, 9823 and 307 */
  CHECK(jb_shared_source_unit(ctx, fs, 3, u, sizeof u));
  CHECK_STR(u, "万元"); /* 12000 keeps every digit with no decimals; 亿元 would need 0.0307 */
  fs[1].text = "307";   /* digits without a unit of the fact's base: none */
  CHECK(!jb_shared_source_unit(ctx, fs, 2, u, sizeof u));
  jb_ctx_free(ctx);
}

TEST(compose_facts_resolve_with_number_style) {
  jb_ctx *ctx = jb_ctx_new();
  jb_briefing *b;
  jb_layout_template *tpl;
  CHECK_INT(jb_briefing_load(ctx, "examples/full.json", &b), JB_OK);
  CHECK_INT(jb_template_load(ctx, "brief", &tpl), JB_OK);
  CHECK_INT(jb_briefing_resolve_file(ctx, b, tpl), JB_OK);
  const jb_inline *p = &b->blocks[3].u.para.text;
  /* figures print as the source writes them (issue 11: digits exactly as given) */
  CHECK_STR(p->runs[1].text, "157637万元");
  CHECK_STR(p->runs[3].text, "6.2%");
  const jb_tile *tile = &b->blocks[4].u.tiles.items[0];
  CHECK_STR(tile->value.text, "157637");
  CHECK_STR(tile->unit, "万元");
  CHECK_STR(tile->label, "地区生产总值");
  CHECK_STR(tile->source, "《2025年一季度全县经济运行…》"); /* its title, not its file name */
  CHECK_STR(b->blocks[4].u.tiles.items[2].value.text, "12.4");
  CHECK_STR(b->blocks[4].u.tiles.items[2].unit, "万人");
  const jb_cell *c = &b->blocks[7].u.table.rows[0].cells[1];
  CHECK_NEAR(c->num.value, 157637, 1e-6);
  CHECK_STR(c->num.text, "157637"); /* the source's digits, no separator it did not write */
  CHECK(c->num.as_written);
  const jb_value *v = &b->blocks[9].u.chart.series[0].values[4];
  CHECK_NEAR(v->value, 15.7637, 1e-9); /* converted to the chart's 亿元 */
  /* Resolution does not leak into the JSON: refs stay refs, filled fields stay out. */
  jb_buf j;
  jb_buf_init(&j, ctx);
  jb_briefing_write(ctx, b, &j);
  CHECK(strstr(j.data, "157637万元") == NULL);
  CHECK(strstr(j.data, "{\"fact\": \"F1\", \"note\": \"同比增长6.2%\"}") != NULL);
  jb_buf_fini(&j);
  jb_template_free(tpl);
  jb_briefing_free(b);
  jb_ctx_free(ctx);
}

TEST(compose_unknown_fact_suggests_nearest) {
  jb_ctx *ctx = jb_ctx_new();
  const char *facts = "{\"facts\": [{\"id\": \"gdp\", \"value\": 5, \"unit\": \"%\"}, {\"text\": \"首位\"}]}";
  jb_factlist *f;
  CHECK_INT(jb_factlist_parse(ctx, "f.json", facts, strlen(facts), &f), JB_OK);
  CHECK_INT(jb_factlist_count(f), 2);
  const char *j = HEAD "{\"type\": \"paragraph\",\n \"text\": [\"x\", {\"fact\": \"gpd\"}]}]}";
  jb_briefing *b;
  CHECK_INT(jb_briefing_parse(ctx, "t.json", j, strlen(j), &b), JB_OK);
  CHECK_INT(jb_briefing_resolve_list(ctx, b, NULL, f), JB_ERR_INPUT);
  CHECK_STR(jb_ctx_error(ctx),
            "t.json:2:16: blocks[0].text[1]: error: unknown fact \"gpd\" (did you mean \"gdp\"?)");
  jb_briefing_free(b);
  j = HEAD "{\"type\": \"chart\", \"kind\": \"line\", \"categories\": [\"a\"], \"series\": "
           "[{\"values\": [{\"fact\": 1}]}]}]}";
  CHECK_INT(jb_briefing_parse(ctx, "t.json", j, strlen(j), &b), JB_OK);
  CHECK_INT(jb_briefing_resolve_list(ctx, b, NULL, f), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(ctx), "blocks[0].series[0].values[0]: error: the fact has no numeric value") != NULL);
  jb_briefing_free(b);
  j = HEAD "{\"type\": \"paragraph\", \"text\": [{\"fact\": 7}]}]}";
  CHECK_INT(jb_briefing_parse(ctx, "t.json", j, strlen(j), &b), JB_OK);
  CHECK_INT(jb_briefing_resolve_list(ctx, b, NULL, f), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(ctx), "fact index 7 is out of range (the facts file has 2 facts)") != NULL);
  jb_briefing_free(b);
  jb_factlist_free(f);
  const char *dup = "[{\"id\": \"a\"}, {\"id\": \"a\"}]";
  CHECK_INT(jb_factlist_parse(ctx, "f.json", dup, strlen(dup), &f), JB_ERR_INPUT);
  CHECK(f == NULL);
  CHECK(strstr(jb_ctx_error(ctx), "f.json:1:15: [1]: error: duplicate fact id \"a\"") != NULL);
  /* the pack's own facts (no strict pass): the same records, a duplicate found among many, bad JSON located */
  jb_buf many;
  jb_buf_init(&many, ctx);
  jb_buf_addc(&many, '[');
  for (int i = 0; i < 300; i++) jb_buf_printf(&many, "%s{\"id\": \"x%d\", \"value\": %d}", i ? "," : "", i, i);
  jb_buf_adds(&many, "]");
  CHECK_INT(jb_factlist_parse_own(ctx, "f.json", many.data, many.len, &f), JB_OK);
  CHECK_INT((long)jb_factlist_count(f), 300);
  jb_factlist_free(f);
  many.len--;
  jb_buf_adds(&many, ",{\"id\": \"x17\"}]");
  CHECK_INT(jb_factlist_parse_own(ctx, "f.json", many.data, many.len, &f), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(ctx), "[300]: error: duplicate fact id \"x17\"") != NULL);
  const char *bad = "[{\"id\": \"a\",}]";
  CHECK_INT(jb_factlist_parse_own(ctx, "f.json", bad, strlen(bad), &f), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(ctx), "f.json:1:") != NULL);
  jb_buf_fini(&many);
  jb_ctx_free(ctx);
}

/* Truncated and garbled inputs never crash and always give a message. */
TEST(compose_fuzz_truncated_and_garbled) {
  char *src = read_all("examples/full.json");
  CHECK(src != NULL);
  size_t n = strlen(src);
  jb_ctx *ctx = jb_ctx_new();
  int bad = 0;
  for (size_t cut = 0; cut < n; cut += 3) {
    jb_briefing *b = NULL;
    jb_ctx_clear_error(ctx);
    if (jb_briefing_parse(ctx, "f.json", src, cut, &b) == JB_OK) jb_briefing_free(b);
    else if (!jb_ctx_error(ctx)[0]) bad++;
  }
  unsigned seed = 12345;
  char *g = malloc(n + 1);
  for (int round = 0; round < 400; round++) {
    memcpy(g, src, n + 1);
    for (int k = 0; k < 1 + round % 4; k++) {
      seed = seed * 1103515245u + 12345u;
      size_t at = (seed >> 8) % n;
      static const char junk[] = "{}[],:\"\\ 0-e.tn\xe4\xb8\xad\xff";
      seed = seed * 1103515245u + 12345u;
      g[at] = junk[(seed >> 8) % (sizeof junk - 1)];
    }
    jb_briefing *b = NULL;
    jb_ctx_clear_error(ctx);
    if (jb_briefing_parse(ctx, "examples/g.json", g, n, &b) == JB_OK) {
      jb_buf o;
      jb_buf_init(&o, ctx);
      jb_briefing_write(ctx, b, &o);
      jb_briefing_dump(b, &o);
      jb_buf_fini(&o);
      jb_briefing_free(b);
    } else if (!jb_ctx_error(ctx)[0]) {
      bad++;
    }
  }
  free(g);
  free(src);
  CHECK_INT(bad, 0);
  jb_ctx_free(ctx);
}

#include "compose/digest_imp.h"

/* What a 要点 or a county statement may be: not a year and a bare comparison (what
 * changed was cut: 2023年，比上年同比增长9.5%), nor a verb and its figure alone
 * (投入13.23亿元: what for was cut); a statement with its subject stays. */
TEST(compose_statements_say_what) {
  CHECK(!jb_dg_is_statement("2023年，比上年同比增长9.5%。"));
  CHECK(jb_dg_bare_change("2023年，比上年同比增长9.5%"));
  CHECK(!jb_dg_is_statement("投入13.23亿元。"));
  CHECK(jb_dg_is_statement("全年地区生产总值比上年增长9.5%。"));
  CHECK(jb_dg_is_statement("乡村振兴扎实推进，投入13.23亿元。"));
}
