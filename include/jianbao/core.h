/* jianbao core: context, allocation, diagnostics, byte buffers, UTF-8.
 * Every function that can fail takes a jb_ctx first and returns a jb_status;
 * the message (with its location) is kept in the context. */
#ifndef JIANBAO_CORE_H
#define JIANBAO_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define JB_VERSION "0.1.0"

typedef enum jb_status {
  JB_OK = 0,
  JB_ERR_IO,       /* cannot read or write a file */
  JB_ERR_INPUT,    /* bad user input: encoding, syntax, schema */
  JB_ERR_FONT,     /* a font is missing or unusable */
  JB_ERR_LIMIT,    /* input exceeds a documented limit */
  JB_ERR_INTERNAL  /* a library call failed unexpectedly */
} jb_status;

/* Where a diagnostic points: a file position, a byte offset or a JSON path.
 * Unknown parts are 0 / NULL. */
typedef struct jb_loc {
  const char *file;
  int line, col;       /* 1-based; 0 = unknown */
  long offset;         /* byte or code-point offset, -1 = unknown */
  const char *path;    /* JSON path such as blocks[3].rows[2] */
} jb_loc;

#define JB_LOC_NONE ((jb_loc){NULL, 0, 0, -1, NULL})

typedef struct jb_ctx jb_ctx;

/* Receives each warning as it is issued (message already formatted). */
typedef void (*jb_warn_fn)(void *user, const char *message);

jb_ctx *jb_ctx_new(void);
void jb_ctx_free(jb_ctx *ctx);
void jb_ctx_set_warn_handler(jb_ctx *ctx, jb_warn_fn fn, void *user);

/* Allocation: aborts with a message on exhaustion, so callers never check. */
void *jb_malloc(jb_ctx *ctx, size_t n);
void *jb_calloc(jb_ctx *ctx, size_t count, size_t size);
void *jb_realloc(jb_ctx *ctx, void *p, size_t n);
void *jb_grow(jb_ctx *ctx, void *p, size_t *cap, size_t need, size_t elem);
char *jb_strdup(jb_ctx *ctx, const char *s);
char *jb_strndup(jb_ctx *ctx, const char *s, size_t n);
void jb_free(jb_ctx *ctx, void *p);

