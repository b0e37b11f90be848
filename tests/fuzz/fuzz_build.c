/* libFuzzer harness: briefing JSON -> model -> template -> layout -> PDF in
 * memory (jianbao build). The briefing is named as if it sat in examples/, so
 * its image and layout paths resolve there; its facts file is read only when it
 * is one of the two fact lists of examples/ (reading any file a briefing names
 * is part of the hardening issue, not of this harness). Other fact references
 * fail with a located error, a normal outcome. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "jianbao/compose.h"
#include "jianbao/page.h"
#include "jianbao/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Resolves the fact references; *facts (maybe NULL) must outlive the build. */
static jb_status resolve(jb_ctx *ctx, jb_briefing *b, const jb_layout_template *tpl, jb_factlist **facts) {
  const char *path = NULL;
  if (b->facts && !strcmp(b->facts, "facts.json")) path = "examples/facts.json";
  if (b->facts && !strcmp(b->facts, "data/weekly-facts.json")) path = "examples/data/weekly-facts.json";
  if (!path) return jb_briefing_resolve(ctx, b, tpl, NULL, NULL);
  jb_status st = jb_factlist_load(ctx, path, facts);
  return st ? st : jb_briefing_resolve_list(ctx, b, tpl, *facts);
}

static jb_status build(jb_ctx *ctx, const jb_briefing *b, const jb_layout_template *tpl,
                       const jb_factlist *facts) {
  jb_fonts *fonts = NULL;
  jb_status st = jb_fonts_new(ctx, NULL, &fonts);
  if (st) return st;
  jb_dl dl;
  jb_dl_init(&dl, ctx, fonts);
  jb_build_opts o = JB_BUILD_DEFAULTS;
  o.date = 0;
  o.facts = facts;
  st = jb_build_briefing(ctx, fonts, b, tpl, &o, &dl, NULL);
  if (!st) {
    jb_buf pdf;
    jb_buf_init(&pdf, ctx);
    st = jb_render_pdf(ctx, &dl, NULL, &pdf);
    jb_buf_fini(&pdf);
  }
  jb_dl_fini(&dl);
  jb_fonts_free(fonts);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  jb_ctx *ctx = jb_ctx_new();
  jb_briefing *b = NULL;
  jb_layout_template *tpl = NULL;
  jb_factlist *facts = NULL;
  jb_status st = jb_briefing_parse(ctx, "examples/fuzz.json", (const char *)data, size, &b);
  if (!st) st = jb_briefing_template(ctx, b, NULL, &tpl);
  if (!st) st = resolve(ctx, b, tpl, &facts);
  if (!st) {
    jb_buf model;
    jb_buf_init(&model, ctx);
    jb_briefing_write(ctx, b, &model);
    jb_buf_fini(&model);
    build(ctx, b, tpl, facts);
  }
  jb_factlist_free(facts);
  jb_template_free(tpl);
  jb_briefing_free(b);
  jb_ctx_free(ctx);
  return 0;
}
