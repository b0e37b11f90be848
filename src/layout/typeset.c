/* Plain documents: paragraphs of body text on pages, with page numbers. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jianbao/layout.h"
#include "jianbao/para.h"

#define MM (72.0 / 25.4)
static const jb_rgb BLACK = {0, 0, 0};

jb_typeset_opts jb_typeset_defaults(void) {
  jb_typeset_opts o;
  memset(&o, 0, sizeof o);
  o.page_w = 595.28, o.page_h = 841.89;
  o.size = 12, o.pitch = 21; /* 1.75 em: a line gap of 75% of the character size */
  o.width = floor((o.page_w - 2 * 25 * MM) / o.size) * o.size; /* whole em: 38 */
  o.left = (o.page_w - o.width) / 2;
  o.top = 25 * MM;
  o.height = o.page_h - 2 * 25 * MM;
  o.stack = "serif-zh";
  o.heading_stack = "sans-zh-bold";
  o.page_numbers = 1;
  return o;
}

jb_typeset_opts jb_typeset_gbt9704(void) {
  jb_typeset_opts o = jb_typeset_defaults();
  o.left = 28 * MM, o.top = 37 * MM;
  o.width = 28 * 15.75, o.height = 225 * MM;
  o.size = 15.75;
  /* 22 lines: first em box at the top, last baseline near the bottom edge. */
  o.pitch = (o.height - o.size) / 21.0;
  o.grid = 1;
  o.stack = "fangsong-zh", o.heading_stack = "hei-zh"; /* 仿宋 body, 黑体 headings (GB/T 9704) */
  return o;
}

typedef struct page_state {
  jb_fonts *fonts;
  int stack;
  jb_dl *dl;
  const jb_typeset_opts *o;
  int line;      /* lines used on the current page */
  int per_page;
  int page_open;
} page_state;

static double baseline(const page_state *ps, int line) {
  const jb_typeset_opts *o = ps->o;
  return o->page_h - o->top - 0.88 * o->size - line * o->pitch; /* CJK em box: 0.88 above */
}

static jb_status add_page_number(page_state *ps);

/* Closes the current page (its number) and opens the next. */
static void new_page(page_state *ps) {
  if (ps->page_open && ps->o->page_numbers) add_page_number(ps);
  jb_dl_add_page(ps->dl, (float)ps->o->page_w, (float)ps->o->page_h);
  ps->line = 0;
  ps->page_open = 1;
}

/* Lines of this paragraph that go on the current page: at least two on each
 * side of a page break (no widow or orphan line). */
static int lines_here(const page_state *ps, int remaining) {
  int room = ps->per_page - ps->line;
  if (remaining <= room) return remaining;
  /* An empty page takes what fits even when the rule cannot be kept (a page
   * of two lines and a paragraph of three): a new page would be no better. */
  if (ps->line == 0) return room > 0 ? room : 1;
  if (room < 2) return 0;
  if (remaining - room < 2 && remaining >= 4) return remaining - 2;
  if (remaining - room < 2) return 0;
  return room;
}

/* Body text is justified with a 2-em indent; headings are bold, indented like
 * the body (as GB/T 9704 sets 一、 headings) and keep two lines of what follows
 * on their page; the title is centred. */
static jb_para_style style_for(const jb_typeset_opts *o, jb_text_kind kind, double *size) {
  jb_para_style style = JB_PARA_DEFAULTS(o->width, o->size);
  *size = o->size;
  if (kind != JB_TEXT_BODY) style.align = JB_ALIGN_LEFT;
  if (kind == JB_TEXT_TITLE) style.indent = 0, style.align = JB_ALIGN_CENTER, *size = o->size * 1.25;
  if (o->grid && kind == JB_TEXT_BODY) style.grid = o->size;
  return style;
}

