/* Context: allocation that aborts on exhaustion, one current error, a list of warnings. */
#define _POSIX_C_SOURCE 200809L
#include "jianbao/core.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A file read as input, so that no output replaces it. */
typedef struct jb_file_id {
  uint64_t dev, ino;
} jb_file_id;

struct jb_ctx {
  jb_status status;
  size_t max_input;      /* bytes; 0 = JB_MAX_INPUT_MB was malformed (bad_limit says why) */
  char *bad_limit;
  jb_file_id *inputs;
  size_t n_inputs, cap_inputs;
  int allow_paths;       /* paths in a briefing may point anywhere */
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

/* The input limit: JB_MAX_INPUT_MB whole megabytes (1 to 65536), default 64.
 * A malformed value is kept as a message that the first read reports. */
static void read_limit(jb_ctx *ctx) {
  const char *v = getenv("JB_MAX_INPUT_MB");
  ctx->max_input = (size_t)JB_MAX_INPUT_MB_DEFAULT << 20;
  if (!v || !*v) return;
  char *end;
  errno = 0;
  long mb = strtol(v, &end, 10);
  if (*v >= '0' && *v <= '9' && !*end && !errno && mb >= 1 && mb <= 65536) {
    ctx->max_input = (size_t)mb << 20;
    return;
  }
  ctx->max_input = 0;
  size_t n = strlen(v) + 80;
  ctx->bad_limit = jb_malloc(ctx, n);
  snprintf(ctx->bad_limit, n, "expected whole megabytes from 1 to 65536, got '%.40s'", v);
}

jb_ctx *jb_ctx_new(void) {
  jb_ctx *ctx = jb_calloc(NULL, 1, sizeof(jb_ctx));
  read_limit(ctx);
  return ctx;
}

size_t jb_ctx_max_input(const jb_ctx *ctx, const char **why) {
  if (why) *why = ctx->bad_limit;
  return ctx->max_input;
}

void jb_ctx_note_input(jb_ctx *ctx, uint64_t dev, uint64_t ino) {
  if (jb_ctx_is_input(ctx, dev, ino)) return;
  ctx->inputs = jb_grow(ctx, ctx->inputs, &ctx->cap_inputs, ctx->n_inputs + 1, sizeof(jb_file_id));
  ctx->inputs[ctx->n_inputs++] = (jb_file_id){dev, ino};
}

int jb_ctx_is_input(const jb_ctx *ctx, uint64_t dev, uint64_t ino) {
  for (size_t i = 0; i < ctx->n_inputs; i++)
    if (ctx->inputs[i].dev == dev && ctx->inputs[i].ino == ino) return 1;
  return 0;
}

void jb_ctx_free(jb_ctx *ctx) {
  if (!ctx) return;
  free(ctx->error);
  free(ctx->bad_limit);
  free(ctx->inputs);
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

void jb_ctx_set_allow_paths(jb_ctx *ctx, int allow) { ctx->allow_paths = allow; }
int jb_ctx_allow_paths(const jb_ctx *ctx) { return ctx->allow_paths; }

size_t jb_ctx_warning_count(const jb_ctx *ctx) { return ctx->n_warnings; }

const char *jb_ctx_warning(const jb_ctx *ctx, size_t i) {
  return i < ctx->n_warnings ? ctx->warnings[i] : NULL;
}

double jb_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}
