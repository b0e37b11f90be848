/* Paragraph engine torture suite: typography.md §5.5 sentences and cases that
 * put every rule at a line edge (28-em lines, em 10), with the exact breaks;
 * then bad input. Every layout also passes the glyph-level checker. */
#include "test_para_lib.h"

static const char *const SENTENCES[] = {
    "（〔中〕医、〔中〕药、技）系列评审",
    "（长三角［长江三角洲］）（GB/T 16159—2012《汉语拼音正词法基本规则》）",
    "【爱因斯坦（Albert Einstein）】物理学家",
    "“江南海北长相忆，浅水深山独掩扉。”（［唐］刘长卿《会赦后酬主簿所问》）",
    "克里斯蒂娜·罗塞蒂（Christina Rossetti）是英国诗人，她的诗集《歌》出版于1862年。",
    "2025年，全区GDP增长11.6%，PM2.5平均浓度下降到每立方米12微克——这是历史最好水平……",
    "他说：“我们要‘撸起袖子加油干’！”大家都笑了。",
    "价格从￥1200降到$99，降幅约91.75%，气温达到38℃。",
    "参见https://www.example.com/path/to/a/very/long/resource/name.html以及其他。",
};

/* Lays out text at every width from 3 to 30 em (also off-grid widths, with
 * and without an indent); every layout must pass the checker, except that a
 * line too narrow for a token (the engine warns) may break a kinsoku rule, and
 * lines under 14 em may miss the spacing rules (a long Latin name in a 12-em
 * column leaves nothing but wide Han gaps). */
static const char *sweep(const char *text) {
  static char why[8400];
  for (int indent = 0; indent <= 2; indent += 2) {
    for (double w = 3; w <= 30; w += 0.7) {
      pt t;
      pt_init(&t, text, 10, w, indent);
      if (pt_run(&t) != JB_OK) {
        pt_fini(&t);
        return "layout failed";
      }
      const char *r = pt_check(&t);
      if (r) {
        snprintf(why, sizeof why, "width %.1f em, indent %d: %s", w, indent, r);
        int warned = jb_ctx_warning_count(t.ctx) > 0;
        pt_fini(&t);
        if (r[0] == 'K' ? !warned : w - indent >= 14) return why;
        continue;
      }
      pt_fini(&t);
    }
  }
  return NULL;
}

TEST(para_torture_sentences_every_width) {
  for (size_t i = 0; i < sizeof SENTENCES / sizeof SENTENCES[0]; i++) {
    const char *r = sweep(SENTENCES[i]);
    if (r) {
      jbt_fail(__FILE__, __LINE__, "sentence %zu: %s", i, r);
      return;
    }
  }
}

TEST(para_torture_sentences_joined_every_width) {
  char all[8192] = "";
  for (size_t i = 0; i < sizeof SENTENCES / sizeof SENTENCES[0]; i++)
    strncat(all, SENTENCES[i], sizeof all - strlen(all) - 1);
  const char *r = sweep(all);
  if (r) jbt_fail(__FILE__, __LINE__, "%s", r);
}

/* text = n x 中 followed by tail; returns the layout's line texts joined by '|' */
static const char *lines_of(pt *t, int n, const char *tail, double indent) {
  static char txt[16384], out[16384];
  char rep[8192];
  snprintf(txt, sizeof txt, "%s%s", pt_rep(rep, sizeof rep, "中", n), tail);
  pt_init(t, txt, 10, 28, indent);
  if (pt_run(t) != JB_OK) return "(failed)";
  out[0] = 0;
  for (size_t i = 0; i < t->p.n_lines; i++) {
    if (i) strncat(out, "|", sizeof out - strlen(out) - 1);
    strncat(out, pt_line(t, i), sizeof out - strlen(out) - 1);
  }
  return out;
}

