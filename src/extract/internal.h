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
  /* strings of the facts live in an arena: one allocation per 256 KB, not per field */
  char **chunks;
  size_t n_chunks, cap_chunks, chunk_left;
  char *chunk_pos;
} jb_facts_impl;

/* JSON writer (facts.c): a buffer handed to fn in pieces (fn NULL: kept whole). */
typedef struct jb_jw {
  jb_ctx *ctx;
  jb_buf b;
  jb_write_fn fn;
  void *user;
  jb_status st;  /* first error of fn */
} jb_jw;
void jb_jw_flush(jb_jw *w, int force);
/* One fact record (id = its 0-based position in the list), prev = the fact before it or NULL. */
void jb_jw_fact(jb_jw *w, const jb_fact *x, const jb_fact *prev, size_t id, const jb_doc *d);
/* base: offset added to the facts' spans (a piece of a file). */
void jb_jw_check(jb_jw *w, const jb_check *c, const jb_fact *items, int first, const char *doc, size_t base);
void jb_json_str(jb_buf *b, const char *s); /* a JSON string, or null for NULL */
const char *jb_base_name(const char *path);
/* Original offsets, text and sentence of the facts [first, n) of document d. */
void jb_facts_finish_doc(jb_facts_impl *f, const jb_doc *d, size_t first);

/* Copies into the facts' arena (NUL-terminated). */
char *jb_facts_strdup(jb_facts_impl *f, const char *s);
char *jb_facts_cps(jb_facts_impl *f, const uint32_t *t, size_t a, size_t b);

/* Time expressions found by the scan, used for periods (attrib.c). */
enum { TX_YEAR, TX_RANGE, TX_SINCE, TX_COMPARE, TX_RESET, TX_MONTH_SINCE };
typedef struct jb_texpr {
  size_t pos, end;   /* normalized */
  int type;
  int y1, y2, month; /* TX_RANGE: y1-y2; TX_MONTH_SINCE: y1-month起 */
} jb_texpr;

/* Character flags of a document. */
enum { F_QUOTE = 1, F_BOOK = 2, F_PAREN = 4, F_HEADING = 8 };

/* What the facts of a document share, found over the whole document: its
 * region, main place and main actor, its dateline. A
 * document extracted in pieces gathers them from every piece first. */
typedef struct jb_docwide {
  long region, home;
  char *actor;                 /* jb_malloc'd, or NULL */
  int ref_year, ref_month;     /* the dateline, 0 = none */
} jb_docwide;

typedef struct jb_wide_acc jb_wide_acc;
jb_wide_acc *jb_wide_new(jb_ctx *ctx, const jb_gazetteer *g);
void jb_wide_gather(jb_wide_acc *a, jb_facts_impl *f, const jb_doc *piece);
void jb_wide_finish(jb_wide_acc *a, jb_docwide *out); /* frees a */

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
  int ref_year, ref_month; /* date of the report (first dated sentence), or 0 */
  long region;             /* the aided province the report is about (西藏, 新疆, 宁夏 …), or -1 */
  jb_docwide *wide;        /* a piece of a document: its document-wide values; NULL = whole */
} jb_scan;

void jb_scan_doc(jb_facts_impl *f, const jb_gazetteer *g, const jb_doc *d, size_t doc_index, jb_docwide *wide);
/* The first dated day or month starting in d's first `limit` characters (the
 * dateline), as the whole-document scan would find it; 0 = none. */
void jb_scan_first_date(jb_facts_impl *f, const jb_gazetteer *g, const jb_doc *d, size_t limit, int *year,
                        int *month);
void jb_attribute(jb_scan *s);  /* measure, subject, place, period, series */
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

#endif
