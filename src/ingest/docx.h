/* Reading .docx files (internal): styles, numbering and the body walk. */
#ifndef JB_INGEST_DOCX_H
#define JB_INGEST_DOCX_H

#include <libxml/tree.h>
#include <strings.h>

#include "ingest/doc.h"

typedef struct jb_docx_style {
  char id[64], based[64];
  int level;          /* from the name: 1-9, -1 title, 0 none */
  int outline;        /* w:outlineLvl + 1; 0 none */
  int num_id, num_lvl;
} jb_docx_style;

typedef struct jb_docx_lvl {
  char fmt[40], text[64];
  int start;
} jb_docx_lvl;

typedef struct jb_docx_abs {
  int id;
  jb_docx_lvl lvl[9];
} jb_docx_abs;

typedef struct jb_docx_num {
  int id, abs;
  int count[9], started[9];
} jb_docx_num;

typedef struct jb_docx {
  jb_ctx *ctx;
  const char *name;
  jb_builder *b;
  jb_docx_style *styles;
  size_t n_styles, cap_styles;
  jb_docx_abs *abs;
  size_t n_abs, cap_abs;
  jb_docx_num *nums;
  size_t n_nums, cap_nums;
  xmlNode **pending; /* text boxes met inside a paragraph, read after it */
  size_t n_pending, cap_pending;
  int role;          /* role of paragraphs being read: JB_PR_PARA, _TEXTBOX, _FOOTNOTE */
} jb_docx;

int jb_x_is(const xmlNode *n, const char *local);
const char *jb_x_attr(const xmlNode *n, const char *local);
xmlNode *jb_x_child(const xmlNode *n, const char *local);
const char *jb_x_val(const xmlNode *n, const char *child);

void jb_docx_styles(jb_docx *x, xmlNode *root);
void jb_docx_numbering(jb_docx *x, xmlNode *root);
const jb_docx_style *jb_docx_style_of(const jb_docx *x, const char *id);
int jb_docx_style_level(const jb_docx *x, const char *id);
int jb_docx_number(jb_docx *x, int num_id, int ilvl, jb_buf *b);

#endif
