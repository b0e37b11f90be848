/* The validation walker: JSON path tracking, located errors, key checks with
 * nearest-key suggestions, typed member getters. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compose/jv.h"

/* ---- Nearest candidate ------------------------------------------------------ */

static uint32_t fold(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Levenshtein distance over code points, ASCII case folded. */
static size_t edit_distance(const char *a, const char *b) {
  uint32_t ca[64], cb[64];
  size_t na = 0, nb = 0, la = strlen(a), lb = strlen(b);
  for (size_t i = 0, l; i < la && na < 64; i += l) {
    l = jb_utf8_decode(a + i, la - i, &ca[na]);
    if (!l) l = 1, ca[na] = (unsigned char)a[i];
    ca[na] = fold(ca[na]), na++;
  }
  for (size_t i = 0, l; i < lb && nb < 64; i += l) {
    l = jb_utf8_decode(b + i, lb - i, &cb[nb]);
    if (!l) l = 1, cb[nb] = (unsigned char)b[i];
    cb[nb] = fold(cb[nb]), nb++;
  }
  /* Optimal string alignment: a swap of two neighbours ("gpd") costs 1. */
  unsigned short D[65][65];
  for (size_t i = 0; i <= na; i++) D[i][0] = (unsigned short)i;
  for (size_t j = 0; j <= nb; j++) D[0][j] = (unsigned short)j;
  for (size_t i = 1; i <= na; i++)
    for (size_t j = 1; j <= nb; j++) {
      unsigned short best = (unsigned short)(D[i - 1][j - 1] + (ca[i - 1] != cb[j - 1]));
      if (D[i - 1][j] + 1 < best) best = (unsigned short)(D[i - 1][j] + 1);
      if (D[i][j - 1] + 1 < best) best = (unsigned short)(D[i][j - 1] + 1);
      if (i > 1 && j > 1 && ca[i - 1] == cb[j - 2] && ca[i - 2] == cb[j - 1] &&
          D[i - 2][j - 2] + 1 < best)
        best = (unsigned short)(D[i - 2][j - 2] + 1);
      D[i][j] = best;
    }
  return D[na][nb];
}

const char *jb_nearest(const char *word, const char *const *cands, size_t n) {
  if (!word) return NULL;
  size_t len = jb_utf8_count(word);
  size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
  const char *best = NULL;
  size_t best_d = (size_t)-1;
  for (size_t i = 0; i < n; i++) {
    if (!cands[i]) continue;
    size_t d = edit_distance(word, cands[i]);
    if (d < best_d) best_d = d, best = cands[i];
  }
  return best && best_d <= limit && best_d < len ? best : NULL;
}

/* ---- Path ----------------------------------------------------------------- */

void jv_push_key(jv *v, const char *key) {
  if (v->depth < JV_MAX_DEPTH) v->seg[v->depth] = (jv_seg){key, -1};
  v->depth++;
}

void jv_push_index(jv *v, long i) {
  if (v->depth < JV_MAX_DEPTH) v->seg[v->depth] = (jv_seg){NULL, i};
  v->depth++;
}

void jv_pop(jv *v) {
  if (v->depth > 0) v->depth--;
}

static int is_ident(const char *k) {
  if (!*k || (*k >= '0' && *k <= '9')) return 0;
  for (; *k; k++)
    if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') ||
          *k == '_'))
      return 0;
  return 1;
}

void jv_path_buf(const jv_seg *seg, int depth, jb_buf *out) {
  if (depth > JV_MAX_DEPTH) depth = JV_MAX_DEPTH;
  for (int i = 0; i < depth; i++) {
    if (!seg[i].key) {
      jb_buf_addc(out, '[');
      jb_buf_add_int(out, seg[i].index);
      jb_buf_addc(out, ']');
    } else if (is_ident(seg[i].key)) {
      if (out->len) jb_buf_addc(out, '.');
      jb_buf_adds(out, seg[i].key);
    } else {
      jb_buf_adds(out, "[\"");
      for (const char *k = seg[i].key; *k; k++) {
        if (*k == '"' || *k == '\\') jb_buf_addc(out, '\\');
        jb_buf_addc(out, *k);
      }
      jb_buf_adds(out, "\"]");
    }
  }
}

char *jv_path(jv *v) {
  jb_buf b;
  jb_buf_init(&b, v->ctx);
  jv_path_buf(v->seg, v->depth, &b);
  char *s = jv_strndup(v->arena, b.data ? b.data : "", b.len);
  jb_buf_fini(&b);
  return s;
}

