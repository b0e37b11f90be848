/* Internal interfaces of the extractor (not installed). */
#ifndef JB_EXTRACT_INTERNAL_H
#define JB_EXTRACT_INTERNAL_H

#include "ingest/cjk.h"
#include "jianbao/extract.h"

/* ---- lexicon: code-point strings with a payload, longest match at a position */
typedef struct jb_lex_entry {
  uint32_t *s;
  size_t n;
  int payload;
} jb_lex_entry;

typedef struct jb_lex {
  jb_ctx *ctx;
  jb_lex_entry *e;
  size_t n, cap;
  /* open hash on the first code point -> first entry of a run (entries are sorted
   * by first code point, then by length descending) */
  uint32_t *keys;
  size_t *first, *count;
  size_t hcap;
  uint64_t *bmp; /* BMP code points that begin an entry: most characters stop here */
} jb_lex;

void jb_lex_init(jb_lex *l, jb_ctx *ctx);
void jb_lex_add(jb_lex *l, const char *utf8, int payload);
void jb_lex_build(jb_lex *l);
void jb_lex_fini(jb_lex *l);
/* Longest entry matching t[i..n); returns its index or -1. */
long jb_lex_match(const jb_lex *l, const uint32_t *t, size_t n, size_t i);

/* ---- places ---------------------------------------------------------------- */
typedef enum { PL_PROVINCE = 0, PL_PREFECTURE = 1, PL_COUNTY = 2 } place_level;

typedef struct jb_place {
  char *name;      /* canonical */
  int level;       /* place_level */
  long parent;     /* index or -1 */
  long province;   /* the province it lies in (itself for a province), or -1 */
  int aided;       /* a province whose counties the gazetteer lists: a receiving region */
} jb_place;

/* Payload of a gazetteer lexicon entry: place index * 4 + form, form 0 = full
 * name, 1 = former name, 2 = short name (no administrative suffix). */
typedef struct jb_gazetteer {
  jb_place *places;
  size_t n, cap;
  jb_lex lex;
  jb_lex abbr;     /* one-letter province abbreviations (粤 藏 鄂): only after 在/赴/到 */
  jb_lex units;    /* units and classifiers: payload = index into the unit table */
  jb_lex names;    /* fixed numeric names: payload = index into name_info */
  jb_lex cues;     /* status cues (status.c): payload CUE_* */
  jb_lex verbs;    /* verbs after 将/要/拟/计划 that make them future */
  jb_lex tasks;    /* a work report's task verbs (加快, 抓好 …) */
  jb_lex results;  /* words of a result (了, 已, 同比 …) */
  jb_lex aid;      /* words of aid in a sentence (援, 帮扶, 对口 …) */
  struct name_info {
    int kind;      /* jb_fact_kind */
    double value;  /* NAN when none */
    char period[16];
  } *name_info;
  size_t n_names, cap_names;
} jb_gazetteer;

jb_status jb_gazetteer_load(jb_ctx *ctx, jb_gazetteer *g);

/* Units (scan.c): class of each entry of the unit table. */
enum { U_MONEY, U_PCT, U_PERMILLE, U_COUNT, U_TIME, U_PHYS, U_ORD, U_AGE };
typedef struct jb_unit_def {
  const char *s;     /* as written */
  int cls;
  const char *unit;  /* reported unit (NULL: as written) */
} jb_unit_def;
extern const jb_unit_def jb_units[];
extern const size_t jb_n_units;
void jb_gazetteer_fini(jb_ctx *ctx, jb_gazetteer *g);

/* ---- numerals ---------------------------------------------------------------- */
typedef struct jb_num {
  size_t start, end;   /* normalized span of the numeral itself */
  double mant;         /* value = mant * 10^exp10, exact while mant < 2^53 */
  int exp10;
  double value;
  int chinese;         /* written with Chinese numerals */
  int integer;         /* no decimal point */
  int ndigits;         /* Arabic: digits before the point */
  int overflow;        /* too large to be exact */
  int positional;      /* Chinese digit by digit (二〇二二) */
  int bare_unit;       /* Chinese numeral that is only a power (百, 千, 万) */
} jb_num;

