/* Compose: the briefing model (briefing.json in and out), its validation, the
 * layout templates (layouts/NAME.json), fact resolution and Chinese number style.
 *
 * The model is a documented plain struct tree owned by a jb_briefing; read it,
 * don't modify it (all memory belongs to the briefing and goes with
 * jb_briefing_free). Every diagnostic names the file, line:column and the JSON
 * path (0-based indexes: blocks[3].rows[2]). The format is described in
 * docs/briefing.md, docs/briefing.schema.json and docs/layout.schema.json. */
#ifndef JIANBAO_COMPOSE_H
#define JIANBAO_COMPOSE_H

#include "jianbao/core.h"
#include "jianbao/layout.h" /* jb_rgb */
#include "jianbao/para.h"   /* jb_align */

/* ---- Inline text ---------------------------------------------------------- */

enum {
  JB_RUN_BOLD = 1,
  JB_RUN_EMPH = 2 /* emphasis: 着重 (the layout picks kai/italic or dots) */
};

/* A reference to one fact of the facts list: by id, or by 0-based index. */
typedef struct jb_factref {
  char *id;     /* NULL when addressed by index */
  long index;   /* >= 0 when addressed by index, else -1 */
  char *path;   /* JSON path of the reference, for diagnostics */
} jb_factref;

/* One run of inline text. A fact run has fact.id or fact.index set; its text
 * is NULL until jb_briefing_resolve fills in the formatted value + unit. */
typedef struct jb_run {
  char *text;       /* UTF-8 */
  unsigned style;   /* JB_RUN_* */
  int is_fact;
  jb_factref fact;
} jb_run;

typedef struct jb_inline {
  jb_run *runs;
  size_t n_runs;
} jb_inline;

/* ---- Blocks --------------------------------------------------------------- */

typedef enum jb_block_type {
  JB_BLOCK_HEADING,
  JB_BLOCK_PARAGRAPH,
  JB_BLOCK_LIST,
  JB_BLOCK_TILES,     /* key figures */
  JB_BLOCK_TABLE,
  JB_BLOCK_CHART,
  JB_BLOCK_QUOTE,
  JB_BLOCK_CALLOUT,   /* boxed note, e.g. 编者按 */
  JB_BLOCK_SOURCE,    /* "数据来源：…" line */
  JB_BLOCK_FOOTNOTE,
  JB_BLOCK_IMAGE,
  JB_BLOCK_SPACER,
  JB_BLOCK_PAGEBREAK,
  JB_BLOCK_TOC,       /* table of contents from the headings */
  JB_BLOCK_TYPE_COUNT
} jb_block_type;

/* JSON name of a block type ("heading", "tiles", ...). */
const char *jb_block_type_name(jb_block_type t);

/* A numeric value that may come from a fact: has_value/value after parsing or
 * resolution; text = the display text when given as a string (or resolved). */
typedef struct jb_value {
  int has_value;
  double value;
  char *text;     /* NULL unless given as a string or filled by resolution */
  int is_fact;
  jb_factref fact;
  int as_written; /* resolution: text holds the source's digits in the unit the value is in,
                   * so tables and charts print them as they stand (287.9, 1264) */
} jb_value;

typedef struct jb_tile {
  jb_value value;
  char *unit, *label, *note, *source; /* NULL when absent */
  unsigned from_fact; /* JB_TILE_*: fields filled in by resolution (not written back) */
} jb_tile;

enum { JB_TILE_UNIT = 1, JB_TILE_LABEL = 2, JB_TILE_SOURCE = 4 };

typedef enum jb_cell_kind {
  JB_CELL_EMPTY,  /* null: printed as "—" */
  JB_CELL_TEXT,
  JB_CELL_NUMBER,
  JB_CELL_FACT
} jb_cell_kind;

typedef struct jb_cell {
  jb_cell_kind kind;
  jb_inline text;  /* TEXT (and FACT after resolution: one run) */
  jb_value num;    /* NUMBER and FACT */
  int colspan;     /* >= 1 */
  int rowspan;     /* >= 1: a group label covering the cells below it (they are left out of those rows) */
  int bold;
} jb_cell;

