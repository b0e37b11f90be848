/* libFuzzer harness: text -> ingest -> paragraphs -> typeset -> PDF in memory
 * (jianbao typeset). The first byte picks the grid or a body size, as the
 * command's options would. */
#include <stddef.h>
#include <stdint.h>

#include "jianbao/ingest.h"
#include "jianbao/layout.h"
#include "jianbao/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jb_typeset_opts options_for(uint8_t sel) {
  if (sel == 0x02) return jb_typeset_gbt9704();
  jb_typeset_opts o = jb_typeset_defaults();
  if (sel == 0x03) { /* a small size, as --size 6 sets it: more lines per page */
    o.size = 6;
    o.pitch = 10.5;
    o.width = (double)(long)((o.page_w - 2 * 70.87) / 6) * 6;
    o.left = (o.page_w - o.width) / 2;
  }
  o.file = "fuzz.txt";
  return o;
}

static jb_status lay_out(jb_ctx *ctx, jb_fonts *fonts, const jb_doc *doc, const jb_typeset_opts *o, jb_dl *dl) {
  size_t n = jb_doc_paragraph_count(doc), len;
  const uint32_t *text = jb_doc_text(doc, &len);
  jb_text_para *paras = jb_calloc(ctx, n + 1, sizeof *paras);
  for (size_t i = 0; i < n; i++) {
    jb_span sp = jb_doc_paragraph(doc, i);
    jb_para_kind k = jb_doc_paragraph_kind(doc, i);
    paras[i] = (jb_text_para){text + sp.start, sp.end - sp.start, (long)jb_doc_source_offset(doc, sp.start),
                              k == JB_PARA_TITLE ? JB_TEXT_TITLE : k == JB_PARA_HEADING ? JB_TEXT_HEADING : JB_TEXT_BODY};
  }
  jb_status st = jb_typeset(fonts, paras, n, o, dl);
  jb_free(ctx, paras);
  return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t sel = size ? data[0] : 0;
  if (sel == 0x02 || sel == 0x03) data++, size--;
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *doc = NULL;
  jb_fonts *fonts = NULL;
  jb_status st = jb_doc_from_text(ctx, "fuzz.txt", (const char *)data, size, NULL, &doc);
  if (!st) st = jb_fonts_new(ctx, NULL, &fonts);
  if (!st) {
    jb_dl dl;
    jb_dl_init(&dl, ctx, fonts);
    jb_typeset_opts o = options_for(sel);
    st = lay_out(ctx, fonts, doc, &o, &dl);
    if (!st) {
      jb_buf pdf;
      jb_buf_init(&pdf, ctx);
      jb_render_pdf(ctx, &dl, NULL, &pdf);
      jb_buf_fini(&pdf);
    }
    jb_dl_fini(&dl);
  }
  jb_fonts_free(fonts);
  jb_doc_free(doc);
  jb_ctx_free(ctx);
  return 0;
}
