/* The shared set-up of the extraction tests (extract_run.h). */
#include "extract_run.h"

#include <stdio.h>
#include <string.h>

int xrun_dated(xrun *r, const char *text, const char *date) {
  jb_ingest_opts o = JB_INGEST_DEFAULTS;
  if (date) snprintf(o.doc_date, sizeof o.doc_date, "%s", date);
  r->ctx = jb_ctx_new();
  r->doc = NULL;
  r->f = NULL;
  if (jb_doc_from_text(r->ctx, "t.txt", text, strlen(text), &o, &r->doc) != JB_OK) return 0;
  r->f = jb_extract(r->ctx, (const jb_doc *const *)&r->doc, 1);
  return r->f != NULL;
}

int xrun_text(xrun *r, const char *text) { return xrun_dated(r, text, NULL); }

void xrun_free(xrun *r) {
  jb_facts_free(r->f);
  jb_doc_free(r->doc);
  jb_ctx_free(r->ctx);
}

const jb_fact *xrun_find(const xrun *r, const char *t) {
  for (size_t i = 0; r->f && i < jb_facts_count(r->f); i++)
    if (!strcmp(jb_facts_get(r->f, i)->text, t)) return jb_facts_get(r->f, i);
  return NULL;
}