int jb_is_cn_digit(uint32_t c, int *d);  /* 〇零一二两三…九 壹…玖 */
int jb_is_cn_power(uint32_t c, double *p); /* 十百千万亿 拾佰仟萬億 */
int jb_is_cn_numeral(uint32_t c);
/* Parses an Arabic number at t[i] (digits, thousands separators, decimals). */
int jb_parse_arabic(const uint32_t *t, size_t n, size_t i, jb_num *out);
/* Parses a Chinese numeral at t[i], greedy but structurally valid. */
int jb_parse_chinese(const uint32_t *t, size_t n, size_t i, jb_num *out);
/* mant * 10^(exp10 + extra), with the overflow flag set when not exact. */
double jb_num_value(const jb_num *x, int extra, int *overflow);

#define JB_EXACT_LIMIT 9007199254740992.0 /* 2^53 */

/* ---- facts under construction --------------------------------------------- */
typedef struct jb_facts {
  jb_ctx *ctx;
  jb_fact *items;
  size_t n, cap;
  jb_check *checks;
  size_t n_checks, cap_checks;
  long next_series;
  jb_series_info *series;  /* by id */
  size_t cap_series;
  char **doc_dates;        /* per document: "2024-01-18", "2024-03", "2024" or NULL */
  unsigned char *date_given; /* per document: where its date comes from (a jb_date_source); or NULL */
  char **cited_as;         /* per document: the title a briefing cites it by, or NULL */
  size_t n_docs;
  /* strings of the facts live in an arena: one allocation per 256 KB, not per field */
  char **chunks;
  size_t n_chunks, cap_chunks, chunk_left;
  char *chunk_pos;
} jb_facts_impl;

/* JSON writer (facts.c): a buffer handed to fn in pieces of about 1 MB (fn NULL: kept whole). */
typedef struct jb_jw {
  jb_ctx *ctx;
  jb_buf b;
  jb_write_fn fn;
  void *user;
  jb_status st; /* fn's first error */
} jb_jw;
/* What is added to the numbers of a piece's facts: code-point offsets, paragraph
 * index, fact ids, series ids (all 0 for a whole document). */
typedef struct jb_jbase {
  size_t off, para, fact;
  long series;
} jb_jbase;
void jb_jw_flush(jb_jw *w, int force);
/* Its "documents" entry; given: the date is the user's (--doc-date). */
void jb_jw_doc_head(jb_jw *w, const jb_doc *d, const char *date, int given, const char *cited);
void jb_jw_doc(jb_jw *w, const jb_doc *d, const char *date, int given, const char *cited);
/* Fact i of f; prev = the fact written before it or NULL (a sentence's text is written once). */
void jb_jw_fact(jb_jw *w, const jb_facts_impl *f, size_t i, const jb_fact *prev, const jb_doc *d, const jb_jbase *o);
void jb_jw_series(jb_jw *w, const jb_facts_impl *f, size_t k, int first, const char *doc, const jb_jbase *o);
void jb_jw_check(jb_jw *w, const jb_facts_impl *f, size_t i, int first, const char *doc, const jb_jbase *o);
void jb_json_str(jb_buf *b, const char *s); /* a JSON string, or null for NULL */
const char *jb_base_name(const char *path);
/* Original offsets, text and sentence of the facts [first, n) of document d. */
void jb_facts_finish_doc(jb_facts_impl *f, const jb_doc *d, size_t first);

/* Copies into the facts' arena (NUL-terminated). */
char *jb_facts_strdup(jb_facts_impl *f, const char *s);
char *jb_facts_cps(jb_facts_impl *f, const uint32_t *t, size_t a, size_t b);

/* Time expressions found by the scan, used for periods (period.c). */
enum { TX_YEAR, TX_RANGE, TX_SINCE, TX_COMPARE, TX_RESET, TX_MONTH_SINCE, TX_FULL_YEAR,
       TX_CUTOFF, TX_BASE /* 是2010年的2倍: a base of comparison, no scope */,
       TX_OPEN_SINCE /* 开展以来 without a year: a total so far, no period */ };
/* Relative years (y1 of a TX_YEAR/TX_RANGE/TX_SINCE before resolution): resolved
 * against the report's date; n is in y2. */
enum { REL_THIS_YEAR = -2, REL_PAST_YEAR = -1, REL_LAST_YEAR = -3, REL_NEXT_YEAR = -4,
       REL_YEAR_BEFORE = -5, REL_N_SINCE = -6, REL_PAST_N = -7, REL_NEXT_N = -8,
       REL_SCOPE_N = -9 /* 连续18年, 两年平均: the N years ending with the year in scope */ };
typedef struct jb_texpr {
  size_t pos, end;   /* normalized */
  int type;
  int y1, y2, month; /* TX_RANGE: y1-y2; TX_MONTH_SINCE: y1-month起; TX_CUTOFF: y1 (0
                        unknown), month (0 none), y2 = day (0: month end or none) */
} jb_texpr;

