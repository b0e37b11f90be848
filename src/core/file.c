/* Whole-file reads (regular files under a size limit) and atomic writes
 * (temporary file, fsync, rename, fsync of the folder). */
#define _POSIX_C_SOURCE 200809L
#include "jianbao/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static jb_loc at_file(const char *path) { return (jb_loc){path, 0, 0, -1, NULL}; }

static jb_status too_large(jb_ctx *ctx, const char *path, size_t limit) {
  return jb_fail(ctx, JB_ERR_LIMIT, at_file(path),
                 "larger than the input limit of %zu MB (set JB_MAX_INPUT_MB to raise it)", limit >> 20);
}

/* Reads at most limit bytes; one byte more is JB_ERR_LIMIT (the file may have
 * grown since fstat, and stdin has no size). */
static jb_status read_fd(jb_ctx *ctx, int fd, const char *path, size_t limit, size_t hint, char **data,
                         size_t *len) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  jb_buf_reserve(&b, hint ? hint + 1 : 65536); /* a file's size and a byte to see its end: one allocation */
  for (;;) {
    if (b.cap - b.len - 1 == 0) jb_buf_reserve(&b, 65536);
    size_t room = b.cap - b.len - 1; /* the buffer keeps room for the NUL */
    ssize_t n = read(fd, b.data + b.len, room < (1u << 30) ? room : (1u << 30));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      jb_buf_fini(&b);
      return jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot read: %s", strerror(err));
    }
    if (n == 0) break;
    b.len += (size_t)n;
    if (b.len > limit) {
      jb_buf_fini(&b);
      return too_large(ctx, path, limit);
    }
  }
  *len = b.len;
  b.data[b.len] = 0;
  *data = jb_buf_steal(&b);
  return JB_OK;
}