typedef struct jb_row {
  jb_cell *cells;
  size_t n_cells;
} jb_row;

typedef enum jb_col_format {
  JB_COL_AUTO,    /* numbers formatted with the template's number style */
  JB_COL_TEXT,
  JB_COL_NUMBER,  /* fixed decimals, thousands separators */
  JB_COL_PERCENT  /* value printed with "%" appended */
} jb_col_format;

typedef struct jb_column {
  jb_align align;    /* JB_ALIGN_LEFT/CENTER/RIGHT */
  int align_set;     /* 0 = layout default (numbers right, text left) */
  jb_col_format format;
  int decimals;      /* -1 = automatic */
  double width;      /* relative weight; 0 = automatic */
  char *unit;        /* unit of the column's numbers ("个", "万元"); NULL = the table's */
  int unit_from_fact; /* unit filled by resolution from the column's facts (not written back) */
} jb_column;

typedef struct jb_table {
  jb_inline caption;
  char *unit;                 /* "单位：万元" line, without the prefix */
  char *source;               /* "数据来源：…" line, without the prefix */
  jb_row *header; size_t n_header;
  jb_row *rows; size_t n_rows;
  jb_column *columns; size_t n_columns; /* n_columns = the table's width in cells */
  int grid;                   /* "style": 0 = three-line (三线表, default), 1 = boxed grid */
  int zebra;                  /* shade every other body row */
} jb_table;

typedef enum jb_chart_kind {
  JB_CHART_BAR, JB_CHART_COLUMN, JB_CHART_LINE, JB_CHART_PIE,
  JB_CHART_DONUT /* a pie with a hole */
} jb_chart_kind;
const char *jb_chart_kind_name(jb_chart_kind k);

typedef struct jb_series {
  char *name;
  jb_value *values;  /* one per category; has_value = 0 for null */
  size_t n_values;
  int line;          /* "type": "line" in a column chart (combination chart) */
  int axis;          /* "axis": 0 = left (primary), 1 = right (secondary) */
  char *unit;        /* unit of a secondary-axis series; NULL = the chart's */
} jb_series;

typedef struct jb_chart {
  jb_chart_kind kind;
  jb_inline caption;
  char *unit, *source;
  char **categories; size_t n_categories;
  jb_series *series; size_t n_series;
  double height_mm;  /* 0 = template default */
  int stacked;       /* bar/column series stacked instead of side by side */
  int red_up;        /* Chinese convention: increases red, decreases green (one series) */
  int no_value_labels; /* "value_labels": false */
  int unit_from_fact; /* unit filled by resolution: the chart named none and its facts share one */
  char *note;        /* filled by resolution when every fact value comes from one sentence:
                      * "文件名 第N段：“sentence”", printed in the source note; not written back */
} jb_chart;

typedef struct jb_block {
  jb_block_type type;
  char *path;        /* "blocks[3]" */
  union {
    struct { int level; int numbered; jb_inline text; } heading; /* numbered: 1 default */
    struct { jb_inline text; } para;      /* PARAGRAPH, SOURCE, FOOTNOTE */
    struct { int ordered; jb_inline *items; size_t n_items; } list;
    struct { jb_tile *items; size_t n_items; int columns; } tiles; /* columns 0 = auto */
    jb_table table;
    jb_chart chart;
    struct { jb_inline title; jb_inline text; char *attribution; } quote; /* QUOTE, CALLOUT */
    struct { char *path; char *resolved; double width_mm; jb_inline caption; } image;
    struct { double height_mm; } spacer;
    struct { jb_inline title; int levels; } toc; /* levels: deepest heading listed (2) */
  } u;
} jb_block;

/* ---- Metadata ------------------------------------------------------------- */

typedef struct jb_strlist {
  char **items;
  size_t n;
} jb_strlist;