static jb_status set_paragraph(jb_fonts *fonts, int stack, const jb_text_para *p, page_state *ps) {
  const jb_typeset_opts *o = ps->o;
  jb_ctx *ctx = ps->dl->ctx;
  jb_shaped s;
  jb_loc origin = {o->file, 0, 0, p->source_offset, NULL};
  double size;
  jb_para_style style = style_for(o, p->kind, &size);
  if (p->kind != JB_TEXT_BODY && o->heading_stack) {
    int hs = jb_fonts_stack(fonts, o->heading_stack);
    if (hs >= 0) stack = hs;
    else jb_ctx_clear_error(ctx); /* no heading font: headings in the body font */
  }
  jb_status st = jb_shape(fonts, stack, size, p->text, p->len, origin, &s);
  if (st) {
    jb_shaped_fini(fonts, &s);
    return st;
  }
  jb_para para;
  st = jb_para_layout(ctx, &s, &style, &para);
  if (!st && p->kind == JB_TEXT_HEADING && ps->line && ps->per_page - ps->line < (int)para.n_lines + 2)
    new_page(ps); /* a heading never ends a page */
  size_t done = 0;
  while (!st && done < para.n_lines) {
    int k = p->kind == JB_TEXT_BODY ? lines_here(ps, (int)(para.n_lines - done))
                                    : (ps->line < ps->per_page ? 1 : 0);
    if (!k) {
      new_page(ps);
      continue;
    }
    for (int i = 0; i < k; i++, done++) {
      const jb_para_line *l = &para.lines[done];
      float *xs = para.x + l->g0;
      float shifted[512];
      float *buf = l->g1 - l->g0 <= 512 ? shifted : jb_malloc(ctx, (l->g1 - l->g0) * sizeof(float));
      for (size_t g = l->g0; g < l->g1; g++) buf[g - l->g0] = (float)(xs[g - l->g0] + o->left);
      jb_dl_add_shaped_at(ps->dl, &s, l->g0, l->g1, buf, (float)baseline(ps, ps->line++), BLACK);
      if (buf != shifted) jb_free(ctx, buf);
    }
  }
  if (!st && p->kind == JB_TEXT_TITLE && ps->line < ps->per_page) ps->line++; /* a blank line after the title */
  jb_para_fini(ctx, &para);
  jb_shaped_fini(fonts, &s);
  return st;
}

static jb_status add_page_number(page_state *ps) {
  jb_fonts *fonts = ps->fonts;
  const jb_typeset_opts *o = ps->o;
  size_t page = ps->dl->n_pages - 1;
  uint32_t text[32];
  size_t n = 0;
  char digits[24];
  int nd = snprintf(digits, sizeof digits, "%zu", page + 1);
  text[n++] = 0x2014, text[n++] = ' ';
  for (int i = 0; i < nd; i++) text[n++] = (uint32_t)digits[i];
  text[n++] = ' ', text[n++] = 0x2014;
  jb_shaped s;
  double size = 10.5;
  jb_status st = jb_shape(fonts, ps->stack, size, text, n, JB_LOC_NONE, &s);
  if (!st) {
    double x = o->left + (o->width - jb_shaped_width(&s)) / 2;
    double y = o->page_h - o->top - o->height - 7 * MM - 0.88 * size;
    jb_dl_add_shaped(ps->dl, &s, 0, s.n_glyphs, (float)x, (float)y, BLACK);
  }
  jb_shaped_fini(fonts, &s);
  return st;
}

jb_status jb_typeset(jb_fonts *fonts, const jb_text_para *paras, size_t n, const jb_typeset_opts *o, jb_dl *dl) {
  int stack = jb_fonts_stack(fonts, o->stack);
  if (stack < 0) return jb_ctx_status(dl->ctx);
  if (!(o->size > 0 && o->pitch > 0 && o->height >= o->size && o->height < 1e5 && o->width > 0))
    return jb_fail(dl->ctx, JB_ERR_INPUT, JB_LOC_NONE, "the type area has no room for one line");
  page_state ps = {fonts, stack, dl, o, 0, 0, 0};
  ps.per_page = (int)floor((o->height - o->size) / o->pitch + 1e-6) + 1;
  new_page(&ps);
  for (size_t i = 0; i < n; i++) {
    jb_status st = set_paragraph(fonts, stack, &paras[i], &ps);
    if (st) return st;
  }
  return o->page_numbers ? add_page_number(&ps) : JB_OK;
}
