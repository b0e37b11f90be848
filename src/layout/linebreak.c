/* Break opportunities for Chinese paragraphs: UAX #14 from libunibreak,
 * tailored to clreq's GB-style line-start/line-end rules (typography.md §1.2),
 * and the character classes the spacing code needs. */
#include <linebreak.h>
#include <pthread.h>
#include <string.h>

#include "layout/para_imp.h"

static int in(uint32_t cp, const uint32_t *set, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (set[i] == cp) return 1;
  return 0;
}
#define IN(cp, arr) in((cp), (arr), sizeof(arr) / sizeof(arr)[0])

static const uint32_t OPENS[] = {0x201C, 0x2018, 0xFF08, 0x300A, 0x3008, 0x3010, 0x3016, 0x3014,
                                 0xFF3B, 0xFF5B, 0x300C, 0x300E, 0x3018, 0xFF5F};
static const uint32_t CLOSES[] = {0x201D, 0x2019, 0xFF09, 0x300B, 0x3009, 0x3011, 0x3017, 0x3015,
                                  0xFF3D, 0xFF5D, 0x300D, 0x300F, 0x3019, 0xFF60};
static const uint32_t PAUSES[] = {0xFF0C, 0x3001, 0xFF1A, 0xFF1B};
static const uint32_t STOPS[] = {0x3002, 0xFF01, 0xFF1F, 0xFF0E, 0x203C, 0x2047, 0x2048, 0x2049};
static const uint32_t DASHES[] = {0x2014, 0x2026, 0x22EF, 0x2E3A, 0x2E3B};
static const uint32_t CONNECTS[] = {0x2013, 0xFF5E, 0x301C};
static const uint32_t MIDDLES[] = {0x00B7, 0x30FB, 0x2027};
static const uint32_t SUFFIXES[] = {0x0025, 0xFF05, 0x2030, 0x2031, 0x2103, 0x2109, 0x00B0,
                                    0x2032, 0x2033};
static const uint32_t PREFIXES[] = {0x0024, 0xFF04, 0xFFE5, 0x00A5, 0x00A3, 0x20AC, 0xFFE1};

static int is_ideo(uint32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3FFFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3005 && c <= 0x3007) ||
         (c >= 0x3021 && c <= 0x3029) || (c >= 0x3041 && c <= 0x30FA) ||
         (c >= 0x30FC && c <= 0x30FF) || (c >= 0x3105 && c <= 0x312F) ||
         (c >= 0x31A0 && c <= 0x31FF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
         (c >= 0xFF41 && c <= 0xFF5A);
}

static int is_western(uint32_t c) {
  return (c > 0x20 && c < 0x7F) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x370 && c <= 0x52F) || (c >= 0x1E00 && c <= 0x1EFF) || c == 0xB0 ||
         c == 0x2030 || c == 0x2032 || c == 0x2033 || c == 0x20AC || c == 0xA3 || c == 0xA5;
}

static int is_mark(uint32_t c) { /* combining marks that never start a unit */
  return (c >= 0x300 && c <= 0x36F) || (c >= 0xF71 && c <= 0xF84) || (c >= 0xF8D && c <= 0xFBC) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) || c == 0x200D;
}

static int is_other_letter(uint32_t c) { /* scripts that separate words by other means */
  return (c >= 0xF40 && c <= 0xFBC) || (c >= 0xF00 && c <= 0xF03) || (c >= 0x590 && c <= 0x8FF) ||
         (c >= 0x900 && c <= 0xDFF) || (c >= 0xE00 && c <= 0xEFF) || (c >= 0x1000 && c <= 0x109F) ||
         (c >= 0x1780 && c <= 0x18AF) || is_mark(c);
}

jb_cc jb_cjk_class(uint32_t c) {
  if (c < 0x80) {
    if (c == 0x20 || c == 0x09) return JB_CC_SPACE;
    if (c == 0x2F) return JB_CC_SOLIDUS;
    return c > 0x20 && c < 0x7F ? JB_CC_WESTERN : JB_CC_OTHER;
  }
  if (is_ideo(c)) return JB_CC_HAN;
  if (IN(c, OPENS)) return JB_CC_OPEN;
  if (IN(c, CLOSES)) return JB_CC_CLOSE;
  if (IN(c, PAUSES)) return JB_CC_PAUSE;
  if (IN(c, STOPS)) return JB_CC_STOP;
  if (IN(c, DASHES)) return JB_CC_DASH;
  if (IN(c, CONNECTS)) return JB_CC_CONNECT;
  if (IN(c, MIDDLES)) return JB_CC_MIDDLE;
  if (c == 0xFF0F) return JB_CC_SOLIDUS;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200A && c != 0x2007) || c == 0x205F)
    return JB_CC_SPACE;
  if (c == 0xF0B || (c >= 0xF0D && c <= 0xF12) || c == 0xF14) return JB_CC_TSHEG;
  if (is_western(c)) return JB_CC_WESTERN;
  if (is_other_letter(c)) return JB_CC_LETTER;
  return JB_CC_OTHER;
}

/* GB-style NO_LINE_START (typography.md §1.2), plus the number suffixes. */
int jb_cjk_no_line_start(uint32_t c) {
  jb_cc k = jb_cjk_class(c);
  return k == JB_CC_CLOSE || k == JB_CC_PAUSE || k == JB_CC_STOP || k == JB_CC_CONNECT ||
         k == JB_CC_MIDDLE || k == JB_CC_SOLIDUS || c == 0xFF05 || c == 0x2030 || c == 0x2103;
}