typedef struct jb_meta {
  char *title, *subtitle;
  char *masthead;     /* briefing series name printed in the masthead (e.g. 经济运行简报) */
  char *issuer;       /* 编发单位 */
  long issue;         /* 第×期; 0 = none (or see issue_text) */
  char *issue_text;   /* issue given as a string, printed verbatim */
  long issue_total;   /* 总第×期; 0 = none */
  char *date;         /* ISO yyyy-mm-dd */
  char *author;
  jb_strlist keywords;
  char *language;     /* default "zh-CN" */
  char *marking;      /* 内部资料 / 密级 line, top left */
  /* 版记 / 报尾 (gbt9704) */
  jb_strlist report_to, send_to, issue_to, cc; /* 报 / 送 / 发 / 抄送 */
  long print_count;   /* 共印×份; 0 = none */
  /* version 2 */
  char *printer;      /* 印发机关 in the 版记 (default: the issuer) */
  char *print_date;   /* 印发日期 YYYY-MM-DD (default: date) */
  char *print;        /* "mono" or "color"; NULL = the template's */
} jb_meta;

typedef struct jb_briefing {
  char *file;        /* as given to jb_briefing_load, or the name given to _parse */
  char *layout;      /* template name or path from the file; NULL = default */
  char *facts;       /* facts file as written (relative to the briefing) */
  jb_meta meta;
  jb_block *blocks;
  size_t n_blocks;
  struct jb_arena *arena_; /* private */
  char *src_;              /* private: the JSON text, to locate late errors */
  size_t src_len_;
} jb_briefing;

/* Reads and validates a briefing file ("-" = stdin). */
jb_status jb_briefing_load(jb_ctx *ctx, const char *path, jb_briefing **out);
/* Same from memory; name is used in messages and to resolve relative paths. */
jb_status jb_briefing_parse(jb_ctx *ctx, const char *name, const char *json, size_t len,
                            jb_briefing **out);
void jb_briefing_free(jb_briefing *b);
/* Serializes to JSON (UTF-8, 2-space indent, keys in schema order); appends to out.
 * Parsing the result gives an equal model. */
void jb_briefing_write(jb_ctx *ctx, const jb_briefing *b, jb_buf *out);
jb_status jb_briefing_save(jb_ctx *ctx, const jb_briefing *b, const char *path);
/* Canonical text dump of the whole model (for tests; equal models dump equally). */
void jb_briefing_dump(const jb_briefing *b, jb_buf *out);

/* ---- Facts ---------------------------------------------------------------- */

/* What a fact reference resolves to (strings borrowed from the provider). */
typedef struct jb_factrec {
  const char *id;        /* may be NULL */
  const char *label;     /* indicator name (extract's "measure"), may be NULL */
  int has_value;
  double value;          /* in `unit` */
  const char *text;      /* the text as written in the source, may be NULL */
  const char *unit;      /* may be NULL */
  const char *source;    /* source document, may be NULL */
  const char *sentence;  /* the sentence the fact came from, may be NULL */
  int paragraph;         /* 1-based paragraph of the source document holding the fact; 0 = unknown */
  long series;           /* 1 + extract's 分别 series id (per document); 0 = none */
  const char *qualifier; /* extract's qualifier: "exact", "approx", "more_than", "at_least",
                            "less_than", "nearly"; NULL = exact */
  const char *place;     /* where it happens (extract's "place"), may be NULL */
  const char *series_label; /* its category in a breakdown (食品烟酒 of 类价格下降), may be NULL */
} jb_factrec;

/* Words that keep a qualified value's meaning when it is printed on its own
 * (逾60万元 -> 超过60万元): *prefix before the number, *suffix after the unit;
 * brief = 1 gives the short forms for tiles (超60). */
void jb_fact_qualifier_words(const char *qualifier, int brief, const char **prefix, const char **suffix);

/* Appends where a fact was stated, as the 数据来源 list and chart notes cite
 * it: "文件名 第N段：“sentence”" (parts left out when unknown). */
void jb_fact_citation(const jb_factrec *f, jb_buf *out);

/* Looks a reference up; returns 1 and fills *out when found. */
typedef int (*jb_fact_lookup_fn)(void *user, const jb_factref *ref, jb_factrec *out);

/* A loaded facts file: extract's facts.json ({"documents": [...], "facts":
 * [...]}, see docs/facts.md) or a plain array of records. Per record: "id"
 * (optional; a record without one has the id "F<n>", n = index + 1), "measure"/"label", "value",
 * "text", "unit", "doc" (index into documents, or a name) / "source",
 * "sentence_text" (carried to the following facts with the same "sentence"
 * span), "start" (with the document's "paragraphs" spans: the paragraph
 * number), "series"; other keys are ignored. */
