/* Extract: numeric facts of Chinese reports (money, counts, percentages, dates,
 * years, ranks, ordinals, labels), with their attribution, 分别 series, and
 * total = sum-of-parts consistency checks.
 *
 *   jb_doc *docs[2];  ... jb_doc_load() each ...
 *   jb_facts *f = jb_extract(ctx, (const jb_doc *const *)docs, 2);
 *   for (size_t i = 0; i < jb_facts_count(f); i++) { const jb_fact *x = jb_facts_get(f, i); ... }
 *   char *json = jb_facts_to_json(ctx, f, docs, 2);   // jb_free(ctx, json)
 *   jb_facts_free(f);
 *
 * Offsets (start, end, sentence) are code-point offsets into the ORIGINAL file, so
 * text == original[start:end]. Facts are sorted by (doc, start). The result does
 * not point into the documents: they may be freed before the facts. */
#ifndef JIANBAO_EXTRACT_H
#define JIANBAO_EXTRACT_H

#include "jianbao/core.h"
#include "jianbao/ingest.h"

typedef enum jb_fact_kind {
  JB_KIND_MONEY = 0, /* an amount of currency (unit 元 for RMB) */
  JB_KIND_COUNT,     /* discrete things with a classifier (个 项 名 人次 …) */
  JB_KIND_PERCENT,   /* % or percentage points, 八成 */
  JB_KIND_PER_MILLE, /* ‰ */
  JB_KIND_DATE,      /* a day or a month: value_type JB_VALUE_DATE */
  JB_KIND_YEAR,      /* a year or a year range */
  JB_KIND_RANK,      /* a position in a ranking (第一名, 位居第二) */
  JB_KIND_ORDINAL,   /* an ordinal designation (第十批, 二十大, 一是) */
  JB_KIND_OTHER      /* durations, physical quantities, numeric names */
} jb_fact_kind;

typedef enum jb_qualifier {
  JB_Q_EXACT = 0, /* nothing, 达, 达到 */
  JB_Q_APPROX,    /* 约 左右 大约 */
  JB_Q_MORE_THAN, /* 逾 超 超过 突破 …多 …余 */
  JB_Q_AT_LEAST,  /* 以上 不少于 不低于 */
  JB_Q_LESS_THAN, /* 以内 以下 不超过 不足 */
  JB_Q_NEARLY     /* 近 将近 */
} jb_qualifier;

/* What a quantity reports: a result, a goal, or a forecast. From cue words in its
 * sentence (力争, 确保…完成, 计划, 拟, 预计) and from the section it sits in (主要预期目标,
 * 工作安排, 今后五年). Labels, years and dates are JB_STATUS_NONE. */
typedef enum jb_status_kind {
  JB_STATUS_NONE = 0,
  JB_STATUS_ACTUAL,   /* done, recorded */
  JB_STATUS_TARGET,   /* 目标 力争 确保 计划 拟 将…达到 要…控制在 */
  JB_STATUS_ESTIMATE  /* 预计, a period not yet closed */
} jb_status_kind;

/* What the members of a series differ by: only a time series has a time axis. */
typedef enum jb_series_dim {
  JB_DIM_CATEGORY = 0, /* 城镇/农村, 一二三产业, 收入/支出 */
  JB_DIM_TIME,         /* 2022, 2023, 2024 */
  JB_DIM_PLACE         /* 城关区, 达孜区, 林周县 */
} jb_series_dim;

typedef enum jb_value_type {
  JB_VALUE_NONE = 0, /* labels without a single numeric meaning (1+1+5) */
  JB_VALUE_NUMBER,   /* value */
  JB_VALUE_RANGE,    /* [lo, hi] */
  JB_VALUE_DATE      /* date: "2022-06-27", "2013-07", "XXXX-07-31" */
} jb_value_type;

typedef struct jb_fact {
  size_t doc;               /* index into the documents given to jb_extract */
  size_t start, end;        /* original code-point span */
  size_t nstart, nend;      /* the same span in the normalized text */
  char *text;               /* original text of the span (UTF-8) */
  jb_value_type value_type;
  double value, lo, hi;     /* value (NUMBER) or lo/hi (RANGE), normalized (元, not 万元) */
  char date[16];            /* DATE */
  int value_overflow;       /* the number does not fit (beyond 2^53 or not finite):
                               value is then meaningless and JSON gives null */
  char unit[24];            /* "元" "%" "‰" "年" "个" "人次" … or "" for none */
  jb_qualifier qualifier;
  jb_fact_kind kind;
  char *measure;            /* what is counted, a short phrase; may be NULL */
  char *subject;            /* the actor (defaults to the document's main actor) */
  char *place;              /* where it happens: canonical gazetteer name, or NULL */
  char *place_src;          /* the place as the source names it when that is a former
                               name (山南地区 for 山南市), else NULL */
  char *origin;             /* the aiding side (广东省, 深圳市), canonical, or NULL */
  char *period;             /* "2022", "2022-2024", "2015起", "2013-07起", or NULL */
  char *as_of;              /* cut-off (截至…): "2024-07", "2024-06-30", "2024", or NULL */
  jb_status_kind status;    /* actual / target / estimate (NONE for labels, years, dates) */
  int direction;            /* a change's direction: +1 a rise (增长 提高 增加), -1 a fall
                               (下降 减少 降低), 0 not a change; the value stays its size */
  int is_label;             /* part of a name, ordinal or slogan: not a quantity */
  long series;              /* series id (>= 0) shared by its members, or -1 */
  char *series_label;       /* this member's label in its series (2023, 城关区, 城镇), or NULL */
  size_t sent_start, sent_end; /* the sentence, original code points */
  size_t para;              /* index of its paragraph in the document */
  size_t cell_table;        /* in a table of a docx, html, xlsx or csv: the table (1-based), */
  size_t cell_row, cell_col; /* and the cell's grid row and column; cell_table 0 otherwise */
} jb_fact;

