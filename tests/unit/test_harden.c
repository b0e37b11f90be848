/* Hardening (issue 12): the paragraph engine and the page filler always
 * advance; libharu failures are reported, never used unchecked. */
#include "test_para_lib.h"

#include "jianbao/layout.h"
#include "jianbao/render.h"

TEST(harden_para_measure_narrower_than_indent_plus_one_em_refused) {
  pt t;
  pt_init(&t, "正文一段。", 180, 2, 2); /* typeset --size 180: a 2-em measure, a 2-em indent */
  CHECK_INT(pt_run(&t), JB_ERR_INPUT);
  CHECK(strstr(jb_ctx_error(t.ctx), "narrower than the indent") != NULL);
  pt_fini(&t);
  pt_init(&t, "正文一段。", 10, 2.9, 0);
  t.st.hanging = 2 * 10; /* the hanging indent counts too */
  CHECK_INT(pt_run(&t), JB_ERR_INPUT);
  pt_fini(&t);
}

TEST(harden_para_every_line_places_a_unit) {
  pt t;
  pt_init(&t, "正文一段落，再一段。", 10, 3, 2); /* the narrowest accepted: one character after the indent */
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK(t.p.n_lines >= 3 && t.p.n_lines <= t.n);
  for (size_t i = 0; i < t.p.n_lines; i++) CHECK(t.p.lines[i].g1 > t.p.lines[i].g0);
  CHECK_INT(t.p.lines[t.p.n_lines - 1].g1, t.n);
  pt_fini(&t);
}

/* A page of two lines and a paragraph of three: the widow rule cannot be
 * kept, and the filler used to add empty pages forever. */
TEST(harden_typeset_two_line_page_three_line_paragraph_ends) {
  jb_ctx *ctx = jb_ctx_new();
  jb_fonts *fonts = NULL;
  CHECK_INT(jb_fonts_new(ctx, NULL, &fonts), JB_OK);
  jb_typeset_opts o = jb_typeset_defaults();
  o.size = 150, o.pitch = 262.5, o.width = 450, o.height = 500, o.page_numbers = 0;
  uint32_t *text;
  const char *s = "正文一段落。";
  size_t n = jb_utf8_to_cps(ctx, s, strlen(s), &text);
  jb_text_para p = {text, n, 0, JB_TEXT_BODY};
  jb_dl dl;
  jb_dl_init(&dl, ctx, fonts);
  jb_status st = jb_typeset(fonts, &p, 1, &o, &dl);
  size_t pages = dl.n_pages;
  jb_dl_fini(&dl);
  jb_free(ctx, text);
  jb_fonts_free(fonts);
  jb_ctx_free(ctx);
  CHECK_INT(st, JB_OK);
  CHECK_INT(pages, 2);
}

/* A one-page document with every kind of item, outline entries and a title of
 * 40,000 characters (over libharu's 65,535-byte string limit in UTF-16). */
static jb_status sample_dl(jb_ctx *ctx, jb_fonts *fonts, jb_dl *dl, uint32_t **text) {
  jb_typeset_opts o = jb_typeset_defaults();
  const char *s = "标题\n一季度，全县实现地区生产总值123.4亿元，同比增长6.2%。";
  size_t n = jb_utf8_to_cps(ctx, s, strlen(s), text);
  jb_text_para p[2] = {{*text, 2, 0, JB_TEXT_HEADING}, {*text + 3, n - 3, 3, JB_TEXT_BODY}};
  jb_status st = jb_typeset(fonts, p, 2, &o, dl);
  if (st) return st;
  jb_dl_add_rect(dl, 10, 10, 20, 20, (jb_rgb){1, 0, 0});
  jb_dl_add_line(dl, 10, 10, 50, 50, 1, (jb_rgb){0, 0, 1});
  jb_dl_item *link = jb_dl_add_item(dl, JB_DL_LINK);
  link->x = 10, link->y = 10, link->w = 30, link->h = 10, link->target = 0, link->y2 = 800;
  char path[4096];
  snprintf(path, sizeof path, "%s/../../examples/map.png", jbt_data_dir);
  jb_dl_add_image(dl, path, 100, 100, 50, 50);
  jb_buf title;
  jb_buf_init(&title, ctx);
  for (int i = 0; i < 40000; i++) jb_buf_adds(&title, "题");
  dl->meta.title = jb_buf_steal(&title);
  jb_dl_add_outline(dl, dl->meta.title, 1, 0, 800);
  jb_dl_add_outline(dl, "二级", 2, 0, 700);
  return JB_OK;
}

/* Every checked libharu call made to fail in turn (jb_pdf_opts.fail_at): each
 * gives an error naming the call, none crashes; with no failure it renders. */
TEST(harden_pdf_every_libharu_failure_reported) {
  jb_ctx *ctx = jb_ctx_new();
  jb_fonts *fonts = NULL;
  CHECK_INT(jb_fonts_new(ctx, NULL, &fonts), JB_OK);
  jb_dl dl;
  jb_dl_init(&dl, ctx, fonts);
  uint32_t *text = NULL;
  CHECK_INT(sample_dl(ctx, fonts, &dl, &text), JB_OK);
  jb_pdf_opts o = JB_PDF_DEFAULTS;
  jb_buf pdf;
  jb_buf_init(&pdf, ctx);
  jb_status st = JB_ERR_INTERNAL;
  unsigned long k;
  char why[512] = "";
  for (k = 1; k < 5000 && st; k++) {
    o.fail_at = k;
    pdf.len = 0;
    st = jb_render_pdf(ctx, &dl, &o, &pdf);
    if (st && (st != JB_ERR_INTERNAL || !strstr(jb_ctx_error(ctx), "cannot write the PDF: HPDF_") ||
               !strstr(jb_ctx_error(ctx), " failed (libharu error")))
      snprintf(why, sizeof why, "call %lu: %s", k, jb_ctx_error(ctx));
    jb_ctx_clear_error(ctx);
    if (*why) break;
  }
  jb_buf_fini(&pdf);
  jb_free(ctx, text);
  jb_dl_fini(&dl);
  jb_fonts_free(fonts);
  jb_ctx_free(ctx);
  CHECK_STR(why, "");
  CHECK_INT(st, JB_OK);
  CHECK(k > 50); /* the calls of pages, text, links, image, fonts, outline and metadata */
}

/* libharu's one Pages node holds at most 32,767 kids here: more pages need
 * the two-level tree (a 200 MB report crashed in HPDF_Page_SetWidth). */
TEST(harden_pdf_more_pages_than_one_page_tree_node) {
  jb_ctx *ctx = jb_ctx_new();
  jb_dl dl;
  jb_dl_init(&dl, ctx, NULL);
  jb_fonts *fonts = NULL;
  CHECK_INT(jb_fonts_new(ctx, NULL, &fonts), JB_OK);
  dl.fonts = fonts;
  for (int i = 0; i < 33000; i++) jb_dl_add_page(&dl, 595, 842);
  jb_buf pdf;
  jb_buf_init(&pdf, ctx);
  jb_status st = jb_render_pdf(ctx, &dl, NULL, &pdf);
  int pages = 0;
  for (size_t i = 0; i + 12 <= pdf.len; i++) pages += !memcmp(pdf.data + i, "/Type /Page\n", 12);
  jb_buf_fini(&pdf);
  jb_dl_fini(&dl);
  jb_fonts_free(fonts);
  jb_ctx_free(ctx);
  CHECK_INT(st, JB_OK);
  CHECK_INT(pages, 33000);
}