typedef struct jb_factlist jb_factlist;
jb_status jb_factlist_load(jb_ctx *ctx, const char *path, jb_factlist **out);
jb_status jb_factlist_parse(jb_ctx *ctx, const char *name, const char *json, size_t len,
                            jb_factlist **out);
/* The same for facts JSON this process made (jb_facts_to_json): no strict syntax pass. */
jb_status jb_factlist_parse_own(jb_ctx *ctx, const char *name, const char *json, size_t len,
                                jb_factlist **out);
void jb_factlist_free(jb_factlist *f);
size_t jb_factlist_count(const jb_factlist *f);
const jb_factrec *jb_factlist_get(const jb_factlist *f, size_t i);
/* jb_fact_lookup_fn over a jb_factlist (user = the jb_factlist). */
int jb_factlist_lookup(void *user, const jb_factref *ref, jb_factrec *out);

struct jb_layout_template;
/* Fills every fact reference: run text (value formatted in the template's
 * number style + unit, else the fact's text), tile value/unit/source/label
 * when absent, cell and chart values (these must be numeric). An unknown
 * reference is an error naming the file, line:col and JSON path. tpl may be
 * NULL (default number style). */
jb_status jb_briefing_resolve(jb_ctx *ctx, jb_briefing *b, const struct jb_layout_template *tpl,
                              jb_fact_lookup_fn lookup, void *user);
/* Same against a jb_factlist; an unknown id also suggests the nearest id. */
jb_status jb_briefing_resolve_list(jb_ctx *ctx, jb_briefing *b,
                                   const struct jb_layout_template *tpl, const jb_factlist *facts);
/* Same against extract's in-memory facts (jianbao/extract.h): references are
 * "F<n>" ids (1-based, as jb_digest_fact_id writes them) or 0-based indexes. */
typedef struct jb_facts jb_facts; /* extract.h */
jb_status jb_briefing_resolve_facts(jb_ctx *ctx, jb_briefing *b,
                                    const struct jb_layout_template *tpl, const jb_facts *facts);
/* jb_fact_lookup_fn over extract's jb_facts (user = the const jb_facts *):
 * label = measure, value when numeric, text, unit (source/sentence NULL). */
int jb_extract_fact_lookup(void *user, const jb_factref *ref, jb_factrec *out);
/* Loads the briefing's "facts" file (relative to the briefing) and resolves;
 * nothing to do (JB_OK) when the briefing names no facts file. */
jb_status jb_briefing_resolve_file(jb_ctx *ctx, jb_briefing *b,
                                   const struct jb_layout_template *tpl);

/* ---- Templates ------------------------------------------------------------ */

/* Text roles; each has a font stack, size and paragraph settings. */
typedef enum jb_role {
  JB_ROLE_BODY, JB_ROLE_H1, JB_ROLE_H2, JB_ROLE_H3, JB_ROLE_H4,
  JB_ROLE_TITLE, JB_ROLE_SUBTITLE,
  JB_ROLE_MASTHEAD,      /* briefing name, red in gbt9704 */
  JB_ROLE_ISSUE,         /* 第×期 line */
  JB_ROLE_ISSUER,        /* issuing unit + date line */
  JB_ROLE_MARKING,       /* 内部资料 */
  JB_ROLE_TILE_VALUE, JB_ROLE_TILE_UNIT, JB_ROLE_TILE_LABEL, JB_ROLE_TILE_NOTE,
  JB_ROLE_CAPTION, JB_ROLE_TABLE, JB_ROLE_TABLE_HEADER,
  JB_ROLE_CHART,
  JB_ROLE_NOTE,          /* source lines and footnotes */
  JB_ROLE_QUOTE, JB_ROLE_CALLOUT,
  JB_ROLE_LIST,
  JB_ROLE_HEADER, JB_ROLE_FOOTER,
  JB_ROLE_DISTRIBUTION,  /* 报/送/发 block */
  JB_ROLE_COUNT
} jb_role;

const char *jb_role_name(jb_role r); /* JSON name: "body", "h1", "tile_value", ... */

