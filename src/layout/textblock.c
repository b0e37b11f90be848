/* Text blocks: the unit every layout piece (headings, cells, labels, tiles)
 * uses to put text on a page, so all text goes through the same shaping and
 * paragraph engine as the body. */
#include <ctype.h>
#include <string.h>

#include "jianbao/text.h"
#include "layout/para_imp.h"

struct jb_textblock {
  jb_ctx *ctx;
  jb_fonts *fonts;
  uint32_t *text;
  jb_shaped shaped;
  jb_para para;
  jb_text_style style;
  double width, pitch;
  int single; /* width <= 0: one unbroken line */
  unsigned char *flags; /* per code point: RUN_BOLD | RUN_EMPH | RUN_SUP */
};

enum { RUN_BOLD = 1, RUN_EMPH = 2, RUN_SUP = 4 };

/* A superscript note call: 0.7 of the text size, its baseline 0.33 em up, so
 * that it sits at the top of the line after the figure it cites (at 0.6 a
 * circled digit after 7.5 pt one-pager text printed 4.5 pt, its digit hard to
 * read at 300 dpi; 0.7 stays under the line's top). */
#define SUP_SCALE 0.7
#define SUP_RAISE 0.33

/* Decodes all runs into one code-point array; bold[i] gets the run's RUN_* flags. */
static size_t decode_runs(jb_ctx *ctx, const jb_text_run *runs, size_t n, uint32_t **text, unsigned char **bold) {
  size_t total = 0;
  for (size_t i = 0; i < n; i++) total += runs[i].len == (size_t)-1 ? strlen(runs[i].utf8) : runs[i].len;
  *text = jb_malloc(ctx, (total + 1) * sizeof(uint32_t));
  *bold = jb_malloc(ctx, total + 1);
  size_t k = 0;
  jb_cluster g = JB_CLUSTER_INIT; /* the cluster cap of ingest, for briefing text too */
  for (size_t i = 0; i < n; i++) {
    const char *s = runs[i].utf8;
    size_t len = runs[i].len == (size_t)-1 ? strlen(s) : runs[i].len, p = 0;
    while (p < len) {
      uint32_t cp;
      size_t step = jb_utf8_decode(s + p, len - p, &cp);
      if (!step) cp = 0xFFFD, step = 1;
      if (cp == '\n' || cp == '\r' || cp == '\t') cp = ' ';
      if (!jb_cluster_keep(&g, cp)) {
        if (g.dropped == 1)
          jb_warn(ctx, JB_LOC_NONE, "a character with more than %d combining marks or joiners: the rest of them are left out",
                  JB_MAX_CLUSTER - 1);
        p += step;
        continue;
      }
      (*bold)[k] = (unsigned char)((runs[i].bold ? RUN_BOLD : 0) | (runs[i].emph ? RUN_EMPH : 0) |
                                   (runs[i].sup ? RUN_SUP : 0));
      (*text)[k++] = cp;
      p += step;
    }
  }
  return k;
}

/* Shapes each stretch of equal boldness (and superscript) with its stack and
 * size, and joins the glyphs. */
static jb_status shape_runs(jb_textblock *tb, const unsigned char *bold, size_t n) {
  jb_shaped *out = &tb->shaped;
  memset(out, 0, sizeof *out);
  out->text = tb->text, out->text_len = n, out->size = tb->style.size;
  size_t cap = 0, i = 0;
  while (i < n) {
    size_t j = i;
    while (j < n && (bold[j] & (RUN_BOLD | RUN_SUP)) == (bold[i] & (RUN_BOLD | RUN_SUP))) j++;
    const char *name = (bold[i] & RUN_BOLD) && tb->style.bold_stack ? tb->style.bold_stack : tb->style.stack;
    int stack = jb_fonts_stack(tb->fonts, name);
    if (stack < 0) return jb_ctx_status(tb->ctx);
    jb_shaped part;
    double size = bold[i] & RUN_SUP ? SUP_SCALE * tb->style.size : tb->style.size;
    jb_status st = jb_shape(tb->fonts, stack, size, tb->text + i, j - i, JB_LOC_NONE, &part);
    if (!st) {
      out->glyphs = jb_grow(tb->ctx, out->glyphs, &cap, out->n_glyphs + part.n_glyphs + 1, sizeof(jb_glyph));
      for (size_t g = 0; g < part.n_glyphs; g++) {
        jb_glyph gl = part.glyphs[g];
        gl.cluster += (uint32_t)i;
        gl.text_start += (uint32_t)i;
        out->glyphs[out->n_glyphs++] = gl;
      }
    }
    jb_shaped_fini(tb->fonts, &part);
    if (st) return st;
    i = j;
  }
  return JB_OK;
}

/* On a character grid a call takes no cell of its own: its glyphs join the
 * unit of the full-width mark after it (set in that mark's blank half), or,
 * with no mark after it, the unit before it (hanging after the figure). The
 * grid engine groups glyphs into units by cluster, so only clusters change. */