#define EXPECT_LINES(n, tail, want)                  \
  do {                                               \
    pt t;                                            \
    char w_[16384];                                  \
    snprintf(w_, sizeof w_, "%s", (want));           \
    CHECK_STR(lines_of(&t, (n), (tail), 0), w_);     \
    CHECK_RULES(&t);                                 \
    pt_fini(&t);                                     \
  } while (0)

static const char *H(int n) {
  static char b[4][4096];
  static int k;
  k = (k + 1) % 4;
  return pt_rep(b[k], sizeof b[k], "中", n);
}

TEST(para_torture_stop_quote_at_column_29) {
  char want[8192];
  snprintf(want, sizeof want, "%s|中。”文文文文。", H(27));
  EXPECT_LINES(28, "。”文文文文。", want);
  /* at column 27-28 the pair fits: 。 gives its blank half, ” ends at 1/2 em */
  snprintf(want, sizeof want, "%s。”|文文文文。", H(27));
  EXPECT_LINES(27, "。”文文文文。", want);
}

TEST(para_torture_colon_quote_at_column_29) {
  char want[8192];
  snprintf(want, sizeof want, "%s|中：“文文文文”。", H(27));
  EXPECT_LINES(28, "：“文文文文”。", want);
  /* with ： at column 28 the break falls between ： and “ (： ends at 1/2 em) */
  snprintf(want, sizeof want, "%s：|“文文文文”。", H(27));
  EXPECT_LINES(27, "：“文文文文”。", want);
}

TEST(para_torture_dash_and_ellipsis_at_the_edge) {
  char want[8192];
  /* —— would straddle columns 28-29: never split; it does not start the line
   * either (clreq strict level), so 中—— goes down */
  snprintf(want, sizeof want, "%s|中——文文文文文文。", H(26));
  EXPECT_LINES(27, "——文文文文文文。", want);
  snprintf(want, sizeof want, "%s|中……文文文文文文。", H(26));
  EXPECT_LINES(27, "……文文文文文文。", want);
  /* exactly at the end of the line it stays */
  snprintf(want, sizeof want, "%s——|文文文文文文。", H(26));
  EXPECT_LINES(26, "——文文文文文文。", want);
}

TEST(para_torture_interpunct_in_a_name) {
  char want[8192];
  /* · at column 29 may not start the line: 娜 goes down with it */
  snprintf(want, sizeof want, "%s克里斯蒂|娜·罗塞蒂的诗。", H(23));
  EXPECT_LINES(23, "克里斯蒂娜·罗塞蒂的诗。", want);
}

TEST(para_torture_numbers_at_both_edges) {
  char want[8192];
  snprintf(want, sizeof want, "%s增长|11.6%%，文文文。", H(26));
  EXPECT_LINES(26, "增长11.6%，文文文。", want);
  /* 11.6% at the line end: no split before %, glue before 1 */
  snprintf(want, sizeof want, "%s11.6%%|文文文。", H(25));
  EXPECT_LINES(25, "11.6%文文文。", want);
  /* 2025年 never splits (a number and its unit, issue 13): the whole moves down */
  snprintf(want, sizeof want, "%s|2025年文文文。", H(26));
  EXPECT_LINES(26, "2025年文文文。", want);
  snprintf(want, sizeof want, "%s|2025年文文文。", H(25));
  EXPECT_LINES(25, "2025年文文文。", want);
  /* 2600余人次 and 50个 stay whole; a note call never starts a line */
  snprintf(want, sizeof want, "%s|2600余人次。", H(26));
  EXPECT_LINES(26, "2600余人次。", want);
  snprintf(want, sizeof want, "%s|50个文文。", H(27));
  EXPECT_LINES(27, "50个文文。", want);
  snprintf(want, sizeof want, "%s|文②文文。", H(27));
  EXPECT_LINES(27, "文②文文。", want);
}