static const char *kind_of(mode_t m) {
  return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO" : S_ISCHR(m) ? "a character device"
       : S_ISBLK(m) ? "a block device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

jb_status jb_read_file(jb_ctx *ctx, const char *path, char **data, size_t *len) {
  const char *why;
  size_t limit = jb_ctx_max_input(ctx, &why);
  *data = NULL, *len = 0;
  if (!limit) return jb_fail(ctx, JB_ERR_INPUT, at_file("JB_MAX_INPUT_MB"), "%s", why);
  struct stat st;
  if (strcmp(path, "-") == 0) {
    if (fstat(0, &st) == 0 && S_ISREG(st.st_mode)) jb_ctx_note_input(ctx, (uint64_t)st.st_dev, (uint64_t)st.st_ino);
    return read_fd(ctx, 0, "<stdin>", limit, 0, data, len);
  }
  /* O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot open: %s", strerror(errno));
  jb_status s = JB_OK;
  if (fstat(fd, &st) != 0) s = jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot open: %s", strerror(errno));
  else if (!S_ISREG(st.st_mode))
    s = jb_fail(ctx, JB_ERR_INPUT, at_file(path), "is %s; inputs must be regular files ('-' reads standard input)",
                kind_of(st.st_mode));
  else if ((uint64_t)st.st_size > (uint64_t)limit) s = too_large(ctx, path, limit);
  if (!s) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    jb_ctx_note_input(ctx, (uint64_t)st.st_dev, (uint64_t)st.st_ino);
    s = read_fd(ctx, fd, path, limit, (size_t)st.st_size, data, len);
  }
  close(fd);
  return s;
}

static int write_all(int fd, const char *p, size_t len) {
  while (len) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    p += n, len -= (size_t)n;
  }
  return 1;
}

/* An existing output must be a regular file that is not one of the inputs. */
static jb_status check_target(jb_ctx *ctx, int dirfd, const char *name, const char *shown) {
  struct stat st;
  if (fstatat(dirfd, name, &st, 0) != 0) return JB_OK; /* absent (or a dangling link the rename replaces) */
  if (!S_ISREG(st.st_mode))
    return jb_fail(ctx, JB_ERR_IO, at_file(shown),
                   "the output exists and is %s, which is never replaced (use '-' for standard output)",
                   kind_of(st.st_mode));
  if (jb_ctx_is_input(ctx, (uint64_t)st.st_dev, (uint64_t)st.st_ino))
    return jb_fail(ctx, JB_ERR_INPUT, at_file(shown), "the output is also an input; writing it would destroy the input");
  return JB_OK;
}

/* A new temporary file beside name: O_EXCL and O_NOFOLLOW, so neither an
 * existing file nor a planted symbolic link is ever written through. */
static int open_temp(int dirfd, const char *name, char *tmp, size_t cap) {
  static const char az[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  unsigned long r = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16) ^ (unsigned long)(uintptr_t)tmp;
  for (int tries = 0; tries < 100; tries++) {
    char suffix[7];
    for (int i = 0; i < 6; i++) r = r * 6364136223846793005UL + 1442695040888963407UL, suffix[i] = az[(r >> 33) % 36];
    suffix[6] = 0;
    snprintf(tmp, cap, ".%.200s.tmp%s", name, suffix);
    int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666); /* umask applies */
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

jb_status jb_write_file_at(jb_ctx *ctx, int dirfd, const char *name, const char *shown, const void *data,
                           size_t len, int sync_dir) {
  jb_status st = check_target(ctx, dirfd, name, shown);
  if (st) return st;
  char tmp[256];
  int fd = open_temp(dirfd, name, tmp, sizeof tmp);
  if (fd < 0) return jb_fail(ctx, JB_ERR_IO, at_file(shown), "cannot write: %s", strerror(errno));
  int ok = write_all(fd, data, len) && fsync(fd) == 0; /* the data is on disk before the name points to it */
  int err = errno;
  if (close(fd) != 0 && ok) ok = 0, err = errno;
  if (ok && renameat(dirfd, tmp, dirfd, name) != 0) ok = 0, err = errno;
  if (!ok) {
    unlinkat(dirfd, tmp, 0);
    return jb_fail(ctx, JB_ERR_IO, at_file(shown), "cannot write: %s", strerror(err));
  }
  if (sync_dir) fsync(dirfd); /* the rename itself survives a crash */
  return JB_OK;
}

jb_status jb_write_file_atomic(jb_ctx *ctx, const char *path, const void *data, size_t len) {
  if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
    if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0) /* after any dump printed there */
      return jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot write to standard output: %s", strerror(errno));
    return JB_OK;
  }
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
    return jb_fail(ctx, JB_ERR_IO, at_file(path), "the output must name a file, not a folder");
  char *dir = slash ? jb_strndup(ctx, path, slash == path ? 1 : (size_t)(slash - path)) : jb_strdup(ctx, ".");
  int dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  jb_status st;
  if (dirfd < 0) st = jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot write: %s", strerror(errno));
  else st = jb_write_file_at(ctx, dirfd, name, path, data, len, 1);
  if (dirfd >= 0) close(dirfd);
  jb_free(ctx, dir);
  return st;
}

/* ---- atomic writes in pieces ------------------------------------------------ */

struct jb_out {
  jb_ctx *ctx;
  char *path;       /* as given, for messages */
  char *name;       /* the file's name in dirfd; NULL for stdout */
  char tmp[256];    /* the temporary file beside it */
  int dirfd;
  FILE *f;
  int err;          /* errno of the first failed write, 0 if none */
};

static void out_free(jb_out *o) {
  if (o->dirfd >= 0) close(o->dirfd);
  jb_free(o->ctx, o->name);
  jb_free(o->ctx, o->path);
  jb_free(o->ctx, o);
}

/* The checks of jb_write_file_atomic (a file name, not a folder; an existing
 * output must be a regular file and not an input; a new O_EXCL temporary file
 * beside it), made before anything is written. */
jb_status jb_out_open(jb_ctx *ctx, const char *path, jb_out **out) {
  *out = NULL;
  jb_out *o = jb_calloc(ctx, 1, sizeof *o);
  o->ctx = ctx, o->dirfd = -1;
  o->path = jb_strdup(ctx, path);
  if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
    o->f = stdout;
    *out = o;
    return JB_OK;
  }
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  jb_status st = JB_OK;
  if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
    st = jb_fail(ctx, JB_ERR_IO, at_file(path), "the output must name a file, not a folder");
  if (!st) {
    char *dir = slash ? jb_strndup(ctx, path, slash == path ? 1 : (size_t)(slash - path)) : jb_strdup(ctx, ".");
    o->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    jb_free(ctx, dir);
    if (o->dirfd < 0) st = jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot write: %s", strerror(errno));
  }
  if (!st) st = check_target(ctx, o->dirfd, name, path);
  if (!st) {
    int fd = open_temp(o->dirfd, name, o->tmp, sizeof o->tmp);
    if (fd >= 0 && !(o->f = fdopen(fd, "wb"))) close(fd), unlinkat(o->dirfd, o->tmp, 0);
    if (!o->f) st = jb_fail(ctx, JB_ERR_IO, at_file(path), "cannot write: %s", strerror(errno));
  }
  if (st) {
    out_free(o);
    return st;
  }
  o->name = jb_strdup(ctx, name);
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

jb_status jb_out_commit(jb_out *o) {
  if (!o->err && fflush(o->f) != 0) o->err = errno ? errno : EIO;
  if (o->name) {
    if (!o->err && fsync(fileno(o->f)) != 0) o->err = errno; /* the data is on disk before the name points to it */
    if (fclose(o->f) != 0 && !o->err) o->err = errno;
    if (!o->err && renameat(o->dirfd, o->tmp, o->dirfd, o->name) != 0) o->err = errno;
    if (o->err) unlinkat(o->dirfd, o->tmp, 0);
    else fsync(o->dirfd); /* the rename itself survives a crash */
  }
  jb_status st = JB_OK;
  if (o->err)
    st = jb_fail(o->ctx, JB_ERR_IO, at_file(o->name ? o->path : "<stdout>"), "cannot write: %s", strerror(o->err));
  out_free(o);
  return st;
}

void jb_out_abort(jb_out *o) {
  if (!o) return;
  if (o->name) {
    fclose(o->f);
    unlinkat(o->dirfd, o->tmp, 0);
  } else {
    fflush(o->f);
  }
  out_free(o);
}
