/* Ingest: validate, decode, normalize and segment a report.
 * The normalized text keeps, for each of its characters, the original code-point
 * offset and the number of original code points it stands for, so every span can
 * be cited in the source file. Normalization runs in linear passes:
 *   1. BOM, line endings, full-width ASCII letters/digits, NFC (per cluster);
 *   2. ASCII punctuation in a Chinese context -> full width (1:1, in place);
 *   3. removal of stray spaces between two Chinese characters (compacting). */
#include "jianbao/ingest.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ingest/cjk.h"
#include "ingest/doc.h"

/* ---- pass 1 ------------------------------------------------------------ */

static void emit(jb_doc *d, uint32_t c, size_t at, size_t olen) {
  if (d->len + 1 >= d->cap) {
    size_t cap = d->cap;
    d->text = jb_grow(d->ctx, d->text, &cap, d->len + 2, sizeof *d->text);
    cap = d->cap;
    d->map = jb_grow(d->ctx, d->map, &cap, d->len + 2, sizeof *d->map);
    cap = d->cap;
    d->olen = jb_grow(d->ctx, d->olen, &cap, d->len + 2, sizeof *d->olen);
    d->cap = cap;
  }
  d->text[d->len] = c;
  d->map[d->len] = (uint32_t)at;
  d->olen[d->len] = (uint8_t)(olen > 255 ? 255 : olen);
  d->len++;
}

/* Characters that NFC leaves alone and that never combine with what precedes. */
static int nfc_stable(uint32_t c) {
  return c < 0x300 || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x2000 && c <= 0x206F);
}

static int joins_previous(uint32_t c) {
  if (nfc_stable(c)) return 0;
  const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)c);
  return p->combining_class != 0 || p->comb_index != UINT16_MAX ||
         (c >= 0x1160 && c <= 0x11FF);
}

static uint32_t halfwidth_alnum(uint32_t c) {
  if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
      (c >= 0xFF41 && c <= 0xFF5A))
    return c - 0xFEE0;
  return c;
}

/* NFC of src[i, j) (a starter and the characters that may combine with it). */
static void emit_nfc_cluster(jb_doc *d, size_t i, size_t j) {
  jb_buf b;
  jb_buf_init(&b, d->ctx);
  for (size_t k = i; k < j; k++) jb_buf_add_utf8(&b, d->src[k]);
  utf8proc_uint8_t *out = NULL;
  utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)b.data, (utf8proc_ssize_t)b.len,
                                    &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
  size_t clen = j - i;
  if (n < 0 || !out) { /* cannot happen on valid input; keep the text as it is */
    for (size_t k = i; k < j; k++) emit(d, d->src[k], k, 1);
  } else {
    uint32_t *cps;
    size_t m = jb_utf8_to_cps(d->ctx, (const char *)out, (size_t)n, &cps);
    for (size_t k = 0; k < m; k++) {
      size_t at = i + (k < clen ? k : clen - 1);
      size_t end = k + 1 == m ? j : (i + k + 1 < j ? i + k + 1 : j);
      emit(d, cps[k], at, end > at ? end - at : 0);
    }
    jb_free(d->ctx, cps);
  }
  free(out);
  jb_buf_fini(&b);
}

/* Control characters other than tab and line breaks cannot be set or read:
 * they are left out with a warning (DEL and the C1 range too). */