/* A section of the document: from a heading to the next heading of its level or
 * above. Its time scope and whether it sets out goals (主要预期目标, 工作安排). */
typedef struct jb_section {
  size_t start, end;  /* normalized */
  int level;          /* 1: 一、 or unmarked; 2: （一）; 3: 1. */
  int type, y1, y2;   /* scope: TX_YEAR/TX_RANGE/TX_SINCE or -1 */
  int plan;           /* 1: goals and plans; 0: a review or neutral */
  long parent;        /* enclosing section or -1 */
} jb_section;

/* Character flags of a document. */
enum { F_QUOTE = 1, F_BOOK = 2, F_PAREN = 4, F_HEADING = 8 };

/* What the facts of a document share, found over the whole document. A
 * document read in pieces (stream.c) gathers them over all its pieces first:
 * its region, aiding side, main place and main actor from the place mentions of
 * every piece; its congress place and anchors (date, the year it reviews, its
 * kind) from its first piece. Sections and lead frames stay per piece. */
typedef struct jb_docwide {
  jb_ctx *ctx;                 /* of the strings below */
  int learn;                   /* the first piece is being scanned: record the anchors and the congress */
  long region, aider, home;
  long title_place;            /* the place a report's title opens with (title_place), or -1 */
  int own;                     /* the report is its place's own (a congress hears it, or its title names it) */
  char *home_name;             /* the congress place the gazetteer lacks, or NULL */
  char *congress;              /* the congress place as written in the first piece, or NULL */
  char *actor;                 /* the main actor, or NULL */
  int ref_year, ref_month, ref_day, report_year, doc_kind;
  char *date;                  /* the document's date ("2024-01-18", "2024-03", "2024"), or NULL */
  int date_given;              /* where the date comes from (a jb_date_source) */
  /* carried from piece to piece as a whole read would have them: the sections
   * still open at a piece's end (a chain: each the parent of the next), whether
   * a section with its own time scope came before, and the first piece's lead frame */
  jb_section *open;
  size_t n_open;
  int scoped_seen, lead, lead_type, lead_y1, lead_y2;
} jb_docwide;

typedef struct jb_wide_acc jb_wide_acc;
jb_wide_acc *jb_wide_new(jb_ctx *ctx, const jb_gazetteer *g);
/* Adds a piece (first: the first piece); quiet = a context for the scratch scans. */
void jb_wide_gather(jb_wide_acc *a, jb_ctx *quiet, const jb_doc *piece, int first);
void jb_wide_finish(jb_wide_acc *a, jb_docwide *out); /* frees a */
void jb_docwide_fini(jb_docwide *w);

typedef struct jb_scan {
  jb_facts_impl *f;
  const jb_gazetteer *g;
  const jb_doc *d;
  size_t doc;
  const uint32_t *t;
  size_t n;
  uint8_t *flags;
  size_t first_fact;
  jb_texpr *tx;
  size_t n_tx, cap_tx;
  int ref_year, ref_month; /* date of the report (dateline, delivery line, title), or 0 */
  int ref_day;
  int report_year;         /* the year a report reviews (a 2023 统计公报: 2023), or 0 */
  int doc_kind;            /* DOC_OTHER, DOC_WORK_REPORT (政府工作报告), DOC_BULLETIN (统计公报) */
  long region;             /* the aided province the report is about (西藏, 新疆, 宁夏 …), or -1 */
  long aider;              /* the aiding side (the team's province, 我省), or -1 */
  int own;                 /* a place's own report (work report, bulletin): its province is context */
  jb_section *sec;
  size_t n_sec, cap_sec;
  jb_docwide *wide;        /* a piece of a larger document: its document-wide values; NULL = whole */
} jb_scan;

enum { DOC_OTHER = 0, DOC_WORK_REPORT, DOC_BULLETIN };

/* scan.c: a new fact of the document being scanned (normalized span). */
jb_fact *jb_new_fact(jb_scan *s, size_t ns, size_t ne, jb_fact_kind kind);
void jb_set_unit(jb_fact *x, const char *u);
void jb_set_value(jb_fact *x, double v, int overflow);
/* forms.c: forms without a plain number + unit (2024-03-31 09:38, 24日, 两位数, 上万人,
 * 突破百万吨, 清零, “28+10”项, 翻一番). The end of the form at i, or 0. */
