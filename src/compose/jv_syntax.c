/* Strict JSON syntax check with precise, located messages, run before cJSON
 * (which is lenient in places and only reports an error pointer). Also: the
 * arena used for model memory, and line/column and path lookups in the text. */
#include <stdio.h>
#include <string.h>

#include "compose/jv.h"

/* ---- Arena ----------------------------------------------------------------- */

typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  max_align_t data[];
} chunk;

struct jb_arena {
  jb_ctx *ctx;
  chunk *head;
};

jb_arena *jv_arena_new(jb_ctx *ctx) {
  jb_arena *a = jb_calloc(ctx, 1, sizeof *a);
  a->ctx = ctx;
  return a;
}

void jv_arena_free(jb_arena *a) {
  if (!a) return;
  for (chunk *c = a->head, *n; c; c = n) {
    n = c->next;
    jb_free(a->ctx, c);
  }
  jb_free(a->ctx, a);
}

void *jv_alloc(jb_arena *a, size_t n) {
  size_t al = sizeof(max_align_t);
  n = (n + al - 1) / al * al;
  if (!n) n = al;
  chunk *c = a->head;
  if (!c || c->cap - c->used < n) {
    size_t cap = n > 32768 ? n : 32768;
    c = jb_malloc(a->ctx, sizeof(chunk) + cap);
    c->used = 0;
    c->cap = cap;
    c->next = a->head;
    a->head = c;
  }
  void *p = (char *)c->data + c->used;
  c->used += n;
  memset(p, 0, n);
  return p;
}

char *jv_strndup(jb_arena *a, const char *s, size_t n) {
  char *d = jv_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = 0;
  return d;
}

char *jv_strdup(jb_arena *a, const char *s) { return s ? jv_strndup(a, s, strlen(s)) : NULL; }

/* ---- Positions -------------------------------------------------------------- */

void jv_line_col(const char *src, size_t len, size_t off, int *line, int *col) {
  int l = 1, c = 1;
  if (off > len) off = len;
  size_t i = len >= 3 && off >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0; /* BOM */
  for (; i < off; i++) {
    unsigned char u = (unsigned char)src[i];
    if (u == '\n') l++, c = 1;
    else if ((u & 0xC0) != 0x80) c++; /* characters, not bytes */
  }
  *line = l;
  *col = c;
}

/* ---- Strict syntax checker ------------------------------------------------ */

typedef struct sx {
  const char *s;
  size_t n, i;
  size_t err_at;
  char msg[256];
  int failed;
} sx;

static int sx_fail(sx *x, size_t at, const char *fmt, const char *arg) {
  if (x->failed) return 0;
  x->failed = 1;
  x->err_at = at;
  snprintf(x->msg, sizeof x->msg, fmt, arg ? arg : "");
  return 0;
}

