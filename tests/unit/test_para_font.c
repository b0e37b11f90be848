/* Paragraph engine with real shaping: Noto Serif CJK SC through jb_shape, the
 * GB/T 9704 grid (28 x 15.75 pt), the seeds' kind of text, mixed Tibetan. */
#include "test_para_lib.h"

typedef struct real {
  jb_ctx *ctx;
  jb_fonts *fonts;
  uint32_t *cps;
  pt t; /* the checker's view: shaped glyphs and layout */
} real;

/* Shapes utf8 with serif-zh at em and lays it out on width pt. */
static jb_status real_init(real *r, const char *utf8, double em, double width, double indent) {
  memset(r, 0, sizeof *r);
  r->ctx = jb_ctx_new();
  jb_status st = jb_fonts_new(r->ctx, NULL, &r->fonts);
  if (st) return st;
  int stack = jb_fonts_stack(r->fonts, "serif-zh");
  if (stack < 0) return JB_ERR_FONT;
  size_t n = jb_utf8_to_cps(r->ctx, utf8, strlen(utf8), &r->cps);
  st = jb_shape(r->fonts, stack, em, r->cps, n, JB_LOC_NONE, &r->t.s);
  if (st) return st;
  r->t.ctx = r->ctx;
  r->t.em = em;
  r->t.cps = r->cps;
  r->t.n = n;
  r->t.st = JB_PARA_DEFAULTS(width, em);
  r->t.st.indent = indent;
  return jb_para_layout(r->ctx, &r->t.s, &r->t.st, &r->t.p);
}

static void real_fini(real *r) {
  jb_para_fini(r->ctx, &r->t.p);
  if (r->fonts) {
    jb_shaped_fini(r->fonts, &r->t.s);
    jb_fonts_free(r->fonts);
  }
  jb_free(r->ctx, r->cps);
  jb_ctx_free(r->ctx);
}

TEST(para_font_gbt9704_grid_28_han_per_line) {
  char buf[8192];
  real r;
  CHECK_INT(real_init(&r, pt_rep(buf, sizeof buf, "国务院办公厅关于印发工作简报", 20), 15.75, 441, 31.5), JB_OK);
  CHECK_INT(r.t.p.n_lines, 1 + (280 - 26 + 27) / 28);
  for (size_t li = 0; li + 1 < r.t.p.n_lines; li++) {
    const jb_para_line *l = &r.t.p.lines[li];
    CHECK_INT(l->g1 - l->g0, li ? 28 : 26);
    double x0 = li ? 0 : 31.5;
    CHECK_NEAR(r.t.p.x[l->g0], x0, 0.25);
    CHECK_NEAR(r.t.p.x[l->g1 - 1] + r.t.s.glyphs[l->g1 - 1].x_advance, 441, 0.25);
    for (size_t g = l->g0; g < l->g1; g++) CHECK_NEAR(r.t.p.x[g], x0 + (double)(g - l->g0) * 15.75, 0.01);
  }
  CHECK_RULES(&r.t);
  real_fini(&r);
}

static const char *SEED =
    "2022年6月27日，广东省第十批援藏工作队170名干部人才，肩负着党中央、国务院和广东省委、省政府的殷殷"
    "嘱托，抵达西藏林芝开展对口援藏工作。坚持“林芝所有、林芝所需、广东所能”，制定《广东省第十批援藏工"
    "作队关于全面深入贯彻落实党的二十大精神推动援藏工作高质量发展的意见（2022—2025）》，全力推进“1+1+5”"
    "工作布局（深入学习宣传贯彻党的二十大精神，同心同德打造一支高质量工作团队），全区GDP增长11.6%，"
    "PM2.5浓度下降……这是历史最好水平——值得肯定。";

TEST(para_font_seed_text_passes_every_rule) {
  for (double w = 20; w <= 30; w += 1) {
    real r;
    CHECK_INT(real_init(&r, SEED, 15.75, w * 15.75, 31.5), JB_OK);
    const char *why = pt_check(&r.t);
    if (why) {
      jbt_fail(__FILE__, __LINE__, "width %.0f em: %s", w, why);
      real_fini(&r);
      return;
    }
    /* J4 warning level: no Han-Han gap over 0.15 em at the 28-em measure */
    if (w == 28) {
      for (size_t li = 0; li + 1 < r.t.p.n_lines; li++) {
        const jb_para_line *l = &r.t.p.lines[li];
        for (size_t g = l->g0; g + 1 < l->g1; g++) {
          uint32_t u = pt_cp(&r.t, g), v = pt_cp(&r.t, g + 1);
          if (pt_han(u) && pt_han(v))
            CHECK(r.t.p.x[g + 1] - r.t.p.x[g] - r.t.s.glyphs[g].x_advance <= 0.15 * 15.75);
        }
      }
    }
    real_fini(&r);
  }
}

TEST(para_font_tibetan_latin_chinese) {
  /* Tibetan breaks after the tsheg (U+0F0B), never inside a syllable */
  int tsheg_ends = 0;
  const char *txt = "西藏自治区ལྷ་ས་གྲོང་ཁྱེར་拉萨市Lhasa City是首府，བོད་ལྗོངས་རང་སྐྱོང་ལྗོངས་的文化。";
  for (double w = 6; w <= 20; w += 1) {
    real r;
    jb_status st = real_init(&r, txt, 12, w * 12, 24);
    if (st == JB_ERR_FONT) { /* no Tibetan font on this machine: nothing to test */
      real_fini(&r);
      return;
    }
    CHECK_INT(st, JB_OK);
    for (size_t li = 0; li + 1 < r.t.p.n_lines; li++) {
      const jb_para_line *l = &r.t.p.lines[li];
      uint32_t z = pt_cp(&r.t, l->g1 - 1);
      uint32_t a = pt_cp(&r.t, r.t.p.lines[li + 1].g0);
      if (z >= 0x0F40 && z <= 0x0FBC) {
        /* a Tibetan line end must be a syllable end: the next line starts fresh */
        CHECK(!(a >= 0x0F40 && a <= 0x0FBC));
      }
      CHECK(!(a >= 0x0F71 && a <= 0x0FBC)); /* never a vowel sign or subjoined letter */
      tsheg_ends += z == 0x0F0B;
    }
    CHECK_INT(r.t.p.lines[r.t.p.n_lines - 1].g1, r.t.s.n_glyphs);
    real_fini(&r);
  }
  CHECK(tsheg_ends > 0); /* some lines do break inside the Tibetan runs */
}
