/* Whole-file reads and atomic writes (temporary file + rename). */
#define _POSIX_C_SOURCE 200809L
#include "jianbao/core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static jb_status read_stream(jb_ctx *ctx, FILE *f, const char *path, char **data, size_t *len) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) jb_buf_add(&b, chunk, n);
  if (ferror(f)) {
    jb_buf_fini(&b);
    return jb_fail(ctx, JB_ERR_IO, (jb_loc){path, 0, 0, -1, NULL}, "cannot read: %s",
                   strerror(errno));
  }
  *len = b.len;
  *data = jb_buf_steal(&b);
  return JB_OK;
}

jb_status jb_read_file(jb_ctx *ctx, const char *path, char **data, size_t *len) {
  if (strcmp(path, "-") == 0) return read_stream(ctx, stdin, "<stdin>", data, len);
  FILE *f = fopen(path, "rb");
  if (!f)
    return jb_fail(ctx, JB_ERR_IO, (jb_loc){path, 0, 0, -1, NULL}, "cannot open: %s",
                   strerror(errno));
  jb_status st = read_stream(ctx, f, path, data, len);
  fclose(f);
  return st;
}

static jb_status write_all(FILE *f, const void *data, size_t len) {
  if (len && fwrite(data, 1, len, f) != len) return JB_ERR_IO;
  return fflush(f) == 0 ? JB_OK : JB_ERR_IO;
}

jb_status jb_write_file_atomic(jb_ctx *ctx, const char *path, const void *data, size_t len) {
  jb_loc loc = {path, 0, 0, -1, NULL};
  if (strcmp(path, "-") == 0) {
    if (write_all(stdout, data, len) != JB_OK)
      return jb_fail(ctx, JB_ERR_IO, loc, "cannot write to standard output");
    return JB_OK;
  }
  size_t n = strlen(path);
  char *tmp = jb_malloc(ctx, n + 16);
  snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    jb_status st = jb_fail(ctx, JB_ERR_IO, loc, "cannot write: %s", strerror(errno));
    jb_free(ctx, tmp);
    return st;
  }
  mode_t mask = umask(0); /* mkstemp makes 0600; give the file the usual mode */
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE *f = fdopen(fd, "wb");
  jb_status st = f ? write_all(f, data, len) : JB_ERR_IO;
  int err = errno;
  if (f && fclose(f) != 0 && st == JB_OK) st = JB_ERR_IO, err = errno;
  if (!f) close(fd);
  if (st == JB_OK && rename(tmp, path) != 0) st = JB_ERR_IO, err = errno;
  if (st != JB_OK) {
    unlink(tmp);
    jb_fail(ctx, JB_ERR_IO, loc, "cannot write: %s", strerror(err));
  }
  jb_free(ctx, tmp);
  return st;
}

/* ---- atomic writes in pieces ------------------------------------------------ */

struct jb_out {
  jb_ctx *ctx;
  char *path, *tmp; /* tmp NULL for stdout */
  FILE *f;
  int err;          /* errno of the first failed write, 0 if none */
};

jb_status jb_out_open(jb_ctx *ctx, const char *path, jb_out **out) {
  jb_out *o = jb_calloc(ctx, 1, sizeof *o);
  o->ctx = ctx;
  o->path = jb_strdup(ctx, path);
  *out = NULL;
  if (strcmp(path, "-") == 0) {
    o->f = stdout;
  } else {
    size_t n = strlen(path);
    o->tmp = jb_malloc(ctx, n + 16);
    snprintf(o->tmp, n + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
      jb_status st = jb_fail(ctx, JB_ERR_IO, (jb_loc){path, 0, 0, -1, NULL}, "cannot write: %s", strerror(errno));
      if (fd >= 0) close(fd), unlink(o->tmp);
      jb_free(ctx, o->tmp), jb_free(ctx, o->path), jb_free(ctx, o);
      return st;
    }
    mode_t mask = umask(0); /* mkstemp makes 0600; give the file the usual mode */
    umask(mask);
    fchmod(fd, 0666 & ~mask);
  }
  *out = o;
  return JB_OK;
}

jb_status jb_out_write(void *out, const void *data, size_t len) {
  jb_out *o = out;
  if (!o->err && len && fwrite(data, 1, len, o->f) != len) o->err = errno ? errno : EIO;
  if (o->err)
    return jb_fail(o->ctx, JB_ERR_IO, (jb_loc){o->path, 0, 0, -1, NULL}, "cannot write: %s", strerror(o->err));
  return JB_OK;
}

static void out_free(jb_out *o) {
  jb_free(o->ctx, o->tmp);
  jb_free(o->ctx, o->path);
  jb_free(o->ctx, o);
}

jb_status jb_out_commit(jb_out *o) {
  if (!o->err && fflush(o->f) != 0) o->err = errno;
  if (o->tmp) {
    if (fclose(o->f) != 0 && !o->err) o->err = errno;
    if (!o->err && rename(o->tmp, o->path) != 0) o->err = errno;
    if (o->err) unlink(o->tmp);
  }
  jb_status st = JB_OK;
  if (o->err)
    st = jb_fail(o->ctx, JB_ERR_IO, (jb_loc){o->tmp ? o->path : "<stdout>", 0, 0, -1, NULL}, "cannot write: %s",
                 strerror(o->err));
  out_free(o);
  return st;
}

void jb_out_abort(jb_out *o) {
  if (!o) return;
  if (o->tmp) {
    fclose(o->f);
    unlink(o->tmp);
  } else {
    fflush(o->f);
  }
  out_free(o);
}
