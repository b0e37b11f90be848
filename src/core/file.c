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