TEST(para_torture_latin_at_both_edges) {
  char want[8192];
  snprintf(want, sizeof want, "%s的|GDP和PM2.5文文文。", H(26));
  EXPECT_LINES(26, "的GDP和PM2.5文文文。", want);
  snprintf(want, sizeof want, "%s和PM2.5|文文文。", H(24));
  EXPECT_LINES(24, "和PM2.5文文文。", want);
  snprintf(want, sizeof want, "%sGDP|文文文。", H(26));
  EXPECT_LINES(26, "GDP文文文。", want);
}

TEST(para_torture_one_character_last_line) {
  char want[8192];
  /* 28 + 1 Han: the last line would be 1 character, pull one more down */
  snprintf(want, sizeof want, "%s|中中。", H(27));
  EXPECT_LINES(29, "。", want);
  snprintf(want, sizeof want, "%s|中中", H(27));
  EXPECT_LINES(29, "", want);
}

TEST(para_torture_line_end_marks_all_kinds) {
  static const char *marks[] = {"，", "。", "、", "：", "；", "！", "？", "）", "》", "”", "’", "】"};
  for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
    /* 27 Han + mark at column 28: kept on the line, x + 1/2 em = R */
    char tail[64];
    snprintf(tail, sizeof tail, "%s文文文文。", marks[i]);
    pt t;
    lines_of(&t, 27, tail, 0);
    CHECK_INT(t.p.lines[0].g1, 28);
    CHECK_NEAR(t.p.x[27] + 5, 280, 0.01);
    CHECK_RULES(&t);
    pt_fini(&t);
  }
}

/* ---- bad input ------------------------------------------------------------- */

TEST(para_bad_empty_paragraph) {
  pt t;
  pt_init(&t, "", 10, 28, 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 0);
  pt_fini(&t);
}

TEST(para_bad_100k_without_break_opportunity) {
  enum { N = 100000 };
  char *s = malloc(N + 1);
  for (int i = 0; i < N; i++) s[i] = (char)('a' + i % 26);
  s[N] = 0;
  pt t;
  pt_init(&t, s, 10, 28, 2);
  free(s);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(jb_ctx_warning_count(t.ctx), 1);
  CHECK(strstr(jb_ctx_warning(t.ctx, 0), "wider than the line") != NULL);
  CHECK(t.p.n_lines >= N / 56);
  CHECK(t.p.n_lines <= N / 55 + 2);
  size_t next = 0;
  for (size_t i = 0; i < t.p.n_lines; i++) {
    CHECK_INT(t.p.lines[i].g0, next);
    next = t.p.lines[i].g1;
    size_t last = t.p.lines[i].g1 - 1;
    CHECK(t.p.x[last] + 5 <= 280.01);
    if (i + 1 < t.p.n_lines) CHECK_NEAR(t.p.x[last] + 5, 280, 0.01); /* letter-spaced to fit */
  }
  CHECK_INT(next, N);
  pt_fini(&t);
}

TEST(para_bad_100k_han_paragraph) {
  enum { N = 100000 };
  char *s = malloc(3 * N + 8);
  pt_rep(s, 3 * N + 8, "中", N);
  pt t;
  pt_init(&t, s, 10, 28, 2);
  free(s);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 1 + (N - 26 + 27) / 28);
  CHECK_RULES(&t);
  pt_fini(&t);
}