size_t jb_special_form(jb_scan *s, size_t i);
/* labels.c: numbers that name (四件大事, 五年规划, 8县, 500千伏输变电, titles). */
int jb_label_after(const jb_scan *s, size_t p, size_t k, size_t e, int cls);
size_t jb_fixed_set(const jb_scan *s, size_t k);
int jb_names_document(const jb_scan *s, size_t p);
/* Label forms of a Chinese numeral not followed by a unit (一是, 二十大, 一中, 两省). */
size_t jb_chinese_label(jb_scan *s, size_t p, const jb_num *a);
int jb_clause_start(const jb_scan *s, size_t p);  /* paragraph start or after punctuation */
void jb_set_unit_cps(jb_fact *x, const uint32_t *t, size_t a, size_t b);

void jb_scan_doc(jb_facts_impl *f, const jb_gazetteer *g, const jb_doc *d, size_t doc_index, jb_docwide *wide);
void jb_attribute(jb_scan *s);  /* measure, subject, place, period, series */
/* period.c: the report's date, its sections, and every fact's period and cut-off. */
void jb_doc_anchors(jb_scan *s);
void jb_sections(jb_scan *s);
void jb_assign_periods(jb_scan *s);
/* period_total.c: totals no single year holds. */
void jb_add_open_since(jb_scan *s);
enum { TOTAL_KEEP, TOTAL_UNDATED /* no period */, TOTAL_SO_FAR /* no period, as_of the report's date */ };
/* scope: the scope's type (-1 none); own_sentence: an expression of the fact's sentence set
 * it; lead_only: it is the frame of a news item's lead, nothing of the paragraph's own. */
int jb_total_period(const jb_scan *s, const jb_fact *x, int scope, int own_sentence, int lead_only,
                    jb_span para);
/* The innermost section holding pos, moving forward from *cursor (start at -1). */
const jb_section *jb_section_next(const jb_scan *s, size_t pos, long *cursor);
/* attrib.c: a piece's scan starts inside the sections the pieces before left open */
void jb_sections_carry_in(jb_scan *s);
void jb_sections_carry_out(jb_scan *s);
/* status.c: actual / target / estimate of every quantity. */
void jb_assign_status(jb_scan *s);
enum { CUE_TARGET = 1, CUE_ESTIMATE, CUE_ACTUAL, CUE_MODAL };
void jb_status_lexicons(jb_gazetteer *g); /* fills cues, verbs, tasks, results, aid */
/* series.c: 分别 lists and their dimension. */
typedef struct jb_mention {
  size_t pos, end;
  long place;
  long lex;   /* the gazetteer entry matched (its form: full, former, short), or -1 */
  int dest;   /* after 在/赴/到/来: where something goes or happens */
  int origin; /* 引进江苏企业, 上海专家, 江苏援藏: who gives, not where it happens */
  int venue;  /* 在拉萨召开: where a meeting was held, not where the facts happen */
} jb_mention;
void jb_series(jb_scan *s, const jb_mention *m, size_t nm, char **cache);
/* roles.c: venues, aiding lists, the aiding side, origins, names as written. */
void jb_mark_roles(jb_scan *s, jb_mention *m, size_t nm);
/* Occurrences of aid words (援藏, 对口支援 …) in t, at most 2 counted: 2 = a report about aid. */
int jb_aid_hits(const uint32_t *t, size_t n);
/* plain, orig: per place, its mentions (not venues) not as an origin, as an origin. */
long jb_doc_aider(jb_ctx *ctx, const jb_gazetteer *g, long region, int aid_doc, const size_t *plain,
                  const size_t *orig);
void jb_assign_origins(jb_scan *s, const jb_mention *m, size_t nm, char **cache);
typedef struct jb_written {
  jb_scan *s;
  const jb_mention *m;
  size_t nm, mi;
  long *last;     /* per place: its latest mention so far */
  long *former;   /* per place: a mention by a former name, or -1 */
  char *full;     /* per place: named by its full current name somewhere */
} jb_written;
void jb_written_init(jb_written *w, jb_scan *s, const jb_mention *m, size_t nm);
char *jb_written_at(jb_written *w, size_t pos, long place); /* call with growing pos */
void jb_written_fini(jb_written *w);
char *jb_place_name(jb_scan *s, char **cache, long pl);
int jb_place_joiners(const jb_scan *s, size_t a, size_t b);
int jb_only_joiners(const jb_scan *s, size_t a, size_t b);
long jb_new_series(jb_facts_impl *f, size_t doc, jb_series_dim dim, size_t first, size_t last);
/* tables.c: the facts of table cells (units and measures from the headers,
 * rows or columns as series) among the facts of doc from index first; then
 * series left empty dropped. */