static int stray_control(uint32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

/* Whether src[i] is kept by the cluster cap (JB_MAX_CLUSTER), with one warning
 * per over-long cluster. */
static void cluster_warn(jb_doc *d, const jb_cluster *g, size_t i) {
  if (g->dropped == 1)
    jb_warn(d->ctx, (jb_loc){d->name, 0, 0, (long)(d->base + i), NULL},
            "a character with more than %d combining marks or joiners: the rest of them are left out",
            JB_MAX_CLUSTER - 1);
}

static inline int cluster_keep(jb_doc *d, jb_cluster *g, size_t i) {
  if (jb_cluster_keep(g, d->src[i])) return 1;
  cluster_warn(d, g, i);
  return 0;
}

static void pass_basic(jb_doc *d, int normalize) {
  size_t n = d->src_len, i = 0;
  jb_cluster g = JB_CLUSTER_INIT;
  if (n && d->src[0] == 0xFEFF && !d->continued) i = 1;
  while (i < n) {
    uint32_t c = d->src[i];
    if (stray_control(c)) {
      jb_warn(d->ctx, (jb_loc){d->name, 0, 0, (long)(d->base + i), NULL}, "control character U+%04X left out",
              (unsigned)c);
      i++;
      continue;
    }
    if (!cluster_keep(d, &g, i)) {
      i++;
      continue;
    }
    if (c == '\r') {
      int crlf = i + 1 < n && d->src[i + 1] == '\n';
      emit(d, '\n', i, crlf ? 2 : 1);
      i += crlf ? 2 : 1;
      continue;
    }
    if (!normalize) {
      emit(d, c, i, 1);
      i++;
      continue;
    }
    size_t j = i + 1; /* the marks that join c, as far as the cluster cap keeps them */
    while (j < n && joins_previous(d->src[j]) && cluster_keep(d, &g, j)) j++;
    if (j == i + 1 && nfc_stable(c)) {
      emit(d, halfwidth_alnum(c), i, 1);
    } else {
      emit_nfc_cluster(d, i, j);
    }
    i = j;
  }
  emit(d, 0, n, 0); /* sentinel: map[len] */
  d->len--;
}

/* ---- pass 2: punctuation ------------------------------------------------ */

static uint32_t prev_ns(const uint32_t *t, size_t i) { /* 0 at line start */
  while (i > 0) {
    uint32_t c = t[--i];
    if (c == '\n') return 0;
    if (!jb_is_hspace(c)) return c;
  }
  return 0;
}

static uint32_t next_ns(const uint32_t *t, size_t len, size_t i) {
  for (size_t k = i + 1; k < len; k++) {
    uint32_t c = t[k];
    if (c == '\n') return 0;
    if (!jb_is_hspace(c)) return c;
  }
  return 0;
}

static uint32_t fullwidth_of(uint32_t c) {
  switch (c) {
  case ',': return 0xFF0C;
  case ';': return 0xFF1B;
  case ':': return 0xFF1A;
  case '!': return 0xFF01;
  case '?': return 0xFF1F;
  case '(': return 0xFF08;
  case ')': return 0xFF09;
  default: return 0;
  }
}

static int ascii_at(const uint32_t *t, size_t len, size_t i, const char *s) {
  size_t k = 0;
  for (; s[k]; k++)
    if (i + k >= len || t[i + k] != (uint32_t)(unsigned char)s[k]) return 0;
  return 1;
}

/* End of a URL starting at i ("http://", "https://", "www."), or i if none. A URL
 * runs over ASCII non-space characters, minus trailing sentence punctuation. */
static size_t url_end(const uint32_t *t, size_t len, size_t i) {
  if (i > 0 && jb_is_alnum(t[i - 1])) return i;
  if (!ascii_at(t, len, i, "http://") && !ascii_at(t, len, i, "https://") &&
      !ascii_at(t, len, i, "ftp://") && !ascii_at(t, len, i, "www."))
    return i;
  size_t e = i;
  while (e < len && t[e] > ' ' && t[e] < 0x7F) e++;
  while (e > i && strchr(".,;:!?)", (int)t[e - 1])) e--;
  return e;
}

/* A bracket pair sits in Chinese when Chinese touches it from outside or inside. */
static int pair_is_chinese(const uint32_t *t, size_t len, size_t open, size_t close) {
  uint32_t before = prev_ns(t, open), after = next_ns(t, len, close);
  uint32_t first = next_ns(t, len, open), last = prev_ns(t, close);
  if (jb_is_chinese(before) || jb_is_chinese(first) || jb_is_chinese(last)) return 1;
  return jb_is_chinese(after) && !jb_is_alnum(before);
}

static int single_is_chinese(const uint32_t *t, size_t len, size_t i) {
  return jb_is_chinese(prev_ns(t, i)) || jb_is_chinese(next_ns(t, len, i));
}

static void pass_punct(jb_doc *d) {
  uint32_t *t = d->text;
  size_t len = d->len, protect = 0, n_open = 0, cap_open = 0;
  size_t *open = NULL;
  for (size_t i = 0; i <= len; i++) {
    uint32_t c = i < len ? t[i] : '\n';
    if (c == '\n') { /* unmatched '(' of the line: decide one by one */
      for (size_t k = 0; k < n_open; k++)
        if (single_is_chinese(t, len, open[k])) t[open[k]] = 0xFF08;
      n_open = 0;
      continue;
    }
    if (i >= protect) {
      size_t e = url_end(t, len, i);
      if (e > i) protect = e;
    }
    if (i < protect || !fullwidth_of(c)) continue;
    if (c == '(') {
      open = jb_grow(d->ctx, open, &cap_open, n_open + 1, sizeof *open);
      open[n_open++] = i;
      continue;
    }
    if (c == ')') {
      if (n_open) {
        size_t o = open[--n_open];
        if (pair_is_chinese(t, len, o, i)) t[o] = 0xFF08, t[i] = 0xFF09;
      } else if (single_is_chinese(t, len, i)) {
        t[i] = 0xFF09;
      }
      continue;
    }
    /* never inside a number (1,000  3.5  12:30) */
    if (i > 0 && i + 1 < len && jb_is_digit(t[i - 1]) && jb_is_digit(t[i + 1])) continue;
    if (single_is_chinese(t, len, i)) t[i] = fullwidth_of(c);
  }
  jb_free(d->ctx, open);
}

/* ---- pass 3: stray spaces ----------------------------------------------- */

static void pass_spaces(jb_doc *d) {
  uint32_t *t = d->text;
  size_t w = 0, len = d->len;
  for (size_t i = 0; i < len;) {
    if (jb_is_hspace(t[i]) && w > 0 && jb_is_chinese(t[w - 1]) && !(d->keep_tabs && t[i] == '\t')) {
      size_t j = i;
      while (j < len && jb_is_hspace(t[j]) && !(d->keep_tabs && t[j] == '\t')) j++;
      if (j < len && jb_is_chinese(t[j])) { /* drop the run */
        i = j;
        continue;
      }
      for (; i < j; i++, w++) t[w] = t[i], d->map[w] = d->map[i], d->olen[w] = d->olen[i];
      continue;
    }
    t[w] = t[i], d->map[w] = d->map[i], d->olen[w] = d->olen[i];
    w++, i++;
  }
  d->map[w] = d->map[len];
  d->len = w;
}

/* ---- segmentation -------------------------------------------------------- */

static int is_closing_punct(uint32_t c) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B || c == 0xFF0C ||
         c == 0x3001 || c == 0xFF1A || c == 0x2026 || c == '.' || c == ',' || c == ';' ||
         c == ':' || c == '!' || c == '?';
}

