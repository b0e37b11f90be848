/* Internal helpers shared by the digest's files (not installed). */
#ifndef JB_COMPOSE_DIGEST_IMP_H
#define JB_COMPOSE_DIGEST_IMP_H

#include <cJSON.h>

#include "jianbao/digest.h"

cJSON *jb_dg_block(cJSON *blocks, const char *type);
void jb_dg_heading(cJSON *blocks, int level, const char *text);
cJSON *jb_dg_fact_ref(size_t index);
const jb_fact *jb_dg_fact(const jb_digest_input *in, size_t i);
int jb_dg_is_quantity(const jb_fact *f);

typedef struct series_info {
  long id;
  size_t members[16];
  size_t n;
} series_info;

/* Time series of a document (or a place) as tables over periods and charts;
 * category and place series as labelled bars, never over a time axis. */
size_t jb_digest_collect_series(const jb_digest_input *in, size_t doc, const char *place,
                                series_info *out, size_t max);
void jb_digest_add_categories(const jb_digest_input *in, size_t doc, const char *place, cJSON *blocks);
/* A key figure's label (a noun phrase of what is measured) into out; 0 when the
 * fact's measure names none. */
int jb_dg_tile_label(const jb_fact *f, char *out, size_t cap);
/* Where the last verb of s starts (广东每年提供 -> 提供), s itself when it has none. */
const char *jb_dg_last_verb(const char *s);
int jb_dg_has_verb(const char *s);
size_t jb_dg_verb_end(const char *s); /* bytes up to the end of s's last verb; 0 when none */
void jb_dg_period_zh(const char *period, jb_buf *out); /* 2022—2024 */
void jb_dg_period_note(const char *period, jb_buf *out); /* a key figure's: 2020年, 2022—2024年 */
/* part follows whole after 其中 (农林牧渔业总产值…其中：农业产值): a share, no key figure beside it. */
int jb_dg_share_of(const jb_digest_input *in, const jb_fact *whole, const jb_fact *part);
/* 各1个, 每人500元: a figure of each one, not a total. */
int jb_dg_distributive(const jb_digest_input *in, const jb_fact *f);
/* A headline figure (fact i) the text states again: the text's names what it measures. */
int jb_dg_headline_again(const jb_digest_input *in, size_t i);
/* A count whose noun follows it (2510家企业): no tile, its label would not say what it counts. */
int jb_dg_noun_follows(const jb_digest_input *in, const jb_fact *f);
/* A size in words (数十亿元): no figure a tile could show. */
int jb_dg_vague(const jb_fact *f);

/* Key figures (results) of a document, of one place when place != NULL. */
size_t jb_dg_pick_tiles(const jb_digest_input *in, size_t doc, const char *place, size_t *out, size_t max);
/* Tiles of the facts idx[0..k); cite: each tile names its source (else one line cites them all). */
void jb_dg_add_tiles(jb_ctx *ctx, const jb_digest_input *in, const size_t *idx, size_t k, int cite, cJSON *blocks);

/* digest_counties.c: a county's own figures as tiles and statements (one per source
 * sentence, with its calls; the rest after max_facts summarised), its prefecture's
 * figures as labelled context, and the per-county sections of a document. */
void jb_dg_county_own(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const char *county, int prefecture,
                      size_t max_facts, cJSON *blocks);
void jb_dg_county_context(jb_ctx *ctx, const jb_digest_input *in, const char *county, const char *prefecture,
                          size_t doc, size_t max, cJSON *blocks);
void jb_dg_add_county_sections(jb_ctx *ctx, const jb_digest_input *in, size_t d, const jb_digest_names *names,
                               cJSON *blocks);

/* Characters of source text a county sheet of blocks may still quote before it is
 * long enough (context_rows rows of context tiles to come); 0 when it is. */
size_t jb_dg_short_sheet_chars(const cJSON *blocks, int context_rows);

