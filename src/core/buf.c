/* Byte buffers with locale-independent number formatting (PDF content needs '.'). */
#include "jianbao/core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jb_buf_init(jb_buf *b, jb_ctx *ctx) {
  b->ctx = ctx;
  b->data = NULL;
  b->len = b->cap = 0;
}

void jb_buf_fini(jb_buf *b) {
  jb_free(b->ctx, b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

/* The buffers take most of their bytes a few at a time (PDF content, JSON):
 * the common case, room enough, costs no call. */
void jb_buf_reserve(jb_buf *b, size_t extra) {
  if (b->len + extra + 1 > b->cap) b->data = jb_grow(b->ctx, b->data, &b->cap, b->len + extra + 1, 1);
}

void jb_buf_add(jb_buf *b, const void *p, size_t n) {
  jb_buf_reserve(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
}

void jb_buf_adds(jb_buf *b, const char *s) { jb_buf_add(b, s, strlen(s)); }

void jb_buf_addc(jb_buf *b, char c) {
  if (b->len + 2 > b->cap) jb_buf_reserve(b, 1);
  b->data[b->len++] = c;
  b->data[b->len] = 0;
}

void jb_buf_printf(jb_buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  jb_buf_reserve(b, 64); /* most fit: formatted once, in place */
  va_start(ap, fmt);
  va_copy(ap2, ap);
  size_t room = b->cap - b->len;
  int n = vsnprintf(b->data + b->len, room, fmt, ap);
  va_end(ap);
  if (n > 0 && (size_t)n >= room) {
    jb_buf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
  }
  if (n > 0) b->len += (size_t)n;
  b->data[b->len] = 0;
  va_end(ap2);
}

void jb_buf_add_int(jb_buf *b, long v) {
  char tmp[24];
  int i = sizeof tmp;
  unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
  do {
    tmp[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  if (v < 0) tmp[--i] = '-';
  jb_buf_add(b, tmp + i, sizeof tmp - i);
}

void jb_buf_add_num(jb_buf *b, double v, int decimals) {
  if (!isfinite(v)) v = 0;
  if (decimals > 6) decimals = 6;
  long scale = 1;
  for (int i = 0; i < decimals; i++) scale *= 10;
  long long q = llround(fabs(v) * scale);
  long long ip = q / scale, fp = q % scale;
  if (v < 0 && q) jb_buf_addc(b, '-');
  jb_buf_add_int(b, (long)ip);
  if (!fp) return;
  char frac[8];
  int n = decimals;
  for (int i = n - 1; i >= 0; i--) {
    frac[i] = (char)('0' + fp % 10);
    fp /= 10;
  }
  while (n > 0 && frac[n - 1] == '0') n--;
  jb_buf_addc(b, '.');
  jb_buf_add(b, frac, (size_t)n);
}

void jb_buf_add_utf8(jb_buf *b, uint32_t cp) {
  char tmp[4];
  size_t n = jb_utf8_encode(cp, tmp);
  jb_buf_add(b, tmp, n);
}

char *jb_buf_steal(jb_buf *b) {
  if (!b->data) jb_buf_reserve(b, 0), b->data[0] = 0;
  char *d = b->data;
  b->data = NULL;
  b->len = b->cap = 0;
  return d;
}

jb_status jb_buf_take(jb_buf *b, jb_status s, char **out, size_t *n) {
  if (s) {
    jb_buf_fini(b);
    return s;
  }
  jb_buf_reserve(b, 0);
  b->data[b->len] = 0;
  *n = b->len;
  *out = jb_buf_steal(b);
  return JB_OK;
}