typedef struct jb_tpl_style {
  char *stack;        /* font stack name, resolved by the layout ("serif-zh") */
  double size;        /* pt */
  int bold;
  jb_rgb color;
  double line_pitch;  /* baseline-to-baseline, pt */
  jb_align align;
  double indent;      /* first-line indent, em */
  double space_before, space_after; /* pt */
} jb_tpl_style;

/* Running header or footer: fields per page kind, with {title} {section}
 * {page} {pages} {date} {issuer} {issue} substituted (see jb_template_expand). */
enum { JB_BAND_ODD, JB_BAND_EVEN, JB_BAND_FIRST };
typedef struct jb_tpl_band {
  char *left[3], *center[3], *right[3]; /* [JB_BAND_*]; NULL = empty */
  int first_hidden;  /* nothing on the first page */
  double offset;     /* pt between the type-area edge and the band's near edge */
  double inset;      /* left/right fields inset from the type-area sides, em of the band's size */
  double rule;       /* rule between band and type area, pt; 0 = none */
} jb_tpl_band;

typedef enum jb_scale_mode {
  JB_SCALE_NONE,  /* print values in the unit they came with */
  JB_SCALE_AUTO   /* move to 万/亿 when the value is large (157637 万元 -> 15.76亿元) */
} jb_scale_mode;

typedef struct jb_num_style {
  int thousands;        /* 1 = group integer digits: 12,345 */
  int group_min_digits; /* group only integer parts with at least this many digits (4) */
  jb_scale_mode scale;
  double wan_min;       /* smallest base value shown in 万 (1e5) */
  double yi_min;        /* smallest base value shown in 亿 (1e8) */
  int decimals;         /* max decimals when not scaled, trailing zeros dropped (2) */
  int scaled_decimals;  /* max decimals after scaling to 万/亿 (2) */
} jb_num_style;

#define JB_NUM_STYLE_DEFAULT ((jb_num_style){1, 4, JB_SCALE_AUTO, 1e5, 1e8, 2, 2})

typedef struct jb_layout_template {
  char *name, *description;
  char *path;                  /* file it was loaded from */
  double page_w, page_h;       /* pt, orientation applied */
  double margin_top, margin_bottom, margin_left, margin_right; /* pt; left = binding side */
  int mirror;                  /* even pages swap left/right margins */
  int chars_per_line, lines_per_page; /* body grid; 0 = none */
  jb_tpl_style roles[JB_ROLE_COUNT];
  struct {
    jb_rgb text, accent, muted, rule, masthead, tile_bg, callout_bg;
    jb_rgb chart[8];
    int n_chart;
  } colors;
  jb_tpl_band header, footer;
  int heading_numbers;         /* number headings 一、（一）1.（1） */
  char *number_formats[4];     /* per level; {cn} = Chinese numeral, {n} = Arabic */
  jb_num_style numbers;
  struct {
    int show;                  /* masthead on page 1 */
    char *issue_format;        /* "第{issue}期" */
    char *issue_total_format;  /* "（总第{total}期）" */
    double rule_width;         /* pt; the red rule under the masthead */
    double rule_gap;           /* pt between issuer line and rule */
    double height;             /* pt from the type-area top to the rule; 0 = natural */
    char *issuer_suffix;       /* after the issuer in the masthead: "编" (GB/T 9704 简报) */
  } masthead;
  int print_mono;              /* "print": "mono": greys and patterns, red on the masthead only */
  struct {
    int show;                  /* 报/送/发 block on the last page */
    double thick, thin;        /* rule widths, pt (0.35 mm / 0.25 mm) */
    double inset;              /* side inset, em */
    char *report_label, *send_label, *issue_label, *cc_label; /* "报：" ... */
    char *print_count_format;  /* "（共印{n}份）" */
  } closing;
  struct {
    double rule_thick, rule_thin; /* three-line table rules, pt */
    int repeat_header;
    char *continued_format;    /* "续表" caption prefix */
    double cell_pad;           /* pt */
  } table;
  struct {
    int columns;               /* tiles per row */
    double height;             /* pt */
  } tiles;
  double chart_height;         /* pt */
  int fit_one_page;            /* onepager: shrink in steps to fit one page */
  double min_scale;            /* smallest shrink factor allowed (0.8) */
  struct jb_arena *arena_;     /* private */
} jb_layout_template;

