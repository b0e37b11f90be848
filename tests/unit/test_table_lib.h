/* Shared by the table and chart tests: a template, fonts and a briefing
 * parsed from a blocks array, and a PDF writer for looking at the result. */
#ifndef TEST_TABLE_LIB_H
#define TEST_TABLE_LIB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jbtest.h"
#include "jianbao/compose.h"
#include "jianbao/figure.h"
#include "jianbao/render.h"

typedef struct fig_env {
  jb_ctx *ctx;
  jb_fonts *fonts;
  jb_layout_template *tpl;
  jb_briefing *b;
} fig_env;

static void fig_quiet(void *user, const char *msg) { (void)user, (void)msg; }

/* The "brief" template, or the built-in defaults when layouts/ has none. */
static inline jb_status fig_template(jb_ctx *ctx, jb_layout_template **tpl) {
  if (!jb_template_load(ctx, "brief", tpl)) return JB_OK;
  jb_ctx_clear_error(ctx);
  return jb_template_parse(ctx, "defaults", "{}", 2, tpl);
}

/* blocks: the JSON text of the blocks array. Returns 0 on success; the
 * parse status is in e->ctx. */
static inline int fig_open(fig_env *e, const char *blocks) {
  memset(e, 0, sizeof *e);
  e->ctx = jb_ctx_new();
  jb_ctx_set_warn_handler(e->ctx, fig_quiet, NULL);
  if (jb_fonts_new(e->ctx, NULL, &e->fonts)) return 1;
  if (fig_template(e->ctx, &e->tpl)) return 1;
  if (!blocks) return 0;
  size_t n = strlen(blocks) + 64;
  char *json = malloc(n);
  snprintf(json, n, "{\"meta\": {\"title\": \"t\"}, \"blocks\": %s}", blocks);
  jb_status st = jb_briefing_parse(e->ctx, "test.json", json, strlen(json), &e->b);
  free(json);
  return st != JB_OK;
}

/* Parses another blocks array with e's context (same fonts for one display list). */
static inline jb_briefing *fig_parse(fig_env *e, const char *blocks) {
  size_t n = strlen(blocks) + 64;
  char *json = malloc(n);
  snprintf(json, n, "{\"meta\": {\"title\": \"t\"}, \"blocks\": %s}", blocks);
  jb_briefing *b = NULL;
  if (jb_briefing_parse(e->ctx, "test.json", json, strlen(json), &b)) b = NULL;
  free(json);
  return b;
}

static inline void fig_close(fig_env *e) {
  jb_briefing_free(e->b);
  jb_template_free(e->tpl);
  jb_fonts_free(e->fonts);
  jb_ctx_free(e->ctx);
}

/* Writes dl as a PDF into $JB_FIG_OUT/<name>.pdf when that variable is set. */
static inline void fig_write_pdf(fig_env *e, const jb_dl *dl, const char *name) {
  const char *dir = getenv("JB_FIG_OUT");
  if (!dir) return;
  jb_buf out;
  jb_buf_init(&out, e->ctx);
  if (!jb_render_pdf(e->ctx, dl, NULL, &out)) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s.pdf", dir, name);
    jb_write_file_atomic(e->ctx, path, out.data, out.len);
  }
  jb_buf_fini(&out);
}

/* Text of all glyphs of a display list, in order (UTF-8). */
static inline char *fig_dl_text(const jb_dl *dl) {
  jb_buf b;
  jb_buf_init(&b, dl->ctx);
  for (size_t i = 0; i < dl->n_items; i++) {
    const jb_dl_item *it = &dl->items[i];
    if (it->kind != JB_DL_TEXT) continue;
    for (uint32_t k = 0; k < it->count; k++) {
      const jb_dl_glyph *g = &dl->glyphs[it->start + k];
      for (uint32_t c = 0; c < g->text_len; c++) jb_buf_add_utf8(&b, dl->text[g->text_start + c]);
    }
  }
  jb_buf_addc(&b, '\0');
  return jb_buf_steal(&b);
}

#endif
