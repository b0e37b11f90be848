/* Private helpers of the compose module: an arena for model memory, strict
 * JSON parsing with located syntax errors, and a validation walker that keeps
 * the JSON path so every schema error names where it happened. */
#ifndef JB_COMPOSE_JV_H
#define JB_COMPOSE_JV_H

#include <cjson/cJSON.h>

#include "jianbao/compose.h"

#define JV_MAX_DEPTH 64      /* validation path depth (the schema is shallow) */
#define JV_MAX_NESTING 512   /* syntax: deeper nesting is refused before cJSON sees it */

typedef struct jb_arena jb_arena;
jb_arena *jv_arena_new(jb_ctx *ctx);
void jv_arena_free(jb_arena *a);
void *jv_alloc(jb_arena *a, size_t n); /* zeroed */
char *jv_strdup(jb_arena *a, const char *s);
char *jv_strndup(jb_arena *a, const char *s, size_t n);

/* Strict RFC 8259 parse. Errors: "file:line:col: error: <what>, near '<fragment>'". */
jb_status jv_parse(jb_ctx *ctx, const char *file, const char *src, size_t len, cJSON **out);
/* JSON this process wrote itself (jb_facts_to_json): cJSON alone, no strict pass. */
jb_status jv_parse_own(jb_ctx *ctx, const char *file, const char *src, size_t len, cJSON **out);
/* 1-based line and column (in characters) of byte offset off. */
void jv_line_col(const char *src, size_t len, size_t off, int *line, int *col);
/* Byte offset of the value (or, for key_only, the key) at a path such as
 * blocks[3].rows[2] or meta["odd key"]; -1 when not found. */
long jv_locate(jb_ctx *ctx, const char *src, size_t len, const char *path, int key_only);

typedef struct jv_seg {
  const char *key; /* NULL for an index */
  long index;
} jv_seg;

typedef struct jv {
  jb_ctx *ctx;
  const char *file;
  const char *src;
  size_t len;
  jb_arena *arena;
  jv_seg seg[JV_MAX_DEPTH];
  int depth;
} jv;

void jv_push_key(jv *v, const char *key);
void jv_push_index(jv *v, long i);
void jv_pop(jv *v);
/* The current path as text ("" at the root), into the arena. */
char *jv_path(jv *v);
void jv_path_buf(const jv_seg *seg, int depth, jb_buf *out);

/* Fails at the current path (line:col located in the source). */
jb_status jv_fail(jv *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fails at the key of the current path (for unknown keys). */
jb_status jv_fail_key(jv *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fails at a stored path string. */
jb_status jv_fail_path(jb_ctx *ctx, const char *file, const char *src, size_t len,
                       const char *path, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

const char *jv_type_name(const cJSON *j); /* "a string", "a number", ... */

/* Unknown or duplicate keys in obj are errors; unknown ones suggest the
 * nearest of keys (NULL-terminated) or list them all. */
jb_status jv_keys(jv *v, const cJSON *obj, const char *const *keys);
/* Requires obj to be an object ("expected an object, got a string"). */
jb_status jv_object(jv *v, const cJSON *obj);
jb_status jv_array(jv *v, const cJSON *a);

/* Typed members. Each pushes the key for its own errors. A missing optional
 * member leaves *out unchanged and returns JB_OK. */
jb_status jv_str(jv *v, const cJSON *obj, const char *key, int required, char **out);
jb_status jv_bool(jv *v, const cJSON *obj, const char *key, int *out);
jb_status jv_num(jv *v, const cJSON *obj, const char *key, double lo, double hi, double *out);
jb_status jv_int(jv *v, const cJSON *obj, const char *key, long lo, long hi, long *out);
/* One of names[] (NULL-terminated); *out = its index. */
jb_status jv_enum(jv *v, const cJSON *obj, const char *key, const char *const *names, int *out);
/* Array of strings. */
jb_status jv_strlist(jv *v, const cJSON *obj, const char *key, jb_strlist *out);

size_t jv_count(const cJSON *a);

#endif
