/* Character classes shared by ingest and extract (internal header). */
#ifndef JB_INGEST_CJK_H
#define JB_INGEST_CJK_H

#include <stdint.h>

static inline int jb_is_han(uint32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007;
}

/* CJK and full-width punctuation, plus the curly quotes, dashes and ellipsis
 * that Chinese text uses; they make a "Chinese context" like a Han character. */
static inline int jb_is_cjk_punct(uint32_t c) {
  return (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65) || c == 0x201C || c == 0x201D || c == 0x2018 ||
         c == 0x2019 || c == 0x2014 || c == 0x2026 || c == 0xFE30 || c == 0xFF5E;
}

static inline int jb_is_chinese(uint32_t c) { return jb_is_han(c) || jb_is_cjk_punct(c); }

/* Horizontal white space (line breaks are not included). */
static inline int jb_is_hspace(uint32_t c) {
  return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0 || c == 0x202F ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x200B || c == 0xFEFF || c == '\v' || c == '\f';
}

static inline int jb_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static inline int jb_is_latin(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static inline int jb_is_alnum(uint32_t c) { return jb_is_digit(c) || jb_is_latin(c); }

#endif