/* Records an error ("file:line:col: error: ...") and returns code. */
jb_status jb_fail(jb_ctx *ctx, jb_status code, jb_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Adds a warning, forwards it to the handler, and counts it. */
void jb_warn(jb_ctx *ctx, jb_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *jb_ctx_error(const jb_ctx *ctx);   /* "" when none */
jb_status jb_ctx_status(const jb_ctx *ctx);
void jb_ctx_clear_error(jb_ctx *ctx);
size_t jb_ctx_warning_count(const jb_ctx *ctx);
const char *jb_ctx_warning(const jb_ctx *ctx, size_t i);

/* Growable byte buffer. */
typedef struct jb_buf {
  jb_ctx *ctx;
  char *data;
  size_t len, cap;
} jb_buf;

void jb_buf_init(jb_buf *b, jb_ctx *ctx);
void jb_buf_fini(jb_buf *b);
void jb_buf_reserve(jb_buf *b, size_t extra);
void jb_buf_add(jb_buf *b, const void *p, size_t n);
void jb_buf_adds(jb_buf *b, const char *s);
void jb_buf_addc(jb_buf *b, char c);
void jb_buf_printf(jb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void jb_buf_add_int(jb_buf *b, long v);
/* Locale-independent decimal with at most `decimals` places, trailing zeros
 * dropped: 12.5, 0.25, -3. */
void jb_buf_add_num(jb_buf *b, double v, int decimals);
void jb_buf_add_utf8(jb_buf *b, uint32_t cp);
char *jb_buf_steal(jb_buf *b); /* NUL-terminated; buffer becomes empty */
/* Ends a read that filled b directly (iconv, unzip): on error frees b and
 * returns s; otherwise NUL-terminates and hands the bytes to *out, *n. */
jb_status jb_buf_take(jb_buf *b, jb_status s, char **out, size_t *n);

/* UTF-8. */
/* Decodes one code point; returns its byte length, or 0 for an invalid or
 * truncated sequence (overlong forms and surrogates are invalid). */
size_t jb_utf8_decode(const char *s, size_t n, uint32_t *cp);
size_t jb_utf8_encode(uint32_t cp, char out[4]);
/* Code points of the NUL-terminated UTF-8 string s (its lead bytes). */
size_t jb_utf8_count(const char *s);
/* Returns 1 when valid; otherwise 0 and *bad = byte offset of the first bad sequence. */
int jb_utf8_valid(const char *s, size_t n, size_t *bad);
/* Decodes valid UTF-8 into code points; *out is allocated. Returns the count. */
size_t jb_utf8_to_cps(jb_ctx *ctx, const char *s, size_t n, uint32_t **out);
/* The likely encoding of text that is not UTF-8 ("UTF-16LE", "UTF-16BE",
 * "GB18030", as iconv names them) and *why it is guessed, or NULL. UTF-16 is
 * told by the first 4 KB; GB 18030 is tried only when utf8_valid is 0. */
const char *jb_guess_encoding(const char *s, size_t n, int utf8_valid, const char **why);
/* Mostly UTF-8 with a stray byte rather than another encoding (the first 64 KB). */
int jb_mostly_utf8(const char *s, size_t n);
/* 1-based line and column (in characters) of byte offset at. */
void jb_text_line_col(const char *s, size_t n, size_t at, int *line, int *col);
/* JB_OK for UTF-8 text without NUL bytes; otherwise a file:line:col error,
 * naming the likely encoding and a conversion command when it can tell. */
jb_status jb_check_text(jb_ctx *ctx, const char *name, const char *s, size_t n);

/* Grapheme clusters (UAX #29), as far as a length cap needs them. One base
 * with thousands of combining marks makes shaping and line breaking quadratic
 * and can never be printed legibly, so readers keep at most JB_MAX_CLUSTER code
 * points of one cluster and leave out the rest with a warning. */
#define JB_MAX_CLUSTER 32
typedef struct jb_cluster {
  uint32_t prev;   /* previous code point kept, 0 at the start */
  int32_t state;   /* utf8proc's grapheme break state */
  size_t len;      /* code points kept in the current cluster */
  size_t dropped;  /* code points left out of the current cluster */
} jb_cluster;
#define JB_CLUSTER_INIT ((jb_cluster){0, 0, 0, 0})
/* Feeds c; returns 1 to keep it, 0 when its cluster is already full (then
 * dropped == 1 the first time, for a single warning per cluster). ASCII,
 * Latin-1 and CJK ideographs always start a cluster: inline, as ingest feeds
 * every character. */
int jb_cluster_keep_slow(jb_cluster *g, uint32_t c);
static inline int jb_cluster_keep(jb_cluster *g, uint32_t c) {
  if (c < 0x300 || (c >= 0x4E00 && c <= 0x9FFF)) {
    g->len = 1, g->dropped = 0, g->prev = c, g->state = 0;
    return 1;
  }
  return jb_cluster_keep_slow(g, c);
}

/* Files. */
/* Every input file is at most JB_MAX_INPUT_MB megabytes (environment; whole
 * numbers 1 to 65536, default 64); a larger one is JB_ERR_LIMIT. */
#define JB_MAX_INPUT_MB_DEFAULT 64
/* The limit in bytes; 0 when JB_MAX_INPUT_MB is malformed (*why says how). */
size_t jb_ctx_max_input(const jb_ctx *ctx, const char **why);
/* Files read as input, by device and inode: an output never replaces one. */
void jb_ctx_note_input(jb_ctx *ctx, uint64_t dev, uint64_t ino);
int jb_ctx_is_input(const jb_ctx *ctx, uint64_t dev, uint64_t ino);
/* Reads a whole file ("-" = stdin). Only a regular file (or "-") under the
 * input limit: a device, FIFO or folder is refused without blocking on it.
 * The file is remembered as an input. The result is NUL-terminated. */
jb_status jb_read_file(jb_ctx *ctx, const char *path, char **data, size_t *len);
/* Writes atomically: a temporary file in the same folder, written, fsynced and
 * renamed, then the folder fsynced, so a failure or crash never leaves a
 * partial file or harms an existing one. "-" and /dev/stdout write to standard
 * output. An existing output that is not a regular file (a device, FIFO or
 * folder), or that is a file this context read as input, is refused. */
jb_status jb_write_file_atomic(jb_ctx *ctx, const char *path, const void *data, size_t len);
/* The same inside the folder open as dirfd (name without '/'; the temporary
 * file is created without following symbolic links); shown is the path used
 * in messages. sync_dir: fsync the folder after the rename. */
jb_status jb_write_file_at(jb_ctx *ctx, int dirfd, const char *name, const char *shown, const void *data,
                           size_t len, int sync_dir);

/* Receives output in pieces; returns JB_OK or an error already recorded in ctx. */
typedef jb_status (*jb_write_fn)(void *user, const void *data, size_t len);
/* The same atomic write in pieces, for outputs too large to hold: open makes the
 * temporary file ("-" = stdout), jb_out_write (a jb_write_fn) appends, commit
 * renames it over path, abort removes it. Both commit and abort free out. */
typedef struct jb_out jb_out;
jb_status jb_out_open(jb_ctx *ctx, const char *path, jb_out **out);
jb_status jb_out_write(void *out, const void *data, size_t len);
jb_status jb_out_commit(jb_out *out);
void jb_out_abort(jb_out *out);

/* Data files (fonts/, layouts/, data/): $JB_DATA_DIR if set, else the source
 * tree the binary was built in (two folders above build/MODE/jianbao), else the
 * installed prefix. Returns an allocated path to rel; the file may not exist. */
char *jb_data_path(jb_ctx *ctx, const char *rel);

/* Paths named inside a briefing (facts, layout, image path) must lie in the
 * briefing's folder or the data folder unless allowed (build --allow-paths):
 * a briefing from elsewhere must not read or embed any file on the host. */
void jb_ctx_set_allow_paths(jb_ctx *ctx, int allow);
int jb_ctx_allow_paths(const jb_ctx *ctx);
/* 1 when path, links and ".." resolved, lies inside the folder of base_file
 * (the current folder for "-" or a bare name) or inside the data folder's
 * layouts/, data/ or fonts/, or
 * when paths are allowed; a path that does not exist counts as inside (opening
 * it fails with its own message). */
int jb_path_allowed(jb_ctx *ctx, const char *base_file, const char *path);

/* Monotonic clock in seconds, for progress and benchmarks. */
double jb_now(void);

#endif
