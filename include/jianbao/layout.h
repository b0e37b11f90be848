/* Layout: fonts, shaping, paragraphs, pages -> display list (jb_dl).
 * Units are PDF points; y grows upwards from the bottom of the page, as in PDF. */
#ifndef JIANBAO_LAYOUT_H
#define JIANBAO_LAYOUT_H

#include "jianbao/core.h"

/* ---- Fonts ---------------------------------------------------------------- */

typedef struct jb_fonts jb_fonts; /* every face loaded for a document, and the named stacks */

/* Loads the stack configuration (NULL = fonts/stacks.json next to the binary's
 * data folder, else the built-in default) and resolves files lazily. */
jb_status jb_fonts_new(jb_ctx *ctx, const char *config_path, jb_fonts **out);
void jb_fonts_free(jb_fonts *fonts);
/* Stack id by name ("serif-zh", "sans-zh", ...), or -1 with an error listing the names. */
int jb_fonts_stack(jb_fonts *fonts, const char *name);
size_t jb_fonts_face_count(const jb_fonts *fonts);
const char *jb_fonts_face_name(const jb_fonts *fonts, unsigned face); /* PostScript name */
/* In strict mode a character no font covers is an error instead of a warning. */
void jb_fonts_set_strict(jb_fonts *fonts, int strict);

/* ---- Shaping -------------------------------------------------------------- */

enum {
  JB_GLYPH_MISSING = 1 /* no font of the stack covers this cluster (drawn as nothing) */
};

typedef struct jb_glyph {
  uint32_t gid;
  uint16_t face;     /* face index in jb_fonts */
  uint16_t flags;    /* JB_GLYPH_* */
  float x_advance;   /* pt */
  float x_offset, y_offset;
  uint32_t cluster;  /* index of the cluster's first code point in the shaped text */
  uint32_t text_start, text_len; /* code points this glyph stands for (copy/paste); len may be 0 */
} jb_glyph;

typedef struct jb_shaped {
  jb_glyph *glyphs;
  size_t n_glyphs;
  const uint32_t *text; /* borrowed from the caller; must outlive the result */
  size_t text_len;
  double size;          /* font size, pt */
} jb_shaped;

/* Itemizes by script and font coverage through the stack, shapes each run with
 * HarfBuzz (language zh-Hans), and reports uncovered characters at `origin`
 * (file, offset of text[0] in the source). Glyphs come in logical order. */
jb_status jb_shape(jb_fonts *fonts, int stack, double size, const uint32_t *text, size_t n,
                   jb_loc origin, jb_shaped *out);
void jb_shaped_fini(jb_fonts *fonts, jb_shaped *s);
/* Natural width of a shaped run, pt. */
double jb_shaped_width(const jb_shaped *s);

/* ---- Display list (what render draws) ------------------------------------- */

typedef struct jb_rgb {
  float r, g, b;
} jb_rgb;

typedef enum jb_dl_kind {
  JB_DL_TEXT,   /* glyphs of one face at one size */
  JB_DL_RECT,   /* filled rectangle x,y,w,h */
  JB_DL_LINE,   /* stroked line x,y -> x2,y2 with line width lw */
  JB_DL_PATH,   /* polygon/polyline from the point pool; filled or stroked */
  JB_DL_LINK,   /* clickable area x,y,w,h -> page `target` at y2 */
  JB_DL_URI     /* clickable area x,y,w,h -> URI in the string pool */
} jb_dl_kind;

typedef struct jb_dl_glyph {
  uint32_t gid;
  float x, y;                    /* glyph origin on the page, pt */
  uint32_t text_start, text_len; /* into jb_dl.text: what the glyph stands for */
} jb_dl_glyph;

typedef struct jb_dl_item {
  jb_dl_kind kind;
  jb_rgb color;
  float x, y, w, h;          /* RECT/LINK/URI box; LINE start */
  float x2, y2, lw;          /* LINE end and width; LINK target y */
  uint16_t face;             /* TEXT */
  float size;                /* TEXT */
  uint32_t start, count;     /* TEXT: glyphs; PATH: points; URI: string offset */
  int fill, closed, target;  /* PATH flags; LINK target page (0-based) */
  float dash;                /* LINE/PATH: dash length, 0 = solid */
} jb_dl_item;

typedef struct jb_dl_page {
  float width, height;
  size_t item_start, item_count; /* into jb_dl.items */
} jb_dl_page;

typedef struct jb_outline {
  char *title;   /* UTF-8 */
  int level;     /* 1 = top */
  int page;      /* 0-based */
  float y;       /* destination, pt from the bottom */
} jb_outline;

typedef struct jb_dl_meta {
  char *title, *author, *subject, *keywords, *creator, *lang; /* UTF-8 or NULL */
  long long date; /* seconds since the epoch; -1 = none */
} jb_dl_meta;

typedef struct jb_dl {
  jb_ctx *ctx;
  jb_fonts *fonts; /* borrowed */
  jb_dl_page *pages;
  size_t n_pages, cap_pages;
  jb_dl_item *items;
  size_t n_items, cap_items;
  jb_dl_glyph *glyphs;
  size_t n_glyphs, cap_glyphs;
  uint32_t *text;
  size_t n_text, cap_text;
  float *points; /* x,y pairs for PATH */
  size_t n_points, cap_points;
  char *strings; /* NUL-separated strings (URIs) */
  size_t n_strings, cap_strings;
  jb_outline *outline;
  size_t n_outline, cap_outline;
  jb_dl_meta meta;
} jb_dl;

void jb_dl_init(jb_dl *dl, jb_ctx *ctx, jb_fonts *fonts);
void jb_dl_fini(jb_dl *dl);
/* Starts a page; later items go to it. Returns its index. */
size_t jb_dl_add_page(jb_dl *dl, float width, float height);
jb_dl_item *jb_dl_add_item(jb_dl *dl, jb_dl_kind kind);
void jb_dl_add_rect(jb_dl *dl, float x, float y, float w, float h, jb_rgb color);
void jb_dl_add_line(jb_dl *dl, float x, float y, float x2, float y2, float lw, jb_rgb color);
/* Draws glyphs s->glyphs[g0, g1) with the pen starting at (x, y), natural advances. */
void jb_dl_add_shaped(jb_dl *dl, const jb_shaped *s, size_t g0, size_t g1, float x, float y,
                      jb_rgb color);
/* Draws glyphs s->glyphs[g0, g1) at explicit pen positions xs[i - g0] (one per glyph). */
void jb_dl_add_shaped_at(jb_dl *dl, const jb_shaped *s, size_t g0, size_t g1, const float *xs,
                         float y, jb_rgb color);
void jb_dl_add_outline(jb_dl *dl, const char *title, int level, int page, float y);
/* Text dump of the display list for tests: one line per glyph/item. */
void jb_dl_dump(const jb_dl *dl, jb_buf *out);

#endif
