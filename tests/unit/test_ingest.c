#include <stdio.h>
#include <stdlib.h>

#include "jbtest.h"
#include "jianbao/ingest.h"

static jb_doc *doc_of(jb_ctx *ctx, const char *s) {
  jb_doc *d = NULL;
  jb_ingest_opts o = JB_INGEST_DEFAULTS;
  if (jb_doc_from_text(ctx, "t.txt", s, strlen(s), &o, &d) != JB_OK) return NULL;
  return d;
}

/* The whole normalized text as UTF-8 (static buffer for brevity). */
static const char *norm(jb_ctx *ctx, jb_doc *d) {
  static char out[4096];
  size_t n;
  jb_doc_text(d, &n);
  char *s = jb_doc_utf8(ctx, d, (jb_span){0, n});
  snprintf(out, sizeof out, "%s", s);
  jb_free(ctx, s);
  return out;
}

static const char *norm_of(jb_ctx *ctx, const char *s) {
  jb_doc *d = doc_of(ctx, s);
  if (!d) return "(error)";
  const char *r = norm(ctx, d);
  jb_doc_free(d);
  return r;
}

static char *seed_path(const char *name) {
  static char p[512];
  snprintf(p, sizeof p, "%s/../../seeds/%s", jbt_data_dir, name);
  return p;
}

/* Every normalized character that was not rewritten equals the original at its
 * mapped offset; rewritten ones are known substitutions. */
static int map_consistent(const jb_doc *d) {
  size_t n, sn;
  const uint32_t *t = jb_doc_text(d, &n), *src = jb_doc_source(d, &sn);
  size_t last = 0;
  for (size_t i = 0; i < n; i++) {
    size_t o = jb_doc_source_offset(d, i);
    if (o >= sn || o < last) return 0;
    last = o;
    uint32_t a = t[i], b = src[o];
    if (a == b) continue;
    if ((a == 0xFF0C && b == ',') || (a == 0xFF1B && b == ';') || (a == 0xFF1A && b == ':') ||
        (a == 0xFF08 && b == '(') || (a == 0xFF09 && b == ')') || (a == 0xFF01 && b == '!') ||
        (a == 0xFF1F && b == '?') || (a == '\n' && b == '\r') || b == a + 0xFEE0)
      continue;
    return 0;
  }
  return jb_doc_source_offset(d, n) == sn;
}

TEST(ingest_seed000_commas_become_fullwidth_numbers_untouched) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = NULL;
  jb_ingest_opts o = JB_INGEST_DEFAULTS;
  CHECK_INT(jb_doc_load(ctx, seed_path("000_49bb09d571b726a9.txt"), &o, &d), JB_OK);
  size_t n, sn;
  const uint32_t *t = jb_doc_text(d, &n), *src = jb_doc_source(d, &sn);
  CHECK_INT(n, sn); /* the seed has no removable characters */
  size_t commas = 0;
  for (size_t i = 1; i + 1 < sn; i++) {
    if (src[i] != ',') continue;
    int han_l = src[i - 1] >= 0x4E00 && src[i - 1] <= 0x9FFF;
    int han_r = src[i + 1] >= 0x4E00 && src[i + 1] <= 0x9FFF;
    if (han_l && han_r) {
      CHECK_INT(t[i], 0xFF0C);
      commas++;
    }
  }
  CHECK(commas > 50);
  const char *all = norm(ctx, d);
  (void)all;
  char *s = jb_doc_utf8(ctx, d, (jb_span){0, n});
  CHECK(strstr(s, "1532.37万元") != NULL);
  CHECK(strstr(s, "41.21%") != NULL);
  CHECK(strstr(s, "“1+1+5”") != NULL);
  CHECK(strstr(s, "（2022-2025）") != NULL);
  CHECK(strstr(s, "粤藏两省（自治区）党委") != NULL);
  CHECK(strstr(s, "二十大精神 and 二十届") != NULL);
  CHECK(strstr(s, "2022年6月27日，广东省") != NULL);
  jb_free(ctx, s);
  CHECK(map_consistent(d));
  /* sub-headings of the seed */
  int found = 0;
  for (size_t p = 0; p < jb_doc_paragraph_count(d); p++) {
    char *ps = jb_doc_utf8(ctx, d, jb_doc_paragraph(d, p));
    if (!strcmp(ps, "理论学习与队伍建设两手抓") || !strcmp(ps, "提升群众获得感、幸福感、安全感")) {
      found += jb_doc_paragraph_kind(d, p) == JB_PARA_HEADING;
    }
    if (!strcmp(ps, "据统计，") || !strcmp(ps, "（图文均由粤援宣提供）")) found -= jb_doc_is_heading(d, p);
    jb_free(ctx, ps);
  }
  CHECK_INT(found, 2);
  CHECK(jb_doc_title(d) == JB_NONE);
  jb_doc_free(d);
  jb_ctx_free(ctx);
}