/* Loads a template by name (layouts/<name>.json in the data folder) or by path
 * (contains '/' or ends in .json). An unknown name lists the available ones. */
jb_status jb_template_load(jb_ctx *ctx, const char *name_or_path, jb_layout_template **out);
jb_status jb_template_parse(jb_ctx *ctx, const char *name, const char *json, size_t len,
                            jb_layout_template **out);
/* The template a briefing asks for: override (may be NULL), else its "layout"
 * key (paths relative to the briefing file), else "brief". */
/* The file a briefing's "facts" or "layout" key names (rel), relative to the
 * briefing's folder, allocated; one outside that folder and the data folder
 * is refused with the key's location unless paths are allowed
 * (jb_ctx_set_allow_paths). */
jb_status jb_briefing_path(jb_ctx *ctx, const jb_briefing *b, const char *key, const char *rel, char **out);
jb_status jb_briefing_template(jb_ctx *ctx, const jb_briefing *b, const char *override,
                               jb_layout_template **out);
void jb_template_free(jb_layout_template *t);
void jb_template_dump(const jb_layout_template *t, jb_buf *out);
/* Names of the templates in layouts/ (sorted); free with jb_strlist_free. */
jb_strlist jb_template_names(jb_ctx *ctx);
void jb_strlist_free(jb_ctx *ctx, jb_strlist *l);

/* Values for template fields. NULL fields expand to "". {date} is printed
 * as 2025年3月5日. {total} and {n} are for the masthead's issue_total_format
 * and the closing's print_count_format. */
typedef struct jb_tpl_fields {
  const char *title, *section, *date, *issuer, *issue;
  long page, pages;
  long issue_total, count;
} jb_tpl_fields;
/* Appends pattern with {field}s substituted; "{{" and "}}" are literal braces. */
void jb_template_expand(const char *pattern, const jb_tpl_fields *f, jb_buf *out);

/* ---- Numbers and numbering ---------------------------------------------- */

/* Chinese numeral for 0 <= n < 10^12: 一, 十, 十一, 二十, 一百零一, 一千零一十, 一万.
 * Returns 0 (and appends nothing) when out of range. */
int jb_zh_numeral(long n, jb_buf *out);
/* Heading number for a level 1..4 from the 1-based counter, using the
 * template's formats (NULL tpl = 一、 （一） 1. （1））. */
void jb_heading_number(const jb_layout_template *tpl, int level, long counter, jb_buf *out);
/* Splits a unit into its scale word and base: "万元" -> 1e4, base "元";
 * "亿千瓦时" -> 1e8; "%" -> 1, "%". *base points into unit. */
double jb_unit_scale(const char *unit, const char **base);
/* Decimal exponent (0, 4 or 8) the style would scale a base value to. */
int jb_num_pick_scale(const jb_num_style *st, double base_abs, const char *unit);
/* Formats value (in `unit`) in the style: appends the number to num and the
 * (possibly rescaled) unit to unit_out (or to num when unit_out is NULL).
 * decimals: -1 = style default (trailing zeros dropped), >= 0 fixed.
 * exp: -1 = pick automatically, else force 0/4/8 (one scale per table column).
 * Examples: 157637 万元 -> "15.76" "亿元"; 1234.5 -> "1234.5"; 12345.6 -> "12,345.6". */
void jb_num_format(const jb_num_style *st, double value, const char *unit, int decimals, int exp,
                   jb_buf *num, jb_buf *unit_out);
/* "2025-03-05" -> "2025年3月5日"; returns 0 for a malformed date (nothing appended). */
int jb_date_zh(const char *iso, jb_buf *out);
/* Validates an ISO date yyyy-mm-dd (real calendar date). */
int jb_date_valid(const char *iso);

/* ---- Helpers shared with other modules ----------------------------------- */

/* The candidate nearest to word by edit distance (code points), or NULL when
 * none is close enough to be a plausible typo. */
const char *jb_nearest(const char *word, const char *const *cands, size_t n);

#endif