static int is_sentence_end(uint32_t c) {
  return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?';
}

static int is_close_quote(uint32_t c) {
  return c == 0x201D || c == 0x2019 || c == 0xFF09 || c == 0x300B || c == 0x300D ||
         c == 0x300F || c == 0x3011 || c == '"' || c == '\'' || c == ')';
}

static int looks_like_heading(const jb_doc *d, jb_span p, size_t max_len) {
  size_t n = p.end - p.start, han = 0;
  if (n == 0 || n > max_len) return 0;
  const uint32_t *t = d->text + p.start;
  if (is_closing_punct(t[n - 1])) return 0;
  if (t[0] == 0xFF08 && t[n - 1] == 0xFF09) return 0; /* a credit line (…提供) */
  for (size_t k = 0; k < n; k++) {
    if (is_sentence_end(t[k])) return 0;
    han += jb_is_han(t[k]);
  }
  return han * 2 >= n;
}

static void add_sentence(jb_doc *d, size_t *cap, size_t s, size_t e, size_t para) {
  while (s < e && jb_is_hspace(d->text[s])) s++;
  while (e > s && jb_is_hspace(d->text[e - 1])) e--;
  if (s == e) return;
  d->sents = jb_grow(d->ctx, d->sents, cap, d->n_sents + 1, sizeof *d->sents);
  d->sents[d->n_sents++] = (sentence){{s, e}, para};
}