/* ---- Failures --------------------------------------------------------------- */

static jb_status vfail(jb_ctx *ctx, const char *file, const char *src, size_t len,
                       const char *path, int key_only, const char *fmt, va_list ap) {
  char msg[1536];
  vsnprintf(msg, sizeof msg, fmt, ap);
  jb_loc loc = {file, 0, 0, -1, path && *path ? path : NULL};
  long off = jv_locate(ctx, src, len, path ? path : "", key_only);
  if (off >= 0) jv_line_col(src, len, (size_t)off, &loc.line, &loc.col);
  return jb_fail(ctx, JB_ERR_INPUT, loc, "%s", msg);
}

static jb_status fail_here(jv *v, int key_only, const char *fmt, va_list ap) {
  jb_buf b;
  jb_buf_init(&b, v->ctx);
  jv_path_buf(v->seg, v->depth, &b);
  jb_status st = vfail(v->ctx, v->file, v->src, v->len, b.data ? b.data : "", key_only, fmt, ap);
  jb_buf_fini(&b);
  return st;
}

jb_status jv_fail(jv *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  jb_status st = fail_here(v, 0, fmt, ap);
  va_end(ap);
  return st;
}

jb_status jv_fail_key(jv *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  jb_status st = fail_here(v, 1, fmt, ap);
  va_end(ap);
  return st;
}

jb_status jv_fail_path(jb_ctx *ctx, const char *file, const char *src, size_t len,
                       const char *path, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  jb_status st = vfail(ctx, file, src, len, path, 0, fmt, ap);
  va_end(ap);
  return st;
}

/* ---- Types and keys ---------------------------------------------------------- */

const char *jv_type_name(const cJSON *j) {
  if (!j) return "nothing";
  if (cJSON_IsString(j)) return "a string";
  if (cJSON_IsNumber(j)) return "a number";
  if (cJSON_IsBool(j)) return "a boolean";
  if (cJSON_IsNull(j)) return "null";
  if (cJSON_IsArray(j)) return "an array";
  if (cJSON_IsObject(j)) return "an object";
  return "an invalid value";
}

size_t jv_count(const cJSON *a) {
  size_t n = 0;
  for (const cJSON *c = a ? a->child : NULL; c; c = c->next) n++;
  return n;
}

static void list_keys(jb_buf *b, const char *const *keys) {
  for (size_t i = 0; keys[i]; i++) {
    if (i) jb_buf_adds(b, ", ");
    jb_buf_adds(b, keys[i]);
  }
}

jb_status jv_keys(jv *v, const cJSON *obj, const char *const *keys) {
  size_t nk = 0;
  while (keys[nk]) nk++;
  for (const cJSON *c = obj->child; c; c = c->next) {
    const char *k = c->string ? c->string : "";
    size_t i = 0;
    while (i < nk && strcmp(keys[i], k) != 0) i++;
    jv_push_key(v, k);
    jb_status st = JB_OK;
    if (i == nk) {
      const char *near = jb_nearest(k, keys, nk);
      if (near) {
        st = jv_fail_key(v, "unknown key \"%s\" (did you mean \"%s\"?)", k, near);
      } else {
        jb_buf b;
        jb_buf_init(&b, v->ctx);
        list_keys(&b, keys);
        st = jv_fail_key(v, "unknown key \"%s\"; expected one of: %s", k, b.data ? b.data : "");
        jb_buf_fini(&b);
      }
    } else {
      for (const cJSON *d = obj->child; d != c; d = d->next)
        if (d->string && strcmp(d->string, k) == 0) {
          st = jv_fail_key(v, "duplicate key \"%s\"", k);
          break;
        }
    }
    jv_pop(v);
    if (st) return st;
  }
  return JB_OK;
}

jb_status jv_object(jv *v, const cJSON *obj) {
  if (cJSON_IsObject(obj)) return JB_OK;
  return jv_fail(v, "expected an object, got %s", jv_type_name(obj));
}

jb_status jv_array(jv *v, const cJSON *a) {
  if (cJSON_IsArray(a)) return JB_OK;
  return jv_fail(v, "expected an array, got %s", jv_type_name(a));
}

static const cJSON *member(const cJSON *obj, const char *key) {
  return cJSON_GetObjectItemCaseSensitive(obj, key);
}

