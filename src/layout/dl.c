/* Display list: pages of positioned glyphs, rules, paths and links. */
#include <string.h>

#include "jianbao/layout.h"

void jb_dl_init(jb_dl *dl, jb_ctx *ctx, jb_fonts *fonts) {
  memset(dl, 0, sizeof *dl);
  dl->ctx = ctx;
  dl->fonts = fonts;
  dl->meta.date = -1;
}

void jb_dl_fini(jb_dl *dl) {
  jb_ctx *ctx = dl->ctx;
  for (size_t i = 0; i < dl->n_outline; i++) jb_free(ctx, dl->outline[i].title);
  char **meta[] = {&dl->meta.title, &dl->meta.author, &dl->meta.subject, &dl->meta.keywords,
                   &dl->meta.creator, &dl->meta.lang};
  for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++) jb_free(ctx, *meta[i]);
  jb_free(ctx, dl->pages);
  jb_free(ctx, dl->items);
  jb_free(ctx, dl->glyphs);
  jb_free(ctx, dl->text);
  jb_free(ctx, dl->points);
  jb_free(ctx, dl->strings);
  jb_free(ctx, dl->outline);
  memset(dl, 0, sizeof *dl);
}

size_t jb_dl_add_page(jb_dl *dl, float width, float height) {
  dl->pages = jb_grow(dl->ctx, dl->pages, &dl->cap_pages, dl->n_pages + 1, sizeof(jb_dl_page));
  dl->pages[dl->n_pages] = (jb_dl_page){width, height, dl->n_items, 0};
  return dl->n_pages++;
}

