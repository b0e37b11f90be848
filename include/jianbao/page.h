/* Pages (part of layout): a briefing model + a layout template -> display list.
 *
 * Blocks flow through the template's type area: every piece of text is a
 * jb_textblock (shaped by HarfBuzz, broken by the Chinese paragraph engine).
 * Pagination runs to the end before anything is drawn, so running headers and
 * footers know the page count ("第 X 页 / 共 Y 页") and contents entries,
 * citation links and the closing block know their pages. Rules kept:
 * no widow or orphan line (two lines each side of a break), a heading keeps at
 * least two lines of what follows, tiles, images and charts are never split,
 * tables split between rows with the header repeated under a 续表 caption,
 * consecutive body paragraphs keep one constant line pitch, and on a grid
 * template (chars_per_line/lines_per_page) body lines sit on the line grid.
 * Output is deterministic: nothing depends on the clock or the environment. */
#ifndef JIANBAO_PAGE_H
#define JIANBAO_PAGE_H

#include "jianbao/compose.h"
#include "jianbao/layout.h"

typedef struct jb_build_opts {
  const jb_factlist *facts; /* cited facts (after jb_briefing_resolve_list); NULL = none */
  long long date;        /* document date, seconds since the epoch; -1 = from meta.date */
  double scale;          /* 0 = automatic (1, or the one-page fit of the template) */
} jb_build_opts;

#define JB_BUILD_DEFAULTS ((jb_build_opts){NULL, -1, 0})

/* What was laid out, for tests and --dump. */
typedef struct jb_build_info {
  size_t pages;
  double scale;          /* the size factor used (1 unless a one-page fit shrank it) */
  size_t headings;       /* outline entries */
  size_t citations;      /* distinct facts in the 数据来源 list */
} jb_build_info;

/* Lays the briefing out on pages and appends them (with outline and metadata)
 * to out, which must be empty and initialised with the same fonts. Facts must
 * be resolved already. info may be NULL. A one-page template (fit_one_page)
 * shrinks the content in 5 % steps down to its min_scale; content that still
 * does not fit is set at min_scale on more pages, with a warning. */
jb_status jb_build_briefing(jb_ctx *ctx, jb_fonts *fonts, const jb_briefing *b,
                            const jb_layout_template *tpl, const jb_build_opts *opts, jb_dl *out,
                            jb_build_info *info);

#endif
