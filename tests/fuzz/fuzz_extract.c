/* libFuzzer harness: bytes -> jb_doc -> jb_extract -> jb_facts_to_json, and the
 * same through jb_extract_files_json: read whole it must give the same JSON
 * byte for byte; read in pieces of a few lines (whose date cues and series ids
 * stay per piece, docs/facts.md) it must give valid JSON with the
 * same paragraphs and sentences. A difference aborts, so the fuzzer reports
 * it. The first byte may pick the ingest options; a refused input (invalid
 * UTF-8, NUL) is a normal outcome, not a finding. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jianbao/extract.h"
#include "jianbao/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static jb_status to_buf(void *user, const void *p, size_t n) {
  jb_buf_add(user, p, n);
  return JB_OK;
}

/* The text as a file named fuzz.txt (the JSON names it), in a folder of this process. */
static int write_input(char *path, size_t cap, const uint8_t *data, size_t size) {
  snprintf(path, cap, "/tmp/jb-fuzz-%ld", (long)getpid());
  mkdir(path, 0700);
  strncat(path, "/fuzz.txt", cap - strlen(path) - 1);
  FILE *f = fopen(path, "wb");
  if (!f) return 0;
  int ok = fwrite(data, 1, size, f) == size;
  return fclose(f) == 0 && ok;
}

/* The paragraphs and sentences of the only document, printed. */
static char *structure(const char *json) {
  cJSON *root = cJSON_Parse(json);
  cJSON *doc = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "documents"), 0);
  char *r = NULL;
  if (doc && cJSON_GetObjectItem(root, "facts") && cJSON_GetObjectItem(root, "series") &&
      cJSON_GetObjectItem(root, "checks")) {
    cJSON *keep = cJSON_CreateArray();
    cJSON_AddItemReferenceToArray(keep, cJSON_GetObjectItem(doc, "paragraphs"));
    cJSON_AddItemReferenceToArray(keep, cJSON_GetObjectItem(doc, "sentences"));
    r = cJSON_PrintUnformatted(keep);
    cJSON_Delete(keep);
  }
  cJSON_Delete(root);
  return r;
}

static void check_pieces(const char *whole, const char *path, const jb_ingest_opts *opts, size_t piece) {
  jb_ctx *ctx = jb_ctx_new();
  jb_buf b;
  jb_buf_init(&b, ctx);
  const char *files[1] = {path};
  int ok = jb_extract_files_json(ctx, files, 1, opts, piece, to_buf, &b) == JB_OK && b.data;
  if (ok && piece == (size_t)-1) {
    ok = !strcmp(b.data, whole);
  } else if (ok) {
    char *s1 = structure(whole), *s2 = structure(b.data);
    ok = s1 && s2 && !strcmp(s1, s2);
    free(s1), free(s2);
  }
  if (!ok) {
    fprintf(stderr, "extract in pieces of %zu bytes differs from the whole text\n", piece);
    abort();
  }
  jb_buf_fini(&b);
  jb_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  jb_ingest_opts opts = JB_INGEST_DEFAULTS;
  opts.from = JB_FMT_TEXT, opts.encoding = JB_ENC_UTF8; /* the file is read as jb_doc_from_text reads it */
  if (size && data[0] == 0x01) { /* a control byte the reports never start with */
    opts.normalize = 0;
    data++, size--;
  }
  char path[64];
  if (!write_input(path, sizeof path, data, size)) return 0;
  jb_ctx *ctx = jb_ctx_new();
  jb_doc *doc = NULL;
  if (jb_doc_from_text(ctx, path, (const char *)data, size, &opts, &doc) == JB_OK) {
    const jb_doc *docs[1] = {doc};
    jb_facts *f = jb_extract(ctx, docs, 1);
    if (f) {
      char *json = jb_facts_to_json(ctx, f, docs, 1);
      check_pieces(json, path, &opts, (size_t)-1);    /* whole */
      check_pieces(json, path, &opts, 1 + size % 97); /* pieces of whole lines, a few each */
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
  unlink(path);
  path[strlen(path) - strlen("/fuzz.txt")] = 0;
  rmdir(path);
  return 0;
}