void jb_table_facts(jb_facts_impl *f, const jb_gazetteer *g, const jb_doc *d, size_t doc, size_t first);
void jb_series_compact(jb_facts_impl *f);
/* series_more.c: series without 分别: 从2015年的A增长到2020年的B (time), 城乡居民收入
 * 26096元和10736元 (category), parallel measures (第一产业增加值…；第二产业增加值…). */
void jb_series_more(jb_scan *s);
/* series_rows.c: rows after ；with the same figures (one category series per column)
 * and named items joined by 、和及 (建成城镇12个、乡村39个). */
/* Calls each fn on the facts [a, b) of every paragraph, in text order. */
typedef void (*jb_para_fn)(jb_scan *s, size_t a, size_t b);
void jb_each_paragraph(jb_scan *s, const jb_para_fn *fns, size_t n);
void jb_series_rows(jb_scan *s);
/* series_parts.c: parts of a stated total, parts of a year (一季度 … 全年), sentences
 * opened by successive years, two columns of named items, slash pairs (8℃/23℃). */
void jb_series_parts(jb_scan *s);
int jb_series_categories(const jb_scan *s, size_t pos, size_t count, size_t *a, size_t *b);
void jb_find_checks(jb_scan *s);
void jb_add_texpr(jb_scan *s, size_t pos, size_t end, int type, int y1, int y2, int month);

/* Clause and segment separators, tested on every character: switches, not sets. */
static inline int jb_clause_sep(uint32_t c) {
  switch (c) {
  case '\n': case ',': case ';': case '!': case '?':
  case 0xFF0C: case 0xFF1B: case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF1A: return 1;
  default: return 0;
  }
}
static inline int jb_segment_sep(uint32_t c) {
  switch (c) {
  case '\n': case ';': case '!': case '?':
  case 0xFF1B: case 0x3002: case 0xFF01: case 0xFF1F: return 1;
  default: return 0;
  }
}

/* Helpers shared by scan.c and attrib.c. */
int jb_match_ascii_cn(const uint32_t *t, size_t n, size_t i, const char *utf8);
size_t jb_match_any(const uint32_t *t, size_t n, size_t i, const char *const *words);
size_t jb_match_any_before(const uint32_t *t, size_t i, const char *const *words);
char *jb_cps_utf8(jb_ctx *ctx, const uint32_t *t, size_t s, size_t e);

/* Whether c is one of the characters of set (UTF-8). */
int jb__cp_in(uint32_t c, const char *set);

/* Tests at a number shared by scan.c and dates.c (inline: they run at every number). */
static inline int jb_starts_number(const jb_scan *s, size_t i) {
  uint32_t c = i < s->n ? s->t[i] : 0;
  return jb_is_digit(c) || jb_is_cn_numeral(c);
}
static inline int jb_parse_num_at(const jb_scan *s, size_t i, jb_num *x) {
  if (jb_is_digit(i < s->n ? s->t[i] : 0)) return jb_parse_arabic(s->t, s->n, i, x);
  return jb_parse_chinese(s->t, s->n, i, x);
}
static inline int jb_small_int(const jb_num *x, int lo, int hi) {
  return x->integer && !x->overflow && x->value >= lo && x->value <= hi;
}
static inline int jb_is_year(const jb_num *x) {
  return jb_small_int(x, 1900, 2100) && (x->positional || (!x->chinese && x->ndigits == 4));
}
static inline int jb_is_range_conn(uint32_t c) { return jb__cp_in(c, "至到-—–~～－"); }
/* The unit or classifier at k: index into jb_units (or -1) and its length. */
static inline long jb_unit_at(const jb_scan *s, size_t k, size_t *len) {
  long e = jb_lex_match(&s->g->units, s->t, s->n, k);
  if (e < 0) {
    if (len) *len = 0;
    return -1;
  }
  if (len) *len = s->g->units.e[e].n;
  return s->g->units.e[e].payload;
}
/* dates.c: years and dates at a number (2022年底, 2024年3月5日, 2010—2015年, 2015年以来,
 * “2023作风提升年”); a month without a year (7月底, 八月). The end, or 0. */
size_t jb_year_forms(jb_scan *s, size_t p, const jb_num *a);
size_t jb_month_fact(jb_scan *s, size_t p);

#endif