TEST(ingest_seed002_title_and_sentences) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = NULL;
  CHECK_INT(jb_doc_load(ctx, seed_path("002_dfe9fba724ead71e.txt"), NULL, &d), JB_OK);
  CHECK_INT(jb_doc_title(d), 0);
  char *t = jb_doc_utf8(ctx, d, jb_doc_paragraph(d, 0));
  CHECK_STR(t, "湖北着力打造援藏工作升级版取得新突破");
  jb_free(ctx, t);
  CHECK(jb_doc_sentence_count(d) > 30);
  size_t s = jb_doc_sentence_at(d, jb_doc_paragraph(d, 1).start + 3);
  CHECK_INT(jb_doc_sentence_paragraph(d, s), 1);
  char *st = jb_doc_utf8(ctx, d, jb_doc_sentence(d, s));
  CHECK(!strncmp(st, "2015年1月14日", strlen("2015年1月14日")));
  CHECK(strstr(st, "新突破。") != NULL);
  jb_free(ctx, st);
  CHECK(map_consistent(d));
  jb_doc_free(d);
  jb_ctx_free(ctx);
}

TEST(ingest_crlf_bom_and_map) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = doc_of(ctx, "\xEF\xBB\xBF标题\r\n第一段,共3项。\r第二段\r\n\r\n");
  CHECK(d != NULL);
  CHECK_STR(norm(ctx, d), "标题\n第一段，共3项。\n第二段\n\n");
  CHECK_INT(jb_doc_paragraph_count(d), 3);
  size_t n, sn;
  jb_doc_text(d, &n);
  jb_doc_source(d, &sn);
  CHECK_INT(jb_doc_source_offset(d, 0), 1); /* after the BOM */
  CHECK_INT(jb_doc_source_offset(d, 3), 5); /* 第 after \r\n */
  CHECK_INT(jb_doc_source_offset(d, n), sn);
  jb_span p1 = jb_doc_paragraph(d, 1);
  jb_span o = jb_doc_source_span(d, p1);
  CHECK_INT(o.start, 5);
  CHECK_INT(o.end, 13);
  CHECK(map_consistent(d));
  jb_doc_free(d);
  jb_ctx_free(ctx);
}

TEST(ingest_bad_utf8_reports_offset) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = NULL;
  const char *s = "援藏资金\xFF";
  CHECK_INT(jb_doc_from_text(ctx, "x.txt", s, strlen(s), NULL, &d), JB_ERR_INPUT);
  CHECK(d == NULL);
  CHECK(strstr(jb_ctx_error(ctx), "x.txt: offset 12: error: invalid UTF-8") != NULL);
  jb_ctx_free(ctx);
}

TEST(ingest_empty_file_has_no_paragraphs) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = doc_of(ctx, "");
  CHECK(d != NULL);
  CHECK_INT(jb_doc_paragraph_count(d), 0);
  CHECK_INT(jb_doc_sentence_count(d), 0);
  CHECK(jb_doc_title(d) == JB_NONE);
  CHECK_INT(jb_doc_source_offset(d, 0), 0);
  jb_doc_free(d);
  d = doc_of(ctx, " \n\t\n\xE3\x80\x80\n");
  CHECK_INT(jb_doc_paragraph_count(d), 0);
  jb_doc_free(d);
  jb_ctx_free(ctx);
}

TEST(ingest_punctuation_rules) {
  jb_ctx *ctx = jb_ctx_new();
  CHECK_STR(norm_of(ctx, "投入1,000万元,建成3.5公里道路;时间12:30开会!"),
            "投入1,000万元，建成3.5公里道路；时间12:30开会！");
  CHECK_STR(norm_of(ctx, "他说:你好?"), "他说：你好？");
  CHECK_STR(norm_of(ctx, "Hello, world: ok (yes)"), "Hello, world: ok (yes)");
  CHECK_STR(norm_of(ctx, "重症医学科(ICU)和规划(2022-2025)"), "重症医学科（ICU）和规划（2022-2025）");
  CHECK_STR(norm_of(ctx, "网址:http://a.cn/x?a=1,2;b 邮箱a,b@x.cn"),
            "网址：http://a.cn/x?a=1,2;b 邮箱a,b@x.cn");
  CHECK_STR(norm_of(ctx, "见www.gd.gov.cn,欢迎"), "见www.gd.gov.cn，欢迎");
  CHECK_STR(norm_of(ctx, "(图文均由粤援宣提供)"), "（图文均由粤援宣提供）");
  jb_ctx_free(ctx);
}

