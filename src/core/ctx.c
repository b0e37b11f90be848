/* Context: allocation that aborts on exhaustion, one current error, a list of warnings. */
#define _POSIX_C_SOURCE 200809L
#include "jianbao/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct jb_ctx {
  jb_status status;
  char *error; /* NULL when none; as long as the message (a long file name must not cut off the reason) */
  char **warnings;
  size_t n_warnings, cap_warnings;
  jb_warn_fn warn_fn;
  void *warn_user;
};

static void out_of_memory(size_t n) {
  fprintf(stderr, "jianbao: out of memory (requested %zu bytes)\n", n);
  abort();
}

void *jb_malloc(jb_ctx *ctx, size_t n) {
  (void)ctx;
  void *p = malloc(n ? n : 1);
  if (!p) out_of_memory(n);
  return p;
}

void *jb_calloc(jb_ctx *ctx, size_t count, size_t size) {
  (void)ctx;
  if (size && count > SIZE_MAX / size) out_of_memory(SIZE_MAX);
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) out_of_memory(count * size);
  return p;
}

void *jb_realloc(jb_ctx *ctx, void *p, size_t n) {
  (void)ctx;
  void *q = realloc(p, n ? n : 1);
  if (!q) out_of_memory(n);
  return q;
}

/* Grows an array so that it holds at least `need` elements (doubling). */
void *jb_grow(jb_ctx *ctx, void *p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return p;
  size_t c = *cap ? *cap : 8;
  while (c < need) {
    if (c > SIZE_MAX / 2 / elem) out_of_memory(SIZE_MAX);
    c *= 2;
  }
  *cap = c;
  return jb_realloc(ctx, p, c * elem);
}

char *jb_strndup(jb_ctx *ctx, const char *s, size_t n) {
  char *d = jb_malloc(ctx, n + 1);
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

char *jb_strdup(jb_ctx *ctx, const char *s) { return jb_strndup(ctx, s, strlen(s)); }

void jb_free(jb_ctx *ctx, void *p) {
  (void)ctx;
  free(p);
}

jb_ctx *jb_ctx_new(void) { return jb_calloc(NULL, 1, sizeof(jb_ctx)); }

void jb_ctx_free(jb_ctx *ctx) {
  if (!ctx) return;
  free(ctx->error);
  for (size_t i = 0; i < ctx->n_warnings; i++) free(ctx->warnings[i]);
  free(ctx->warnings);
  free(ctx);
}

void jb_ctx_set_warn_handler(jb_ctx *ctx, jb_warn_fn fn, void *user) {
  ctx->warn_fn = fn;
  ctx->warn_user = user;
}

/* "file:line:col: " or "file: " or "path: " */
static void format_loc(jb_buf *out, jb_loc loc) {
  if (loc.file && loc.line > 0)
    jb_buf_printf(out, "%s:%d:%d: ", loc.file, loc.line, loc.col > 0 ? loc.col : 1);
  else if (loc.file && loc.offset >= 0)
    jb_buf_printf(out, "%s: offset %ld: ", loc.file, loc.offset);
  else if (loc.file)
    jb_buf_printf(out, "%s: ", loc.file);
  if (loc.path) jb_buf_printf(out, "%s: ", loc.path);
}

static char *format_message(jb_ctx *ctx, jb_loc loc, const char *kind, const char *fmt, va_list ap) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  format_loc(&b, loc);
  jb_buf_printf(&b, "%s: ", kind);
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  if (n > 0) {
    jb_buf_reserve(&b, (size_t)n);
    vsnprintf(b.data + b.len, (size_t)n + 1, fmt, ap2);
    b.len += (size_t)n;
  }
  va_end(ap2);
  return jb_buf_steal(&b);
}

jb_status jb_fail(jb_ctx *ctx, jb_status code, jb_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = format_message(ctx, loc, "error", fmt, ap); /* before freeing: an argument may be the old error */
  va_end(ap);
  free(ctx->error);
  ctx->error = msg;
  ctx->status = code;
  return code;
}

void jb_warn(jb_ctx *ctx, jb_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = format_message(ctx, loc, "warning", fmt, ap);
  va_end(ap);
  ctx->warnings = jb_grow(ctx, ctx->warnings, &ctx->cap_warnings, ctx->n_warnings + 1,
                          sizeof(char *));
  ctx->warnings[ctx->n_warnings++] = msg;
  if (ctx->warn_fn) ctx->warn_fn(ctx->warn_user, msg);
}

const char *jb_ctx_error(const jb_ctx *ctx) { return ctx->error ? ctx->error : ""; }
jb_status jb_ctx_status(const jb_ctx *ctx) { return ctx->status; }

void jb_ctx_clear_error(jb_ctx *ctx) {
  ctx->status = JB_OK;
  free(ctx->error);
  ctx->error = NULL;
}

size_t jb_ctx_warning_count(const jb_ctx *ctx) { return ctx->n_warnings; }

const char *jb_ctx_warning(const jb_ctx *ctx, size_t i) {
  return i < ctx->n_warnings ? ctx->warnings[i] : NULL;
}

double jb_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
