/* Lexicons (longest match of code-point strings) and the data files:
 * data/gazetteer.tsv (places) and data/numeric_names.tsv (fixed numeric names). */
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extract/internal.h"

void jb_lex_init(jb_lex *l, jb_ctx *ctx) {
  memset(l, 0, sizeof *l);
  l->ctx = ctx;
}

void jb_lex_add(jb_lex *l, const char *utf8, int payload) {
  uint32_t *cps;
  size_t n = jb_utf8_to_cps(l->ctx, utf8, strlen(utf8), &cps);
  if (n == 0) {
    jb_free(l->ctx, cps);
    return;
  }
  l->e = jb_grow(l->ctx, l->e, &l->cap, l->n + 1, sizeof *l->e);
  l->e[l->n++] = (jb_lex_entry){cps, n, payload};
}

static int by_first_then_longest(const void *a, const void *b) {
  const jb_lex_entry *x = a, *y = b;
  if (x->s[0] != y->s[0]) return x->s[0] < y->s[0] ? -1 : 1;
  if (x->n != y->n) return x->n > y->n ? -1 : 1;
  size_t k = 0;
  while (k < x->n && x->s[k] == y->s[k]) k++;
  if (k == x->n) return x->payload - y->payload;
  return x->s[k] < y->s[k] ? -1 : 1;
}

static size_t hash_cp(uint32_t c, size_t cap) { return (c * 2654435761u) & (cap - 1); }

void jb_lex_build(jb_lex *l) {
  if (l->n) qsort(l->e, l->n, sizeof *l->e, by_first_then_longest);
  l->hcap = 16;
  while (l->hcap < l->n * 2 + 2) l->hcap *= 2;
  l->keys = jb_calloc(l->ctx, l->hcap, sizeof *l->keys);
  l->first = jb_calloc(l->ctx, l->hcap, sizeof *l->first);
  l->count = jb_calloc(l->ctx, l->hcap, sizeof *l->count);
  l->bmp = jb_calloc(l->ctx, 0x10000 / 64, sizeof *l->bmp);
  for (size_t i = 0; i < l->n; i++)
    if (l->e[i].s[0] < 0x10000) l->bmp[l->e[i].s[0] >> 6] |= 1ull << (l->e[i].s[0] & 63);
  for (size_t i = 0; i < l->n;) {
    size_t j = i;
    while (j < l->n && l->e[j].s[0] == l->e[i].s[0]) j++;
    size_t h = hash_cp(l->e[i].s[0], l->hcap);
    while (l->count[h]) h = (h + 1) & (l->hcap - 1);
    l->keys[h] = l->e[i].s[0];
    l->first[h] = i;
    l->count[h] = j - i;
    i = j;
  }
}

void jb_lex_fini(jb_lex *l) {
  for (size_t i = 0; i < l->n; i++) jb_free(l->ctx, l->e[i].s);
  jb_free(l->ctx, l->e);
  jb_free(l->ctx, l->keys);
  jb_free(l->ctx, l->first);
  jb_free(l->ctx, l->count);
  jb_free(l->ctx, l->bmp);
  memset(l, 0, sizeof *l);
}

long jb_lex_match(const jb_lex *l, const uint32_t *t, size_t n, size_t i) {
  if (!l->hcap || i >= n) return -1;
  if (t[i] < 0x10000 && !(l->bmp[t[i] >> 6] >> (t[i] & 63) & 1)) return -1;
  size_t h = hash_cp(t[i], l->hcap);
  while (l->count[h] && l->keys[h] != t[i]) h = (h + 1) & (l->hcap - 1);
  if (!l->count[h]) return -1;
  for (size_t k = l->first[h], e = k + l->count[h]; k < e; k++) {
    const jb_lex_entry *x = &l->e[k];
    if (i + x->n > n) continue;
    size_t j = 1; /* the first code point is the key; entries are short: no memcmp call */
    while (j < x->n && t[i + j] == x->s[j]) j++;
    if (j == x->n) return (long)k;
  }
  return -1;
}

/* ---- helpers ------------------------------------------------------------------ */

/* Compares encoded bytes: words are written once in UTF-8 and never decoded here
 * (this runs for every character of a report). */
int jb_match_ascii_cn(const uint32_t *t, size_t n, size_t i, const char *utf8) {
  const char *w = utf8;
  size_t k = i;
  while (*w) {
    if (k >= n) return 0;
    char buf[4];
    size_t m = jb_utf8_encode(t[k], buf);
    for (size_t b = 0; b < m; b++)
      if (w[b] != buf[b]) return 0; /* stops at the NUL too */
    w += m;
    k++;
  }
  return (int)(k - i);
}