TEST(ingest_fullwidth_alnum_and_spaces) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = doc_of(ctx, "援藏 资金　，２０２４年ＡＢｃ，共 3 项 and 更多");
  CHECK_STR(norm(ctx, d), "援藏资金，2024年ABc，共 3 项 and 更多");
  CHECK(map_consistent(d));
  CHECK_INT(jb_doc_source_offset(d, 2), 3); /* 资 after the removed space */
  CHECK_INT(jb_doc_source_end(d, 2), 2);    /* 藏 ends before the space */
  jb_doc_free(d);
  /* NFC composes e + combining acute; the map still covers the source */
  d = doc_of(ctx, "Cafe\xCC\x81,中文");
  CHECK_STR(norm(ctx, d), "Caf\xC3\xA9，中文");
  size_t n;
  jb_doc_text(d, &n);
  CHECK_INT(jb_doc_source_offset(d, 4), 5);
  CHECK_INT(jb_doc_source_end(d, 4), 5);
  jb_doc_free(d);
  /* no normalization: text kept, CRLF still unified */
  jb_ingest_opts raw = {0};
  CHECK_INT(jb_doc_from_text(ctx, "r", "a,中\r\n", 6, &raw, &d), JB_OK);
  CHECK_STR(norm(ctx, d), "a,中\n");
  jb_doc_free(d);
  jb_ctx_free(ctx);
}

TEST(ingest_headings_and_dump) {
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *d = doc_of(ctx, "援藏工作总结\n一、总体情况\n今年投入资金5亿元。完成项目30个!\n据统计，\n");
  CHECK(d != NULL);
  CHECK_INT(jb_doc_paragraph_count(d), 4);
  CHECK_INT(jb_doc_title(d), 0);
  CHECK_INT(jb_doc_paragraph_kind(d, 1), JB_PARA_HEADING);
  CHECK_INT(jb_doc_paragraph_kind(d, 2), JB_PARA_BODY);
  CHECK_INT(jb_doc_paragraph_kind(d, 3), JB_PARA_BODY);
  CHECK_INT(jb_doc_sentence_count(d), 5);
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_doc_dump(d, &b);
  jb_buf_addc(&b, 0);
  CHECK(strstr(b.data, "title 0 [0,6) orig [0,6) 援藏工作总结") != NULL);
  CHECK(strstr(b.data, "sentence 3 ") != NULL && strstr(b.data, "完成项目30个！") != NULL);
  jb_buf_fini(&b);
  jb_doc_free(d);
  jb_ctx_free(ctx);
}

/* One base with 40,000 combining marks made shaping quadratic (2.3 s, growing
 * fourfold per doubling): a cluster keeps JB_MAX_CLUSTER code points, with one
 * warning, in both ingest paths; offsets after it still map to the source. */
TEST(ingest_cluster_cap) {
  size_t marks = 40000, n = 0;
  char *s = malloc(2 * marks + 16);
  n += (size_t)sprintf(s, "中a");
  for (size_t i = 0; i < marks; i++) s[n++] = (char)0xCC, s[n++] = (char)0x81; /* U+0301 */
  n += (size_t)sprintf(s + n, "文\nx\xE2\x80\x8D\xE2\x80\x8D"); /* short joiner run: kept */
  for (int normalize = 1; normalize >= 0; normalize--) {
    jb_ctx *ctx = jb_ctx_new();
    jb_doc *d = NULL;
    jb_ingest_opts o = JB_INGEST_DEFAULTS;
    o.normalize = normalize;
    CHECK(jb_doc_from_text(ctx, "t.txt", s, n, &o, &d) == JB_OK);
    size_t len;
    const uint32_t *t = jb_doc_text(d, &len);
    size_t wen = 1 + JB_MAX_CLUSTER - (size_t)normalize; /* NFC makes a + U+0301 one character */
    CHECK_INT(len, wen + 1 + 1 + 3);
    CHECK_INT(t[wen], 0x6587); /* 文 follows the capped cluster */
    CHECK_INT(jb_doc_source_offset(d, wen), 2 + marks);
    CHECK_INT(jb_ctx_warning_count(ctx), 1);
    CHECK(strstr(jb_ctx_warning(ctx, 0), "offset 33") != NULL);
    jb_doc_free(d);
    jb_ctx_free(ctx);
  }
  free(s);
}
