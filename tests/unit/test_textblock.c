/* Text blocks: emphasis is set as 着重号 (a dot under each character, none under
 * punctuation), in the body font rather than bold. */
#include "jbtest.h"
#include "jianbao/text.h"

TEST(textblock_emphasis_dots_under_each_character) {
  jb_ctx *ctx = jb_ctx_new();
  jb_fonts *fonts;
  CHECK_INT(jb_fonts_new(ctx, NULL, &fonts), JB_OK);
  jb_text_style st = {"serif-zh", "serif-zh-bold", 12, 18, {0, 0, 0}, JB_ALIGN_LEFT, 0, 0, 0};
  jb_text_run runs[] = {{"增速", (size_t)-1, 0, 0, 0}, {"高于全市，平均", (size_t)-1, 0, 1, 0}, {"。", (size_t)-1, 0, 0, 0}};
  jb_textblock *tb;
  CHECK_INT(jb_textblock_new(ctx, fonts, runs, 3, &st, 0, &tb), JB_OK);
  jb_dl dl;
  jb_dl_init(&dl, ctx, fonts);
  jb_dl_add_page(&dl, 595, 842);
  jb_textblock_draw(tb, &dl, 100, 700, 0, 1);
  size_t dots = 0, faces = 0;
  double y_dot = 0, x_first = 0;
  for (size_t i = 0; i < dl.n_items; i++) {
    if (dl.items[i].kind == JB_DL_PATH) {
      if (!dots) x_first = dl.points[2 * dl.items[i].start], y_dot = dl.points[2 * dl.items[i].start + 1];
      dots++;
    }
    if (dl.items[i].kind == JB_DL_TEXT) faces |= 1u << dl.items[i].face;
  }
  /* 高于全市 and 平均: six dots; none under the comma */
  CHECK_INT(dots, 6);
  /* one face: emphasis is not bold */
  CHECK(faces && !(faces & (faces - 1)));
  double base = 700 - jb_textblock_baseline(tb, 0);
  CHECK(y_dot < base - 0.15 * 12 && y_dot > base - 0.4 * 12);
  /* the first dot sits under the third character (after 增速), near its centre */
  CHECK_NEAR(x_first, 100 + 2 * 12 + 6 + 0.055 * 12, 0.5);
  jb_dl_fini(&dl);
  jb_textblock_free(tb);
  jb_fonts_free(fonts);
  jb_ctx_free(ctx);
}