size_t jb_match_any(const uint32_t *t, size_t n, size_t i, const char *const *words) {
  if (i >= n) return 0;
  char first[4];
  size_t fm = jb_utf8_encode(t[i], first);
  for (size_t w = 0; words[w]; w++) {
    if (words[w][0] != first[0] || (fm > 1 && words[w][1] != first[1])) continue;
    int m = jb_match_ascii_cn(t, n, i, words[w]);
    if (m) return (size_t)m;
  }
  return 0;
}

/* Length of a word of the list that ends just before position i. */
size_t jb_match_any_before(const uint32_t *t, size_t i, const char *const *words) {
  for (size_t w = 0; words[w]; w++) {
    size_t len = 0;
    for (const char *b = words[w]; *b; b++) len += ((unsigned char)*b & 0xC0) != 0x80;
    if (len <= i && jb_match_ascii_cn(t, i, i - len, words[w]) == (int)len) return len;
  }
  return 0;
}

char *jb_cps_utf8(jb_ctx *ctx, const uint32_t *t, size_t s, size_t e) {
  jb_buf b;
  jb_buf_init(ctx ? &b : &b, ctx);
  for (size_t k = s; k < e; k++) jb_buf_add_utf8(&b, t[k]);
  return jb_buf_steal(&b);
}

/* ---- data files ------------------------------------------------------------------ */

/* Splits a line on tabs in place; returns the number of fields. */
static int split_tabs(char *line, char **f, int max) {
  int n = 0;
  f[n++] = line;
  for (char *p = line; *p && n < max; p++)
    if (*p == '\t') *p = 0, f[n++] = p + 1;
  return n;
}

static long find_place(const jb_gazetteer *g, const char *name) {
  /* lines come in runs with one parent: the previous line's (the first of its name) first */
  long hint = g->n ? g->places[g->n - 1].parent : -1;
  if (hint >= 0 && !strcmp(g->places[hint].name, name)) return hint;
  for (size_t i = 0; i < g->n; i++)
    if (!strcmp(g->places[i].name, name)) return (long)i;
  return -1;
}

typedef jb_status (*line_fn)(jb_ctx *ctx, jb_gazetteer *g, char **f, int nf, jb_loc loc);

static jb_status read_tsv(jb_ctx *ctx, jb_gazetteer *g, const char *rel, line_fn fn) {
  char *path = jb_data_path(ctx, rel);
  char *data = NULL;
  size_t len = 0;
  jb_status st = jb_read_file(ctx, path, &data, &len);
  if (st != JB_OK) {
    jb_free(ctx, path);
    return st;
  }
  int line_no = 0;
  for (char *p = data, *next; p && *p; p = next) {
    next = strchr(p, '\n');
    if (next) *next++ = 0;
    line_no++;
    size_t l = strlen(p);
    if (l && p[l - 1] == '\r') p[--l] = 0;
    if (!l || p[0] == '#') continue;
    char *f[8];
    int nf = split_tabs(p, f, 8);
    st = fn(ctx, g, f, nf, (jb_loc){path, line_no, 1, -1, NULL});
    if (st != JB_OK) break;
  }
  jb_free(ctx, data);
  jb_free(ctx, path);
  return st;
}

static jb_status place_line(jb_ctx *ctx, jb_gazetteer *g, char **f, int nf, jb_loc loc) {
  if (nf < 3) return jb_fail(ctx, JB_ERR_INPUT, loc, "expected name, level, parent, aliases");
  int level = !strcmp(f[1], "province") ? PL_PROVINCE
              : !strcmp(f[1], "prefecture") ? PL_PREFECTURE
              : !strcmp(f[1], "county") ? PL_COUNTY
                                           : -1;
  if (level < 0) return jb_fail(ctx, JB_ERR_INPUT, loc, "unknown level '%s'", f[1]);
  long parent = strcmp(f[2], "-") ? find_place(g, f[2]) : -1;
  if (strcmp(f[2], "-") && parent < 0)
    return jb_fail(ctx, JB_ERR_INPUT, loc, "unknown parent '%s' (list parents first)", f[2]);
  g->places = jb_grow(ctx, g->places, &g->cap, g->n + 1, sizeof *g->places);
  size_t idx = g->n++;
  long province = level == PL_PROVINCE ? (long)idx : parent >= 0 ? g->places[parent].province : -1;
  g->places[idx] = (jb_place){jb_strdup(ctx, f[0]), level, parent, province, 0};
  if (level == PL_COUNTY && province >= 0) g->places[province].aided = 1;
  jb_lex_add(&g->lex, f[0], (int)idx * 4);
  if (nf >= 4 && f[3][0]) {
    for (char *a = f[3], *comma; a && *a; a = comma) {
      comma = strchr(a, ',');
      if (comma) *comma++ = 0;
      size_t al = strlen(a);
      /* a former name keeps an administrative suffix; a short name has none */
      int former = al >= 3 && (!strcmp(a + al - 3, "县") || !strcmp(a + al - 3, "区") ||
                               !strcmp(a + al - 3, "市"));
      size_t cl = strlen(f[0]); /* 民和县 of 民和回族土族自治县: the everyday name, never a former one */
      if (former && cl > 9 && !strcmp(f[0] + cl - 9, "自治县") && !strncmp(f[0], a, al - 3)) former = 0;
      jb_lex_add(&g->lex, a, (int)idx * 4 + (former ? 1 : 2));
    }
  }
  if (nf >= 5 && f[4][0]) jb_lex_add(&g->abbr, f[4], (int)idx * 4 + 2);
  return JB_OK;
}

