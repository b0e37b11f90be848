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
