/* libFuzzer harness: bytes -> jb_doc -> jb_extract -> jb_facts_to_json.
 * The first byte picks the ingest options so both paths are explored; a
 * refused input (invalid UTF-8, NUL) is a normal outcome, not a finding. */
#include <stddef.h>
#include <stdint.h>

#include "jianbao/extract.h"
#include "jianbao/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  jb_ingest_opts opts = JB_INGEST_DEFAULTS;
  if (size && data[0] == 0x01) { /* a control byte the reports never start with */
    opts.normalize = 0;
    data++, size--;
  }
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *doc = NULL;
  if (jb_doc_from_text(ctx, "fuzz.txt", (const char *)data, size, &opts, &doc) == JB_OK) {
    const jb_doc *docs[1] = {doc};
    jb_facts *f = jb_extract(ctx, docs, 1);
    if (f) {
      char *json = jb_facts_to_json(ctx, f, docs, 1);
      jb_free(ctx, json);
      jb_facts_free(f);
    }
    jb_buf dump;
    jb_buf_init(&dump, ctx);
    jb_doc_dump(doc, &dump);
    jb_buf_fini(&dump);
  }
  jb_doc_free(doc);
  jb_ctx_free(ctx);
  return 0;
}