static jb_status name_line(jb_ctx *ctx, jb_gazetteer *g, char **f, int nf, jb_loc loc) {
  if (nf < 4) return jb_fail(ctx, JB_ERR_INPUT, loc, "expected name, kind, value, period");
  g->name_info = jb_grow(ctx, g->name_info, &g->cap_names, g->n_names + 1, sizeof *g->name_info);
  struct name_info *ni = &g->name_info[g->n_names];
  ni->kind = !strcmp(f[1], "ordinal") ? JB_KIND_ORDINAL : JB_KIND_OTHER;
  ni->value = strcmp(f[2], "-") ? strtod(f[2], NULL) : NAN;
  snprintf(ni->period, sizeof ni->period, "%s", strcmp(f[3], "-") ? f[3] : "");
  jb_lex_add(&g->names, f[0], (int)g->n_names);
  g->n_names++;
  return JB_OK;
}

jb_status jb_gazetteer_load(jb_ctx *ctx, jb_gazetteer *g) {
  memset(g, 0, sizeof *g);
  jb_lex_init(&g->lex, ctx);
  jb_lex_init(&g->abbr, ctx);
  jb_lex_init(&g->names, ctx);
  jb_lex_init(&g->units, ctx);
  jb_lex *cue_lex[] = {&g->cues, &g->verbs, &g->tasks, &g->results, &g->aid};
  for (size_t k = 0; k < 5; k++) jb_lex_init(cue_lex[k], ctx);
  jb_status_lexicons(g);
  for (size_t k = 0; k < 5; k++) jb_lex_build(cue_lex[k]);
  for (size_t u = 0; u < jb_n_units; u++) jb_lex_add(&g->units, jb_units[u].s, (int)u);
  jb_lex_build(&g->units);
  jb_status st = read_tsv(ctx, g, "data/gazetteer.tsv", place_line);
  if (st == JB_OK) st = read_tsv(ctx, g, "data/numeric_names.tsv", name_line);
  jb_lex_build(&g->lex);
  jb_lex_build(&g->abbr);
  jb_lex_build(&g->names);
  return st;
}

void jb_gazetteer_fini(jb_ctx *ctx, jb_gazetteer *g) {
  for (size_t i = 0; i < g->n; i++) jb_free(ctx, g->places[i].name);
  jb_free(ctx, g->places);
  jb_free(ctx, g->name_info);
  jb_lex_fini(&g->lex);
  jb_lex_fini(&g->abbr);
  jb_lex_fini(&g->names);
  jb_lex_fini(&g->units);
  jb_lex_fini(&g->cues);
  jb_lex_fini(&g->verbs);
  jb_lex_fini(&g->tasks);
  jb_lex_fini(&g->results);
  jb_lex_fini(&g->aid);
}

int jb__cp_in(uint32_t c, const char *set) {
  if (c < 0x80) return c && strchr(set, (int)c) != NULL;
  char buf[4];
  size_t m = jb_utf8_encode(c, buf);
  for (const char *p = set; *p;) { /* whole characters of the set, compared as bytes */
    unsigned char u = (unsigned char)*p;
    size_t k = u < 0x80 ? 1 : u < 0xE0 ? 2 : u < 0xF0 ? 3 : 4;
    if (k == m && p[0] == buf[0] && p[1] == buf[1] && (m < 3 || p[2] == buf[2]) && (m < 4 || p[3] == buf[3]))
      return 1;
    for (size_t b = 0; b < k && *p; b++) p++;
  }
  return 0;
}