/* GB-style NO_LINE_END: opening brackets and the solidus. */
int jb_cjk_no_line_end(uint32_t c) {
  jb_cc k = jb_cjk_class(c);
  return k == JB_CC_OPEN || k == JB_CC_SOLIDUS;
}

int jb_cjk_is_digit(uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
int jb_cjk_num_prefix(uint32_t c) { return IN(c, PREFIXES); }
int jb_cjk_num_suffix(uint32_t c) { return IN(c, SUFFIXES); }

/* A stand-in of the UAX #14 class clreq wants, so that libunibreak's pair
 * table gives the right answer: quotes as OP/CL, marks as NS. */
static uint32_t substitute(uint32_t c) {
  switch (jb_cjk_class(c)) {
  case JB_CC_OPEN: return 0xFF08;    /* （ OP */
  case JB_CC_CLOSE: return 0xFF09;   /* ） CL */
  case JB_CC_CONNECT:
  case JB_CC_MIDDLE: return 0x30FB;  /* ・ NS */
  case JB_CC_SOLIDUS: return c == 0xFF0F ? 0x30FB : c;
  default: return c;
  }
}

int jb_cjk_no_break_between(uint32_t a, uint32_t b) {
  if (jb_cjk_no_line_start(b) || jb_cjk_no_line_end(a)) return 1;
  if (a == b && jb_cjk_class(a) == JB_CC_DASH) return 1;  /* —— …… ⋯⋯ */
  if (jb_cjk_is_digit(a) && jb_cjk_num_suffix(b)) return 1;
  if (jb_cjk_num_prefix(a) && jb_cjk_is_digit(b)) return 1;
  return 0;
}

/* libunibreak's lookup index: without it every lookup scans the property table. */
static pthread_once_t lb_once = PTHREAD_ONCE_INIT;

/* Characters of measure words and units that follow a number (2600余人次,
 * 50个, 1.2亿元, 4次, 2022年): the number and up to four of them stay on one
 * line. A note call (①…⑳, ⑴…, ❶…) never starts a line. */
int jb_cjk_unit_char(uint32_t c) {
  /* in code-point order (three UTF-8 bytes each), searched by halves: asked once
   * per character of every paragraph */
  static const char units[] = "万个亩人亿件位余例倍元克公册分十千只台名吨周场处多天头套家届岁平年床度座张户所批支斤方"
                              "日时月期本条架栋株次班瓦百种秒立米类艘辆里间顷项";
  size_t lo = 0, hi = (sizeof units - 1) / 3;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const unsigned char *p = (const unsigned char *)units + 3 * mid;
    uint32_t m = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (uint32_t)(p[2] & 0x3F);
    if (m == c) return 1;
    if (m < c) lo = mid + 1;
    else hi = mid;
  }
  return 0;
}

static int note_call(uint32_t c) {
  return (c >= 0x2460 && c <= 0x24FF) || (c >= 0x2776 && c <= 0x2793) || (c >= 0x3251 && c <= 0x325F) ||
         (c >= 0x32B1 && c <= 0x32BF);
}

static void bind_numbers(const uint32_t *text, size_t n, char *brk) {
  for (size_t i = 0; i + 1 < n; i++) {
    if (note_call(text[i + 1]) && brk[i] == JB_BRK_ALLOW) brk[i] = JB_BRK_NONE;
    if (!jb_cjk_is_digit(text[i])) continue;
    size_t u = i + 1; /* 0.37 万人 (a converted PDF's space): the unit still holds to its number */
    if (u + 1 < n && (text[u] == ' ' || text[u] == 0x3000) && jb_cjk_unit_char(text[u + 1])) {
      if (brk[i] == JB_BRK_ALLOW) brk[i] = JB_BRK_NONE;
      u++;
    }
    if (!jb_cjk_unit_char(text[u])) continue;
    for (size_t k = u - 1, m = 0; k + 1 < n && m < 4 && jb_cjk_unit_char(text[k + 1]); k++, m++)
      if (brk[k] == JB_BRK_ALLOW) brk[k] = JB_BRK_NONE;
  }
}

void jb_para_breaks(jb_ctx *ctx, const uint32_t *text, size_t n, char *brk) {
  if (n == 0) return;
  pthread_once(&lb_once, init_linebreak);
  uint32_t *sub = jb_malloc(ctx, n * sizeof *sub);
  for (size_t i = 0; i < n; i++) sub[i] = substitute(text[i]);
  set_linebreaks_utf32((const utf32_t *)sub, n, "zh", brk);
  jb_free(ctx, sub);
  for (size_t i = 0; i + 1 < n; i++) {
    if (brk[i] == LINEBREAK_MUSTBREAK) brk[i] = JB_BRK_MUST;
    else if (brk[i] == LINEBREAK_ALLOWBREAK && !jb_cjk_no_break_between(text[i], text[i + 1]))
      brk[i] = JB_BRK_ALLOW;
    else brk[i] = JB_BRK_NONE;
  }
  brk[n - 1] = JB_BRK_MUST;
  bind_numbers(text, n, brk);
}
