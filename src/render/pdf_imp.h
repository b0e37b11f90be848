/* Internals of the PDF writer shared by pdf.c (pages, document) and
 * pdf_font.c (Type0 fonts). Only these two files include hpdf.h. */
#ifndef JB_RENDER_PDF_IMP_H
#define JB_RENDER_PDF_IMP_H

#include <hpdf.h>
#include <zlib.h>

#include "jianbao/render.h"

typedef struct glyph_slot {
  uint32_t gid;   /* UINT32_MAX = empty */
  uint32_t code;  /* content-stream code */
  uint32_t text_start, text_len; /* into dl->text: the ToUnicode text */
  int width;      /* advance in 1/1000 em, as the W array has it */
} glyph_slot;

typedef struct pdf_font {
  unsigned face;
  jb_face_info info;
  HPDF_Dict type0;
  glyph_slot *slots; /* open-addressing hash by gid */
  size_t cap, used;
  uint32_t next_code; /* TrueType: codes in first-use order */
} pdf_font;

typedef struct pdf_writer {
  jb_ctx *ctx;
  const jb_dl *dl;
  HPDF_Doc pdf;
  HPDF_STATUS hpdf_error, hpdf_detail;
  pdf_font *fonts; /* indexed by face */
  size_t n_fonts;
  HPDF_Page *pages;
  jb_buf content;
  jb_buf packed;        /* deflated stream data */
  z_stream z;           /* one deflate state, reset between streams */
  int z_ready;
  int compress;         /* page contents are deflated */
  /* Text state of the page being written, outside any q/Q: a fill colour or
   * font that is already set is not written again. */
  int have_fill, have_font;
  jb_rgb fill;
  unsigned font_face;
  float font_size;
  struct pdf_image *images; /* loaded image files, by string-pool offset */
  size_t n_images, cap_images;
  const char *bad_image;    /* first image file libharu could not load */
  const char *failed_call;  /* the first libharu call that failed (its source text) */
  unsigned long calls, fail_at; /* checked calls so far; jb_pdf_opts.fail_at */
} pdf_writer;

typedef struct pdf_image {
  uint32_t start;
  HPDF_Image img;
} pdf_image;


/* Every libharu call's result goes through here: a status other than HPDF_OK
 * or a NULL object records the call (the first failure wins) and the writer
 * stops, so a failed call's NULL is never used. Returns ok. */
int jb_pdf_check(pdf_writer *w, int ok, const char *call);
/* Test hook (jb_pdf_opts.fail_at): 1 when this checked call is to fail. A
 * constructor that is to fail is not called (a real failure returns NULL and
 * creates nothing); a status call is made and then treated as failed. */
int jb_pdf_inject(pdf_writer *w);
#define PDF_OK(w, call) jb_pdf_check((w), (call) == HPDF_OK && !jb_pdf_inject(w), #call)
#define PDF_NEW(w, var, call) ((var) = jb_pdf_inject(w) ? NULL : (call), jb_pdf_check((w), (var) != NULL, #call))

HPDF_Dict jb_pdf_new_dict(pdf_writer *w);
HPDF_Dict jb_pdf_new_stream(pdf_writer *w, const void *data, size_t len, int compress);
jb_status jb_pdf_finish_font(pdf_writer *w, pdf_font *f);

static inline glyph_slot *slot_find(pdf_font *f, uint32_t gid) {
  size_t mask = f->cap - 1, i = (gid * 2654435761u) & mask;
  while (f->slots[i].gid != UINT32_MAX && f->slots[i].gid != gid) i = (i + 1) & mask;
  return &f->slots[i];
}

#endif
