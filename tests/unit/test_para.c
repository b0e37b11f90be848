/* Paragraph engine: the rules of typography.md §4 at the glyph level, with
 * hand-built shaped runs (test_para_lib.h). */
#include "test_para_lib.h"

#define HAN "中"

/* 28-em lines at em 10, no indent unless given. */
static void setup(pt *t, const char *text, double indent_em) { pt_init(t, text, 10, 28, indent_em); }

TEST(para_pure_han_fills_the_grid) {
  char buf[4096];
  pt t;
  pt_init(&t, pt_rep(buf, sizeof buf, HAN, 100), 15.75, 28, 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 4);
  CHECK_INT(t.p.lines[0].g1 - t.p.lines[0].g0, 26);
  CHECK_INT(t.p.lines[1].g1 - t.p.lines[1].g0, 28);
  CHECK_INT(t.p.lines[2].g1 - t.p.lines[2].g0, 28);
  CHECK_INT(t.p.lines[3].g1 - t.p.lines[3].g0, 18);
  for (size_t li = 0; li < t.p.n_lines; li++) {
    const jb_para_line *l = &t.p.lines[li];
    double x0 = li ? 0 : 2 * 15.75;
    for (size_t g = l->g0; g < l->g1; g++) CHECK_NEAR(t.p.x[g], x0 + (double)(g - l->g0) * 15.75, 0.01);
  }
  CHECK_NEAR(t.p.lines[1].width, 441, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_comma_at_column_29_pushes_one_char_down) {
  char buf[4096], txt[16384];
  pt t;
  snprintf(txt, sizeof txt, "%s，%s。", pt_rep(buf, sizeof buf, HAN, 28), "文文文文文文文文文文");
  setup(&t, txt, 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 2);
  CHECK_INT(t.p.lines[0].g1, 27); /* 中 + ， cannot start a line, nor squeeze in */
  CHECK_STR(pt_line(&t, 1), "中，文文文文文文文文文文。");
  /* the pushed line spreads 1 em evenly over its 26 gaps */
  CHECK_NEAR(t.p.x[1] - t.p.x[0], 10 + 10.0 / 26, 0.001);
  CHECK_NEAR(t.p.x[26] + 10, 280, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_comma_at_column_29_squeezes_in_when_it_can) {
  char a[512], b[512], txt[16384];
  pt t;
  pt_rep(a, sizeof a, HAN, 10);
  pt_rep(b, sizeof b, HAN, 17);
  snprintf(txt, sizeof txt, "%s、%s，文文文文文文文文文文。", a, b);
  setup(&t, txt, 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 2);
  CHECK_INT(t.p.lines[0].g1, 29); /* the line keeps its ， (先挤进) */
  CHECK_NEAR(t.p.x[28] + 5, 280, 0.01); /* ， at the end: half width, inside R */
  CHECK_NEAR(t.p.x[11] - t.p.x[10], 5, 0.01); /* 、 gave its blank half */
  CHECK_NEAR(t.p.x[1] - t.p.x[0], 10, 0.01);  /* Han gaps untouched */
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_line_end_stop_takes_half_width) {
  char a[512], txt[16384];
  pt t;
  /* 27 Han + 。 = 27.5 em natural on a 28-em line: justified to x(。) + 1/2 em = R */
  snprintf(txt, sizeof txt, "%s。文文文文。", pt_rep(a, sizeof a, HAN, 27));
  setup(&t, txt, 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 2);
  CHECK_INT(t.p.lines[0].g1, 28);
  CHECK_NEAR(t.p.x[27] + 5, 280, 0.01);
  CHECK_NEAR(t.p.lines[0].width, 280, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_adjacent_marks_compress_to_one_and_a_half_em) {
  static const char *pairs[] = {"）（", "。”", "：“", "（“", "，《", "》。", "〉》", "〕：", "）、"};
  for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
    char txt[256];
    pt t;
    snprintf(txt, sizeof txt, "甲%s乙", pairs[i]);
    setup(&t, txt, 0);
    CHECK_INT(pt_run(&t), JB_OK);
    CHECK_INT(t.p.n_lines, 1);
    CHECK_NEAR(t.p.x[3] - t.p.x[1], 15, 0.01); /* the pair: 1.5 em */
    /* the bracket stays against the text it encloses */
    int open2 = pt_has("（“《〈「『【〔", t.cps[2]), close1 = pt_has("）”》〉」』】〕。，、：", t.cps[1]);
    if (close1) CHECK_NEAR(t.p.x[1], 10, 0.01);  /* first mark against 甲 */
    if (open2) CHECK_NEAR(t.p.x[3] - t.p.x[2], 10, 0.01); /* second mark's ink against 乙 */
    CHECK_RULES(&t);
    pt_fini(&t);
  }
}

TEST(para_opening_bracket_at_line_start_is_trimmed) {
  char a[512], txt[16384];
  pt t;
  setup(&t, "《人民日报》评论。", 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[0], 15, 0.01); /* indent 2 em becomes 1.5 em before 《 */
  CHECK_NEAR(t.p.x[1], 25, 0.01); /* the bracket takes 1/2 em */
  CHECK_RULES(&t);
  t.st.trim_open_at_start = 0;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[0], 20, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
  /* a later line starting with （ sits 1/2 em left of the edge */
  snprintf(txt, sizeof txt, "%s（注释文字）文字。", pt_rep(a, sizeof a, HAN, 28));
  setup(&t, txt, 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.lines[1].g0, 28);
  CHECK_NEAR(t.p.x[28], -5, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_han_latin_glue_quarter_em_not_at_edges_or_marks) {
  pt t;
  setup(&t, "增长GDP的，GDP（GDP）。", 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 1);
  /* 增长 at 0,10; G at 20 + 2.5 */
  CHECK_NEAR(t.p.x[2], 22.5, 0.01);
  CHECK_NEAR(t.p.x[5] - (t.p.x[4] + 5), 2.5, 0.01); /* P|的 */
  CHECK_NEAR(t.p.x[7] - (t.p.x[6] + 10), 0, 0.01);  /* ，|G: none */
  CHECK_NEAR(t.p.x[11] - (t.p.x[10] + 10), 0, 0.01); /* （|G: none */
  CHECK_NEAR(t.p.x[14] - (t.p.x[13] + 5), 0, 0.01);  /* P|）: none */
  CHECK_RULES(&t);
  pt_fini(&t);
  /* a line starting or ending with Latin has no glue at the edge */
  char a[512], txt[16384];
  snprintf(txt, sizeof txt, "%sABCD中文。", pt_rep(a, sizeof a, HAN, 27));
  setup(&t, txt, 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.lines[1].g0, 27);
  CHECK_NEAR(t.p.x[27], 0, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_glue_shrinks_and_stretches_within_bounds) {
  pt t;
  /* the gap option is clamped to 1/8..1/2 em */
  setup(&t, "中A中", 0);
  t.st.cjk_latin_gap = 0.9;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[1], 15, 0.01);
  t.st.cjk_latin_gap = 0.125;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[1], 11.25, 0.01);
  pt_fini(&t);
}

TEST(para_last_line_natural_and_left) {
  pt t;
  setup(&t, "这是最后一行，不拉伸。", 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 1);
  for (size_t g = 0; g < t.s.n_glyphs; g++) CHECK_NEAR(t.p.x[g], 20 + 10.0 * (double)g, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_orphan_pulls_a_character_down) {
  char a[1024], txt[16384];
  pt t;
  /* 26 + 28 Han fill two lines; the 55th would stand alone with its 。 */
  snprintf(txt, sizeof txt, "%s。", pt_rep(a, sizeof a, HAN, 55));
  setup(&t, txt, 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 3);
  CHECK_STR(pt_line(&t, 2), "中中。");
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_alignments) {
  pt t;
  setup(&t, "标题文字", 0);
  t.st.align = JB_ALIGN_CENTER;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[0], 120, 0.01);
  t.st.align = JB_ALIGN_RIGHT;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[3], 270, 0.01);
  t.st.align = JB_ALIGN_LEFT;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[0], 0, 0.01);
  pt_fini(&t);
  /* 均排: a name spread over 4 em */
  pt_init(&t, "张三", 10, 4, 0);
  t.st.align = JB_ALIGN_DISTRIBUTE;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[0], 0, 0.01);
  CHECK_NEAR(t.p.x[1], 30, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
  pt_init(&t, "张", 10, 4, 0);
  t.st.align = JB_ALIGN_DISTRIBUTE;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_NEAR(t.p.x[0], 15, 0.01);
  pt_fini(&t);
}

