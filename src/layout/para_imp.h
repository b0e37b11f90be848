/* Private to the paragraph engine: character classes for clreq spacing and
 * line-break rules, and the tailored UAX #14 break opportunities. */
#ifndef JB_PARA_IMP_H
#define JB_PARA_IMP_H

#include <stdint.h>

#include "jianbao/core.h"

/* What a character is for spacing (clreq §3, GB/T 15834 widths). */
typedef enum jb_cc {
  JB_CC_OTHER,      /* symbols, ideographic space, anything not listed */
  JB_CC_HAN,        /* ideographs, kana, hangul, bopomofo, full-width alphanumerics */
  JB_CC_WESTERN,    /* Latin/Greek/Cyrillic letters, digits, ASCII symbols */
  JB_CC_LETTER,     /* letters of other scripts (Tibetan, ...): part of a word */
  JB_CC_TSHEG,      /* Tibetan tsheg and shad: a word ends after it */
  JB_CC_SPACE,      /* U+0020 and other breaking spaces: inter-word glue */
  JB_CC_OPEN,       /* opening brackets and quotes: blank on the left */
  JB_CC_CLOSE,      /* closing brackets and quotes: blank on the right */
  JB_CC_PAUSE,      /* ，、：； blank on the right, squeezed early */
  JB_CC_STOP,       /* 。！？． blank on the right, squeezed last */
  JB_CC_DASH,       /* — … ⋯ ⸺ ⸻: centred, never split, never adjusted */
  JB_CC_CONNECT,    /* – ～ 〜: centred connectors, fixed */
  JB_CC_MIDDLE,     /* · ・ ‧: interpunct, fixed ½ em */
  JB_CC_SOLIDUS     /* / ／ */
} jb_cc;

jb_cc jb_cjk_class(uint32_t cp);
int jb_cjk_no_line_start(uint32_t cp);
int jb_cjk_no_line_end(uint32_t cp);
int jb_cjk_is_digit(uint32_t cp);
int jb_cjk_num_prefix(uint32_t cp);
int jb_cjk_num_suffix(uint32_t cp);
int jb_cjk_unit_char(uint32_t cp); /* a measure word or unit after a number: 个 年 月 日 万 … */
/* The clreq prohibitions between two adjacent code points (line start/end
 * marks, —— and ……, a number and its prefix or suffix). */
int jb_cjk_no_break_between(uint32_t a, uint32_t b);

/* Break opportunity after text[i] (between text[i] and text[i+1]). */
enum {
  JB_BRK_NONE = 0,
  JB_BRK_ALLOW = 1,
  JB_BRK_MUST = 2
};

/* Fills brk[0..n) with JB_BRK_*: libunibreak's UAX #14 (lang zh) on a copy of
 * the text where quotes and marks are replaced by characters of the class clreq
 * wants, then the GB-style line-start/line-end prohibitions and the never-split
 * rules on top. brk[n-1] is JB_BRK_MUST. */
void jb_para_breaks(jb_ctx *ctx, const uint32_t *text, size_t n, char *brk);

/* jb_para_layout on a character grid (para_grid.c); out->x is allocated. */
struct jb_shaped;
struct jb_para_style;
struct jb_para;
jb_status jb_para_grid(jb_ctx *ctx, const struct jb_shaped *s, const struct jb_para_style *st, struct jb_para *out);

#endif
