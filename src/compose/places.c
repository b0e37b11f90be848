/* Places named in a document, for the digest's county pages. */
#include <stdio.h>
#include <string.h>

#include "compose/places.h"

void jb__gazetteer_load(jb_ctx *ctx, jb_gazetteer *g) {
  char *path = jb_data_path(ctx, "data/gazetteer.tsv"), *data;
  size_t len, cap = 0;
  g->e = NULL, g->n = 0;
  if (jb_read_file(ctx, path, &data, &len)) {
    jb_ctx_clear_error(ctx);
    jb_free(ctx, path);
    return;
  }
  char *save = NULL;
  for (char *line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    jb_gaz_entry e;
    memset(&e, 0, sizeof e);
    if (line[0] == '#' ||
        sscanf(line, "%63[^\t]\t%15[^\t]\t%63[^\t\n]\t%191[^\t\n]", e.name, e.level, e.parent, e.aliases) < 2)
      continue;
    g->e = jb_grow(ctx, g->e, &cap, g->n + 1, sizeof e);
    g->e[g->n++] = e;
  }
  jb_free(ctx, data);
  jb_free(ctx, path);
}

void jb__gazetteer_fini(jb_ctx *ctx, jb_gazetteer *g) {
  jb_free(ctx, g->e);
  g->e = NULL, g->n = 0;
}

const jb_gaz_entry *jb__gazetteer_find(const jb_gazetteer *g, const char *name) {
  for (size_t i = 0; name && i < g->n; i++)
    if (!strcmp(g->e[i].name, name)) return &g->e[i];
  return NULL;
}

/* Calls fn for the name and every alias of two or more Han characters. */
typedef void (*word_fn)(const char *word, int is_alias, void *user);

static void each_word(const jb_gaz_entry *e, word_fn fn, void *user) {
  fn(e->name, 0, user);
  char aliases[192];
  snprintf(aliases, sizeof aliases, "%s", e->aliases);
  char *save = NULL;
  for (char *a = strtok_r(aliases, ",", &save); a; a = strtok_r(NULL, ",", &save))
    if (strlen(a) >= 6) fn(a, 1, user);
}

/* Every gazetteer word is searched in the text: a set of the hashes of the
 * text's 6-byte runs (two Chinese characters) lets most words skip the search. */
static size_t run_hash(const jb_doc_places *dp, const char *p) {
  uint64_t k = 0;
  memcpy(&k, p, 6);
  return (size_t)((k * 0x9E3779B97F4A7C15ull) >> (64 - dp->seen_bits));
}

static void seen_init(jb_doc_places *dp) {
  dp->seen_bits = 10;
  while (dp->seen_bits < 40 && ((size_t)1 << dp->seen_bits) < dp->len * 4) dp->seen_bits++;
  dp->seen = jb_calloc(dp->ctx, ((size_t)1 << dp->seen_bits) / 64 + 1, sizeof *dp->seen);
  for (size_t i = 0; i + 6 <= dp->len; i++) {
    if (((unsigned char)dp->text[i] & 0xC0) == 0x80) continue; /* words begin at a character */
    size_t h = run_hash(dp, dp->text + i);
    dp->seen[h / 64] |= 1ull << (h % 64);
  }
}

/* The first occurrence of word (n bytes) at or after p, as strstr. */
static const char *occ_next(const jb_doc_places *dp, const char *p, const char *word, size_t n) {
  if (n >= 6 && dp->seen) {
    size_t h = run_hash(dp, word);
    if (!(dp->seen[h / 64] >> (h % 64) & 1)) return NULL;
  }
  return strstr(p, word);
}

static void index_word(const char *word, int is_alias, void *user) {
  jb_doc_places *dp = user;
  (void)is_alias;
  size_t n = strlen(word);
  for (const char *p = occ_next(dp, dp->text, word, n); p; p = strstr(p + 1, word)) {
    size_t s = (size_t)(p - dp->text);
    if (s + n > dp->max_end_at[s]) dp->max_end_at[s] = (uint32_t)(s + n);
  }
}

void jb__doc_places_init(jb_ctx *ctx, const jb_gazetteer *g, const jb_doc *doc, const char *region,
                         jb_doc_places *dp) {
  size_t cps;
  jb_doc_text(doc, &cps);
  dp->ctx = ctx;
  dp->text = jb_doc_utf8(ctx, doc, (jb_span){0, cps});
  dp->len = strlen(dp->text);
  dp->region = region ? region : "";
  dp->max_end_at = jb_calloc(ctx, dp->len + 1, sizeof(uint32_t));
  dp->max_end_before = jb_calloc(ctx, dp->len + 1, sizeof(uint32_t));
  seen_init(dp);
  for (size_t i = 0; i < g->n; i++) each_word(&g->e[i], index_word, dp);
  for (size_t i = 1; i <= dp->len; i++) {
    uint32_t prev = dp->max_end_before[i - 1], at = dp->max_end_at[i - 1];
    dp->max_end_before[i] = prev > at ? prev : at;
  }
}

void jb__doc_places_fini(jb_doc_places *dp) {
  jb_free(dp->ctx, dp->text);
  jb_free(dp->ctx, dp->max_end_at);
  jb_free(dp->ctx, dp->max_end_before);
  jb_free(dp->ctx, dp->seen);
}

/* A longer name covers [s, e): one starting earlier and reaching e, or starting at s and going past e. */
static int inside_longer(const jb_doc_places *dp, size_t s, size_t e) {
  return dp->max_end_before[s] >= e || dp->max_end_at[s] > e;
}

/* A short name followed by one of these names something else (贡嘎茶场 is a farm). */
static int names_something_else(const char *after) {
  static const char *const suffixes[] = {"茶场", "农场", "林场", "牧场", "机场", "公司", "集团", "村", "镇",
                                         "乡", "路", "街", "寺", "站", "大道", NULL};
  for (const char *const *x = suffixes; *x; x++)
    if (!strncmp(after, *x, strlen(*x))) return 1;
  return 0;
}

typedef struct occ_query {
  const jb_doc_places *dp;
  int in_region;
  size_t *out, max, n;
} occ_query;

static void find_word(const char *word, int is_alias, void *user) {
  occ_query *q = user;
  size_t len = strlen(word);
  for (const char *p = occ_next(q->dp, q->dp->text, word, len); p && q->n < q->max; p = strstr(p + 1, word)) {
    size_t s = (size_t)(p - q->dp->text);
    if (inside_longer(q->dp, s, s + len)) continue;
    if (is_alias && !q->in_region && names_something_else(p + len)) continue;
    q->out[q->n++] = s;
  }
}

size_t jb__place_occurrences(const jb_doc_places *dp, const jb_gaz_entry *e, size_t *out, size_t max) {
  occ_query q = {dp, *e->parent && strstr(dp->region, e->parent) != NULL, out, max, 0};
  each_word(e, find_word, &q);
  return q.n;
}

size_t jb__doc_places_cp(const jb_doc_places *dp, size_t byte) {
  size_t cp = 0;
  for (size_t i = 0; i < byte && i < dp->len; i++) cp += ((unsigned char)dp->text[i] & 0xC0) != 0x80;
  return cp;
}