jb_dl_item *jb_dl_add_item(jb_dl *dl, jb_dl_kind kind) {
  if (!dl->n_pages) jb_dl_add_page(dl, 595.28f, 841.89f);
  dl->items = jb_grow(dl->ctx, dl->items, &dl->cap_items, dl->n_items + 1, sizeof(jb_dl_item));
  jb_dl_item *it = &dl->items[dl->n_items++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  dl->pages[dl->n_pages - 1].item_count++;
  return it;
}

void jb_dl_add_rect(jb_dl *dl, float x, float y, float w, float h, jb_rgb color) {
  jb_dl_item *it = jb_dl_add_item(dl, JB_DL_RECT);
  it->x = x, it->y = y, it->w = w, it->h = h, it->color = color, it->fill = 1;
}

void jb_dl_add_line(jb_dl *dl, float x, float y, float x2, float y2, float lw, jb_rgb color) {
  jb_dl_item *it = jb_dl_add_item(dl, JB_DL_LINE);
  it->x = x, it->y = y, it->x2 = x2, it->y2 = y2, it->lw = lw, it->color = color;
}

static uint32_t add_text(jb_dl *dl, const uint32_t *cps, size_t n) {
  dl->text = jb_grow(dl->ctx, dl->text, &dl->cap_text, dl->n_text + n, sizeof(uint32_t));
  memcpy(dl->text + dl->n_text, cps, n * sizeof(uint32_t));
  dl->n_text += n;
  return (uint32_t)(dl->n_text - n);
}

/* Emits one TEXT item per run of glyphs that share a face; skips missing glyphs. */
void jb_dl_add_shaped_at(jb_dl *dl, const jb_shaped *s, size_t g0, size_t g1, const float *xs, float y,
                         jb_rgb color) {
  jb_dl_item *it = NULL;
  size_t n_text = 0; /* room for all of it at once, not glyph by glyph */
  for (size_t g = g0; g < g1; g++) n_text += s->glyphs[g].text_len;
  dl->glyphs = jb_grow(dl->ctx, dl->glyphs, &dl->cap_glyphs, dl->n_glyphs + (g1 - g0), sizeof(jb_dl_glyph));
  dl->text = jb_grow(dl->ctx, dl->text, &dl->cap_text, dl->n_text + n_text, sizeof(uint32_t));
  for (size_t g = g0; g < g1; g++) {
    const jb_glyph *gl = &s->glyphs[g];
    if (gl->flags & JB_GLYPH_MISSING) continue;
    float stroke = (gl->flags & JB_GLYPH_SYNTH_BOLD) && dl->fonts
                       ? (float)(jb_fonts_synthetic_bold(dl->fonts) * s->size) : 0;
    if (!it || it->face != gl->face || it->stroke != stroke) {
      it = jb_dl_add_item(dl, JB_DL_TEXT);
      it->face = gl->face, it->size = (float)s->size, it->color = color, it->stroke = stroke;
      it->start = (uint32_t)dl->n_glyphs;
    }
    jb_dl_glyph *d = &dl->glyphs[dl->n_glyphs++];
    d->gid = gl->gid;
    d->x = xs[g - g0] + gl->x_offset;
    d->y = y + gl->y_offset;
    d->text_len = gl->text_len;
    d->text_start = gl->text_len ? add_text(dl, s->text + gl->text_start, gl->text_len) : 0;
    it->count++;
  }
}

void jb_dl_add_shaped(jb_dl *dl, const jb_shaped *s, size_t g0, size_t g1, float x, float y, jb_rgb color) {
  float stack_xs[256] = {0};
  float *xs = g1 - g0 <= 256 ? stack_xs : jb_malloc(dl->ctx, (g1 - g0) * sizeof(float));
  for (size_t g = g0; g < g1; g++) {
    xs[g - g0] = x;
    x += s->glyphs[g].x_advance;
  }
  jb_dl_add_shaped_at(dl, s, g0, g1, xs, y, color);
  if (xs != stack_xs) jb_free(dl->ctx, xs);
}

void jb_dl_add_outline(jb_dl *dl, const char *title, int level, int page, float y) {
  dl->outline = jb_grow(dl->ctx, dl->outline, &dl->cap_outline, dl->n_outline + 1, sizeof(jb_outline));
  dl->outline[dl->n_outline++] = (jb_outline){jb_strdup(dl->ctx, title), level, page, y};
}

void jb_dl_add_image(jb_dl *dl, const char *path, float x, float y, float w, float h) {
  size_t n = strlen(path) + 1;
  dl->strings = jb_grow(dl->ctx, dl->strings, &dl->cap_strings, dl->n_strings + n, 1);
  memcpy(dl->strings + dl->n_strings, path, n);
  jb_dl_item *it = jb_dl_add_item(dl, JB_DL_IMAGE);
  it->x = x, it->y = y, it->w = w, it->h = h;
  it->start = (uint32_t)dl->n_strings;
  dl->n_strings += n;
}

static void dump_item(const jb_dl *dl, const jb_dl_item *it, jb_buf *out) {
  static const char *const names[] = {"text", "rect", "line", "path", "link", "uri", "image"};
  jb_buf_printf(out, "  %s", names[it->kind]);
  if (it->kind == JB_DL_TEXT) {
    jb_buf_printf(out, " face=%u size=%g", it->face, it->size);
    if (it->stroke > 0) jb_buf_printf(out, " stroke=%.3f", it->stroke);
    jb_buf_addc(out, '\n');
    for (uint32_t k = 0; k < it->count; k++) {
      const jb_dl_glyph *g = &dl->glyphs[it->start + k];
      jb_buf_printf(out, "    g %u ", g->gid);
      jb_buf_add_num(out, g->x, 3);
      jb_buf_addc(out, ' ');
      jb_buf_add_num(out, g->y, 3);
      jb_buf_addc(out, ' ');
      for (uint32_t c = 0; c < g->text_len; c++) jb_buf_add_utf8(out, dl->text[g->text_start + c]);
      jb_buf_addc(out, '\n');
    }
    return;
  }
  jb_buf_printf(out, " %.3f %.3f %.3f %.3f %.3f %.3f lw=%.3f\n", it->x, it->y, it->w, it->h, it->x2, it->y2,
                it->lw);
}

void jb_dl_dump(const jb_dl *dl, jb_buf *out) {
  for (size_t p = 0; p < dl->n_pages; p++) {
    const jb_dl_page *pg = &dl->pages[p];
    jb_buf_printf(out, "page %zu %.2f x %.2f\n", p + 1, pg->width, pg->height);
    for (size_t i = 0; i < pg->item_count; i++) dump_item(dl, &dl->items[pg->item_start + i], out);
  }
}