static void sup_on_grid(jb_textblock *tb, const unsigned char *flags) {
  jb_glyph *gl = tb->shaped.glyphs;
  size_t ng = tb->shaped.n_glyphs;
  for (size_t g = 0; g < ng;) {
    if (!(flags[gl[g].text_start] & RUN_SUP)) {
      g++;
      continue;
    }
    size_t e = g;
    while (e < ng && (flags[gl[e].text_start] & RUN_SUP)) e++;
    jb_cc next = e < ng ? jb_cjk_class(tb->text[gl[e].cluster]) : JB_CC_OTHER;
    int mark = next == JB_CC_CLOSE || next == JB_CC_PAUSE || next == JB_CC_STOP;
    if (mark || g > 0) {
      uint32_t c = mark ? gl[e].cluster : gl[g - 1].cluster;
      for (size_t k = g; k < e; k++) gl[k].cluster = c;
    }
    g = e;
  }
}

static void single_line(jb_textblock *tb) {
  jb_para *p = &tb->para;
  p->x = jb_malloc(tb->ctx, (tb->shaped.n_glyphs + 1) * sizeof(float));
  p->lines = jb_malloc(tb->ctx, sizeof(jb_para_line));
  double x = 0;
  for (size_t g = 0; g < tb->shaped.n_glyphs; g++) p->x[g] = (float)x, x += tb->shaped.glyphs[g].x_advance;
  p->lines[0] = (jb_para_line){0, tb->shaped.n_glyphs, x};
  p->n_lines = 1;
}

jb_status jb_textblock_new(jb_ctx *ctx, jb_fonts *fonts, const jb_text_run *runs, size_t n_runs,
                           const jb_text_style *style, double width, jb_textblock **out) {
  jb_textblock *tb = jb_calloc(ctx, 1, sizeof *tb);
  tb->ctx = ctx, tb->fonts = fonts, tb->style = *style, tb->width = width;
  tb->pitch = style->pitch > 0 ? style->pitch : 1.5 * style->size;
  tb->single = width <= 0;
  unsigned char *bold;
  size_t n = decode_runs(ctx, runs, n_runs, &tb->text, &bold);
  jb_status st = shape_runs(tb, bold, n);
  int keep = 0;
  for (size_t i = 0; i < n; i++) keep |= bold[i] & (RUN_EMPH | RUN_SUP);
  if (!st && (keep & RUN_SUP) && style->grid > 0 && width > 0) sup_on_grid(tb, bold);
  if (keep) tb->flags = bold; /* kept for drawing the dots and the raised calls */
  else jb_free(ctx, bold);
  if (!st && tb->single) {
    single_line(tb);
  } else if (!st) {
    jb_para_style ps = {width, style->indent, style->hanging, style->align, 1, 0.25, style->grid};
    st = jb_para_layout(ctx, &tb->shaped, &ps, &tb->para);
  }
  if (st) {
    jb_textblock_free(tb);
    return st;
  }
  *out = tb;
  return JB_OK;
}

jb_status jb_textblock_str(jb_ctx *ctx, jb_fonts *fonts, const char *utf8, const jb_text_style *style,
                           double width, jb_textblock **out) {
  jb_text_run run = {utf8 ? utf8 : "", (size_t)-1, 0, 0, 0};
  return jb_textblock_new(ctx, fonts, &run, 1, style, width, out);
}

void jb_textblock_free(jb_textblock *tb) {
  if (!tb) return;
  jb_para_fini(tb->ctx, &tb->para);
  jb_shaped_fini(tb->fonts, &tb->shaped);
  jb_free(tb->ctx, tb->flags);
  jb_free(tb->ctx, tb->text);
  jb_free(tb->ctx, tb);
}

size_t jb_textblock_lines(const jb_textblock *tb) { return tb->para.n_lines; }
double jb_textblock_height(const jb_textblock *tb) { return tb->para.n_lines * tb->pitch; }

double jb_textblock_width(const jb_textblock *tb) {
  double w = 0;
  for (size_t i = 0; i < tb->para.n_lines; i++) {
    const jb_para_line *l = &tb->para.lines[i];
    double lw = 0;
    for (size_t g = l->g0; g < l->g1; g++) lw += tb->shaped.glyphs[g].x_advance;
    if (lw > w) w = lw;
  }
  return w;
}

double jb_textblock_last_end(const jb_textblock *tb) {
  if (!tb->para.n_lines) return 0;
  const jb_para_line *l = &tb->para.lines[tb->para.n_lines - 1];
  if (l->g1 <= l->g0) return 0;
  return tb->para.x[l->g1 - 1] + tb->shaped.glyphs[l->g1 - 1].x_advance;
}

/* Widest run between spaces or Han characters: Chinese may break between any two Han. */
double jb_textblock_min_width(const jb_textblock *tb) {
  double best = 0, cur = 0;
  for (size_t g = 0; g < tb->shaped.n_glyphs; g++) {
    const jb_glyph *gl = &tb->shaped.glyphs[g];
    uint32_t cp = tb->text[gl->cluster];
    int breaks = cp == ' ' || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3134F);
    if (cp != ' ') cur += gl->x_advance;
    if (cur > best) best = cur;
    if (breaks) cur = 0;
  }
  return best;
}