static void segment(jb_doc *d) {
  size_t cap_p = 0, cap_s = 0;
  const uint32_t *t = d->text;
  for (size_t i = 0; i < d->len;) {
    size_t e = i;
    while (e < d->len && t[e] != '\n') e++;
    size_t s = i, f = e;
    while (s < f && jb_is_hspace(t[s])) s++;
    while (f > s && jb_is_hspace(t[f - 1])) f--;
    if (s < f) {
      d->paras = jb_grow(d->ctx, d->paras, &cap_p, d->n_paras + 1, sizeof *d->paras);
      d->paras[d->n_paras++] = (jb_span){s, f};
    }
    i = e + 1;
  }
  d->kinds = jb_calloc(d->ctx, d->n_paras + 1, 1);
  d->title = JB_NONE;
  for (size_t p = 0; p < d->n_paras; p++) {
    jb_span sp = d->paras[p];
    if (p == 0 && !d->continued && looks_like_heading(d, sp, 40)) {
      d->kinds[p] = JB_PARA_TITLE;
      d->title = 0;
    } else if (looks_like_heading(d, sp, 30)) {
      d->kinds[p] = JB_PARA_HEADING;
    }
    size_t s = sp.start;
    for (size_t k = sp.start; k < sp.end; k++) {
      if (!is_sentence_end(t[k])) continue;
      while (k + 1 < sp.end && (is_sentence_end(t[k + 1]) || is_close_quote(t[k + 1]))) k++;
      add_sentence(d, &cap_s, s, k + 1, p);
      s = k + 1;
    }
    add_sentence(d, &cap_s, s, sp.end, p);
  }
}

/* ---- public ---------------------------------------------------------------- */

/* Decodes valid UTF-8 into an array of exactly its length: sizing it by bytes
 * first cost 4 bytes per input byte at the peak. The text is validated before,
 * so the decoder checks nothing (it is a fifth of ingest on Chinese text). */
static size_t decode_valid(jb_ctx *ctx, const char *s, size_t n, uint32_t **out) {
  size_t count = n, i = 0; /* minus the continuation bytes 10xxxxxx, eight at a time */
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, s + i, 8);
    count -= (size_t)__builtin_popcountll(w & ~(w << 1) & 0x8080808080808080ULL);
  }
  for (; i < n; i++) count -= ((unsigned char)s[i] & 0xC0) == 0x80;
  uint32_t *cps = jb_malloc(ctx, (count + 1) * sizeof *cps);
  const unsigned char *u = (const unsigned char *)s;
  size_t k = 0;
  for (i = 0; i < n && k < count; k++) {
    uint32_t c = u[i];
    if (c < 0x80) {
      i++;
    } else if (c < 0xE0 && i + 1 < n) {
      c = (c & 0x1F) << 6 | (u[i + 1] & 0x3Fu), i += 2;
    } else if (c < 0xF0 && i + 2 < n) {
      c = (c & 0x0F) << 12 | (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu), i += 3;
    } else if (i + 3 < n) {
      c = (c & 0x07) << 18 | (u[i + 1] & 0x3Fu) << 12 | (u[i + 2] & 0x3Fu) << 6 | (u[i + 3] & 0x3Fu), i += 4;
    } else { /* cannot happen on validated text */
      c = 0xFFFD, i++;
    }
    cps[k] = c;
  }
  *out = cps;
  return k;
}

jb_status jb_doc_from_text(jb_ctx *ctx, const char *name, const char *utf8, size_t len,
                           const jb_ingest_opts *opts, jb_doc **out) {
  *out = NULL;
  if (!name) name = "<text>";
  jb_status bad = jb_check_text(ctx, name, utf8, len); /* UTF-8, no NUL; else line:col and the likely encoding */
  if (bad) return bad;
  return jb_doc_make(ctx, name, utf8, len, opts, 0, out);
}

jb_status jb_doc_make(jb_ctx *ctx, const char *name, const char *utf8, size_t len, const jb_ingest_opts *opts,
                      int keep_tabs, jb_doc **out) {
  *out = NULL;
  if (len >= (size_t)UINT32_MAX / 2)
    return jb_fail(ctx, JB_ERR_LIMIT, (jb_loc){name, 0, 0, -1, NULL},
                   "input too large (%zu bytes; the limit is 2 GB)", len);
  int normalize = opts ? opts->normalize : 1;
  jb_doc *d = jb_calloc(ctx, 1, sizeof *d);
  d->ctx = ctx;
  d->name = jb_strdup(ctx, name);
  d->keep_tabs = keep_tabs;
  d->format = "text";
  d->encoding = "UTF-8";
  d->base = opts ? opts->base : 0;
  d->continued = opts ? opts->continued : 0;
  if (opts && jb_doc_date_valid(opts->doc_date)) memcpy(d->given_date, opts->doc_date, sizeof d->given_date);
  d->src_len = decode_valid(ctx, utf8, len, &d->src);
  d->cap = d->src_len + 2;
  d->text = jb_malloc(ctx, d->cap * sizeof *d->text);
  d->map = jb_malloc(ctx, d->cap * sizeof *d->map);
  d->olen = jb_malloc(ctx, d->cap * sizeof *d->olen);
  pass_basic(d, normalize);
  if (normalize) {
    pass_punct(d);
    pass_spaces(d);
  }
  segment(d);
  *out = d;
  return JB_OK;
}