jb_status jv_str(jv *v, const cJSON *obj, const char *key, int required, char **out) {
  const cJSON *j = member(obj, key);
  if (!j) {
    if (!required) return JB_OK;
    return jv_fail(v, "missing required key \"%s\"", key);
  }
  jv_push_key(v, key);
  jb_status st = JB_OK;
  if (!cJSON_IsString(j)) st = jv_fail(v, "expected a string, got %s", jv_type_name(j));
  else *out = jv_strdup(v->arena, j->valuestring);
  jv_pop(v);
  return st;
}

jb_status jv_bool(jv *v, const cJSON *obj, const char *key, int *out) {
  const cJSON *j = member(obj, key);
  if (!j) return JB_OK;
  if (cJSON_IsBool(j)) {
    *out = cJSON_IsTrue(j);
    return JB_OK;
  }
  jv_push_key(v, key);
  jb_status st = jv_fail(v, "expected true or false, got %s", jv_type_name(j));
  jv_pop(v);
  return st;
}

jb_status jv_num(jv *v, const cJSON *obj, const char *key, double lo, double hi, double *out) {
  const cJSON *j = member(obj, key);
  if (!j) return JB_OK;
  jv_push_key(v, key);
  jb_status st = JB_OK;
  if (!cJSON_IsNumber(j)) st = jv_fail(v, "expected a number, got %s", jv_type_name(j));
  else if (!(j->valuedouble >= lo && j->valuedouble <= hi))
    st = jv_fail(v, "expected a number from %g to %g, got %g", lo, hi, j->valuedouble);
  else *out = j->valuedouble;
  jv_pop(v);
  return st;
}

jb_status jv_int(jv *v, const cJSON *obj, const char *key, long lo, long hi, long *out) {
  const cJSON *j = member(obj, key);
  if (!j) return JB_OK;
  jv_push_key(v, key);
  jb_status st = JB_OK;
  if (!cJSON_IsNumber(j)) st = jv_fail(v, "expected an integer, got %s", jv_type_name(j));
  else if (j->valuedouble != floor(j->valuedouble))
    st = jv_fail(v, "expected an integer, got %g", j->valuedouble);
  else if (!(j->valuedouble >= (double)lo && j->valuedouble <= (double)hi))
    st = jv_fail(v, "expected an integer from %ld to %ld, got %g", lo, hi, j->valuedouble);
  else *out = (long)j->valuedouble;
  jv_pop(v);
  return st;
}

jb_status jv_enum(jv *v, const cJSON *obj, const char *key, const char *const *names, int *out) {
  const cJSON *j = member(obj, key);
  if (!j) return JB_OK;
  jv_push_key(v, key);
  jb_status st = JB_OK;
  size_t n = 0;
  while (names[n]) n++;
  if (!cJSON_IsString(j)) {
    jb_buf b;
    jb_buf_init(&b, v->ctx);
    list_keys(&b, names);
    st = jv_fail(v, "expected a string (one of: %s), got %s", b.data, jv_type_name(j));
    jb_buf_fini(&b);
  } else {
    size_t i = 0;
    while (i < n && strcmp(names[i], j->valuestring) != 0) i++;
    if (i < n) {
      *out = (int)i;
    } else {
      jb_buf b;
      jb_buf_init(&b, v->ctx);
      list_keys(&b, names);
      const char *near = jb_nearest(j->valuestring, names, n);
      if (near)
        st = jv_fail(v, "unknown value \"%s\" (did you mean \"%s\"?); expected one of: %s",
                     j->valuestring, near, b.data);
      else
        st = jv_fail(v, "unknown value \"%s\"; expected one of: %s", j->valuestring, b.data);
      jb_buf_fini(&b);
    }
  }
  jv_pop(v);
  return st;
}

jb_status jv_strlist(jv *v, const cJSON *obj, const char *key, jb_strlist *out) {
  const cJSON *j = member(obj, key);
  if (!j) return JB_OK;
  jv_push_key(v, key);
  jb_status st = jv_array(v, j);
  if (!st) {
    out->n = jv_count(j);
    out->items = jv_alloc(v->arena, (out->n ? out->n : 1) * sizeof(char *));
    size_t i = 0;
    for (const cJSON *c = j->child; c && !st; c = c->next, i++) {
      jv_push_index(v, (long)i);
      if (!cJSON_IsString(c)) st = jv_fail(v, "expected a string, got %s", jv_type_name(c));
      else out->items[i] = jv_strdup(v->arena, c->valuestring);
      jv_pop(v);
    }
  }
  jv_pop(v);
  return st;
}
