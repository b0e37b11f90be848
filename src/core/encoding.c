/* Text that is not UTF-8: a located error naming the likely encoding (UTF-16
 * by its byte-order mark or NUL bytes, GB 18030/GBK by its byte pattern) with
 * a conversion command, until the readers decode them themselves. */
#include <string.h>

#include "jianbao/core.h"

/* UTF-8 with a stray byte, not another encoding: in the first 64 KB, more
 * valid multi-byte characters than twice the invalid bytes (UTF-8 Chinese
 * also reads as GB 18030 pairs; GB 18030 rarely reads as UTF-8). */
int jb_mostly_utf8(const char *s, size_t n) {
  size_t lim = n < 65536 ? n : 65536, i = 0, good = 0, bad = 0;
  while (i < lim) {
    uint32_t cp;
    size_t k = jb_utf8_decode(s + i, n - i, &cp);
    if (!k) bad++, k = 1;
    else good += k > 1;
    i += k;
  }
  return good > 2 * bad;
}

/* Every non-ASCII byte of the first 64 KB starts a GB 18030 two- or
 * four-byte sequence (lead 81-FE; trail 40-7E or 80-FE, or 30-39 81-FE 30-39). */
static int looks_gb18030(const unsigned char *u, size_t n) {
  if (jb_mostly_utf8((const char *)u, n)) return 0;
  size_t lim = n < 65536 ? n : 65536, i = 0, seqs = 0;
  while (i < lim) {
    if (u[i] < 0x80) {
      i++;
      continue;
    }
    if (u[i] < 0x81 || u[i] == 0xFF || i + 1 >= n) return 0;
    unsigned t = u[i + 1];
    if ((t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFE)) i += 2;
    else if (t >= 0x30 && t <= 0x39 && i + 3 < n && u[i + 2] >= 0x81 && u[i + 2] <= 0xFE && u[i + 3] >= 0x30 &&
             u[i + 3] <= 0x39)
      i += 4;
    else
      return 0;
    seqs++;
  }
  return seqs > 0;
}

const char *jb_guess_encoding(const char *s, size_t n, int utf8_valid, const char **why) {
  const unsigned char *u = (const unsigned char *)s;
  if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) return *why = "it begins with a UTF-16 byte-order mark", "UTF-16LE";
  if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) return *why = "it begins with a UTF-16 byte-order mark", "UTF-16BE";
  size_t lim = n < 4096 ? n : 4096, even = 0, odd = 0;
  for (size_t i = 0; i < lim; i++) {
    if (u[i]) continue;
    if (i & 1) odd++;
    else even++;
  }
  if (even + odd >= 2 && (even + odd) * 10 >= lim) /* Latin in UTF-16: a NUL beside every letter */
    return *why = "every other byte is NUL", odd >= even ? "UTF-16LE" : "UTF-16BE";
  if (!utf8_valid && (!even) != (!odd)) /* Chinese in UTF-16 has few NULs, but all on one side (line ends) */
    return *why = "its NUL bytes all fall on one side of a pair", odd ? "UTF-16LE" : "UTF-16BE";
  if (!utf8_valid && looks_gb18030(u, n)) return *why = "its bytes form GB 18030 characters", "GB18030";
  return NULL;
}

void jb_text_line_col(const char *s, size_t n, size_t at, int *line, int *col) {
  int l = 1, c = 1;
  for (size_t i = 0; i < at && i < n; i++) {
    if (s[i] == '\n') l++, c = 1;
    else if (((unsigned char)s[i] & 0xC0) != 0x80) c++; /* a character, not a continuation byte */
  }
  *line = l, *col = c;
}

jb_status jb_check_text(jb_ctx *ctx, const char *name, const char *s, size_t n) {
  size_t bad = 0;
  int valid = jb_utf8_valid(s, n, &bad), line, col;
  const char *why, *enc = jb_guess_encoding(s, n, valid, &why); /* the first 4 KB; all of it only when invalid */
  const char *shown = strcmp(name, "<stdin>") && strcmp(name, "-") ? name : "FILE";
  int bom = n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'));
  if (enc) /* with a byte-order mark iconv's "UTF-16" reads and drops it */
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, 1, 1, -1, NULL},
                   "the text is %s, not UTF-8 (%s); convert it first: iconv -f %s -t UTF-8 %s > %s.utf8",
                   enc, why, bom ? "UTF-16" : enc, shown, shown);
  if (!valid) {
    jb_text_line_col(s, n, bad, &line, &col);
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, line, col, -1, NULL},
                   "invalid UTF-8 (byte 0x%02X); the text must be UTF-8 (to convert: iconv -f ENCODING -t UTF-8)",
                   (unsigned)(unsigned char)s[bad]);
  }
  const char *nul = memchr(s, 0, n); /* it would cut every C string made from the text short */
  if (nul) {
    jb_text_line_col(s, n, (size_t)(nul - s), &line, &col);
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){name, line, col, -1, NULL}, "NUL byte; the text must be UTF-8 text");
  }
  return JB_OK;
}