void jb_doc_free(jb_doc *d) {
  if (!d) return;
  jb_ctx *ctx = d->ctx;
  jb_free(ctx, d->name);
  jb_free(ctx, d->src);
  jb_free(ctx, d->text);
  jb_free(ctx, d->map);
  jb_free(ctx, d->olen);
  jb_free(ctx, d->paras);
  jb_free(ctx, d->kinds);
  jb_free(ctx, d->sents);
  jb_doc_struct_free(ctx, d->st);
  jb_free(ctx, d);
}

const char *jb_doc_name(const jb_doc *d) { return d->name; }
size_t jb_doc_base(const jb_doc *d) { return d->base; }
const char *jb_doc_given_date(const jb_doc *d) { return d->given_date[0] ? d->given_date : NULL; }

int jb_doc_date_valid(const char *s) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  size_t n = 0;
  while (s && n < 11 && s[n]) n++;
  if (n != 4 && n != 7 && n != 10) return 0;
  for (size_t i = 0; i < n; i++)
    if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return 0;
  int y = atoi(s), m = n > 4 ? atoi(s + 5) : 1, d = n > 7 ? atoi(s + 8) : 1;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return 0;
  return !(m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400)));
}

const uint32_t *jb_doc_text(const jb_doc *d, size_t *len) {
  if (len) *len = d->len;
  return d->text;
}

const uint32_t *jb_doc_source(const jb_doc *d, size_t *len) {
  if (len) *len = d->src_len;
  return d->src;
}

size_t jb_doc_source_offset(const jb_doc *d, size_t pos) {
  if (pos >= d->len) return d->src_len;
  return d->map[pos];
}

size_t jb_doc_source_end(const jb_doc *d, size_t pos) {
  if (pos == 0) return d->len ? d->map[0] : d->src_len;
  if (pos > d->len) pos = d->len;
  return (size_t)d->map[pos - 1] + d->olen[pos - 1];
}

jb_span jb_doc_source_span(const jb_doc *d, jb_span s) {
  if (s.end <= s.start) {
    size_t o = jb_doc_source_offset(d, s.start);
    return (jb_span){o, o};
  }
  return (jb_span){jb_doc_source_offset(d, s.start), jb_doc_source_end(d, s.end)};
}

size_t jb_doc_paragraph_count(const jb_doc *d) { return d->n_paras; }
jb_span jb_doc_paragraph(const jb_doc *d, size_t i) { return d->paras[i]; }
jb_para_kind jb_doc_paragraph_kind(const jb_doc *d, size_t i) {
  return (jb_para_kind)d->kinds[i];
}
int jb_doc_is_heading(const jb_doc *d, size_t i) { return d->kinds[i] != JB_PARA_BODY; }
size_t jb_doc_title(const jb_doc *d) { return d->title; }
size_t jb_doc_sentence_count(const jb_doc *d) { return d->n_sents; }
jb_span jb_doc_sentence(const jb_doc *d, size_t i) { return d->sents[i].span; }
size_t jb_doc_sentence_paragraph(const jb_doc *d, size_t i) { return d->sents[i].para; }

size_t jb_doc_sentence_at(const jb_doc *d, size_t pos) {
  size_t lo = 0, hi = d->n_sents; /* first sentence whose end > pos */
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (d->sents[mid].span.end <= pos) lo = mid + 1;
    else hi = mid;
  }
  if (lo < d->n_sents && d->sents[lo].span.start <= pos) return lo;
  return JB_NONE;
}

char *jb_doc_utf8(jb_ctx *ctx, const jb_doc *d, jb_span s) {
  jb_buf b;
  jb_buf_init(&b, ctx);
  if (s.end > d->len) s.end = d->len;
  for (size_t k = s.start; k < s.end; k++) jb_buf_add_utf8(&b, d->text[k]);
  return jb_buf_steal(&b);
}