/* Titles and citations (digest_cite.c). */
char *jb_dg_composed_title(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const char *subject);
void jb_dg_short_title(const char *title, jb_buf *out);              /* 《…》 */
char *jb_dg_work_report_title(jb_ctx *ctx, const jb_digest_input *in, size_t doc);
/* 《short title》第N段 (para 1-based; 0: the document only); titles: per document. */
void jb_dg_cite(const jb_digest_input *in, const char *const *titles, size_t doc, size_t para, jb_buf *out);

void jb_dg_paragraph(cJSON *blocks, const char *type, const char *text);
void jb_dg_cite_fact(const jb_digest_input *in, const jb_fact *f, jb_buf *out); /* 《…》第N段 */
/* digest_text.c: a document's checks (after its tables), the appendix (in->titles set). */
void jb_dg_add_checks(jb_ctx *ctx, const jb_digest_input *in, size_t d, cJSON *blocks);
void jb_dg_add_appendix(jb_ctx *ctx, const jb_digest_input *in, cJSON *blocks);
/* The contents keep to the front page or take one of their own (never a line or two spilled). */
void jb_dg_toc_levels(cJSON *blocks);

/* Appends doc's text [a, b) with 今年, 截至目前, 我省 resolved from the document. */
void jb_dg_put_resolved(const jb_digest_input *in, size_t doc, size_t a, size_t b, jb_buf *o);
/* A clause [a, b) of doc without the 、-parts that only restate one of the key figures
 * tiles[0..n_tiles) (the 要点's rule, shared by the county statements): the kept text
 * ranges, a == b standing for the mark 、 between parts; 0 when nothing is left. */
typedef struct jb_dg_piece { size_t a, b; } jb_dg_piece;
size_t jb_dg_clause_pieces(const jb_digest_input *in, size_t doc, const size_t *tiles, size_t n_tiles, size_t a,
                           size_t b, jb_dg_piece *out, size_t max);
/* 要点: condensed statements of the main facts not shown as key figures. */
void jb_digest_add_points(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const size_t *tiles,
                          size_t n_tiles, const cJSON *figures, cJSON *blocks);
/* digest_pointsel.c: skip[i] != 0 for a fact of doc a 要点 must not state: 1 shown in
 * the figures' blocks, 2 a count that frames the report, 3 a part of a goal; whether two
 * statements share a distinctive figure (407个, 30.98亿). */
void jb_dg_point_skips(jb_ctx *ctx, const jb_digest_input *in, size_t doc, const cJSON *figures,
                       unsigned char *skip);
int jb_dg_shares_figure(const char *a, const char *b);
void jb_digest_add_series(const jb_digest_input *in, size_t doc, const char *place, cJSON *blocks,
                          int charts);

/* digest_stmt.c: a predicate that is not nominalised nor attributive in t[0..n); a
 * 要点 that is a statement (a predicate, no cut ending, no ellipsis). */
int jb_dg_has_predicate(const uint32_t *t, size_t n);
size_t jb_dg_predicate_at(const uint32_t *t, size_t n, size_t i); /* its length at t[i], 0 if none */
/* The length in code points of the UTF-8 word w when it stands at t[i] (t has n), else 0. */
size_t jb_dg_word_at(const uint32_t *t, size_t n, size_t i, const char *w);
/* Words of a comparison: its base (比上年末, 同比; longest first) and how the
 * figure moved (增长, 回落): a change, not what changed. */
extern const char *const jb_dg_bases[];
extern const char *const jb_dg_moves[];
int jb_dg_is_statement(const char *utf8);
/* Does it open with a bare comparison (比上年增长7.5%), saying nothing of what changed? */
int jb_dg_bare_change(const char *utf8);
/* Appends t[0, n) for use inside 《》: its own 《》 become 〈〉. */
void jb_dg_add_inner_title(jb_buf *out, const char *t, size_t n);
/* Is document doc the place's own report (it holds more than half of its figures)? */
int jb_dg_doc_is_place(const jb_digest_input *in, size_t doc, const char *place);

#endif
