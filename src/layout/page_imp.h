/* Private to the page builder (src/layout/page*.c).
 *
 * Blocks become a flat list of pieces (text lines, boxes, glue, forced
 * breaks). Pagination assigns every piece a page and a y before anything is
 * drawn; then pages are drawn in order. Each piece belongs to an object that
 * knows how to draw it. */
#ifndef JB_PAGE_IMP_H
#define JB_PAGE_IMP_H

#include "jianbao/page.h"
#include "jianbao/text.h"

#define MM (72.0 / 25.4)

typedef enum piece_kind { P_LINE, P_BOX, P_GLUE, P_BREAK } piece_kind;

typedef struct piece {
  unsigned char kind;
  unsigned char keep;   /* no page break directly before this piece */
  unsigned char snap;   /* grid templates: the piece's top sits on the body line grid */
  unsigned char starts; /* result: first piece of its page */
  unsigned char foot;   /* footnote anchor (h = 0): its object is set at the foot of the anchor's page */
  double h;             /* extent, pt */
  double pad_top, pad_bot; /* blank inside the extent above/below the ink */
  double cont_h;        /* extra height above it when it starts a page (repeated table head) */
  int obj;              /* object that draws it */
  int line;             /* LINE: textblock line; table: body row */
  int sub;              /* table: line + 1 within a row split by line; 0 = the whole row */
  int page;             /* result: 0-based page, -1 = dropped (glue at a page top) */
  double y;             /* result: extent top below the page's flow origin */
} piece;

struct builder;
struct obj;
typedef void (*draw_fn)(struct builder *B, struct obj *o, const piece *p, double x, double y_top);

typedef struct obj {
  draw_fn draw;
  jb_textblock *tb;     /* main text (LINE pieces draw its lines) */
  jb_textblock *aux[6]; /* extra text: list marker, tile parts, ... */
  double x, w;          /* left edge (from the type area's left) and width */
  double h;             /* box height */
  double mx;            /* list marker (aux[0]) left edge, from x */
  /* decoration behind text lines (quotes, callouts) */
  int deco;             /* 0 none, 1 shaded with a bar, 2 framed */
  jb_rgb bg, bar;
  double deco_x, deco_w;
  int heading;          /* heading level 1..4 (outline), 0 = none */
  char *title;          /* outline / section title */
  size_t cite0, n_cite; /* citation marks drawn in this object: B->obj_cites[cite0..] */
  int cite_target;      /* >= 0: the sources-list entry this object is (link target) */
  const jb_block *block;
  void *data;           /* figure layouts, tiles */
  void (*fini)(struct builder *B, struct obj *o); /* frees data */
  int kind;             /* object-specific */
} obj;

typedef struct cite {
  jb_factrec fact;
  jb_factrec more[7];   /* other facts of the same sentence: one note quotes it once */
  int n_more;
  jb_factref ref;
  int number;           /* 1-based */
  int obj;              /* the sources-list entry object, -1 until built */
} cite;

typedef struct builder {
  jb_ctx *ctx;
  jb_fonts *fonts;
  const jb_briefing *b;
  const jb_layout_template *t;
  const jb_build_opts *opts;
  jb_dl *dl;
  double scale;
  double W, H;          /* text width (a whole number of characters on a grid) and type-area height */
  double AW;            /* type-area width: rules, bands, the closing block */
  double P, lead;       /* body pitch; blank above a body line's em box */
  int grid;             /* line grid template */
  piece *pcs;
  size_t n_pcs, cap_pcs;
  obj *objs;
  size_t n_objs, cap_objs;
  cite *cites;
  size_t n_cites, cap_cites;
  int *obj_cites;       /* cite indexes per object (ranges in obj.cite0/n_cite) */
  size_t n_obj_cites, cap_obj_cites;
  int keep_next;        /* lines after a heading that stay with it */
  double pending_after; /* space after the previous block */
  int prev_block;       /* type of the previous flow block, -1 at the start */
  int skip_block;       /* the next block is already set (a chart beside its table) */
  long counters[4];     /* heading numbers */
  double *page_origin;  /* per page: flow origin below the type-area top (negative = above) */
  size_t n_pages, cap_pages;
  int closing_page;     /* page of the 报尾 block, -1 = none */
  int bare_from;        /* pages from here on (blank, or the 版记 alone) carry no page number; -1 = none */
  int closing_obj;
  double closing_h;
} builder;

/* page.c */
int page_add_obj(builder *B, draw_fn draw);
piece *page_add_piece(builder *B, piece_kind kind, int obj, double h);
void page_add_glue(builder *B, double h);
/* Adds the lines of o's textblock as LINE pieces (widow/orphan and heading keeps). */
void page_add_lines(builder *B, int o, int breakable);
jb_text_style page_style(const builder *B, jb_role r);
const char *page_bold_stack(builder *B, const char *stack);
double page_sp(const builder *B, double pt); /* pt scaled */
jb_status page_text(builder *B, const char *utf8, jb_role r, double width, jb_textblock **out);
/* Citation marks drawn since item0 become links to their 数据来源 entries. */
void page_link_marks(builder *B, obj *o, size_t item0);
void page_draw_lines(builder *B, obj *o, const piece *p, double x, double y_top);
/* Quote/callout band slice of height h; first/last draw the frame's top/bottom. */
void page_deco(builder *B, obj *o, double x, double y_top, double h, int first, int last);
double page_x0(const builder *B, int page);     /* type area left on a page */
double page_top(const builder *B);              /* type area top, page coordinates */

/* page_blocks.c: one function per block type. */
jb_status page_add_block(builder *B, const jb_block *blk);
jb_status page_add_front(builder *B);       /* masthead, title */
jb_status page_add_sources(builder *B);     /* 数据来源 list */
jb_status page_add_toc(builder *B, const jb_block *blk); /* page_toc.c */
/* Inline text -> runs (citation marks appended to fact runs); free with page_runs_free. */
typedef struct runs {
  jb_text_run *r;
  size_t n, cap;
  char **owned;
  size_t n_owned, cap_owned;
} runs;
void page_runs_inline(builder *B, runs *rs, const jb_inline *in, int bold, int o);
void page_runs_add(builder *B, runs *rs, const char *s, int bold);
void page_runs_free(builder *B, runs *rs);
uint32_t page_cite_cp(int number);          /* ① .. ㊿, 0 past 50 */

/* Footnotes: the room one takes at a page foot (sep = the rule above the first). */
double page_foot_sep(const builder *B);
double page_foot_gap(const builder *B);
/* Draws the footnotes anchored on a page at the bottom of its type area. */
void page_draw_footnotes(builder *B, int page);
/* Height of the footnote zone of a page (0 = none). */
double page_foot_height(const builder *B, int page);

/* page_parts.c: bands, closing block, images. */
void page_draw_bands(builder *B, int page, const char *section);
jb_status page_closing_prepare(builder *B);
void page_closing_draw(builder *B, int page);
jb_status page_image_size(jb_ctx *ctx, const char *path, int *w, int *h, int *jpeg);

#endif
