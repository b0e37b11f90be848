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
/* The name a stack id was configured (or derived) under; lives as long as fonts. */
const char *jb_fonts_stack_name(const jb_fonts *fonts, int stack);
/* Synthetic bold: faces with one weight are filled and stroked (text render
 * mode 2) with a line this many em wide; advances are unchanged. "<name>-bold"
 * for a stack that has no such entry in stacks.json is derived from <name>
 * with every face drawn this way. Default 0.03 em (stacks.json
 * "synthetic_bold_em"); values outside 0.005..0.1 are clamped. */
void jb_fonts_set_synthetic_bold(jb_fonts *fonts, double em);
double jb_fonts_synthetic_bold(const jb_fonts *fonts);

/* Font programs, for the renderer (which must not see HarfBuzz types). */
typedef enum jb_font_format {
  JB_FONT_TRUETYPE, /* glyf outlines: CIDFontType2, codes renumbered, CIDToGIDMap */
  JB_FONT_CFF_CID,  /* CID-keyed CFF (Noto CJK): CIDFontType0C, code = CID */
  JB_FONT_CFF_NAME  /* name-keyed CFF: CIDFontType0C, code = GID (subset keeps GIDs) */
} jb_font_format;

typedef struct jb_face_info {
  const char *ps_name;   /* PostScript name, for BaseFont */
  jb_font_format format;
  int upem;
  int ascender, descender, cap_height; /* font units */
  int bbox[4];                         /* font units */
  int fixed_pitch, serif;
} jb_face_info;

void jb_fonts_face_info(jb_fonts *fonts, unsigned face, jb_face_info *out);
/* Horizontal advance from hmtx, font units. */
int jb_fonts_glyph_advance(jb_fonts *fonts, unsigned face, uint32_t gid);
/* The CID a content stream uses for gid (CID-keyed CFF), else gid itself. */
uint32_t jb_fonts_glyph_cid(jb_fonts *fonts, unsigned face, uint32_t gid);
/* Subsets face to gids (0 is always kept). data = the font program to embed
 * (bare CFF table for CFF fonts, a TrueType file otherwise), new_gid[i] = the
 * subset's GID for gids[i]. Free with jb_subset_fini. */
typedef struct jb_subset {
  unsigned char *data;
  size_t len;
  uint32_t *new_gid;
} jb_subset;
jb_status jb_fonts_subset(jb_fonts *fonts, unsigned face, const uint32_t *gids, size_t n,
                          jb_subset *out);
void jb_subset_fini(jb_fonts *fonts, jb_subset *s);

/* ---- Shaping -------------------------------------------------------------- */

enum {
  JB_GLYPH_MISSING = 1, /* no font of the stack covers this cluster (drawn as nothing) */
  JB_GLYPH_SYNTH_BOLD = 2 /* drawn with synthetic bold (the face has no bold weight) */
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
  JB_DL_URI,    /* clickable area x,y,w,h -> URI in the string pool */
  JB_DL_IMAGE   /* PNG/JPEG file (path at `start` in the string pool) scaled into x,y,w,h */
} jb_dl_kind;

typedef struct jb_dl_glyph {
  uint32_t gid;
  float x, y;                    /* glyph origin on the page, pt */
  uint32_t text_start, text_len; /* into jb_dl.text: what the glyph stands for */
} jb_dl_glyph;

enum { JB_HATCH_NONE, JB_HATCH_DIAG, JB_HATCH_BACK, JB_HATCH_CROSS, JB_HATCH_HORIZ, JB_HATCH_VERT };

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
  float stroke;              /* TEXT: synthetic bold stroke width, pt; 0 = fill only */
  int hatch;                 /* filled RECT/PATH: JB_HATCH_* lines over the fill (mono print) */
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
/* An image file (PNG or JPEG, read by the renderer) drawn into the box x,y,w,h. */
void jb_dl_add_image(jb_dl *dl, const char *path, float x, float y, float w, float h);
/* Black-and-white printing: every colour but `keep` (the masthead's red)
 * becomes grey or black; fills in chart[k] get the k-th of distinct greys and
 * hatchings, strokes in chart[k] a grey and a dash length, so series stay
 * apart on a monochrome printer. */
void jb_dl_mono(jb_dl *dl, const jb_rgb *chart, int n_chart, jb_rgb keep);
/* Text dump of the display list for tests: one line per glyph/item. */
void jb_dl_dump(const jb_dl *dl, jb_buf *out);

/* ---- Plain documents (jianbao typeset) ----------------------------------- */

typedef enum jb_text_kind { JB_TEXT_BODY = 0, JB_TEXT_HEADING, JB_TEXT_TITLE } jb_text_kind;

typedef struct jb_text_para {
  const uint32_t *text;
  size_t len;
  long source_offset; /* code-point offset of text[0] in the source, for messages */
  jb_text_kind kind;  /* headings: bold sans, no indent, kept with what follows */
} jb_text_para;

typedef struct jb_typeset_opts {
  double page_w, page_h;       /* pt */
  double left, top;            /* type area: distance from the left and top page edges, pt */
  double width, height;        /* type area size, pt */
  double size, pitch;          /* body font size and baseline pitch, pt */
  const char *stack;           /* font stack name */
  const char *heading_stack;   /* for headings and the title */
  const char *file;            /* source name for messages */
  int page_numbers;            /* "— n —" centred under the type area */
  int grid;                    /* body text on the character grid (every Han character in its cell) */
} jb_typeset_opts;

/* A4, 12 pt body, 1.75 em pitch, a type area a whole number of em wide. */
jb_typeset_opts jb_typeset_defaults(void);
/* GB/T 9704: A4, type area 156 x 225 mm at 28 mm / 37 mm, 15.75 pt, 28 x 22. */
jb_typeset_opts jb_typeset_gbt9704(void);
/* Sets the paragraphs on as many pages as needed, appending to dl. */
jb_status jb_typeset(jb_fonts *fonts, const jb_text_para *paras, size_t n, const jb_typeset_opts *o, jb_dl *dl);

#endif
