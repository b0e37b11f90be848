/* Private: loaded faces and stacks, shared by font.c and shape.c. */
#ifndef JIANBAO_FONT_IMP_H
#define JIANBAO_FONT_IMP_H

#include <hb.h>

#include "jianbao/layout.h"

#define JB_MAX_STACK 8
#define JB_CMAP_CACHE 8192 /* code points remembered per face (direct-mapped) */

typedef struct jb_cmap_slot {
  uint32_t cp;  /* UINT32_MAX: empty */
  uint32_t gid; /* UINT32_MAX: the face does not cover cp */
} jb_cmap_slot;

typedef struct jb_face {
  char *file, *family, *style, *ps_name;
  int index;
  hb_blob_t *blob;
  hb_face_t *face;
  hb_font_t *font;
  hb_font_t *shape_font;  /* a child of font whose cmap lookups go through cmap_cache (lazily) */
  hb_face_t *subset_face; /* the same font without its cmap, for hb-subset (lazily) */
  int upem;
  jb_font_format format;
  void *ft_face;      /* FT_Face, opened lazily for CID lookups */
  uint32_t *cid_cache; /* gid -> cid+1, lazily filled */
  jb_cmap_slot *cmap_cache; /* lazily */
  unsigned n_glyphs;
} jb_face;

typedef struct jb_stack {
  char *name;
  int faces[JB_MAX_STACK];
  unsigned char synth[JB_MAX_STACK]; /* draw this face with synthetic bold (fill + stroke) */
  int n_faces;
  int resolved;
} jb_stack;

struct jb_fonts {
  jb_ctx *ctx;
  void *fc_config;  /* FcConfig */
  int fc_full;      /* fc_config is the system configuration, not the lean one */
  void *ft_lib;     /* FT_Library, lazily */
  void *config;     /* parsed stacks.json (cJSON) */
  char *config_path;
  jb_face *faces;
  size_t n_faces, cap_faces;
  jb_stack *stacks;
  size_t n_stacks, cap_stacks;
  double synth_bold_em; /* stroke width of synthetic bold, em (stacks.json "synthetic_bold_em") */
  hb_buffer_t *buf;
  hb_font_funcs_t *cached_cmap; /* for shape_font */
  int strict;
};

jb_face *jb__fonts_face(jb_fonts *f, unsigned i);
/* The face's nominal glyph for cp (its cmap), through a small cache: CJK
 * fonts keep tens of thousands of cmap groups, and a binary search over
 * them misses the processor caches at every step. */
int jb__face_glyph(jb_fonts *f, jb_face *fc, uint32_t cp, uint32_t *gid);
/* The font hb_shape gets: its cmap lookups (HarfBuzz makes one or more per
 * character) use the same cache; everything else is the face's own. */
hb_font_t *jb__face_shape_font(jb_fonts *f, jb_face *fc);

#endif
