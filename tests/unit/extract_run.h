/* One report extracted from text, for the extraction tests: what each of them
 * runs, and the fact a test names by its text. */
#ifndef JB_TEST_EXTRACT_RUN_H
#define JB_TEST_EXTRACT_RUN_H

#include "jianbao/extract.h"

typedef struct xrun {
  jb_ctx *ctx;
  jb_doc *doc;
  jb_facts *f;
} xrun;

/* Ingests text (with the user's date, jb_ingest_opts.doc_date, or NULL) and extracts its
 * facts; 0 when either fails. Free with xrun_free whatever it returns. */
int xrun_dated(xrun *r, const char *text, const char *date);
int xrun_text(xrun *r, const char *text);
void xrun_free(xrun *r);
/* The first fact whose text is t, or NULL. */
const jb_fact *xrun_find(const xrun *r, const char *t);

#endif