TEST(para_hanging_indent) {
  char a[512], txt[16384];
  pt t;
  snprintf(txt, sizeof txt, "姓名：%s。", pt_rep(a, sizeof a, HAN, 40));
  setup(&t, txt, 0);
  t.st.hanging = 30;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK(t.p.n_lines >= 2);
  CHECK_NEAR(t.p.x[t.p.lines[1].g0], 30, 0.01);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_latin_words_and_spaces) {
  pt t;
  setup(&t, "他说 the quick brown fox jumps over the lazy dog and keeps running far away 好的。", 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK(t.p.n_lines >= 2);
  CHECK_RULES(&t);
  /* lines break at spaces; the space is not part of either line */
  for (size_t li = 0; li + 1 < t.p.n_lines; li++) {
    const jb_para_line *l = &t.p.lines[li];
    CHECK(t.cps[l->g1 - 1] != ' ');
    CHECK(t.cps[t.p.lines[li + 1].g0] != ' ');
  }
  pt_fini(&t);
}

TEST(para_spaces_and_glue_stretch_before_han_gaps) {
  char a[512], txt[16384];
  pt t;
  /* 25 Han + 1/4 em glue + "ab cd" = 27.5 em; the next word does not fit. The
   * 1/2 em goes to the space and the glue (each to 1/2 em), none to Han gaps. */
  snprintf(txt, sizeof txt, "%sab cd efghijklmnopqrstuvwxyz中文。", pt_rep(a, sizeof a, HAN, 25));
  setup(&t, txt, 0);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.lines[0].g1, 30);
  CHECK_NEAR(t.p.x[1] - t.p.x[0], 10, 0.01);
  CHECK_NEAR(t.p.x[25] - (t.p.x[24] + 10), 5, 0.01); /* glue at 1/2 em */
  CHECK_NEAR(t.p.x[28] - (t.p.x[26] + 5), 5, 0.01);  /* the space at 1/2 em */
  CHECK_RULES(&t);
  pt_fini(&t);
}