static void sx_ws(sx *x) {
  while (x->i < x->n) {
    char c = x->s[x->i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') x->i++;
    else break;
  }
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static long sx_hex4(sx *x, size_t at) {
  if (x->i + 4 > x->n) return -1;
  long v = 0;
  for (int k = 0; k < 4; k++) {
    int h = hexval(x->s[x->i + k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  (void)at;
  x->i += 4;
  return v;
}

static int sx_escape(sx *x) {
  size_t at = x->i - 1; /* the backslash */
  if (x->i >= x->n) return sx_fail(x, at, "unterminated string%s", NULL);
  char e = x->s[x->i++];
  if (strchr("\"\\/bfnrt", e)) return 1;
  if (e != 'u') {
    char tmp[2] = {e, 0};
    return sx_fail(x, at, "invalid escape '\\%s' in a string", tmp);
  }
  long u = sx_hex4(x, at);
  if (u < 0) return sx_fail(x, at, "\\u must be followed by 4 hex digits%s", NULL);
  if (u == 0) return sx_fail(x, at, "\\u0000 is not allowed in a string%s", NULL);
  if (u >= 0xDC00 && u <= 0xDFFF)
    return sx_fail(x, at, "lone low surrogate in \\u escape%s", NULL);
  if (u >= 0xD800 && u <= 0xDBFF) {
    if (x->i + 2 > x->n || x->s[x->i] != '\\' || x->s[x->i + 1] != 'u')
      return sx_fail(x, at, "high surrogate \\u escape without its low half%s", NULL);
    x->i += 2;
    long lo = sx_hex4(x, at);
    if (lo < 0xDC00 || lo > 0xDFFF)
      return sx_fail(x, at, "high surrogate \\u escape without its low half%s", NULL);
  }
  return 1;
}

static int sx_string(sx *x) {
  size_t start = x->i++; /* opening quote */
  while (x->i < x->n) {
    unsigned char c = (unsigned char)x->s[x->i];
    if (c == '"') {
      x->i++;
      return 1;
    }
    if (c == '\\') {
      x->i++;
      if (!sx_escape(x)) return 0;
      continue;
    }
    if (c == '\n') return sx_fail(x, x->i, "line break inside a string (write \\n, or close the quote)%s", NULL);
    if (c < 0x20) return sx_fail(x, x->i, "control character inside a string (use an escape such as \\t)%s", NULL);
    x->i++;
  }
  return sx_fail(x, start, "unterminated string%s", NULL);
}

static int isdig(char c) { return c >= '0' && c <= '9'; }

static int sx_number(sx *x) {
  size_t st = x->i;
  const char *s = x->s;
  size_t i = x->i;
  if (i < x->n && s[i] == '-') i++;
  if (i >= x->n || !isdig(s[i])) return sx_fail(x, st, "invalid number%s", NULL);
  if (s[i] == '0' && i + 1 < x->n && isdig(s[i + 1]))
    return sx_fail(x, st, "numbers may not have leading zeros%s", NULL);
  while (i < x->n && isdig(s[i])) i++;
  if (i < x->n && s[i] == '.') {
    i++;
    if (i >= x->n || !isdig(s[i])) return sx_fail(x, st, "a digit must follow the decimal point%s", NULL);
    while (i < x->n && isdig(s[i])) i++;
  }
  if (i < x->n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < x->n && (s[i] == '+' || s[i] == '-')) i++;
    if (i >= x->n || !isdig(s[i])) return sx_fail(x, st, "invalid exponent in a number%s", NULL);
    while (i < x->n && isdig(s[i])) i++;
  }
  x->i = i;
  return 1;
}

static int sx_value(sx *x, int depth);

static int sx_eof_in(sx *x, size_t open, const char *what) {
  int l, c;
  jv_line_col(x->s, x->n, open, &l, &c);
  char tmp[96];
  snprintf(tmp, sizeof tmp, "%s opened at line %d, column %d", what, l, c);
  return sx_fail(x, x->n, "unexpected end of input: the %s is not closed", tmp);
}

static int sx_comment_or(sx *x, const char *fmt) {
  if (x->i < x->n && x->s[x->i] == '/') return sx_fail(x, x->i, "comments are not allowed in JSON%s", NULL);
  return sx_fail(x, x->i, fmt, NULL);
}

static int sx_object(sx *x, int depth) {
  size_t open = x->i++;
  sx_ws(x);
  if (x->i < x->n && x->s[x->i] == '}') return x->i++, 1;
  for (;;) {
    sx_ws(x);
    if (x->i >= x->n) return sx_eof_in(x, open, "'{'");
    char c = x->s[x->i];
    if (c == '}') return sx_fail(x, x->i, "trailing comma before '}'%s", NULL);
    if (c != '"') {
      if (c == '\'') return sx_fail(x, x->i, "keys must be in double quotes, not single quotes%s", NULL);
      return sx_comment_or(x, "expected a key in double quotes%s");
    }
    if (!sx_string(x)) return 0;
    sx_ws(x);
    if (x->i >= x->n) return sx_eof_in(x, open, "'{'");
    if (x->s[x->i] != ':') return sx_comment_or(x, "expected ':' after the key%s");
    x->i++;
    if (!sx_value(x, depth)) return 0;
    sx_ws(x);
    if (x->i >= x->n) return sx_eof_in(x, open, "'{'");
    c = x->s[x->i];
    if (c == '}') return x->i++, 1;
    if (c != ',') {
      if (c == '"') return sx_fail(x, x->i, "missing ',' between object members%s", NULL);
      return sx_comment_or(x, "expected ',' or '}' after an object member%s");
    }
    x->i++;
  }
}

static int sx_array(sx *x, int depth) {
  size_t open = x->i++;
  sx_ws(x);
  if (x->i < x->n && x->s[x->i] == ']') return x->i++, 1;
  for (;;) {
    sx_ws(x);
    if (x->i >= x->n) return sx_eof_in(x, open, "'['");
    if (x->s[x->i] == ']') return sx_fail(x, x->i, "trailing comma before ']'%s", NULL);
    if (!sx_value(x, depth)) return 0;
    sx_ws(x);
    if (x->i >= x->n) return sx_eof_in(x, open, "'['");
    char c = x->s[x->i];
    if (c == ']') return x->i++, 1;
    if (c != ',') {
      if (strchr("\"{[-0123456789tfn", c))
        return sx_fail(x, x->i, "missing ',' between array elements%s", NULL);
      return sx_comment_or(x, "expected ',' or ']' after an array element%s");
    }
    x->i++;
  }
}

static int sx_literal(sx *x, const char *word) {
  size_t n = strlen(word);
  if (x->i + n <= x->n && memcmp(x->s + x->i, word, n) == 0) {
    x->i += n;
    return 1;
  }
  return sx_fail(x, x->i, "invalid literal (expected %s)", word);
}

static int sx_value(sx *x, int depth) {
  sx_ws(x);
  if (x->i >= x->n) return sx_fail(x, x->n, "unexpected end of input: expected a value%s", NULL);
  if (depth >= JV_MAX_NESTING) return sx_fail(x, x->i, "nesting deeper than 512 levels%s", NULL);
  char c = x->s[x->i];
  switch (c) {
  case '{': return sx_object(x, depth + 1);
  case '[': return sx_array(x, depth + 1);
  case '"': return sx_string(x);
  case 't': return sx_literal(x, "true");
  case 'f': return sx_literal(x, "false");
  case 'n': return sx_literal(x, "null");
  case '\'': return sx_fail(x, x->i, "strings must be in double quotes, not single quotes%s", NULL);
  default:
    if (c == '-' || isdig(c)) return sx_number(x);
    if (c == '}' || c == ']' || c == ',')
      return sx_fail(x, x->i, "expected a value%s", NULL);
    return sx_comment_or(x, "expected a value (string, number, object, array, true, false or null)%s");
  }
}

/* Up to 24 characters of the offending line from `at`, for the message. */
static void fragment(const char *s, size_t n, size_t at, jb_buf *out) {
  if (at >= n) {
    jb_buf_adds(out, "end of input");
    return;
  }
  jb_buf_addc(out, '\'');
  size_t i = at;
  for (int k = 0; k < 24 && i < n && s[i] != '\n' && s[i] != '\r'; k++) {
    uint32_t cp;
    size_t l = jb_utf8_decode(s + i, n - i, &cp);
    if (!l) break;
    jb_buf_add(out, s + i, l);
    i += l;
  }
  jb_buf_addc(out, '\'');
}

static jb_status fail_at(jb_ctx *ctx, const char *file, const char *src, size_t len, size_t at,
                         const char *msg) {
  int l, c;
  jv_line_col(src, len, at, &l, &c);
  jb_buf f;
  jb_buf_init(&f, ctx);
  fragment(src, len, at, &f);
  jb_status st = jb_fail(ctx, JB_ERR_INPUT, (jb_loc){file, l, c, -1, NULL}, "%s, near %s", msg,
                         f.data ? f.data : "");
  jb_buf_fini(&f);
  return st;
}

/* Where the first value starts when the text begins like a JSON document
 * ('{', '[' or a comment after a BOM and white space); len when it does not. */
static size_t json_start(const char *src, size_t len) {
  size_t i = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r')) i++;
  int comment = i + 1 < len && src[i] == '/' && (src[i + 1] == '/' || src[i + 1] == '*'); /* JSON with comments */
  return i < len && (src[i] == '{' || src[i] == '[' || comment) ? i : len;
}

jb_status jv_parse(jb_ctx *ctx, const char *file, const char *src, size_t len, cJSON **out) {
  *out = NULL;
  if (!file) file = "<json>";
  size_t at = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, bad;
  while (at < len && (src[at] == ' ' || src[at] == '\t' || src[at] == '\n' || src[at] == '\r')) at++;
  const char *why, *enc = jb_guess_encoding(src, len, 1, &why); /* UTF-16 only: no extra pass over the text */
  if (enc && strncmp(enc, "UTF-16", 6) == 0)
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){file, 1, 1, -1, NULL},
                   "the file is %s, not UTF-8 (%s); convert it first: iconv -f UTF-16 -t UTF-8", enc, why);
  if (at < len && json_start(src, len) == len) { /* never quoted: it may be any file on the host */
    int l, c;
    jv_line_col(src, len, at, &l, &c);
    return jb_fail(ctx, JB_ERR_INPUT, (jb_loc){file, l, c, -1, NULL},
                   "not a JSON document: it does not begin with '{' or '[' (is this the right file?)");
  }
  if (!jb_utf8_valid(src, len, &bad))
    return fail_at(ctx, file, src, len, bad, "invalid UTF-8 (save the file as UTF-8)");
  const char *nul = memchr(src, 0, len);
  if (nul) return fail_at(ctx, file, src, len, (size_t)(nul - src), "NUL byte in the file");
  size_t skip = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  sx x = {src, len, skip, 0, {0}, 0};
  sx_ws(&x);
  if (x.i >= len) return fail_at(ctx, file, src, len, len, "empty input: expected a JSON value");
  if (sx_value(&x, 0)) {
    sx_ws(&x);
    if (x.i < len) sx_fail(&x, x.i, "extra text after the JSON value%s", NULL);
  }
  if (x.failed) return fail_at(ctx, file, src, len, x.err_at, x.msg);
  cJSON *j = cJSON_ParseWithLength(src + skip, len - skip);
  if (!j) return fail_at(ctx, file, src, len, skip, "the JSON parser refused this input");
  *out = j;
  return JB_OK;
}

jb_status jv_parse_own(jb_ctx *ctx, const char *file, const char *src, size_t len, cJSON **out) {
  *out = cJSON_ParseWithLength(src, len);
  return *out ? JB_OK : jv_parse(ctx, file, src, len, out); /* the strict pass says what is wrong */
}

/* ---- Locating a path in the text -------------------------------------------- */

/* Skips one value starting at x->i (the text is known to be valid). */
static void skip_value(sx *x) {
  sx_ws(x);
  if (x->i >= x->n) return;
  char c = x->s[x->i];
  if (c == '"') {
    sx_string(x);
    return;
  }
  if (c == '{' || c == '[') {
    int depth = 0;
    while (x->i < x->n) {
      char d = x->s[x->i];
      if (d == '"') {
        sx_string(x);
        continue;
      }
      if (d == '{' || d == '[') depth++;
      if (d == '}' || d == ']') depth--;
      x->i++;
      if (depth == 0) return;
    }
    return;
  }
  while (x->i < x->n && !strchr(",]} \t\r\n", x->s[x->i])) x->i++;
}

/* Decodes the JSON string at x->i (valid) into out; advances past it. */
static void read_key(sx *x, jb_buf *out) {
  x->i++;
  while (x->i < x->n && x->s[x->i] != '"') {
    char c = x->s[x->i++];
    if (c != '\\') {
      jb_buf_addc(out, c);
      continue;
    }
    char e = x->s[x->i++];
    const char *map = "\"\"\\\\//b\bf\fn\nr\rt\t";
    const char *m = strchr(map, e);
    if (e == 'u') {
      long u = sx_hex4(x, 0);
      if (u >= 0xD800 && u <= 0xDBFF && x->i + 6 <= x->n) {
        x->i += 2;
        long lo = sx_hex4(x, 0);
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      }
      if (u > 0) jb_buf_add_utf8(out, (uint32_t)u);
    } else if (m && ((m - map) % 2 == 0)) {
      jb_buf_addc(out, m[1]);
    }
  }
  x->i++;
}

/* Parses the next path segment; returns 0 at the end. */
static int next_seg(const char **pp, jb_buf *key, long *index) {
  const char *p = *pp;
  key->len = 0;
  jb_buf_reserve(key, 0);
  key->data[0] = 0;
  *index = -1;
  if (!*p) return 0;
  if (*p == '.') p++;
  if (*p == '[' && p[1] == '"') {
    p += 2;
    while (*p && !(*p == '"' && p[1] == ']')) {
      if (*p == '\\' && p[1]) p++;
      jb_buf_addc(key, *p++);
    }
    if (*p) p += 2;
  } else if (*p == '[') {
    *index = 0;
    for (p++; *p >= '0' && *p <= '9'; p++) *index = *index * 10 + (*p - '0');
    if (*p == ']') p++;
  } else {
    while (*p && *p != '.' && *p != '[') jb_buf_addc(key, *p++);
  }
  *pp = p;
  return 1;
}

static int find_member(sx *x, const char *want, jb_buf *tmp, long *key_at) {
  x->i++; /* '{' */
  for (;;) {
    sx_ws(x);
    if (x->i >= x->n || x->s[x->i] != '"') return 0;
    *key_at = (long)x->i;
    tmp->len = 0;
    jb_buf_reserve(tmp, 0);
    tmp->data[0] = 0;
    read_key(x, tmp);
    sx_ws(x);
    x->i++; /* ':' */
    sx_ws(x);
    if (strcmp(tmp->data, want) == 0) return 1;
    skip_value(x);
    sx_ws(x);
    if (x->i >= x->n || x->s[x->i] != ',') return 0;
    x->i++;
  }
}

static int find_element(sx *x, long want) {
  x->i++; /* '[' */
  for (long k = 0;; k++) {
    sx_ws(x);
    if (x->i >= x->n || x->s[x->i] == ']') return 0;
    if (k == want) return 1;
    skip_value(x);
    sx_ws(x);
    if (x->i >= x->n || x->s[x->i] != ',') return 0;
    x->i++;
  }
}

long jv_locate(jb_ctx *ctx, const char *src, size_t len, const char *path, int key_only) {
  if (!src || !path) return -1;
  sx x = {src, len, 0, 0, {0}, 0};
  if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) x.i = 3;
  jb_buf key, tmp;
  jb_buf_init(&key, ctx);
  jb_buf_init(&tmp, ctx);
  long index, key_at = -1, found = -1;
  const char *p = path;
  sx_ws(&x);
  for (;;) {
    if (!next_seg(&p, &key, &index)) {
      found = key_only && key_at >= 0 ? key_at : (long)x.i;
      break;
    }
    sx_ws(&x);
    if (x.i >= len) break;
    char c = src[x.i];
    if (index >= 0 ? c != '[' || !find_element(&x, index)
                   : c != '{' || !find_member(&x, key.data, &tmp, &key_at))
      break;
    if (index >= 0) key_at = -1;
  }
  jb_buf_fini(&key);
  jb_buf_fini(&tmp);
  return found;
}