TEST(para_bad_only_punctuation) {
  pt t;
  pt_init(&t, "，。、；：！？”）》，。、；：！？”）》，。、；：！？”）》，。、；：！？”）》", 10, 28, 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK(t.p.n_lines >= 1);
  CHECK_INT(t.p.lines[t.p.n_lines - 1].g1, t.s.n_glyphs);
  for (size_t i = 0; i < t.p.n_lines; i++) CHECK(t.p.x[t.p.lines[i].g1 - 1] <= 280.01);
  pt_fini(&t);
  pt_init(&t, "……——", 10, 28, 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 1);
  pt_fini(&t);
}

TEST(para_bad_missing_and_zero_width_glyphs) {
  char buf[4096];
  pt t;
  pt_init(&t, pt_rep(buf, sizeof buf, "中𠀀文，", 60), 10, 28, 2);
  for (size_t g = 1; g < t.s.n_glyphs; g += 4) {
    t.glyphs[g].flags = JB_GLYPH_MISSING;
    t.glyphs[g].x_advance = 0;
  }
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK(t.p.n_lines >= 1);
  CHECK_INT(t.p.lines[t.p.n_lines - 1].g1, t.s.n_glyphs);
  pt_fini(&t);
  /* a long run of zero-width glyphs stays linear and terminates */
  char *s = malloc(3 * 20000 + 8);
  pt_init(&t, pt_rep(s, 3 * 20000 + 8, "中", 20000), 10, 28, 2);
  free(s);
  for (size_t g = 0; g < t.s.n_glyphs; g++) t.glyphs[g].x_advance = 0;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.lines[t.p.n_lines - 1].g1, t.s.n_glyphs);
  pt_fini(&t);
}

TEST(para_bad_degenerate_styles) {
  const double widths[] = {0, -5, 1, 3, NAN, 1e30};
  for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
    pt t;
    pt_init(&t, "中文，English words（括号）。", 10, 28, 2);
    t.st.width = widths[i];
    t.st.indent = i % 2 ? NAN : 1e9;
    t.st.cjk_latin_gap = -1;
    CHECK_INT(pt_run(&t), JB_OK);
    CHECK(t.p.n_lines >= 1);
    CHECK_INT(t.p.lines[t.p.n_lines - 1].g1, t.s.n_glyphs);
    for (size_t g = 0; g < t.s.n_glyphs; g++) CHECK(isfinite(t.p.x[g]));
    pt_fini(&t);
  }
  pt t;
  pt_init(&t, "中文", 0, 28, 2); /* size 0 */
  CHECK_INT(pt_run(&t), JB_OK);
  pt_fini(&t);
}

TEST(para_bad_odd_clusters) {
  /* glyphs whose clusters repeat, go backwards or point past the text */
  pt t;
  pt_init(&t, "中文字符测试", 10, 3, 0);
  t.glyphs[2].cluster = 1;
  t.glyphs[3].cluster = 0;
  t.glyphs[5].cluster = 99;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.lines[t.p.n_lines - 1].g1, t.s.n_glyphs);
  pt_fini(&t);
}

TEST(para_ligature_dash_one_or_two_glyphs) {
  char want[8192];
  /* Noto shapes —— as a 2-em glyph and a zero-width one, or as one glyph
   * whose cluster covers both code points: both stay whole, 2 em wide */
  pt t;
  lines_of(&t, 26, "——文文文文文文。", 0);
  t.glyphs[26].x_advance = 20;
  t.glyphs[27].x_advance = 0;
  CHECK_INT(pt_run(&t), JB_OK);
  snprintf(want, sizeof want, "%s——", H(26));
  CHECK_STR(pt_line(&t, 0), want);
  CHECK_NEAR(t.p.x[26] + 20, 280, 0.01);
  CHECK_RULES(&t);
  /* one glyph for both: drop glyph 27, give glyph 26 both code points */
  memmove(&t.glyphs[27], &t.glyphs[28], (t.s.n_glyphs - 28) * sizeof t.glyphs[0]);
  t.s.n_glyphs--;
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.lines[0].g1, 27);
  CHECK_NEAR(t.p.x[26] + 20, 280, 0.01);
  pt_fini(&t);
}

TEST(para_forced_break_inside) {
  pt t;
  pt_init(&t, "第一行\xE2\x80\xA8第二行很长的内容。", 10, 28, 2);
  CHECK_INT(pt_run(&t), JB_OK);
  CHECK_INT(t.p.n_lines, 2);
  CHECK_NEAR(t.p.x[1] - t.p.x[0], 10, 0.01); /* the line before it is not stretched */
  pt_fini(&t);
}