double jb_textblock_baseline(const jb_textblock *tb, size_t line) {
  double size = tb->style.size;
  return line * tb->pitch + (tb->pitch - size) / 2 + 0.88 * size; /* CJK em box: 0.88 above the baseline */
}

static double line_offset(const jb_textblock *tb, const jb_para_line *l) {
  if (!tb->single || tb->width <= 0) return 0;
  double room = tb->width - l->width;
  if (tb->style.align == JB_ALIGN_CENTER) return room / 2;
  if (tb->style.align == JB_ALIGN_RIGHT) return room;
  return 0;
}

/* A filled dot (octagon) of radius r centred at (cx, cy). */
static void add_dot(jb_dl *dl, double cx, double cy, double r, jb_rgb color) {
  static const double c8[8][2] = {{1, 0},      {0.7071, 0.7071},   {0, 1},  {-0.7071, 0.7071},
                                  {-1, 0},     {-0.7071, -0.7071}, {0, -1}, {0.7071, -0.7071}};
  jb_dl_item *it = jb_dl_add_item(dl, JB_DL_PATH);
  it->color = color, it->fill = 1, it->closed = 1;
  it->start = (uint32_t)(dl->n_points / 2), it->count = 8;
  dl->points = jb_grow(dl->ctx, dl->points, &dl->cap_points, dl->n_points + 16, sizeof(float));
  for (int k = 0; k < 8; k++) {
    dl->points[dl->n_points++] = (float)(cx + r * c8[k][0]);
    dl->points[dl->n_points++] = (float)(cy + r * c8[k][1]);
  }
}

/* 着重号 under the emphasised characters of a line (punctuation and spaces get none). */
static void draw_emphasis(const jb_textblock *tb, jb_dl *dl, const jb_para_line *l, const float *xs, double base) {
  double size = tb->style.size;
  for (size_t g = l->g0; g < l->g1; g++) {
    const jb_glyph *gl = &tb->shaped.glyphs[g];
    uint32_t cp = tb->text[gl->cluster];
    int mark = (tb->flags[gl->text_start] & RUN_EMPH) && gl->x_advance > 0 &&
               ((cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0x20000 && cp <= 0x3134F) || (cp < 0x80 && isalnum((int)cp)));
    if (mark) add_dot(dl, xs[g - l->g0] + gl->x_advance / 2, base - 0.25 * size, 0.055 * size, tb->style.color);
  }
}

/* Glyphs [g0, g1) of a line: stretches of calls at their own size, raised. */
static void draw_glyphs(const jb_textblock *tb, jb_dl *dl, size_t g0, size_t g1, const float *xs, double base) {
  const jb_glyph *gl = tb->shaped.glyphs;
  for (size_t g = g0; g < g1;) {
    int sup = tb->flags && (tb->flags[gl[g].text_start] & RUN_SUP);
    size_t e = g + 1;
    while (e < g1 && (tb->flags && (tb->flags[gl[e].text_start] & RUN_SUP)) == sup) e++;
    jb_shaped part = tb->shaped; /* the same glyphs, drawn at the size they were shaped at */
    if (sup) part.size = SUP_SCALE * tb->style.size;
    double y = sup ? base + SUP_RAISE * tb->style.size : base;
    jb_dl_add_shaped_at(dl, &part, g, e, xs + (g - g0), (float)y, tb->style.color);
    g = e;
  }
}

void jb_textblock_draw(const jb_textblock *tb, jb_dl *dl, double x, double y_top, size_t l0, size_t l1) {
  if (l1 > tb->para.n_lines) l1 = tb->para.n_lines;
  float local[256];
  for (size_t i = l0; i < l1; i++) {
    const jb_para_line *l = &tb->para.lines[i];
    size_t n = l->g1 - l->g0;
    float *xs = n <= 256 ? local : jb_malloc(tb->ctx, n * sizeof(float));
    double off = x + line_offset(tb, l);
    for (size_t g = 0; g < n; g++) xs[g] = (float)(tb->para.x[l->g0 + g] + off);
    double base = y_top - jb_textblock_baseline(tb, i - l0);
    draw_glyphs(tb, dl, l->g0, l->g1, xs, base);
    if (tb->flags) draw_emphasis(tb, dl, l, xs, base);
    if (xs != local) jb_free(tb->ctx, xs);
  }
}

double jb_text_width(jb_ctx *ctx, jb_fonts *fonts, const char *utf8, const char *stack, double size) {
  jb_text_style st = {stack, NULL, size, 0, {0, 0, 0}, JB_ALIGN_LEFT, 0, 0, 0};
  jb_textblock *tb;
  if (jb_textblock_str(ctx, fonts, utf8, &st, 0, &tb)) return 0;
  double w = jb_textblock_width(tb);
  jb_textblock_free(tb);
  return w;
}