/* A total and its parts as the text gives them (其中 …, X（a, b）). */
typedef struct jb_check {
  size_t doc;
  size_t total;             /* index of the total fact */
  size_t *parts;            /* indexes of the part facts */
  size_t n_parts;
  double total_value, sum;
  int holds;                /* sum == total (to 1e-9 relative) */
} jb_check;

/* A series: members (facts) that differ by one dimension. */
typedef struct jb_series_info {
  long id;
  size_t doc;
  jb_series_dim dim;
  size_t first, last; /* indexes of its first and last member; others lie between */
} jb_series_info;

typedef struct jb_facts jb_facts;

/* Extracts the facts of n documents. Never fails on valid documents (absurd
 * numbers are flagged with value_overflow, never clamped); returns NULL only if
 * the data files (gazetteer) cannot be read, with the error in ctx. */
jb_facts *jb_extract(jb_ctx *ctx, const jb_doc *const *docs, size_t n);
void jb_facts_free(jb_facts *f);

size_t jb_facts_count(const jb_facts *f);
const jb_fact *jb_facts_get(const jb_facts *f, size_t i);
size_t jb_facts_check_count(const jb_facts *f);
const jb_check *jb_facts_check(const jb_facts *f, size_t i);

jb_ctx *jb_facts_ctx(const jb_facts *f); /* the context the facts were made with */
/* The title a briefing cites document doc by (a manifest's, or one composed for an
 * untitled report): written as documents[].cited_as. */
void jb_facts_set_cited_as(jb_facts *f, size_t doc, const char *title);
size_t jb_facts_series_count(const jb_facts *f);
const jb_series_info *jb_facts_series(const jb_facts *f, size_t i); /* by id: series i has id i */
/* The document's date as the text gives it ("2024-01-18", "2024-03", "2024"), or NULL. */
const char *jb_facts_doc_date(const jb_facts *f, size_t doc);
/* Where that date comes from (facts.json documents[].date_source). */
typedef enum jb_date_source {
  JB_DATE_TEXT = 0,     /* a dateline, delivery line or signature of the text */
  JB_DATE_GIVEN = 1,    /* the user's (jb_ingest_opts.doc_date), the text stating none */
  JB_DATE_INFERRED = 2, /* the first date in the text (no dateline): no date of the text's own */
  JB_DATE_ASSUMED = 3   /* a 统计公报 published the year after the one it reviews */
} jb_date_source;
jb_date_source jb_facts_doc_date_source(const jb_facts *f, size_t doc);

const char *jb_fact_kind_name(jb_fact_kind k);  /* "money", "count", … */
const char *jb_status_name(jb_status_kind s);   /* "actual", "target", "estimate", NULL */
const char *jb_series_dim_name(jb_series_dim d); /* "time", "place", "category" */
const char *jb_qualifier_name(jb_qualifier q);  /* "exact", "approx", … */

/* The JSON documented in docs/facts.md (schema docs/facts.schema.json):
 * {"documents": [...], "facts": [...], "checks": [...]}. Deterministic. The
 * docs must be the ones given to jb_extract. Allocated; jb_free it. */
char *jb_facts_to_json(jb_ctx *ctx, const jb_facts *f, const jb_doc *const *docs, size_t n);
/* The same JSON handed to fn in pieces of about 1 MB, so it never sits in
 * memory whole (it is about 8 times the size of a report). Returns fn's first
 * error. */
jb_status jb_facts_write_json(jb_ctx *ctx, const jb_facts *f, const jb_doc *const *docs, size_t n,
                              jb_write_fn fn, void *user);

/* jianbao extract in bounded memory: reads the files ("-" = stdin; opts: one
 * per file, NULL = defaults) and hands the JSON of jb_facts_to_json to fn in
 * pieces of about 1 MB. A report of plain UTF-8 text larger than `piece` bytes
 * (0 = JB_EXTRACT_PIECE) is read in pieces of whole lines (a single line is
 * never split): its region, aiding side, main place and main actor are counted
 * over all its pieces first, its date and kind read from its first piece;
 * sections and lead frames are found within each piece (docs/facts.md). Peak
 * memory is then about the size of the input plus a few MB. Any other input
 * gives exactly the JSON of jb_facts_to_json. */
#define JB_EXTRACT_PIECE ((size_t)1 << 20)
jb_status jb_extract_files_json(jb_ctx *ctx, const char *const *files, size_t n, const jb_ingest_opts *opts,
                                size_t piece, jb_write_fn fn, void *user);

#endif
