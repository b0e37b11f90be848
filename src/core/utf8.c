/* Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
#include "jianbao/core.h"

#include <utf8proc.h>

size_t jb_utf8_decode(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (n == 0) return 0;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  size_t len;
  uint32_t c, min;
  if ((u[0] & 0xE0) == 0xC0) len = 2, c = u[0] & 0x1F, min = 0x80;
  else if ((u[0] & 0xF0) == 0xE0) len = 3, c = u[0] & 0x0F, min = 0x800;
  else if ((u[0] & 0xF8) == 0xF0) len = 4, c = u[0] & 0x07, min = 0x10000;
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80) return 0;
    c = (c << 6) | (u[i] & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return len;
}

size_t jb_utf8_count(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
  return n;
}

size_t jb_utf8_encode(uint32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

int jb_utf8_valid(const char *s, size_t n, size_t *bad) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (u[i] < 0x80) {
      i++;
      continue;
    }
    /* Chinese text: mostly three-byte characters outside the surrogates, checked here */
    if (u[i] >= 0xE1 && u[i] <= 0xEC && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
      i += 3;
      continue;
    }
    uint32_t cp;
    size_t k = jb_utf8_decode(s + i, n - i, &cp);
    if (!k) {
      if (bad) *bad = i;
      return 0;
    }
    i += k;
  }
  return 1;
}

size_t jb_utf8_to_cps(jb_ctx *ctx, const char *s, size_t n, uint32_t **out) {
  uint32_t *cps = jb_malloc(ctx, (n + 1) * sizeof(uint32_t));
  size_t count = 0, i = 0;
  while (i < n) {
    uint32_t cp;
    size_t k = jb_utf8_decode(s + i, n - i, &cp);
    if (!k) cp = 0xFFFD, k = 1;
    cps[count++] = cp;
    i += k;
  }
  *out = cps;
  return count;
}

/* Characters that always start a cluster after anything except a Prepend
 * character (ASCII and Latin-1, CJK ideographs and punctuation): the fast path
 * for reports, where utf8proc's property lookup would cost a fifth of ingest. */
static int starts_cluster(uint32_t c) {
  return (c < 0x300 && c != 0x200D) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF9D);
}

int jb_cluster_keep_slow(jb_cluster *g, uint32_t c) {
  int brk;
  if (starts_cluster(c) || !g->prev) {
    brk = 1;
    g->state = 0;
  } else {
    brk = utf8proc_grapheme_break_stateful((utf8proc_int32_t)g->prev, (utf8proc_int32_t)c, &g->state);
  }
  if (brk) {
    g->len = 1, g->dropped = 0, g->prev = c;
    return 1;
  }
  if (g->len >= JB_MAX_CLUSTER) {
    g->dropped++;
    return 0;
  }
  g->len++, g->prev = c;
  return 1;
}
