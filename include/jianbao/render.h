/* Render: display list -> PDF bytes (the only module that uses libharu). */
#ifndef JIANBAO_RENDER_H
#define JIANBAO_RENDER_H

#include "jianbao/layout.h"

typedef struct jb_pdf_opts {
  int compress;          /* 1 = flate streams (default) */
  unsigned long fail_at; /* tests: the n-th checked libharu call fails (0 = none) */
} jb_pdf_opts;

#define JB_PDF_DEFAULTS ((jb_pdf_opts){1, 0})

/* Writes the whole PDF into out (appends). Fonts are subset with hb-subset and
 * embedded as Type0/Identity-H with a ToUnicode CMap built from the glyphs' text. */
jb_status jb_render_pdf(jb_ctx *ctx, const jb_dl *dl, const jb_pdf_opts *opts, jb_buf *out);

#endif
